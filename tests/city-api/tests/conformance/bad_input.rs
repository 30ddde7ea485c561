//! Bad input: every case gets a clear error in the standard's shape, nothing is
//! stored, and the server keeps answering.

use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use serde_json::Value;

use crate::common::*;

/// Form fields of a POST.
type Fields = Vec<(&'static str, String)>;

fn valid_fields() -> Fields {
    vec![
        ("api_key", API_KEY.into()),
        ("service_code", "giao_thong".into()),
        ("lat", "21.0287".into()),
        ("long", "105.8524".into()),
        ("description", "Ổ gà".into()),
    ]
}

fn with(mut fields: Fields, name: &'static str, value: &str) -> Fields {
    fields.retain(|(k, _)| *k != name);
    fields.push((name, value.to_owned()));
    fields
}

async fn post_expect(
    city: &TestCity,
    fields: &[(&'static str, String)],
    status: StatusCode,
    reason: &str,
) {
    let r = city.post_form("/requests.json", fields).await;
    assert_error(r, status, reason).await;
}

async fn nothing_stored(city: &TestCity) {
    assert_eq!(city.stored_requests(), 0, "no report stored");
    assert_eq!(city.stored_files(), 0, "no photo stored");
    city.assert_alive().await;
}

#[tokio::test]
async fn missing_and_invalid_fields() {
    let city = TestCity::start().await;
    let f = valid_fields;
    let cases: Vec<(Fields, StatusCode, &str)> = vec![
        (
            f().into_iter().filter(|(k, _)| *k != "api_key").collect(),
            StatusCode::FORBIDDEN,
            "invalid_api_key",
        ),
        (
            with(f(), "api_key", "stolen"),
            StatusCode::FORBIDDEN,
            "invalid_api_key",
        ),
        (
            f().into_iter()
                .filter(|(k, _)| *k != "service_code")
                .collect(),
            StatusCode::BAD_REQUEST,
            "missing_parameter",
        ),
        (
            with(f(), "service_code", "pothole"),
            StatusCode::BAD_REQUEST,
            "unknown_service_code",
        ),
        (
            f().into_iter()
                .filter(|(k, _)| *k != "lat" && *k != "long")
                .collect(),
            StatusCode::BAD_REQUEST,
            "missing_location",
        ),
        (
            with(f(), "jurisdiction_id", "hcmc.gov.vn"),
            StatusCode::BAD_REQUEST,
            "unknown_jurisdiction",
        ),
        (
            with(f(), "attribute[colour]", "red"),
            StatusCode::BAD_REQUEST,
            "unknown_attribute",
        ),
        (
            with(f(), "attribute[urgency]", "asap"),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(f(), "attribute[location_accuracy_m]", "-3"),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(f(), "attribute[location_accuracy_m]", "NaN"),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(f(), "attribute[location_source]", "psychic"),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(f(), "attribute[pin_adjusted]", "yes"),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(
                f(),
                "attribute[photo_taken_at]",
                "2026-11-20T08:15:00+07:00",
            ),
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            with(f(), "media_url", "javascript:alert(1)"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            with(f(), "email", &"a".repeat(201)),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        (
            with(f(), "description", &"ệ".repeat(4001)),
            StatusCode::BAD_REQUEST,
            "description_too_long",
        ),
        (
            with(f(), "description", "a\0b"),
            StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
    ];
    for (fields, status, reason) in cases {
        post_expect(&city, &fields, status, reason).await;
    }
    // A field sent twice is ambiguous.
    let mut twice = valid_fields();
    twice.push(("description", "khác".into()));
    post_expect(&city, &twice, StatusCode::BAD_REQUEST, "malformed_body").await;
    nothing_stored(&city).await;
    // 4000 characters exactly is fine (counted after NFC: decomposed input is longer in bytes).
    let long = "e\u{323}\u{302}".repeat(4000);
    let r = city
        .post_form(
            "/requests.json",
            &with(valid_fields(), "description", &long),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
}

#[tokio::test]
async fn coordinates_out_of_range_or_outside_the_city() {
    let city = TestCity::start().await;
    for (lat, lon) in [
        ("91", "105.85"),
        ("-90.0001", "105.85"),
        ("21.02", "180.5"),
        ("21.02", "-181"),
        ("NaN", "105.85"),
        ("21.02", "inf"),
        ("1e999", "105.85"),
        ("21,02", "105,85"),
        ("21.02", ""),
        ("0x15", "105.85"),
    ] {
        let fields = with(with(valid_fields(), "lat", lat), "long", lon);
        post_expect(
            &city,
            &fields,
            StatusCode::BAD_REQUEST,
            "invalid_coordinates",
        )
        .await;
    }
    for (lat, lon) in [("0", "0"), ("10.7769", "106.7009"), ("90", "180")] {
        let fields = with(with(valid_fields(), "lat", lat), "long", lon);
        post_expect(
            &city,
            &fields,
            StatusCode::BAD_REQUEST,
            "location_outside_jurisdiction",
        )
        .await;
    }
    nothing_stored(&city).await;
}

#[tokio::test]
async fn client_request_id_that_is_not_a_uuid() {
    let city = TestCity::start().await;
    for bad in [
        "123",
        "not-a-uuid",
        "7d1d8f5e3f0b4c479d510c3f2f6e8a10",
        "{7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10}",
        "urn:uuid:7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a10",
        "7d1d8f5e-3f0b-4c47-9d51-0c3f2f6e8a1g",
        "' OR '1'='1",
    ] {
        let fields = with(valid_fields(), "client_request_id", bad);
        post_expect(
            &city,
            &fields,
            StatusCode::BAD_REQUEST,
            "invalid_client_request_id",
        )
        .await;
    }
    nothing_stored(&city).await;
}

#[tokio::test]
async fn sql_metacharacters_in_every_field() {
    let city = TestCity::start().await;
    let evil = "x'); DROP TABLE requests; -- \" OR 1=1 /* ; DELETE FROM accounts; %_\\";
    // Where a value must be one of a set, it is refused.
    for (field, status, reason) in [
        ("api_key", StatusCode::FORBIDDEN, "invalid_api_key"),
        (
            "service_code",
            StatusCode::BAD_REQUEST,
            "unknown_service_code",
        ),
        ("lat", StatusCode::BAD_REQUEST, "invalid_coordinates"),
        ("long", StatusCode::BAD_REQUEST, "invalid_coordinates"),
        (
            "client_request_id",
            StatusCode::BAD_REQUEST,
            "invalid_client_request_id",
        ),
        (
            "jurisdiction_id",
            StatusCode::BAD_REQUEST,
            "unknown_jurisdiction",
        ),
        (
            "attribute[urgency]",
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            "attribute[location_source]",
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            "attribute[location_accuracy_m]",
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            "attribute[pin_adjusted]",
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        (
            "attribute[photo_taken_at]",
            StatusCode::BAD_REQUEST,
            "invalid_attribute",
        ),
        ("media_url", StatusCode::BAD_REQUEST, "invalid_parameter"),
    ] {
        post_expect(&city, &with(valid_fields(), field, evil), status, reason).await;
    }
    let r = city
        .http
        .post(city.url("/requests.json"))
        .form(&[
            ("api_key", API_KEY),
            ("service_code", "khac"),
            ("address_string", "x"),
            ("attribute[a'--]", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::BAD_REQUEST, "unknown_attribute").await;
    nothing_stored(&city).await;

    // Free text is stored as text, exactly.
    let mut fields = valid_fields();
    for name in [
        "description",
        "address_string",
        "address_id",
        "email",
        "device_id",
        "account_id",
        "first_name",
        "last_name",
        "phone",
    ] {
        fields = with(fields, name, evil);
    }
    let r = city.post_form("/requests.json", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let id = r.json::<Value>().await.unwrap()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    let got = city.get_json(&format!("/requests/{id}.json")).await;
    assert_eq!(got[0]["description"], evil);
    assert_eq!(got[0]["address"], evil);
    assert_eq!(got[0]["address_id"], evil);
    let personal: String = {
        let conn = rusqlite::Connection::open(city.data_dir().join("city.sqlite3")).unwrap();
        conn.query_row("SELECT personal_json FROM requests", [], |r| r.get(0))
            .unwrap()
    };
    let personal: Value = serde_json::from_str(&personal).unwrap();
    assert_eq!(personal["email"], evil);
    assert_eq!(personal["last_name"], evil);
    assert_eq!(city.stored_requests(), 1);
    assert_eq!(
        city.count("SELECT COUNT(*) FROM sqlite_master WHERE name = 'accounts'"),
        1
    );

    // In query strings too.
    let q = format!(
        "service_code={}&agency_responsible={}",
        urlenc(evil),
        urlenc(evil)
    );
    let r = city.get(&format!("/requests.json?{q}")).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["x-total-count"], "0");
    let r = city
        .get(&format!(
            "/requests.json?service_request_id={}",
            urlenc(evil)
        ))
        .await;
    assert_eq!(r.headers()["x-total-count"], "0");
    for (param, reason) in [
        ("status", "invalid_parameter"),
        ("start_date", "invalid_date"),
        ("page", "invalid_parameter"),
    ] {
        let r = city
            .get(&format!("/requests.json?{param}={}", urlenc(evil)))
            .await;
        assert_error(r, StatusCode::BAD_REQUEST, reason).await;
    }
    let r = city.get(&format!("/requests/{}.json", urlenc(evil))).await;
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = city.get(&format!("/services/{}", urlenc(evil))).await;
    assert_error(r, StatusCode::NOT_FOUND, "not_found").await;
    let r = city
        .get(&format!("/alerts.json?area={}", urlenc(evil)))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(city.stored_requests(), 1);
}

fn urlenc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[tokio::test]
async fn invalid_utf8_in_form_multipart_and_query() {
    let city = TestCity::start().await;
    let raw = |body: Vec<u8>| {
        city.http
            .post(city.url("/requests.json"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    let mut body = b"api_key=test-app-key&service_code=khac&address_string=".to_vec();
    body.extend_from_slice(b"%FF%FE");
    assert_error(
        raw(body).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_utf8",
    )
    .await;
    let mut body = b"api_key=test-app-key&service_code=khac&address_string=".to_vec();
    body.extend_from_slice(&[0xC3, 0x28]);
    assert_error(
        raw(body).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_utf8",
    )
    .await;

    let form = Form::new()
        .text("api_key", API_KEY)
        .text("service_code", "khac")
        .part("address_string", Part::bytes(vec![b'a', 0xFF, b'b']));
    let r = city.post_multipart("/requests.json", form).await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_utf8").await;

    assert_error(
        city.get("/requests.json?service_code=%FF").await,
        StatusCode::BAD_REQUEST,
        "invalid_utf8",
    )
    .await;
    nothing_stored(&city).await;
}

#[tokio::test]
async fn malformed_bodies_and_wrong_content_types() {
    let city = TestCity::start().await;
    let send = |content_type: Option<&'static str>, body: &'static [u8]| {
        let mut req = city.http.post(city.url("/requests.json")).body(body);
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        req.send()
    };
    let json = br#"{"api_key":"test-app-key","service_code":"khac"}"#;
    for ct in [
        Some("application/json"),
        Some("text/plain"),
        Some("image/jpeg"),
        Some("nonsense"),
        None,
    ] {
        assert_error(
            send(ct, json).await.unwrap(),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
        )
        .await;
    }
    // Multipart without a boundary, with a boundary that never appears, truncated.
    assert_error(
        send(Some("multipart/form-data"), b"--x\r\n").await.unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_body",
    )
    .await;
    assert_error(
        send(
            Some("multipart/form-data; boundary=XYZ"),
            b"this is not multipart at all",
        )
        .await
        .unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_body",
    )
    .await;
    let truncated: &'static [u8] =
        b"--XYZ\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\ntest-app-key\r\n--XYZ\r\nContent-Disposition: form-data; name=\"service_code\"\r\n\r\nkh";
    assert_error(
        send(Some("multipart/form-data; boundary=XYZ"), truncated)
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_body",
    )
    .await;
    let nameless: &'static [u8] =
        b"--XYZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XYZ--\r\n";
    assert_error(
        send(Some("multipart/form-data; boundary=XYZ"), nameless)
            .await
            .unwrap(),
        StatusCode::BAD_REQUEST,
        "malformed_body",
    )
    .await;
    // Form-encoded garbage parses to unknown fields: the missing ones are named.
    assert_error(
        send(Some("application/x-www-form-urlencoded"), b"&&==&%%%&=x")
            .await
            .unwrap(),
        StatusCode::FORBIDDEN,
        "invalid_api_key",
    )
    .await;
    nothing_stored(&city).await;
}

#[tokio::test]
async fn fifty_megabyte_body_is_refused() {
    let city = TestCity::start().await;
    let big = vec![b'a'; 50 * 1024 * 1024];
    // With Content-Length: refused before the body is read.
    let mut body = b"api_key=test-app-key&description=".to_vec();
    body.extend_from_slice(&big);
    let r = city
        .http
        .post(city.url("/requests.json"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await;
    match r {
        Ok(r) => {
            assert_error(r, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large").await;
        }
        // The server may close the connection before the client finished writing
        // 50 MB; what matters is that nothing was stored and it still answers.
        Err(e) => assert!(e.is_request() || e.is_body(), "{e}"),
    }
    // Streamed without Content-Length: refused once the limit is crossed.
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> =
        (0..50).map(|_| Ok(vec![b'b'; 1024 * 1024])).collect();
    let stream = futures_util::stream::iter(chunks);
    let r = city
        .http
        .post(city.url("/requests.json"))
        .header("content-type", "multipart/form-data; boundary=XYZ")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await;
    if let Ok(r) = r {
        assert_error(r, StatusCode::PAYLOAD_TOO_LARGE, "body_too_large").await;
    }
    nothing_stored(&city).await;
}

#[tokio::test]
async fn photo_limits_and_file_names() {
    let city = TestCity::start().await;
    let base = [
        ("api_key", API_KEY),
        ("service_code", "giao_thong"),
        ("lat", "21.0287"),
        ("long", "105.8524"),
    ];
    let send = |form: Form| {
        city.http
            .post(city.url("/requests.json"))
            .multipart(form)
            .send()
    };

    // Six photos.
    let mut six = five_small_photos();
    six.push(("extra.jpg", photo("orientation-rotate270.jpg")));
    assert_error(
        send(multipart_with_photos(&base, &six)).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "too_many_photos",
    )
    .await;
    // A real 3.4 MB phone photo: over 2 MB.
    let big = vec![("phone.jpg", photo("phone-12mp-rot6-hanoi.jpg"))];
    assert!(big[0].1.len() > 2 * 1024 * 1024);
    assert_error(
        send(multipart_with_photos(&base, &big)).await.unwrap(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "photo_too_large",
    )
    .await;
    // Not an image, whatever it claims.
    let fake = vec![("fake.jpg", b"<?php system($_GET['c']); ?>".to_vec())];
    assert_error(
        send(multipart_with_photos(&base, &fake)).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_photo",
    )
    .await;
    let empty = vec![("empty.jpg", Vec::new())];
    assert_error(
        send(multipart_with_photos(&base, &empty)).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_photo",
    )
    .await;
    // Path tricks in file names.
    let good = photo("orientation-rotate270.jpg");
    let long_name = format!("{}.jpg", "a".repeat(300));
    for name in [
        "../../etc/passwd.jpg",
        "..\\..\\boot.ini",
        "a/b.jpg",
        "..",
        long_name.as_str(),
    ] {
        let photos = vec![(name, good.clone())];
        let r = send(multipart_with_photos(&base, &photos)).await.unwrap();
        assert_error(r, StatusCode::BAD_REQUEST, "invalid_media_filename").await;
    }
    // Control characters cannot even be part of a header: the part is malformed.
    let photos = vec![("ok\r\n.jpg", good.clone())];
    let r = send(multipart_with_photos(&base, &photos)).await.unwrap();
    assert_error(r, StatusCode::BAD_REQUEST, "malformed_body").await;
    // A file part under another name.
    let form = multipart_with_photos(&base, &[])
        .part("avatar", Part::bytes(good.clone()).file_name("a.jpg"));
    assert_error(
        send(form).await.unwrap(),
        StatusCode::BAD_REQUEST,
        "invalid_parameter",
    )
    .await;
    nothing_stored(&city).await;
    // Nothing escaped the media directory either.
    assert!(!city.root().join("etc").exists());
}

#[tokio::test]
async fn server_survives_a_burst_of_garbage() {
    let city = TestCity::start().await;
    let mut tasks = Vec::new();
    for i in 0..40u8 {
        let http = city.http.clone();
        let url = city.url("/requests.json");
        tasks.push(tokio::spawn(async move {
            let body: Vec<u8> = (0..4096u32)
                .map(|j| (j as u8).wrapping_mul(31).wrapping_add(i))
                .collect();
            let ct = [
                "multipart/form-data; boundary=Q",
                "application/x-www-form-urlencoded",
                "text/html",
            ][i as usize % 3];
            http.post(url)
                .header("content-type", ct)
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
        }));
    }
    for t in tasks {
        let status = t.await.unwrap();
        assert!(status.is_client_error(), "{status}");
    }
    nothing_stored(&city).await;
}
