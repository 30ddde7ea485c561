//! [`Core::sync_and_pull`].

use std::sync::Arc;

use crate::app::Core;
use crate::background::model::SyncAndPullSummary;
use crate::error::{Error, Result};
use crate::net::SyncError;
use crate::sync::{SyncListener, SyncOptions};
use crate::tasks::CancelToken;

impl Core {
    /// Send every due report, then pull what the city did: what a background
    /// job runs. Sign-in needed does not stop the pull (alerts, categories and
    /// areas need no session); a cancel does. Another pull already running is
    /// not an error (it pulls the same). Cancelling `cancel`, or dropping this
    /// future, stops whichever part is running ([`crate::tasks`]).
    pub async fn sync_and_pull(
        &self,
        options: SyncOptions,
        listener: Arc<dyn SyncListener>,
        cancel: CancelToken,
    ) -> Result<SyncAndPullSummary> {
        let sent = self.sync(options, listener, cancel.clone()).await?;
        let pulled = if sent.cancelled || cancel.is_cancelled() {
            None
        } else {
            // Failed pull steps are in the summary, beside what was sent.
            match self.pull_steps(cancel.clone()).await {
                Ok((pulled, _)) => Some(pulled),
                Err(Error::Sync(SyncError::AlreadyRunning)) => None,
                Err(other) => return Err(other),
            }
        };
        let pull_stopped = pulled.as_ref().is_some_and(|p| p.cancelled);
        tracing::info!(
            pulled = pulled.is_some(),
            next_run_at_ms = sent.next_retry_at_ms,
            "background sync and pull done"
        );
        Ok(SyncAndPullSummary {
            sign_in_needed: sent.sign_in_needed,
            cancelled: sent.cancelled || pull_stopped || cancel.is_cancelled(),
            next_run_at_ms: sent.next_retry_at_ms,
            pulled,
            sent,
        })
    }

    /// [`Core::sync_and_pull`] for synchronous callers (the terminal shell).
    /// Must not be called from inside an async runtime.
    pub fn sync_and_pull_blocking(
        &self,
        options: SyncOptions,
        listener: Arc<dyn SyncListener>,
        cancel: CancelToken,
    ) -> Result<SyncAndPullSummary> {
        let runtime = crate::net::runtime::runtime().map_err(SyncError::from)?;
        runtime.block_on(self.sync_and_pull(options, listener, cancel))
    }
}
