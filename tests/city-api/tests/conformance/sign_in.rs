//! Resident sign-in: phone → one-time code → tokens; refresh with rotation;
//! sign-out; expired and forged tokens; reports linked to the account.

use reqwest::StatusCode;
use serde_json::Value;

use crate::common::*;

const PHONE: &str = "0912 345 678";

async fn code_for(city: &TestCity, phone: &str) -> String {
    let r = city
        .post_form("/auth/code", &[("api_key", API_KEY), ("phone", phone)])
        .await;
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let body: Value = r.json().await.unwrap();
    assert_eq!(body["phone"], "+84912345678");
    assert_eq!(body["expires_in"], 300);
    let r = city
        .http
        .get(city.url("/officials/sign-in-codes/+84912345678"))
        .header("X-Official-Key", OFFICIAL_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: Value = r.json().await.unwrap();
    body["code"].as_str().unwrap().to_owned()
}

async fn redeem(city: &TestCity, phone: &str, code: &str) -> reqwest::Response {
    let fields = [
        ("api_key", API_KEY),
        ("grant_type", "one_time_code"),
        ("phone", phone),
        ("code", code),
    ];
    city.post_form("/auth/token", &fields).await
}

async fn refresh_tokens(city: &TestCity, refresh_token: &str) -> reqwest::Response {
    let fields = [
        ("api_key", API_KEY),
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token),
    ];
    city.post_form("/auth/token", &fields).await
}

