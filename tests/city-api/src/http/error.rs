//! Errors as the standard's array of `{code, description}`, plus the `reason`
//! extension clients branch on. Descriptions are Vietnamese first, then English.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    /// Stable machine-readable cause (docs/city-api.md § Errors).
    pub reason: &'static str,
    pub vi: String,
    pub en: String,
    pub retry_after_s: Option<u64>,
    /// 401s carry `WWW-Authenticate: Bearer error="invalid_token"`.
    pub bearer_challenge: bool,
}

pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(
        status: StatusCode,
        reason: &'static str,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        ApiError {
            status,
            reason,
            vi: vi.into(),
            en: en.into(),
            retry_after_s: None,
            bearer_challenge: false,
        }
    }

    pub fn bad_request(reason: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, reason, vi, en)
    }

    pub fn missing(field: &str) -> Self {
        ApiError::bad_request(
            "missing_parameter",
            format!("Thiếu trường bắt buộc \"{field}\"."),
            format!("Required field \"{field}\" is missing."),
        )
    }

    pub fn invalid(field: &str, why_en: &str) -> Self {
        ApiError::bad_request(
            "invalid_parameter",
            format!("Giá trị của \"{field}\" không hợp lệ."),
            format!("Invalid value for \"{field}\": {why_en}."),
        )
    }

    pub fn invalid_utf8(field: &str) -> Self {
        ApiError::bad_request(
            "invalid_utf8",
            format!("\"{field}\" không phải văn bản UTF-8 hợp lệ."),
            format!("\"{field}\" is not valid UTF-8."),
        )
    }

    pub fn malformed(why_en: &str) -> Self {
        ApiError::bad_request(
            "malformed_body",
            "Nội dung yêu cầu bị lỗi định dạng.",
            format!("Malformed request body: {why_en}."),
        )
    }

    pub fn invalid_date(field: &str) -> Self {
        ApiError::bad_request(
            "invalid_date",
            format!("\"{field}\" phải là thời gian dạng 2026-11-26T14:05:00+07:00."),
            format!(
                "\"{field}\" must be a W3C date-time with a zone, e.g. 2026-11-26T14:05:00+07:00."
            ),
        )
    }

    pub fn not_found(what_vi: &str, what_en: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("Không tìm thấy {what_vi}."),
            format!("{what_en} not found."),
        )
    }

    pub fn invalid_api_key() -> Self {
        ApiError::new(
            StatusCode::FORBIDDEN,
            "invalid_api_key",
            "api_key không hợp lệ hoặc bị thiếu.",
            "Invalid or missing api_key.",
        )
    }

    pub fn unauthorized(reason: &'static str, vi: &str, en: &str) -> Self {
        let mut e = ApiError::new(StatusCode::UNAUTHORIZED, reason, vi, en);
        e.bearer_challenge = matches!(reason, "invalid_token" | "token_expired");
        e
    }

    pub fn body_too_large(limit: usize) -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            format!("Yêu cầu lớn quá {limit} byte."),
            format!("Request body larger than {limit} bytes."),
        )
    }

    pub fn rate_limited(reason: &'static str, retry_after_s: u64) -> Self {
        let mut e = ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            reason,
            format!("Quá nhiều yêu cầu, hãy thử lại sau {retry_after_s} giây."),
            format!("Too many requests; retry after {retry_after_s} s."),
        );
        e.retry_after_s = Some(retry_after_s);
        e
    }

    pub fn conflict(reason: &'static str, vi: impl Into<String>, en: impl Into<String>) -> Self {
        ApiError::new(StatusCode::CONFLICT, reason, vi, en)
    }

    pub fn internal() -> Self {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Lỗi máy chủ; yêu cầu chưa được lưu.",
            "Server error; nothing was stored.",
        )
    }

    /// The generic error for a status produced outside our handlers (unknown path,
    /// wrong method, a rejection of the HTTP layer).
    pub fn for_status(status: StatusCode) -> Self {
        match status {
            StatusCode::NOT_FOUND => ApiError::not_found("đường dẫn", "Path"),
            StatusCode::METHOD_NOT_ALLOWED => ApiError::new(
                status,
                "method_not_allowed",
                "Phương thức không được hỗ trợ ở đường dẫn này.",
                "Method not allowed on this path.",
            ),
            StatusCode::PAYLOAD_TOO_LARGE => ApiError::new(
                status,
                "body_too_large",
                "Yêu cầu quá lớn.",
                "Request body too large.",
            ),
            StatusCode::UNSUPPORTED_MEDIA_TYPE => unsupported_media_type(),
            s if s.is_client_error() => ApiError::new(
                s,
                "invalid_parameter",
                "Yêu cầu không hợp lệ.",
                "Bad request.",
            ),
            _ => ApiError::internal(),
        }
    }

    pub fn body(&self) -> serde_json::Value {
        serde_json::json!([{
            "code": self.status.as_u16(),
            "description": format!("{} — {}", self.vi, self.en),
            "reason": self.reason,
        }])
    }
}

pub fn unsupported_media_type() -> ApiError {
    ApiError::new(
        StatusCode::UNSUPPORTED_MEDIA_TYPE,
        "unsupported_media_type",
        "Chỉ nhận application/x-www-form-urlencoded hoặc multipart/form-data.",
        "Only application/x-www-form-urlencoded or multipart/form-data bodies are accepted.",
    )
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}: {}", self.status.as_u16(), self.reason, self.en)
    }
}

impl std::error::Error for ApiError {}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, axum::Json(self.body())).into_response();
        let headers = response.headers_mut();
        if let Some(secs) = self.retry_after_s {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        if self.bearer_challenge {
            let value = format!(
                "Bearer error=\"{}\"",
                if self.reason == "token_expired" {
                    "invalid_token\", error_description=\"expired"
                } else {
                    "invalid_token"
                }
            );
            if let Ok(v) = HeaderValue::from_str(&value) {
                headers.insert(header::WWW_AUTHENTICATE, v);
            }
        }
        response
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        tracing::error!(%error, "database error");
        ApiError::internal()
    }
}

impl From<std::io::Error> for ApiError {
    fn from(error: std::io::Error) -> Self {
        tracing::error!(%error, "file system error");
        ApiError::internal()
    }
}
