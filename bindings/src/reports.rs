//! Report exports that are not methods of the core object.

use ihanoi_core::reports::{Report, ReportActions};

/// The buttons a report's screen shows, decided by the core.
#[uniffi::export]
pub fn report_actions(report: Report) -> ReportActions {
    report.actions()
}
