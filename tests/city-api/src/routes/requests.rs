//! `POST /requests`, `GET /requests`, `GET /requests/{id}`, `GET /tokens/{token}`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use ihanoi_core::text;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::catalog::{attributes, forms};
use crate::http::body::{Fields, parse_query};
use crate::http::client::ClientAddr;
use crate::http::error::{ApiError, ApiResult};
use crate::http::{auth, format};
use crate::server::AppState;
use crate::store::requests::{self, Created, NewRequest, RequestRow, Search};
use crate::store::{counters, media};
use crate::time::{DAY_MS, w3c};
use crate::workflow::{self, DetailedStatus};

pub const MAX_PAGE_SIZE: usize = 1000;
pub const MAX_RADIUS_M: f64 = 5000.0;
const DEFAULT_RADIUS_M: f64 = 500.0;
const DEFAULT_WINDOW_MS: i64 = 90 * DAY_MS;
const MAX_SHORT_TEXT: usize = 200;
const MAX_ADDRESS: usize = 500;
const MAX_ADDRESS_ID: usize = 100;
const MAX_MEDIA_URL: usize = 2000;
/// `GET /requests` parameters of the standard (with the common position
/// filter), then the extension's.
const LIST_QUERY: [&str; 8] = [
    "service_request_id",
    "service_code",
    "start_date",
    "end_date",
    "status",
    "lat",
    "long",
    "radius",
];
const LIST_QUERY_EXTENSION: [&str; 5] = [
    "detailed_status",
    "agency_responsible",
    "mine",
    "page",
    "page_size",
];
/// `POST /requests` fields of the standard besides the personal ones and
/// `attribute[CODE]`.
const CREATE_FIELDS: [&str; 9] = [
    "api_key",
    "jurisdiction_id",
    "service_code",
    "lat",
    "long",
    "address_string",
    "address_id",
    "description",
    "media_url",
];
const PERSONAL_FIELDS: [&str; 6] = [
    "email",
    "device_id",
    "account_id",
    "first_name",
    "last_name",
    "phone",
];

/// A text field, NFC, trimmed, blank = absent, with a length limit in characters.
fn text_field(fields: &Fields, name: &str, max_chars: usize) -> ApiResult<Option<String>> {
    let Some(raw) = fields.get(name)? else {
        return Ok(None);
    };
    let value = text::normalize(raw);
    if value.is_empty() {
        return Ok(None);
    }
    if value.contains('\0') {
        return Err(ApiError::invalid(name, "contains a NUL character"));
    }
    if text::char_len(&value) > max_chars {
        return Err(ApiError::invalid(
            name,
            &format!("longer than {max_chars} characters"),
        ));
    }
    Ok(Some(value))
}

fn coordinates(fields: &Fields) -> ApiResult<Option<(f64, f64)>> {
    let bad = || {
        ApiError::bad_request(
            "invalid_coordinates",
            "Tọa độ không hợp lệ (lat −90…90, long −180…180, cần cả hai).",
            "Invalid coordinates: lat must be −90…90 and long −180…180, both given.",
        )
    };
    match (fields.text("lat")?, fields.text("long")?) {
        (None, None) => Ok(None),
        (Some(lat), Some(lon)) => {
            let lat: f64 = lat.parse().map_err(|_| bad())?;
            let lon: f64 = lon.parse().map_err(|_| bad())?;
            if !lat.is_finite() || !lon.is_finite() || lat.abs() > 90.0 || lon.abs() > 180.0 {
                return Err(bad());
            }
            Ok(Some((lat, lon)))
        }
        _ => Err(bad()),
    }
}

fn client_request_id(fields: &Fields) -> ApiResult<Option<String>> {
    let Some(raw) = fields.text("client_request_id")? else {
        return Ok(None);
    };
    let canonical = uuid::Uuid::try_parse(raw)
        .ok()
        .map(|u| u.hyphenated().to_string())
        .filter(|c| c.eq_ignore_ascii_case(raw));
    canonical.map(Some).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_client_request_id",
            "client_request_id phải là UUID (dạng 8-4-4-4-12).",
            "client_request_id must be a UUID in canonical 8-4-4-4-12 form.",
        )
    })
}

/// Whether the profile's `POST /requests` defines this field.
fn defined_create_field(profile: &crate::Profile, name: &str) -> bool {
    if CREATE_FIELDS.contains(&name) || PERSONAL_FIELDS.contains(&name) {
        return true;
    }
    if name == "client_request_id" {
        return profile.idempotency();
    }
    name.strip_prefix("attribute[")
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|code| profile.report_attributes() && attributes::CODES.contains(&code))
}

