//! Pulling over real HTTP on loopback against the reference city server
//! (tests/city-api): the ward acts through the officials' endpoints, the phone
//! pulls, and the timeline, photos, alerts and caches are checked on disk and
//! in SQLite. Garbage comes from a small hand-written server.

use std::path::{Path, PathBuf};
use std::sync::Arc;

mod sync_support;

use ihanoi_city_api::{Clock, ManualClock};
use ihanoi_core::net::transport::TransportError;
use ihanoi_core::net::{SyncError, SyncTuning};
use ihanoi_core::observers::{ReportChange, ReportChangeKind, ReportListUpdate, ReportsObserver};
use ihanoi_core::photos::limits::REMOTE_MAX_PIXELS;
use ihanoi_core::photos::{CompressOptions, PhotoError, decode};
use ihanoi_core::pull::{DetailedStatus, PullSummary, Refresh, ResultPhotoProblem, UpdateKind};
use ihanoi_core::reports::{DraftField, ProblemCode, ReportState};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, Error};
use reqwest::multipart::Form;
use sync_support::{
    City, city_config, open_phone, queue_report_in_category, shared_dir, sign_in, sync_once as sync,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use ihanoi_core::time::HOUR_MS;
use ihanoi_test_kit::images::png_declaring;
use ihanoi_test_kit::shared_photo as photo_file;

/// A phone on `data_dir` with production timeouts, reading photos from the
/// shared folder.
fn open_core(data_dir: &Path, base_url: &str) -> Core {
    let core = open_phone(
        data_dir,
        Arc::new(InMemorySecretStore::new()),
        base_url,
        SyncTuning::default(),
    );
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();
    core
}

fn point_at(core: &Core, base_url: &str) {
    core.configure_city(city_config(base_url)).unwrap();
}

/// A city warning, as an official publishes it.
async fn publish_alert(city: &City, title_vi: &str, expires: Option<String>) -> serde_json::Value {
    let mut form = Form::new()
        .text("severity", "warning")
        .text("title_vi", title_vi.to_owned())
        .text("title_en", "Flooding on Phố Huế")
        .text("body_vi", "Tránh đường Phố Huế từ 17 giờ.")
        .text("body_en", "Avoid Phố Huế from 5 pm.");
    if let Some(expires) = expires {
        form = form.text("expires_datetime", expires);
    }
    city.official("alerts", form).await
}

/// A complete report near Hoàn Kiếm Lake, queued and sent; returns (local id, city id).
async fn file_and_send(core: &Core) -> (String, String) {
    let id = queue_complete_report(core, "ve_sinh_moi_truong");
    let summary = sync(core).await;
    assert_eq!(summary.sent, 1);
    let city_id = core.submission(&id).unwrap().unwrap().service_request_id;
    (id, city_id)
}

/// A complete report of `category` near Hoàn Kiếm Lake with one shared photo, queued; its id.
fn queue_complete_report(core: &Core, category: &str) -> String {
    queue_report_in_category(
        core,
        category,
        0,
        &[photo_file("iphone4s-gps-small.jpg")],
        &CompressOptions::default(),
    )
}

/// A city, and a signed-in phone (with its data dir) whose report the city
/// holds: (city, dir, core, local id, city id).
async fn signed_in_with_a_sent_report() -> (City, tempfile::TempDir, Core, String, String) {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &city.url());
    sign_in(&core, &city).await;
    let (id, city_id) = file_and_send(&core).await;
    (city, dir, core, id, city_id)
}

type Changes = Arc<std::sync::Mutex<Vec<ReportChange>>>;

/// Every report change the list observer is told of from now on.
fn list_changes(core: &Core) -> (Changes, ihanoi_core::observers::Subscription) {
    struct Collect(Changes);
    impl ReportsObserver for Collect {
        fn on_reports_changed(&self, update: ReportListUpdate) {
            if !update.initial {
                self.0.lock().unwrap().extend(update.changes);
            }
        }
    }
    let seen = Changes::default();
    let subscription = core
        .observe_reports(Arc::new(Collect(Arc::clone(&seen))))
        .unwrap();
    (seen, subscription)
}

async fn pull(core: &Core) -> PullSummary {
    core.pull(CancelToken::new()).await.unwrap()
}

