//! Report exports that are not methods of the core object.

use ihanoi_core::reports::{Report, ReportActions, UrgencyOption};

/// The buttons a report's screen shows, decided by the core.
#[uniffi::export]
pub fn report_actions(report: Report) -> ReportActions {
    report.actions()
}

/// The urgency picker's rows, worded in vi and en, the default first.
#[uniffi::export]
pub fn urgency_options() -> Vec<UrgencyOption> {
    ihanoi_core::reports::urgency_options()
}
