//! The stand-alone binary: one command starts the server from a port, a data
//! directory, the areas GeoJSON and the categories file.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use reqwest::StatusCode;

use crate::common::*;

/// Kills the child even when an assertion fails.
struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_serves_from_its_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let categories = ihanoi_city_api::config::shipped_categories();
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_ihanoi-city-api"))
            .args(["--port", "0", "--data-dir"])
            .arg(dir.path().join("city"))
            .arg("--areas")
            .arg(wards_geojson())
            .arg("--categories")
            .arg(&categories)
            .args(["--api-key", "demo-key", "--dev"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("the binary starts"),
    );
    // The first line on stdout is the base URL, printed once it listens.
    let stdout = child.0.stdout.take().unwrap();
    let base_url = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line.trim().to_owned()
    })
    .await
    .unwrap();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url:?}");

    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let services: serde_json::Value = json_of(http.get(format!("{base_url}/services.json"))).await;
    assert_eq!(services.as_array().unwrap().len(), 11);
    let r = http
        .post(format!("{base_url}/requests.json"))
        .form(&[
            ("api_key", "demo-key"),
            ("service_code", "khac"),
            ("lat", "21.0287"),
            ("long", "105.8524"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(dir.path().join("city/city.sqlite3").exists());

    let bad = Command::new(env!("CARGO_BIN_EXE_ihanoi-city-api"))
        .args(["--port", "0"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "missing arguments: usage error");
    assert!(String::from_utf8_lossy(&bad.stderr).contains("usage"));

    // Without --dev: no published keys, no keyless start (the README's keys used to
    // open a production server); --dev listens on loopback only.
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_ihanoi-city-api"))
            .args(["--port", "0", "--data-dir"])
            .arg(dir.path().join("refused"))
            .arg("--areas")
            .arg(wards_geojson())
            .arg("--categories")
            .arg(&categories)
            .args(extra)
            .output()
            .unwrap()
    };
    for extra in [
        &[][..],
        &[
            "--api-key",
            "dev-app-key",
            "--official-key",
            "dev-official-key",
            "--sms-command",
            "/bin/true",
        ][..],
        &["--dev", "--host", "0.0.0.0"][..],
    ] {
        let refused = run(extra);
        assert_eq!(refused.status.code(), Some(1), "{extra:?}");
        assert!(
            String::from_utf8_lossy(&refused.stderr).contains("refusing to start"),
            "{extra:?}: {}",
            String::from_utf8_lossy(&refused.stderr)
        );
    }
}
