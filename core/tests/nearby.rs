//! Others' reports nearby, over real HTTP on loopback against the reference
//! city server: reports planted at known distances from a draft in Hoàn Kiếm
//! (49 m in, 51 m out, another category out, a closed one out, the
//! resident's own out), on the full API and on profiles that take the
//! position filter away; the answer kept for offline use; thumbnails checked
//! byte for byte; a hostile server (a decompression bomb, an oversized photo,
//! broken JSON) gives typed problems and errors and loses nothing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

mod sync_support;

use ihanoi_core::areas::projection::MetresPerDegree;
use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::nearby::{NearbyCityReports, NearbySource};
use ihanoi_core::net::SyncError;
use ihanoi_core::net::transport::TransportError;
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::pull::DetailedStatus;
use ihanoi_core::reports::{DraftField, WarningCode};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, Error, ErrorKind};
use reqwest::multipart::{Form, Part};
use sync_support::{API_KEY, City, city_with_profile, phone_on, sign_in, sync_once};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use ihanoi_test_kit::images::png_declaring;
use ihanoi_test_kit::shared_photo;

const CATEGORY: &str = "ve_sinh_moi_truong";
const OTHER_CATEGORY: &str = "ngap_ung";
/// The draft's position, by Hồ Gươm (six decimals, as the query sends it).
const DRAFT: (f64, f64) = (21.0285, 105.85422);
/// Published positions have four decimals: these are published as they are.
const IN_49_M: (f64, f64) = (21.0287, 105.8538);
const OUT_51_M: (f64, f64) = (21.0286, 105.8547);
const NEAR_20_M: (f64, f64) = (21.0287, 105.8542);

fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    MetresPerDegree::distance_m(a.0, a.1, b.0, b.1)
}

#[test]
fn the_planted_distances_are_what_the_tests_say() {
    let d = metres(DRAFT, IN_49_M);
    assert!((48.5..49.5).contains(&d), "{d}");
    let d = metres(DRAFT, OUT_51_M);
    assert!((50.5..51.5).contains(&d), "{d}");
    assert!(metres(DRAFT, NEAR_20_M) < 25.0);
}