pub async fn sign_in(city: &TestCity) -> Value {
    let code = code_for(city, PHONE).await;
    let r = redeem(city, PHONE, &code).await;
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn full_sign_in_refresh_and_sign_out() {
    let city = TestCity::start().await;
    let code = code_for(&city, PHONE).await;
    assert_eq!(code.len(), 6);

    // A wrong code first.
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = redeem(&city, PHONE, wrong).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_code").await;

    let r = redeem(&city, PHONE, &code).await;
    assert_eq!(r.status(), StatusCode::OK);
    let tokens: Value = r.json().await.unwrap();
    assert_eq!(tokens["token_type"], "Bearer");
    let access = tokens["access_token"].as_str().unwrap().to_owned();
    let refresh = tokens["refresh_token"].as_str().unwrap().to_owned();
    assert_eq!(access.len(), 64);

    // The code is used up.
    let r = redeem(&city, PHONE, &code).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "code_expired").await;

    // A report made while signed in belongs to the account.
    let r = city
        .http
        .post(city.url("/requests.json"))
        .bearer_auth(&access)
        .form(&[
            ("api_key", API_KEY),
            ("service_code", "khac"),
            ("address_string", "Ngõ 1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let created: Value = r.json().await.unwrap();
    assert_eq!(created[0]["account_id"], tokens["account_id"]);
    city.create(&[]).await; // someone else's
    let mine: Value = json_of(
        city.http
            .get(city.url("/requests.json?mine=true"))
            .bearer_auth(&access),
    )
    .await;
    assert_eq!(mine.as_array().unwrap().len(), 1);
    assert_error(
        city.get("/requests.json?mine=true").await,
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;

    // Refresh rotates: the new pair works, the old pair does not.
    let r = refresh_tokens(&city, &refresh).await;
    assert_eq!(r.status(), StatusCode::OK);
    let rotated: Value = r.json().await.unwrap();
    let access2 = rotated["access_token"].as_str().unwrap().to_owned();
    assert_ne!(access2, access);
    let r = refresh_tokens(&city, &refresh).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_token").await;
    let r = city
        .http
        .get(city.url("/requests.json?mine=true"))
        .bearer_auth(&access)
        .send()
        .await
        .unwrap();
    let e = r.headers()["www-authenticate"].to_str().unwrap().to_owned();
    assert!(e.starts_with("Bearer"));
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_token").await;

    // Sign-out kills the session.
    let r = city
        .http
        .post(city.url("/auth/sign-out"))
        .bearer_auth(&access2)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = city
        .http
        .get(city.url("/requests.json?mine=true"))
        .bearer_auth(&access2)
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_token").await;
    let r = refresh_tokens(&city, rotated["refresh_token"].as_str().unwrap()).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_token").await;
}

#[tokio::test]
async fn expired_and_forged_tokens_are_refused_and_nothing_is_stored() {
    let city = TestCity::start_with(|c| {
        c.access_token_ttl = std::time::Duration::ZERO;
        c.refresh_token_ttl = std::time::Duration::ZERO;
    })
    .await;
    let tokens = sign_in(&city).await;
    let access = tokens["access_token"].as_str().unwrap();
    let post = |auth: String| {
        city.http
            .post(city.url("/requests.json"))
            .header("Authorization", auth)
            .form(&[
                ("api_key", API_KEY),
                ("service_code", "khac"),
                ("address_string", "Ngõ 1"),
            ])
            .send()
    };
    assert_error(
        post(format!("Bearer {access}")).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "token_expired",
    )
    .await;
    let forged = "f".repeat(64);
    assert_error(
        post(format!("Bearer {forged}")).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    assert_error(
        post("Basic dXNlcjpwYXNz".into()).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    assert_error(
        post("Bearer ".into()).await.unwrap(),
        StatusCode::UNAUTHORIZED,
        "invalid_token",
    )
    .await;
    let r = refresh_tokens(&city, tokens["refresh_token"].as_str().unwrap()).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "token_expired").await;
    assert_eq!(city.stored_requests(), 0);
}

#[tokio::test]
async fn sign_in_errors() {
    let city = TestCity::start_with(|c| c.limits.codes_per_phone_per_hour = 2).await;
    let r = city.post_form("/auth/code", &[("phone", PHONE)]).await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_api_key").await;
    let r = city
        .post_form("/auth/code", &[("api_key", API_KEY), ("phone", "12345")])
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_phone").await;
    let r = city.post_form("/auth/code", &[("api_key", API_KEY)]).await;
    assert_error(r, StatusCode::BAD_REQUEST, "missing_parameter").await;
    let r = redeem(&city, "0987654321", "123456").await;
    assert_error(r, StatusCode::UNAUTHORIZED, "code_expired").await;
    let r = city
        .post_form(
            "/auth/token",
            &[("api_key", API_KEY), ("grant_type", "password")],
        )
        .await;
    assert_error(r, StatusCode::BAD_REQUEST, "invalid_parameter").await;

    let r = city
        .http
        .post(city.url("/auth/sign-out"))
        .send()
        .await
        .unwrap();
    assert_error(r, StatusCode::UNAUTHORIZED, "invalid_token").await;

    // Two codes an hour for this test server, then 429 with Retry-After.
    let first = code_for(&city, PHONE).await;
    let second = code_for(&city, PHONE).await;
    let _ = (first, second);
    let r = city
        .post_form("/auth/code", &[("api_key", API_KEY), ("phone", PHONE)])
        .await;
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=3600).contains(&retry));
    assert_error(r, StatusCode::TOO_MANY_REQUESTS, "too_many_codes").await;

    // Five wrong tries withdraw the code, even the right one after them.
    let code = {
        let r = city
            .http
            .get(city.url("/officials/sign-in-codes/0912345678"))
            .header("X-Official-Key", OFFICIAL_KEY)
            .send()
            .await
            .unwrap();
        r.json::<Value>().await.unwrap()["code"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let r = redeem(&city, PHONE, wrong).await;
        assert_error(r, StatusCode::UNAUTHORIZED, "invalid_code").await;
    }
    let r = redeem(&city, PHONE, &code).await;
    assert_error(r, StatusCode::UNAUTHORIZED, "code_expired").await;
}

#[tokio::test]
async fn codes_are_served_only_to_an_official_key_in_development_mode() {
    // Outside development mode: tests/conformance/security.rs (the SMS path).
    let dev = TestCity::start().await;
    let r = dev.get("/officials/sign-in-codes/0912345678").await;
    assert_error(r, StatusCode::FORBIDDEN, "invalid_official_key").await;
}
