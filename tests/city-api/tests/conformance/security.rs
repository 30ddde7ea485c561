//! The attacks of the hardening review, each replayed on loopback (bounded in
//! count and time) against the reference server, which must now hold: production
//! mode without the published keys, officials scoped to their units, rate limits
//! the client cannot switch off, sign-in caps kept in the database, one-time codes
//! a copied database does not reveal, read timeouts and a connection cap, a field
//! cap before parsing, upload quotas, photos stripped of their metadata, and
//! positions published only as precisely as a map needs.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use ihanoi_city_api::server::StartError;
use ihanoi_city_api::{CityServer, Clock, ManualClock, Official, SmsConfig};
use reqwest::StatusCode;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::*;

const PHONE: &str = "0912345678";

/// Hoàn Kiếm's unit code, as the server routes the lake.
async fn hoan_kiem_unit(city: &TestCity) -> String {
    let r = city.create(&[]).await;
    r["agency_responsible"].as_str().unwrap().to_owned()
}

/// A program that "sends" SMS by appending `phone<TAB>message` to a file.
fn sms_script(dir: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let outbox = dir.join("sms-outbox.txt");
    let script = dir.join("send-sms.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nprintf '%s\\t' \"$1\" >> '{}'\ncat >> '{}'\necho >> '{}'\n",
            outbox.display(),
            outbox.display(),
            outbox.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o700)).unwrap();
    (script, outbox)
}

fn production(config: &mut ihanoi_city_api::CityConfig, sms: SmsConfig) {
    config.dev_mode = false;
    config.api_keys = vec!["prod-app-key-0123456789".into()];
    config.officials = vec![Official::with_key(
        "city-admin",
        "prod-official-key-0123456789",
        None,
        true,
    )];
    config.sms = sms;
}

#[tokio::test]
async fn production_refuses_published_keys_and_development_listens_on_loopback_only() {
    let dir = tempfile::tempdir().unwrap();
    let base = || {
        ihanoi_city_api::CityConfig::for_tests(
            dir.path().join("city"),
            ihanoi_city_api::config::AreasSource::Loaded(areas()),
        )
    };
    // The attack: no --dev, the README's keys. Refused at start.
    let mut published = base();
    published.dev_mode = false;
    published.sms = SmsConfig::Command("/bin/true".into());
    let refused = CityServer::start(published).await.unwrap_err();
    assert!(matches!(refused, StartError::Unsafe(_)), "{refused}");
    // Own app key, but the published officials' key: refused too.
    let mut official_published = base();
    production(
        &mut official_published,
        SmsConfig::Command("/bin/true".into()),
    );
    official_published.officials = vec![Official::with_key("x", "dev-official-key", None, true)];
    assert!(matches!(
        CityServer::start(official_published).await.unwrap_err(),
        StartError::Unsafe(_)
    ));
    // No SMS sender: no way to sign in, refused.
    let mut no_sms = base();
    production(&mut no_sms, SmsConfig::None);
    assert!(matches!(
        CityServer::start(no_sms).await.unwrap_err(),
        StartError::Unsafe(_)
    ));
    // Development mode anywhere but loopback: refused.
    let mut dev_everywhere = base();
    dev_everywhere.bind = ([0, 0, 0, 0], 0).into();
    let refused = CityServer::start(dev_everywhere).await.unwrap_err();
    assert!(refused.to_string().contains("loopback"), "{refused}");

    // A production server starts, says so in discovery, and the published key
    // opens nothing.
    let city =
        TestCity::start_with(|c| production(c, SmsConfig::Command("/bin/true".into()))).await;
    let discovery = city.get_json("/discovery.json").await;
    assert_eq!(discovery["endpoints"][0]["type"], "production");
    let r = city.official("/officials/requests/1/accept", &[]).await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_official_key").await;
    let r = city
        .post_form(
            "/requests.json",
            &[
                ("api_key", API_KEY),
                ("service_code", "khac"),
                ("lat", "21.0287"),
                ("long", "105.8524"),
            ],
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_api_key").await;
    let dev = TestCity::start().await;
    let discovery = dev.get_json("/discovery.json").await;
    assert_eq!(discovery["endpoints"][0]["type"], "test");
}

#[tokio::test]
async fn officials_act_only_in_their_units_and_publishing_alerts_is_a_separate_right() {
    let probe = TestCity::start().await;
    let unit = hoan_kiem_unit(&probe).await;
    let other_unit = areas()
        .locate(21.0583, 105.7764)
        .map(|(code, _)| code.to_owned())
        .unwrap();
    assert_ne!(unit, other_unit);
    let (u, o) = (unit.clone(), other_unit.clone());
    let city = TestCity::start_with(move |c| {
        c.officials = vec![
            Official::with_key("ward-officer", "key-ward", Some(vec![u.clone()]), false),
            Official::with_key("other-ward", "key-other", Some(vec![o]), false),
            Official::with_key("ward-chief", "key-chief", Some(vec![u]), true),
        ]
    })
    .await;
    let id = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let act = |key: &'static str, path: String| {
        city.http
            .post(city.url(&path))
            .header("X-Official-Key", key)
            .form(&[("description", "Đã tiếp nhận")])
            .send()
    };
    // Another ward's officer cannot touch this report; its own officer can.
    let r = act("key-other", format!("/officials/requests/{id}/accept"))
        .await
        .unwrap();
    assert_error(r, StatusCode::FORBIDDEN, "outside_official_scope").await;
    let r = act("key-ward", format!("/officials/requests/{id}/accept"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        city.count("SELECT COUNT(*) FROM updates WHERE official_id = 'ward-officer'"),
        1,
        "the action is recorded with who did it"
    );
    // Alerts: not without the right; with it, only for the official's own units.
    let alert = |key: &'static str, areas: &str| {
        city.http
            .post(city.url("/officials/alerts"))
            .header("X-Official-Key", key)
            .form(&[
                ("severity", "danger"),
                ("title_vi", "Ngập"),
                ("title_en", "Flood"),
                ("body_vi", "Tránh phố"),
                ("body_en", "Avoid the street"),
                ("area_codes", areas),
            ])
            .send()
    };
    let r = alert("key-ward", &unit).await.unwrap();
    assert_error(r, StatusCode::FORBIDDEN, "alerts_not_allowed").await;
    let r = alert("key-chief", "").await.unwrap();
    assert_error(r, StatusCode::FORBIDDEN, "outside_official_scope").await;
    let r = alert("key-chief", &other_unit).await.unwrap();
    assert_error(r, StatusCode::FORBIDDEN, "outside_official_scope").await;
    let r = alert("key-chief", &unit).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        city.count("SELECT COUNT(*) FROM alerts WHERE official_id = 'ward-chief'"),
        1
    );
}

