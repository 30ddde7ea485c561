//! `ihanoi sync` when the city answers one pull step with an error: the
//! other steps run, the summary lists the failed one, and the exit code is
//! the pull's own (13) because nothing else failed.

mod support;

use std::io::{Read, Write};

use support::{assert_exit, command, json_of, text};

/// A city on loopback with nothing new whose alerts endpoint fails (500).
fn city_with_broken_alerts() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut socket in listener.incoming().flatten() {
            let mut request = Vec::new();
            let mut buf = [0u8; 4096];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match socket.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            let line = String::from_utf8_lossy(&request);
            let target = line.split(' ').nth(1).unwrap_or("");
            // It advertises its extensions: what a server does not
            // advertise is not asked (and would not be a failure).
            let (status, body) = if target.starts_with("/discovery") {
                (
                    "200 OK",
                    r#"{"extensions":{"alerts":{},"areas":{},"resident_sign_in":{},"request_updates":{}}}"#,
                )
            } else if target.starts_with("/alerts") {
                ("500 Internal Server Error", "[]")
            } else if target.starts_with("/services") || target.starts_with("/areas") {
                ("304 Not Modified", "")
            } else {
                ("200 OK", "[]")
            };
            let _ = write!(
                socket,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

#[cfg(unix)]
#[test]
fn a_failed_pull_step_is_listed_and_exits_13_when_nothing_else_failed() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tokens = dir.path().join("tokens.json");
    std::fs::write(
        &tokens,
        r#"{"vn.ihanoi.access_token":"a","vn.ihanoi.refresh_token":"r"}"#,
    )
    .unwrap();
    std::fs::set_permissions(&tokens, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    let url = city_with_broken_alerts();
    let sync = |args: &[&str]| {
        command(&data)
            .args(["--server", &url, "--api-key", "k"])
            .args(["--insecure-token-file", tokens.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap()
    };

    let json = sync(&["--json", "sync"]);
    assert_exit(&json, 13);
    let summary = json_of(&json.stdout);
    assert_eq!(summary["sent"], 0);
    assert_eq!(
        summary["pull"]["failed_steps"],
        serde_json::json!([{ "step": "alerts", "code": "server_error" }])
    );
    assert_eq!(summary["pull"]["categories"], "notmodified");
    let error = json_of(&json.stderr);
    assert_eq!(error["error"]["kind"], "pull_incomplete");

    let human = sync(&["--lang", "en", "sync"]);
    assert_exit(&human, 13);
    assert!(
        text(&human.stdout).contains("Could not fetch alerts"),
        "{}",
        text(&human.stdout)
    );
    let vi = sync(&["--lang", "vi", "sync"]);
    assert!(
        text(&vi.stdout).contains("Chưa tải được cảnh báo"),
        "{}",
        text(&vi.stdout)
    );
}