/// JPEG magic bytes followed by text: the city accepts it (it sniffs only the
/// magic), no decoder can read it.
fn broken_jpeg() -> Vec<u8> {
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xE0];
    bytes.extend_from_slice(&b"not really a photo ".repeat(20));
    bytes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_wards_actions_become_a_timeline_with_result_photos() {
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    let unit = core.submission(&id).unwrap().unwrap().agency_responsible;
    assert!(unit.is_some());
    // Before the city did anything: a status from the submission, no timeline.
    let status = core.report_status(&id).unwrap().unwrap();
    assert_eq!(status.detailed_status, DetailedStatus::Pending);
    assert!(core.timeline(&id).unwrap().is_empty());

    let result_photo = std::fs::read(photo_file("nokia-lumia-gps.jpg")).unwrap();
    city.act(&city_id, "accept", "Đã tiếp nhận, giao tổ vệ sinh.", vec![])
        .await;
    city.act(
        &city_id,
        "resolve",
        "Đã thu gom rác. — Rubbish collected.",
        vec![result_photo.clone(), broken_jpeg()],
    )
    .await;

    let summary = pull(&core).await;
    assert_eq!(summary.new_updates, 2);
    assert_eq!(summary.updated_report_ids, vec![id.clone()]);
    assert_eq!((summary.unread.updates, summary.unread.reports), (2, 1));
    assert_eq!(
        (summary.thumbnails_cached, summary.thumbnails_failed),
        (1, 1)
    );
    assert!(!summary.sign_in_needed && !summary.cancelled);
    assert_eq!(summary.categories, Refresh::Updated);
    assert_eq!(summary.areas, Refresh::Updated);

    let timeline = core.timeline(&id).unwrap();
    let kinds: Vec<UpdateKind> = timeline.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![UpdateKind::Accepted, UpdateKind::Resolved]);
    assert!(timeline.iter().all(|e| e.unread));
    assert!(timeline[0].updated_at_ms <= timeline[1].updated_at_ms);
    let reply = &timeline[1];
    assert_eq!(reply.text, "Đã thu gom rác. — Rubbish collected.");
    assert_eq!(reply.detailed_status, DetailedStatus::Resolved);
    assert_eq!(reply.unit_code, unit);
    // The pulled area set names the unit, and the label says who did it.
    let unit_name = reply.unit_name.clone().expect("the unit's name");
    assert!(unit_name.starts_with("Phường") || unit_name.starts_with("Xã"));
    assert!(reply.label.vi.contains(&unit_name), "{}", reply.label.vi);
    assert!(reply.label.en.contains(&unit_name), "{}", reply.label.en);

    // The good photo has a small JPEG thumbnail on disk; the broken one is marked.
    assert_eq!(reply.photos.len(), 2);
    let thumbnail = reply.photos[0].thumbnail_path.clone().expect("a thumbnail");
    assert!(Path::new(&thumbnail).starts_with(core.data_dir()));
    let header = decode::probe(&std::fs::read(&thumbnail).unwrap()).unwrap();
    assert_eq!(header.format, ihanoi_core::photos::ImageFormat::Jpeg);
    assert_eq!(header.width.max(header.height), 320);
    assert_eq!(reply.photos[0].photo_path, None);
    assert_eq!(reply.photos[1].thumbnail_path, None);
    assert_eq!(reply.photos[1].problem.as_deref(), Some("invalid_image"));

    // The full photo on demand, byte for byte what the ward uploaded.
    let full = core
        .result_photo(&reply.update_id, 0, CancelToken::new())
        .await
        .unwrap();
    assert_eq!(std::fs::read(&full).unwrap(), result_photo);
    assert_eq!(
        core.result_photo(&reply.update_id, 0, CancelToken::new())
            .await
            .unwrap(),
        full
    );
    assert!(matches!(
        core.result_photo(&reply.update_id, 1, CancelToken::new())
            .await,
        Err(Error::Photo(_))
    ));
    assert!(matches!(
        core.result_photo(&reply.update_id, 7, CancelToken::new())
            .await,
        Err(Error::Photo(PhotoError::PhotoNotFound { .. }))
    ));
    let again = core.timeline(&id).unwrap();
    assert_eq!(
        again[1].photos[0].photo_path.as_deref(),
        Some(full.as_str())
    );

    // The status carries the deadlines from GET /requests and the reply.
    let status = core.report_status(&id).unwrap().unwrap();
    assert_eq!(status.detailed_status, DetailedStatus::Resolved);
    assert!(status.closed);
    assert_eq!(status.label.vi, "Đã xử lý");
    assert!(status.handle_by_ms.is_some() && status.acknowledge_by_ms.is_some());
    assert_eq!(
        status.status_notes.as_deref(),
        Some("Đã thu gom rác. — Rubbish collected.")
    );
    assert_eq!(status.unread, 2);
    // The list row's badge, read from the store.
    assert_eq!(core.report_details(&id).unwrap().unread_updates, 2);

    // Opening the report marks its news read: the list is told, the badge is 0.
    let (seen, _subscription) = list_changes(&core);
    assert_eq!(core.mark_report_read(&id).unwrap(), 2);
    assert_eq!(core.report_details(&id).unwrap().unread_updates, 0);
    assert!(
        seen.lock()
            .unwrap()
            .iter()
            .any(|c| c.report_id == id && c.kind == ReportChangeKind::Read)
    );
    assert_eq!(core.mark_report_read(&id).unwrap(), 0);
    assert_eq!(core.unread_counts().unwrap().updates, 0);
    assert!(core.timeline(&id).unwrap().iter().all(|e| !e.unread));

    // A re-pull creates nothing; the caches are current.
    let summary = pull(&core).await;
    assert_eq!(summary.new_updates, 0);
    assert_eq!(summary.thumbnails_cached + summary.thumbnails_failed, 0);
    assert_eq!(summary.categories, Refresh::NotModified);
    assert_eq!(summary.areas, Refresh::NotModified);
    assert_eq!(core.timeline(&id).unwrap().len(), 2);
    city.server.shutdown().await;
}

