//! Requests per minute per client (fixed one-minute windows): the bearer token if
//! sent, else the `api_key` in the query, else the peer address. Over the limit the
//! answer is 429 with `Retry-After`. Officials' endpoints are not limited.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::error::ApiError;
use crate::server::AppState;

const WINDOW_MS: i64 = 60_000;
/// Forget old windows once this many clients are tracked.
const PRUNE_AT: usize = 10_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

impl RateLimiter {
    /// `Err(seconds until the window ends)` when over the limit.
    pub fn check(&self, key: &str, limit: u32, now_ms: i64) -> Result<(), u64> {
        let window = now_ms.div_euclid(WINDOW_MS);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= PRUNE_AT {
            windows.retain(|_, (w, _)| *w == window);
        }
        let entry = windows.entry(key.to_owned()).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
            let ends = (window + 1) * WINDOW_MS;
            return Err(((ends - now_ms + 999) / 1000).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }

    /// One code sent per phone per hour window (sign-in).
    pub fn check_hourly(&self, key: &str, limit: u32, now_ms: i64) -> Result<(), u64> {
        let hour = 60 * WINDOW_MS;
        let window = now_ms.div_euclid(hour);
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        let entry = windows.entry(format!("hour:{key}")).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
            let ends = (window + 1) * hour;
            return Err(((ends - now_ms + 999) / 1000).max(1) as u64);
        }
        entry.1 += 1;
        Ok(())
    }
}

fn client_key(request: &Request) -> String {
    // Tokens and keys are secrets: key the table by their hash.
    let hashed = |kind: &str, secret: &str| {
        let d = Sha256::digest(secret.as_bytes());
        format!(
            "{kind}:{}",
            d.iter()
                .take(12)
                .map(|b| format!("{b:02x}"))
                .collect::<String>()
        )
    };
    if let Ok(Some(token)) = super::auth::bearer(request.headers()) {
        return hashed("token", token);
    }
    if let Some(query) = request.uri().query()
        && let Ok(fields) = super::body::parse_query(Some(query))
        && let Ok(Some(key)) = fields.get("api_key")
    {
        return hashed("key", key);
    }
    match request.extensions().get::<ConnectInfo<SocketAddr>>() {
        Some(ConnectInfo(addr)) => format!("peer:{}", addr.ip()),
        None => "peer:unknown".into(),
    }
}

pub async fn limit(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    if request.uri().path().starts_with("/officials/") {
        return next.run(request).await;
    }
    let key = client_key(&request);
    match state.rate_limiter.check(
        &key,
        state.config.limits.requests_per_minute,
        state.now_ms(),
    ) {
        Ok(()) => next.run(request).await,
        Err(retry_after) => ApiError::rate_limited("rate_limited", retry_after).into_response(),
    }
}
