//! `GET /media/{name}`: stored photos, byte for byte.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::Response;

use crate::http::ApiError;
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::store::media::{content_type_of, is_media_name};

pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(name): Path<String>,
) -> ApiResult<Response> {
    let missing = || ApiError::not_found("ảnh", "Media");
    if !is_media_name(&name) {
        return Err(missing());
    }
    let bytes = match tokio::fs::read(state.media.path_of(&name)).await {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
        Err(e) => return Err(e.into()),
    };
    let mut response = Response::new(Body::from(bytes));
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type_of(&name)),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    );
    Ok(response)
}
