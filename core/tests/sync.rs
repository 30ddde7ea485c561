//! The outbox over real HTTP on loopback: against the reference city server
//! (tests/city-api) for the protocol, and against small hand-written servers
//! for what a broken network or a captive portal answers.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod sync_support;

use ihanoi_core::account::SessionState;
use ihanoi_core::net::SyncError;
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::reports::ReportState;
use ihanoi_core::secrets::{InMemorySecretStore, SecretStore, keys};
use ihanoi_core::sync::{SyncEvent, SyncListener, SyncOptions, SyncSummary};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, CoreConfig, Error};
use sync_support::{City, PHONE, city_config, shared_dir};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// Records every event, in order.
#[derive(Default)]
struct Recorder {
    events: Mutex<Vec<SyncEvent>>,
}

impl SyncListener for Recorder {
    fn on_event(&self, event: SyncEvent) {
        self.events.lock().unwrap().push(event);
    }
}

impl Recorder {
    fn events(&self) -> Vec<SyncEvent> {
        self.events.lock().unwrap().clone()
    }
}

struct Phone {
    core: Core,
    secrets: Arc<InMemorySecretStore>,
    _dir: tempfile::TempDir,
}

impl Phone {
    fn open(base_url: &str) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let secrets = Arc::new(InMemorySecretStore::new());
        let core = Core::open(
            CoreConfig {
                data_dir: dir.path().join("app"),
            },
            secrets.clone(),
        )
        .unwrap();
        core.set_photo_input_dirs(&[shared_dir().join("photos")])
            .unwrap();
        core.configure_city(city_config(base_url)).unwrap();
        Phone {
            core,
            secrets,
            _dir: dir,
        }
    }

    /// A complete report near Hoàn Kiếm Lake with the given photos, queued.
    fn queue_report(&self, photos: &[&str]) -> String {
        let paths: Vec<PathBuf> = photos
            .iter()
            .map(|name| ihanoi_test_kit::shared_photo(name))
            .collect();
        sync_support::queue_report(&self.core, 0, &paths, &CompressOptions::default())
    }

    async fn sync(&self) -> (Result<SyncSummary, Error>, Arc<Recorder>) {
        self.sync_with(SyncOptions::default()).await
    }

    async fn sync_with(&self, options: SyncOptions) -> (Result<SyncSummary, Error>, Arc<Recorder>) {
        let recorder = Arc::new(Recorder::default());
        let result = self
            .core
            .sync(options, recorder.clone(), CancelToken::new())
            .await;
        (result, recorder)
    }

    fn state(&self, id: &str) -> ReportState {
        self.core.report(id).unwrap().state
    }
}