/// Validate a POST, route it, compute its deadlines: everything short of storing.
fn prepare(
    state: &AppState,
    fields: &Fields,
    account_id: Option<i64>,
    now_ms: i64,
) -> ApiResult<NewRequest> {
    let code = fields.require("service_code")?;
    let category = state.services.get(code).ok_or_else(|| {
        ApiError::bad_request(
            "unknown_service_code",
            "Loại phản ánh không tồn tại.",
            "Unknown service_code (see GET /services).",
        )
    })?;
    let profile = state.config.profile;
    let client_request_id = if profile.idempotency() {
        client_request_id(fields)?
    } else {
        None
    };
    let point = coordinates(fields)?;
    let address_string = text_field(fields, "address_string", MAX_ADDRESS)?;
    let address_id = text_field(fields, "address_id", MAX_ADDRESS_ID)?;
    let agency_responsible = match point {
        Some((lat, lon)) => Some(
            state
                .areas
                .locate(lat, lon)
                .map(|(code, _)| code.to_owned())
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "location_outside_jurisdiction",
                        "Vị trí nằm ngoài địa bàn Hà Nội.",
                        "The location is outside every ward and commune of Hanoi.",
                    )
                })?,
        ),
        None if address_string.is_some() || address_id.is_some() => None,
        None => {
            return Err(ApiError::bad_request(
                "missing_location",
                "Cần vị trí (lat và long) hoặc địa chỉ.",
                "A location is required: lat and long, address_string or address_id.",
            ));
        }
    };
    let description = match fields.get("description")? {
        Some(raw) => {
            let d = text::normalize(raw);
            if d.contains('\0') {
                return Err(ApiError::invalid("description", "contains a NUL character"));
            }
            let max = state.config.limits.max_description_chars;
            if text::char_len(&d) > max {
                return Err(ApiError::bad_request(
                    "description_too_long",
                    format!("Mô tả dài quá {max} ký tự."),
                    format!("Description is longer than {max} characters."),
                ));
            }
            Some(d).filter(|d| !d.is_empty())
        }
        None => None,
    };
    let media_url = text_field(fields, "media_url", MAX_MEDIA_URL)?;
    if let Some(url) = &media_url
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        return Err(ApiError::invalid("media_url", "expected an http(s) URL"));
    }
    let mut personal = BTreeMap::new();
    for name in PERSONAL_FIELDS {
        if let Some(v) = text_field(fields, name, MAX_SHORT_TEXT)? {
            personal.insert(name, v);
        }
    }
    let photos = media::validate(&fields.media, Some(&state.photo_checks()))?;
    // The city's form first: its fields are not the app's attributes.
    let answers = if profile.city_forms {
        forms::parse(fields, &category.code)?
    } else {
        BTreeMap::new()
    };
    let attrs = if profile.report_attributes() {
        attributes::parse(fields, photos.len(), |name| {
            profile.city_forms && forms::defines(&category.code, name)
        })?
    } else {
        attributes::ReportAttributes::default()
    };
    let mut recorded: serde_json::Map<String, Value> = attrs
        .values
        .iter()
        .map(|(k, v)| (k.clone(), Value::from(v.as_str())))
        .collect();
    recorded.extend(answers);
    let urgency = attrs.urgency.unwrap_or(category.default_urgency);
    let (acknowledge_by_ms, handle_by_ms) = workflow::deadlines(
        &state.calendar,
        now_ms,
        urgency,
        category.handle_working_hours,
    );
    // What "the same content" means for idempotency: everything the resident
    // wrote, and the photos by hash — not who sent it or when.
    let content = json!({
        "service_code": category.code,
        "lat": point.map(|p| p.0), "long": point.map(|p| p.1),
        "address_string": address_string, "address_id": address_id,
        "description": description, "media_url": media_url,
        "attributes": recorded, "personal": personal,
        "photos": photos.iter().map(|p| p.sha256.as_str()).collect::<Vec<_>>(),
    });
    let content_hash = Sha256::digest(content.to_string().as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Ok(NewRequest {
        client_request_id,
        content_hash,
        token: uuid::Uuid::new_v4().simple().to_string(),
        account_id,
        service_code: category.code.clone(),
        description,
        lat: point.map(|p| p.0),
        long: point.map(|p| p.1),
        address_string,
        address_id,
        media_url,
        personal_json: serde_json::to_string(&personal).map_err(|_| ApiError::internal())?,
        attributes_json: serde_json::to_string(&recorded).map_err(|_| ApiError::internal())?,
        urgency: urgency.as_str(),
        agency_responsible,
        requested_ms: now_ms,
        acknowledge_by_ms,
        handle_by_ms,
        photos,
        photo_taken_ms: attrs.photo_taken_at,
    })
}

