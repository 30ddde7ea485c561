//! Pull exports: what the city did (timelines, result photos, alerts,
//! categories, areas), async on the core's runtime like sync, stopped through
//! a [`TaskHandle`]. The reads work offline. Photos cross as paths.

use std::sync::Arc;

use ihanoi_core::categories::Category;
use ihanoi_core::pull::{Alert, PullSummary, ReportStatus, TimelineEntry, UnreadCounts};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::export]
impl IhanoiCore {
    /// A report's timeline, oldest first, labels ready to show (offline).
    pub fn timeline(&self, report_id: String) -> Result<Vec<TimelineEntry>> {
        Ok(self.core.timeline(&report_id)?)
    }

    /// Where the city is with a sent report (`null` before it was accepted).
    pub fn report_status(&self, report_id: String) -> Result<Option<ReportStatus>> {
        Ok(self.core.report_status(&report_id)?)
    }

    /// The resident opened the report's timeline; returns how many were unread.
    pub fn mark_report_read(&self, report_id: String) -> Result<u32> {
        Ok(self.core.mark_report_read(&report_id)?)
    }

    /// Badge numbers: unread updates, reports with any, live unread alerts.
    pub fn unread_counts(&self) -> Result<UnreadCounts> {
        Ok(self.core.unread_counts()?)
    }

    /// Alerts not expired by this device's clock, newest first (offline).
    pub fn alerts(&self) -> Result<Vec<Alert>> {
        Ok(self.core.alerts()?)
    }

    /// `false` when there is no such unread alert.
    pub fn mark_alert_read(&self, alert_id: String) -> Result<bool> {
        Ok(self.core.mark_alert_read(&alert_id)?)
    }

    pub fn mark_all_alerts_read(&self) -> Result<u32> {
        Ok(self.core.mark_all_alerts_read()?)
    }

    /// The categories to offer: the last pull's list, else the one the core
    /// ships (never empty, offline too).
    pub fn categories(&self) -> Result<Vec<Category>> {
        Ok(self.core.categories()?)
    }

    /// The categories matching what the resident typed, best first, with or
    /// without diacritics ("ve sinh" finds "Vệ sinh môi trường"); every
    /// category in the city's order for an empty query (offline).
    pub fn search_categories(&self, query: String) -> Result<Vec<Category>> {
        Ok(self.core.search_categories(&query)?)
    }
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// Fetch what the city did since the last pull; one pull at a time, may
    /// run beside a sync. Raise notifications from `new_updates` / `new_alerts`.
    pub async fn pull(&self, task: Arc<TaskHandle>) -> Result<PullSummary> {
        Ok(self.core.pull(task.token()).await?)
    }

    /// The local path of a result photo in full, downloaded on first call.
    pub async fn result_photo(
        &self,
        update_id: String,
        position: u32,
        task: Arc<TaskHandle>,
    ) -> Result<String> {
        Ok(self
            .core
            .result_photo(&update_id, position, task.token())
            .await?)
    }
}
