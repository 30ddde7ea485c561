//! `GET /alerts`: city warnings and announcements since a cursor.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use serde_json::{Value, json};

use crate::http::body::parse_query;
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::store::alerts::{self, AlertRow, AlertSearch};
use crate::time::w3c;

pub fn alert_json(a: &AlertRow) -> Value {
    json!({
        "alert_id": a.id.to_string(),
        "severity": a.severity,
        "title": { "vi": a.title_vi, "en": a.title_en },
        "body": { "vi": a.body_vi, "en": a.body_en },
        "area_codes": a.area_codes,
        "published_datetime": w3c::format(a.published_ms),
        "expires_datetime": a.expires_ms.map(w3c::format),
    })
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let query = parse_query(q.as_deref())?;
    super::check_jurisdiction(&state, &[&query])?;
    let search = AlertSearch {
        after: super::count_param(&query, "after")?.unwrap_or(0),
        area: query.text("area")?.map(str::to_owned),
        live_at_ms: if super::flag_param(&query, "include_expired")? {
            None
        } else {
            Some(state.now_ms())
        },
        limit: super::count_param(&query, "limit")?
            .unwrap_or(100)
            .clamp(1, 1000) as usize,
    };
    let rows = state
        .db
        .call(move |conn| Ok(alerts::list(conn, &search)?))
        .await?;
    Ok(super::json_array(rows.iter().map(alert_json).collect()))
}
