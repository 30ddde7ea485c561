//! `ihanoi doctor` as a process: against the reference server on loopback
//! after sign-in and sync (every row ok, exit 0), and with planted faults —
//! the remembered server gone and nobody signed in (exit 12, the rows say
//! which and what to do).

mod support;

use serde_json::Value;
use support::{API_KEY, City, assert_exit, ihanoi_in, json_of, text};

const PHONE: &str = "0987654321";
const NORMALISED: &str = "+84987654321";

fn statuses(report: &Value) -> Vec<(String, String)> {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["code"].as_str().unwrap().to_owned(),
                c["status"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn status_of(report: &Value, code: &str) -> String {
    statuses(report)
        .into_iter()
        .find(|(c, _)| c == code)
        .unwrap_or_else(|| panic!("no {code} in {report}"))
        .1
}

#[test]
fn a_signed_in_synced_installation_is_all_ok() {
    let city = City::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("phone");
    let tokens = dir.path().join("tokens.json");
    let tokens = tokens.to_str().unwrap();
    let url = city.url();
    let run = |args: &[&str]| {
        let mut all = vec!["--insecure-token-file", tokens];
        all.extend_from_slice(args);
        ihanoi_in(&data, &all)
    };
    assert_exit(
        &run(&[
            "--server",
            &url,
            "--api-key",
            API_KEY,
            "login",
            PHONE,
            "--request-code",
        ]),
        0,
    );
    let code = city.sign_in_code(NORMALISED).expect("a code was sent");
    assert_exit(&run(&["login", PHONE, "--code", &code]), 0);
    assert_exit(&run(&["sync"]), 0);

    let checked = run(&["--json", "doctor"]);
    assert_exit(&checked, 0);
    let report = json_of(&checked.stdout);
    assert_eq!(report["verdict"], "ok", "{report}");
    let rows = statuses(&report);
    assert!(rows.len() >= 9, "{report}");
    for (code, status) in rows {
        assert_eq!(status, "ok", "{code}: {report}");
    }
    let row = &report["checks"][0];
    assert!(row.get("detail").is_some(), "detail in {row}");
    // Every text the core words is {"vi": …, "en": …}.
    for field in ["label", "action"] {
        for language in ["vi", "en"] {
            assert!(
                row[field][language].is_string(),
                "{field}.{language} in {row}"
            );
        }
    }
    assert!(!row["label"]["vi"].as_str().unwrap().is_empty(), "{row}");

    let table = run(&["--lang", "en", "doctor"]);
    assert_exit(&table, 0);
    let said = text(&table.stdout);
    assert!(said.starts_with("result"), "{said}");
    assert!(said.contains("server_reachable"), "{said}");
    assert!(said.contains("Verdict: ok"), "{said}");
}

#[test]
fn a_gone_server_and_no_sign_in_fail_with_what_to_do() {
    // The remembered server's port is closed.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let gone = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("phone");
    let tokens = dir.path().join("tokens.json");
    let tokens = tokens.to_str().unwrap();
    let run = |args: &[&str]| {
        let mut all = vec!["--insecure-token-file", tokens];
        all.extend_from_slice(args);
        ihanoi_in(&data, &all)
    };

    let checked = run(&["--json", "--server", &gone, "--api-key", API_KEY, "doctor"]);
    assert_exit(&checked, 12);
    let report = json_of(&checked.stdout);
    assert_eq!(report["verdict"], "fail");
    assert_eq!(status_of(&report, "server_reachable"), "fail");
    assert_eq!(status_of(&report, "clock"), "warn");
    assert_eq!(status_of(&report, "sign_in"), "fail");
    let error = json_of(&checked.stderr);
    assert_eq!(error["error"]["kind"], "device_check_failed");
    assert!(
        error["error"]["message"]
            .as_str()
            .unwrap()
            .contains("server_reachable"),
        "{error}"
    );

    // The table, in Vietnamese by default, says what to do.
    let table = run(&["doctor"]);
    assert_exit(&table, 12);
    let said = text(&table.stdout);
    assert!(said.contains("LỖI"), "{said}");
    assert!(
        said.contains("Không kết nối được máy chủ thành phố"),
        "{said}"
    );
    assert!(said.contains("→ Mở iHaNoi → Đăng nhập"), "{said}");
    assert!(said.contains("Kết luận: LỖI"), "{said}");

    // No server ever given: that is a row too, not a usage error.
    let fresh = tempfile::tempdir().unwrap();
    let unset = ihanoi_in(
        fresh.path(),
        &["--json", "--insecure-token-file", tokens, "doctor"],
    );
    assert_exit(&unset, 12);
    let report = json_of(&unset.stdout);
    let reachable = &report["checks"][0];
    assert_eq!(reachable["code"], "server_reachable");
    assert_eq!(reachable["detail"], "not_configured");
}
