//! The ward's side (reference server only): act on reports, publish alerts, and in
//! development read sign-in codes. Every call needs `X-Official-Key`.

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
    check_official(&state, &headers)?;
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
        photos: media::validate(&fields.media)?,
        now_ms: state.now_ms(),
    };
    let calendar = state.calendar.clone();
    let store = state.media.clone();
    let row = state
        .db
        .call(move |conn| updates::apply(conn, &store, &input, &calendar))
        .await?;
    Ok(axum::Json(vec![super::updates::update_json(&state, &row)]))
}

pub async fn publish_alert(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    body: Body,
) -> ApiResult<axum::Json<Vec<Value>>> {
    check_official(&state, &headers)?;
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
    alert.id = state
        .db
        .call(move |conn| Ok(alerts::insert(conn, &stored)?))
        .await?;
    Ok(axum::Json(vec![super::alerts::alert_json(&alert)]))
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
