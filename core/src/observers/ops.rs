//! Registering listeners, as the shells call it.

use std::sync::Arc;

use crate::app::Core;
use crate::error::Result;
use crate::observers::{
    CountsObserver, ReportChangeKind, ReportsObserver, Subscription, SyncActivityObserver,
};

impl Core {
    /// Be told of every change to the report list, first with every report
    /// (`initial`). Keep the subscription as long as the screen shows the list.
    pub fn observe_reports(&self, listener: Arc<dyn ReportsObserver>) -> Result<Subscription> {
        self.observers.observe_reports(listener)
    }

    /// Be told the badge numbers now and whenever one changes.
    pub fn observe_counts(&self, listener: Arc<dyn CountsObserver>) -> Result<Subscription> {
        self.observers.observe_counts(listener)
    }

    /// Be told what the sync is doing now and whenever that changes.
    pub fn observe_sync_activity(
        &self,
        listener: Arc<dyn SyncActivityObserver>,
    ) -> Result<Subscription> {
        self.observers.observe_sync_activity(listener)
    }

    /// One report changed (committed): list listeners and counts.
    pub(crate) fn report_changed(&self, id: &str, kind: ReportChangeKind) {
        self.observers.reports_changed(&[(id, kind)]);
    }
}
