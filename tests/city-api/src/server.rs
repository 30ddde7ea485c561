//! Starting and stopping the server: in-process for tests and the demo
//! ([`CityServer::start`]), or from the binary.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde::Deserialize;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::catalog::areas::{AreaCatalog, AreasLoadError};
use crate::catalog::services::{CategoriesLoadError, ServiceCatalog};
use crate::config::{AreasSource, CityConfig, DOCUMENTED_KEYS, SmsConfig};
use crate::http::body::BodyLimits;
use crate::http::rate_limit::RateLimiter;
use crate::sms::SmsSender;
use crate::store::Db;
use crate::store::media::MediaStore;
use crate::time::working::WorkingCalendar;

/// Everything a handler can reach.
#[derive(Debug)]
pub struct AppState {
    pub config: CityConfig,
    /// `http://127.0.0.1:PORT` (or the configured public URL), no trailing slash.
    pub base_url: String,
    pub db: Db,
    pub media: MediaStore,
    pub services: ServiceCatalog,
    pub areas: Arc<AreaCatalog>,
    pub calendar: WorkingCalendar,
    pub rate_limiter: RateLimiter,
    /// How codes reach phones; `None` only in development mode.
    pub sms: Option<Box<dyn SmsSender>>,
    /// Development sign-in only: phone → (code, expiry), for the officials' endpoint.
    pub dev_codes: Mutex<HashMap<String, (String, i64)>>,
    /// When the categories and areas were loaded (discovery's `changeset`).
    pub changeset_ms: i64,
}

impl AppState {
    pub fn now_ms(&self) -> i64 {
        self.config.clock.now_ms()
    }

    pub fn body_limits(&self) -> BodyLimits {
        BodyLimits {
            max_body_bytes: self.config.limits.max_body_bytes,
            max_photos: self.config.limits.max_photos,
            max_photo_bytes: self.config.limits.max_photo_bytes,
            max_fields: self.config.limits.max_fields,
            read_timeout: self.config.limits.body_read_timeout,
        }
    }

    pub fn photo_checks(&self) -> crate::store::media::PhotoChecks {
        crate::store::media::PhotoChecks {
            max_pixels: self.config.limits.max_photo_pixels,
        }
    }

