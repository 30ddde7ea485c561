//! The ward's side (reference server only): act on reports, read one report in
//! full, publish alerts, and in development read sign-in codes. Every call needs
//! `X-Official-Key`; each key belongs to one official, who acts only on the units
//! in their scope, publishes alerts only with that right, and is recorded with
//! everything they do.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use ihanoi_core::text;
use serde_json::{Value, json};

use crate::http::ApiError;
use crate::http::auth::check_official;
use crate::http::body::{Fields, read_fields};
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::store::alerts::{self, AlertRow, SEVERITIES};
use crate::store::media;
use crate::store::updates::{self, ActionInput};
use crate::time::w3c;
use crate::workflow::Action;

const MAX_TITLE: usize = 200;

fn required_text(fields: &Fields, name: &str, max: usize) -> ApiResult<String> {
    let value = text::normalize(fields.require(name)?);
    if text::char_len(&value) > max {
        return Err(ApiError::invalid(
            name,
            &format!("longer than {max} characters"),
        ));
    }
    Ok(value)
}

pub async fn act(
    State(state): State<Arc<AppState>>,
    Path((id, action)): Path<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let official = check_official(&state, &headers)?.clone();
    let action = Action::parse(&action).ok_or_else(|| ApiError::not_found("thao tác", "Action"))?;
    let request_id: i64 = id
        .parse()
        .map_err(|_| ApiError::not_found("phản ánh", "Service request"))?;
    let fields = read_fields(&headers, body, state.body_limits()).await?;
    let max = state.config.limits.max_description_chars;
    let description = if action.requires_description() {
        required_text(&fields, "description", max)?
    } else {
        fields
            .text("description")?
            .map(text::normalize)
            .unwrap_or_default()
    };
    if text::char_len(&description) > max {
        return Err(ApiError::invalid(
            "description",
            &format!("longer than {max} characters"),
        ));
    }
    if !action.takes_photos() && !fields.media.is_empty() {
        return Err(ApiError::invalid("media[]", "this action takes no photos"));
    }
    let new_agency = match action {
        Action::Transfer => {
            let code = fields.require("agency_responsible")?;
            if state.areas.name_of(code).is_none() {
                return Err(ApiError::invalid(
                    "agency_responsible",
                    "not a unit code from GET /areas",
                ));
            }
            Some(code.to_owned())
        }
        _ => None,
    };
    let input = ActionInput {
        request_id,
        action,
        description,
        new_agency,
        photos: media::validate(&fields.media, None)?,
        now_ms: state.now_ms(),
        official,
    };
    let calendar = state.calendar.clone();
    let store = state.media.clone();
    let row = state
        .db
        .call(move |conn| {
            let row = updates::apply(conn, &store, &input, &calendar)?;
            tracing::info!(
                official = %input.official.id,
                action = %row.kind,
                request = row.request_id,
                "official action"
            );
            Ok(row)
        })
        .await?;
    Ok(axum::Json(vec![super::updates::update_json(&state, &row)]))
}

pub async fn publish_alert(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let official = check_official(&state, &headers)?;
    if !official.can_publish_alerts {
        return Err(ApiError::new(
            axum::http::StatusCode::FORBIDDEN,
            "alerts_not_allowed",
            "Cán bộ này không có quyền đăng cảnh báo.",
            "This official may not publish alerts.",
        ));
    }
    let fields = read_fields(&headers, body, state.body_limits()).await?;
    let severity = fields.require("severity")?;
    if !SEVERITIES.contains(&severity) {
        return Err(ApiError::invalid(
            "severity",
            "expected info, warning or danger",
        ));
    }
    let area_codes: Vec<String> = fields
        .text("area_codes")?
        .map(|s| {
            s.split(',')
                .map(|c| c.trim().to_owned())
                .filter(|c| !c.is_empty())
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = area_codes.iter().find(|c| state.areas.name_of(c).is_none()) {
        return Err(ApiError::invalid(
            "area_codes",
            &format!("unknown unit {bad:?}"),
        ));
    }
    // A ward's official warns their own wards; only a city-wide one the whole city.
    if official.units.is_some() && area_codes.is_empty() {
        return Err(crate::http::auth::check_scope(official, None).unwrap_err());
    }
    for code in &area_codes {
        crate::http::auth::check_scope(official, Some(code))?;
    }
    let max = state.config.limits.max_description_chars;
    let mut alert = AlertRow {
        id: 0,
        severity: severity.to_owned(),
        title_vi: required_text(&fields, "title_vi", MAX_TITLE)?,
        title_en: required_text(&fields, "title_en", MAX_TITLE)?,
        body_vi: required_text(&fields, "body_vi", max)?,
        body_en: required_text(&fields, "body_en", max)?,
        area_codes,
        published_ms: state.now_ms(),
        expires_ms: super::date_param(&fields, "expires_datetime")?,
    };
    let stored = alert.clone();
    let by = official.id.clone();
    alert.id = state
        .db
        .call(move |conn| Ok(alerts::insert(conn, &stored, alerts::Publisher(&by))?))
        .await?;
    tracing::info!(official = %official.id, alert = alert.id, severity, "alert published");
    Ok(axum::Json(vec![super::alerts::alert_json(&alert)]))
}

/// `GET /officials/requests/{id}`: one report as officials see it, with the exact
/// position and the photos' capture times (the public answer has neither).
pub async fn request(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Vec<Value>>> {
    let official = check_official(&state, &headers)?;
    let missing = || ApiError::not_found("phản ánh", "Service request");
    let id: i64 = id.parse().map_err(|_| missing())?;
    let row = state
        .db
        .call(move |conn| Ok(crate::store::requests::get(conn, id)?))
        .await?
        .ok_or_else(missing)?;
    crate::http::auth::check_scope(official, row.agency_responsible.as_deref())?;
    let view = super::requests::View::Full;
    Ok(axum::Json(vec![super::requests::request_json(
        &state,
        &row,
        None,
        state.now_ms(),
        view,
    )]))
}

pub async fn sign_in_code(
    State(state): State<Arc<AppState>>,
    Path(phone): Path<String>,
    headers: HeaderMap,
) -> ApiResult<axum::Json<Value>> {
    check_official(&state, &headers)?;
    let missing = || ApiError::not_found("mã đăng nhập", "Sign-in code");
    if !state.config.dev_mode {
        return Err(missing());
    }
    let phone = crate::store::accounts::normalize_phone(&phone).ok_or_else(missing)?;
    let codes = state.dev_codes.lock().unwrap_or_else(|p| p.into_inner());
    let (code, expires) = codes
        .get(&phone)
        .filter(|(_, exp)| *exp > state.now_ms())
        .ok_or_else(missing)?;
    Ok(axum::Json(json!({
        "phone": phone,
        "code": code,
        "expires_datetime": w3c::format(*expires),
    })))
}