/// A report the phone could not route (its location stored without a unit, as
/// an app without a usable ward set left it) shows the unit the city chose, by
/// name, and says the city chose it; the timeline names the unit too.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_report_the_phone_could_not_route_shows_the_unit_the_city_chose() {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &city.url());
    sign_in(&core, &city).await;
    let id = queue_complete_report(&core, "ve_sinh_moi_truong");
    let db = rusqlite::Connection::open(dir.path().join(ihanoi_core::store::DATABASE_FILE_NAME))
        .unwrap();
    db.execute(
        "UPDATE report_locations SET area_code = NULL, area_name = NULL WHERE report_id = ?1",
        [&id],
    )
    .unwrap();
    assert_eq!(core.report_details(&id).unwrap().unit, None);

    assert_eq!(sync(&core).await.sent, 1);
    let agency = core
        .submission(&id)
        .unwrap()
        .unwrap()
        .agency_responsible
        .expect("the city routed it");
    let unit = core.report_details(&id).unwrap().unit.expect("a unit");
    assert_eq!(unit.code, agency);
    assert!(unit.from_city);
    assert_eq!(unit.name.as_deref(), Some("Phường Hoàn Kiếm"));
    // The status names it the same way.
    let status = core.report_status(&id).unwrap().unwrap();
    assert_eq!(status.unit_name.as_deref(), Some("Phường Hoàn Kiếm"));

    let city_id = core.submission(&id).unwrap().unwrap().service_request_id;
    city.act(&city_id, "accept", "Đã tiếp nhận.", vec![]).await;
    pull(&core).await;
    let entry = &core.timeline(&id).unwrap()[0];
    assert_eq!(entry.unit_name.as_deref(), Some("Phường Hoàn Kiếm"));
    assert!(
        entry.label.vi.contains("Phường Hoàn Kiếm"),
        "{}",
        entry.label.vi
    );
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alerts_arrive_once_expired_ones_are_hidden_and_unread_is_counted() {
    // The city's clock runs three hours behind the phone's: an alert that is
    // live for the city when pulled has already expired by the phone's clock.
    let phone_now = ihanoi_core::time::now_ms();
    let clock = ManualClock::new(phone_now - 3 * HOUR_MS);
    let city = City::start_with_clock(Clock::Manual(clock.clone())).await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &city.url());

    let live = publish_alert(&city, "Ngập sâu trên phố Huế", None).await;
    let expiring = ihanoi_core::time::w3c::format(phone_now - 2 * HOUR_MS, 420);
    publish_alert(&city, "Mất điện đã qua", Some(expiring)).await;

    // No session: the resident's updates wait, the public alerts do not.
    let summary = pull(&core).await;
    assert!(summary.sign_in_needed);
    assert_eq!(summary.new_alerts, 2);
    assert_eq!(summary.unread.alerts, 1, "the expired alert is not counted");
    let alerts = core.alerts().unwrap();
    assert_eq!(alerts.len(), 1);
    let alert = &alerts[0];
    assert_eq!(alert.alert_id, live["alert_id"].as_str().unwrap());
    assert_eq!(alert.title.vi, "Ngập sâu trên phố Huế");
    assert_eq!(alert.title.en, "Flooding on Phố Huế");
    assert_eq!(alert.severity_label.vi, "Cảnh báo");
    assert!(alert.unread && alert.area_codes.is_empty());

    assert!(core.mark_alert_read(&alert.alert_id).unwrap());
    assert!(!core.mark_alert_read(&alert.alert_id).unwrap());
    assert_eq!(core.unread_counts().unwrap().alerts, 0);

    // The cursor: only the new alert comes, once.
    assert_eq!(pull(&core).await.new_alerts, 0);
    publish_alert(&city, "Cắt nước khu Bách Khoa", None).await;
    let summary = pull(&core).await;
    assert_eq!((summary.new_alerts, summary.unread.alerts), (1, 1));
    assert_eq!(core.alerts().unwrap().len(), 2);
    // Expired alerts are marked too (they were never shown).
    assert_eq!(core.mark_all_alerts_read().unwrap(), 2);
    assert_eq!(core.unread_counts().unwrap().alerts, 0);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn categories_and_areas_refresh_by_etag_and_stay_usable_offline() {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let data_dir = dir.path().join("app");
    let url = city.url();
    {
        let core = open_core(&data_dir, &city.url());
        // Before the first pull: the categories and the area set the core ships.
        let shipped = core.categories().unwrap();
        assert_eq!(shipped.len(), 11);
        assert!(core.area_set_info().unwrap().unwrap().built_in);
        assert!(core.cached_area_set_info().unwrap().is_none());

        let summary = pull(&core).await;
        assert_eq!(
            (summary.categories, summary.areas),
            (Refresh::Updated, Refresh::Updated)
        );
        let categories = core.categories().unwrap();
        // The city serves the file the snapshot is built from: the pulled list,
        // through the wire format, is the snapshot value for value.
        assert_eq!(categories, shipped);
        let flooding = categories.iter().find(|c| c.code == "ngap_ung").unwrap();
        assert_eq!(flooding.name.vi, "Ngập úng");
        assert_eq!(flooding.name.en, "Flooding");
        assert_eq!(
            flooding.default_urgency,
            ihanoi_core::reports::Urgency::Urgent
        );
        assert!(core.locate_area(21.0287, 105.8524).unwrap().is_some());

        let summary = pull(&core).await;
        assert_eq!(
            (summary.categories, summary.areas),
            (Refresh::NotModified, Refresh::NotModified)
        );
    }
    city.server.shutdown().await;

    // Restarted, with the city gone: everything reads from the cache, and a
    // pull is a typed network error that changes nothing.
    let core = open_core(&data_dir, &url);
    assert_eq!(core.categories().unwrap().len(), 11);
    assert!(core.locate_area(21.0287, 105.8524).unwrap().is_some());
    match core.pull(CancelToken::new()).await {
        Err(Error::Sync(SyncError::Transport(TransportError::Connect { .. }))) => {}
        other => panic!("expected a connection error, got {other:?}"),
    }
    assert_eq!(core.categories().unwrap().len(), 11);
}