async fn sign_in(phone: &Phone, city: &City) {
    let sent = phone.core.request_sign_in_code(PHONE).await.unwrap();
    let code = city.sign_in_code(&sent.phone).await;
    assert_eq!(
        phone
            .core
            .sign_in(&sent.phone, &code, CancelToken::new())
            .await
            .unwrap(),
        SessionState::SignedIn
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn offline_the_background_run_keeps_the_report_and_names_its_next_run() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    sign_in(&phone, &city).await;
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    // Nothing listens on the discard port: the city is out of reach.
    phone
        .core
        .configure_city(city_config("http://127.0.0.1:9"))
        .unwrap();
    let run = phone
        .core
        .sync_and_pull(
            SyncOptions::default(),
            Arc::new(Recorder::default()),
            CancelToken::new(),
        )
        .await
        .expect("offline is not an error for a background run");
    assert_eq!((run.sent.sent, run.sent.waiting), (0, 1));
    let pulled = run
        .pulled
        .expect("the pull's steps are reported, not an error");
    assert!(
        !pulled.failed_steps.is_empty(),
        "every pull step failed and is listed"
    );
    let next = run.next_run_at_ms.expect("when to run again");
    assert!(next > ihanoi_core::time::now_ms());
    assert_eq!(phone.state(&id), ReportState::Queued);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_queued_report_reaches_the_city_once_with_byte_identical_photos() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    assert_eq!(phone.core.session_state().unwrap(), SessionState::SignedOut);
    sign_in(&phone, &city).await;
    // Tokens are in the secure store, and nowhere in the database file.
    let access = phone.secrets.get(keys::ACCESS_TOKEN).unwrap().unwrap();
    let db = std::fs::read(phone.core.data_dir().join("ihanoi.sqlite3")).unwrap();
    assert!(!db.windows(access.len()).any(|w| w == access.as_bytes()));

    let id = phone.queue_report(&["iphone4s-gps-small.jpg", "nokia-lumia-gps.jpg"]);
    let (summary, recorder) = phone.sync().await;
    let summary = summary.unwrap();
    assert_eq!(summary.sent, 1);
    assert_eq!(
        (summary.failed, summary.waiting, summary.needs_attention),
        (0, 0, 0)
    );
    assert_eq!(summary.next_retry_at_ms, None);
    assert_eq!(phone.state(&id), ReportState::Submitted);

    let submission = phone.core.submission(&id).unwrap().expect("a submission");
    assert!(submission.agency_responsible.is_some(), "routed to a ward");
    let held = city.reports().await;
    assert_eq!(held.len(), 1);
    let remote = &held[0];
    assert_eq!(
        remote["service_request_id"],
        submission.service_request_id.as_str()
    );
    assert_eq!(
        remote["agency_responsible"].as_str(),
        submission.agency_responsible.as_deref()
    );

    // The photos the city stored are byte for byte the ones the core produced.
    let local = phone.core.photos(&id).unwrap();
    let urls = remote["media_urls"].as_array().unwrap();
    assert_eq!(urls.len(), local.len());
    for (url, photo) in urls.iter().zip(&local) {
        let served = city
            .http
            .get(url.as_str().unwrap())
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(
            served.as_ref(),
            std::fs::read(&photo.path).unwrap().as_slice()
        );
    }

    // Progress went up to the total of the photo bytes.
    let total: u64 = local
        .iter()
        .map(|p| std::fs::metadata(&p.path).unwrap().len())
        .sum();
    let last_progress = recorder
        .events()
        .into_iter()
        .rev()
        .filter_map(|e| match e {
            SyncEvent::Progress {
                bytes_sent,
                bytes_total,
                ..
            } => Some((bytes_sent, bytes_total)),
            _ => None,
        })
        .next();
    assert_eq!(last_progress, Some((total, total)));
    assert!(matches!(
        recorder.events().last(),
        Some(SyncEvent::Finished { .. })
    ));
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resend_after_a_lost_answer_or_a_crash_creates_no_duplicate() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    sign_in(&phone, &city).await;
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    phone.sync().await.0.unwrap();
    let first = phone.core.submission(&id).unwrap().unwrap();

    // The city committed, but the phone never recorded the answer: the process
    // died with the report 'sending' (as SIGKILL mid-request would leave it).
    {
        let conn =
            rusqlite::Connection::open(phone.core.data_dir().join("ihanoi.sqlite3")).unwrap();
        conn.execute("UPDATE reports SET state = 'sending' WHERE id = ?1", [&id])
            .unwrap();
        conn.execute("DELETE FROM report_sync WHERE report_id = ?1", [&id])
            .unwrap();
    }
    let summary = phone.sync().await.0.unwrap();
    assert_eq!(summary.sent, 1);
    let again = phone.core.submission(&id).unwrap().unwrap();
    assert_eq!(again.service_request_id, first.service_request_id);
    assert_eq!(
        city.reports().await.len(),
        1,
        "exactly one report on the server"
    );
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_access_token_is_refreshed_once_then_sign_in_is_needed() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    sign_in(&phone, &city).await;
    let refresh_before = phone.secrets.get(keys::REFRESH_TOKEN).unwrap();

    // A revoked/forged access token: 401, refresh, the same POST again.
    phone
        .secrets
        .set(keys::ACCESS_TOKEN, "forged-access-token")
        .unwrap();
    let first = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    let summary = phone.sync().await.0.unwrap();
    assert_eq!(summary.sent, 1);
    assert_eq!(phone.state(&first), ReportState::Submitted);
    assert_ne!(
        phone.secrets.get(keys::REFRESH_TOKEN).unwrap(),
        refresh_before,
        "rotated"
    );

    // Both tokens refused: the outbox pauses, nothing is dropped.
    phone
        .secrets
        .set(keys::ACCESS_TOKEN, "forged-access-token")
        .unwrap();
    phone
        .secrets
        .set(keys::REFRESH_TOKEN, "forged-refresh-token")
        .unwrap();
    let second = phone.queue_report(&["nokia-lumia-gps.jpg"]);
    let (summary, recorder) = phone.sync().await;
    let summary = summary.unwrap();
    assert!(summary.sign_in_needed);
    assert_eq!((summary.sent, summary.waiting), (0, 1));
    assert!(recorder.events().contains(&SyncEvent::SignInNeeded));
    assert_eq!(phone.state(&second), ReportState::Queued);
    assert_eq!(
        phone.core.session_state().unwrap(),
        SessionState::SignInNeeded
    );
    assert_eq!(phone.secrets.get(keys::ACCESS_TOKEN).unwrap(), None);

    // Signing in again sends what waited.
    sign_in(&phone, &city).await;
    assert_eq!(phone.sync().await.0.unwrap().sent, 1);
    assert_eq!(phone.state(&second), ReportState::Submitted);
    assert_eq!(city.reports().await.len(), 2);

    // Signing out forgets the tokens and keeps the reports and drafts.
    let draft = phone.core.create_draft().unwrap();
    phone.core.sign_out().await.unwrap();
    assert_eq!(phone.core.session_state().unwrap(), SessionState::SignedOut);
    assert_eq!(phone.secrets.get(keys::REFRESH_TOKEN).unwrap(), None);
    assert_eq!(phone.state(&draft.id), ReportState::Draft);
    assert_eq!(phone.state(&first), ReportState::Submitted);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_the_city_refuses_needs_attention_with_its_reason() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    sign_in(&phone, &city).await;
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    // A category the city does not know (set behind the form's back).
    let conn = rusqlite::Connection::open(phone.core.data_dir().join("ihanoi.sqlite3")).unwrap();
    conn.execute(
        "UPDATE reports SET category_code = 'khong_co' WHERE id = ?1",
        [&id],
    )
    .unwrap();
    let summary = phone.sync().await.0.unwrap();
    assert_eq!((summary.sent, summary.needs_attention), (0, 1));
    assert_eq!(phone.state(&id), ReportState::NeedsAttention);
    let record = phone.core.sync_record(&id).unwrap();
    assert_eq!(
        record.rejection_reason.as_deref(),
        Some("unknown_service_code")
    );
    // The city's "Vietnamese — English" description, read as the two languages.
    let message = record.rejection_message.unwrap();
    assert!(
        !message.vi.is_empty() && message.vi != message.en && !message.vi.contains(" — "),
        "{message:?}"
    );
    assert!(city.reports().await.is_empty());
    city.server.shutdown().await;
}

/// A server that answers every request with `answer` (after reading the request).
async fn canned_server(answer: Vec<u8>, chunked_forever: bool) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        loop {
            let Ok((mut socket, _)) = listener.accept().await else {
                return;
            };
            let answer = answer.clone();
            tokio::spawn(async move {
                let Some(head) = read_request(&mut socket).await else {
                    return;
                };
                if asks_discovery(&head) {
                    let _ = socket.write_all(&full_discovery()).await;
                    return;
                }
                if socket.write_all(&answer).await.is_err() {
                    return;
                }
                if chunked_forever {
                    // 1 MiB chunks of JSON-ish filler until the client hangs up.
                    let chunk = vec![b' '; 1024 * 1024];
                    let framed = [
                        format!("{:x}\r\n", chunk.len()).into_bytes(),
                        chunk,
                        b"\r\n".to_vec(),
                    ]
                    .concat();
                    while socket.write_all(&framed).await.is_ok() {}
                }
            });
        }
    });
    url
}

