//! Sync and sign-in exports: async on the core's runtime (uniffi's tokio
//! support polls them), a `SyncListener` callback interface for progress, and
//! a [`TaskHandle`] to stop them (cancel, or cancel the awaiting coroutine).

use std::sync::Arc;

use ihanoi_core::account::{CodeSent, SessionState};
use ihanoi_core::background::SyncAndPullSummary;
use ihanoi_core::net::CityConfig;
use ihanoi_core::sync::{Submission, SyncEvent, SyncOptions, SyncSummary};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

/// Progress and state changes of a sync, implemented by the shell (called on a
/// core thread: hand off to the UI thread and return quickly).
#[uniffi::export(callback_interface)]
pub trait SyncListener: Send + Sync {
    fn on_event(&self, event: SyncEvent);
}

struct ForeignSyncListener(Box<dyn SyncListener>);

impl ihanoi_core::sync::SyncListener for ForeignSyncListener {
    fn on_event(&self, event: SyncEvent) {
        self.0.on_event(event);
    }
}

#[uniffi::export]
impl IhanoiCore {
    /// Point the core at the city's API. HTTPS, or plain HTTP on loopback only.
    pub fn configure_city(&self, config: CityConfig) -> Result<()> {
        Ok(self.core.configure_city(config)?)
    }

    pub fn session_state(&self) -> Result<SessionState> {
        Ok(self.core.session_state()?)
    }

    /// What the city answered for a sent report (`null` until accepted).
    pub fn submission(&self, report_id: String) -> Result<Option<Submission>> {
        Ok(self.core.submission(&report_id)?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// Send every due report, oldest first; one sync at a time. The summary's
    /// `next_retry_at_ms` is when the shell should schedule the next background run.
    pub async fn sync(
        &self,
        options: SyncOptions,
        listener: Box<dyn SyncListener>,
        task: Arc<TaskHandle>,
    ) -> Result<SyncSummary> {
        let listener = Arc::new(ForeignSyncListener(listener));
        Ok(self.core.sync(options, listener, task.token()).await?)
    }

    /// What a background job (WorkManager, BGTaskScheduler) runs: send the
    /// outbox, then pull what the city did; one summary, with when to run next.
    pub async fn sync_and_pull(
        &self,
        options: SyncOptions,
        listener: Box<dyn SyncListener>,
        task: Arc<TaskHandle>,
    ) -> Result<SyncAndPullSummary> {
        let listener = Arc::new(ForeignSyncListener(listener));
        Ok(self
            .core
            .sync_and_pull(options, listener, task.token())
            .await?)
    }

    /// Text a one-time code to `phone`; pass the returned `phone` to `sign_in`.
    pub async fn request_sign_in_code(&self, phone: String) -> Result<CodeSent> {
        Ok(self.core.request_sign_in_code(&phone).await?)
    }

    /// Exchange the code for tokens (kept in the secure store only).
    pub async fn sign_in(
        &self,
        phone: String,
        code: String,
        task: Arc<TaskHandle>,
    ) -> Result<SessionState> {
        Ok(self.core.sign_in(&phone, &code, task.token()).await?)
    }

    /// Forget the tokens (revoked on the server when reachable). Drafts stay.
    pub async fn sign_out(&self) -> Result<()> {
        Ok(self.core.sign_out().await?)
    }
}