#[tokio::test]
async fn rate_limits_count_the_address_not_values_the_client_chooses() {
    let city = TestCity::start_with(|c| {
        c.limits.requests_per_minute = 5;
        c.limits.official_requests_per_minute = 5;
    })
    .await;
    for _ in 0..5 {
        assert_eq!(city.get("/services.json").await.status(), StatusCode::OK);
    }
    // The attack: a fresh random api_key or bearer token on every request.
    for i in 0..20 {
        let r = city
            .http
            .get(city.url(&format!("/services.json?api_key=junk{i}")))
            .bearer_auth(format!("junk-token-{i}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "request {i}");
    }
    // Guessing officials' keys is limited too (its own budget).
    let mut limited = false;
    for i in 0..6 {
        let r = city
            .http
            .post(city.url("/officials/requests/1/accept"))
            .header("X-Official-Key", format!("guess-{i}"))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = true;
            assert!(i >= 5, "the first five guesses are answered");
        }
    }
    assert!(limited, "the sixth key guess in a minute gets 429");
}

/// POST a multipart report; its id.
async fn created_id(city: &TestCity, form: reqwest::multipart::Form) -> String {
    let r = city.post_multipart("/requests.json", form).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json::<Value>().await.unwrap()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn ask_code(city: &TestCity, phone: &str) -> reqwest::Response {
    city.post_form("/auth/code", &[("api_key", API_KEY), ("phone", phone)])
        .await
}

#[tokio::test]
async fn sign_in_caps_per_phone_address_and_day_hold_against_floods() {
    let clock = ManualClock::new(1_780_000_000_000);
    let c = clock.clone();
    let city = TestCity::start_with(move |config| {
        config.clock = Clock::Manual(c);
        config.limits.codes_per_address_per_hour = 40;
        config.limits.sms_per_day = 60;
    })
    .await;
    for _ in 0..5 {
        assert_eq!(ask_code(&city, PHONE).await.status(), StatusCode::ACCEPTED);
    }
    let r = ask_code(&city, PHONE).await;
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_codes").await;
    // The old attack: flood with other keys to push the phone's count out of
    // memory. Counters are rows in the database now.
    for i in 0..300 {
        let _ = city
            .http
            .get(city.url(&format!("/services.json?api_key=junk{i}")))
            .send()
            .await
            .unwrap();
    }
    let r = ask_code(&city, PHONE).await;
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_codes").await;
    // Next hour: five more (ten a day), then no more that day.
    clock.advance(Duration::from_secs(3600));
    for _ in 0..5 {
        assert_eq!(ask_code(&city, PHONE).await.status(), StatusCode::ACCEPTED);
    }
    clock.advance(Duration::from_secs(3600));
    let r = ask_code(&city, PHONE).await;
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_codes").await;
    // Per address: 40 an hour whatever the phones (10 used this hour... none yet).
    let mut accepted = 0;
    for n in 0..45 {
        let phone = format!("09130000{n:02}");
        if ask_code(&city, &phone).await.status() == StatusCode::ACCEPTED {
            accepted += 1;
        }
    }
    assert_eq!(accepted, 40, "codes per address per hour");
    // The server's SMS budget for the day: 60, of which 50 are spent.
    clock.advance(Duration::from_secs(3600));
    let mut sent = 0;
    let mut last = None;
    for n in 0..15 {
        let r = ask_code(&city, &format!("09140000{n:02}")).await;
        if r.status() == StatusCode::ACCEPTED {
            sent += 1;
        } else {
            last = Some(r);
        }
    }
    assert_eq!(sent, 10, "the day's SMS budget");
    assert_error(
        last.unwrap(),
        StatusCode::SERVICE_UNAVAILABLE,
        "sms_budget_exhausted",
    )
    .await;
}

async fn dev_code(city: &TestCity, phone: &str) -> String {
    let r = city
        .http
        .get(city.url(&format!("/officials/sign-in-codes/{phone}")))
        .header("X-Official-Key", OFFICIAL_KEY)
        .send()
        .await
        .unwrap();
    let body: Value = r.json().await.unwrap();
    body["code"].as_str().unwrap().to_owned()
}

async fn redeem(city: &TestCity, phone: &str, code: &str) -> reqwest::Response {
    city.post_form(
        "/auth/token",
        &[
            ("api_key", API_KEY),
            ("grant_type", "one_time_code"),
            ("phone", phone),
            ("code", code),
        ],
    )
    .await
}

#[tokio::test]
async fn wrong_codes_are_capped_per_phone_per_day_across_fresh_codes() {
    let city = TestCity::start().await;
    let wrong = |code: &str| if code == "000000" { "111111" } else { "000000" }.to_owned();
    for _ in 0..2 {
        assert_eq!(ask_code(&city, PHONE).await.status(), StatusCode::ACCEPTED);
        let code = dev_code(&city, PHONE).await;
        for _ in 0..5 {
            let r = redeem(&city, PHONE, &wrong(&code)).await;
            assert_error(r, StatusCode::UNAUTHORIZED, "invalid_code").await;
        }
    }
    // Ten wrong today: a fresh code does not buy more guesses, even the right one.
    assert_eq!(ask_code(&city, PHONE).await.status(), StatusCode::ACCEPTED);
    let code = dev_code(&city, PHONE).await;
    let r = redeem(&city, PHONE, &code).await;
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts").await;
}

#[tokio::test]
async fn a_copied_database_does_not_reveal_a_live_code() {
    let city = TestCity::start().await;
    assert_eq!(ask_code(&city, PHONE).await.status(), StatusCode::ACCEPTED);
    let stored: String = {
        let conn = rusqlite::Connection::open(city.data_dir().join("city.sqlite3")).unwrap();
        conn.query_row("SELECT code_hash FROM sign_in_codes", [], |r| r.get(0))
            .unwrap()
    };
    // The attack: hash every one of the million codes (bare, and with the phone).
    let stored: Vec<u8> = (0..stored.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&stored[i..i + 2], 16).unwrap())
        .collect();
    let found = tokio::task::spawn_blocking(move || {
        let mut with_phone = b"+84912345678:000000".to_vec();
        let digits = with_phone.len() - 6;
        (0..1_000_000u32).find(|n| {
            let mut x = *n;
            for i in (0..6).rev() {
                with_phone[digits + i] = b'0' + (x % 10) as u8;
                x /= 10;
            }
            Sha256::digest(&with_phone[digits..]).as_slice() == stored.as_slice()
                || Sha256::digest(&with_phone).as_slice() == stored.as_slice()
        })
    })
    .await
    .unwrap();
    assert_eq!(found, None, "no code hashes to what the database holds");
    // The code still works for its owner.
    let code = dev_code(&city, PHONE).await;
    assert_eq!(redeem(&city, PHONE, &code).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn codes_reach_phones_through_the_configured_sender_without_dev_mode() {
    let scripts = tempfile::tempdir().unwrap();
    let (script, outbox) = sms_script(scripts.path());
    let city = TestCity::start_with(|c| production(c, SmsConfig::Command(script))).await;
    let key = "prod-app-key-0123456789";
    let r = city
        .post_form("/auth/code", &[("api_key", key), ("phone", PHONE)])
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let sent = std::fs::read_to_string(&outbox).unwrap();
    let (phone, message) = sent.trim_end().split_once('\t').unwrap();
    assert_eq!(phone, "+84912345678");
    assert!(message.starts_with("Mã đăng nhập iHaNoi: "), "{message}");
    let code: String = message
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take(6)
        .collect();
    let r = city
        .post_form(
            "/auth/token",
            &[
                ("api_key", key),
                ("grant_type", "one_time_code"),
                ("phone", PHONE),
                ("code", code.as_str()),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // No development endpoint outside development mode.
    let r = city
        .http
        .get(city.url("/officials/sign-in-codes/0912345678"))
        .header("X-Official-Key", "prod-official-key-0123456789")
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;
    // A sender that fails: 503, and the resident is told to retry.
    let failing =
        TestCity::start_with(|c| production(c, SmsConfig::Command("/bin/false".into()))).await;
    let r = failing
        .post_form("/auth/code", &[("api_key", key), ("phone", PHONE)])
        .await;
    assert_error(r, StatusCode::SERVICE_UNAVAILABLE, "sms_unavailable").await;
}

/// Read until the server closes the connection (or `limit` passes).
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buf = [0u8; 1024];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_headers_and_idle_connections_are_cut_off() {
    let city = TestCity::start_with(|c| {
        c.limits.header_read_timeout = Duration::from_millis(300);
    })
    .await;
    let addr = city.server.local_addr();
    let outcome = tokio::task::spawn_blocking(move || {
        // Slow-loris: half a request head, then nothing.
        let mut slow = TcpStream::connect(addr).unwrap();
        slow.write_all(b"GET /services.json HTTP/1.1\r\nHost: x\r\n")
            .unwrap();
        // Half-open: connect and say nothing at all.
        let mut silent = TcpStream::connect(addr).unwrap();
        (
            closed_within(&mut slow, Duration::from_secs(10)),
            closed_within(&mut silent, Duration::from_secs(10)),
        )
    })
    .await
    .unwrap();
    assert_eq!(
        outcome,
        (true, true),
        "both connections closed by the server"
    );
    city.assert_alive().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connections_past_the_cap_wait_instead_of_starving_the_server() {
    let city = TestCity::start_with(|c| {
        c.limits.max_connections = 3;
        c.limits.header_read_timeout = Duration::from_secs(30);
    })
    .await;
    let addr = city.server.local_addr();
    let held: Vec<TcpStream> = (0..3).map(|_| TcpStream::connect(addr).unwrap()).collect();
    // A fourth client is not served while three connections are held...
    let waiting =
        tokio::time::timeout(Duration::from_millis(800), city.get("/services.json")).await;
    assert!(waiting.is_err(), "no answer past the connection cap");
    // ...and is as soon as one of them goes.
    drop(held);
    let r = tokio::time::timeout(Duration::from_secs(20), city.get("/services.json"))
        .await
        .expect("served once a slot is free");
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn fields_are_counted_before_parsing_and_a_bad_query_key_before_reading() {
    let city = TestCity::start().await;
    // The attack: 1 MiB of empty form fields (12 MiB took 548 MB before).
    let body = "a=&".repeat(350_000);
    let r = city
        .http
        .post(city.url("/requests.json"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_many_fields").await;
    let mut form = reqwest::multipart::Form::new();
    for i in 0..300 {
        form = form.text(format!("f{i}"), "");
    }
    let r = city.post_multipart("/requests.json", form).await;
    assert_error(r, StatusCode::PAYLOAD_TOO_LARGE, "too_many_fields").await;
    // A wrong api_key in the query: refused before the body is parsed.
    let r = city
        .http
        .post(city.url("/requests.json?api_key=wrong"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("a=&".repeat(350_000))
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::FORBIDDEN, "invalid_api_key").await;
    city.assert_alive().await;
}

#[tokio::test]
async fn uploads_have_a_daily_quota_per_address() {
    let photo_bytes = photo("nokia-lumia-gps.jpg");
    let quota = photo_bytes.len() as u64 * 3 / 2;
    let city =
        TestCity::start_with(move |c| c.limits.upload_bytes_per_address_per_day = quota).await;
    let send = |n: &str| {
        let form = multipart_with_photos(
            &[
                ("api_key", API_KEY),
                ("service_code", "khac"),
                ("lat", "21.0287"),
                ("long", "105.8524"),
                ("description", n),
            ],
            &[("a.jpg", photo_bytes.clone())],
        );
        city.post_multipart("/requests.json", form)
    };
    assert_eq!(send("một").await.status(), StatusCode::OK);
    let files = city.stored_files();
    let r = send("hai").await;
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "upload_quota_exceeded").await;
    assert_eq!(city.stored_files(), files, "nothing stored past the quota");
    assert_eq!(city.stored_requests(), 1);
}

#[tokio::test]
async fn photos_are_served_without_their_gps_and_checked_by_their_header() {
    let city = TestCity::start().await;
    let original = photo("iphone4s-gps-small.jpg");
    assert!(
        ihanoi_core::photos::metadata::read(&original).gps.is_some(),
        "the test photo has a GPS position"
    );
    let form = multipart_with_photos(
        &[
            ("api_key", API_KEY),
            ("service_code", "khac"),
            ("lat", "21.0287"),
            ("long", "105.8524"),
        ],
        &[("gps.jpg", original.clone())],
    );
    let id = created_id(&city, form).await;
    let report = city.get_json(&format!("/requests/{id}.json")).await;
    let url = report[0]["media_urls"][0].as_str().unwrap().to_owned();
    let r = city.http.get(&url).send().await.unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    let served = r.bytes().await.unwrap();
    let metadata = ihanoi_core::photos::metadata::read(&served);
    assert_eq!(metadata.gps, None, "no GPS in the served photo");
    assert_eq!(metadata.camera_model, None);
    assert!(served.len() < original.len());
    let header = ihanoi_core::photos::decode::probe(&served).expect("still a JPEG");
    let before = ihanoi_core::photos::decode::probe(&original).unwrap();
    assert_eq!((header.width, header.height), (before.width, before.height));

    // A PNG whose header claims 20 000 × 20 000: refused from the header.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&20_000u32.to_be_bytes());
    png.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    let form = multipart_with_photos(
        &[
            ("api_key", API_KEY),
            ("service_code", "khac"),
            ("lat", "21.0287"),
            ("long", "105.8524"),
        ],
        &[("big.png", png)],
    );
    let r = city.post_multipart("/requests.json", form).await;
    assert_error(r, StatusCode::PAYLOAD_TOO_LARGE, "photo_too_many_pixels").await;
}

#[tokio::test]
async fn public_answers_round_positions_and_keep_capture_times_to_officials() {
    let city = TestCity::start().await;
    let form = multipart_with_photos(
        &[
            ("api_key", API_KEY),
            ("service_code", "khac"),
            ("lat", "21.0287123"),
            ("long", "105.8524567"),
            ("attribute[photo_taken_at]", "2026-11-26T14:05:00+07:00"),
        ],
        &[("a.jpg", photo("nokia-lumia-gps.jpg"))],
    );
    let id = created_id(&city, form).await;
    for path in [
        format!("/requests/{id}.json"),
        "/requests.json".to_owned(),
        "/requests.json?lat=21.0287&long=105.8524&radius=100".to_owned(),
    ] {
        let list = city.get_json(&path).await;
        let r = &list[0];
        assert_eq!(r["lat"].as_f64(), Some(21.0287), "{path}");
        assert_eq!(r["long"].as_f64(), Some(105.8525), "{path}");
        assert!(
            r["attributes"].get("photo_taken_at").is_none(),
            "{path}: {r}"
        );
    }
    let near = city
        .get_json("/requests.json?lat=21.0287&long=105.8525&radius=100")
        .await;
    assert_eq!(
        near[0]["distance_m"].as_f64(),
        Some(0.0),
        "measured from the pin"
    );
    let full: Value = json_of(
        city.http
            .get(city.url(&format!("/officials/requests/{id}")))
            .header("X-Official-Key", OFFICIAL_KEY),
    )
    .await;
    assert_eq!(full[0]["lat"].as_f64(), Some(21.0287123));
    assert_eq!(
        full[0]["attributes"]["photo_taken_at"],
        "2026-11-26T14:05:00+07:00"
    );
}