/// Photo bytes a day, per address and per signed-in account, counted in the
/// database before anything is written. A refused upload counts nothing.
fn take_upload_quota(
    conn: &mut rusqlite::Connection,
    limits: &crate::config::Limits,
    client: &ClientAddr,
    account_id: Option<i64>,
    bytes: u64,
    now_ms: i64,
) -> ApiResult<()> {
    let refuse = |retry| {
        let mut e = ApiError::rate_limited("upload_quota_exceeded", retry);
        e.vi = format!("Đã gửi quá nhiều ảnh hôm nay, hãy thử lại sau {retry} giây.");
        e.en = format!("Too many photo bytes today; retry after {retry} s.");
        e
    };
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let address_key = format!("upload-address-day:{}", client.limit_key());
    counters::take(
        &tx,
        &address_key,
        bytes,
        limits.upload_bytes_per_address_per_day,
        DAY_MS,
        now_ms,
    )?
    .map_err(refuse)?;
    if let Some(account) = account_id {
        counters::take(
            &tx,
            &format!("upload-account-day:{account}"),
            bytes,
            limits.upload_bytes_per_account_per_day,
            DAY_MS,
            now_ms,
        )?
        .map_err(refuse)?;
    }
    tx.commit()?;
    Ok(())
}

pub async fn create(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Body,
) -> ApiResult<Response> {
    let (query, mut fields) = super::read_post(&state, &headers, q.as_deref(), body).await?;
    super::check_jurisdiction(&state, &[&query, &fields])?;
    auth::check_api_key(&state, &fields, &query)?;
    let profile = state.config.profile;
    super::only_defined(&state, &query, |_| false)?;
    let service_code = fields.text("service_code").ok().flatten().unwrap_or("");
    super::only_defined(&state, &fields, |name| {
        defined_create_field(&profile, name)
            || (profile.city_forms && forms::defines(service_code, name))
    })?;
    // Photos under another part name, or on a server without uploads, are
    // dropped as such servers do: the report is created without them.
    fields
        .media
        .retain(|u| profile.uploads() && u.name == profile.media_part());
    let account_id = auth::resident(&state, &headers).await?;
    let now = state.now_ms();
    let new = prepare(&state, &fields, account_id, now)?;
    let media = state.media.clone();
    let photo_bytes: u64 = new.photos.iter().map(|p| p.bytes.len() as u64).sum();
    let limits = state.config.limits.clone();
    let (created, row) = state
        .db
        .call(move |conn| {
            if photo_bytes > 0 {
                take_upload_quota(conn, &limits, &client, account_id, photo_bytes, now)?;
            }
            let created = requests::create(conn, &media, &new)?;
            let id = match &created {
                Created::New { id, .. } | Created::Replayed { id, .. } => *id,
                Created::Conflict => return Ok((created, None)),
            };
            Ok((created, requests::get(conn, id)?))
        })
        .await?;
    let row = match (created, row) {
        (Created::Conflict, _) => {
            return Err(ApiError::conflict(
                "client_request_id_conflict",
                "client_request_id này đã được dùng cho một phản ánh khác.",
                "This client_request_id was already used for different content.",
            ));
        }
        (created, Some(row)) => (created, row),
        (_, None) => return Err(ApiError::internal()),
    };
    let (created, row) = row;
    let mut answer = json!({
        "service_request_id": row.id.to_string(),
        "token": row.token,
        "service_notice": service_notice(&row),
        "agency_responsible": row.agency_responsible,
    });
    if let Some(account) = row.account_id {
        answer["account_id"] = json!(account.to_string());
    }
    if let Some(crid) = &row.client_request_id {
        answer["client_request_id"] = json!(crid);
    }

    let mut response = axum::Json(json!([answer])).into_response();
    if matches!(created, Created::Replayed { .. }) {
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
    }
    Ok(response)
}

fn service_notice(row: &RequestRow) -> Option<String> {
    row.acknowledge_by_ms.map(|t| {
        let when = w3c::format(t);
        format!("Sẽ được tiếp nhận trước {when} — To be acknowledged by {when}")
    })
}

