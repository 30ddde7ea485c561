//! Report exports that are not methods of the core object.

use ihanoi_core::reports::UrgencyOption;

/// The urgency picker's rows, worded in vi and en, the default first.
#[uniffi::export]
pub fn urgency_options() -> Vec<UrgencyOption> {
    ihanoi_core::reports::urgency_options()
}
