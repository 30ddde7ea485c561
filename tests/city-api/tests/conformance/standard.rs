//! The GeoReport v2 endpoints as a plain Open311 client sees them.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

#[tokio::test]
async fn discovery_lists_json_endpoint_and_extensions() {
    let city = TestCity::start().await;
    for path in ["/discovery", "/discovery.json"] {
        let d = city.get_json(path).await;
        assert!(
            d["changeset"].is_string() && d["contact"].is_string() && d["key_service"].is_string()
        );
        let ep = &d["endpoints"][0];
        assert_eq!(ep["specification"], "http://wiki.open311.org/GeoReport_v2");
        assert_eq!(ep["url"], city.server.base_url());
        assert_eq!(ep["formats"], serde_json::json!(["application/json"]));
        let ext = d["extensions"].as_object().unwrap();
        for name in [
            "media_multipart",
            "client_request_id",
            "report_attributes",
            "agency_from_location",
            "detailed_status",
            "deadlines",
            "request_updates",
            "areas",
            "alerts",
            "resident_sign_in",
            "rate_limit",
            "etag",
            "near_search",
        ] {
            assert!(ext.contains_key(name), "extension {name} advertised");
        }
        let holidays = ext["deadlines"]["holidays"].as_array().unwrap();
        assert!(
            holidays.contains(&Value::from("2026-02-17")),
            "Tết 2026 configured"
        );
    }
}

#[tokio::test]
async fn services_list_in_the_standard_shape_with_all_categories() {
    let city = TestCity::start().await;
    let list = city.get_json("/services.json").await;
    let same = city.get_json("/services").await;
    assert_eq!(list, same);
    let items = list.as_array().unwrap();
    for s in items {
        check_service_shape(s);
        assert!(s["service_name_en"].is_string());
        assert!(["normal", "urgent"].contains(&s["default_urgency"].as_str().unwrap()));
    }
    let codes: Vec<&str> = items
        .iter()
        .map(|s| s["service_code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "ve_sinh_moi_truong",
            "trat_tu_do_thi",
            "giao_thong",
            "xay_dung",
            "an_ninh_trat_tu",
            "phong_chay_chua_chay",
            "ngap_ung",
            "cay_xanh",
            "chieu_sang",
            "an_toan_thuc_pham",
            "khac"
        ]
    );
    assert_eq!(items[6]["service_name"], "Ngập úng");
    assert_eq!(items[6]["default_urgency"], "urgent");
}

#[tokio::test]
async fn service_definition_and_unknown_service() {
    let city = TestCity::start().await;
    let def = city.get_json("/services/ngap_ung.json").await;
    assert_eq!(def["service_code"], "ngap_ung");
    let attrs = def["attributes"].as_array().unwrap();
    let codes: Vec<&str> = attrs.iter().map(|a| a["code"].as_str().unwrap()).collect();
    assert_eq!(
        codes,
        [
            "urgency",
            "location_accuracy_m",
            "location_source",
            "pin_adjusted",
            "photo_taken_at"
        ]
    );
    for a in attrs {
        assert!(a["variable"].is_boolean() && a["required"] == false);
        assert!(
            a["order"].is_u64()
                && a["description"].is_string()
                && a["datatype_description"].is_string()
        );
        let dt = a["datatype"].as_str().unwrap();
        assert!(
            [
                "string",
                "number",
                "datetime",
                "text",
                "singlevaluelist",
                "multivaluelist"
            ]
            .contains(&dt)
        );
        if dt.ends_with("list") {
            for v in a["values"].as_array().unwrap() {
                assert!(v["key"].is_string() && v["name"].is_string());
            }
        }
    }
    assert_eq!(city.get_json("/services/ngap_ung").await, def);
    assert_error(
        city.get("/services/khong_co.json").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn etag_round_trips_on_services_definitions_and_areas() {
    let city = TestCity::start().await;
    for path in ["/services.json", "/services/giao_thong.json", "/areas.json"] {
        let first = city.get(path).await;
        assert_eq!(first.status(), StatusCode::OK);
        let etag = first.headers()["etag"].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && etag.ends_with('"'));
        let body = first.bytes().await.unwrap();
        assert!(!body.is_empty());

        let again = city
            .http
            .get(city.url(path))
            .header("If-None-Match", &etag)
            .send()
            .await
            .unwrap();
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()["etag"].to_str().unwrap(), etag);
        assert!(again.bytes().await.unwrap().is_empty());

        let weak_list = format!("\"nope\", W/{etag}");
        let r = city
            .http
            .get(city.url(path))
            .header("If-None-Match", weak_list)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_MODIFIED);

        let stale = city
            .http
            .get(city.url(path))
            .header("If-None-Match", "\"stale\"")
            .send()
            .await
            .unwrap();
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(stale.bytes().await.unwrap(), body);
    }
}

