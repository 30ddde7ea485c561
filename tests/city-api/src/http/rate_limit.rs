//! Requests per minute per client address (fixed one-minute windows), counted on
//! the address the connection comes from ([`super::client`]), never on a key or a
//! token the client could vary. The officials' endpoints have their own, lower
//! budget (key guessing). Over the limit the answer is 429 with `Retry-After`.
//!
//! Only the current minute is kept in memory; the longer sign-in caps and upload
//! quotas are database counters (`store::counters`) that no flood here can reset.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::client::client_addr;
use super::error::ApiError;
use crate::server::AppState;

const WINDOW_MS: i64 = 60_000;
/// Addresses tracked in one minute. Past this, new addresses are refused until the
/// minute ends rather than the table growing or old counts being forgotten.
const MAX_TRACKED: usize = 200_000;

#[derive(Debug, Default)]
pub struct RateLimiter {
    windows: Mutex<HashMap<String, (i64, u32)>>,
}

impl RateLimiter {
    /// `Err(seconds until the window ends)` when over the limit.
    pub fn check(&self, key: &str, limit: u32, now_ms: i64) -> Result<(), u64> {
        let window = now_ms.div_euclid(WINDOW_MS);
        let retry = || {
            let ends = (window + 1) * WINDOW_MS;
            ((ends - now_ms + 999) / 1000).max(1) as u64
        };
        let mut windows = self.windows.lock().unwrap_or_else(|p| p.into_inner());
        if windows.len() >= MAX_TRACKED && !windows.contains_key(key) {
            // Only windows that are over may go: they count nothing any more.
            windows.retain(|_, (w, _)| *w == window);
            if windows.len() >= MAX_TRACKED {
                return Err(retry());
            }
        }
        let entry = windows.entry(key.to_owned()).or_insert((window, 0));
        if entry.0 != window {
            *entry = (window, 0);
        }
        if entry.1 >= limit {
            return Err(retry());
        }
        entry.1 += 1;
        Ok(())
    }
}

pub async fn limit(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    let client = client_addr(&request, state.config.trusted_proxy);
    request.extensions_mut().insert(client);
    let limits = &state.config.limits;
    let (key, per_minute) = if request.uri().path().starts_with("/officials/") {
        (
            format!("officials:{}", client.limit_key()),
            limits.official_requests_per_minute,
        )
    } else {
        (client.limit_key(), limits.requests_per_minute)
    };
    match state.rate_limiter.check(&key, per_minute, state.now_ms()) {
        Ok(()) => next.run(request).await,
        Err(retry_after) => ApiError::rate_limited("rate_limited", retry_after).into_response(),
    }
}