/// The shipped categories without `ngap_ung`, with a new `o_nhiem_khong_khi`
/// first: a city that changed its list after the app was built.
fn changed_categories(dir: &Path) -> PathBuf {
    let shipped = std::fs::read_to_string(ihanoi_city_api::config::shipped_categories()).unwrap();
    let mut file: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let list = file["categories"].as_array_mut().unwrap();
    list.retain(|c| c["code"] != "ngap_ung");
    let mut air = list[0].clone();
    air["code"] = "o_nhiem_khong_khi".into();
    air["name_vi"] = "Ô nhiễm không khí".into();
    air["name_en"] = "Air pollution".into();
    list.insert(0, air);
    let path = dir.join("categories.json");
    std::fs::write(&path, file.to_string()).unwrap();
    path
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_pulled_list_replaces_the_snapshot_and_a_removed_category_needs_attention() {
    let city =
        City::start_with(|dir, config| config.categories_path = changed_categories(dir)).await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &city.url());
    sign_in(&core, &city).await;
    // Offline-first: queued from the shipped list, which still has `ngap_ung`.
    let id = queue_complete_report(&core, "ngap_ung");

    let summary = pull(&core).await;
    assert_eq!(summary.categories, Refresh::Updated);
    let codes = |core: &Core| -> Vec<String> {
        core.categories()
            .unwrap()
            .into_iter()
            .map(|c| c.code)
            .collect()
    };
    let pulled = codes(&core);
    assert_eq!(pulled.len(), 11);
    assert_eq!(pulled[0], "o_nhiem_khong_khi");
    assert!(!pulled.iter().any(|c| c == "ngap_ung"));
    assert_eq!(core.categories().unwrap()[0].name.vi, "Ô nhiễm không khí");

    // The report is not dropped: still queued, and the form would now show why
    // it cannot go as it is.
    assert_eq!(core.report(&id).unwrap().state, ReportState::Queued);
    let problems = core.problems(&id).unwrap();
    assert_eq!(
        problems.iter().map(|p| p.code).collect::<Vec<_>>(),
        vec![ProblemCode::CategoryUnknown]
    );
    // The city refuses it: needs attention with the city's reason.
    let summary = sync(&core).await;
    assert_eq!((summary.sent, summary.needs_attention), (0, 1));
    assert_eq!(core.report(&id).unwrap().state, ReportState::NeedsAttention);
    assert_eq!(
        core.sync_record(&id).unwrap().rejection_reason.as_deref(),
        Some("unknown_service_code")
    );

    // A 304 keeps the city's list; the snapshot does not come back.
    assert_eq!(pull(&core).await.categories, Refresh::NotModified);
    assert_eq!(codes(&core), pulled);

    // The resident picks a category the city lists; the report goes.
    core.update_draft(
        &id,
        DraftField::Category {
            code: Some("o_nhiem_khong_khi".into()),
        },
    )
    .unwrap();
    assert!(core.problems(&id).unwrap().is_empty());
    core.queue_report(&id).unwrap();
    assert_eq!(sync(&core).await.sent, 1);
    city.server.shutdown().await;
}

