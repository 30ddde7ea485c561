//! What the CLI tests share: running `ihanoi` as a process, and the test
//! kit's shared data and reference city server (tests/kit) for synchronous tests.

#![allow(dead_code, unused_imports)] // each test file uses its own part

use std::path::Path;
use std::process::{Command, Output};

use ihanoi_test_kit::TestCity;
use serde_json::Value;

pub use ihanoi_test_kit::{API_KEY, shared_dir, shared_photo as photo, wards_geojson as wards};

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

/// The reference server (the test kit's) on its own runtime, for as long as
/// the test holds it: the CLI tests are synchronous.
pub struct City {
    runtime: tokio::runtime::Runtime,
    city: Option<TestCity>,
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
        let profile = ihanoi_city_api::Profile::parse(profile).expect("a known profile");
        let city = runtime.block_on(TestCity::start_with(|_, config| config.profile = profile));
        City {
            runtime,
            city: Some(city),
        }
    }

    fn city(&self) -> &TestCity {
        self.city.as_ref().unwrap()
    }

    pub fn url(&self) -> String {
        self.city().url()
    }

    /// The code the resident would get by SMS (development mode).
    pub fn sign_in_code(&self, phone: &str) -> Option<String> {
        self.runtime.block_on(self.city().try_sign_in_code(phone))
    }

    /// The ward acts on a report (accept, start, resolve, …).
    pub fn act(&self, service_request_id: &str, action: &str, description: &str) {
        self.runtime.block_on(
            self.city()
                .act(service_request_id, action, description, vec![]),
        );
    }

    /// Every report the server holds.
    pub fn reports(&self) -> Vec<Value> {
        self.runtime.block_on(self.city().reports())
    }
}

impl Drop for City {
    fn drop(&mut self) {
        if let Some(city) = self.city.take() {
            self.runtime.block_on(city.shutdown());
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
