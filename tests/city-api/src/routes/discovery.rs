//! `GET /discovery`: the standard's service discovery plus the extensions offered.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use serde_json::json;

use crate::http::body::parse_query;
use crate::http::error::ApiResult;
use crate::profile::Profile;
use crate::server::AppState;
use crate::time::w3c;
use crate::workflow::{ACKNOWLEDGE_WORKING_HOURS, DetailedStatus, URGENT_HANDLE_WORKING_HOURS};

pub async fn get(
    State(state): State<Arc<AppState>>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<serde_json::Value>> {
    let query = parse_query(q.as_deref())?;
    super::check_get(&state, &query, &[], &[])?;
    let changeset = w3c::format(state.changeset_ms);
    let limits = &state.config.limits;
    let mut body = json!({
        "changeset": changeset,
        "contact": "Trung tâm Phục vụ hành chính công Hà Nội (máy chủ tham chiếu) — Hanoi public administration service centre (reference server)",
        "key_service": "Liên hệ trung tâm để nhận api_key — contact the centre for an api_key",
        "endpoints": [{
            "specification": "http://wiki.open311.org/GeoReport_v2",
            "url": state.base_url,
            "changeset": changeset,
            // GeoReport's endpoint type: only a development server is a test one.
            "type": if state.config.dev_mode { "test" } else { "production" },
            "formats": ["application/json"],
        }],
        "extensions": {
            "media_multipart": {
                "max_photos": limits.max_photos,
                "max_photo_bytes": limits.max_photo_bytes,
                "types": ["image/jpeg", "image/png", "image/webp"],
            },
            "client_request_id": { "version": 1 },
            "report_attributes": {
                "codes": ["urgency", "location_accuracy_m", "location_source", "pin_adjusted", "photo_taken_at"],
            },
            "agency_from_location": { "areas_path": "/areas.json" },
            "detailed_status": { "values": DetailedStatus::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>() },
            "deadlines": {
                "time_zone": "Asia/Ho_Chi_Minh",
                "utc_offset": "+07:00",
                "acknowledge_working_hours": ACKNOWLEDGE_WORKING_HOURS,
                "urgent_handle_working_hours": URGENT_HANDLE_WORKING_HOURS,
                "working_periods": ["08:00-12:00", "13:00-17:00"],
                "working_days": ["Mon", "Tue", "Wed", "Thu", "Fri"],
                "holidays": state.calendar.holiday_dates(),
            },
            "request_updates": { "path": "/servicerequestupdates.json" },
            "areas": { "path": "/areas.json", "version": state.areas.version() },
            "alerts": { "path": "/alerts.json" },
            "resident_sign_in": {
                "code_path": "/auth/code",
                "token_path": "/auth/token",
                "sign_out_path": "/auth/sign-out",
                "code_length": 6,
                "code_ttl_seconds": state.config.code_ttl.as_secs(),
            },
            "rate_limit": { "requests_per_minute": limits.requests_per_minute },
            "etag": { "paths": ["/services.json", "/areas.json"] },
            "near_search": { "max_radius_m": super::requests::MAX_RADIUS_M },
            "paging": { "max_page_size": super::requests::MAX_PAGE_SIZE },
            "limits": {
                "max_body_bytes": limits.max_body_bytes,
                "max_description_chars": limits.max_description_chars,
            },
        },
    });
    as_profile(&mut body, &state.config.profile);
    Ok(axum::Json(body))
}

/// What a profile does not offer is not advertised; a plain server has no
/// `extensions` at all.
fn as_profile(body: &mut serde_json::Value, profile: &Profile) {
    let Some(root) = body.as_object_mut() else {
        return;
    };
    if !profile.extensions() {
        root.remove("extensions");
        return;
    }
    let Some(extensions) = root
        .get_mut("extensions")
        .and_then(serde_json::Value::as_object_mut)
    else {
        return;
    };
    if !profile.idempotency() {
        extensions.remove("client_request_id");
    }
    if !profile.updates() {
        extensions.remove("request_updates");
    }
    if !profile.near_search() {
        extensions.remove("near_search");
    }
    if !profile.uploads() {
        extensions.remove("media_multipart");
    } else if let Some(media) = extensions
        .get_mut("media_multipart")
        .and_then(serde_json::Value::as_object_mut)
    {
        media.insert("field".into(), json!(profile.media_part()));
    }
}
