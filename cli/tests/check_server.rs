//! `ihanoi check-server` against the reference server (everything works) and
//! against a plain Open311 server without the app's extensions.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;

use serde_json::Value;
use support::{API_KEY, City, assert_exit, ihanoi_in, json_of, text};

/// The required checks that did not pass.
fn failing(report: &Value) -> Vec<String> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["required"] == true && c["result"] != "ok")
        .map(|c| c["name"].as_str().unwrap().to_owned())
        .collect()
}

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
    assert!(
        said.starts_with("Server profile: with iHaNoi's extensions"),
        "{said}"
    );
    assert!(said.lines().nth(1).unwrap().starts_with("result"), "{said}");
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
    // Only the photos keep it from working: a plain server without sign-in
    // is not refused for that.
    assert_eq!(report["profile"]["sign_in"], "not_offered");
    // Not advertised on a plain server: reports nearby try the filter.
    assert_eq!(report["profile"]["near_search"], "unknown");
    assert_eq!(
        failing(&report),
        vec!["photos in the request (multipart media[])".to_owned()]
    );
    assert_eq!(result("idempotency (client_request_id)"), "missing");
    assert_eq!(result("request updates"), "missing");
    assert_eq!(result("areas"), "missing");
    assert_eq!(result("alerts"), "missing");
    assert_eq!(
        result("resident sign-in (not offered: reports carry the resident's contact fields)"),
        "missing"
    );
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

/// check-server's verdict on each profile is what the full client then does:
/// compatible → `ihanoi report new … --queue` and `ihanoi sync` (no sign-in:
/// these servers have none) deliver the report; not compatible → it is not
/// delivered. Checked over loopback against the reference server's profiles.
#[test]
fn the_verdict_on_each_profile_matches_what_the_client_then_does() {
    for (profile, compatible) in [
        ("plain", true),
        ("plain,strict", true),
        ("plain,numeric-ids", true),
        ("plain,object-errors", true),
        ("plain,no-updates", true),
        ("plain,no-search", true),
        // Plain discovery names no part: the app sends media[], which this
        // server refuses, and check-server says so.
        ("plain,media-field,strict", false),
        // Refused with strict; a lenient one drops the file unseen, which a
        // read-only probe cannot tell (docs/city-api.md).
        ("plain,no-upload,strict", false),
    ] {
        let city = City::start_with_profile(profile);
        let dir = tempfile::tempdir().unwrap();
        let url = city.url();
        let check = ihanoi_in(
            dir.path(),
            &["--json", "--api-key", API_KEY, "check-server", &url],
        );
        let report = json_of(&check.stdout);
        assert_eq!(report["compatible"], compatible, "{profile}: {report}");
        assert_exit(&check, if compatible { 0 } else { 11 });
        assert!(
            city.reports().is_empty(),
            "{profile}: the check created nothing"
        );
        if profile.contains("object-errors") {
            let create = report["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["name"] == "requests (create)")
                .unwrap();
            assert_eq!(create["result"], "ok", "{profile}: {create}");
            assert!(
                create["detail"]
                    .as_str()
                    .unwrap()
                    .contains("non-standard errors")
            );
        }

        let mut args = support::queued_report("iphone4s-gps-small.jpg", &[]);
        args.extend([
            "--server".into(),
            url.clone(),
            "--api-key".into(),
            API_KEY.into(),
        ]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let queued = ihanoi_in(dir.path(), &args);
        assert_exit(&queued, 0);
        let sync = ihanoi_in(dir.path(), &["--json", "sync"]);
        let summary = json_of(&sync.stdout);
        let delivered = city.reports().len();
        if compatible {
            assert_eq!(summary["sent"], 1, "{profile}: {summary}");
            assert_eq!(delivered, 1, "{profile}");
        } else {
            assert_eq!(summary["sent"], 0, "{profile}: {summary}");
            assert_eq!(delivered, 0, "{profile}");
        }
    }
}

/// Profiles with the app's sign-in: the verdicts the README's table states
/// (the client's side on these profiles is core/tests/server_profiles.rs).
#[test]
fn profiles_with_sign_in_get_the_verdicts_the_readme_states() {
    for (profile, compatible) in [
        ("media-field,strict", true),
        ("no-updates,strict", true),
        ("no-idempotency,strict", true),
        ("numeric-ids", true),
        ("object-errors", true),
        ("no-upload", false),
    ] {
        let city = City::start_with_profile(profile);
        let dir = tempfile::tempdir().unwrap();
        let check = ihanoi_in(
            dir.path(),
            &["--json", "--api-key", API_KEY, "check-server", &city.url()],
        );
        let report = json_of(&check.stdout);
        assert_eq!(report["compatible"], compatible, "{profile}: {report}");
        assert_eq!(report["profile"]["sign_in"], "offered", "{profile}");
        assert_eq!(report["profile"]["near_search"], "offered", "{profile}");
        if compatible {
            assert!(failing(&report).is_empty(), "{profile}: {report}");
        } else {
            assert_eq!(
                failing(&report),
                vec!["photos in the request (multipart media[])".to_owned()],
                "{profile}"
            );
        }
        assert!(city.reports().is_empty(), "{profile}: nothing created");
    }
}
