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

/// The full client as a resident uses it: `report new … --queue` (a real
/// photo) and `sync` on `url`; the sync's summary.
fn file_as_a_resident(dir: &std::path::Path, url: &str) -> Value {
    let mut args = support::queued_report("iphone4s-gps-small.jpg", &[]);
    args.extend([
        "--server".into(),
        url.to_owned(),
        "--api-key".into(),
        API_KEY.into(),
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_exit(&ihanoi_in(dir, &args), 0);
    json_of(&ihanoi_in(dir, &["--json", "sync"]).stdout)
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

        let summary = file_as_a_resident(dir.path(), &url);
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
        // Says it takes no photos: reports go without them, the resident
        // told before queueing (core/tests/server_profiles.rs).
        ("no-upload", true),
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
        assert!(failing(&report).is_empty(), "{profile}: {report}");
        let photos = report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| {
                c["name"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("photos in the request"))
            })
            .unwrap();
        assert_eq!(
            (photos["result"].as_str(), photos["required"].as_bool()),
            if profile == "no-upload" {
                (Some("missing"), Some(false))
            } else {
                (Some("ok"), Some(true))
            },
            "{profile}: {photos}"
        );
        assert!(city.reports().is_empty(), "{profile}: nothing created");
    }
}

/// The row of `report` called `name`.
fn check_row<'a>(report: &'a Value, name: &str) -> Option<&'a Value> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
}

/// Whether the city's copy of a report has a photo.
fn has_photo(report: &Value) -> bool {
    report["media_url"].as_str().is_some_and(|u| !u.is_empty())
}

/// `check-server URL --write ve_sinh_moi_truong --json`.
fn check_writing(dir: &std::path::Path, url: &str) -> std::process::Output {
    ihanoi_in(
        dir,
        &[
            "--json",
            "--api-key",
            API_KEY,
            "check-server",
            url,
            "--write",
            "ve_sinh_moi_truong",
        ],
    )
}

/// `check-server --write`: the app's own code files one test report,
/// labelled as such, and the verdict includes what only writing shows — a
/// server that creates the report but drops its photo. On each profile the
/// verdict is what the full client then does with a resident's report:
/// delivered with its photo where the check says so, delivered without it
/// where the check found the photo dropped, not delivered where the create
/// check failed. A server with sign-in is not written to.
#[test]
fn written_verdicts_on_each_profile_match_what_the_client_then_does() {
    // (profile, compatible, create row, photo row)
    for (profile, compatible, create, photo) in [
        ("plain", true, "ok", Some("ok")),
        ("plain,strict", true, "ok", Some("ok")),
        ("plain,numeric-ids,object-errors", true, "ok", Some("ok")),
        ("plain,strict,city-forms", true, "ok", Some("ok")),
        // Reads `media`, quietly drops `media[]`: only writing shows it.
        ("plain,media-field", false, "ok", Some("broken")),
        // Takes no files and does not say so: the same.
        ("plain,no-upload", false, "ok", Some("broken")),
        // Refuses the `media[]` part outright.
        ("plain,no-upload,strict", false, "broken", None),
    ] {
        let city = City::start_with_profile(profile);
        let dir = tempfile::tempdir().unwrap();
        let url = city.url();
        let check = check_writing(dir.path(), &url);
        let report = json_of(&check.stdout);
        assert_eq!(report["compatible"], compatible, "{profile}: {report}");
        assert_exit(&check, if compatible { 0 } else { 11 });
        let written = check_row(&report, "test report (--write)").unwrap();
        assert_eq!(written["result"], create, "{profile}: {written}");
        let photo_row = check_row(&report, "test report's photo (--write)");
        assert_eq!(
            photo_row.map(|r| r["result"].as_str().unwrap()),
            photo,
            "{profile}: {report}"
        );
        let held = city.reports();
        let tests: Vec<&Value> = held
            .iter()
            .filter(|r| {
                r["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("[iHaNoi check-server]"))
            })
            .collect();
        assert_eq!(tests.len(), held.len(), "{profile}: only the test report");
        assert_eq!(
            tests.len(),
            usize::from(create == "ok"),
            "{profile}: one test report, labelled"
        );

        // The full client, as a resident uses it.
        let summary = file_as_a_resident(dir.path(), &url);
        let resident: Vec<Value> = city
            .reports()
            .into_iter()
            .filter(|r| {
                r["description"]
                    .as_str()
                    .is_some_and(|d| d.starts_with("Rác"))
            })
            .collect();
        if create == "ok" {
            assert_eq!(summary["sent"], 1, "{profile}: {summary}");
            assert_eq!(resident.len(), 1, "{profile}");
            assert_eq!(
                has_photo(&resident[0]),
                photo == Some("ok"),
                "{profile}: the photo arrives exactly where the check said"
            );
        } else {
            assert_eq!(summary["sent"], 0, "{profile}: {summary}");
            assert!(resident.is_empty(), "{profile}");
        }
    }

    // A server with the app's sign-in: nothing written, and said so.
    let city = City::start_with_profile("full");
    let dir = tempfile::tempdir().unwrap();
    let check = check_writing(dir.path(), &city.url());
    let report = json_of(&check.stdout);
    assert_eq!(report["compatible"], true, "{report}");
    let written = check_row(&report, "test report (--write)").unwrap();
    assert_eq!(written["result"], "missing", "{written}");
    assert!(written["detail"].as_str().unwrap().contains("sign-in"));
    assert!(city.reports().is_empty());
}
