//! `TaskHandle`: the one way to stop long work from the shells.
//!
//! Every long call (sync, pull, sync_and_pull, attach_photo, result_photo,
//! nearby_city_reports, sign_in, import_areas) takes a handle and follows
//! one rule: the work stops when `cancel()` is called **or** when the
//! awaiting coroutine / `Task` is
//! cancelled (uniffi drops the Rust future then). A stopped call ends with
//! `IhanoiError.Cancelled` (photos too; a sync or
//! pull returns its summary with `cancelled = true`) and leaves the store
//! consistent ([`ihanoi_core::tasks`]).

use std::sync::Arc;

use ihanoi_core::tasks::CancelToken;

/// Stops one long call from any thread. Make one per call; once cancelled it
/// stays cancelled.
#[derive(Debug, Default, uniffi::Object)]
pub struct TaskHandle {
    pub(crate) token: CancelToken,
}

#[uniffi::export]
impl TaskHandle {
    #[uniffi::constructor]
    pub fn new() -> Arc<Self> {
        Arc::new(Self::default())
    }

    /// Stop the work at its next step. Safe to call more than once, before
    /// the call started or after it ended.
    pub fn cancel(&self) {
        self.token.cancel();
    }

    pub fn is_cancelled(&self) -> bool {
        self.token.is_cancelled()
    }
}

impl TaskHandle {
    /// The token the core call gets (shares the handle's cancellation).
    pub(crate) fn token(&self) -> CancelToken {
        self.token.clone()
    }
}
