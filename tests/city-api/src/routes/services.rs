//! `GET /services` and `GET /services/{code}`, with ETags.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;

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
    if !state.config.profile.extensions() {
        // A plain server's services have no metadata: nothing to define.
        return Err(missing());
    }
    let (body, tag) = state.services.definition_json(code).ok_or_else(missing)?;
    Ok(etag::json_response(&headers, tag, body))
}