    pub fn media_url(&self, file_name: &str) -> String {
        format!("{}/media/{}", self.base_url, file_name)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot prepare the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot open the database: {0}")]
    Database(#[from] rusqlite::Error),
    #[error(transparent)]
    Areas(#[from] AreasLoadError),
    #[error(transparent)]
    Categories(#[from] CategoriesLoadError),
    #[error("holidays file {path}: {why}")]
    Holidays { path: PathBuf, why: String },
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("refusing to start: {0}")]
    Unsafe(String),
    #[error("SMS sender: {0}")]
    Sms(#[from] crate::sms::SmsError),
}

/// What a server reachable by others must have; development mode is exempt but
/// listens on loopback only.
fn check_safe_to_start(config: &CityConfig) -> Result<(), StartError> {
    let unsafe_ = |why: &str| Err(StartError::Unsafe(why.to_owned()));
    if config.dev_mode {
        if !config.bind.ip().is_loopback() {
            return unsafe_(
                "development mode (--dev) listens on loopback only (127.0.0.1 or ::1): its keys are published and its sign-in codes are logged",
            );
        }
        return Ok(());
    }
    let documented_hashes: Vec<String> = DOCUMENTED_KEYS
        .iter()
        .map(|k| crate::store::accounts::token_hash(k))
        .collect();
    if config.api_keys.is_empty() {
        return unsafe_("no app key (--api-key) outside development mode");
    }
    if config
        .api_keys
        .iter()
        .any(|k| DOCUMENTED_KEYS.contains(&k.as_str()))
    {
        return unsafe_("an app key is one of the published development keys");
    }
    if config.officials.is_empty() {
        return unsafe_("no officials' credentials (--officials FILE) outside development mode");
    }
    if config
        .officials
        .iter()
        .any(|o| documented_hashes.contains(&o.key_sha256))
    {
        return unsafe_("an official's key is one of the published development keys");
    }
    if matches!(config.sms, SmsConfig::None) {
        return unsafe_(
            "no way to send sign-in codes (--sms-command or --sms-webhook) outside development mode",
        );
    }
    Ok(())
}

#[derive(Deserialize)]
struct HolidaysFile {
    holidays: Vec<String>,
}

fn load_holidays(path: &PathBuf) -> Result<WorkingCalendar, StartError> {
    let err = |why: String| StartError::Holidays {
        path: path.clone(),
        why,
    };
    let text = std::fs::read_to_string(path).map_err(|e| err(e.to_string()))?;
    let file: HolidaysFile = serde_json::from_str(&text).map_err(|e| err(e.to_string()))?;
    WorkingCalendar::new(&file.holidays).map_err(|e| err(e.to_string()))
}

/// A running server. Dropping it without [`CityServer::shutdown`] leaves it running
/// until the runtime ends.
#[derive(Debug)]
pub struct CityServer {
    state: Arc<AppState>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: JoinHandle<()>,
}

impl CityServer {
    /// Open the data directory, load categories, holidays and areas, bind, serve.
    pub async fn start(config: CityConfig) -> Result<Self, StartError> {
        check_safe_to_start(&config)?;
        let sms = crate::sms::from_config(&config.sms)?;
        let data_dir = config.data_dir.clone();
        std::fs::create_dir_all(&data_dir).map_err(|source| StartError::DataDir {
            path: data_dir.clone(),
            source,
        })?;
        let media =
            MediaStore::open(data_dir.join("media")).map_err(|source| StartError::DataDir {
                path: data_dir.join("media"),
                source,
            })?;
        let db = Db::open(&data_dir.join("city.sqlite3"))?;
        let services = ServiceCatalog::load(&config.categories_path)?;
        let calendar = load_holidays(&config.holidays_path)?;
        let areas = match &config.areas {
            AreasSource::Loaded(catalog) => catalog.clone(),
            AreasSource::File(path) => {
                let path = path.clone();
                Arc::new(
                    tokio::task::spawn_blocking(move || AreaCatalog::load(&path))
                        .await
                        .map_err(|e| AreasLoadError::Invalid(e.to_string()))??,
                )
            }
        };
        let listener = tokio::net::TcpListener::bind(config.bind)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.bind,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.bind,
            source,
        })?;
        let base_url = config
            .public_base_url
            .clone()
            .map(|u| u.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| format!("http://{addr}"));
        let changeset_ms = config.clock.now_ms();
        let state = Arc::new(AppState {
            config,
            base_url,
            db,
            media,
            services,
            areas,
            calendar,
            rate_limiter: RateLimiter::default(),
            sms,
            dev_codes: Mutex::new(HashMap::new()),
            changeset_ms,
        });
        let app = crate::http::router::build(state.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(crate::http::serve::serve(
            listener,
            app,
            state.config.limits.clone(),
            stopped,
        ));
        if state.config.profile != crate::Profile::default() {
            tracing::warn!(
                profile = %state.config.profile.name(),
                "server profile: behaving like a server in the wild, not the full API"
            );
        }
        if state.config.dev_mode {
            tracing::warn!(
                url = %state.base_url,
                "development mode: loopback only, published keys accepted, sign-in codes in the log"
            );
        } else {
            tracing::info!(url = %state.base_url, "city API listening");
        }
        Ok(CityServer {
            state,
            addr,
            stop: Some(stop),
            task,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.state.base_url
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// Stop accepting, finish in-flight requests, return.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = (&mut self.task).await;
    }

    /// Serve until the task ends (the binary waits on Ctrl-C and then shuts down).
    pub async fn run_until_ctrl_c(self) {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down");
        self.shutdown().await;
    }
}
