//! Shared by the sync and pull tests (sync.rs, sync_faults.rs, sync_crash.rs,
//! pull.rs) and the sync benchmark (benches/sync.rs): the reference city server
//! in process and its officials, a phone (a core on a temp dir) pointed at it
//! directly or through the fault proxy, generated photos, and an audit of what
//! each side holds.

#![allow(dead_code, unused_imports)] // each test binary uses its own part

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use ihanoi_core::account::SessionState;
use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::net::SyncTuning;
use ihanoi_core::net::retry::RetryPolicy;
use ihanoi_core::net::transport::TimeoutPolicy;
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::{DraftField, ReportState};
use ihanoi_core::secrets::SecretStore;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, CoreConfig};
use sha2::{Digest, Sha256};

pub use ihanoi_test_kit::{
    API_KEY, OFFICIAL_KEY, PHONE, TestCity as City, city_config, http_client, shared_dir,
};

/// A number from the environment variable `name`, else `default`.
pub fn knob(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// For the tests and the benchmark that are not `#[tokio::test]`s: they run
/// child processes or measure, and drive the async parts with `block_on`.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// The city server and the proxy in front of it, `proxy` set from a plain relay.
pub fn city_behind_proxy(
    runtime: &tokio::runtime::Runtime,
    proxy: impl FnOnce(ihanoi_fault_proxy::ProxyConfig) -> ihanoi_fault_proxy::ProxyConfig,
) -> (City, ihanoi_fault_proxy::FaultProxy) {
    city_with_profile_behind_proxy(runtime, "full", proxy)
}

/// [`city_behind_proxy`] with the reference server under `profile`.
pub fn city_with_profile_behind_proxy(
    runtime: &tokio::runtime::Runtime,
    profile: &str,
    proxy: impl FnOnce(ihanoi_fault_proxy::ProxyConfig) -> ihanoi_fault_proxy::ProxyConfig,
) -> (City, ihanoi_fault_proxy::FaultProxy) {
    let city = runtime.block_on(city_with_profile(profile));
    let config = proxy(ihanoi_fault_proxy::ProxyConfig::new(city.addr()));
    let proxy = runtime
        .block_on(ihanoi_fault_proxy::FaultProxy::start(config))
        .unwrap();
    (city, proxy)
}

/// A new seed per run unless the variable `pin` holds one; printed, so a
/// failure can be replayed.
pub fn seed(pin: &str) -> u64 {
    let seed = std::env::var(pin)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    eprintln!("seed {seed} ({pin}={seed} replays it)");
    seed
}

/// Short deadlines and backoff, so a stall costs a second and a failed
/// attempt waits a fraction of a second (production: 30 s and 30 s..1 h).
/// `Retry-After` is still honoured as in production.
pub fn quick_tuning() -> SyncTuning {
    SyncTuning {
        timeouts: TimeoutPolicy {
            base: Duration::from_secs(1),
            floor_bytes_per_second: 1024 * 1024,
            max: Duration::from_secs(60),
        },
        retry: RetryPolicy {
            base: Duration::from_millis(50),
            cap: Duration::from_millis(400),
            ..RetryPolicy::default()
        },
        ..SyncTuning::default()
    }
}

/// Every report the server stored, read from its SQLite file.
pub fn holdings(city: &City) -> Vec<HeldReport> {
    let conn = rusqlite::Connection::open_with_flags(
        city.data_dir().join("city.sqlite3"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut media: HashMap<i64, Vec<String>> = HashMap::new();
    let mut statement = conn
        .prepare("SELECT request_id, file_name FROM request_media ORDER BY request_id, position")
        .unwrap();
    for row in statement
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (request, file) = row.unwrap();
        media.entry(request).or_default().push(file);
    }
    let mut statement = conn
        .prepare("SELECT id, client_request_id, description FROM requests ORDER BY id")
        .unwrap();
    statement
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .unwrap()
        .map(|row| {
            let (id, client_request_id, description) = row.unwrap();
            HeldReport {
                service_request_id: id.to_string(),
                client_request_id,
                description: description.unwrap_or_default(),
                photo_sha256: media
                    .remove(&id)
                    .unwrap_or_default()
                    .iter()
                    .map(|name| sha256_of_file(&city.data_dir().join("media").join(name)))
                    .collect(),
            }
        })
        .collect()
}

/// One report as the city stored it.
#[derive(Debug, Clone)]
pub struct HeldReport {
    pub service_request_id: String,
    pub client_request_id: Option<String>,
    pub description: String,
    /// SHA-256 of each stored photo file's bytes, in order.
    pub photo_sha256: Vec<String>,
}

pub fn sha256_of_file(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A core on `data_dir`, pointed at `city_url` (the server or a proxy).
pub fn open_phone(
    data_dir: &Path,
    secrets: Arc<dyn SecretStore>,
    city_url: &str,
    tuning: SyncTuning,
) -> Core {
    let core = Core::open(
        CoreConfig {
            data_dir: data_dir.to_owned(),
        },
        secrets,
    )
    .unwrap();
    core.configure_city_tuned(city_config(city_url), tuning)
        .unwrap();
    core
}

/// A signed-in core on `data_dir` whose requests go through `proxy`. Signing
/// in is not what the fault tests test: the proxy's faults are off meanwhile.
pub async fn signed_in_behind(
    data_dir: &Path,
    city: &City,
    proxy: &ihanoi_fault_proxy::FaultProxy,
    tuning: SyncTuning,
) -> Core {
    let core = open_phone(
        data_dir,
        Arc::new(ihanoi_core::secrets::InMemorySecretStore::new()),
        &proxy.url(),
        tuning,
    );
    proxy.set_faults(false);
    sign_in(&core, city).await;
    proxy.set_faults(true);
    core
}

/// Whether the reference server under `profile` has resident sign-in (else
/// reports go out without a session, under the contact fields).
pub fn has_sign_in(profile: &str) -> bool {
    ihanoi_city_api::Profile::parse(profile).unwrap().sign_in()
}

/// A core behind `proxy` on a city under `profile`: signed in where the
/// profile has sign-in, with the proxy's faults off meanwhile.
pub async fn phone_behind(
    data_dir: &Path,
    city: &City,
    profile: &str,
    proxy: &ihanoi_fault_proxy::FaultProxy,
    tuning: SyncTuning,
) -> Core {
    if has_sign_in(profile) {
        return signed_in_behind(data_dir, city, proxy, tuning).await;
    }
    open_phone(
        data_dir,
        Arc::new(ihanoi_core::secrets::InMemorySecretStore::new()),
        &proxy.url(),
        tuning,
    )
}

pub async fn sign_in(core: &Core, city: &City) {
    let sent = core.request_sign_in_code(PHONE).await.unwrap();
    let code = city.sign_in_code(&sent.phone).await;
    assert_eq!(
        core.sign_in(&sent.phone, &code, CancelToken::new())
            .await
            .unwrap(),
        SessionState::SignedIn
    );
}

/// Small photos, each different, written as PNG for the core's pipeline to
/// turn into the JPEGs it uploads.
pub struct PhotoMaker {
    dir: PathBuf,
}

impl PhotoMaker {
    /// Writes into `dir`; give the core this folder as a photo input folder.
    pub fn new(dir: &Path) -> PhotoMaker {
        std::fs::create_dir_all(dir).unwrap();
        PhotoMaker {
            dir: dir.to_owned(),
        }
    }

    /// A 160×120 picture of smooth bands whose colours follow `seed`: every
    /// seed gives other bytes, and the JPEG stays a few kilobytes.
    pub fn make(&self, seed: u64) -> PathBuf {
        let (width, height) = (160u32, 120u32);
        let mix = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (seed >> 7);
        let mut pixels = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height {
            for x in 0..width {
                let band = u64::from((x / 20 + y / 15) % 8);
                let colour = mix.rotate_left((band * 8) as u32);
                pixels.push((colour as u8).wrapping_add(x as u8));
                pixels.push(((colour >> 8) as u8).wrapping_add(y as u8));
                pixels.push((colour >> 16) as u8);
            }
        }
        let path = self.dir.join(format!("generated-{seed}.png"));
        let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        let mut encoder = png::Encoder::new(file, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&pixels).unwrap();
        writer.finish().unwrap();
        path
    }
}

/// The description of test report `n`: unique, so the server's rows can be
/// matched to reports even if one arrived without its id.
pub fn description(n: usize) -> String {
    format!("Rác thải đổ trộm ở đầu ngõ, phản ánh thử số {n}")
}

/// A complete report near Hoàn Kiếm Lake with `photos` attached, queued.
pub fn queue_report(
    core: &Core,
    n: usize,
    photos: &[PathBuf],
    options: &CompressOptions,
) -> String {
    queue_report_in_category(core, "ve_sinh_moi_truong", n, photos, options)
}

/// [`queue_report`] of the category `code` (which the core may not know).
pub fn queue_report_in_category(
    core: &Core,
    code: &str,
    n: usize,
    photos: &[PathBuf],
    options: &CompressOptions,
) -> String {
    let report = core.create_draft().unwrap();
    core.update_draft(
        &report.id,
        DraftField::Category {
            code: Some(code.into()),
        },
    )
    .unwrap();
    core.update_draft(
        &report.id,
        DraftField::Description {
            text: description(n),
        },
    )
    .unwrap();
    for photo in photos {
        core.attach_photo_blocking(
            &report.id,
            photo,
            PhotoSource::Camera,
            options,
            &CancelToken::new(),
        )
        .unwrap();
    }
    core.set_report_location(&report.id, central_hanoi_fix())
        .unwrap();
    core.queue_report(&report.id).unwrap();
    report.id
}

/// A device GPS fix in central Hanoi, taken now.
pub fn central_hanoi_fix() -> LocationFix {
    LocationFix {
        lat: 21.0287,
        lon: 105.8524,
        accuracy_m: 8.0,
        time_ms: ihanoi_core::time::now_ms(),
        source: LocationSource::DeviceGps,
        mocked: false,
    }
}

/// The reference server under `profile` (`"plain,strict"`, …).
pub async fn city_with_profile(profile: &str) -> City {
    let profile = ihanoi_city_api::Profile::parse(profile).unwrap();
    City::start_with(|_, config| config.profile = profile).await
}

/// A phone on `city` without a session, allowed to read the shared photos.
pub fn phone_on(dir: &Path, city: &City) -> Core {
    let core = open_phone(
        dir,
        Arc::new(ihanoi_core::secrets::InMemorySecretStore::new()),
        &city.url(),
        quick_tuning(),
    );
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();
    core
}

/// A column of every report the server holds, in the order it created them.
pub fn server_column(city: &City, column: &str) -> Vec<Option<String>> {
    let conn = rusqlite::Connection::open(city.data_dir().join("city.sqlite3")).unwrap();
    let mut statement = conn
        .prepare(&format!("SELECT {column} FROM requests ORDER BY id"))
        .unwrap();
    statement
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// One sync with no listener, as a shell's background call runs it.
pub async fn sync_once(core: &Core) -> ihanoi_core::sync::SyncSummary {
    core.sync(
        SyncOptions::default(),
        Arc::new(NoListener),
        CancelToken::new(),
    )
    .await
    .unwrap()
}

/// How a run of syncs went.
#[derive(Debug, Default, Clone, Copy)]
pub struct SyncRounds {
    pub syncs: u32,
    pub sent: u32,
    pub failed_attempts: u32,
}

/// Sync until nothing waits, sleeping until the core's next retry time between
/// runs (what a shell's scheduler does with `next_retry_at_ms`).
pub async fn sync_until_done(core: &Core, max_syncs: u32) -> SyncRounds {
    let mut rounds = SyncRounds::default();
    loop {
        let summary = sync_once(core).await;
        rounds.syncs += 1;
        rounds.sent += summary.sent;
        rounds.failed_attempts += summary.failed;
        assert!(!summary.sign_in_needed, "{summary:?}");
        assert_eq!(
            summary.needs_attention, 0,
            "nothing is refused: {summary:?}"
        );
        if summary.waiting == 0 {
            return rounds;
        }
        assert!(
            rounds.syncs < max_syncs,
            "still {} waiting after {} syncs",
            summary.waiting,
            rounds.syncs
        );
        if let Some(at) = summary.next_retry_at_ms {
            let wait = at - ihanoi_core::time::now_ms();
            if wait > 0 {
                tokio::time::sleep(Duration::from_millis(wait as u64)).await;
            }
        }
    }
}

/// Every report in `ids` (report `n` described by [`description`]`(n)`) is
/// on the server exactly once, with photos byte-identical to the ones the
/// core stored, and locally submitted once with the server's id. Nothing else
/// is on the server. Where the server keeps `client_request_id` (the
/// idempotency extension) every row carries its report's id; where it does
/// not, rows are told apart by their descriptions, which are unique.
pub fn assert_each_report_exactly_once(core: &Core, city: &City, ids: &[String]) {
    let held = holdings(city);
    let twins = twins(&held, ids.len());
    assert!(twins.is_empty(), "reports held more than once: {twins:?}");
    assert_eq!(
        held.len(),
        ids.len(),
        "the server holds exactly one row per report"
    );
    let by_description: HashMap<&str, &HeldReport> =
        held.iter().map(|h| (h.description.as_str(), h)).collect();
    let idempotent = held.iter().any(|h| h.client_request_id.is_some());
    for (n, id) in ids.iter().enumerate() {
        let remote = by_description
            .get(description(n).as_str())
            .unwrap_or_else(|| panic!("report {n} ({id}) never reached the city"));
        if idempotent {
            assert_eq!(
                remote.client_request_id.as_deref(),
                Some(id.as_str()),
                "report {n}: every POST carried its client_request_id"
            );
        }
        assert_eq!(
            core.report(id).unwrap().state,
            ReportState::Submitted,
            "{n}"
        );
        let submission = core.submission(id).unwrap().expect("a submission");
        assert_eq!(
            submission.service_request_id, remote.service_request_id,
            "{n}"
        );
        let local: Vec<String> = core
            .photos(id)
            .unwrap()
            .iter()
            .map(|p| {
                let actual = sha256_of_file(Path::new(&p.path));
                assert_eq!(actual, p.sha256, "the core's own file is intact");
                actual
            })
            .collect();
        assert_eq!(
            remote.photo_sha256, local,
            "report {n}: photos byte-identical"
        );
    }
}

/// Test reports (`0..count`) the server holds more than once, with how often.
pub fn twins(held: &[HeldReport], count: usize) -> Vec<(usize, usize)> {
    (0..count)
        .filter_map(|n| {
            let text = description(n);
            let times = held.iter().filter(|h| h.description == text).count();
            (times > 1).then_some((n, times))
        })
        .collect()
}
