//! SIGKILL while syncing: a child process (this test binary, re-run as the
//! ignored test `sync_crash_child`) opens the phone's data directory and syncs
//! through the fault proxy, which adds latency and a bandwidth cap so that
//! uploads take a while; the parent kills it at a random moment, ≥ 100 times
//! (`IHANOI_SYNC_CRASH_KILLS`), starting a new child after each kill. Then the
//! parent opens the phone itself and syncs to the end: every report must exist
//! exactly once on the server and once, submitted with the server's id, on the
//! phone.
//!
//! The full run (100 kills) is made against the full API and against a server
//! without idempotency, where the phone looks an interrupted report up before
//! posting it again (docs/sync.md § Exactly once); a plain, strict GeoReport
//! v2 server (no sign-in, no idempotency, personal fields) gets 25 kills, to
//! keep CI within its time.

mod sync_support;

use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::mpsc;
use std::time::Duration;

use ihanoi_core::photos::CompressOptions;
use ihanoi_core::secrets::{InMemorySecretStore, SecretStore, keys};
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_fault_proxy::{ProxyConfig, Rng};
use sync_support::{
    PhotoMaker, assert_each_report_exactly_once, city_with_profile_behind_proxy, has_sign_in, knob,
    open_phone, queue_report, quick_tuning, runtime, seed, sign_in, sync_until_done,
};

const CHILD_TEST: &str = "sync_crash_child";
const DIR_ENV: &str = "IHANOI_SYNC_CRASH_DIR";
const URL_ENV: &str = "IHANOI_SYNC_CRASH_URL";
const ACCESS_ENV: &str = "IHANOI_SYNC_CRASH_ACCESS";
const REFRESH_ENV: &str = "IHANOI_SYNC_CRASH_REFRESH";

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| {
        panic!("{name} not set: this test only runs as the sync crash test's child")
    })
}

/// The child: syncs until nothing waits (saying `SYNC` on stderr before each
/// run), then says `DONE` and idles until it is killed.
#[test]
#[ignore = "run by the crash runs below as their child"]
fn sync_crash_child() {
    let secrets = Arc::new(InMemorySecretStore::new());
    // No tokens: a server without sign-in, where reports go out without one.
    if let (Ok(access), Ok(refresh)) = (std::env::var(ACCESS_ENV), std::env::var(REFRESH_ENV)) {
        secrets.set(keys::ACCESS_TOKEN, &access).unwrap();
        secrets.set(keys::REFRESH_TOKEN, &refresh).unwrap();
    }
    let core = open_phone(
        Path::new(&env(DIR_ENV)),
        secrets,
        &env(URL_ENV),
        quick_tuning(),
    );
    let mut out = std::io::stderr().lock();
    loop {
        writeln!(out, "SYNC").unwrap();
        out.flush().unwrap();
        let summary = core
            .sync_blocking(
                SyncOptions::default(),
                Arc::new(NoListener),
                CancelToken::new(),
            )
            .unwrap();
        if summary.waiting == 0 {
            writeln!(out, "DONE").unwrap();
            out.flush().unwrap();
            loop {
                std::thread::sleep(Duration::from_secs(1));
            }
        }
        if let Some(at) = summary.next_retry_at_ms {
            let wait = at - ihanoi_core::time::now_ms();
            if wait > 0 {
                std::thread::sleep(Duration::from_millis(wait as u64));
            }
        }
    }
}