#[tokio::test]
async fn plain_open311_post_without_any_extension() {
    let city = TestCity::start().await;
    // Exactly what a GeoReport v2 client sends: no client_request_id, no attributes,
    // no photos, no token; personal fields included.
    let r = city
        .post_form(
            "/requests.json",
            &[
                ("api_key", API_KEY),
                ("jurisdiction_id", "hanoi.gov.vn"),
                ("service_code", "chieu_sang"),
                ("lat", "21.0287"),
                ("long", "105.8524"),
                ("address_string", "Đinh Tiên Hoàng, Hoàn Kiếm"),
                ("email", "nguoidan@example.vn"),
                ("first_name", "An"),
                ("last_name", "Nguyễn"),
                ("phone", "0912345678"),
                ("description", "Đèn đường không sáng"),
                ("media_url", "https://example.org/p.jpg"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers().get("idempotent-replayed").is_none());
    let body: Value = r.json().await.unwrap();
    let created = &body.as_array().unwrap()[0];
    let id = created["service_request_id"].as_str().unwrap();
    assert!(created["token"].is_string());
    assert!(created["service_notice"].is_string());
    assert_eq!(
        created["agency_responsible"], "00070",
        "Hoàn Kiếm Lake is Phường Hoàn Kiếm"
    );

    let got = city.get_json(&format!("/requests/{id}.json")).await;
    let r = &got.as_array().unwrap()[0];
    check_request_shape(r);
    assert_eq!(r["status"], "open");
    assert_eq!(r["detailed_status"], "pending");
    assert_eq!(r["service_code"], "chieu_sang");
    assert_eq!(r["service_name"], "Chiếu sáng");
    assert_eq!(r["description"], "Đèn đường không sáng");
    assert_eq!(r["address"], "Đinh Tiên Hoàng, Hoàn Kiếm");
    assert_eq!(r["media_url"], "https://example.org/p.jpg");
    assert_eq!(r["agency_name"], "Phường Hoàn Kiếm");
    assert_eq!(r["lat"], 21.0287);
    assert_eq!(r["urgency"], "normal");
    // Personal data is stored but never served.
    let text = got.to_string();
    assert!(!text.contains("nguoidan@example.vn") && !text.contains("0912345678"));
    assert_eq!(city.get_json(&format!("/requests/{id}")).await, got);

    // The token resource.
    let token = created["token"].as_str().unwrap();
    let t = city.get_json(&format!("/tokens/{token}.json")).await;
    assert_eq!(t[0]["service_request_id"], id);
    assert_eq!(t[0]["token"], token);
    assert_error(
        city.get("/tokens/0000.json").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        city.get("/requests/999999.json").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        city.get("/requests/abc").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn address_only_report_has_no_agency_yet() {
    let city = TestCity::start().await;
    let r = city
        .post_form(
            "/requests",
            &[
                ("api_key", API_KEY),
                ("service_code", "khac"),
                ("address_string", "Số 1 Tràng Tiền"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert!(body[0]["agency_responsible"].is_null());
}

#[tokio::test]
async fn multipart_with_five_photos_stored_byte_identical() {
    let city = TestCity::start().await;
    let photos = five_small_photos();
    let form = multipart_with_photos(
        &[
            ("api_key", API_KEY),
            ("service_code", "ve_sinh_moi_truong"),
            ("lat", "21.0368"),
            ("long", "105.8347"),
            ("description", "Phế thải xây dựng"),
            ("client_request_id", "0f6c9a52-6ad5-4a7a-8d59-2f39c0c5c0a1"),
            (
                "attribute[photo_taken_at]",
                "2026-11-20T08:15:00+07:00,,2026-11-20T01:16:00Z,,",
            ),
            ("attribute[location_accuracy_m]", "8"),
            ("attribute[location_source]", "gps"),
            ("attribute[pin_adjusted]", "false"),
        ],
        &photos,
    );
    let r = city.post_multipart("/requests.json", form).await;
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    assert_eq!(
        body[0]["agency_responsible"], "00004",
        "Ba Đình Square is Phường Ba Đình"
    );
    let id = body[0]["service_request_id"].as_str().unwrap().to_owned();

    let got = city.get_json(&format!("/requests/{id}.json")).await;
    let r = &got[0];
    check_request_shape(r);
    let urls = r["media_urls"].as_array().unwrap();
    assert_eq!(urls.len(), 5);
    assert_eq!(r["media_url"], urls[0]);
    for ((name, original), url) in photos.iter().zip(urls) {
        let served = city.http.get(url.as_str().unwrap()).send().await.unwrap();
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        // The image data as sent, only the metadata left out (security.rs).
        let served = served.bytes().await.unwrap();
        let orientation = ihanoi_core::photos::metadata::read(original).orientation;
        assert_eq!(
            Some(served.to_vec()),
            ihanoi_city_api::store::strip::jpeg(original, orientation),
            "{name}: the upload minus its metadata"
        );
        assert_eq!(ihanoi_core::photos::metadata::read(&served).gps, None);
    }
    // And on disk.
    assert_eq!(city.stored_files(), 5);
    // Capture times are for officials only.
    assert!(r["attributes"].get("photo_taken_at").is_none());
    let full: Value = json_of(
        city.http
            .get(city.url(&format!("/officials/requests/{id}")))
            .header("X-Official-Key", OFFICIAL_KEY),
    )
    .await;
    assert_eq!(
        full[0]["attributes"]["photo_taken_at"],
        "2026-11-20T08:15:00+07:00,,2026-11-20T08:16:00+07:00,,"
    );
    assert_eq!(r["attributes"]["location_accuracy_m"], "8");
    assert_eq!(
        city.count("SELECT COUNT(*) FROM request_media WHERE taken_ms IS NOT NULL"),
        2
    );
}

#[tokio::test]
async fn media_paths_that_are_not_ours_are_404() {
    let city = TestCity::start().await;
    for path in [
        "/media/..%2F..%2Fcity.sqlite3",
        "/media/city.sqlite3",
        "/media/0000000000000000000000000000000000000000000000000000000000000000.jpg",
    ] {
        assert_error(city.get(path).await, StatusCode::NOT_FOUND, "not_found").await;
    }
}

#[tokio::test]
async fn paging_over_a_thousand_reports() {
    let city = TestCity::start().await;
    for i in 0..1000 {
        let d = format!("Báo cáo số {i}");
        let code = if i % 2 == 0 { "giao_thong" } else { "cay_xanh" };
        city.create(&[("description", &d), ("service_code", code)])
            .await;
    }
    assert_eq!(city.stored_requests(), 1000);
    // Default: the standard's cap, newest first.
    let r = city.get("/requests.json").await;
    assert_eq!(r.headers()["x-total-count"], "1000");
    let all: Value = r.json().await.unwrap();
    assert_eq!(all.as_array().unwrap().len(), 1000);
    assert_eq!(all[0]["description"], "Báo cáo số 999");
    check_request_shape(&all[0]);

    let mut seen = std::collections::BTreeSet::new();
    for page in 1..=11 {
        let r = city
            .get(&format!("/requests.json?page={page}&page_size=97"))
            .await;
        assert_eq!(r.headers()["x-total-count"], "1000");
        let items: Value = r.json().await.unwrap();
        let items = items.as_array().unwrap();
        assert_eq!(items.len(), if page < 11 { 97 } else { 1000 - 970 });
        for item in items {
            assert!(
                seen.insert(item["service_request_id"].as_str().unwrap().to_owned()),
                "no duplicates"
            );
        }
    }
    assert_eq!(seen.len(), 1000);
    let beyond: Value = city.get_json("/requests.json?page=12&page_size=97").await;
    assert!(beyond.as_array().unwrap().is_empty());

    // Filters.
    let r = city
        .get("/requests.json?service_code=giao_thong&page_size=10")
        .await;
    assert_eq!(r.headers()["x-total-count"], "500");
    let items: Value = r.json().await.unwrap();
    assert!(
        items
            .as_array()
            .unwrap()
            .iter()
            .all(|i| i["service_code"] == "giao_thong")
    );
    let r = city.get("/requests.json?status=closed").await;
    assert_eq!(r.headers()["x-total-count"], "0");
    let r = city
        .get("/requests.json?status=open&detailed_status=pending&page_size=1")
        .await;
    assert_eq!(r.headers()["x-total-count"], "1000");
    let r = city
        .get("/requests.json?service_request_id=1,2,3,abc")
        .await;
    assert_eq!(r.headers()["x-total-count"], "3");
    let r = city
        .get("/requests.json?end_date=2000-01-01T00:00:00Z")
        .await;
    assert_eq!(r.headers()["x-total-count"], "0");
    let r = city
        .get("/requests.json?start_date=2000-01-01T00:00:00Z&page_size=1")
        .await;
    assert_eq!(r.headers()["x-total-count"], "1000");
    let r = city
        .get("/requests.json?agency_responsible=00070&page_size=1")
        .await;
    assert_eq!(r.headers()["x-total-count"], "1000");
    let r = city.get("/requests.json?page_size=5000").await;
    assert_eq!(
        r.json::<Value>().await.unwrap().as_array().unwrap().len(),
        1000,
        "capped at 1000"
    );
}

#[tokio::test]
async fn xml_gets_400_with_json_errors_and_other_suffixes_404() {
    let city = TestCity::start().await;
    for path in [
        "/services.xml",
        "/requests.xml",
        "/discovery.xml",
        "/services/giao_thong.xml",
        "/requests/1.xml",
    ] {
        assert_error(
            city.get(path).await,
            StatusCode::BAD_REQUEST,
            "format_not_supported",
        )
        .await;
    }
    let r = city
        .http
        .post(city.url("/requests.xml"))
        .form(&[("a", "b")])
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::BAD_REQUEST, "format_not_supported").await;
    assert_error(
        city.get("/services.html").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
    assert_error(
        city.get("/nothing/here").await,
        StatusCode::NOT_FOUND,
        "not_found",
    )
    .await;
}

#[tokio::test]
async fn wrong_method_and_jurisdiction() {
    let city = TestCity::start().await;
    let r = city
        .http
        .delete(city.url("/requests.json"))
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed").await;
    assert_error(
        city.get("/services.json?jurisdiction_id=saigon.gov.vn")
            .await,
        StatusCode::BAD_REQUEST,
        "unknown_jurisdiction",
    )
    .await;
    assert_eq!(
        city.get("/services.json?jurisdiction_id=hanoi.gov.vn")
            .await
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn shutdown_stops_serving_and_data_survives_a_restart() {
    let city = TestCity::start().await;
    let id = city.create(&[]).await["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let url = city.url("/services.json");
    let http = city.http.clone();
    let dir = city.shutdown().await;
    assert!(
        http.get(&url).send().await.is_err(),
        "nothing listens after shutdown"
    );
    // Same data directory, new server: the report is still there.
    let config = ihanoi_city_api::CityConfig::for_tests(
        dir.path().join("city"),
        ihanoi_city_api::config::AreasSource::Loaded(areas()),
    );
    let again = ihanoi_city_api::CityServer::start(config).await.unwrap();
    let got = json_of(http.get(format!("{}/requests/{id}.json", again.base_url()))).await;
    assert_eq!(got[0]["service_request_id"], id.as_str());
    again.shutdown().await;
}
