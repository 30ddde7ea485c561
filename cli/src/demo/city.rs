//! The demo's city: the reference server (crate ihanoi-city-api) in this
//! process on a loopback port, and the ward officer's side of it — the
//! officials' endpoints (docs/city-api.md), over real HTTP like everything else.

use std::path::PathBuf;

use ihanoi_city_api::config::{AreasSource, TEST_OFFICIAL_KEY};
use ihanoi_city_api::{CityConfig, CityServer};
use reqwest::Client;
use serde_json::Value;

use crate::error::{CliError, CliResult};

/// The app key `CityConfig::for_tests` sets up.
pub use ihanoi_city_api::config::TEST_API_KEY as API_KEY;

pub struct DemoCity {
    runtime: tokio::runtime::Runtime,
    server: Option<CityServer>,
    http: Client,
    base_url: String,
}

impl DemoCity {
    /// Start the server on its own small runtime (the core has its own).
    pub fn start(data_dir: PathBuf, areas: AreasSource) -> CliResult<DemoCity> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("demo-city")
            .enable_all()
            .build()
            .map_err(|e| CliError::demo("city server", e))?;
        let config = CityConfig::for_tests(data_dir, areas);
        let server = runtime
            .block_on(CityServer::start(config))
            .map_err(|e| CliError::demo("city server", e))?;
        let tls = ihanoi_core::net::transport::tls::client_config(None)
            .map_err(|e| CliError::demo("city server", e))?;
        let http = Client::builder()
            .tls_backend_preconfigured(tls)
            .build()
            .map_err(|e| CliError::demo("city server", e))?;
        Ok(DemoCity {
            base_url: server.base_url().to_owned(),
            runtime,
            server: Some(server),
            http,
        })
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The "SMS": in development mode the officials' endpoint tells the code.
    pub fn sign_in_code(&self, phone: &str) -> CliResult<String> {
        let url = format!("{}/officials/sign-in-codes/{phone}", self.base_url);
        let answer = self.call("sign-in code", self.http.get(url))?;
        answer["code"]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| CliError::demo("sign-in code", "no code in the answer"))
    }

    /// The ward acts on a report: accept / start / resolve, with optional
    /// result photos (multipart `media[]`). Answers the new update.
    pub fn act(
        &self,
        service_request_id: &str,
        action: &'static str,
        description: &str,
        photos: &[PathBuf],
    ) -> CliResult<Value> {
        let url = format!(
            "{}/officials/requests/{service_request_id}/{action}",
            self.base_url
        );
        let mut form = reqwest::multipart::Form::new().text("description", description.to_owned());
        for photo in photos {
            let bytes = std::fs::read(photo).map_err(|e| CliError::file(photo, e))?;
            let part = reqwest::multipart::Part::bytes(bytes)
                .file_name("ket-qua.jpg")
                .mime_str("image/jpeg")
                .map_err(|e| CliError::demo(action, e))?;
            form = form.part("media[]", part);
        }
        self.call(action, self.http.post(url).multipart(form))
    }

    fn call(&self, step: &'static str, request: reqwest::RequestBuilder) -> CliResult<Value> {
        let request = request.header("X-Official-Key", TEST_OFFICIAL_KEY);
        self.runtime.block_on(async {
            let response = request.send().await.map_err(|e| CliError::demo(step, e))?;
            let status = response.status();
            let body = response.text().await.map_err(|e| CliError::demo(step, e))?;
            if !status.is_success() {
                return Err(CliError::demo(step, format!("HTTP {status}: {body}")));
            }
            serde_json::from_str(&body).map_err(|e| CliError::demo(step, e))
        })
    }

    /// Stop accepting, finish what is in flight.
    pub fn shutdown(mut self) {
        if let Some(server) = self.server.take() {
            self.runtime.block_on(server.shutdown());
        }
    }
}
