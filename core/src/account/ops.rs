//! Sign-in, sign-out and the session state, as the shells call them.

use crate::account::{api, session};
use crate::app::Core;
use crate::error::Result;
use crate::net::SyncError;
use crate::net::runtime::spawn_on_core_runtime;
use crate::sync::outbox::db as outbox_db;
use crate::tasks::{CancelToken, run_on_core};

/// Where the resident's session stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SessionState {
    /// Never signed in, or signed out. Drafts work; sending waits for sign-in.
    SignedOut,
    SignedIn,
    /// The city ended the session (refresh refused): queued reports wait until
    /// the resident signs in again. Nothing was dropped.
    SignInNeeded,
}

/// A one-time code is on its way by SMS.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CodeSent {
    /// The number as the city normalised it (`+84…`): pass it to `sign_in`.
    pub phone: String,
    pub expires_in_seconds: u64,
}

impl Core {
    /// What a sync or a pull task needs to refresh the session against `city`
    /// (one refresh at a time for the whole app, through the shared lock).
    pub(crate) fn session_context(
        &self,
        city: std::sync::Arc<crate::net::city::City>,
    ) -> session::SessionContext {
        session::SessionContext {
            store: self.store.clone(),
            secrets: self.secrets.clone(),
            city,
            refreshing: self.sync.refreshing.clone(),
        }
    }

    pub fn session_state(&self) -> Result<SessionState> {
        if session::access_token(&*self.secrets)?.is_some() {
            return Ok(SessionState::SignedIn);
        }
        Ok(if self.store.read(outbox_db::sign_in_needed)? {
            SessionState::SignInNeeded
        } else {
            SessionState::SignedOut
        })
    }

    /// Ask the city to text a one-time code to `phone`.
    pub async fn request_sign_in_code(&self, phone: &str) -> Result<CodeSent> {
        let city = self.sync.city()?;
        let phone = phone.trim().to_owned();
        let answer = spawn_on_core_runtime(async move {
            api::request_code(&city.transport, &city.api_key, &phone)
                .await
                .map_err(SyncError::from)
        })
        .await?;
        Ok(CodeSent {
            phone: answer.phone,
            expires_in_seconds: answer.expires_in,
        })
    }

    /// Exchange the code for tokens, kept in the secure store only. Clears
    /// "sign-in needed", so the next sync sends what waited. Cancelling
    /// `cancel`, or dropping this future, abandons the exchange
    /// ([`SyncError::Cancelled`]): nothing is saved, the resident may retry.
    pub async fn sign_in(
        &self,
        phone: &str,
        code: &str,
        cancel: CancelToken,
    ) -> Result<SessionState> {
        let city = self.sync.city()?;
        let (phone, code) = (phone.trim().to_owned(), code.trim().to_owned());
        let token = cancel.clone();
        let tokens = run_on_core(&cancel, async move {
            token
                .or_cancelled(api::exchange_code(
                    &city.transport,
                    &city.api_key,
                    &phone,
                    &code,
                ))
                .await?
                .map_err(SyncError::from)
        })
        .await?;
        if cancel.is_cancelled() {
            return Err(SyncError::Cancelled.into());
        }
        session::save(&*self.secrets, &tokens)?;
        self.store
            .write_synced(|tx| outbox_db::set_sign_in_needed(tx, false))?;
        tracing::info!("signed in");
        self.observers.sync_activity_may_have_changed();
        Ok(SessionState::SignedIn)
    }

    /// End the session: the city revokes the tokens (when reachable) and they are
    /// removed from the secure store in any case. Drafts and queued reports stay.
    pub async fn sign_out(&self) -> Result<()> {
        if let (Some(access), Ok(city)) = (session::access_token(&*self.secrets)?, self.sync.city())
        {
            let revoked = spawn_on_core_runtime(async move {
                api::sign_out(&city.transport, &city.api_key, &access)
                    .await
                    .map_err(SyncError::from)
            })
            .await;
            if let Err(error) = revoked {
                // Offline: the tokens are forgotten here; they expire on their own.
                tracing::info!(%error, "sign-out not confirmed by the server");
            }
        }
        session::clear(&*self.secrets)?;
        self.store
            .write_synced(|tx| outbox_db::set_sign_in_needed(tx, false))?;
        self.observers.sync_activity_may_have_changed();
        Ok(())
    }
}
