//! The device check against real causes: the reference city server over
//! loopback (up, down, its clock two hours off), a real SQLite store, a photo
//! folder that cannot be written, a report that keeps failing to send, a phone
//! never signed in, data never or long ago refreshed.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

mod sync_support;

use ihanoi_city_api::{Clock, ManualClock};
use ihanoi_core::Core;
use ihanoi_core::device_check::thresholds::STUCK_AFTER_ATTEMPTS;
use ihanoi_core::device_check::{
    CheckCode, CheckStatus, DeviceCheck, DeviceCheckReport, DeviceFacts, NetworkFact, OsFact,
    PermissionState, Platform,
};
use ihanoi_core::net::SyncTuning;
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use sync_support::{City, open_phone, quick_tuning, shared_dir, sign_in};

/// What a healthy phone's shell passes.
fn healthy_facts() -> DeviceFacts {
    DeviceFacts {
        camera_present: Some(true),
        camera_permission: Some(PermissionState::Granted),
        location_services_on: Some(true),
        location_permission: Some(PermissionState::Granted),
        notification_permission: Some(PermissionState::Granted),
        network: Some(NetworkFact::Wifi),
        free_storage_bytes: Some(16 * 1024 * 1024 * 1024),
        os: Some(OsFact {
            platform: Platform::Android,
            version: "14".into(),
        }),
    }
}

/// A loopback address where nothing listens: the port was just free.
fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// A phone on a fresh data directory (kept as long as the returned folder).
fn phone(url: &str, tuning: SyncTuning) -> (tempfile::TempDir, Core) {
    let dir = tempfile::tempdir().unwrap();
    let core = reopen(dir.path(), url, tuning);
    (dir, core)
}

fn reopen(dir: &Path, url: &str, tuning: SyncTuning) -> Core {
    let core = open_phone(dir, Arc::new(InMemorySecretStore::new()), url, tuning);
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();
    core
}

async fn sync_once(core: &Core) -> ihanoi_core::sync::SyncSummary {
    let listener = Arc::new(NoListener);
    let summary = core.sync(SyncOptions::default(), listener, CancelToken::new());
    summary.await.unwrap()
}

fn row(report: &DeviceCheckReport, code: CheckCode) -> &DeviceCheck {
    report
        .check(code)
        .unwrap_or_else(|| panic!("no {} row in {report:#?}", code.as_str()))
}

/// Every row is well formed: words in both languages, a thing to do unless ok.
fn assert_well_formed(report: &DeviceCheckReport) {
    let worst = report.checks.iter().map(|c| c.status).max().unwrap();
    assert_eq!(report.verdict, worst);
    let order: Vec<usize> = report
        .checks
        .iter()
        .map(|c| CheckCode::ALL.iter().position(|x| *x == c.code).unwrap())
        .collect();
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "fixed order, no duplicates"
    );
    for check in &report.checks {
        assert!(
            !check.label.vi.is_empty() && !check.label.en.is_empty(),
            "{check:?}"
        );
        assert_eq!(
            check.status == CheckStatus::Ok,
            check.action.vi.is_empty() && check.action.en.is_empty(),
            "{check:?}"
        );
    }
}

/// Signed in, pulled, a healthy phone: every row is ok.
async fn ready_phone(city: &City) -> (tempfile::TempDir, Core) {
    let (dir, core) = phone(&city.url(), SyncTuning::default());
    sign_in(&core, city).await;
    core.pull(CancelToken::new()).await.unwrap();
    (dir, core)
}

#[tokio::test]
async fn a_ready_phone_against_the_reference_server_is_all_ok() {
    let city = City::start().await;
    let (_dir, core) = ready_phone(&city).await;
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let not_ok: Vec<_> = report
        .checks
        .iter()
        .filter(|c| c.status != CheckStatus::Ok)
        .collect();
    assert!(not_ok.is_empty(), "{not_ok:#?}");
    assert_eq!(report.verdict, CheckStatus::Ok);
    assert_eq!(report.checks.len(), CheckCode::ALL.len(), "every check ran");
}