/// A server that answers every request with truncated JSON.
async fn garbage_server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let _ = socket.read(&mut buf).await;
                let body = "[{\"update_id\": \"9\", \"service_request_id\": ";
                let answer = format!(
                    "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
                let _ = socket.write_all(answer.as_bytes()).await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn garbage_from_the_updates_endpoint_is_a_typed_error_and_nothing_is_lost() {
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    city.act(&city_id, "accept", "", vec![]).await;
    assert_eq!(pull(&core).await.new_updates, 1);

    let garbage = garbage_server().await;
    point_at(&core, &garbage);
    match core.pull(CancelToken::new()).await {
        Err(Error::Sync(SyncError::Transport(TransportError::InvalidJson { .. }))) => {}
        other => panic!("expected invalid JSON, got {other:?}"),
    }
    assert_eq!(core.timeline(&id).unwrap().len(), 1);
    assert_eq!(core.unread_counts().unwrap().updates, 1);

    // Back on the real city: the cursor did not move, nothing is doubled, and
    // the next action arrives.
    point_at(&core, &city.url());
    assert_eq!(pull(&core).await.new_updates, 0);
    city.act(&city_id, "start", "Đang xử lý.", vec![]).await;
    assert_eq!(pull(&core).await.new_updates, 1);
    let kinds: Vec<UpdateKind> = core.timeline(&id).unwrap().iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![UpdateKind::Accepted, UpdateKind::Started]);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_pull_at_a_time_and_a_pull_can_be_cancelled_mid_request() {
    // A server that never answers; the test waits for the request to be in.
    let (url, mut first_request) = ihanoi_test_kit::servers::silent_server().await;
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(open_core(dir.path(), &url));
    let cancel = CancelToken::new();
    let first = {
        let (core, cancel) = (core.clone(), cancel.clone());
        tokio::spawn(async move { core.pull(cancel).await })
    };
    first_request.recv().await.unwrap();
    assert!(matches!(
        core.pull(CancelToken::new()).await,
        Err(Error::Sync(SyncError::AlreadyRunning))
    ));
    cancel.cancel();
    let summary = first.await.unwrap().unwrap();
    assert!(summary.cancelled);
    assert_eq!(summary.new_alerts, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_token_is_refreshed_once_and_a_dead_session_still_pulls_the_public_parts() {
    use ihanoi_core::secrets::keys;
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    city.act(&city_id, "accept", "", vec![]).await;
    let secrets = core.secret_store().clone();
    let forged = "0".repeat(64);
    secrets.set(keys::ACCESS_TOKEN, &forged).unwrap();

    let summary = pull(&core).await;
    assert_eq!(summary.new_updates, 1);
    assert!(!summary.sign_in_needed);
    let fresh = secrets.get(keys::ACCESS_TOKEN).unwrap().unwrap();
    assert_ne!(fresh, forged, "refreshed");

    // The refresh token is refused too: the session ends, nothing is dropped,
    // and alerts still arrive.
    secrets.set(keys::ACCESS_TOKEN, &forged).unwrap();
    secrets.set(keys::REFRESH_TOKEN, &forged).unwrap();
    city.act(&city_id, "start", "", vec![]).await;
    publish_alert(&city, "Ngập sâu trên phố Huế", None).await;
    let summary = pull(&core).await;
    assert!(summary.sign_in_needed);
    assert_eq!((summary.new_updates, summary.new_alerts), (0, 1));
    assert_eq!(core.timeline(&id).unwrap().len(), 1);

    sign_in(&core, &city).await;
    assert_eq!(pull(&core).await.new_updates, 1);
    city.server.shutdown().await;
}

/// Set a result photo's stored problem by hand, as an app killed while
/// decoding it leaves the row (the mark is written before decoding).
fn leave_as_killed_while_decoding(core: &Core, update_id: &str, position: u32) {
    let conn = rusqlite::Connection::open(core.data_dir().join("ihanoi.sqlite3")).unwrap();
    let changed = conn
        .execute(
            "UPDATE update_photos SET thumbnail_file = NULL, problem = ?3
             WHERE update_id = ?1 AND position = ?2",
            rusqlite::params![
                update_id,
                position,
                ResultPhotoProblem::DecodeInterrupted.as_str()
            ],
        )
        .unwrap();
    assert_eq!(changed, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_result_photo_bomb_is_refused_from_its_header_and_a_killed_decode_is_not_repeated() {
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    // 10 000 × 10 000 (10⁸ pixels, the local limit) in a few hundred bytes: a
    // hostile ward's "result photo". The city stores officials' photos as sent.
    let bomb = png_declaring(10_000, 10_000);
    let good = std::fs::read(photo_file("nokia-lumia-gps.jpg")).unwrap();
    city.act(&city_id, "resolve", "Đã xử lý.", vec![bomb, good])
        .await;

    let summary = pull(&core).await;
    assert_eq!(
        (summary.thumbnails_cached, summary.thumbnails_failed),
        (1, 1)
    );
    let reply = core.timeline(&id).unwrap().pop().unwrap();
    let photos = &reply.photos;
    assert_eq!(photos[0].thumbnail_path, None);
    assert_eq!(
        photos[0]
            .problem
            .as_deref()
            .and_then(ResultPhotoProblem::parse),
        Some(ResultPhotoProblem::TooLarge)
    );
    assert!(photos[1].thumbnail_path.is_some() && photos[1].problem.is_none());
    // Asked for in full, it is refused from its header with a typed error
    // naming the network budget; nothing is written.
    match core
        .result_photo(&reply.update_id, 0, CancelToken::new())
        .await
    {
        Err(Error::Photo(PhotoError::TooManyPixels { max_pixels, .. })) => {
            assert_eq!(max_pixels, REMOTE_MAX_PIXELS)
        }
        other => panic!("expected too many pixels, got {other:?}"),
    }

    // The app was killed while decoding the good photo: the mark written
    // before decoding stays, and no later pull decodes it again.
    leave_as_killed_while_decoding(&core, &reply.update_id, 1);
    let summary = pull(&core).await;
    assert_eq!(summary.thumbnails_cached + summary.thumbnails_failed, 0);
    let reply = core.timeline(&id).unwrap().pop().unwrap();
    assert_eq!(
        reply.photos[1].problem.as_deref(),
        Some(ResultPhotoProblem::DecodeInterrupted.as_str())
    );
    let label = ResultPhotoProblem::DecodeInterrupted.label();
    assert!(!label.vi.is_empty() && !label.en.is_empty());
    city.server.shutdown().await;
}

/// A loopback server that answers each request with `answer(target)` —
/// (status, body: a JPEG or JSON) for the request's path and query — and
/// keeps every target it was asked for.
async fn scripted_server(
    answer: impl Fn(&str) -> (u16, Vec<u8>) + Send + Sync + 'static,
) -> (String, Arc<std::sync::Mutex<Vec<String>>>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let asked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let answer = Arc::new(answer);
    let log = asked.clone();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (answer, log) = (answer.clone(), log.clone());
            tokio::spawn(async move {
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match socket.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&request);
                let target = line.split(' ').nth(1).unwrap_or("").to_owned();
                log.lock().unwrap().push(target.clone());
                let (status, body) = answer(&target);
                let kind = if body.starts_with(&[0xFF, 0xD8]) {
                    "image/jpeg"
                } else {
                    "application/json"
                };
                let head = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
            });
        }
    });
    (url, asked)
}

/// A city with nothing new: the app's extensions in discovery, empty lists,
/// and `304` for the cached ones.
fn nothing_new(target: &str) -> (u16, Vec<u8>) {
    let lists = ["/requests", "/alerts", "/servicerequestupdates"];
    if target.starts_with("/discovery") {
        let extensions = serde_json::json!({ "extensions": {
            "resident_sign_in": {}, "client_request_id": {}, "request_updates": {},
            "alerts": {}, "areas": {}, "etag": {}, "detailed_status": {},
            "media_multipart": { "field": "media[]" },
        }});
        (200, extensions.to_string().into_bytes())
    } else if lists.iter().any(|path| target.starts_with(path)) {
        (200, b"[]".to_vec())
    } else {
        (304, Vec::new())
    }
}

/// A scripted city the phone is pointed at: `answer` gives the reply (status,
/// body) to the targets the test scripts, `None` for "nothing new" elsewhere.
async fn point_at_scripted_city(
    core: &Core,
    answer: impl Fn(&str) -> Option<(u16, Vec<u8>)> + Send + Sync + 'static,
) {
    let (url, _) =
        scripted_server(move |target| answer(target).unwrap_or_else(|| nothing_new(target))).await;
    point_at(core, &url);
}

/// 200 with `json`, for [`point_at_scripted_city`].
fn json_reply(json: serde_json::Value) -> Option<(u16, Vec<u8>)> {
    Some((200, json.to_string().into_bytes()))
}

/// How many of the `asked` targets start with `prefix`.
fn count_asked(asked: &std::sync::Mutex<Vec<String>>, prefix: &str) -> usize {
    asked
        .lock()
        .unwrap()
        .iter()
        .filter(|t| t.starts_with(prefix))
        .count()
}

/// The value of `name` in a request target's query.
fn query_value(target: &str, name: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix(&format!("{name}=")))
        .map(str::to_owned)
}

