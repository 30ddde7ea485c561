//! The shapes a profile changes in every JSON answer, in one place rather than
//! in each handler: ids as numbers, errors as one object, no `reason`
//! extension in a plain server's errors (docs/city-api.md § Server profiles).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Value, json};

use crate::profile::Profile;
use crate::server::AppState;

/// JSON answers are small (lists are paged); anything larger passes unchanged.
const MAX_RESHAPED_BYTES: usize = 16 * 1024 * 1024;

pub async fn as_profile(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let profile = state.config.profile;
    if !(profile.numeric_ids || profile.object_errors || profile.plain) {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_RESHAPED_BYTES).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    let is_error = parts.status.is_client_error() || parts.status.is_server_error();
    let reshaped = reshape(value, is_error, &profile);
    parts.headers.remove(header::CONTENT_LENGTH);
    let body = serde_json::to_vec(&reshaped).unwrap_or_else(|_| bytes.to_vec());
    Response::from_parts(parts, Body::from(body))
}

/// One JSON answer as `profile` writes it.
pub fn reshape(mut value: Value, is_error: bool, profile: &Profile) -> Value {
    if is_error {
        if profile.plain {
            for item in value.as_array_mut().into_iter().flatten() {
                if let Some(map) = item.as_object_mut() {
                    map.remove("reason");
                }
            }
        }
        if profile.object_errors
            && let Some(first) = value.as_array().and_then(|a| a.first())
        {
            return json!({ "code": first["code"], "detail": first["description"] });
        }
        return value;
    }
    if profile.numeric_ids {
        match &mut value {
            Value::Array(items) => items.iter_mut().for_each(ids_as_numbers),
            other => ids_as_numbers(other),
        }
    }
    value
}

fn ids_as_numbers(item: &mut Value) {
    let Some(map) = item.as_object_mut() else {
        return;
    };
    for key in ["service_request_id", "update_id"] {
        if let Some(number) = map
            .get(key)
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<i64>().ok())
        {
            map.insert(key.to_owned(), json!(number));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_errors_and_reasons_follow_the_profile() {
        let numeric = Profile::parse("numeric-ids").unwrap();
        assert_eq!(
            reshape(
                json!([{"service_request_id": "12", "token": "7"}]),
                false,
                &numeric
            ),
            json!([{"service_request_id": 12, "token": "7"}])
        );
        let error = json!([{"code": 400, "description": "x — y", "reason": "r"}]);
        let object = Profile::parse("object-errors").unwrap();
        assert_eq!(
            reshape(error.clone(), true, &object),
            json!({"code": 400, "detail": "x — y"})
        );
        let plain = Profile::parse("plain").unwrap();
        assert_eq!(
            reshape(error, true, &plain),
            json!([{"code": 400, "description": "x — y"}])
        );
    }
}