#[tokio::test]
async fn without_facts_only_the_core_checks_run() {
    let city = City::start().await;
    let (_dir, core) = ready_phone(&city).await;
    let report = core.device_check(DeviceFacts::default()).await.unwrap();
    let codes: Vec<CheckCode> = report.checks.iter().map(|c| c.code).collect();
    assert_eq!(
        codes,
        [
            CheckCode::ServerReachable,
            CheckCode::ServerCompatible,
            CheckCode::Clock,
            CheckCode::SignIn,
            CheckCode::StoreIntegrity,
            CheckCode::PhotoFolder,
            CheckCode::Outbox,
            CheckCode::Categories,
            CheckCode::WardData,
        ]
    );
    assert_eq!(report.verdict, CheckStatus::Ok, "{report:#?}");
}

#[tokio::test]
async fn a_server_that_is_down_fails_reachability_and_leaves_the_rest_unchecked() {
    let (_dir, core) = phone(&closed_port_url(), SyncTuning::default());
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let reachable = row(&report, CheckCode::ServerReachable);
    assert_eq!(reachable.status, CheckStatus::Fail);
    assert_eq!(reachable.detail.as_deref(), Some("connect"));
    assert!(reachable.action.en.contains("Wi-Fi"), "{reachable:?}");
    assert_eq!(
        row(&report, CheckCode::ServerCompatible).status,
        CheckStatus::Warn
    );
    assert_eq!(row(&report, CheckCode::Clock).status, CheckStatus::Warn);
    assert_eq!(report.verdict, CheckStatus::Fail);
}

#[tokio::test]
async fn a_server_that_accepts_no_connection_answers_within_the_check_timeout() {
    // A listener that never accepts: the connection is queued by the kernel
    // but no HTTP answer ever comes.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", silent.local_addr().unwrap());
    let (_dir, core) = phone(&url, SyncTuning::default());
    let report = core.device_check(DeviceFacts::default()).await.unwrap();
    let reachable = row(&report, CheckCode::ServerReachable);
    assert_eq!(reachable.status, CheckStatus::Fail);
    assert_eq!(reachable.detail.as_deref(), Some("timeout"));
}

#[tokio::test]
async fn a_clock_two_hours_off_fails() {
    let two_hours_ms = 2 * 3600 * 1000;
    let server_time = ihanoi_core::time::now_ms() - two_hours_ms;
    let city = City::start_with_clock(Clock::Manual(ManualClock::new(server_time))).await;
    let (_dir, core) = phone(&city.url(), SyncTuning::default());
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let clock = row(&report, CheckCode::Clock);
    assert_eq!(clock.status, CheckStatus::Fail, "{clock:?}");
    assert!(clock.label.en.contains("2 h 0 min ahead"), "{clock:?}");
    assert!(clock.label.vi.contains("nhanh 2 giờ"), "{clock:?}");
    // The server itself is fine.
    assert_eq!(
        row(&report, CheckCode::ServerReachable).status,
        CheckStatus::Ok
    );
    assert_eq!(
        row(&report, CheckCode::ServerCompatible).status,
        CheckStatus::Ok
    );

    // A server on time: the same phone's clock is right.
    let on_time = City::start().await;
    core.configure_city(sync_support::city_config(&on_time.url()))
        .unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(row(&report, CheckCode::Clock).status, CheckStatus::Ok);
}

#[tokio::test]
async fn a_server_with_another_app_key_is_not_compatible() {
    let city = City::start().await;
    let (_dir, core) = phone(&city.url(), SyncTuning::default());
    let mut config = sync_support::city_config(&city.url());
    config.api_key = "an-old-build-key".into();
    core.configure_city(config).unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    let compatible = row(&report, CheckCode::ServerCompatible);
    assert_eq!(compatible.status, CheckStatus::Fail, "{compatible:?}");
    assert_eq!(compatible.detail.as_deref(), Some("HTTP 403"));
}

/// Undoes what [`make_read_only`] did, even when the test fails.
struct Writable(PathBuf, bool);

impl Drop for Writable {
    fn drop(&mut self) {
        if self.1 {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.0)
                .status();
        }
        let _ = set_mode(&self.0, 0o755);
    }
}

