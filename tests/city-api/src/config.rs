//! Everything the server is started with. [`CityConfig::for_tests`] gives the
//! settings the conformance tests and the demo use.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use crate::catalog::areas::AreaCatalog;
use crate::profile::Profile;

/// Size and rate limits (docs/city-api.md § Limits).
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_body_bytes: usize,
    pub max_photos: usize,
    pub max_photo_bytes: usize,
    pub max_description_chars: usize,
    /// Requests per minute per client address (the peer, or the address a trusted
    /// proxy forwarded): never keyed on anything the client chooses.
    pub requests_per_minute: u32,
    /// Requests per minute per address on the officials' endpoints (key guessing).
    pub official_requests_per_minute: u32,
    /// One-time codes per phone number per hour.
    pub codes_per_phone_per_hour: u32,
    /// One-time codes per phone number per day.
    pub codes_per_phone_per_day: u32,
    /// Wrong codes per phone number per day (every code of that day counts).
    pub wrong_codes_per_phone_per_day: u32,
    /// One-time codes requested from one address per hour.
    pub codes_per_address_per_hour: u32,
    /// Text messages the whole server sends per day (the SMS budget).
    pub sms_per_day: u32,
    /// Photo bytes stored per signed-in account per day.
    pub upload_bytes_per_account_per_day: u64,
    /// Photo bytes stored per address per day (anonymous or not).
    pub upload_bytes_per_address_per_day: u64,
    /// Largest photo accepted, in pixels (read from the header, never decoded).
    pub max_photo_pixels: u64,
    /// Form fields (and multipart parts) per body, counted before parsing them.
    pub max_fields: usize,
    /// Time allowed to read a request's headers, then its body.
    pub header_read_timeout: Duration,
    pub body_read_timeout: Duration,
    /// Open connections served at once; the next ones wait in the kernel's queue.
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 12 * 1024 * 1024,
            max_photos: 5,
            max_photo_bytes: 2 * 1024 * 1024,
            max_description_chars: 4000,
            requests_per_minute: 120,
            official_requests_per_minute: 60,
            codes_per_phone_per_hour: 5,
            codes_per_phone_per_day: 10,
            wrong_codes_per_phone_per_day: 10,
            codes_per_address_per_hour: 20,
            sms_per_day: 20_000,
            upload_bytes_per_account_per_day: 50 * 1024 * 1024,
            upload_bytes_per_address_per_day: 200 * 1024 * 1024,
            max_photo_pixels: 50_000_000,
            max_fields: 200,
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(60),
            max_connections: 1024,
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
    /// Who may call the officials' endpoints (`X-Official-Key`), each with a scope.
    pub officials: Vec<Official>,
    /// Development mode: loopback only, the documented keys are allowed, one-time
    /// codes go to the log and the officials' endpoint, discovery says `test`.
    pub dev_mode: bool,
    /// The secret one-time codes are MACed with (HMAC-SHA-256), so a copy of the
    /// database alone reveals no code. Random per process when not configured.
    pub code_secret: Vec<u8>,
    /// How codes reach phones outside development mode.
    pub sms: SmsConfig,
    /// A reverse proxy whose `X-Forwarded-For` is believed: requests from this
    /// address are counted against the last address it forwarded.
    pub trusted_proxy: Option<std::net::IpAddr>,
    pub access_token_ttl: Duration,
    pub refresh_token_ttl: Duration,
    pub code_ttl: Duration,
    pub limits: Limits,
    pub clock: Clock,
    /// How far the server departs from the full API (`--profile`; default: full).
    pub profile: Profile,
}

/// App keys and officials' keys that are published (README, docs, tests): a
/// server started without `--dev` refuses every one of them.
pub const DOCUMENTED_KEYS: [&str; 4] = [
    "dev-app-key",
    "dev-official-key",
    TEST_API_KEY,
    TEST_OFFICIAL_KEY,
];