fn alerts_page(first_id: u64, body_bytes: usize) -> String {
    let body = "Ngập. ".repeat(body_bytes / 8);
    let alerts: Vec<serde_json::Value> = (first_id..first_id + 100)
        .map(|id| {
            serde_json::json!({
                "alert_id": id.to_string(), "severity": "warning",
                "title": { "vi": "Cảnh báo", "en": "Warning" },
                "body": { "vi": body, "en": "" },
                "published_datetime": "2026-11-27T09:12:00+07:00"
            })
        })
        .collect();
    serde_json::Value::Array(alerts).to_string()
}

fn store_bytes(core: &Core) -> u64 {
    ["ihanoi.sqlite3", "ihanoi.sqlite3-wal"]
        .iter()
        .filter_map(|name| std::fs::metadata(core.data_dir().join(name)).ok())
        .map(|m| m.len())
        .sum()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_pages_forever_is_stopped_and_the_rest_waits_for_the_next_pull() {
    use ihanoi_core::pull::{MAX_PAGES_PER_PULL, MAX_STORED_BYTES_PER_PULL};
    use std::sync::atomic::{AtomicUsize, Ordering};
    // Full pages of new alerts after whatever `after` says, for ever; small
    // ones at first, then 30 KB ones. Updates: the same full page whatever
    // `after` says. Categories and areas: unchanged.
    let alert_bytes = Arc::new(AtomicUsize::new(100));
    let bytes = alert_bytes.clone();
    let (url, asked) = scripted_server(move |target| {
        let after: u64 = query_value(target, "after")
            .and_then(|a| a.parse().ok())
            .unwrap_or(0);
        if target.starts_with("/alerts") {
            let page = alerts_page(after + 1, bytes.load(Ordering::SeqCst));
            (200, page.into_bytes())
        } else if target.starts_with("/servicerequestupdates") {
            let page: Vec<serde_json::Value> = (1..=100)
                .map(|id| {
                    serde_json::json!({"update_id": id.to_string(), "service_request_id": "1",
                        "updated_datetime": "2026-11-27T09:12:00+07:00"})
                })
                .collect();
            (200, serde_json::Value::Array(page).to_string().into_bytes())
        } else {
            nothing_new(target)
        }
    })
    .await;
    let count = |prefix: &str| count_asked(&asked, prefix);
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &url);

    // Without a session: alerts only. The page cap stops the pull.
    let summary = tokio::time::timeout(std::time::Duration::from_secs(60), pull(&core))
        .await
        .expect("the pull ends");
    assert!(summary.more_to_pull);
    assert_eq!(count("/alerts"), MAX_PAGES_PER_PULL as usize);
    assert_eq!(summary.new_alerts, 100 * MAX_PAGES_PER_PULL);
    // The next pull goes on from the cursor.
    let summary = pull(&core).await;
    assert!(summary.more_to_pull);
    assert_eq!(
        core.alerts().unwrap().len(),
        200 * MAX_PAGES_PER_PULL as usize
    );
    let cursors: Vec<Option<String>> = asked
        .lock()
        .unwrap()
        .iter()
        .filter(|t| t.starts_with("/alerts"))
        .map(|t| query_value(t, "after"))
        .collect();
    assert_eq!(
        cursors[MAX_PAGES_PER_PULL as usize].as_deref(),
        Some("2000")
    );

    // 30 KB alerts: the byte cap stops the pull long before the page cap.
    alert_bytes.store(30 * 1024, Ordering::SeqCst);
    let before = store_bytes(&core);
    let alerts_before = count("/alerts");
    let summary = pull(&core).await;
    assert!(summary.more_to_pull);
    assert!(count("/alerts") - alerts_before < MAX_PAGES_PER_PULL as usize);
    // One page (3 MB) spent the budget: stored once in the database and once
    // in its write-ahead log, at most the budget plus one answer (4 MiB) each.
    assert_eq!(summary.new_alerts, 100);
    let grown = store_bytes(&core).saturating_sub(before);
    assert!(
        grown <= 2 * (MAX_STORED_BYTES_PER_PULL + 4 * 1024 * 1024),
        "{grown} bytes"
    );

    // A session, and an updates endpoint that ignores `after`: the repeated
    // page is refused after one request more, not asked for ever.
    core.secret_store()
        .set(ihanoi_core::secrets::keys::ACCESS_TOKEN, &"a".repeat(64))
        .unwrap();
    let summary = tokio::time::timeout(std::time::Duration::from_secs(60), pull(&core))
        .await
        .expect("the pull ends");
    assert_eq!(count("/servicerequestupdates"), 2);
    let failed: Vec<_> = summary
        .failed_steps
        .iter()
        .map(|f| (f.step, f.code.as_str()))
        .collect();
    assert_eq!(
        failed,
        vec![(ihanoi_core::pull::PullStep::Updates, "invalid_json")]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn result_photos_are_fetched_only_from_the_citys_origin_or_origins_it_lists() {
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    let jpeg = std::fs::read(photo_file("iphone4s-gps-small.jpg")).unwrap();
    // A media host the city lists in discovery, and a port it does not (what
    // a hostile server would have every phone probe).
    let served = jpeg.clone();
    let (cdn, cdn_asked) = scripted_server(move |_| (200, served.clone())).await;
    let served = jpeg.clone();
    let (elsewhere, elsewhere_asked) = scripted_server(move |_| (200, served.clone())).await;
    let same_port_other_host = cdn.replace("127.0.0.1", "localhost");
    let photos = vec![
        format!("{cdn}/media/b.jpg"),
        format!("{elsewhere}/media/c.jpg"),
        format!("{same_port_other_host}/media/d.jpg"),
    ];
    let listed = cdn.clone();
    point_at_scripted_city(&core, move |target| {
        if target.starts_with("/servicerequestupdates")
            && query_value(target, "after").as_deref() == Some("0")
        {
            json_reply(
                serde_json::json!([{ "update_id": "5001", "service_request_id": city_id,
                "status": "open", "kind": "comment", "description": "Ảnh hiện trường.",
                "updated_datetime": "2026-11-27T09:12:00+07:00", "media_urls": photos }]),
            )
        } else if target.starts_with("/discovery") {
            // Updates are asked only of a server that offers them.
            json_reply(
                serde_json::json!({ "extensions": { "media_origins": { "origins": [listed] },
                "resident_sign_in": {}, "request_updates": {} } }),
            )
        } else {
            None
        }
    })
    .await;

    let summary = pull(&core).await;
    assert_eq!(
        (summary.thumbnails_cached, summary.thumbnails_failed),
        (1, 2)
    );
    assert_eq!(count_asked(&cdn_asked, "/media/b.jpg"), 1);
    assert_eq!(
        count_asked(&cdn_asked, "/"),
        1,
        "localhost is another origin"
    );
    assert_eq!(count_asked(&elsewhere_asked, "/"), 0);
    let reply = core.timeline(&id).unwrap().pop().unwrap();
    assert!(reply.photos[0].thumbnail_path.is_some());
    for photo in &reply.photos[1..] {
        assert_eq!(photo.thumbnail_path, None);
        assert_eq!(
            photo.problem.as_deref(),
            Some(ResultPhotoProblem::ForeignOrigin.as_str())
        );
    }
    // Asked for in full: refused, typed, still never fetched.
    assert!(matches!(
        core.result_photo(&reply.update_id, 1, CancelToken::new())
            .await,
        Err(Error::Photo(PhotoError::ForeignOrigin))
    ));
    assert_eq!(count_asked(&elsewhere_asked, "/"), 0);
    // A later pull does not ask again.
    let summary = pull(&core).await;
    assert_eq!(summary.thumbnails_cached + summary.thumbnails_failed, 0);
    assert_eq!(count_asked(&elsewhere_asked, "/"), 0);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_bad_record_is_skipped_and_one_failing_step_does_not_stop_the_others() {
    use ihanoi_core::pull::PullStep;
    use std::sync::atomic::{AtomicBool, Ordering};
    let (city, _dir, core, id, city_id) = signed_in_with_a_sent_report().await;
    let date = "2026-11-27T09:12:00+07:00";
    let bad_date = "2026-13-45T99:00:00+07:00";
    let alerts_broken = Arc::new(AtomicBool::new(false));
    let broken = alerts_broken.clone();
    let shipped = std::fs::read_to_string(ihanoi_city_api::config::shipped_categories()).unwrap();
    let shipped: serde_json::Value = serde_json::from_str(&shipped).unwrap();
    let mut services: Vec<serde_json::Value> = shipped["categories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::json!({ "service_code": c["code"], "service_name": c["name_vi"] }))
        .collect();
    services.insert(
        1,
        serde_json::json!({ "service_code": "", "service_name": "Hỏng" }),
    );
    point_at_scripted_city(&core, move |target| {
        let first = query_value(target, "after").as_deref() == Some("0");
        let json = if target.starts_with("/servicerequestupdates") && first {
            serde_json::json!([
                { "update_id": "1", "service_request_id": city_id, "kind": "accepted",
                  "detailed_status": "accepted", "updated_datetime": date },
                { "update_id": "2", "service_request_id": city_id, "kind": "comment",
                  "description": "Số điện thoại 0912345678", "updated_datetime": bad_date },
                { "update_id": "3", "service_request_id": city_id, "kind": "started",
                  "detailed_status": "in_progress", "updated_datetime": date }
            ])
        } else if target.starts_with("/alerts") && broken.load(Ordering::SeqCst) {
            return Some((500, b"{".to_vec()));
        } else if target.starts_with("/alerts") && first {
            let alert = |id: &str, published: &str| {
                serde_json::json!({ "alert_id": id, "severity": "warning",
                    "title": { "vi": "Ngập", "en": "Flood" }, "body": { "vi": "", "en": "" },
                    "published_datetime": published })
            };
            serde_json::json!([alert("1", date), alert("2", bad_date), alert("3", date)])
        } else if target.starts_with("/services") {
            serde_json::Value::Array(services.clone())
        } else {
            return None;
        };
        json_reply(json)
    })
    .await;

    let summary = pull(&core).await;
    assert_eq!(summary.skipped_records, 3);
    assert!(
        summary.failed_steps.is_empty(),
        "{:?}",
        summary.failed_steps
    );
    assert_eq!((summary.new_updates, summary.new_alerts), (2, 2));
    let kinds: Vec<UpdateKind> = core.timeline(&id).unwrap().iter().map(|e| e.kind).collect();
    assert_eq!(kinds, vec![UpdateKind::Accepted, UpdateKind::Started]);
    assert_eq!(summary.categories, Refresh::Updated);
    assert_eq!(core.categories().unwrap().len(), 11);
    // The cursors moved past the bad records: the next pull asks after them
    // (only the category list, served whole without an ETag, has its bad one again).
    let summary = pull(&core).await;
    assert_eq!(summary.skipped_records, 1);
    assert_eq!((summary.new_updates, summary.new_alerts), (0, 0));

    // The alerts endpoint breaks: listed, and categories still refresh.
    alerts_broken.store(true, Ordering::SeqCst);
    let summary = pull(&core).await;
    assert_eq!(summary.failed_steps.len(), 1);
    assert_eq!(summary.failed_steps[0].step, PullStep::Alerts);
    assert_eq!(summary.failed_steps[0].code, "server_error");
    assert_eq!(summary.categories, Refresh::Updated);
    assert_eq!(core.alerts().unwrap().len(), 2);
    city.server.shutdown().await;
}

/// A finding that an endpoint is missing is trusted for a day, then the
/// endpoint is asked again, with discovery unchanged (a city that adds its
/// alerts feed is noticed without asking at every sync). The day passes on a
/// clock the test moves, not by waiting.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_endpoint_is_asked_again_after_a_day() {
    let (url, asked) = scripted_server(|target| {
        if target.starts_with("/discovery") {
            let body = serde_json::json!({ "extensions": { "alerts": {} } });
            (200, body.to_string().into_bytes())
        } else if target.starts_with("/alerts") {
            (404, br#"[{"code":404,"description":"not found"}]"#.to_vec())
        } else {
            nothing_new(target)
        }
    })
    .await;
    let alerts_asked = || count_asked(&asked, "/alerts");
    let clock = ihanoi_core::time::Clock::manual(ihanoi_core::time::now_ms());
    let dir = tempfile::tempdir().unwrap();
    let core = open_phone(
        dir.path(),
        Arc::new(InMemorySecretStore::new()),
        &url,
        SyncTuning {
            clock: clock.clone(),
            ..SyncTuning::default()
        },
    );
    let alerts_missing = |summary: &ihanoi_core::pull::PullSummary| {
        summary
            .not_offered
            .contains(&ihanoi_core::pull::PullStep::Alerts)
    };
    let first = pull(&core).await;
    assert!(alerts_missing(&first) && first.failed_steps.is_empty());
    assert_eq!(alerts_asked(), 1);

    // Just under a day later, the same discovery: not asked.
    clock.advance(24 * HOUR_MS - 60_000);
    core.refresh_server_profile().await.unwrap();
    assert!(alerts_missing(&pull(&core).await));
    assert_eq!(alerts_asked(), 1, "trusted within the day");

    // A day has passed: asked again (still missing, noted again).
    clock.advance(2 * 60_000);
    core.refresh_server_profile().await.unwrap();
    assert_eq!(
        core.server_profile().unwrap().alerts,
        ihanoi_core::server_profile::Offer::Offered,
        "discovery's word again"
    );
    assert!(alerts_missing(&pull(&core).await));
    assert_eq!(alerts_asked(), 2, "asked again after a day");
    core.refresh_server_profile().await.unwrap();
    pull(&core).await;
    assert_eq!(alerts_asked(), 2, "and trusted for the next day");
}

/// An optional endpoint the city advertises but answers 404 (or 501) for is
/// "not offered": listed as such, not as a failure, remembered in the
/// profile and not asked again at the next pull, and asked again once
/// discovery changes.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_optional_endpoint_is_not_offered_and_not_asked_again() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let changed = Arc::new(AtomicBool::new(false));
    let discovery_changed = changed.clone();
    let (url, asked) = scripted_server(move |target| {
        if target.starts_with("/discovery") {
            let mut extensions = serde_json::json!({ "alerts": {}, "areas": {} });
            if discovery_changed.load(Ordering::SeqCst) {
                extensions["etag"] = serde_json::json!({});
            }
            let body = serde_json::json!({ "extensions": extensions });
            (200, body.to_string().into_bytes())
        } else if target.starts_with("/alerts") {
            (404, br#"[{"code":404,"description":"not found"}]"#.to_vec())
        } else if target.starts_with("/areas") {
            (
                501,
                br#"[{"code":501,"description":"not implemented"}]"#.to_vec(),
            )
        } else {
            nothing_new(target)
        }
    })
    .await;
    let count = |prefix: &str| count_asked(&asked, prefix);
    let dir = tempfile::tempdir().unwrap();
    let core = open_core(dir.path(), &url);

    let first = pull(&core).await;
    assert!(first.failed_steps.is_empty(), "{first:?}");
    assert!(
        first
            .not_offered
            .contains(&ihanoi_core::pull::PullStep::Alerts)
    );
    assert!(
        first
            .not_offered
            .contains(&ihanoi_core::pull::PullStep::Areas)
    );
    let profile = core.server_profile().unwrap();
    assert_eq!(
        (profile.alerts, profile.areas),
        (
            ihanoi_core::server_profile::Offer::NotOffered,
            ihanoi_core::server_profile::Offer::NotOffered
        )
    );
    assert_eq!((count("/alerts"), count("/areas")), (1, 1));

    // The same discovery, asked again: the finding holds.
    core.refresh_server_profile().await.unwrap();
    let second = pull(&core).await;
    assert!(second.failed_steps.is_empty(), "{second:?}");
    assert!(
        second
            .not_offered
            .contains(&ihanoi_core::pull::PullStep::Alerts)
    );
    assert_eq!(
        (count("/alerts"), count("/areas")),
        (1, 1),
        "not asked again"
    );

    // Discovery changed: the endpoints are tried again.
    changed.store(true, Ordering::SeqCst);
    core.refresh_server_profile().await.unwrap();
    pull(&core).await;
    assert_eq!((count("/alerts"), count("/areas")), (2, 2));
}