// Public positions have `requests::PUBLIC_DECIMALS` = 4 places (about 11 m
// north–south and 10 m east–west at Hanoi's latitude): as fine as a phone's fix
// in a Hanoi street (10–20 m) and all a map pin needs, while the report is routed
// to its ward from the exact position before anything is published. Seven places
// (1 cm) would say which door the resident stood at.
pub use crate::store::requests::{PUBLIC_DECIMALS, public_coordinate};

/// Who a report is shown to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Anyone: positions rounded to [`PUBLIC_DECIMALS`], no photo capture times.
    Public,
    /// Officials: as stored.
    Full,
}

/// A report in the standard's shape plus the extension fields.
pub fn request_json(
    state: &AppState,
    row: &RequestRow,
    distance_m: Option<f64>,
    now_ms: i64,
    view: View,
) -> Value {
    let category = state.services.get(&row.service_code);
    let media_urls: Vec<String> = row.photos.iter().map(|p| state.media_url(p)).collect();
    let mut attributes: Value =
        serde_json::from_str(&row.attributes_json).unwrap_or_else(|_| json!({}));
    let (lat, long) = match view {
        View::Full => (row.lat, row.long),
        View::Public => {
            // When each photo was taken says when the resident was where: for
            // the officials handling the report, not for everyone.
            if let Some(map) = attributes.as_object_mut() {
                map.remove("photo_taken_at");
            }
            (
                row.lat.map(public_coordinate),
                row.long.map(public_coordinate),
            )
        }
    };
    let mut v = json!({
        "service_request_id": row.id.to_string(),
        "status": state.config.profile.status_word(row.detailed_status),
        "status_notes": row.status_notes,
        "service_name": category.map(|c| c.name_vi.as_str()),
        "service_code": row.service_code,
        "description": row.description,
        "agency_responsible": row.agency_responsible,
        "service_notice": service_notice(row),
        "requested_datetime": w3c::format(row.requested_ms),
        "updated_datetime": w3c::format(row.updated_ms),
        "expected_datetime": row.handle_by_ms.map(w3c::format),
        "address": row.address_string,
        "address_id": row.address_id,
        "zipcode": null,
        "lat": lat,
        "long": long,
        "media_url": media_urls.first().cloned().or_else(|| row.media_url.clone()),
        "media_urls": media_urls,
        "detailed_status": row.detailed_status.as_str(),
        "agency_name": row.agency_responsible.as_deref().and_then(|c| state.areas.name_of(c)),
        "acknowledge_by": row.acknowledge_by_ms.map(w3c::format),
        "handle_by": row.handle_by_ms.map(w3c::format),
        "acknowledged_datetime": row.acknowledged_ms.map(w3c::format),
        "overdue": workflow::overdue(row.detailed_status, row.acknowledge_by_ms, row.handle_by_ms, now_ms),
        "urgency": row.urgency,
        "attributes": attributes,
    });
    if let Some(d) = distance_m {
        v["distance_m"] = json!((d * 10.0).round() / 10.0);
    }
    if !state.config.profile.extensions() {
        only_standard_keys(&mut v, &STANDARD_REQUEST_KEYS);
    }
    v
}

/// The keys of a GeoReport v2 service request.
const STANDARD_REQUEST_KEYS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

/// A plain server's answer: the standard's keys and nothing else.
pub(crate) fn only_standard_keys(value: &mut Value, keys: &[&str]) {
    if let Some(map) = value.as_object_mut() {
        map.retain(|k, _| keys.contains(&k.as_str()));
    }
}

/// `status` and `detailed_status` combined: `None` = no filter, an empty set =
/// contradictory filters that match nothing.
fn statuses(query: &Fields) -> ApiResult<Option<Vec<DetailedStatus>>> {
    let mut allowed: Option<Vec<DetailedStatus>> = None;
    if let Some(list) = query.text("status")? {
        let mut set = Vec::new();
        for s in list.split(',').map(str::trim) {
            let open = match s {
                "open" => true,
                "closed" => false,
                _ => return Err(ApiError::invalid("status", "expected open and/or closed")),
            };
            set.extend(
                DetailedStatus::ALL
                    .into_iter()
                    .filter(|d| d.is_open() == open),
            );
        }
        allowed = Some(set);
    }
    if let Some(list) = query.text("detailed_status")? {
        let mut set = Vec::new();
        for s in list.split(',').map(str::trim) {
            set.push(
                DetailedStatus::parse(s)
                    .ok_or_else(|| ApiError::invalid("detailed_status", "unknown status"))?,
            );
        }
        allowed = Some(match allowed {
            Some(prev) => prev.into_iter().filter(|d| set.contains(d)).collect(),
            None => set,
        });
    }
    Ok(allowed)
}

