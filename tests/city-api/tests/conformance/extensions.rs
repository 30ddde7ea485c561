//! The extensions: officials' workflow and request updates since a cursor, detailed
//! status, deadlines in working time and the overdue flag, areas, alerts, near
//! search, rate limits.

use std::time::Duration;

use ihanoi_city_api::ManualClock;
use ihanoi_city_api::config::Clock;
use ihanoi_city_api::time::w3c;
use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

async fn updates(city: &TestCity, after: &str) -> Vec<Value> {
    let v = city
        .get_json(&format!("/servicerequestupdates.json?after={after}"))
        .await;
    v.as_array().unwrap().clone()
}

#[tokio::test]
async fn ward_workflow_produces_updates_with_result_photos() {
    let city = TestCity::start().await;
    let id = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(updates(&city, "0").await.is_empty());

    let act = |path: String, fields: Vec<(&'static str, &'static str)>| {
        let http = city.http.clone();
        let url = city.url(&path);
        async move {
            http.post(url)
                .header("X-Official-Key", OFFICIAL_KEY)
                .form(&fields)
                .send()
                .await
                .unwrap()
        }
    };
    // Not allowed before accepting.
    let r = act(format!("/officials/requests/{id}/start"), vec![]).await;
    assert_error(r, StatusCode::CONFLICT, "invalid_transition").await;
    let r = act(
        format!("/officials/requests/{id}/accept"),
        vec![("description", "Đã tiếp nhận")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let u: Value = r.json().await.unwrap();
    check_update_shape(&u[0]);
    assert_eq!(u[0]["detailed_status"], "accepted");
    assert_eq!(u[0]["kind"], "accepted");
    let r = act(format!("/officials/requests/{id}/start"), vec![]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = act(
        format!("/officials/requests/{id}/comment"),
        vec![("description", "Đang thu gom")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = act(format!("/officials/requests/{id}/comment"), vec![]).await;
    assert_error(r, StatusCode::BAD_REQUEST, "missing_parameter").await;

    // Resolve with a reply and two result photos.
    let photos = five_small_photos();
    let form = multipart_with_photos(
        &[("description", "Đã thu gom rác. — Rubbish collected.")],
        &photos[3..5],
    );
    let r = city
        .http
        .post(city.url(&format!("/officials/requests/{id}/resolve")))
        .header("X-Official-Key", OFFICIAL_KEY)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = act(
        format!("/officials/requests/{id}/reject"),
        vec![("description", "Trùng")],
    )
    .await;
    assert_error(r, StatusCode::CONFLICT, "invalid_transition").await;

    // The other report: transferred to Ba Đình, then rejected with a reason.
    let r = act(
        format!("/officials/requests/{other}/transfer"),
        vec![("agency_responsible", "00004")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = act(
        format!("/officials/requests/{other}/transfer"),
        vec![("agency_responsible", "00004")],
    )
    .await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_parameter").await;
    let r = act(
        format!("/officials/requests/{other}/transfer"),
        vec![("agency_responsible", "99999")],
    )
    .await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_parameter").await;
    let r = act(format!("/officials/requests/{other}/reject"), vec![]).await;
    assert_error(r, StatusCode::BAD_REQUEST, "missing_parameter").await;
    let r = act(
        format!("/officials/requests/{other}/reject"),
        vec![("description", "Không thuộc thẩm quyền")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Errors of the officials' side.
    let r = city
        .post_form(
            &format!("/officials/requests/{id}/accept"),
            &[("description", "")],
        )
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_official_key").await;
    let r = act("/officials/requests/999999/accept".into(), vec![]).await;
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = act(format!("/officials/requests/{id}/explode"), vec![]).await;
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;

    // The feed, in order, with a cursor.
    let all = updates(&city, "0").await;
    let kinds: Vec<&str> = all.iter().map(|u| u["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "accepted",
            "started",
            "comment",
            "resolved",
            "transferred",
            "rejected"
        ]
    );
    for u in &all {
        check_update_shape(u);
    }
    let resolved = &all[3];
    assert_eq!(resolved["status"], "closed");
    assert_eq!(
        resolved["description"],
        "Đã thu gom rác. — Rubbish collected."
    );
    let urls = resolved["media_urls"].as_array().unwrap();
    assert_eq!(urls.len(), 2);
    for ((_, original), url) in photos[3..5].iter().zip(urls) {
        let got = city
            .http
            .get(url.as_str().unwrap())
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert_eq!(got.as_ref(), original.as_slice());
    }
    assert_eq!(all[4]["agency_responsible"], "00004");
    let cursor = all[2]["update_id"].as_str().unwrap();
    let rest = updates(&city, cursor).await;
    assert_eq!(rest.len(), 3);
    assert_eq!(rest[0]["update_id"], all[3]["update_id"]);
    let last = all[5]["update_id"].as_str().unwrap();
    assert!(updates(&city, last).await.is_empty());
    let limited = city
        .get_json("/servicerequestupdates.json?after=0&limit=2")
        .await;
    assert_eq!(limited.as_array().unwrap().len(), 2);
    let only_other = city
        .get_json(&format!(
            "/servicerequestupdates?service_request_id={other}"
        ))
        .await;
    assert_eq!(only_other.as_array().unwrap().len(), 2);
    assert_error(
        city.get("/servicerequestupdates.json?after=-1").await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    )
    .await;

    // The reports themselves.
    let r = &city.get_json(&format!("/requests/{id}.json")).await[0];
    assert_eq!(r["status"], "closed");
    assert_eq!(r["detailed_status"], "resolved");
    assert_eq!(r["status_notes"], "Đã thu gom rác. — Rubbish collected.");
    assert!(r["acknowledged_datetime"].is_string());
    assert_eq!(r["overdue"], false);
    let o = &city.get_json(&format!("/requests/{other}.json")).await[0];
    assert_eq!(o["detailed_status"], "rejected");
    assert_eq!(o["agency_responsible"], "00004");
    assert_eq!(o["agency_name"], "Phường Ba Đình");
    assert_eq!(o["status_notes"], "Không thuộc thẩm quyền");
}

#[tokio::test]
async fn deadlines_in_working_time_and_the_overdue_flag() {
    // Friday 27 November 2026, 16:30 in Hanoi.
    let clock = ManualClock::new(w3c::parse("2026-11-27T16:30:00+07:00").unwrap());
    let city = TestCity::start_with(|c| c.clock = Clock::Manual(clock.clone())).await;
    let normal = city.create(&[("service_code", "ve_sinh_moi_truong")]).await;
    let urgent = city.create(&[("attribute[urgency]", "urgent")]).await;
    let flood = city.create(&[("service_code", "ngap_ung")]).await; // urgent by default
    let moved = city.create(&[]).await;

    let get = |id: &Value| {
        let path = format!(
            "/requests/{}.json",
            id["service_request_id"].as_str().unwrap()
        );
        let city = &city;
        async move { city.get_json(&path).await[0].clone() }
    };
    let n = get(&normal).await;
    // 30 min on Friday + 7 h 30 on Monday.
    assert_eq!(n["acknowledge_by"], "2026-11-30T16:30:00+07:00");
    // 40 working hours: one working week.
    assert_eq!(n["handle_by"], "2026-12-04T16:30:00+07:00");
    assert_eq!(n["expected_datetime"], n["handle_by"]);
    assert_eq!(n["urgency"], "normal");
    assert_eq!(n["overdue"], false);
    let u = get(&urgent).await;
    assert_eq!(u["urgency"], "urgent");
    assert_eq!(u["acknowledge_by"], "2026-11-30T11:30:00+07:00");
    assert_eq!(u["handle_by"], "2026-11-30T11:30:00+07:00");
    let f = get(&flood).await;
    assert_eq!(f["urgency"], "urgent");
    assert_eq!(f["handle_by"], u["handle_by"]);

    // Monday noon: the urgent ones are late, the normal one is not.
    clock.set(w3c::parse("2026-11-30T12:00:00+07:00").unwrap());
    // A transfer gives the new unit its own 8 working hours to acknowledge
    // (Monday 13–17, Tuesday 8–12); the handling deadline stays.
    let moved_id = moved["service_request_id"].as_str().unwrap().to_owned();
    let r = city
        .official(
            &format!("/officials/requests/{moved_id}/transfer"),
            &[("agency_responsible", "00004")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let m = get(&moved).await;
    assert_eq!(m["detailed_status"], "transferred");
    assert_eq!(m["acknowledge_by"], "2026-12-01T12:00:00+07:00");
    assert_eq!(m["handle_by"], "2026-12-04T16:30:00+07:00");
    assert_eq!(get(&urgent).await["overdue"], true);
    assert_eq!(get(&normal).await["overdue"], false);
    // Accepting does not cure a missed handling deadline.
    let r = city
        .official(
            &format!(
                "/officials/requests/{}/accept",
                urgent["service_request_id"].as_str().unwrap()
            ),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(get(&urgent).await["overdue"], true);
    // Monday 17:00: the normal one missed acknowledgement.
    clock.advance(Duration::from_secs(5 * 3600));
    assert_eq!(get(&normal).await["overdue"], true);
    assert_eq!(
        get(&moved).await["overdue"],
        false,
        "the new unit still has time"
    );
    // Resolved reports are never overdue.
    let r = city
        .official(
            &format!(
                "/officials/requests/{}/resolve",
                normal["service_request_id"].as_str().unwrap()
            ),
            &[("description", "Xong")],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(get(&normal).await["overdue"], false);
}

#[tokio::test]
async fn tet_holidays_push_deadlines() {
    // Friday 13 February 2026, 16:00: Tết holidays are 16–20 February.
    let clock = ManualClock::new(w3c::parse("2026-02-13T16:00:00+07:00").unwrap());
    let city = TestCity::start_with(|c| c.clock = Clock::Manual(clock.clone())).await;
    let id = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = &city.get_json(&format!("/requests/{id}.json")).await[0];
    assert_eq!(r["acknowledge_by"], "2026-02-23T16:00:00+07:00");
}

#[tokio::test]
async fn areas_geojson_with_version() {
    let city = TestCity::start().await;
    let r = city.get("/areas.json").await;
    assert_eq!(r.status(), StatusCode::OK);
    let version = r.headers()["x-areas-version"].to_str().unwrap().to_owned();
    assert_eq!(
        r.headers()["etag"].to_str().unwrap(),
        format!("\"{version}\"")
    );
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["type"], "FeatureCollection");
    assert_eq!(body["version"], version);
    assert_eq!(body["features"].as_array().unwrap().len(), 126);
    let discovery = city.get_json("/discovery.json").await;
    assert_eq!(discovery["extensions"]["areas"]["version"], version);
}

#[tokio::test]
async fn alerts_since_a_cursor_by_area_and_expiry() {
    let clock = ManualClock::new(w3c::parse("2026-11-26T09:00:00+07:00").unwrap());
    let city = TestCity::start_with(|c| c.clock = Clock::Manual(clock.clone())).await;
    let publish = |fields: Vec<(&'static str, &'static str)>| {
        let city = &city;
        async move { city.official("/officials/alerts", &fields).await }
    };
    let base = vec![
        ("title_vi", "Cảnh báo ngập"),
        ("title_en", "Flood warning"),
        ("body_vi", "Mưa lớn chiều nay."),
        ("body_en", "Heavy rain this afternoon."),
    ];
    let mut a = base.clone();
    a.push(("severity", "warning"));
    a.push(("expires_datetime", "2026-11-26T18:00:00+07:00"));
    assert_eq!(publish(a).await.status(), StatusCode::OK);
    let mut b = base.clone();
    b.push(("severity", "info"));
    b.push(("area_codes", "00070"));
    let r = publish(b).await;
    assert_eq!(r.status(), StatusCode::OK);
    let published: Value = r.json().await.unwrap();
    assert_eq!(published[0]["area_codes"], serde_json::json!(["00070"]));
    let mut c = base.clone();
    c.push(("severity", "danger"));
    c.push(("area_codes", "00004"));
    assert_eq!(publish(c).await.status(), StatusCode::OK);
    let mut bad = base.clone();
    bad.push(("severity", "apocalypse"));
    assert_error(
        publish(bad).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    )
    .await;
    let mut bad_area = base.clone();
    bad_area.push(("severity", "info"));
    bad_area.push(("area_codes", "12345"));
    assert_error(
        publish(bad_area).await,
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    )
    .await;
    let r = city
        .post_form("/officials/alerts", &[("severity", "info")])
        .await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_official_key").await;

    let all = city.get_json("/alerts.json").await;
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all[0]["title"]["vi"], "Cảnh báo ngập");
    assert_eq!(all[0]["body"]["en"], "Heavy rain this afternoon.");
    assert_eq!(all[0]["severity"], "warning");
    assert_eq!(all[0]["expires_datetime"], "2026-11-26T18:00:00+07:00");
    assert!(all[1]["expires_datetime"].is_null());
    let after = all[0]["alert_id"].as_str().unwrap();
    let rest = city.get_json(&format!("/alerts?after={after}")).await;
    assert_eq!(rest.as_array().unwrap().len(), 2);
    let hoan_kiem = city.get_json("/alerts.json?area=00070").await;
    assert_eq!(
        hoan_kiem.as_array().unwrap().len(),
        2,
        "city-wide plus its own"
    );

    clock.set(w3c::parse("2026-11-26T19:00:00+07:00").unwrap());
    assert_eq!(
        city.get_json("/alerts.json")
            .await
            .as_array()
            .unwrap()
            .len(),
        2,
        "expired hidden"
    );
    assert_eq!(
        city.get_json("/alerts.json?include_expired=true")
            .await
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[tokio::test]
async fn near_search_by_radius() {
    let city = TestCity::start().await;
    city.create(&[]).await; // Hoàn Kiếm Lake
    city.create(&[("lat", "21.0368"), ("long", "105.8347")])
        .await; // Ba Đình Square, ~2 km away
    let near = city
        .get_json("/requests.json?lat=21.0290&long=105.8520&radius=200")
        .await;
    let near = near.as_array().unwrap();
    assert_eq!(near.len(), 1);
    let d = near[0]["distance_m"].as_f64().unwrap();
    assert!(d > 10.0 && d < 100.0, "{d}");
    let wide = city
        .get_json("/requests.json?lat=21.0290&long=105.8520&radius=5000")
        .await;
    assert_eq!(wide.as_array().unwrap().len(), 2);
    let default = city
        .get_json("/requests.json?lat=21.0290&long=105.8520")
        .await;
    assert_eq!(default.as_array().unwrap().len(), 1, "default radius 500 m");
    for bad in ["radius=0", "radius=5001", "radius=abc"] {
        let r = city
            .get(&format!("/requests.json?lat=21.029&long=105.852&{bad}"))
            .await;
        assert_error(r, StatusCode::BAD_REQUEST, "invalid_parameter").await;
    }
    let r = city.get("/requests.json?lat=21.029").await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_coordinates").await;
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let city = TestCity::start_with(|c| c.limits.requests_per_minute = 5).await;
    for _ in 0..5 {
        assert_eq!(city.get("/services.json").await.status(), StatusCode::OK);
    }
    let r = city.get("/services.json").await;
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "rate_limited").await;
    // Per address: another api_key does not buy a new budget (security.rs has the
    // attack); officials' endpoints have their own.
    let r = city.get(&format!("/services.json?api_key={API_KEY}")).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let r = city.official("/officials/requests/1/accept", &[]).await;
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;
}