fn set_mode(path: &Path, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

fn can_write_in(dir: &Path) -> bool {
    let probe = dir.join("probe");
    let wrote = std::fs::write(&probe, b"x").is_ok();
    let _ = std::fs::remove_file(probe);
    wrote
}

/// Make `dir` read-only for this process: mode 0555, and when that does not
/// stop the process (root ignores modes), the ext4 immutable flag, which stops
/// root too. `None` when neither works here (another file system, no
/// CAP_LINUX_IMMUTABLE).
fn make_read_only(dir: &Path) -> Option<Writable> {
    set_mode(dir, 0o555).unwrap();
    let mut guard = Writable(dir.to_owned(), false);
    if can_write_in(dir) {
        let chattr = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status();
        guard.1 = chattr.is_ok_and(|s| s.success());
    }
    (!can_write_in(dir)).then_some(guard)
}

#[tokio::test]
async fn a_read_only_photo_folder_fails() {
    let city = City::start().await;
    let (_dir, core) = ready_phone(&city).await;
    let reports = core.data_dir().join("reports");
    let Some(_writable_again) = make_read_only(&reports) else {
        eprintln!("skipped: neither mode 0555 nor chattr +i makes a folder read-only here");
        return;
    };
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let folder = row(&report, CheckCode::PhotoFolder);
    assert_eq!(folder.status, CheckStatus::Fail, "{folder:?}");
    assert!(
        matches!(folder.detail.as_deref(), Some("PermissionDenied")),
        "{folder:?}"
    );
    assert_eq!(report.verdict, CheckStatus::Fail);
}

#[tokio::test]
async fn a_file_where_the_photo_folder_should_be_fails() {
    // Works as root too: no permission is involved, the path is not a folder.
    let city = City::start().await;
    let (_dir, core) = ready_phone(&city).await;
    let reports = core.data_dir().join("reports");
    std::fs::remove_dir_all(&reports).unwrap();
    std::fs::write(&reports, b"not a folder").unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    let folder = row(&report, CheckCode::PhotoFolder);
    assert_eq!(folder.status, CheckStatus::Fail, "{folder:?}");
    assert_eq!(folder.detail.as_deref(), Some("NotADirectory"));
    // The probe left nothing behind.
    assert_eq!(std::fs::read(&reports).unwrap(), b"not a folder");
}

#[tokio::test]
async fn a_report_that_keeps_failing_is_stuck_with_its_reason() {
    let city = City::start().await;
    let (_dir, core) = phone(&city.url(), quick_tuning());
    sign_in(&core, &city).await;
    core.pull(CancelToken::new()).await.unwrap();
    let photo = shared_dir().join("photos/iphone4s-gps-small.jpg");
    let id = sync_support::queue_report(&core, 0, &[photo], &CompressOptions::default());

    // The city moves away: every attempt finds a closed port.
    let gone = closed_port_url();
    core.configure_city_tuned(sync_support::city_config(&gone), quick_tuning())
        .unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(
        row(&report, CheckCode::Outbox).status,
        CheckStatus::Ok,
        "queued, not stuck yet"
    );
    for _ in 0..STUCK_AFTER_ATTEMPTS {
        let summary = sync_once(&core).await;
        assert_eq!(summary.failed, 1, "{summary:?}");
        if let Some(at) = summary.next_retry_at_ms {
            let wait = at - ihanoi_core::time::now_ms();
            tokio::time::sleep(Duration::from_millis(wait.max(0) as u64 + 20)).await;
        }
    }
    assert_eq!(
        core.sync_record(&id).unwrap().attempts,
        STUCK_AFTER_ATTEMPTS
    );
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let outbox = row(&report, CheckCode::Outbox);
    assert_eq!(outbox.status, CheckStatus::Fail, "{outbox:?}");
    assert_eq!(outbox.detail.as_deref(), Some("1× connect"));
    assert!(
        outbox.label.en.contains("could not be reached"),
        "{outbox:?}"
    );

    // Back to the city: the report goes, nothing is stuck.
    core.configure_city_tuned(sync_support::city_config(&city.url()), quick_tuning())
        .unwrap();
    let summary = sync_once(&core).await;
    assert_eq!(summary.sent, 1, "{summary:?}");
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(row(&report, CheckCode::Outbox).status, CheckStatus::Ok);
}

#[tokio::test]
async fn a_phone_never_signed_in_fails_sign_in() {
    let city = City::start().await;
    let (_dir, core) = phone(&city.url(), SyncTuning::default());
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let signed = row(&report, CheckCode::SignIn);
    assert_eq!(signed.status, CheckStatus::Fail, "{signed:?}");
    assert!(signed.label.en.contains("Not signed in"), "{signed:?}");

    sign_in(&core, &city).await;
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(row(&report, CheckCode::SignIn).status, CheckStatus::Ok);
}

#[tokio::test]
async fn data_never_pulled_or_pulled_long_ago_is_reported() {
    let city = City::start().await;
    let (_dir, core) = phone(&city.url(), SyncTuning::default());
    sign_in(&core, &city).await;

    // A fresh install: the built-in categories.
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_well_formed(&report);
    let categories = row(&report, CheckCode::Categories);
    assert_eq!(categories.status, CheckStatus::Warn, "{categories:?}");
    assert_eq!(categories.detail.as_deref(), Some("built-in"));

    core.pull(CancelToken::new()).await.unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(row(&report, CheckCode::Categories).status, CheckStatus::Ok);
    assert_eq!(row(&report, CheckCode::WardData).status, CheckStatus::Ok);

    // Forty days without a pull: the times the last pull recorded, as a
    // phone that stayed offline since would hold them.
    let forty_days_ago = ihanoi_core::time::now_ms() - 40 * 24 * 3600 * 1000;
    let db = rusqlite::Connection::open(core.data_dir().join("ihanoi.sqlite3")).unwrap();
    db.execute(
        "UPDATE pull_state SET value = ?1
         WHERE name IN ('categories_checked_at', 'areas_checked_at')",
        [forty_days_ago.to_string()],
    )
    .unwrap();
    db.execute("UPDATE area_sets SET imported_at = ?1", [forty_days_ago])
        .unwrap();
    drop(db);
    let report = core.device_check(healthy_facts()).await.unwrap();
    for code in [CheckCode::Categories, CheckCode::WardData] {
        let stale = row(&report, code);
        assert_eq!(stale.status, CheckStatus::Warn, "{stale:?}");
        assert!(stale.label.en.contains("40 days"), "{stale:?}");
    }

    // A pull makes them current again (the server answers 304).
    core.pull(CancelToken::new()).await.unwrap();
    let report = core.device_check(healthy_facts()).await.unwrap();
    assert_eq!(row(&report, CheckCode::Categories).status, CheckStatus::Ok);
    assert_eq!(row(&report, CheckCode::WardData).status, CheckStatus::Ok);
}

#[tokio::test]
async fn a_damaged_store_fails_its_integrity_check() {
    let city = City::start().await;
    let (dir, core) = ready_phone(&city).await;
    let report = core.device_check(DeviceFacts::default()).await.unwrap();
    assert_eq!(
        row(&report, CheckCode::StoreIntegrity).status,
        CheckStatus::Ok
    );
    let path = core.data_dir().join("ihanoi.sqlite3");
    drop(core);

    // Break the chain of the area set's overflow pages (its blob, read by no
    // start-up query): what a failing flash chip does to a page header.
    let db = rusqlite::Connection::open(&path).unwrap();
    db.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    let page_size: i64 = db.query_row("PRAGMA page_size", [], |r| r.get(0)).unwrap();
    let overflow: i64 = db
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'area_sets' AND pagetype = 'overflow'
             ORDER BY pageno LIMIT 1 OFFSET 10",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(db);
    let mut bytes = std::fs::read(&path).unwrap();
    // Pages count from 1; an overflow page starts with the next page's number.
    let start = ((overflow - 1) * page_size) as usize;
    bytes[start..start + 4].copy_from_slice(&u32::MAX.to_be_bytes());
    std::fs::write(&path, bytes).unwrap();

    let core = reopen(dir.path(), &city.url(), SyncTuning::default());
    let report = core.device_check(DeviceFacts::default()).await.unwrap();
    let integrity = row(&report, CheckCode::StoreIntegrity);
    assert_eq!(integrity.status, CheckStatus::Fail, "{integrity:?}");
    assert!(
        integrity
            .detail
            .as_deref()
            .is_some_and(|d| d.contains("invalid page number")),
        "{integrity:?}"
    );
    // The ward map's row needs the broken blob: a failing row, not an error.
    let wards = row(&report, CheckCode::WardData);
    assert_eq!(wards.status, CheckStatus::Fail, "{wards:?}");
}
