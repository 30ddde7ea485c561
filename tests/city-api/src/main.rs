//! `ihanoi-city-api`: the reference city server as a program.
//!
//! ```sh
//! ihanoi-city-api --port 8311 --data-dir /tmp/city \
//!     --areas ../shared/geo/hanoi_wards_2025.geojson \
//!     --categories core/data/categories.json [--holidays FILE] \
//!     [--api-key KEY]... [--official-key KEY] [--dev] [--requests-per-minute N]
//!     [--host 127.0.0.1] [--public-url URL]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;

use ihanoi_city_api::config::{AreasSource, shipped_file};
use ihanoi_city_api::{CityConfig, CityServer};

const USAGE: &str = "usage: ihanoi-city-api --port N --data-dir DIR --areas FILE.geojson --categories FILE.json \
[--holidays FILE.json] [--api-key KEY]... [--official-key KEY] [--dev] [--requests-per-minute N] [--host ADDR] [--public-url URL]";

fn parse_args() -> Result<CityConfig, String> {
    let mut args = std::env::args().skip(1);
    let mut port: Option<u16> = None;
    let mut host = "127.0.0.1".to_owned();
    let (mut data_dir, mut areas, mut categories, mut holidays) = (None, None, None, None);
    let mut api_keys = Vec::new();
    let mut official_key = None;
    let mut public_url = None;
    let mut dev = false;
    let mut limits = ihanoi_city_api::Limits::default();
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--port" => {
                port = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--port: not a port number".to_owned())?,
                )
            }
            "--host" => host = value()?,
            "--data-dir" => data_dir = Some(PathBuf::from(value()?)),
            "--areas" => areas = Some(PathBuf::from(value()?)),
            "--categories" => categories = Some(PathBuf::from(value()?)),
            "--holidays" => holidays = Some(PathBuf::from(value()?)),
            "--api-key" => api_keys.push(value()?),
            "--official-key" => official_key = Some(value()?),
            "--public-url" => public_url = Some(value()?),
            "--dev" => dev = true,
            "--requests-per-minute" => {
                limits.requests_per_minute = value()?
                    .parse()
                    .map_err(|_| "--requests-per-minute: not a number".to_owned())?
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    let missing = |what: &str| format!("{what} is required\n{USAGE}");
    let ip: std::net::IpAddr = host
        .parse()
        .map_err(|_| format!("--host: not an IP address: {host}"))?;
    let mut config = CityConfig::for_tests(
        data_dir.ok_or_else(|| missing("--data-dir"))?,
        AreasSource::File(areas.ok_or_else(|| missing("--areas"))?),
    );
    config.bind = (ip, port.ok_or_else(|| missing("--port"))?).into();
    config.categories_path = categories.ok_or_else(|| missing("--categories"))?;
    config.holidays_path = holidays.unwrap_or_else(|| shipped_file("holidays.json"));
    config.public_base_url = public_url;
    config.dev_mode = dev;
    config.limits = limits;
    config.api_keys = if api_keys.is_empty() {
        vec!["dev-app-key".into()]
    } else {
        api_keys
    };
    config.official_key = official_key.unwrap_or_else(|| "dev-official-key".into());
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    // The log goes to stderr: stdout carries only the base URL, for scripts.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = match parse_args() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    match CityServer::start(config).await {
        Ok(server) => {
            println!("{}", server.base_url());
            server.run_until_ctrl_c().await;
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("ihanoi-city-api: {error}");
            ExitCode::FAILURE
        }
    }
}
