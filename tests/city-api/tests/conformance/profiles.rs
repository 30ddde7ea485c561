//! Server profiles (`--profile`): each switch makes the server behave like a
//! kind of Open311 server in the wild, and the full profile stays as it was.

use ihanoi_city_api::Profile;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::*;

async fn server(profile: &str) -> TestCity {
    let profile = Profile::parse(profile).unwrap();
    TestCity::start_with(|c| c.profile = profile).await
}

fn hoan_kiem() -> (String, String) {
    (HOAN_KIEM.0.to_string(), HOAN_KIEM.1.to_string())
}

/// A multipart report with one photo under `part`, plus `extra` fields.
fn report_form(part: &str, extra: &[(&str, &str)]) -> Form {
    let (lat, lon) = hoan_kiem();
    let mut form = Form::new()
        .text("api_key", API_KEY)
        .text("service_code", "ve_sinh_moi_truong")
        .text("lat", lat)
        .text("long", lon)
        .text("description", "Rác thải ở ngõ 5");
    for (k, v) in extra {
        form = form.text(k.to_string(), v.to_string());
    }
    form.part(
        part.to_owned(),
        Part::bytes(photo("nokia-lumia-gps.jpg"))
            .file_name("photo-1.jpg")
            .mime_str("image/jpeg")
            .unwrap(),
    )
}

async fn body_of(response: reqwest::Response) -> (StatusCode, Value) {
    let status = response.status();
    (status, response.json().await.unwrap())
}

