//! `GET /services` and `GET /services/{code}`, with ETags.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

use crate::catalog::forms;
use crate::http::ApiError;
use crate::http::body::parse_query;
use crate::http::error::ApiResult;
use crate::http::{etag, format};
use crate::server::AppState;

pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    super::check_get(&state, &parse_query(q.as_deref())?, &[], &[])?;
    let (body, tag) = if state.config.profile.extensions() {
        state.services.list_json()
    } else {
        state.services.plain_list_json()
    };
    if state.config.profile.city_forms {
        // The services with a form of the city's own are marked as such.
        let mut list: serde_json::Value =
            serde_json::from_slice(&body).map_err(|_| ApiError::internal())?;
        for service in list.as_array_mut().into_iter().flatten() {
            let code = service["service_code"].as_str().unwrap_or_default();
            if !forms::definitions(code).is_empty() {
                service["metadata"] = true.into();
            }
        }
        let body: axum::body::Bytes = serde_json::to_vec(&list)
            .map_err(|_| ApiError::internal())?
            .into();
        let tag = etag::of(&body);
        return Ok(etag::json_response(&headers, &tag, body));
    }
    Ok(etag::json_response(&headers, tag, body))
}

pub async fn definition(
    State(state): State<Arc<AppState>>,
    Path(segment): Path<String>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    super::check_get(&state, &parse_query(q.as_deref())?, &[], &[])?;
    let code = format::strip_suffix(&segment)?;
    let missing = || ApiError::not_found("loại phản ánh", "Service");
    let profile = state.config.profile;
    if profile.city_forms {
        state.services.get(code).ok_or_else(missing)?;
        let mut attributes = if profile.extensions() {
            crate::catalog::attributes::definitions()
                .as_array()
                .cloned()
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        attributes.extend(forms::definitions(code));
        if attributes.is_empty() {
            return Err(missing());
        }
        let body: axum::body::Bytes = serde_json::to_vec(
            &serde_json::json!({"service_code": code, "attributes": attributes}),
        )
        .map_err(|_| ApiError::internal())?
        .into();
        let tag = etag::of(&body);
        return Ok(etag::json_response(&headers, &tag, body));
    }
    if !profile.extensions() {
        // A plain server's services have no metadata: nothing to define.
        return Err(missing());
    }
    let (body, tag) = state.services.definition_json(code).ok_or_else(missing)?;
    Ok(etag::json_response(&headers, tag, body))
}
