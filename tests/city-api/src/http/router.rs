//! Every path of docs/city-api.md, with the standard's format suffixes, the rate
//! limit, and one rule for errors: whatever fails — our handlers, an unknown path, a
//! wrong method — answers the standard's JSON error array.

use std::sync::Arc;

use axum::Router;
use axum::http::{StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, any, get, post};

use super::error::ApiError;
use super::format::xml_handler;
use super::rate_limit;
use crate::routes;
use crate::server::AppState;

type State = Arc<AppState>;

/// `path`, `path.json` and `path.xml` (the last answers 400 format_not_supported).
fn with_formats(router: Router<State>, path: &str, methods: MethodRouter<State>) -> Router<State> {
    router
        .route(path, methods.clone())
        .route(&format!("{path}.json"), methods)
        .route(&format!("{path}.xml"), any(xml_handler))
}

pub fn build(state: State) -> Router {
    let mut router = Router::new();
    router = with_formats(router, "/discovery", get(routes::discovery::get));
    router = with_formats(router, "/services", get(routes::services::list));
    router = with_formats(
        router,
        "/requests",
        get(routes::requests::list).post(routes::requests::create),
    );
    // A profile without an endpoint answers 404 there, as such servers do.
    let profile = state.config.profile;
    if profile.updates() {
        router = with_formats(router, "/servicerequestupdates", get(routes::updates::list));
    }
    if profile.areas() {
        router = with_formats(router, "/areas", get(routes::areas::get));
    }
    if profile.alerts() {
        router = with_formats(router, "/alerts", get(routes::alerts::list));
    }
    if profile.sign_in() {
        router = router
            .route("/auth/code", post(routes::auth::request_code))
            .route("/auth/token", post(routes::auth::token))
            .route("/auth/sign-out", post(routes::auth::sign_out));
    }
    router
        .route("/services/{code}", get(routes::services::definition))
        .route("/requests/{id}", get(routes::requests::one))
        .route("/tokens/{token}", get(routes::requests::by_token))
        .route("/media/{name}", get(routes::media::get))
        .route(
            "/officials/requests/{id}/{action}",
            post(routes::officials::act),
        )
        .route("/officials/requests/{id}", get(routes::officials::request))
        .route("/officials/alerts", post(routes::officials::publish_alert))
        .route(
            "/officials/sign-in-codes/{phone}",
            get(routes::officials::sign_in_code),
        )
        .fallback(|| async { ApiError::for_status(StatusCode::NOT_FOUND) })
        .layer(middleware::from_fn_with_state(
            state.clone(),
            rate_limit::limit,
        ))
        .layer(middleware::map_response(errors_as_array))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            super::reshape::as_profile,
        ))
        .layer(middleware::map_response(no_sniffing))
        .layer(middleware::map_response_with_state(
            state.clone(),
            date_from_clock,
        ))
        .with_state(state)
}

/// Every answer is what its Content-Type says: a browser never guesses HTML or
/// script out of an uploaded "photo" or a JSON body.
async fn no_sniffing(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        header::HeaderValue::from_static("nosniff"),
    );
    response
}

/// `Date` from the server's clock, not the host's: a test that sets a manual
/// clock sees a server whose time is off (the app's device check compares
/// the phone's clock with this header). hyper keeps a `Date` already set.
async fn date_from_clock(
    axum::extract::State(state): axum::extract::State<State>,
    mut response: Response,
) -> Response {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_millis(state.now_ms().max(0) as u64);
    if let Ok(value) = header::HeaderValue::from_str(&httpdate::fmt_http_date(at)) {
        response.headers_mut().insert(header::DATE, value);
    }
    response
}

/// Rewrite any error response that is not already our JSON array (axum's 405, a
/// rejection of the HTTP layer) into one.
async fn errors_as_array(response: Response) -> Response {
    let status = response.status();
    let is_error = status.is_client_error() || status.is_server_error();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_error || is_json {
        return response;
    }
    let allow = response.headers().get(header::ALLOW).cloned();
    let mut replaced = ApiError::for_status(status).into_response();
    if let Some(allow) = allow {
        replaced.headers_mut().insert(header::ALLOW, allow);
    }
    replaced
}
