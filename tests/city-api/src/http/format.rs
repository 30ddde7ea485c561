//! The standard's format suffix: `/services.json`, `/requests/{id}.json`. JSON is
//! the only format; `.xml` gets a 400 with the error array as JSON (docs/city-api.md
//! § Conventions).

use super::error::{ApiError, ApiResult};

pub fn xml_not_supported() -> ApiError {
    ApiError::bad_request(
        "format_not_supported",
        "Chỉ hỗ trợ định dạng JSON (.json).",
        "Only JSON is supported: use .json or no suffix.",
    )
}

/// Handler for every `*.xml` path.
pub async fn xml_handler() -> ApiError {
    xml_not_supported()
}

/// A path segment without its format suffix: `42.json` → `42`; `42.xml` → 400.
pub fn strip_suffix(segment: &str) -> ApiResult<&str> {
    if let Some(stem) = segment.strip_suffix(".json") {
        Ok(stem)
    } else if segment.ends_with(".xml") {
        Err(xml_not_supported())
    } else {
        Ok(segment)
    }
}
