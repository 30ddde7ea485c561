//! `ihanoi-city-api`: the reference city server as a program.
//!
//! ```sh
//! # development: loopback only, published keys, codes in the log
//! ihanoi-city-api --dev --port 8311 --data-dir /tmp/city \
//!     --areas ../shared/geo/hanoi_wards_2025.geojson --categories core/data/categories.json
//!
//! # anywhere else: own keys, officials' credentials, an SMS sender
//! ihanoi-city-api --host 0.0.0.0 --port 8311 --data-dir /srv/city --areas … --categories … \
//!     --api-key "$APP_KEY" --officials officials.json \
//!     --sms-webhook https://sms.example.vn/send [--code-secret-file FILE] [--trusted-proxy 10.0.0.1]
//!
//! ihanoi-city-api new-key     # a fresh key and the hash that goes into officials.json
//! ihanoi-city-api hash-key    # the hash of a key read from stdin
//! ```

use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

use ihanoi_city_api::config::{AreasSource, shipped_file};
use ihanoi_city_api::store::accounts::{new_secret, token_hash};
use ihanoi_city_api::{CityConfig, CityServer, Official, SmsConfig};
use serde::Deserialize;

const USAGE: &str =
    "usage: ihanoi-city-api --port N --data-dir DIR --areas FILE.geojson --categories FILE.json \
[--holidays FILE.json] [--dev] [--api-key KEY]... [--officials FILE.json] [--official-key KEY] \
[--sms-command PROGRAM | --sms-webhook URL] [--code-secret-file FILE] [--trusted-proxy ADDR] \
[--requests-per-minute N] [--max-connections N] [--host ADDR] [--public-url URL] [--profile LIST]
       ihanoi-city-api new-key | hash-key
Without --dev: --api-key, --officials (or --official-key) and an SMS sender are required, and the
published development keys are refused. --dev listens on loopback only.
--profile makes the server behave like servers in the wild (comma-separated, repeatable):
full (default), plain, strict, numeric-ids, media-field, no-upload, object-errors, no-updates,
no-idempotency, city-forms, no-search, no-near-search (docs/city-api.md § Server profiles).";

/// `--officials FILE`: `{"officials": [{"id", "key_sha256", "units"?, "publish_alerts"?}]}`.
#[derive(Deserialize)]
struct OfficialsFile {
    officials: Vec<OfficialEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OfficialEntry {
    id: String,
    key_sha256: String,
    /// Unit codes from GET /areas; absent = the whole city.
    #[serde(default)]
    units: Option<Vec<String>>,
    #[serde(default)]
    publish_alerts: bool,
}

fn load_officials(path: &PathBuf) -> Result<Vec<Official>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: OfficialsFile =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    file.officials
        .into_iter()
        .map(|e| {
            let hex = e.key_sha256.to_ascii_lowercase();
            if hex.len() != 64 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(format!(
                    "{}: official {:?}: key_sha256 must be 64 hex digits (see `ihanoi-city-api hash-key`)",
                    path.display(),
                    e.id
                ));
            }
            Ok(Official {
                id: e.id,
                key_sha256: hex,
                units: e.units,
                can_publish_alerts: e.publish_alerts,
            })
        })
        .collect()
}

fn parse_args(args: Vec<String>) -> Result<CityConfig, String> {
    let mut args = args.into_iter();
    let mut port: Option<u16> = None;
    let mut host = "127.0.0.1".to_owned();
    let (mut data_dir, mut areas, mut categories, mut holidays) = (None, None, None, None);
    let mut api_keys = Vec::new();
    let mut officials = Vec::new();
    let mut public_url = None;
    let mut dev = false;
    let mut sms = SmsConfig::None;
    let mut code_secret = None;
    let mut trusted_proxy = None;
    let mut limits = ihanoi_city_api::Limits::default();
    let mut profile = ihanoi_city_api::Profile::default();
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
            "--official-key" => {
                // One city-wide official with every right, named after the flag.
                officials.push(Official::with_key("official-key", &value()?, None, true))
            }
            "--officials" => officials.extend(load_officials(&PathBuf::from(value()?))?),
            "--sms-command" => sms = SmsConfig::Command(PathBuf::from(value()?)),
            "--sms-webhook" => sms = SmsConfig::Webhook(value()?),
            "--code-secret-file" => {
                let path = PathBuf::from(value()?);
                let secret =
                    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                if secret.len() < 32 {
                    return Err(format!(
                        "{}: the code secret must be at least 32 bytes",
                        path.display()
                    ));
                }
                code_secret = Some(secret);
            }
            "--trusted-proxy" => {
                let text = value()?;
                trusted_proxy = Some(
                    text.parse()
                        .map_err(|_| format!("--trusted-proxy: not an IP address: {text}"))?,
                );
            }
            "--public-url" => public_url = Some(value()?),
            "--dev" => dev = true,
            "--profile" => {
                for name in value()?.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    profile.set(name).map_err(|e| format!("--profile: {e}"))?;
                }
            }
            "--requests-per-minute" => {
                limits.requests_per_minute = value()?
                    .parse()
                    .map_err(|_| "--requests-per-minute: not a number".to_owned())?
            }
            "--max-connections" => {
                limits.max_connections = value()?
                    .parse()
                    .map_err(|_| "--max-connections: not a number".to_owned())?
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
    config.profile = profile;
    config.sms = sms;
    config.trusted_proxy = trusted_proxy;
    if let Some(secret) = code_secret {
        config.code_secret = secret;
    }
    // Only development mode falls back to the published keys (the server then
    // refuses to listen anywhere but loopback).
    config.api_keys = if api_keys.is_empty() && dev {
        vec!["dev-app-key".into()]
    } else {
        api_keys
    };
    config.officials = if officials.is_empty() && dev {
        vec![Official::with_key(
            "dev-official",
            "dev-official-key",
            None,
            true,
        )]
    } else {
        officials
    };
    Ok(config)
}

/// `new-key` / `hash-key`: credentials for `--api-key` and `--officials`.
fn key_tool(command: &str) -> Option<ExitCode> {
    match command {
        "new-key" => {
            let key = new_secret();
            println!("key:        {key}");
            println!("key_sha256: {}", token_hash(&key));
            Some(ExitCode::SUCCESS)
        }
        "hash-key" => {
            let mut line = String::new();
            if std::io::stdin().lock().read_line(&mut line).is_err() || line.trim().is_empty() {
                eprintln!("hash-key: give the key on standard input");
                return Some(ExitCode::from(2));
            }
            println!("{}", token_hash(line.trim()));
            Some(ExitCode::SUCCESS)
        }
        _ => None,
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(code) = args.first().and_then(|a| key_tool(a)) {
        return code;
    }
    // The log goes to stderr: stdout carries only the base URL, for scripts.
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let config = match parse_args(args) {
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
