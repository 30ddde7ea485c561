//! Words for screens that lay out the core's values: the home screen's
//! outbox line, the device check's status chips.

use ihanoi_core::device_check::CheckStatus;
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

/// What a device check row's (or the verdict's) chip says.
#[uniffi::export]
pub fn check_status_label(status: CheckStatus) -> Bilingual {
    status.label()
}
