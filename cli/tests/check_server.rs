//! `ihanoi check-server` against the reference server (everything works) and
//! against a plain Open311 server without the app's extensions.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use serde_json::Value;
use support::{API_KEY, City, assert_exit, ihanoi_in, json_of, text};

fn results(report: &Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["result"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn the_reference_server_passes_every_check() {
    let city = City::start();
    let dir = tempfile::tempdir().unwrap();
    let run = ihanoi_in(
        dir.path(),
        &["--json", "--api-key", API_KEY, "check-server", &city.url()],
    );
    assert_exit(&run, 0);
    let report = json_of(&run.stdout);
    assert_eq!(report["compatible"], true);
    for (name, result) in results(&report) {
        assert_eq!(result, "ok", "{name}: {report}");
    }
    // Nothing was created by the probes.
    assert!(city.reports().is_empty());

    let table = ihanoi_in(
        dir.path(),
        &[
            "--lang",
            "en",
            "--api-key",
            API_KEY,
            "check-server",
            &city.url(),
        ],
    );
    assert_exit(&table, 0);
    let said = text(&table.stdout);
    assert!(said.starts_with("result"), "{said}");
    assert!(said.contains("resident sign-in"), "{said}");
}

/// A bare GeoReport v2 server: discovery, services and requests (JSON, form
/// bodies only), nothing else.
fn plain_open311_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            if reader.read_line(&mut request_line).is_err() {
                continue;
            }
            let mut length = 0usize;
            let mut multipart = false;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("content-type:") && lower.contains("multipart/") {
                    multipart = true;
                }
            }
            let mut body = vec![0; length];
            let _ = reader.read_exact(&mut body);
            let mut parts = request_line.split_whitespace();
            let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
            let path = target.split('?').next().unwrap_or("");
            let (status, json) = match (method, path) {
                ("GET", "/discovery.json") => (
                    "200 OK",
                    r#"{"changeset":"2026-01-01T00:00:00Z","endpoints":[{"specification":"http://wiki.open311.org/GeoReport_v2","url":"x","formats":["application/json"]}]}"#,
                ),
                ("GET", "/services.json") => (
                    "200 OK",
                    r#"[{"service_code":"001","service_name":"Potholes","metadata":false,"type":"realtime"}]"#,
                ),
                ("GET", "/requests.json") => ("200 OK", "[]"),
                ("POST", "/requests.json") if multipart => (
                    "415 Unsupported Media Type",
                    r#"[{"code":415,"description":"form bodies only"}]"#,
                ),
                ("POST", "/requests.json") => (
                    "400 Bad Request",
                    r#"[{"code":400,"description":"service_code required"}]"#,
                ),
                _ => (
                    "404 Not Found",
                    r#"[{"code":404,"description":"not found"}]"#,
                ),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{json}",
                json.len()
            );
        }
    });
    url
}

#[test]
fn a_plain_open311_server_lacks_the_extensions_the_app_needs() {
    let url = plain_open311_server();
    let dir = tempfile::tempdir().unwrap();
    let run = ihanoi_in(
        dir.path(),
        &["--json", "--api-key", "k", "check-server", &url],
    );
    assert_exit(&run, 11);
    let report = json_of(&run.stdout);
    assert_eq!(report["compatible"], false);
    let results = results(&report);
    let result = |name: &str| {
        results
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.as_str())
            .unwrap_or_else(|| panic!("no check {name}"))
    };
    assert_eq!(result("discovery"), "ok");
    assert_eq!(result("services"), "ok");
    assert_eq!(result("requests (list)"), "ok");
    assert_eq!(result("requests (create)"), "ok");
    assert_eq!(
        result("photos in the request (multipart media[])"),
        "missing"
    );
    assert_eq!(result("idempotency (client_request_id)"), "missing");
    assert_eq!(result("request updates"), "missing");
    assert_eq!(result("areas"), "missing");
    assert_eq!(result("alerts"), "missing");
    assert_eq!(result("resident sign-in"), "missing");
    assert_eq!(result("ETag / 304"), "missing");
    let error = json_of(&run.stderr);
    assert_eq!(error["error"]["kind"], "server_incompatible");

    // Nothing listening: exit 7, in plain words.
    let closed = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let unreachable = ihanoi_in(dir.path(), &["--lang", "en", "check-server", &closed]);
    assert_exit(&unreachable, 7);
    assert!(text(&unreachable.stderr).contains("Could not reach the server"));
    // Plain HTTP to a public host is refused before any byte is sent.
    assert_exit(
        &ihanoi_in(dir.path(), &["check-server", "http://city.example.vn"]),
        2,
    );
}
