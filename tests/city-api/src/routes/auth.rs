//! Resident sign-in: phone → one-time code → bearer tokens; refresh; sign-out.

use std::sync::Arc;

use axum::Extension;
use axum::body::Body;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use rusqlite::TransactionBehavior;
use serde_json::json;

use crate::config::Limits;
use crate::http::ApiError;
use crate::http::auth::{self, check_api_key};
use crate::http::client::ClientAddr;
use crate::http::error::ApiResult;
use crate::server::AppState;
use crate::sms;
use crate::store::{accounts, counters};
use crate::time::{DAY_MS, HOUR_MS};

fn phone_field(fields: &crate::http::body::Fields) -> ApiResult<String> {
    let raw = fields.require("phone")?;
    accounts::normalize_phone(raw).ok_or_else(|| {
        ApiError::bad_request(
            "invalid_phone",
            "Số điện thoại không hợp lệ.",
            "Not a Vietnamese mobile phone number.",
        )
    })
}

fn too_many_codes(retry_after_s: u64) -> ApiError {
    ApiError::rate_limited("too_many_codes", retry_after_s)
}

/// A counter's key, its limit, its window, and the error past it.
type Cap = (String, u32, i64, fn(u64) -> ApiError);

/// Every cap a new code must pass, counted in one transaction so that a refusal
/// counts nothing: per phone per hour and per day, per address per hour, and the
/// server's SMS budget for the day.
fn take_code_budget(
    conn: &mut rusqlite::Connection,
    limits: &Limits,
    phone: &str,
    client: &ClientAddr,
    now: i64,
) -> ApiResult<()> {
    counters::sweep(conn, now)?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let caps: [Cap; 4] = [
        (
            format!("codes-phone-hour:{phone}"),
            limits.codes_per_phone_per_hour,
            HOUR_MS,
            too_many_codes,
        ),
        (
            format!("codes-phone-day:{phone}"),
            limits.codes_per_phone_per_day,
            DAY_MS,
            too_many_codes,
        ),
        (
            format!("codes-address-hour:{}", client.limit_key()),
            limits.codes_per_address_per_hour,
            HOUR_MS,
            too_many_codes,
        ),
        ("sms-day".to_owned(), limits.sms_per_day, DAY_MS, |retry| {
            let mut e = ApiError::rate_limited("sms_budget_exhausted", retry);
            e.status = StatusCode::SERVICE_UNAVAILABLE;
            e
        }),
    ];
    for (key, limit, window, refuse) in caps {
        counters::take(&tx, &key, 1, u64::from(limit), window, now)?.map_err(refuse)?;
    }
    tx.commit()?;
    Ok(())
}

pub async fn request_code(
    State(state): State<Arc<AppState>>,
    Extension(client): Extension<ClientAddr>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Body,
) -> ApiResult<Response> {
    let (query, fields) = super::read_post(&state, &headers, q.as_deref(), body).await?;
    check_api_key(&state, &fields, &query)?;
    let phone = phone_field(&fields)?;
    let now = state.now_ms();
    let code = accounts::new_code();
    let ttl_ms = state.config.code_ttl.as_millis() as i64;
    let expires = now + ttl_ms;
    {
        let (phone, code) = (phone.clone(), code.clone());
        let limits = state.config.limits.clone();
        let secret = state.config.code_secret.clone();
        state
            .db
            .call(move |conn| {
                take_code_budget(conn, &limits, &phone, &client, now)?;
                Ok(accounts::put_code(conn, &secret, &phone, &code, expires)?)
            })
            .await?;
    }
    if let Some(sms) = &state.sms {
        let message = sms::code_message(&code, (ttl_ms / 60_000) as u64);
        if let Err(error) = sms.send(&phone, &message).await {
            // Neither the code nor the number goes to the log.
            tracing::warn!(phone = %accounts::mask_phone(&phone), %error, "sign-in SMS not sent");
            let mut e = ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "sms_unavailable",
                "Chưa gửi được tin nhắn, hãy thử lại sau ít phút.",
                "The text message could not be sent; try again in a few minutes.",
            );
            e.retry_after_s = Some(60);
            return Err(e);
        }
    }
    if state.config.dev_mode {
        // Development only: codes go to the log and the officials' endpoint. The
        // phone is masked; the code is useless five minutes from now.
        tracing::info!(phone = %accounts::mask_phone(&phone), %code, "development sign-in code");
        state
            .dev_codes
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(phone.clone(), (code, expires));
    }
    Ok((
        StatusCode::ACCEPTED,
        axum::Json(json!({ "phone": phone, "expires_in": ttl_ms / 1000 })),
    )
        .into_response())
}

