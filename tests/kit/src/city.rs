//! The reference city server (tests/city-api) on a loopback port in the test's
//! process, with its own data directory, and the calls a ward's officials
//! make on it (development sign-in codes, acting on a report).

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use ihanoi_city_api::catalog::areas::AreaCatalog;
use ihanoi_city_api::config::AreasSource;
use ihanoi_city_api::{CityConfig as ServerConfig, CityServer, Clock};
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::keys::OFFICIAL_KEY;
use crate::phone::http_client;
use crate::shared::wards_geojson;

/// The 2025 boundaries, validated once per test binary and shared by every
/// server it starts.
pub fn ward_catalog() -> Arc<AreaCatalog> {
    static CATALOG: OnceLock<Arc<AreaCatalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| {
            Arc::new(AreaCatalog::load(&wards_geojson()).expect("the shared wards load"))
        })
        .clone()
}

/// A running reference server. Async: for `#[tokio::test]`s; a test without a
/// runtime drives it with its own `block_on`.
pub struct TestCity {
    pub server: CityServer,
    pub http: reqwest::Client,
    dir: tempfile::TempDir,
}

impl TestCity {
    pub async fn start() -> TestCity {
        TestCity::start_with(|_, _| {}).await
    }

    pub async fn start_with_clock(clock: Clock) -> TestCity {
        TestCity::start_with(|_, config| config.clock = clock).await
    }

    /// A city whose settings `adjust` changes; it also gets the city's temp
    /// dir, for files the settings name.
    pub async fn start_with(adjust: impl FnOnce(&Path, &mut ServerConfig)) -> TestCity {
        let dir = tempfile::tempdir().unwrap();
        let mut config =
            ServerConfig::for_tests(dir.path().join("city"), AreasSource::Loaded(ward_catalog()));
        adjust(dir.path(), &mut config);
        let server = CityServer::start(config)
            .await
            .expect("the city server starts");
        TestCity {
            server,
            http: http_client(),
            dir,
        }
    }

    pub fn url(&self) -> String {
        self.server.base_url().to_owned()
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.server.local_addr()
    }

    /// The server's data directory (`city.sqlite3`, `media/`).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("city")
    }

    /// The city's temp dir: the data directory and the files the settings
    /// name (see [`TestCity::start_with`]).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Stop accepting, finish what is in flight (dropping the runtime instead
    /// cuts connections off). The city's temp dir comes back with its data,
    /// for a test that starts another server on it.
    pub async fn shutdown(self) -> tempfile::TempDir {
        self.server.shutdown().await;
        self.dir
    }

    /// GET `path` (e.g. `/services.json`), asserting success; the JSON answer.
    pub async fn get_json(&self, path: &str) -> Value {
        let response = self
            .http
            .get(format!("{}{path}", self.url()))
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        response.json().await.unwrap()
    }

    /// Every report the server holds (the last 90 days, one page; a strict
    /// profile refuses `page_size`: then its default page, enough for tests).
    pub async fn reports(&self) -> Vec<Value> {
        for query in ["?page_size=1000", ""] {
            let url = format!("{}/requests.json{query}", self.url());
            let answer: Value = self
                .http
                .get(url)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            if let Some(reports) = answer.as_array().filter(|a| {
                a.first()
                    .is_none_or(|r| r.get("service_request_id").is_some())
            }) {
                return reports.clone();
            }
        }
        panic!("GET /requests answered no list of reports");
    }

    /// The one-time code the server sent to `phone` (development sign-in);
    /// `None` when it sent none.
    pub async fn try_sign_in_code(&self, phone: &str) -> Option<String> {
        let response = self
            .http
            .get(format!("{}/officials/sign-in-codes/{phone}", self.url()))
            .header("X-Official-Key", OFFICIAL_KEY)
            .send()
            .await
            .unwrap();
        if !response.status().is_success() {
            return None;
        }
        let answer: Value = response.json().await.unwrap();
        answer["code"].as_str().map(str::to_owned)
    }

    /// The one-time code the server sent to `phone`.
    pub async fn sign_in_code(&self, phone: &str) -> String {
        self.try_sign_in_code(phone)
            .await
            .unwrap_or_else(|| panic!("no sign-in code was sent to {phone}"))
    }

    /// An officials' call (POST, multipart), asserting success; the answer's
    /// first element.
    pub async fn official(&self, path: &str, form: Form) -> Value {
        let response = self
            .http
            .post(format!("{}/officials/{path}", self.url()))
            .header("X-Official-Key", OFFICIAL_KEY)
            .multipart(form)
            .send()
            .await
            .unwrap();
        assert!(
            response.status().is_success(),
            "{path}: {}",
            response.status()
        );
        let answer: Value = response.json().await.unwrap();
        answer[0].clone()
    }

    /// The ward acts on request `city_id` (`accept`, `start`, `resolve`, ...)
    /// with `text` and result photos.
    pub async fn act(&self, city_id: &str, action: &str, text: &str, photos: Vec<Vec<u8>>) {
        let mut form = Form::new().text("description", text.to_owned());
        for (i, bytes) in photos.into_iter().enumerate() {
            form = form.part("media[]", Part::bytes(bytes).file_name(format!("{i}.jpg")));
        }
        self.official(&format!("requests/{city_id}/{action}"), form)
            .await;
    }
}
