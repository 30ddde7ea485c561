//! `GET /servicerequestupdates` (FixMyStreet's shape) since a cursor.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::HeaderMap;
use serde_json::{Value, json};

use crate::http::body::parse_query;
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::store::updates::{self, UpdateRow, UpdateSearch};
use crate::time::w3c;

pub fn update_json(state: &AppState, u: &UpdateRow) -> Value {
    let media_urls: Vec<String> = u.photos.iter().map(|p| state.media_url(p)).collect();
    let mut v = json!({
        "update_id": u.id.to_string(),
        "service_request_id": u.request_id.to_string(),
        "status": state.config.profile.status_word(u.detailed_status),
        "updated_datetime": w3c::format(u.created_ms),
        "description": u.description,
        "media_url": media_urls.first(),
        "media_urls": media_urls,
        "detailed_status": u.detailed_status.as_str(),
        "kind": u.kind,
        "agency_responsible": u.agency_responsible,
    });
    if !state.config.profile.extensions() {
        super::requests::only_standard_keys(
            &mut v,
            &[
                "update_id",
                "service_request_id",
                "status",
                "updated_datetime",
                "description",
                "media_url",
            ],
        );
    }
    v
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let query = parse_query(q.as_deref())?;
    super::check_get(
        &state,
        &query,
        &["start_date", "end_date"],
        &["after", "mine", "limit", "service_request_id"],
    )?;
    let account_id = super::mine_filter(&state, &headers, &query).await?;
    let search = UpdateSearch {
        after: super::count_param(&query, "after")?.unwrap_or(0),
        start_ms: super::date_param(&query, "start_date")?,
        end_ms: super::date_param(&query, "end_date")?,
        request_ids: query.text("service_request_id")?.map(super::id_list),
        account_id,
        limit: super::count_param(&query, "limit")?
            .unwrap_or(100)
            .clamp(1, 1000) as usize,
    };
    let rows = state
        .db
        .call(move |conn| Ok(updates::list(conn, &search)?))
        .await?;
    Ok(axum::Json(
        rows.iter().map(|u| update_json(&state, u)).collect(),
    ))
}
