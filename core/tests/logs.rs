//! Every log line of a whole resident's flow — sign in, draft, photos,
//! position, queue, sync, the ward's answer pulled, its photo downloaded,
//! reports nearby searched —
//! against the reference city server over loopback, as the platform's log
//! sink receives it at the most verbose level, holds no personal data: no
//! phone number, token, one-time code, report text or address, and no
//! position finer than 3 decimals.
//!
//! One flow in this binary: the sink is process-wide and installed once.

use std::sync::{Arc, Mutex};

mod sync_support;

use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::logs::{LogLevel, LogSink, install_log_sink};
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::DraftField;
use ihanoi_core::secrets::{InMemorySecretStore, SecretStore, keys};
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use sync_support::{City, PHONE, open_phone, quick_tuning, shared_dir};

#[derive(Default)]
struct Captured(Mutex<Vec<(LogLevel, String, String)>>);

impl LogSink for Captured {
    fn log(&self, level: LogLevel, target: &str, message: &str) {
        self.0
            .lock()
            .unwrap()
            .push((level, target.to_owned(), message.to_owned()));
    }
}

const DESCRIPTION: &str = "Cống thoát nước trước nhà số 17 bị tắc, nước tràn lên vỉa hè";
const ADDRESS: &str = "Ngõ 12 Hàng Bông, gần cửa hàng tạp hoá bà Tư";
/// A position with more decimals than any log line may carry.
const LAT: f64 = 21.028_736_4;
const LON: f64 = 105.852_412_9;

/// Numbers like 21.0287 or 105.85241: latitudes and longitudes around Hanoi
/// with 4 or more decimals.
fn fine_positions(line: &str) -> Vec<String> {
    let mut found = Vec::new();
    let chars: Vec<char> = line.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        let whole: String = chars[start..i].iter().collect();
        if i < chars.len() && chars[i] == '.' {
            let fraction_start = i + 1;
            let mut j = fraction_start;
            while j < chars.len() && chars[j].is_ascii_digit() {
                j += 1;
            }
            if ["20", "21", "105", "106"].contains(&whole.as_str()) && j - fraction_start >= 4 {
                found.push(chars[start..j].iter().collect());
            }
            i = j;
        }
    }
    found
}

#[test]
fn finer_positions_are_found() {
    assert_eq!(fine_positions("lat=21.0287 lon=105.852"), ["21.0287"]);
    assert!(fine_positions("21.028 105.852 1021.0287 took 0.12345 s").is_empty());
}

/// A device fix at the flow's precise position, taken now.
fn fix_here() -> LocationFix {
    LocationFix {
        lat: LAT,
        lon: LON,
        accuracy_m: 6.5,
        time_ms: ihanoi_core::time::now_ms(),
        source: LocationSource::DeviceGps,
        mocked: false,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_personal_data_in_any_log_line_of_a_whole_flow() {
    let captured = Arc::new(Captured::default());
    install_log_sink(captured.clone(), LogLevel::Trace).unwrap();

    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let secrets = Arc::new(InMemorySecretStore::new());
    let core = open_phone(
        &dir.path().join("app"),
        secrets.clone(),
        &city.url(),
        quick_tuning(),
    );
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();

    // Sign in: the phone number and the one-time code.
    let sent = core.request_sign_in_code(PHONE).await.unwrap();
    let code = city.sign_in_code(&sent.phone).await;
    // A wrong code first: refusals are logged too.
    assert!(
        core.sign_in(&sent.phone, "000000", CancelToken::new())
            .await
            .is_err()
    );
    core.sign_in(&sent.phone, &code, CancelToken::new())
        .await
        .unwrap();
    let access = secrets.get(keys::ACCESS_TOKEN).unwrap().unwrap();
    let refresh = secrets.get(keys::REFRESH_TOKEN).unwrap().unwrap();

    // A draft with text, an address, a precise position and camera photos
    // (one with GPS in its EXIF).
    let draft = core.create_draft().unwrap();
    for field in [
        DraftField::Category {
            code: Some("ve_sinh_moi_truong".into()),
        },
        DraftField::Description {
            text: DESCRIPTION.into(),
        },
        DraftField::Address {
            text: Some(ADDRESS.into()),
        },
    ] {
        core.update_draft(&draft.id, field).unwrap();
    }
    for name in ["nokia-lumia-gps.jpg", "phone-12mp-rot6-hanoi.jpg"] {
        core.attach_photo(
            &draft.id,
            &shared_dir().join("photos").join(name),
            PhotoSource::Camera,
            &CompressOptions::default(),
            CancelToken::new(),
        )
        .await
        .unwrap();
    }
    core.set_report_location(&draft.id, fix_here()).unwrap();
    core.queue_report(&draft.id).unwrap();

    // Sync, the ward answers with a photo, pull, the photo in full.
    let run = core
        .sync_and_pull(
            SyncOptions::default(),
            Arc::new(NoListener),
            CancelToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(run.sent.sent, 1);
    let city_id = core
        .submission(&draft.id)
        .unwrap()
        .unwrap()
        .service_request_id;
    let result_photo = std::fs::read(shared_dir().join("photos/nokia-lumia-gps.jpg")).unwrap();
    city.act(&city_id, "accept", "Đã tiếp nhận.", vec![]).await;
    city.act(&city_id, "resolve", "Đã thông cống.", vec![result_photo])
        .await;
    core.pull(CancelToken::new()).await.unwrap();
    let update = core.timeline(&draft.id).unwrap().pop().unwrap();
    core.result_photo(&update.update_id, 0, CancelToken::new())
        .await
        .unwrap();
    // Reports nearby for a second draft at the same place: the search logs
    // counts and codes only (the city's answer holds others' words and places).
    let second = core.create_draft().unwrap();
    core.update_draft(
        &second.id,
        DraftField::Category {
            code: Some("ve_sinh_moi_truong".into()),
        },
    )
    .unwrap();
    core.set_report_location(&second.id, fix_here()).unwrap();
    let nearby = core
        .nearby_city_reports(&second.id, CancelToken::new())
        .await
        .unwrap();
    assert_eq!(nearby.total, 0, "its own report is not another's");
    core.sign_out().await.unwrap();

    let lines = captured.0.lock().unwrap().clone();
    // The sink is reached (else this test proves nothing): the flow logs.
    assert!(lines.len() >= 5, "only {} lines: {lines:?}", lines.len());
    let national = PHONE.trim_start_matches('0');
    let secrets_in_flow = [
        ("phone number", national),
        ("one-time code", code.as_str()),
        ("access token", access.as_str()),
        ("refresh token", refresh.as_str()),
        ("description", "Cống thoát nước"),
        ("address", "Hàng Bông"),
    ];
    for (level, target, message) in &lines {
        assert!(target.starts_with("ihanoi_core"), "{target}");
        let line = format!("{level:?} {target} {message}");
        for (what, secret) in secrets_in_flow {
            assert!(!line.contains(secret), "{what} in a log line: {line}");
        }
        assert!(
            fine_positions(&line).is_empty(),
            "a fine position in: {line}"
        );
    }
    for line in &lines {
        eprintln!("{line:?}");
    }
}