/// Read one request's head and body (Content-Length framed); `None` on EOF.
/// Reads one request; its head, lowercased.
async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<String> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 64 * 1024];
    let head_end = loop {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut have = buffer.len() - head_end;
    while have < length {
        let n = socket.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        have += n;
    }
    Some(head)
}

/// Whether `head` asks for discovery.
fn asks_discovery(head: &str) -> bool {
    head.starts_with("get /discovery")
}

/// Discovery of the app's own city (every extension): these servers
/// misbehave elsewhere, and the phone must have learned what the server is
/// before it sends.
fn full_discovery() -> Vec<u8> {
    http_answer(
        "200 OK",
        "application/json",
        r#"{"extensions": {"resident_sign_in": {}, "client_request_id": {},
            "request_updates": {}, "alerts": {}, "areas": {}, "etag": {},
            "media_multipart": {"field": "media[]"}}}"#,
    )
}

fn http_answer(status: &str, content_type: &str, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// Sync one queued report against `url`; it must stay queued with `code`.
async fn assert_kept_with_error(url: &str, code: &str) {
    let phone = Phone::open(url);
    // Any token: these servers do not check it.
    phone.secrets.set(keys::ACCESS_TOKEN, "t").unwrap();
    phone.secrets.set(keys::REFRESH_TOKEN, "r").unwrap();
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    let summary = phone.sync().await.0.unwrap();
    assert_eq!(
        (summary.sent, summary.failed, summary.waiting),
        (0, 1, 1),
        "{code}"
    );
    assert!(summary.next_retry_at_ms.is_some(), "{code}");
    assert_eq!(phone.state(&id), ReportState::Queued, "{code}");
    let record = phone.core.sync_record(&id).unwrap();
    assert_eq!(record.last_error.as_deref(), Some(code));
    assert_eq!(record.attempts, 1);
    assert_eq!(phone.core.photos(&id).unwrap().len(), 1, "nothing lost");
    // The failed attempt may have reached the city: no taking it back to edit.
    assert!(
        matches!(
            phone.core.return_to_draft(&id),
            Err(ihanoi_core::Error::WrongState { .. })
        ),
        "{code}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_json_is_a_typed_error_and_the_report_waits() {
    let url = canned_server(
        http_answer("200 OK", "application/json", "[{\"service_request_id\": "),
        false,
    )
    .await;
    assert_kept_with_error(&url, "invalid_json").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_captive_portal_page_is_a_typed_error_and_the_report_waits() {
    let page = "<html><head><title>Wi-Fi miễn phí</title></head><body>Đăng nhập</body></html>";
    let url = canned_server(
        http_answer("200 OK", "text/html; charset=utf-8", page),
        false,
    )
    .await;
    assert_kept_with_error(&url, "unexpected_answer").await;
    let redirect =
        b"HTTP/1.1 302 Found\r\nLocation: http://portal.example/login\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            .to_vec();
    let url = canned_server(redirect, false).await;
    assert_kept_with_error(&url, "unexpected_answer").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_50_mb_answer_is_refused_without_reading_it_all() {
    // Announced: refused from the Content-Length header.
    let announced = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n[",
        50 * 1024 * 1024
    );
    let url = canned_server(announced.into_bytes(), false).await;
    assert_kept_with_error(&url, "response_too_large").await;
    // Unannounced (chunked, endless): cut off at the cap while streaming.
    let chunked =
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
            .to_vec();
    let url = canned_server(chunked, true).await;
    assert_kept_with_error(&url, "response_too_large").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_http_to_another_host_is_refused_before_anything_is_sent() {
    let dir = tempfile::tempdir().unwrap();
    let core = ihanoi_test_kit::open_core(dir.path());
    let error = core
        .configure_city(city_config("http://open311.hanoi.gov.vn"))
        .unwrap_err();
    assert!(matches!(
        error,
        Error::Sync(SyncError::Transport(
            ihanoi_core::net::transport::TransportError::InsecureUrl
        ))
    ));
    let error = core
        .sync(
            SyncOptions::default(),
            Arc::new(Recorder::default()),
            CancelToken::new(),
        )
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Sync(SyncError::NotConfigured)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_can_be_cancelled_mid_upload_and_only_one_runs_at_a_time() {
    // A server that reads the request and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut socket, _)) = listener.accept().await {
            if read_request(&mut socket)
                .await
                .is_some_and(|head| asks_discovery(&head))
            {
                let _ = socket.write_all(&full_discovery()).await;
                continue;
            }
            held.push(socket);
        }
    });
    let phone = Arc::new(Phone::open(&url));
    phone.secrets.set(keys::ACCESS_TOKEN, "t").unwrap();
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);

    let cancel = CancelToken::new();
    let recorder = Arc::new(Recorder::default());
    let sync = {
        let (phone, recorder, cancel) = (phone.clone(), recorder.clone(), cancel.clone());
        tokio::spawn(async move {
            phone
                .core
                .sync(SyncOptions::default(), recorder, cancel)
                .await
        })
    };
    // Wait (without timing) until the upload is under way, then try a second sync.
    loop {
        if recorder.events().iter().any(|e| {
            matches!(
                e,
                SyncEvent::ReportChanged {
                    state: ReportState::Sending,
                    ..
                }
            )
        }) {
            break;
        }
        tokio::task::yield_now().await;
    }
    let second = phone
        .core
        .sync(
            SyncOptions::default(),
            Arc::new(Recorder::default()),
            CancelToken::new(),
        )
        .await;
    assert!(matches!(
        second,
        Err(Error::Sync(SyncError::AlreadyRunning))
    ));

    cancel.cancel();
    let summary = sync.await.unwrap().unwrap();
    assert!(summary.cancelled);
    assert_eq!((summary.sent, summary.failed, summary.waiting), (0, 0, 1));
    assert_eq!(phone.state(&id), ReportState::Queued);
    assert_eq!(
        phone.core.sync_record(&id).unwrap().attempts,
        0,
        "a cancel is not a failure"
    );
    // But the cancelled request may have reached the city: no taking the
    // report back to edit (a resend of other content under the same id would
    // be refused as a conflict while the city keeps the first version).
    assert!(matches!(
        phone.core.return_to_draft(&id),
        Err(Error::WrongState { .. })
    ));
    // ...and the screen, computed in the core, does not offer the button.
    let report = phone.core.report(&id).unwrap();
    assert!(report.send_started);
    assert!(!report.actions(&[]).can_return_to_draft);

    // The same after a crash mid-upload: the next sync puts the report back
    // in the queue first (here one that stops at once: no session).
    let conn = rusqlite::Connection::open(phone.core.data_dir().join("ihanoi.sqlite3")).unwrap();
    conn.execute("UPDATE reports SET state = 'sending' WHERE id = ?1", [&id])
        .unwrap();
    phone.secrets.delete(keys::ACCESS_TOKEN).unwrap();
    let summary = phone.sync().await.0.unwrap();
    assert!(summary.sign_in_needed);
    assert_eq!(phone.state(&id), ReportState::Queued);
    assert!(matches!(
        phone.core.return_to_draft(&id),
        Err(Error::WrongState { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_does_not_speak_tls_is_a_typed_tls_error() {
    // HTTPS to a loopback port that answers in plain HTTP (as a misconfigured
    // proxy would): the handshake fails, the report waits.
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut hello = [0u8; 512];
            let _ = socket.read(&mut hello).await;
            let _ = socket
                .write_all(&http_answer("400 Bad Request", "text/html", "<h1>400</h1>"))
                .await;
        }
    });
    let phone = Phone::open(&url);
    phone.secrets.set(keys::ACCESS_TOKEN, "t").unwrap();
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    let summary = phone.sync().await.0.unwrap();
    assert_eq!((summary.sent, summary.failed, summary.waiting), (0, 1, 1));
    assert!(summary.next_retry_at_ms.is_some());
    let record = phone.core.sync_record(&id).unwrap();
    assert_eq!(record.last_error.as_deref(), Some("tls"));
    // The handshake failed on discovery already: nothing was posted, so
    // the report may still go back to the draft.
    assert!(!phone.core.report(&id).unwrap().send_started);
    assert_eq!(phone.core.photos(&id).unwrap().len(), 1, "nothing lost");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_can_wait_for_wifi() {
    let city = City::start().await;
    let phone = Phone::open(&city.url());
    sign_in(&phone, &city).await;
    let id = phone.queue_report(&["iphone4s-gps-small.jpg"]);
    let on = |network| SyncOptions {
        network,
        photos_only_on_wifi: true,
    };
    let cellular = phone
        .sync_with(on(ihanoi_core::sync::NetworkType::Cellular))
        .await
        .0
        .unwrap();
    assert_eq!(
        (cellular.sent, cellular.failed, cellular.waiting),
        (0, 0, 1)
    );
    assert_eq!(phone.state(&id), ReportState::Queued);
    assert!(city.reports().await.is_empty());
    let wifi = phone
        .sync_with(on(ihanoi_core::sync::NetworkType::Wifi))
        .await
        .0
        .unwrap();
    assert_eq!((wifi.sent, wifi.waiting), (1, 0));
    city.server.shutdown().await;
}