/// A report filed straight to the city (another resident's), with one photo;
/// its city id.
async fn plant(city: &City, category: &str, at: (f64, f64), text: &str, photo: &str) -> String {
    let bytes = std::fs::read(shared_photo(photo)).unwrap();
    let form = Form::new()
        .text("api_key", API_KEY)
        .text("service_code", category.to_owned())
        .text("lat", at.0.to_string())
        .text("long", at.1.to_string())
        .text("description", text.to_owned())
        .text("address_string", "Phố Đinh Tiên Hoàng")
        .part("media[]", Part::bytes(bytes).file_name("a.jpg"));
    let response = city
        .http
        .post(format!("{}/requests.json", city.url()))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{}", response.status());
    let answer: serde_json::Value = response.json().await.unwrap();
    match &answer[0]["service_request_id"] {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn fix_at(at: (f64, f64)) -> LocationFix {
    LocationFix {
        lat: at.0,
        lon: at.1,
        accuracy_m: 6.0,
        time_ms: ihanoi_core::time::now_ms(),
        source: LocationSource::DeviceGps,
        mocked: false,
    }
}

/// A draft of `category` at `at`, with a photo; its id.
fn draft(core: &Core, category: &str, at: (f64, f64)) -> String {
    let report = core.create_draft().unwrap();
    core.update_draft(
        &report.id,
        DraftField::Category {
            code: Some(category.into()),
        },
    )
    .unwrap();
    core.update_draft(
        &report.id,
        DraftField::Description {
            text: "Rác thải đổ trộm bên hồ, bốc mùi.".into(),
        },
    )
    .unwrap();
    core.attach_photo_blocking(
        &report.id,
        &shared_photo("iphone4s-gps-small.jpg"),
        PhotoSource::Camera,
        &CompressOptions::default(),
        &CancelToken::new(),
    )
    .unwrap();
    core.set_report_location(&report.id, fix_at(at)).unwrap();
    report.id
}

struct Planted {
    inside: String,
    outside: String,
    other_category: String,
    closed: String,
}

async fn plant_all(city: &City) -> Planted {
    let planted = Planted {
        inside: plant(
            city,
            CATEGORY,
            IN_49_M,
            "Rác chất đống cạnh gốc cây.",
            "nokia-lumia-gps.jpg",
        )
        .await,
        outside: plant(
            city,
            CATEGORY,
            OUT_51_M,
            "Rác ở góc phố.",
            "iphone4s-gps-small.jpg",
        )
        .await,
        other_category: plant(
            city,
            OTHER_CATEGORY,
            NEAR_20_M,
            "Ngập sau mưa.",
            "iphone4s-gps-small.jpg",
        )
        .await,
        closed: plant(
            city,
            CATEGORY,
            NEAR_20_M,
            "Rác đã được dọn.",
            "iphone4s-gps-small.jpg",
        )
        .await,
    };
    city.act(&planted.closed, "resolve", "Đã thu gom.", vec![])
        .await;
    planted
}

fn ids(answer: &NearbyCityReports) -> Vec<&str> {
    answer
        .reports
        .iter()
        .map(|r| r.service_request_id.as_str())
        .collect()
}

async fn nearby(core: &Core, id: &str) -> NearbyCityReports {
    core.nearby_city_reports(id, CancelToken::new())
        .await
        .unwrap()
}

/// A loopback address nobody listens on.
fn dead_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn open_reports_within_50_m_of_the_same_category_with_thumbnails_and_offline() {
    let city = City::start().await;
    let planted = plant_all(&city).await;
    city.act(&planted.inside, "accept", "Đã tiếp nhận.", vec![])
        .await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &city);
    // The resident's own report, sent from this phone 20 m away: never "others'".
    sign_in(&core, &city).await;
    let own = draft(&core, CATEGORY, NEAR_20_M);
    core.queue_report(&own).unwrap();
    assert_eq!(sync_once(&core).await.sent, 1);
    let own_city_id = core.submission(&own).unwrap().unwrap().service_request_id;

    let id = draft(&core, CATEGORY, DRAFT);
    assert_eq!(core.cached_nearby_city_reports(&id).unwrap(), None);
    let answer = nearby(&core, &id).await;
    assert_eq!(answer.source, NearbySource::Live);
    assert!(answer.server_radius);
    assert_eq!(
        ids(&answer),
        [planted.inside.as_str()],
        "not {own_city_id} (own), {} (51 m), {} (other category), {} (closed)",
        planted.outside,
        planted.other_category,
        planted.closed
    );
    assert_eq!(answer.total, 1);
    assert_eq!(answer.freshness, None);
    assert!(answer.heading.vi.starts_with("Thành phố đã có 1 phản ánh"));
    let found = &answer.reports[0];
    assert_eq!(found.distance_m, 49);
    assert_eq!(found.detailed_status, DetailedStatus::Accepted);
    assert_eq!(found.status_label.vi, "Đã tiếp nhận");
    assert_eq!(found.status_label.en, "Accepted");
    assert_eq!(found.excerpt, "Rác chất đống cạnh gốc cây.");
    assert_eq!(found.address.as_deref(), Some("Phố Đinh Tiên Hoàng"));
    assert!(found.requested_at_ms.is_some());
    assert!(
        found.unit_name.is_some(),
        "the ward's name, from the area set"
    );

    // The thumbnail is the city's photo made small by the app's own pipeline.
    assert_eq!(found.photos.len(), 1);
    let path = found.photos[0].thumbnail_path.clone().expect("a thumbnail");
    assert!(Path::new(&path).starts_with(dir.path().canonicalize().unwrap()));
    let held = city.reports().await;
    let media_url = held
        .iter()
        .find(|r| r["service_request_id"] == planted.inside.as_str())
        .and_then(|r| r["media_url"].as_str())
        .unwrap()
        .to_owned();
    let original = city
        .http
        .get(&media_url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let expected = ihanoi_core::pull::photos::thumbnail_of(&original).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), expected);

    // The review step knows, offline, from the kept answer.
    let details = core.report_details(&id).unwrap();
    assert!(
        details
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::SimilarReportsNearby),
        "{:?}",
        details.warnings
    );
    assert!(details.actions.can_queue, "never a blocker");
    let kept = core.cached_nearby_city_reports(&id).unwrap().unwrap();
    assert_eq!(kept.source, NearbySource::Cached);
    assert_eq!(ids(&kept), ids(&answer));

    // No network: the last answer, marked as such, with its thumbnail.
    core.configure_city(sync_support::city_config(&dead_url()))
        .unwrap();
    let offline = nearby(&core, &id).await;
    assert_eq!(offline.source, NearbySource::Cached);
    assert_eq!(ids(&offline), ids(&answer));
    assert_eq!(offline.fetched_at_ms, answer.fetched_at_ms);
    let freshness = offline.freshness.expect("said to be the saved answer");
    assert!(freshness.vi.contains("đã lưu"), "{}", freshness.vi);
    assert_eq!(
        std::fs::read(
            offline.reports[0].photos[0]
                .thumbnail_path
                .as_ref()
                .unwrap()
        )
        .unwrap(),
        expected
    );
    // A pin moved 20 m is another place: no answer for it offline.
    core.set_report_location(&id, fix_at(NEAR_20_M)).unwrap();
    match core.nearby_city_reports(&id, CancelToken::new()).await {
        Err(error) => assert_eq!(error.kind(), ErrorKind::Network),
        Ok(other) => panic!("expected a network error, got {other:?}"),
    }
    assert_eq!(core.cached_nearby_city_reports(&id).unwrap(), None);
    assert!(
        !core
            .report_details(&id)
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::SimilarReportsNearby)
    );
    // Deleting the draft deletes its answer and thumbnails with its folder.
    core.delete_draft(&id).unwrap();
    assert!(!Path::new(&path).exists());
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_servers_position_filter_the_distance_is_measured_on_the_phone() {
    // (profile, whether the server's own filter ends up used)
    for (profile, server_radius) in [
        ("plain", true),
        // Ignores lat/long/radius without a word: the phone's filter does the work.
        ("plain,no-near-search", true),
        // Refuses them: the category's last 90 days, measured here; remembered.
        ("plain,strict,no-near-search", false),
    ] {
        let city = city_with_profile(profile).await;
        let planted = plant_all(&city).await;
        let dir = tempfile::tempdir().unwrap();
        let core = phone_on(dir.path(), &city);
        let id = draft(&core, CATEGORY, DRAFT);
        let answer = nearby(&core, &id).await;
        assert_eq!(answer.source, NearbySource::Live, "{profile}");
        assert_eq!(ids(&answer), [planted.inside.as_str()], "{profile}");
        assert_eq!(answer.server_radius, server_radius, "{profile}");
        assert_eq!(answer.reports[0].distance_m, 49, "{profile}");
        assert_eq!(answer.reports[0].detailed_status, DetailedStatus::Pending);
        assert!(
            answer.reports[0].photos[0].thumbnail_path.is_some(),
            "{profile}"
        );
        if !server_radius {
            assert_eq!(
                core.server_profile().unwrap().near_search,
                ihanoi_core::server_profile::Offer::NotOffered
            );
            // The next search goes straight to the plain query.
            assert_eq!(ids(&nearby(&core, &id).await), [planted.inside.as_str()]);
        }
        city.server.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_that_lists_by_id_only_offers_no_search() {
    let city = city_with_profile("plain,no-search").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &city);
    let id = draft(&core, CATEGORY, DRAFT);
    let answer = nearby(&core, &id).await;
    assert_eq!(answer.source, NearbySource::NotOffered);
    assert!(answer.reports.is_empty());
    assert!(answer.heading.en.contains("offers no search"));
    assert!(core.report_details(&id).unwrap().actions.can_queue);
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_without_category_or_position_is_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let core = ihanoi_test_kit::open_core(dir.path());
    core.configure_city(sync_support::city_config(&dead_url()))
        .unwrap();
    let report = core.create_draft().unwrap();
    let error = core
        .nearby_city_reports(&report.id, CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NotReady);
    core.update_draft(
        &report.id,
        DraftField::Category {
            code: Some(CATEGORY.into()),
        },
    )
    .unwrap();
    let error = core
        .nearby_city_reports(&report.id, CancelToken::new())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::NoLocation);
}