fn tokens_json(
    state: &AppState,
    account_id: i64,
    access: &str,
    refresh: &str,
) -> serde_json::Value {
    json!({
        "access_token": access,
        "token_type": "Bearer",
        "expires_in": state.config.access_token_ttl.as_secs(),
        "refresh_token": refresh,
        "refresh_expires_in": state.config.refresh_token_ttl.as_secs(),
        "account_id": account_id.to_string(),
    })
}

pub async fn token(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
    body: Body,
) -> ApiResult<axum::Json<serde_json::Value>> {
    let (query, fields) = super::read_post(&state, &headers, q.as_deref(), body).await?;
    check_api_key(&state, &fields, &query)?;
    let now = state.now_ms();
    let access_exp = now + state.config.access_token_ttl.as_millis() as i64;
    let refresh_exp = now + state.config.refresh_token_ttl.as_millis() as i64;
    match fields.require("grant_type")? {
        "one_time_code" => {
            let phone = phone_field(&fields)?;
            let code = fields.require("code")?.to_owned();
            let secret = state.config.code_secret.clone();
            let cap = accounts::WrongCodeCap {
                per_phone_per_day: state.config.limits.wrong_codes_per_phone_per_day,
            };
            let (account, access, refresh) = state
                .db
                .call(move |conn| {
                    let account = accounts::redeem_code(conn, &secret, &phone, &code, now, cap)?;
                    let (a, r) = accounts::open_session(conn, account, access_exp, refresh_exp)?;
                    Ok((account, a, r))
                })
                .await?;
            if state.config.dev_mode {
                let phone = phone_field(&fields)?;
                state
                    .dev_codes
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&phone);
            }
            Ok(axum::Json(tokens_json(&state, account, &access, &refresh)))
        }
        "refresh_token" => {
            let hash = accounts::token_hash(fields.require("refresh_token")?);
            let (account, access, refresh) = state
                .db
                .call(move |conn| {
                    let invalid = || {
                        ApiError::unauthorized(
                            "invalid_token",
                            "Phiên đăng nhập không hợp lệ, hãy đăng nhập lại.",
                            "Invalid refresh token; sign in again.",
                        )
                    };
                    let session = accounts::session_by_refresh(conn, &hash)?.ok_or_else(invalid)?;
                    if session.revoked {
                        return Err(invalid());
                    }
                    if session.refresh_expires_ms <= now {
                        return Err(ApiError::unauthorized(
                            "token_expired",
                            "Phiên đăng nhập đã hết hạn, hãy đăng nhập lại.",
                            "Refresh token expired; sign in again.",
                        ));
                    }
                    // Rotation: the old pair dies with the new one's birth.
                    let tx = conn.transaction()?;
                    accounts::revoke(&tx, session.id)?;
                    let (a, r) =
                        accounts::open_session(&tx, session.account_id, access_exp, refresh_exp)?;
                    tx.commit()?;
                    Ok((session.account_id, a, r))
                })
                .await?;
            Ok(axum::Json(tokens_json(&state, account, &access, &refresh)))
        }
        _ => Err(ApiError::invalid(
            "grant_type",
            "expected one_time_code or refresh_token",
        )),
    }
}

pub async fn sign_out(
    State(state): State<Arc<AppState>>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let token = auth::bearer(&headers)?.ok_or_else(|| {
        ApiError::unauthorized(
            "invalid_token",
            "Chưa đăng nhập.",
            "Sign-out needs the bearer token.",
        )
    })?;
    // An expired access token may still sign out: the point is to kill the refresh.
    let hash = accounts::token_hash(token);
    state
        .db
        .call(move |conn| {
            let session = accounts::session_by_access(conn, &hash)?
                .filter(|s| !s.revoked)
                .ok_or_else(|| {
                    ApiError::unauthorized(
                        "invalid_token",
                        "Phiên không hợp lệ.",
                        "Invalid access token.",
                    )
                })?;
            Ok(accounts::revoke(conn, session.id)?)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}