/// Reports the phone's database says are being uploaded right now.
fn sending(phone_dir: &Path) -> u32 {
    let conn = rusqlite::Connection::open(phone_dir.join("ihanoi.sqlite3")).unwrap();
    conn.query_row(
        "SELECT count(*) FROM reports WHERE state = 'sending'",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn sigkills_while_syncing_leave_each_report_once_on_both_sides() {
    crash_run("full", knob("IHANOI_SYNC_CRASH_KILLS", 100) as u32);
}

#[test]
fn without_idempotency_sigkills_leave_each_report_once_by_lookup() {
    crash_run(
        "no-idempotency",
        knob("IHANOI_SYNC_CRASH_KILLS", 100) as u32,
    );
}

#[test]
fn on_a_plain_strict_server_sigkills_leave_each_report_once_by_lookup() {
    crash_run(
        "plain,strict",
        knob("IHANOI_SYNC_CRASH_KILLS_PER_PROFILE", 25) as u32,
    );
}

/// `kills` SIGKILLs of a syncing child against the reference server under
/// `profile`, then a clean sync and the audit.
fn crash_run(profile: &str, kills: u32) {
    let runtime = runtime();
    // 40 ms round trip and 64 KB/s up: a report's ~5 KB photo takes ~0.1 s
    // on the wire, so kills land before, during and after uploads.
    let (city, proxy) = city_with_profile_behind_proxy(&runtime, profile, |relay| ProxyConfig {
        bandwidth_up: Some(64 * 1024),
        ..relay.with_round_trip(Duration::from_millis(40))
    });

    let dir = tempfile::tempdir().unwrap();
    let phone_dir = dir.path().join("app");
    let camera = dir.path().join("camera");
    let secrets = Arc::new(InMemorySecretStore::new());
    // About two reports go out per child on average: enough left for the
    // last kills to land mid-upload too.
    let reports = 2 * kills.max(10) as usize;
    let ids: Vec<String> = {
        let phone = open_phone(&phone_dir, secrets.clone(), &proxy.url(), quick_tuning());
        if has_sign_in(profile) {
            runtime.block_on(sign_in(&phone, &city));
        }
        let photos = PhotoMaker::new(&camera);
        phone
            .set_photo_input_dirs(std::slice::from_ref(&camera))
            .unwrap();
        (0..reports)
            .map(|n| {
                queue_report(
                    &phone,
                    n,
                    &[photos.make(n as u64)],
                    &CompressOptions::default(),
                )
            })
            .collect()
    };
    let token = |key| secrets.get(key).unwrap();
    let tokens = token(keys::ACCESS_TOKEN).zip(token(keys::REFRESH_TOKEN));

    let exe = std::env::current_exe().unwrap();
    let mut rng = Rng::new(seed("IHANOI_SYNC_CRASH_SEED"));
    let (mut mid_upload, mut after_done) = (0u32, 0u32);
    for kill in 1..=kills {
        let mut command = Command::new(&exe);
        command
            .args([
                "--exact",
                CHILD_TEST,
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_ENV, &phone_dir)
            .env(URL_ENV, proxy.url())
            .env_remove(ACCESS_ENV)
            .env_remove(REFRESH_ENV);
        if let Some((access, refresh)) = &tokens {
            command.env(ACCESS_ENV, access).env(REFRESH_ENV, refresh);
        }
        let mut child = command
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (lines, said) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        // One kill in ten lands while the child starts (opening, requeueing);
        // the others during the sync: half within about two uploads, half
        // within a second (several reports go out first).
        let mut done = false;
        if rng.below(10) > 0 {
            loop {
                match said.recv() {
                    Ok(line) if line == "SYNC" => break,
                    Ok(line) if line == "DONE" => {
                        done = true;
                        break;
                    }
                    Ok(_) => continue,
                    Err(_) => panic!("kill {kill}: the child ended by itself: {:?}", child.wait()),
                }
            }
        }
        let within_us = if rng.below(2) == 0 {
            250_000
        } else {
            1_000_000
        };
        std::thread::sleep(Duration::from_micros(rng.below(within_us)));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        // By the kill, not by a panic of its own (which would prove nothing).
        assert_eq!(
            status.signal(),
            Some(9),
            "kill {kill}: the child ended by itself: {status}"
        );
        reader.join().unwrap();
        done |= said.try_iter().any(|line| line == "DONE");
        if sending(&phone_dir) > 0 {
            mid_upload += 1;
        }
        if done {
            after_done += 1;
        }
    }

    // The last start: the phone syncs to the end.
    let phone = open_phone(&phone_dir, secrets, &proxy.url(), quick_tuning());
    let rounds = runtime.block_on(sync_until_done(&phone, 50));
    eprintln!(
        "{profile}: {kills} kills: {mid_upload} left a report 'sending', {after_done} came after everything \
         was sent; {} of {reports} reports were left for the final sync\n{}",
        rounds.sent,
        proxy.counts()
    );
    assert_each_report_exactly_once(&phone, &city, &ids);
    assert!(
        mid_upload > 0,
        "no kill landed during an upload: the test proved nothing"
    );
    drop(proxy);
    runtime.block_on(city.server.shutdown());
}
