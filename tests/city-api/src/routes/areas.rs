//! `GET /areas`: the units as GeoJSON with a version and an ETag.

use std::sync::Arc;

use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue};
use axum::response::Response;

use crate::http::etag;
use crate::server::AppState;

pub async fn get(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    let version = state.areas.version();
    let tag = format!("\"{version}\"");
    let mut response = etag::json_response(&headers, &tag, state.areas.geojson());
    if let Ok(v) = HeaderValue::from_str(version) {
        response.headers_mut().insert("x-areas-version", v);
    }
    response
}
