//! What a sync tells the shell while it runs and when it ends.

use crate::reports::ReportState;
use crate::time::UnixMillis;

/// The network the shell says the phone is on (the core cannot see it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum NetworkType {
    Wifi,
    Cellular,
    #[default]
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncOptions {
    pub network: NetworkType,
    /// Send reports with photos only on Wi-Fi (the resident's data plan);
    /// on other networks they wait.
    pub photos_only_on_wifi: bool,
}

/// Progress and state changes, in order. Called on the core's network thread:
/// implementations hand off to their UI thread and return quickly.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SyncEvent {
    Started {
        due: u32,
    },
    /// Bytes of one report's photos handed to the network so far.
    Progress {
        report_id: String,
        bytes_sent: u64,
        bytes_total: u64,
    },
    ReportChanged {
        report_id: String,
        state: ReportState,
    },
    /// The session ended; the outbox waits until the resident signs in.
    SignInNeeded,
    Finished {
        summary: SyncSummary,
    },
}

pub trait SyncListener: Send + Sync {
    fn on_event(&self, event: SyncEvent);
}

/// Ignores everything (a background sync without UI).
#[derive(Debug, Default)]
pub struct NoListener;

impl SyncListener for NoListener {
    fn on_event(&self, _event: SyncEvent) {}
}

/// How a sync ended. The shell schedules its next background run (WorkManager,
/// BGTaskScheduler) at `next_retry_at_ms`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct SyncSummary {
    /// Accepted by the city in this run.
    pub sent: u32,
    /// Tried in this run and failed for a reason that passes (they wait).
    pub failed: u32,
    /// Still in the outbox after this run (including `failed`).
    pub waiting: u32,
    /// Reports the city refused; the resident must edit them.
    pub needs_attention: u32,
    pub sign_in_needed: bool,
    pub cancelled: bool,
    /// The earliest time a waiting report may be tried again (`None`: nothing waits
    /// on a timer — nothing queued, or only sign-in / Wi-Fi can unblock it).
    pub next_retry_at_ms: Option<UnixMillis>,
}
