//! What the CLI tests share: running `ihanoi` as a process, the shared data,
//! and the reference city server started in the test process on loopback.

#![allow(dead_code)] // each test file uses its own part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, OnceLock};

use ihanoi_city_api::catalog::areas::AreaCatalog;
use ihanoi_city_api::config::AreasSource;
use ihanoi_city_api::{CityConfig, CityServer};
use serde_json::Value;

pub const API_KEY: &str = "test-app-key";
pub const OFFICIAL_KEY: &str = "test-official-key";

pub fn shared_dir() -> PathBuf {
    match std::env::var_os("IHANOI_SHARED") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    }
}

pub fn wards() -> PathBuf {
    shared_dir().join("geo/hanoi_wards_2025.geojson")
}

pub fn photo(name: &str) -> PathBuf {
    shared_dir().join("photos").join(name)
}

/// `ihanoi ARGS` with the data directory given, the environment cleared of
/// the shell's own variables (so a developer's settings never leak in).
pub fn ihanoi_in(data: &Path, args: &[&str]) -> Output {
    command(data).args(args).output().expect("run ihanoi")
}

pub fn command(data: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ihanoi"));
    command
        .env_remove("IHANOI_SERVER")
        .env_remove("IHANOI_API_KEY")
        .env_remove("IHANOI_INSECURE_TOKEN_FILE")
        .env("IHANOI_SHARED", shared_dir())
        .arg("--data")
        .arg(data);
    command
}

pub fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        text(&output.stdout),
        text(&output.stderr)
    );
}

/// The reference server on its own runtime, for as long as the test holds it.
pub struct City {
    runtime: tokio::runtime::Runtime,
    server: Option<CityServer>,
    pub http: reqwest::Client,
    _dir: tempfile::TempDir,
}

/// The 2025 boundaries, validated once for every server of the test binary.
fn catalog() -> Arc<AreaCatalog> {
    static CATALOG: OnceLock<Arc<AreaCatalog>> = OnceLock::new();
    CATALOG
        .get_or_init(|| Arc::new(AreaCatalog::load(&wards()).expect("the shared wards load")))
        .clone()
}

impl City {
    pub fn start() -> City {
        City::start_with_profile("full")
    }

    /// The reference server behaving like a server in the wild
    /// (`--profile`, docs/city-api.md § Server profiles).
    pub fn start_with_profile(profile: &str) -> City {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut config =
            CityConfig::for_tests(dir.path().join("city"), AreasSource::Loaded(catalog()));
        config.profile = ihanoi_city_api::Profile::parse(profile).expect("a known profile");
        let server = runtime
            .block_on(CityServer::start(config))
            .expect("the city server starts");
        let http = reqwest::Client::builder()
            .tls_backend_preconfigured(
                ihanoi_core::net::transport::tls::client_config(None).unwrap(),
            )
            .build()
            .unwrap();
        City {
            runtime,
            server: Some(server),
            http,
            _dir: dir,
        }
    }

    pub fn url(&self) -> String {
        self.server.as_ref().unwrap().base_url().to_owned()
    }

    /// The code the resident would get by SMS (development mode).
    pub fn sign_in_code(&self, phone: &str) -> Option<String> {
        let url = format!("{}/officials/sign-in-codes/{phone}", self.url());
        self.runtime.block_on(async {
            let response = self
                .http
                .get(url)
                .header("X-Official-Key", OFFICIAL_KEY)
                .send()
                .await
                .unwrap();
            if !response.status().is_success() {
                return None;
            }
            let answer: Value = response.json().await.unwrap();
            answer["code"].as_str().map(str::to_owned)
        })
    }

    /// The ward acts on a report (accept, start, resolve, …).
    pub fn act(&self, service_request_id: &str, action: &str, description: &str) {
        let url = format!(
            "{}/officials/requests/{service_request_id}/{action}",
            self.url()
        );
        self.runtime.block_on(async {
            let response = self
                .http
                .post(url)
                .header("X-Official-Key", OFFICIAL_KEY)
                .form(&[("description", description)])
                .send()
                .await
                .unwrap();
            assert!(
                response.status().is_success(),
                "{action}: {}",
                response.status()
            );
        });
    }

    /// Every report the server holds (a strict profile refuses `page_size`:
    /// then its default page, enough for these tests).
    pub fn reports(&self) -> Vec<Value> {
        self.runtime.block_on(async {
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
        })
    }
}

impl Drop for City {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.shutdown());
        }
    }
}

/// `--json report new` with a shared photo, a position by Hoàn Kiếm Lake, a
/// complete text, `--queue`, and `extra` arguments.
pub fn queued_report(photo_name: &str, extra: &[&str]) -> Vec<String> {
    let photo = photo(photo_name).to_str().unwrap().to_owned();
    let mut args: Vec<String> = [
        "--json",
        "report",
        "new",
        "--photo",
        &photo,
        "--lat",
        "21.0287",
        "--lon",
        "105.8524",
        "--category",
        "ve_sinh_moi_truong",
        "--text",
        "Rác thải đổ trộm ở đầu ngõ 5, bốc mùi",
        "--queue",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    // After the subcommand: its own options, and global ones (clap takes those anywhere).
    args.extend(extra.iter().map(|a| a.to_string()));
    args
}