#[tokio::test]
async fn plain_has_no_extensions_and_ignores_what_it_does_not_know() {
    let city = server("plain").await;
    let discovery = city.get_json("/discovery.json").await;
    assert!(discovery.get("extensions").is_none(), "{discovery}");
    assert!(discovery["endpoints"].is_array());
    for path in [
        "/alerts.json",
        "/areas.json",
        "/services/ve_sinh_moi_truong.json",
    ] {
        assert_eq!(
            city.get(path).await.status(),
            StatusCode::NOT_FOUND,
            "{path}"
        );
    }
    let r = city
        .post_form("/auth/code", &[("phone", "0912345678")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // No `reason` extension in a plain server's errors.
    let error: Value = city.get("/alerts.json").await.json().await.unwrap();
    assert!(error[0].get("reason").is_none(), "{error}");
    assert_eq!(error[0]["code"], 404);

    let services = city.get_json("/services.json").await;
    assert!(
        services
            .as_array()
            .unwrap()
            .iter()
            .all(|s| s["metadata"] == false && s.get("service_name_en").is_none())
    );

    // The same client_request_id twice: two reports (no idempotency); the
    // extension attributes and a bearer token mean nothing here.
    let crid = "7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10";
    let mut ids = Vec::new();
    for _ in 0..2 {
        let r = city
            .http
            .post(city.url("/requests.json"))
            .bearer_auth("not-a-token")
            .multipart(report_form(
                "media[]",
                &[
                    ("client_request_id", crid),
                    ("attribute[urgency]", "nonsense"),
                    ("email", "lan@example.vn"),
                ],
            ))
            .send()
            .await
            .unwrap();
        let (status, body) = body_of(r).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert!(body[0].get("client_request_id").is_none());
        ids.push(body[0]["service_request_id"].as_str().unwrap().to_owned());
    }
    assert_ne!(ids[0], ids[1]);
    assert_eq!(city.stored_requests(), 2);
    let report = city.get_json(&format!("/requests/{}.json", ids[0])).await;
    let keys: Vec<&str> = report[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(!keys.contains(&"detailed_status") && !keys.contains(&"attributes"));
    assert!(report[0]["media_url"].is_string(), "the photo was kept");
    // The personal fields are the standard's: stored.
    assert_eq!(
        city.count("SELECT COUNT(*) FROM requests WHERE personal_json LIKE '%lan@example.vn%'"),
        2
    );
}

#[tokio::test]
async fn strict_refuses_unknown_fields_and_parameters_by_name() {
    let plain = server("plain,strict").await;
    let r = plain
        .post_multipart(
            "/requests.json",
            report_form(
                "media[]",
                &[("client_request_id", "x"), ("attribute[urgency]", "urgent")],
            ),
        )
        .await;
    let (status, body) = body_of(r).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let description = body[0]["description"].as_str().unwrap();
    assert!(
        description.contains("unexpected entries: client_request_id, attribute[urgency]"),
        "{description}"
    );
    assert_eq!(plain.stored_requests(), 0);
    // The updates endpoint refuses the extension's parameters.
    let r = plain
        .get("/servicerequestupdates.json?after=0&mine=true&limit=100")
        .await;
    let (status, body) = body_of(r).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        body[0]["description"]
            .as_str()
            .unwrap()
            .contains("after, mine, limit")
    );
    assert_eq!(
        plain
            .get("/servicerequestupdates.json?start_date=2026-01-01T00:00:00%2B07:00")
            .await
            .status(),
        StatusCode::OK
    );
    // What the standard defines goes through, personal fields included.
    let r = plain
        .post_multipart(
            "/requests.json",
            report_form("media[]", &[("first_name", "Lan"), ("phone", "0912345678")]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Strict with the extensions: the extension's fields are defined.
    let extended = server("strict").await;
    let r = extended
        .post_multipart(
            "/requests.json",
            report_form(
                "media[]",
                &[
                    ("client_request_id", "7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10"),
                    ("attribute[urgency]", "urgent"),
                ],
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = extended
        .post_multipart(
            "/requests.json",
            report_form("media[]", &[("nickname", "x")]),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn numeric_ids_everywhere_a_report_or_update_is_named() {
    let city = server("numeric-ids").await;
    let created = city.create(&[]).await;
    let id = created["service_request_id"]
        .as_i64()
        .expect("a JSON number");
    let r = city
        .official(&format!("/officials/requests/{id}/accept"), &[])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let list = city.get_json("/requests.json").await;
    assert_eq!(list[0]["service_request_id"], id);
    let updates = city.get_json("/servicerequestupdates.json").await;
    assert!(updates[0]["service_request_id"].is_i64(), "{updates}");
    assert!(updates[0]["update_id"].is_i64());
}

#[tokio::test]
async fn extended_statuses_are_written_in_the_standard_status() {
    let city = server("plain,extended-statuses").await;
    let created = city.create(&[]).await;
    let id = created["service_request_id"].as_str().unwrap().to_owned();
    let status = |list: Value| list[0]["status"].as_str().unwrap().to_owned();
    assert_eq!(status(city.get_json("/requests.json").await), "open");
    for (action, word) in [
        ("accept", "action_scheduled"),
        ("start", "investigating"),
        ("resolve", "fixed"),
    ] {
        let r = city
            .official(
                &format!("/officials/requests/{id}/{action}"),
                &[("description", "Phường đã xử lý.")],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{action}");
        let list = city.get_json("/requests.json").await;
        assert_eq!(status(list.clone()), word, "{action}");
        assert!(
            list[0].get("detailed_status").is_none(),
            "plain: no extension"
        );
    }
    let updates = city.get_json("/servicerequestupdates.json").await;
    let last = updates.as_array().unwrap().last().unwrap();
    assert_eq!(last["status"], "fixed", "{updates}");
}

#[tokio::test]
async fn media_field_reads_media_and_drops_media_brackets() {
    let city = server("media-field").await;
    let discovery = city.get_json("/discovery.json").await;
    assert_eq!(discovery["extensions"]["media_multipart"]["field"], "media");
    let (_, wrong) = body_of(
        city.post_multipart("/requests.json", report_form("media[]", &[]))
            .await,
    )
    .await;
    let (_, right) = body_of(
        city.post_multipart("/requests.json", report_form("media", &[]))
            .await,
    )
    .await;
    let media_of = |v: &Value| {
        let id = v[0]["service_request_id"].as_str().unwrap().to_owned();
        format!("/requests/{id}.json")
    };
    let wrong = city.get_json(&media_of(&wrong)).await;
    let right = city.get_json(&media_of(&right)).await;
    assert_eq!(
        wrong[0]["media_urls"],
        serde_json::json!([]),
        "created without its photo"
    );
    assert_eq!(right[0]["media_urls"].as_array().unwrap().len(), 1);
    // Strict: the wrong part name is refused, not dropped.
    let strict = server("media-field,strict").await;
    let r = strict
        .post_multipart("/requests.json", report_form("media[]", &[]))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn no_upload_keeps_media_url_only() {
    let city = server("no-upload").await;
    let discovery = city.get_json("/discovery.json").await;
    assert!(discovery["extensions"].get("media_multipart").is_none());
    let (status, created) = body_of(
        city.post_multipart(
            "/requests.json",
            report_form("media[]", &[("media_url", "https://example.vn/a.jpg")]),
        )
        .await,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let id = created[0]["service_request_id"].as_str().unwrap();
    let report = city.get_json(&format!("/requests/{id}.json")).await;
    assert_eq!(report[0]["media_url"], "https://example.vn/a.jpg");
    assert_eq!(city.stored_files(), 0);
}

#[tokio::test]
async fn object_errors_write_code_and_detail() {
    let city = server("object-errors").await;
    let r = city.get("/requests/999999.json").await;
    let (status, body) = body_of(r).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body["code"], 404);
    assert!(
        body["detail"].as_str().unwrap().contains("not found"),
        "{body}"
    );
    // Successes are unchanged.
    assert!(city.create(&[]).await["service_request_id"].is_string());
}

#[tokio::test]
async fn no_updates_and_no_idempotency_take_one_thing_away_each() {
    let city = server("no-updates,no-idempotency").await;
    let discovery = city.get_json("/discovery.json").await;
    let extensions = &discovery["extensions"];
    assert!(extensions.get("request_updates").is_none());
    assert!(extensions.get("client_request_id").is_none());
    assert!(extensions.get("resident_sign_in").is_some());
    assert_eq!(
        city.get("/servicerequestupdates.json").await.status(),
        StatusCode::NOT_FOUND
    );
    let crid = [("client_request_id", "7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10")];
    let a = city.create(&crid).await;
    let b = city.create(&crid).await;
    assert_ne!(a["service_request_id"], b["service_request_id"]);
    assert_eq!(city.stored_requests(), 2);
}

#[tokio::test]
async fn no_search_lists_by_id_only() {
    let city = server("no-search").await;
    let id = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let by_id = city
        .get_json(&format!("/requests.json?service_request_id={id}"))
        .await;
    assert_eq!(by_id.as_array().unwrap().len(), 1);
    let (status, body) = body_of(
        city.get("/requests.json?service_code=ve_sinh_moi_truong")
            .await,
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("service_code"), "{body}");
    assert_eq!(
        city.get("/requests.json?start_date=2026-01-01T00:00:00Z")
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn no_near_search_ignores_the_position_filter_or_refuses_it_when_strict() {
    let city = server("no-near-search").await;
    city.create(&[]).await;
    let discovery = city.get_json("/discovery.json").await;
    assert!(discovery["extensions"].get("near_search").is_none());
    // 5 km away from the report: a server with the filter lists nothing;
    // this one ignores it and lists the report.
    let far = "/requests.json?lat=21.0&long=105.80&radius=50";
    assert_eq!(city.get_json(far).await.as_array().unwrap().len(), 1);
    let full = server("full").await;
    full.create(&[]).await;
    assert!(full.get_json(far).await.as_array().unwrap().is_empty());
    assert!(
        full.get_json("/discovery.json").await["extensions"]
            .get("near_search")
            .is_some()
    );

    let strict = server("strict,no-near-search").await;
    let (status, body) = body_of(strict.get(far).await).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.to_string().contains("lat"), "{body}");
    let by_category = "/requests.json?service_code=ve_sinh_moi_truong&status=open";
    assert_eq!(strict.get(by_category).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn the_full_profile_is_unchanged() {
    let city = server("full").await;
    let discovery = city.get_json("/discovery.json").await;
    for extension in [
        "client_request_id",
        "request_updates",
        "resident_sign_in",
        "alerts",
        "areas",
    ] {
        assert!(
            discovery["extensions"].get(extension).is_some(),
            "{extension}"
        );
    }
    assert_eq!(
        discovery["extensions"]["media_multipart"]["field"],
        "media[]"
    );
}
