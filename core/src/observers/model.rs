//! What observers receive.

use crate::reports::ReportState;
use crate::time::UnixMillis;

/// What happened to one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReportChangeKind {
    /// In the list when the listener registered (first call only).
    Present,
    Created,
    /// Text, category, urgency, location or photos changed.
    Edited,
    /// Queued, sent, refused, taken back to draft… (see `state`).
    StateChanged,
    /// The city did something with it (timeline, status, result photos).
    CityUpdated,
    /// The resident read its new updates.
    Read,
    Deleted,
}

/// One report's change, with its state after the change (`None` when deleted).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportChange {
    pub report_id: String,
    pub kind: ReportChangeKind,
    pub state: Option<ReportState>,
}

/// A batch of report changes. `initial` marks the first call, which lists
/// every report (`Present`): the screen replaces what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportListUpdate {
    pub initial: bool,
    pub changes: Vec<ReportChange>,
}

/// The numbers for the app's badge and the list's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct BadgeCounts {
    pub drafts: u32,
    /// Queued or being sent.
    pub waiting_to_send: u32,
    /// Refused by the city; the resident must edit them.
    pub needs_attention: u32,
    /// Timeline entries the resident has not opened.
    pub unread_updates: u32,
    /// Live alerts not read.
    pub unread_alerts: u32,
}

/// What the sync is doing, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum SyncActivity {
    /// Nothing to send, or all sent.
    Idle,
    /// Sending report `report_number` of `report_count` (from 1); the bytes of
    /// its photos handed to the network so far.
    Sending {
        report_number: u32,
        report_count: u32,
        bytes_sent: u64,
        bytes_total: u64,
    },
    /// Reports wait for a retry; the next one is due at `next_try_at_ms`.
    WaitingUntil { next_try_at_ms: UnixMillis },
    /// The last try could not reach the city (no connection, timeout).
    Offline,
    /// The session ended; queued reports wait until the resident signs in.
    SignInNeeded,
}
