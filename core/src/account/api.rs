//! The sign-in calls of the city API. Phone numbers and codes go in POST
//! bodies (never URLs, never logs).

use serde::Deserialize;

use crate::net::transport::{DEFAULT_RESPONSE_LIMIT, Transport, TransportError};

pub const CODE_PATH: &str = "auth/code";
pub const TOKEN_PATH: &str = "auth/token";
pub const SIGN_OUT_PATH: &str = "auth/sign-out";

/// `POST /auth/code` answer.
#[derive(Debug, Clone, Deserialize)]
pub struct CodeAnswer {
    /// The number as the city normalised it (`+84…`).
    pub phone: String,
    pub expires_in: u64,
}

/// `POST /auth/token` answer.
#[derive(Clone, Deserialize)]
pub struct TokenAnswer {
    pub access_token: String,
    pub refresh_token: String,
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub account_id: Option<String>,
}

impl std::fmt::Debug for TokenAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a token.
        f.debug_struct("TokenAnswer")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

pub async fn request_code(
    transport: &Transport,
    api_key: &str,
    phone: &str,
) -> Result<CodeAnswer, TransportError> {
    transport
        .post_form(
            CODE_PATH,
            &[("api_key", api_key), ("phone", phone)],
            None,
            DEFAULT_RESPONSE_LIMIT,
        )
        .await?
        .json()
}

pub async fn exchange_code(
    transport: &Transport,
    api_key: &str,
    phone: &str,
    code: &str,
) -> Result<TokenAnswer, TransportError> {
    transport
        .post_form(
            TOKEN_PATH,
            &[
                ("api_key", api_key),
                ("grant_type", "one_time_code"),
                ("phone", phone),
                ("code", code),
            ],
            None,
            DEFAULT_RESPONSE_LIMIT,
        )
        .await?
        .json()
}

pub async fn refresh(
    transport: &Transport,
    api_key: &str,
    refresh_token: &str,
) -> Result<TokenAnswer, TransportError> {
    transport
        .post_form(
            TOKEN_PATH,
            &[
                ("api_key", api_key),
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ],
            None,
            DEFAULT_RESPONSE_LIMIT,
        )
        .await?
        .json()
}

pub async fn sign_out(
    transport: &Transport,
    api_key: &str,
    access_token: &str,
) -> Result<(), TransportError> {
    transport
        .post_form(
            SIGN_OUT_PATH,
            &[("api_key", api_key)],
            Some(access_token),
            DEFAULT_RESPONSE_LIMIT,
        )
        .await?
        .success()
        .map(drop)
}