/// The app key of [`CityConfig::for_tests`] (the demo and the Rust tests use it).
pub const TEST_API_KEY: &str = "test-app-key";
/// The officials' key of [`CityConfig::for_tests`].
pub const TEST_OFFICIAL_KEY: &str = "test-official-key";

/// An official's credential: the key is kept only as its SHA-256 (keys are 256-bit
/// random strings, so a fast hash is enough: nothing to brute-force), with the
/// units the official acts for and whether they may publish alerts.
#[derive(Debug, Clone)]
pub struct Official {
    /// Recorded with every action (`updates.official_id`, `alerts.official_id`).
    pub id: String,
    pub key_sha256: String,
    /// Unit codes (GET /areas) this official acts on; `None` = the whole city.
    pub units: Option<Vec<String>>,
    /// Publishing an alert is a separate right.
    pub can_publish_alerts: bool,
}

impl Official {
    /// A credential from a plain key (tests, `--dev`).
    pub fn with_key(
        id: &str,
        key: &str,
        units: Option<Vec<String>>,
        can_publish_alerts: bool,
    ) -> Self {
        Official {
            id: id.to_owned(),
            key_sha256: crate::store::accounts::token_hash(key),
            units,
            can_publish_alerts,
        }
    }

    pub fn may_act_on(&self, unit: Option<&str>) -> bool {
        match (&self.units, unit) {
            (None, _) => true,
            (Some(units), Some(unit)) => units.iter().any(|u| u == unit),
            (Some(_), None) => false,
        }
    }
}

/// How one-time codes are delivered (docs/city-api.md § Security).
#[derive(Debug, Clone, Default)]
pub enum SmsConfig {
    /// None configured: only `--dev` may run like this (codes go to the log).
    #[default]
    None,
    /// Run this program with the phone number as its one argument and the message on
    /// its standard input (never on the command line, which `ps` shows).
    Command(PathBuf),
    /// POST `{"phone": …, "message": …}` as JSON to this URL.
    Webhook(String),
}

/// 32 random bytes from the OS's CSPRNG (two v4 UUIDs' random bits).
pub fn random_secret() -> Vec<u8> {
    let mut out = Vec::with_capacity(32);
    out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    out.extend_from_slice(uuid::Uuid::new_v4().as_bytes());
    out
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
    /// Loopback, ephemeral port, shipped categories and holidays, development mode,
    /// keys `test-app-key` / `test-official-key` (one city-wide official who may
    /// publish alerts), rate limits and upload quotas high enough not to get in
    /// the way of bulk tests (the per-phone sign-in caps stay as in production).
    pub fn for_tests(data_dir: impl Into<PathBuf>, areas: AreasSource) -> Self {
        CityConfig {
            bind: ([127, 0, 0, 1], 0).into(),
            data_dir: data_dir.into(),
            areas,
            categories_path: shipped_categories(),
            holidays_path: shipped_file("holidays.json"),
            public_base_url: None,
            jurisdiction_id: "hanoi.gov.vn".into(),
            api_keys: vec![TEST_API_KEY.into()],
            officials: vec![Official::with_key(
                "test-official",
                TEST_OFFICIAL_KEY,
                None,
                true,
            )],
            dev_mode: true,
            code_secret: random_secret(),
            sms: SmsConfig::None,
            trusted_proxy: None,
            access_token_ttl: Duration::from_secs(3600),
            refresh_token_ttl: Duration::from_secs(30 * 24 * 3600),
            code_ttl: Duration::from_secs(300),
            limits: Limits {
                requests_per_minute: 100_000,
                official_requests_per_minute: 100_000,
                codes_per_address_per_hour: 100_000,
                upload_bytes_per_account_per_day: u64::MAX,
                upload_bytes_per_address_per_day: u64::MAX,
                ..Limits::default()
            },
            clock: Clock::System,
            profile: Profile::default(),
        }
    }
}