/// A server that lists one report at the draft's position with three photos:
/// a PNG whose header declares 10 000 × 10 000 pixels, a 5 MB "JPEG", and a
/// real photo; or, once `broken` is set, answers with cut-off JSON.
async fn hostile_server(broken: Arc<AtomicBool>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let base = url.clone();
    let real = std::fs::read(shared_photo("iphone4s-gps-small.jpg")).unwrap();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let (broken, base, real) = (broken.clone(), base.clone(), real.clone());
            tokio::spawn(async move {
                let mut buf = vec![0u8; 16 * 1024];
                let n = socket.read(&mut buf).await.unwrap_or(0);
                let request = String::from_utf8_lossy(&buf[..n]).into_owned();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let (status, kind, body): (&str, &str, Vec<u8>) = if path
                    .starts_with("/requests.json")
                {
                    let body = if broken.load(Ordering::SeqCst) {
                        b"[{\"service_request_id\": \"1\", \"lat\": ".to_vec()
                    } else {
                        serde_json::json!([{
                            "service_request_id": 1, "status": "open", "service_code": CATEGORY,
                            "lat": DRAFT.0, "long": DRAFT.1, "description": "Rác.",
                            "requested_datetime": "2026-12-01T08:00:00+07:00",
                            "media_url": format!("{base}/bomb.png"),
                            "media_urls": [format!("{base}/bomb.png"), format!("{base}/big.jpg"),
                                           format!("{base}/real.jpg"), "https://elsewhere.example/x.jpg"],
                        }])
                        .to_string()
                        .into_bytes()
                    };
                    ("200 OK", "application/json", body)
                } else if path == "/bomb.png" {
                    ("200 OK", "image/png", png_declaring(10_000, 10_000))
                } else if path == "/big.jpg" {
                    let mut big = vec![0xFF, 0xD8, 0xFF, 0xE0];
                    big.resize(5 * 1024 * 1024, 0);
                    ("200 OK", "image/jpeg", big)
                } else if path == "/real.jpg" {
                    ("200 OK", "image/jpeg", real)
                } else {
                    ("404 Not Found", "application/json", b"[]".to_vec())
                };
                let head = format!(
                    "HTTP/1.1 {status}\r\ncontent-type: {kind}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                    body.len()
                );
                let _ = socket.write_all(head.as_bytes()).await;
                let _ = socket.write_all(&body).await;
            });
        }
    });
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hostile_server_gives_typed_problems_and_errors_and_loses_nothing() {
    let broken = Arc::new(AtomicBool::new(false));
    let url = hostile_server(broken.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let core = ihanoi_test_kit::open_core(dir.path());
    core.set_photo_input_dirs(&[ihanoi_test_kit::shared_dir().join("photos")])
        .unwrap();
    core.configure_city(sync_support::city_config(&url))
        .unwrap();
    let id = draft(&core, CATEGORY, DRAFT);
    let answer = nearby(&core, &id).await;
    assert_eq!(ids(&answer), ["1"]);
    let photos = &answer.reports[0].photos;
    // Three photos at most; the bomb is refused from its header, the
    // oversized answer as it arrives: nothing of either was decoded.
    let problems: Vec<Option<&str>> = photos.iter().map(|p| p.problem.as_deref()).collect();
    assert_eq!(problems, [Some("too_large"), Some("too_large"), None]);
    assert!(photos[0].problem_label.is_some() && photos[0].thumbnail_path.is_none());
    let real = std::fs::read(shared_photo("iphone4s-gps-small.jpg")).unwrap();
    let thumbnail = photos[2].thumbnail_path.as_ref().unwrap();
    assert_eq!(
        std::fs::read(thumbnail).unwrap(),
        ihanoi_core::pull::photos::thumbnail_of(&real).unwrap()
    );

    broken.store(true, Ordering::SeqCst);
    match core.nearby_city_reports(&id, CancelToken::new()).await {
        Err(Error::Sync(SyncError::Transport(TransportError::InvalidJson { .. }))) => {}
        other => panic!("expected invalid JSON, got {other:?}"),
    }
    // The kept answer and its thumbnail are as they were.
    let kept = core.cached_nearby_city_reports(&id).unwrap().unwrap();
    assert_eq!(ids(&kept), ["1"]);
    assert_eq!(kept.fetched_at_ms, answer.fetched_at_ms);
    assert!(Path::new(thumbnail).is_file());
    assert_eq!(
        core.report(&id).unwrap().category_code.as_deref(),
        Some(CATEGORY)
    );

    // What a kill mid-write leaves is swept at the next start; the thumbnails stay.
    let temporary = Path::new(thumbnail).with_file_name(format!(
        ".a.thumb.jpg.1{}",
        ihanoi_core::photos::storage::TEMP_SUFFIX
    ));
    std::fs::write(&temporary, b"half").unwrap();
    drop(core);
    let core = ihanoi_test_kit::open_core(dir.path());
    assert!(!temporary.exists());
    assert!(Path::new(thumbnail).is_file());
    assert!(core.cached_nearby_city_reports(&id).unwrap().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_is_cancelled_mid_request_and_keeps_nothing() {
    // A server that never answers; the test waits for the request to be in.
    let (url, mut request_in) = ihanoi_test_kit::servers::silent_server().await;
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(ihanoi_test_kit::open_core(dir.path()));
    core.set_photo_input_dirs(&[ihanoi_test_kit::shared_dir().join("photos")])
        .unwrap();
    core.configure_city(sync_support::city_config(&url))
        .unwrap();
    let id = draft(&core, CATEGORY, DRAFT);
    let cancel = CancelToken::new();
    let search = {
        let (core, id, cancel) = (core.clone(), id.clone(), cancel.clone());
        tokio::spawn(async move { core.nearby_city_reports(&id, cancel).await })
    };
    request_in.recv().await.unwrap();
    cancel.cancel();
    match search.await.unwrap() {
        Err(error) => assert_eq!(error.kind(), ErrorKind::Cancelled),
        Ok(other) => panic!("expected Cancelled, got {other:?}"),
    }
    assert_eq!(core.cached_nearby_city_reports(&id).unwrap(), None);
}
