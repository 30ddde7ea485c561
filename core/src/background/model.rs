//! What a background run reports.

use crate::pull::PullSummary;
use crate::sync::SyncSummary;
use crate::time::UnixMillis;

/// How one run of [`crate::Core::sync_and_pull`] ended.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncAndPullSummary {
    /// The outbox part: sent, waiting, needing attention.
    pub sent: SyncSummary,
    /// The pull part; `None` when it did not run (cancelled before it, or
    /// another pull was already running).
    pub pulled: Option<PullSummary>,
    /// The resident must sign in: queued reports wait, the public parts
    /// (alerts, categories, areas) were still pulled.
    pub sign_in_needed: bool,
    /// Stopped by the caller; what was sent or stored stays.
    pub cancelled: bool,
    /// When the shell should schedule the next run for the outbox (`None`:
    /// nothing waits on a timer; run again on the usual period).
    pub next_run_at_ms: Option<UnixMillis>,
}