pub async fn list(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> ApiResult<Response> {
    let query = parse_query(q.as_deref())?;
    let near_search = state.config.profile.near_search();
    let standard: Vec<&str> = LIST_QUERY
        .into_iter()
        .filter(|name| near_search || !matches!(*name, "lat" | "long" | "radius"))
        .collect();
    super::check_get(&state, &query, &standard, &LIST_QUERY_EXTENSION)?;
    if state.config.profile.no_search
        && let Some(filter) = query
            .names()
            .find(|n| !matches!(*n, "service_request_id" | "jurisdiction_id" | "api_key"))
    {
        return Err(ApiError::invalid(
            filter,
            "this server lists requests by service_request_id only",
        ));
    }
    let now = state.now_ms();
    let ids = query.text("service_request_id")?.map(super::id_list);
    let start_ms = super::date_param(&query, "start_date")?;
    let end_ms = super::date_param(&query, "end_date")?;
    let statuses_filter = statuses(&query)?;
    let near = match (query.text("lat")?, query.text("long")?) {
        // Parameters this server does not define are ignored (refused above when strict).
        _ if !near_search => None,
        (None, None) => None,
        _ => {
            let (lat, lon) = coordinates(&query)?
                .ok_or_else(|| ApiError::invalid("lat", "lat and long go together"))?;
            let radius = match query.text("radius")? {
                Some(r) => r
                    .parse::<f64>()
                    .ok()
                    .filter(|r| r.is_finite() && *r > 0.0 && *r <= MAX_RADIUS_M)
                    .ok_or_else(|| {
                        ApiError::invalid("radius", "expected 0 < radius ≤ 5000 metres")
                    })?,
                None => DEFAULT_RADIUS_M,
            };
            Some((lat, lon, radius))
        }
    };
    let account_id = super::mine_filter(&state, &headers, &query).await?;
    let page = super::count_param(&query, "page")?.unwrap_or(1).max(1) as usize;
    let page_size = super::count_param(&query, "page_size")?
        .unwrap_or(MAX_PAGE_SIZE as i64)
        .clamp(1, MAX_PAGE_SIZE as i64) as usize;
    let default_window = ids.is_none() && start_ms.is_none() && end_ms.is_none();
    let search = Search {
        ids,
        service_codes: query
            .text("service_code")?
            .map(|s| s.split(',').map(|c| c.trim().to_owned()).collect())
            .unwrap_or_default(),
        start_ms: if default_window {
            Some(now - DEFAULT_WINDOW_MS)
        } else {
            start_ms
        },
        end_ms,
        statuses: statuses_filter,
        agency: query.text("agency_responsible")?.map(str::to_owned),
        account_id,
        near,
        page,
        page_size,
    };
    let page = state
        .db
        .call(move |conn| Ok(requests::search(conn, &search)?))
        .await?;
    let body: Vec<Value> = page
        .items
        .iter()
        .map(|(r, d)| request_json(&state, r, *d, now, View::Public))
        .collect();
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert("x-total-count", HeaderValue::from(page.total));
    Ok(response)
}

pub async fn one(
    State(state): State<Arc<AppState>>,
    Path(segment): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Vec<Value>>> {
    super::check_get(&state, &parse_query(q.as_deref())?, &[], &[])?;
    let id = format::strip_suffix(&segment)?;
    let missing = || ApiError::not_found("phản ánh", "Service request");
    let id: i64 = id.parse().map_err(|_| missing())?;
    let row = state
        .db
        .call(move |conn| Ok(requests::get(conn, id)?))
        .await?
        .ok_or_else(missing)?;
    Ok(axum::Json(vec![request_json(
        &state,
        &row,
        None,
        state.now_ms(),
        View::Public,
    )]))
}

pub async fn by_token(
    State(state): State<Arc<AppState>>,
    Path(segment): Path<String>,
    RawQuery(q): RawQuery,
) -> ApiResult<axum::Json<Value>> {
    super::check_get(&state, &parse_query(q.as_deref())?, &[], &[])?;
    let token = format::strip_suffix(&segment)?.to_owned();
    let lookup = token.clone();
    let id = state
        .db
        .call(move |conn| Ok(requests::id_by_token(conn, &lookup)?))
        .await?
        .ok_or_else(|| ApiError::not_found("mã theo dõi", "Token"))?;
    Ok(axum::Json(
        json!([{ "service_request_id": id.to_string(), "token": token }]),
    ))
}
