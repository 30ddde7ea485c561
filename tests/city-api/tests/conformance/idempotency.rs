//! `client_request_id`: retries (even concurrent) create exactly one report; a
//! changed resend is a 409; replays with photos write no new files.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

const ID: &str = "7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10";

fn report_fields(description: &str) -> Vec<(&'static str, String)> {
    vec![
        ("api_key", API_KEY.into()),
        ("service_code", "giao_thong".into()),
        ("lat", "21.0287".into()),
        ("long", "105.8524".into()),
        ("description", description.into()),
        ("client_request_id", ID.into()),
        ("attribute[urgency]", "urgent".into()),
    ]
}

#[tokio::test]
async fn twenty_concurrent_identical_posts_create_exactly_one_report() {
    let city = TestCity::start().await;
    let photos = five_small_photos();
    let mut tasks = Vec::new();
    for _ in 0..20 {
        let http = city.http.clone();
        let url = city.url("/requests.json");
        let fields = report_fields("Ổ gà lớn giữa đường");
        let photos = photos[..2].to_vec();
        tasks.push(tokio::spawn(async move {
            let borrowed: Vec<(&str, &str)> =
                fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let form = multipart_with_photos(&borrowed, &photos);
            let r = http.post(url).multipart(form).send().await.unwrap();
            let replayed = r.headers().contains_key("idempotent-replayed");
            (r.status(), replayed, r.json::<Value>().await.unwrap())
        }));
    }
    let mut ids = std::collections::BTreeSet::new();
    let mut fresh = 0;
    for t in tasks {
        let (status, replayed, body) = t.await.unwrap();
        assert_eq!(status, StatusCode::OK);
        if !replayed {
            fresh += 1;
        }
        assert_eq!(body[0]["client_request_id"], ID);
        ids.insert(body[0]["service_request_id"].as_str().unwrap().to_owned());
    }
    assert_eq!(ids.len(), 1, "every answer names the same report");
    assert_eq!(fresh, 1, "exactly one answer created it");
    assert_eq!(city.stored_requests(), 1);
    assert_eq!(city.count("SELECT COUNT(*) FROM request_media"), 2);
    assert_eq!(city.stored_files(), 2);
}

#[tokio::test]
async fn same_id_same_content_replays_and_changed_content_conflicts() {
    let city = TestCity::start().await;
    let send = |description: &'static str| {
        let fields = report_fields(description);
        let http = city.http.clone();
        let url = city.url("/requests.json");
        async move { http.post(url).form(&fields).send().await.unwrap() }
    };
    let first = send("Ổ gà").await;
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();

    // A retry after a lost response: NFC and surrounding spaces do not make it new.
    let again = send(" O\u{302}\u{309} ga\u{300} ").await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    let again: Value = again.json().await.unwrap();
    assert_eq!(
        again[0]["service_request_id"],
        first[0]["service_request_id"]
    );
    assert_eq!(again[0]["token"], first[0]["token"]);

    let changed = send("Ổ gà rất lớn").await;
    assert_error(changed, StatusCode::CONFLICT, "client_request_id_conflict").await;
    assert_eq!(city.stored_requests(), 1);

    // Same id, another photo set: also a conflict, and no file is left behind.
    let fields = report_fields("Ổ gà");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let form = multipart_with_photos(&borrowed, &five_small_photos()[..1]);
    let r = city.post_multipart("/requests.json", form).await;
    assert_error(r, StatusCode::CONFLICT, "client_request_id_conflict").await;
    assert_eq!(city.stored_files(), 0);

    // Upper-case UUIDs are the same id.
    let mut fields = report_fields("Ổ gà");
    fields[5].1 = ID.to_uppercase();
    let r = city.post_form("/requests.json", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["idempotent-replayed"], "true");
    assert_eq!(city.stored_requests(), 1);
}

#[tokio::test]
async fn without_client_request_id_every_post_is_new() {
    let city = TestCity::start().await;
    let a = city.create(&[]).await;
    let b = city.create(&[]).await;
    assert_ne!(a["service_request_id"], b["service_request_id"]);
    assert_eq!(city.stored_requests(), 2);
}
