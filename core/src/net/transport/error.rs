//! What can go wrong between the phone and the city, as types the outbox and the
//! shells can act on. Messages never carry tokens, phone numbers or report text.

use std::time::Duration;

use crate::net::retry::{self, Verdict};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The configured server address is not a URL we can use.
    #[error("invalid server address: {reason}")]
    InvalidUrl { reason: String },

    /// Plain `http://` to anything but this device: tokens and reports would
    /// travel readable by every Wi-Fi on the way. Only loopback may be plain.
    #[error("the server address must use https:// (plain http is allowed only for loopback)")]
    InsecureUrl,

    /// The TLS setup or an extra root certificate from the configuration is bad.
    #[error("TLS configuration: {reason}")]
    TlsConfig { reason: String },

    /// No connection: no network, DNS failure, refused, unreachable.
    #[error("could not connect to the server: {detail}")]
    Connect { detail: String },

    /// The TLS handshake failed (wrong or untrusted certificate — often a
    /// captive portal or a filtering proxy answering for the city's name).
    #[error("secure connection failed: {detail}")]
    Tls { detail: String },

    /// Connect, upload or answer took longer than allowed.
    #[error("the server did not answer in time")]
    Timeout,

    /// The connection broke while sending or receiving (reset, truncated body).
    #[error("the connection was lost: {detail}")]
    ConnectionLost { detail: String },

    /// The answer is larger than this call accepts; it was not read further.
    #[error("the server's answer is larger than {limit} bytes")]
    ResponseTooLarge { limit: u64 },

    /// Not an answer from the city API: an HTML page (a captive portal's login,
    /// a proxy's error page) or a redirect. Nothing is learnt from it.
    #[error(
        "unexpected answer (HTTP {status}, {content_type}); a Wi-Fi login page or proxy may be in the way"
    )]
    UnexpectedAnswer { status: u16, content_type: String },

    /// The answer claims to be JSON but is not the shape the API documents.
    #[error("the server's answer could not be read: {detail}")]
    InvalidJson { status: u16, detail: String },

    /// The city API answered with an error (the standard's error array, an
    /// error object, or its own error page).
    #[error("{}", status_words(*status, reason, description))]
    Status {
        status: u16,
        /// The API's stable `reason` (docs/city-api.md), or "" when absent.
        reason: String,
        /// The API's human text, Vietnamese — English; may be shown to the resident.
        description: String,
        retry_after: Option<Duration>,
    },
}

/// What a reachable server's error says, in plain words: a 404 is something
/// it does not offer, another 4xx a refusal in its own text.
fn status_words(status: u16, reason: &str, description: &str) -> String {
    let said = if description.is_empty() {
        reason
    } else {
        description
    };
    match status {
        404 | 405 | 410 | 501 => format!("the server does not offer this (HTTP {status})"),
        429 => "the server asks to wait (HTTP 429)".to_owned(),
        400..=499 if !said.is_empty() => format!("the server refused (HTTP {status}): {said}"),
        400..=499 => format!("the server refused (HTTP {status})"),
        _ if !said.is_empty() => format!("the server failed (HTTP {status}): {said}"),
        _ => format!("the server failed (HTTP {status})"),
    }
}

impl TransportError {
    /// A short, stable code for this failure (kept in SQLite as a report's
    /// last error, shown by the device check; never a message with personal
    /// data).
    pub fn code(&self) -> &'static str {
        match self {
            TransportError::InvalidUrl { .. } => "invalid_url",
            TransportError::InsecureUrl => "insecure_url",
            TransportError::TlsConfig { .. } => "tls_config",
            TransportError::Connect { .. } => "connect",
            TransportError::Tls { .. } => "tls",
            TransportError::Timeout => "timeout",
            TransportError::ConnectionLost { .. } => "connection_lost",
            TransportError::ResponseTooLarge { .. } => "response_too_large",
            TransportError::UnexpectedAnswer { .. } => "unexpected_answer",
            TransportError::InvalidJson { .. } => "invalid_json",
            TransportError::Status { status: 429, .. } => "rate_limited",
            TransportError::Status { status, .. } if *status >= 500 => "server_error",
            TransportError::Status { .. } => "http_error",
        }
    }
}

impl TransportError {
    /// What this failure means for a report being sent (see [`retry::classify`]).
    pub fn verdict(&self) -> Verdict {
        match self {
            TransportError::Status {
                status,
                retry_after,
                ..
            } => retry::classify(Some(*status), *retry_after),
            // Nothing trustworthy came back from the city: the report may or may
            // not have arrived, and resending it under the same
            // client_request_id is safe. Configuration problems also wait — the
            // resident did nothing wrong with the report.
            _ => Verdict::Retry { retry_after: None },
        }
    }

    /// The API's `reason`, when the city answered with an error array.
    pub fn api_reason(&self) -> Option<&str> {
        match self {
            TransportError::Status { reason, .. } if !reason.is_empty() => Some(reason),
            _ => None,
        }
    }

    pub(crate) fn from_reqwest(error: reqwest::Error) -> Self {
        let error = error.without_url();
        let detail = error_chain(&error);
        if error.is_timeout() {
            TransportError::Timeout
        } else if has_tls_cause(&error) {
            TransportError::Tls { detail }
        } else if error.is_connect() {
            TransportError::Connect { detail }
        } else if error.is_builder() {
            TransportError::InvalidUrl { reason: detail }
        } else {
            TransportError::ConnectionLost { detail }
        }
    }
}

/// The error and its causes on one line (reqwest's own message is generic).
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

fn has_tls_cause(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(cause) = source {
        if is_tls_error(cause) {
            return true;
        }
        source = cause.source();
    }
    false
}

/// rustls errors reach hyper wrapped in `io::Error`, sometimes twice (tokio-rustls
/// wraps the handshake's io::Error again), and `io::Error::source` skips the
/// wrapped value itself: unwrap by hand.
fn is_tls_error(mut error: &(dyn std::error::Error + 'static)) -> bool {
    loop {
        if error.downcast_ref::<rustls::Error>().is_some() {
            return true;
        }
        match error
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => error = inner,
            None => return false,
        }
    }
}
