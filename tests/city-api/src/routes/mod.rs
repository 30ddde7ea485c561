//! One module per endpoint family of docs/city-api.md.

pub mod alerts;
pub mod areas;
pub mod auth;
pub mod discovery;
pub mod media;
pub mod officials;
pub mod requests;
pub mod services;
pub mod updates;

use axum::body::Body;
use axum::http::HeaderMap;

use crate::http::ApiError;
use crate::http::auth::resident;
use crate::http::body::{Fields, parse_query, read_fields};
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::time::w3c;

/// A GET's checks: the jurisdiction, and under a strict profile only the
/// parameters this endpoint defines (`standard`, plus `extension` when the
/// profile has the app's extensions).
pub(crate) fn check_get(
    state: &AppState,
    query: &Fields,
    standard: &[&str],
    extension: &[&str],
) -> ApiResult<()> {
    check_jurisdiction(state, &[query])?;
    only_defined_query(state, query, standard, extension)
}

/// `jurisdiction_id` is optional; when sent it must be ours.
pub(crate) fn check_jurisdiction(state: &AppState, sources: &[&Fields]) -> ApiResult<()> {
    for fields in sources {
        if let Some(j) = fields.text("jurisdiction_id")?
            && j != state.config.jurisdiction_id
        {
            return Err(ApiError::bad_request(
                "unknown_jurisdiction",
                format!(
                    "Máy chủ này chỉ phục vụ \"{}\".",
                    state.config.jurisdiction_id
                ),
                format!(
                    "This endpoint serves only jurisdiction \"{}\".",
                    state.config.jurisdiction_id
                ),
            ));
        }
    }
    Ok(())
}

pub(crate) fn date_param(fields: &Fields, name: &str) -> ApiResult<Option<i64>> {
    match fields.text(name)? {
        Some(text) => w3c::parse(text)
            .map(Some)
            .ok_or_else(|| ApiError::invalid_date(name)),
        None => Ok(None),
    }
}

/// A non-negative integer parameter (cursor, page, limit).
pub(crate) fn count_param(fields: &Fields, name: &str) -> ApiResult<Option<i64>> {
    match fields.text(name)? {
        Some(text) => text
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| ApiError::invalid(name, "expected a non-negative integer")),
        None => Ok(None),
    }
}

/// Comma-separated ids; values that are not ours cannot match anything.
pub(crate) fn id_list(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

/// `true` / `false` / absent.
pub(crate) fn flag_param(fields: &Fields, name: &str) -> ApiResult<bool> {
    match fields.text(name)? {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(ApiError::invalid(name, "expected true or false")),
    }
}

/// A POST's query string and body fields. An `api_key` in the query is checked
/// before the body is read; the caller checks the one that may be in the body.
pub(crate) async fn read_post(
    state: &AppState,
    headers: &HeaderMap,
    query: Option<&str>,
    body: Body,
) -> ApiResult<(Fields, Fields)> {
    let query = parse_query(query)?;
    crate::http::auth::check_query_api_key(state, &query)?;
    let fields = read_fields(headers, body, state.body_limits()).await?;
    Ok((query, fields))
}

/// `mine=true`: the bearer's account (a token is then required); otherwise `None`.
pub(crate) async fn mine_filter(
    state: &AppState,
    headers: &HeaderMap,
    query: &Fields,
) -> ApiResult<Option<i64>> {
    if !state.config.profile.sign_in() || !flag_param(query, "mine")? {
        return Ok(None);
    }
    let account = resident(state, headers).await?.ok_or_else(|| {
        ApiError::unauthorized(
            "invalid_token",
            "Cần đăng nhập để xem phản ánh của bạn.",
            "mine=true needs a bearer token.",
        )
    })?;
    Ok(Some(account))
}

/// Query parameters every GET takes.
pub(crate) const COMMON_QUERY: [&str; 2] = ["jurisdiction_id", "api_key"];

/// A strict profile refuses any field, query parameter or file part it does
/// not define, naming them as such servers do; other profiles ignore them.
pub(crate) fn only_defined(
    state: &AppState,
    fields: &Fields,
    defined: impl Fn(&str) -> bool,
) -> ApiResult<()> {
    if !state.config.profile.strict {
        return Ok(());
    }
    let media_part = state.config.profile.media_part();
    let uploads = state.config.profile.uploads();
    let mut unexpected: Vec<&str> = fields
        .names()
        .filter(|name| !COMMON_QUERY.contains(name) && !defined(name))
        .collect();
    unexpected.extend(
        fields
            .media
            .iter()
            .filter(|u| !uploads || u.name != media_part)
            .map(|u| u.name.as_str()),
    );
    unexpected.dedup();
    if unexpected.is_empty() {
        return Ok(());
    }
    let list = unexpected.join(", ");
    Err(ApiError::bad_request(
        "unexpected_entries",
        format!("Có trường không được định nghĩa: {list}."),
        format!("unexpected entries: {list}"),
    ))
}

/// [`only_defined`] for a GET whose parameters are `standard` always and
/// `extension` when the profile has the app's extensions.
pub(crate) fn only_defined_query(
    state: &AppState,
    query: &Fields,
    standard: &[&str],
    extension: &[&str],
) -> ApiResult<()> {
    let extensions = state.config.profile.extensions();
    only_defined(state, query, |name| {
        standard.contains(&name) || (extensions && extension.contains(&name))
    })
}

pub(crate) fn json_array<T: serde::Serialize>(items: T) -> axum::Json<T> {
    axum::Json(items)
}
