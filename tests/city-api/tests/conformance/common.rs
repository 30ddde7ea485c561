//! Helpers shared by the conformance tests: a server per test, the test photos, and
//! checks of the standard's JSON shapes.

use std::ops::Deref;

use ihanoi_city_api::CityConfig;
use reqwest::multipart::{Form, Part};
use reqwest::{Response, StatusCode};
use serde_json::Value;

pub use ihanoi_test_kit::city::ward_catalog as areas;
pub use ihanoi_test_kit::{API_KEY, OFFICIAL_KEY, wards_geojson};

/// Hoàn Kiếm Lake: Phường Hoàn Kiếm.
pub const HOAN_KIEM: (f64, f64) = (21.0287, 105.8524);

pub fn photo(name: &str) -> Vec<u8> {
    let path = ihanoi_test_kit::shared_photo(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("test photo {}: {e}", path.display()))
}

/// Five real photos, each under the 2 MB limit.
pub fn five_small_photos() -> Vec<(&'static str, Vec<u8>)> {
    [
        "iphone4s-gps-small.jpg",
        "nikon-photoshop-edited.jpg",
        "nokia-lumia-gps.jpg",
        "orientation-mirror-vertical.jpg",
        "orientation-rotate270.jpg",
    ]
    .into_iter()
    .map(|n| (n, photo(n)))
    .collect()
}

/// The test kit's server, with the calls the conformance tests make on it
/// (paths relative to the server, raw responses for the error checks).
pub struct TestCity(ihanoi_test_kit::TestCity);

impl Deref for TestCity {
    type Target = ihanoi_test_kit::TestCity;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl TestCity {
    pub async fn start() -> Self {
        Self::start_with(|_| {}).await
    }

    pub async fn start_with(adjust: impl FnOnce(&mut CityConfig)) -> Self {
        TestCity(ihanoi_test_kit::TestCity::start_with(|_, config| adjust(config)).await)
    }

    /// Stop the server; its temp dir (data in `city/`) comes back.
    pub async fn shutdown(self) -> tempfile::TempDir {
        self.0.shutdown().await
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.0.url(), path)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.http.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_json(&self, path: &str) -> Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), StatusCode::OK, "GET {path}");
        r.json().await.unwrap()
    }

    pub async fn post_form<T: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        fields: &T,
    ) -> Response {
        self.http
            .post(self.url(path))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn post_multipart(&self, path: &str, form: Form) -> Response {
        self.http
            .post(self.url(path))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// POST /requests.json form-encoded with the app key and a Hanoi location.
    pub async fn create(&self, extra: &[(&str, &str)]) -> Value {
        let lat = HOAN_KIEM.0.to_string();
        let lon = HOAN_KIEM.1.to_string();
        let mut fields = vec![
            ("api_key", API_KEY),
            ("service_code", "ve_sinh_moi_truong"),
            ("lat", lat.as_str()),
            ("long", lon.as_str()),
            ("description", "Rác thải ở ngõ 5"),
        ];
        for (k, v) in extra {
            fields.retain(|(name, _)| name != k);
            fields.push((k, v));
        }
        let r = self.post_form("/requests.json", &fields).await;
        assert_eq!(r.status(), StatusCode::OK);
        let body: Value = r.json().await.unwrap();
        body[0].clone()
    }

    pub async fn official(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        self.http
            .post(self.url(path))
            .header("X-Official-Key", OFFICIAL_KEY)
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Reports stored, counted straight from the SQLite file.
    pub fn stored_requests(&self) -> i64 {
        self.count("SELECT COUNT(*) FROM requests")
    }

    pub fn count(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(self.data_dir().join("city.sqlite3")).unwrap();
        conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    /// Files in the media directory.
    pub fn stored_files(&self) -> usize {
        std::fs::read_dir(self.data_dir().join("media"))
            .unwrap()
            .count()
    }

    /// The server still answers.
    pub async fn assert_alive(&self) {
        let r = self.get("/services.json").await;
        assert_eq!(r.status(), StatusCode::OK, "server still up");
    }
}

/// Send a prepared request and read its JSON body (status not checked).
pub async fn json_of(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

pub fn multipart_with_photos(fields: &[(&str, &str)], photos: &[(&str, Vec<u8>)]) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in photos {
        form = form.part(
            "media[]",
            Part::bytes(bytes.clone())
                .file_name(name.to_string())
                .mime_str("image/jpeg")
                .unwrap(),
        );
    }
    form
}

/// The standard's error array with our `reason`; returns the element.
pub async fn assert_error(response: Response, status: StatusCode, reason: &str) -> Value {
    assert_eq!(response.status(), status, "status for {reason}");
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_owned();
    assert!(
        content_type.starts_with("application/json"),
        "error as JSON, got {content_type}"
    );
    let body: Value = response.json().await.unwrap();
    let items = body.as_array().expect("errors are an array");
    assert_eq!(items.len(), 1);
    let e = &items[0];
    assert_eq!(e["code"], status.as_u16(), "code is the HTTP status");
    let description = e["description"].as_str().expect("description is a string");
    assert!(
        description.contains(" — "),
        "Vietnamese — English: {description}"
    );
    assert_eq!(e["reason"], reason, "{description}");
    e.clone()
}

fn is_w3c(v: &Value) -> bool {
    v.as_str()
        .is_some_and(|s| ihanoi_city_api::time::w3c::parse(s).is_some())
}

fn is_str_or_null(v: &Value) -> bool {
    v.is_string() || v.is_null()
}

/// GeoReport v2 `GET /services` element.
pub fn check_service_shape(s: &Value) {
    for key in [
        "service_code",
        "service_name",
        "description",
        "keywords",
        "group",
        "type",
    ] {
        assert!(s[key].is_string(), "service.{key}: {s}");
    }
    assert!(s["metadata"].is_boolean());
    assert!(["realtime", "batch", "blackbox"].contains(&s["type"].as_str().unwrap()));
}

/// GeoReport v2 service request element (GET /requests).
pub fn check_request_shape(r: &Value) {
    assert!(r["service_request_id"].is_string(), "{r}");
    assert!(["open", "closed"].contains(&r["status"].as_str().unwrap()));
    for key in [
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "address",
        "address_id",
        "zipcode",
        "media_url",
    ] {
        assert!(
            is_str_or_null(&r[key]),
            "request.{key} is string or null: {r}"
        );
        assert!(r.get(key).is_some(), "request.{key} present");
    }
    assert!(is_w3c(&r["requested_datetime"]));
    assert!(is_w3c(&r["updated_datetime"]));
    assert!(r["expected_datetime"].is_null() || is_w3c(&r["expected_datetime"]));
    assert!(r["lat"].is_number() || r["lat"].is_null());
    assert!(r["long"].is_number() || r["long"].is_null());
    // Extensions.
    assert!(r["media_urls"].is_array());
    assert!(r["overdue"].is_boolean());
    assert!(r["detailed_status"].is_string());
}

/// FixMyStreet `servicerequestupdates` element.
pub fn check_update_shape(u: &Value) {
    for key in ["update_id", "service_request_id", "status", "description"] {
        assert!(u[key].is_string(), "update.{key}: {u}");
    }
    assert!(is_w3c(&u["updated_datetime"]));
    assert!(is_str_or_null(&u["media_url"]));
    assert!(u["media_urls"].is_array());
}
