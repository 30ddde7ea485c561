//! Who is calling: the app (`api_key`), a resident (bearer token), an official
//! (`X-Official-Key`).

use axum::http::{HeaderMap, header};

use super::body::Fields;
use super::error::{ApiError, ApiResult};
use crate::config::Official;
use crate::server::AppState;
use crate::store::accounts;

/// Compare secrets without an early exit on the first differing byte.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn known_api_key(state: &AppState, key: &str) -> bool {
    state
        .config
        .api_keys
        .iter()
        .any(|known| same_secret(known, key))
}

/// `api_key` from the body or the query string (the standard allows both).
pub fn check_api_key(state: &AppState, body: &Fields, query: &Fields) -> ApiResult<()> {
    let key = match body.get("api_key")? {
        Some(k) => Some(k),
        None => query.get("api_key")?,
    };
    match key {
        Some(k) if known_api_key(state, k) => Ok(()),
        _ => Err(ApiError::invalid_api_key()),
    }
}

/// Before the body is read: an `api_key` in the query string must be valid. A
/// client that sends it there (the app does) is refused without its body being
/// parsed; one that sends it in the body is checked after the capped parse.
pub fn check_query_api_key(state: &AppState, query: &Fields) -> ApiResult<()> {
    match query.get("api_key")? {
        Some(k) if !known_api_key(state, k) => Err(ApiError::invalid_api_key()),
        _ => Ok(()),
    }
}

fn forbidden_official() -> ApiError {
    ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        "invalid_official_key",
        "Khóa cán bộ không hợp lệ.",
        "Invalid or missing X-Official-Key.",
    )
}

/// The official whose key this is (compared by hash, every credential checked).
pub fn check_official<'a>(state: &'a AppState, headers: &HeaderMap) -> ApiResult<&'a Official> {
    let given = headers
        .get("x-official-key")
        .and_then(|v| v.to_str().ok())
        .ok_or_else(forbidden_official)?;
    let hash = accounts::token_hash(given);
    let mut found = None;
    for official in &state.config.officials {
        if same_secret(&official.key_sha256, &hash) {
            found = Some(official);
        }
    }
    found.ok_or_else(forbidden_official)
}

/// The right to act on reports of `unit` (a report with no unit: only city-wide
/// officials).
pub fn check_scope(official: &Official, unit: Option<&str>) -> ApiResult<()> {
    if official.may_act_on(unit) {
        return Ok(());
    }
    Err(ApiError::new(
        axum::http::StatusCode::FORBIDDEN,
        "outside_official_scope",
        "Phản ánh này không thuộc đơn vị của cán bộ.",
        "This report is not in a unit this official acts for.",
    ))
}

fn invalid_token() -> ApiError {
    ApiError::unauthorized(
        "invalid_token",
        "Phiên đăng nhập không hợp lệ, hãy đăng nhập lại.",
        "Invalid access token; sign in again.",
    )
}

/// The bearer token, if an `Authorization` header is present. A header that is not
/// a well-formed bearer token is an error, not "anonymous".
pub fn bearer(headers: &HeaderMap) -> ApiResult<Option<&str>> {
    let Some(value) = headers.get(header::AUTHORIZATION) else {
        return Ok(None);
    };
    let text = value.to_str().map_err(|_| invalid_token())?;
    let (scheme, token) = text.split_once(' ').ok_or_else(invalid_token)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() {
        return Err(invalid_token());
    }
    Ok(Some(token))
}

/// The signed-in resident's account id, `None` when no token was sent. A token that
/// was sent but is forged, revoked or expired is a 401.
pub async fn resident(state: &AppState, headers: &HeaderMap) -> ApiResult<Option<i64>> {
    if !state.config.profile.sign_in() {
        // A server without sign-in has no accounts: the header means nothing to it.
        return Ok(None);
    }
    let Some(token) = bearer(headers)? else {
        return Ok(None);
    };
    let hash = accounts::token_hash(token);
    let now = state.now_ms();
    let found = state
        .db
        .call(move |conn| accounts::session_by_access(conn, &hash))
        .await?;
    match found {
        None => Err(invalid_token()),
        Some(s) if s.revoked => Err(invalid_token()),
        Some(s) if s.access_expires_ms <= now => Err(ApiError::unauthorized(
            "token_expired",
            "Phiên đăng nhập đã hết hạn.",
            "Access token expired; refresh it.",
        )),
        Some(s) => Ok(Some(s.account_id)),
    }
}
