//! The resident's flow as processes against the reference server on loopback:
//! sign-in (code typed at the prompt, or --code), a report with a photo and a
//! position, sync, the ward's answer, the timeline in `show`, sign-out.
//! Tokens go to an explicit --insecure-token-file here (CI has no keyring);
//! the keyring itself is checked in its own test.

mod support;

use std::io::Write;
use std::process::Stdio;
use std::time::Duration;

use support::{API_KEY, City, assert_exit, command, ihanoi_in, json_of, queued_report, text};

const PHONE: &str = "0987654321";
const NORMALISED: &str = "+84987654321";

/// A data directory with its token file (the explicit CI fallback).
struct Phone {
    data: std::path::PathBuf,
    tokens: String,
    _dir: tempfile::TempDir,
}

impl Phone {
    fn new() -> Phone {
        let dir = tempfile::tempdir().unwrap();
        Phone {
            data: dir.path().join("phone"),
            tokens: dir.path().join("tokens.json").to_str().unwrap().to_owned(),
            _dir: dir,
        }
    }

    fn run<S: AsRef<str>>(&self, args: &[S]) -> std::process::Output {
        let mut all = vec!["--insecure-token-file", self.tokens.as_str()];
        all.extend(args.iter().map(AsRef::as_ref));
        ihanoi_in(&self.data, &all)
    }
}

