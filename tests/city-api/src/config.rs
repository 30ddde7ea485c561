//! Everything the server is started with. [`CityConfig::for_tests`] gives the
//! settings the conformance tests and the demo use.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::catalog::areas::AreaCatalog;

/// Size and rate limits (docs/city-api.md § Limits).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub max_photos: usize,
    pub max_photo_bytes: usize,
    pub max_description_chars: usize,
    /// Requests per minute per bearer token (else per api_key, else per peer).
    pub requests_per_minute: u32,
    /// One-time codes per phone number per hour.
    pub codes_per_phone_per_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 12 * 1024 * 1024,
            max_photos: 5,
            max_photo_bytes: 2 * 1024 * 1024,
            max_description_chars: 4000,
            requests_per_minute: 120,
            codes_per_phone_per_hour: 5,
        }
    }
}

/// Where "now" comes from. Tests that check overdue flags move a manual clock
/// instead of sleeping.
#[derive(Clone, Default)]
pub enum Clock {
    #[default]
    System,
    Manual(ManualClock),
}

impl Clock {
    pub fn now_ms(&self) -> i64 {
        match self {
            Clock::System => ihanoi_core::time::now_ms(),
            Clock::Manual(clock) => clock.now_ms(),
        }
    }
}

impl std::fmt::Debug for Clock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Clock::System => f.write_str("Clock::System"),
            Clock::Manual(c) => write!(f, "Clock::Manual({})", c.now_ms()),
        }
    }
}

/// A clock tests set by hand (Unix milliseconds, UTC).
#[derive(Clone, Debug)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn new(now_ms: i64) -> Self {
        ManualClock(Arc::new(AtomicI64::new(now_ms)))
    }
    pub fn now_ms(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
    pub fn set(&self, now_ms: i64) {
        self.0.store(now_ms, Ordering::SeqCst)
    }
    pub fn advance(&self, by: Duration) {
        self.0.fetch_add(by.as_millis() as i64, Ordering::SeqCst);
    }
}

/// The areas: a GeoJSON file to load, or a catalogue already loaded (tests share
/// one across many servers: validating 133 k vertices once is enough).
#[derive(Debug, Clone)]
pub enum AreasSource {
    File(PathBuf),
    Loaded(Arc<AreaCatalog>),
}

#[derive(Debug, Clone)]
pub struct CityConfig {
    /// Loopback by default; port 0 picks a free one.
    pub bind: std::net::SocketAddr,
    /// Holds `city.sqlite3` and `media/`. Created if missing.
    pub data_dir: PathBuf,
    pub areas: AreasSource,
    pub categories_path: PathBuf,
    pub holidays_path: PathBuf,
    /// Base URL written into `media_urls` and discovery; default `http://<bound address>`.
    pub public_base_url: Option<String>,
    pub jurisdiction_id: String,
    /// Keys identifying apps (`api_key`).
    pub api_keys: Vec<String>,
    /// Key for the officials' endpoints (`X-Official-Key`).
    pub official_key: String,
    /// Development sign-in: one-time codes go to the log and the officials' endpoint.
    pub dev_mode: bool,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub code_ttl: Duration,
    pub limits: Limits,
    pub clock: Clock,
}

/// Files shipped with the crate.
pub fn shipped_file(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

/// The city's categories the reference server serves by default: the very file
/// the core embeds as its offline snapshot (`core/data/categories.json`), so the
/// app before its first pull and the server it talks to agree by construction.
/// The file lives with the core because the app ships it; this test crate
/// already depends on the core, never the other way round.
pub fn shipped_categories() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../core/data/categories.json")
}

impl CityConfig {
    /// Loopback, ephemeral port, shipped categories and holidays, dev sign-in on,
    /// keys `test-app-key` / `test-official-key`, a rate limit high enough not to
    /// get in the way of bulk tests.
    pub fn for_tests(data_dir: impl Into<PathBuf>, areas: AreasSource) -> Self {
        CityConfig {
            bind: ([127, 0, 0, 1], 0).into(),
            data_dir: data_dir.into(),
            areas,
            categories_path: shipped_categories(),
            holidays_path: shipped_file("holidays.json"),
            public_base_url: None,
            jurisdiction_id: "hanoi.gov.vn".into(),
            api_keys: vec!["test-app-key".into()],
            official_key: "test-official-key".into(),
            dev_mode: true,
            access_token_ttl: Duration::from_secs(3600),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            code_ttl: Duration::from_secs(300),
            limits: Limits {
                requests_per_minute: 100_000,
                ..Limits::default()
            },
            clock: Clock::System,
        }
    }
}
