//! The session's tokens, kept only in the secure store, and the one rule for a
//! refused token: refresh once (one refresh at a time for the whole app), and if
//! the refresh token is refused too, end the session and raise "sign-in needed".

use std::sync::Arc;

use crate::account::api::{self, TokenAnswer};
use crate::error::Result;
use crate::net::SyncError;
use crate::net::city::City;
use crate::net::transport::TransportError;
use crate::secrets::{SecretStore, keys};
use crate::store::Store;
use crate::sync::outbox::db as outbox_db;

pub(crate) fn access_token(secrets: &dyn SecretStore) -> Result<Option<String>> {
    Ok(secrets.get(keys::ACCESS_TOKEN)?)
}

pub(crate) fn save(secrets: &dyn SecretStore, tokens: &TokenAnswer) -> Result<()> {
    // Refresh first: a crash between the two writes leaves a refresh token that
    // can mint a new access token, never an access token without its refresh.
    secrets.set(keys::REFRESH_TOKEN, &tokens.refresh_token)?;
    secrets.set(keys::ACCESS_TOKEN, &tokens.access_token)?;
    Ok(())
}

pub(crate) fn clear(secrets: &dyn SecretStore) -> Result<()> {
    secrets.delete(keys::ACCESS_TOKEN)?;
    secrets.delete(keys::REFRESH_TOKEN)?;
    Ok(())
}

/// Everything a refresh needs, shareable with the sync task.
#[derive(Clone)]
pub(crate) struct SessionContext {
    pub store: Arc<Store>,
    pub secrets: Arc<dyn SecretStore>,
    pub city: Arc<City>,
    pub refreshing: Arc<tokio::sync::Mutex<()>>,
}

impl SessionContext {
    /// After `refused` was answered 401: a fresh access token, or
    /// [`SyncError::SignInNeeded`] (tokens removed, flag set).
    pub async fn refresh_after_401(&self, refused: &str) -> Result<String, SyncError> {
        let _one_at_a_time = self.refreshing.lock().await;
        let current = access_token(&*self.secrets).map_err(local)?;
        if let Some(current) = current.filter(|c| c != refused) {
            // Another request refreshed while this one waited.
            return Ok(current);
        }
        let Some(refresh_token) = self.secrets.get(keys::REFRESH_TOKEN).map_err(local)? else {
            return Err(self.end_session());
        };
        match api::refresh(&self.city.transport, &self.city.api_key, &refresh_token).await {
            Ok(tokens) => {
                save(&*self.secrets, &tokens).map_err(local)?;
                Ok(tokens.access_token)
            }
            Err(TransportError::Status { status: 401, .. }) => Err(self.end_session()),
            // Offline or the server is down: the session may still be fine.
            Err(other) => Err(SyncError::Transport(other)),
        }
    }

    fn end_session(&self) -> SyncError {
        let _ = clear(&*self.secrets);
        let _ = self
            .store
            .write_synced(|tx| outbox_db::set_sign_in_needed(tx, true));
        tracing::info!("session ended by the server; sign-in needed");
        SyncError::SignInNeeded
    }
}

/// A local failure (secure store, database) during a network flow.
pub(crate) fn local(error: impl std::fmt::Display) -> SyncError {
    SyncError::Local {
        detail: error.to_string(),
    }
}
