//! Reading the server's answer safely: at most a fixed number of bytes (after
//! gzip decoding, so a compression bomb is cut off too), JSON only from a JSON
//! answer, and the API's error array turned into [`TransportError::Status`].

use std::time::{Duration, SystemTime};

use reqwest::header::{self, HeaderMap};
use serde::Deserialize;
use serde::de::DeserializeOwned;

use crate::net::transport::TransportError;

/// Answers this call accepts at most (the API's documents are small; lists are
/// paged). Larger answers are refused without being held in memory.
pub const DEFAULT_RESPONSE_LIMIT: u64 = 4 * 1024 * 1024;

/// An answer read in full, within its limit.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Answer {
    /// Read `response` with at most `limit` body bytes.
    pub(crate) async fn read(
        mut response: reqwest::Response,
        limit: u64,
    ) -> Result<Self, TransportError> {
        let status = response.status().as_u16();
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(TransportError::ResponseTooLarge { limit });
        }
        let headers = response.headers().clone();
        let mut body =
            Vec::with_capacity(response.content_length().unwrap_or(0).min(64 * 1024) as usize);
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(TransportError::from_reqwest)?
        {
            if body.len() as u64 + chunk.len() as u64 > limit {
                return Err(TransportError::ResponseTooLarge { limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Answer {
            status,
            headers,
            body,
        })
    }

    /// A 200 JSON answer with `body`, for the parsers' unit tests.
    #[cfg(test)]
    pub(crate) fn json_for_tests(body: &str) -> Answer {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            header::CONTENT_TYPE,
            reqwest::header::HeaderValue::from_static("application/json"),
        );
        Answer {
            status: 200,
            headers,
            body: body.as_bytes().to_vec(),
        }
    }

    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn content_type(&self) -> String {
        self.header(header::CONTENT_TYPE.as_str())
            .unwrap_or("no content type")
            .to_owned()
    }

    /// Whether the answer says it is JSON (`application/json`, `…+json`).
    pub fn is_json(&self) -> bool {
        self.header(header::CONTENT_TYPE.as_str())
            .and_then(|ct| ct.split(';').next())
            .map(|mime| {
                let mime = mime.trim().to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false)
    }

    /// A success answer's JSON body as `T`; any other answer as a typed error.
    pub fn json<T: DeserializeOwned>(self) -> Result<T, TransportError> {
        let answer = self.success()?;
        if !answer.is_json() {
            return Err(answer.unexpected());
        }
        serde_json::from_slice(&answer.body).map_err(|e| TransportError::InvalidJson {
            status: answer.status,
            detail: e.to_string(),
        })
    }

    /// This answer if it is a success; otherwise the error it carries.
    pub fn success(self) -> Result<Self, TransportError> {
        if self.is_success() {
            Ok(self)
        } else {
            Err(self.into_error())
        }
    }

    fn unexpected(&self) -> TransportError {
        TransportError::UnexpectedAnswer {
            status: self.status,
            content_type: self.content_type(),
        }
    }

    /// A non-success answer as an error: the API's error array when it is one,
    /// [`TransportError::UnexpectedAnswer`] for a page that is not the API's.
    pub fn into_error(self) -> TransportError {
        let status_error = |description: String| TransportError::Status {
            status: self.status,
            reason: String::new(),
            description,
            retry_after: self.retry_after(SystemTime::now()),
        };
        if (300..400).contains(&self.status) || !self.is_json() {
            // 429 and 503 from a proxy still say "later", even without JSON.
            if matches!(self.status, 429 | 503) {
                return status_error(String::new());
            }
            // A reachable server's own 4xx page (a framework's "Not Found",
            // "Bad Request: …") is the server speaking, not a Wi-Fi login:
            // portals redirect, answer 511, or serve their page as a success.
            if (400..500).contains(&self.status) && self.status != 407 {
                return status_error(plain_text(&self.body));
            }
            return self.unexpected();
        }
        let (reason, description) = error_body(&self.body);
        TransportError::Status {
            status: self.status,
            reason,
            description,
            retry_after: self.retry_after(SystemTime::now()),
        }
    }

    /// `Retry-After` as a delay. The HTTP-date form is measured against the
    /// answer's own `Date` header when present, so a phone whose clock is hours
    /// off still waits what the server meant.
    pub fn retry_after(&self, now: SystemTime) -> Option<Duration> {
        let value = self.header(header::RETRY_AFTER.as_str())?.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(Duration::from_secs(seconds));
        }
        let at = httpdate::parse_http_date(value).ok()?;
        let reference = self
            .header(header::DATE.as_str())
            .and_then(|d| httpdate::parse_http_date(d).ok())
            .unwrap_or(now);
        Some(at.duration_since(reference).unwrap_or(Duration::ZERO))
    }
}

