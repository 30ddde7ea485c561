//! The home screen's outbox line, worded by the core.

use ihanoi_core::i18n::Bilingual;
use ihanoi_core::observers::{BadgeCounts, SyncActivity};

/// What the home screen says about the reports waiting to be sent ("3 reports
/// will be sent when you are online"), from the latest `observe_counts` and
/// `observe_sync_activity` values; `None` when nothing waits.
#[uniffi::export]
pub fn outbox_status(
    counts: BadgeCounts,
    activity: SyncActivity,
    now_ms: i64,
) -> Option<Bilingual> {
    ihanoi_core::observers::status::outbox_status(&counts, &activity, now_ms)
}