#[test]
fn sign_in_report_sync_answer_and_timeline() {
    let city = City::start();
    let phone = Phone::new();
    let (data, tokens) = (&phone.data, phone.tokens.as_str());
    let url = city.url();
    let run = |args: &[&str]| phone.run(args);

    // Nothing to sync with yet: no server given.
    let no_server = run(&["--json", "sync"]);
    assert_exit(&no_server, 2);
    assert_eq!(
        json_of(&no_server.stderr)["error"]["kind"],
        "not_configured"
    );

    // Not signed in: sending waits, exit 8. The server and key are remembered.
    let signed_out = run(&["--server", &url, "--api-key", API_KEY, "sync"]);
    assert_exit(&signed_out, 8);
    assert!(text(&signed_out.stderr).contains("ihanoi login"));

    // Sign in: the code typed at the prompt.
    let mut login = command(data)
        .args(["--insecure-token-file", tokens, "login", PHONE])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let code = (0..200)
        .find_map(|_| {
            std::thread::sleep(Duration::from_millis(50));
            city.sign_in_code(NORMALISED)
        })
        .expect("the city issued a code");
    writeln!(login.stdin.take().unwrap(), "{code}").unwrap();
    let login = login.wait_with_output().unwrap();
    assert_exit(&login, 0);
    assert!(
        text(&login.stderr).contains("Nhập mã"),
        "{}",
        text(&login.stderr)
    );
    assert!(text(&login.stdout).contains("Đã đăng nhập."));
    // The token file holds the tokens, readable by this user only.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(tokens).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }

    // First signed-in sync: nothing to send; the categories were already
    // cached by the signed-out sync (the public parts need no session).
    let first = run(&["--json", "sync"]);
    assert_exit(&first, 0);
    let first = json_of(&first.stdout);
    assert_eq!(first["sent"], 0);
    assert_eq!(first["pull"]["categories"], "notmodified");
    let categories = json_of(&run(&["--json", "categories"]).stdout);
    assert!(
        categories["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["code"] == "ve_sinh_moi_truong")
    );

    // A report with a photo and a device fix, queued at once.
    let made = phone.run(&queued_report(
        "phone-12mp-rot6-hanoi.jpg",
        &["--accuracy", "8"],
    ));
    assert_exit(&made, 0);
    let made = json_of(&made.stdout);
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(made["state"], "queued");
    assert_eq!(made["photos"].as_array().unwrap().len(), 1);
    assert_eq!(made["photos"][0]["source"], "gallery");
    assert_eq!(made["location"]["source"], "device_gps");
    assert_eq!(made["location"]["area_code"], "00070");

    let sent = run(&["--json", "sync"]);
    assert_exit(&sent, 0);
    assert_eq!(json_of(&sent.stdout)["sent"], 1);
    let held = city.reports();
    assert_eq!(held.len(), 1);
    let service_request_id = held[0]["service_request_id"].as_str().unwrap().to_owned();

    // The ward answers; the next sync pulls it into the timeline.
    city.act(&service_request_id, "accept", "Đã tiếp nhận.");
    city.act(&service_request_id, "resolve", "Đã thu gom rác.");
    let pulled = run(&["--json", "sync"]);
    assert_exit(&pulled, 0);
    assert_eq!(json_of(&pulled.stdout)["pull"]["new_updates"], 2);

    let shown = run(&["--json", "show", &id]);
    assert_exit(&shown, 0);
    let shown = json_of(&shown.stdout);
    assert_eq!(shown["state"], "submitted");
    assert_eq!(
        shown["submission"]["service_request_id"],
        service_request_id.as_str()
    );
    assert_eq!(shown["status"]["detailed_status"], "resolved");
    let kinds: Vec<&str> = shown["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["accepted", "resolved"]);
    assert_eq!(shown["timeline"][1]["text"], "Đã thu gom rác.");

    let human = run(&["--lang", "en", "show", &id]);
    let said = text(&human.stdout);
    assert!(said.contains("Timeline:"), "{said}");
    assert!(said.contains("“Đã thu gom rác.”"), "{said}");
    // The location's words come from the core, in the language asked for.
    assert!(said.contains("±8 m (device GPS, good)"), "{said}");
    let said_vi = text(&run(&["show", &id]).stdout);
    assert!(said_vi.contains("±8 m (GPS của máy, tốt)"), "{said_vi}");

    // Sign out: tokens gone, the report stays.
    assert_exit(&run(&["logout"]), 0);
    assert!(!std::fs::read_to_string(tokens).unwrap().contains("access"));
    assert_exit(&run(&["show", &id]), 0);
    assert_exit(&run(&["sync"]), 8);
}

#[test]
fn a_wrong_code_is_refused_with_exit_8_and_login_with_code_works() {
    let city = City::start();
    let phone = Phone::new();
    let url = city.url();
    // The server and key are remembered from the first call.
    assert_exit(
        &phone.run(&["--server", &url, "--api-key", API_KEY, "categories"]),
        0,
    );
    let run = |args: &[&str]| phone.run(args);
    let asked = run(&["--json", "login", PHONE, "--request-code"]);
    assert_exit(&asked, 0);
    assert_eq!(json_of(&asked.stdout)["phone"], NORMALISED);
    let code = city.sign_in_code(NORMALISED).unwrap();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = run(&["--json", "login", PHONE, "--code", wrong]);
    assert_exit(&refused, 8);
    assert_eq!(json_of(&refused.stderr)["error"]["kind"], "sign_in_needed");
    assert_exit(&run(&["login", PHONE, "--code", &code]), 0);
}

/// The OS keyring: where the kernel's keyutils answer (a normal Linux login,
/// most VMs), tokens round-trip through it and never touch a file; where they
/// do not (a container whose seccomp profile blocks keyctl), `login` stops
/// before texting a code, with exit 10 and the documented fallback.
#[test]
fn tokens_go_to_the_os_keyring_or_a_clear_error_names_the_fallback() {
    let city = City::start();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("phone");
    let url = city.url();
    let asked = ihanoi_in(
        &data,
        &[
            "--server",
            &url,
            "--api-key",
            API_KEY,
            "--json",
            "login",
            PHONE,
            "--request-code",
        ],
    );
    match asked.status.code() {
        Some(0) => {
            let code = city.sign_in_code(NORMALISED).unwrap();
            assert_exit(&ihanoi_in(&data, &["login", PHONE, "--code", &code]), 0);
            // Signed in from another process: the session is in the keyring.
            assert_exit(&ihanoi_in(&data, &["sync"]), 0);
            // No token file was written: the keyring holds the session.
            assert!(!data.join("tokens.json").exists());
            assert_exit(&ihanoi_in(&data, &["logout"]), 0);
            assert_exit(&ihanoi_in(&data, &["sync"]), 8);
        }
        Some(10) => {
            let error = json_of(&asked.stderr);
            assert_eq!(error["error"]["kind"], "secret_store");
            assert!(
                error["error"]["message"]
                    .as_str()
                    .unwrap()
                    .contains("--insecure-token-file")
            );
            // Stopped before asking for a code.
            assert_eq!(city.sign_in_code(NORMALISED), None);
        }
        other => panic!("exit {other:?}: {}", text(&asked.stderr)),
    }
}

/// Ctrl-C during an upload: the core's cancel, exit 130, the report still
/// queued (the next sync sends it under the same id).
#[cfg(unix)]
#[test]
fn ctrl_c_cancels_a_sync_and_keeps_the_report_queued() {
    use std::net::TcpListener;
    use std::sync::mpsc;

    // A server that accepts and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (accepted, connected) = mpsc::channel();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
            let _ = accepted.send(());
        }
    });
    let phone = Phone::new();
    // A session as the keyring would hold it (the server never checks it).
    std::fs::write(
        &phone.tokens,
        r#"{"vn.ihanoi.access_token":"a","vn.ihanoi.refresh_token":"r"}"#,
    )
    .unwrap();
    // Only the user may read a token file (others' access is refused).
    std::fs::set_permissions(
        &phone.tokens,
        std::os::unix::fs::PermissionsExt::from_mode(0o600),
    )
    .unwrap();
    let made = phone.run(&queued_report(
        "iphone4s-gps-small.jpg",
        &["--server", &url, "--api-key", API_KEY],
    ));
    assert_exit(&made, 0);
    let id = json_of(&made.stdout)["id"].as_str().unwrap().to_owned();

    let sync = command(&phone.data)
        .args(["--insecure-token-file", &phone.tokens, "--json", "sync"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    connected
        .recv_timeout(Duration::from_secs(120))
        .expect("the sync connected");
    let killed = std::process::Command::new("kill")
        .args(["-INT", &sync.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let sync = sync.wait_with_output().unwrap();
    assert_exit(&sync, 130);
    assert_eq!(json_of(&sync.stdout)["cancelled"], true);
    assert_eq!(json_of(&sync.stderr)["error"]["kind"], "cancelled");
    assert_eq!(
        json_of(&phone.run(&["--json", "show", &id]).stdout)["state"],
        "queued"
    );
}