/// One element of the standard's error array, or the one error object some
/// servers write (`{"code", "detail"}`, `{"message"}`, `{"error"}`).
#[derive(Debug, Deserialize)]
struct ApiError {
    #[serde(default, alias = "detail", alias = "message", alias = "error")]
    description: serde_json::Value,
    #[serde(default)]
    reason: Option<String>,
}

/// (reason, description) of a JSON error body in any of the shapes servers use.
fn error_body(body: &[u8]) -> (String, String) {
    let error = serde_json::from_slice::<Vec<ApiError>>(body)
        .ok()
        .and_then(|errors| errors.into_iter().next())
        .or_else(|| serde_json::from_slice::<ApiError>(body).ok());
    match error {
        Some(error) => {
            let description = match error.description {
                serde_json::Value::String(text) => text,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            (error.reason.unwrap_or_default(), description)
        }
        None => (String::new(), String::new()),
    }
}

/// The text of a non-JSON error page, tags dropped, cut short: what the
/// server said, for the resident and the log.
fn plain_text(body: &[u8]) -> String {
    const MAX_CHARS: usize = 300;
    let text = String::from_utf8_lossy(body);
    let mut out = String::new();
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    words.join(" ").chars().take(MAX_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn answer(status: u16, headers: &[(&'static str, &str)], body: &str) -> Answer {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.insert(*name, HeaderValue::from_str(value).unwrap());
        }
        Answer {
            status,
            headers: map,
            body: body.as_bytes().to_vec(),
        }
    }

    const JSON: (&str, &str) = ("content-type", "application/json; charset=utf-8");

    #[test]
    fn the_error_array_becomes_a_status_error_with_reason() {
        let error = answer(
            400,
            &[JSON],
            r#"[{"code":400,"description":"Mô tả dài quá — too long","reason":"description_too_long"}]"#,
        )
        .into_error();
        assert_eq!(
            error,
            TransportError::Status {
                status: 400,
                reason: "description_too_long".into(),
                description: "Mô tả dài quá — too long".into(),
                retry_after: None,
            }
        );
        assert_eq!(error.api_reason(), Some("description_too_long"));
    }

    #[test]
    fn a_captive_portal_page_is_not_mistaken_for_the_api() {
        let html = "<html><body>Đăng nhập Wi-Fi</body></html>";
        for status in [200, 302, 511] {
            let error = answer(status, &[("content-type", "text/html")], html)
                .json::<serde_json::Value>()
                .unwrap_err();
            assert!(
                matches!(error, TransportError::UnexpectedAnswer { .. }),
                "{status}: {error:?}"
            );
        }
    }

    #[test]
    fn a_servers_own_4xx_is_its_word_not_a_portal_guess() {
        let error = answer(
            404,
            &[("content-type", "text/html")],
            "<html><body><h1>Not Found</h1></body></html>",
        )
        .into_error();
        assert!(
            matches!(&error, TransportError::Status { status: 404, description, .. } if description == "Not Found"),
            "{error:?}"
        );
        assert!(!error.to_string().contains("Wi-Fi"), "{error}");
        let object = answer(
            400,
            &[JSON],
            r#"{"code":400,"detail":"unexpected entries: client_request_id"}"#,
        )
        .into_error();
        assert!(
            matches!(&object, TransportError::Status { description, .. } if description == "unexpected entries: client_request_id"),
            "{object:?}"
        );
        assert!(
            object.to_string().contains("unexpected entries"),
            "{object}"
        );
    }

    #[test]
    fn garbage_json_is_a_typed_error() {
        let error = answer(200, &[JSON], "[{\"service_request_id\": ")
            .json::<Vec<serde_json::Value>>()
            .unwrap_err();
        assert!(matches!(
            error,
            TransportError::InvalidJson { status: 200, .. }
        ));
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date_against_the_server_clock() {
        let now = SystemTime::now();
        let seconds = answer(429, &[("retry-after", "120")], "");
        assert_eq!(seconds.retry_after(now), Some(Duration::from_secs(120)));
        // The phone's clock is a day ahead; the server's Date header is the reference.
        let dated = answer(
            503,
            &[
                ("retry-after", "Thu, 26 Nov 2026 08:05:00 GMT"),
                ("date", "Thu, 26 Nov 2026 08:00:00 GMT"),
            ],
            "",
        );
        let skewed_now = now + Duration::from_secs(86_400);
        assert_eq!(
            dated.retry_after(skewed_now),
            Some(Duration::from_secs(300))
        );
        assert_eq!(
            answer(503, &[("retry-after", "soon")], "").retry_after(now),
            None
        );
    }
}
