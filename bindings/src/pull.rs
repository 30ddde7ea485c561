//! Pull exports: what the city did (timelines, result photos, alerts,
//! categories, areas), async on the core's runtime like sync, stopped through
//! a [`TaskHandle`]. The reads work offline. Photos cross as paths.

use std::sync::Arc;

use ihanoi_core::categories::Category;
use ihanoi_core::pull::{
    Alert, AlertSeverity, DetailedStatus, PullStep, PullStepFailure, PullSummary, Refresh,
    ReportStatus, ResultPhoto, TimelineEntry, UnreadCounts, UpdateKind,
};
use ihanoi_core::reports::Urgency;

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;
use crate::tasks::TaskHandle;

type Result<T> = std::result::Result<T, IhanoiError>;

#[uniffi::remote(Enum)]
pub enum DetailedStatus {
    Pending,
    Accepted,
    InProgress,
    Transferred,
    Resolved,
    Rejected,
}

#[uniffi::remote(Enum)]
pub enum UpdateKind {
    Accepted,
    Started,
    Transferred,
    Comment,
    Resolved,
    Rejected,
    Other,
}

#[uniffi::remote(Record)]
pub struct ResultPhoto {
    pub position: u32,
    pub thumbnail_path: Option<String>,
    pub photo_path: Option<String>,
    pub problem: Option<String>,
}

#[uniffi::remote(Record)]
pub struct TimelineEntry {
    pub update_id: String,
    pub report_id: String,
    pub kind: UpdateKind,
    pub detailed_status: DetailedStatus,
    pub label_vi: String,
    pub label_en: String,
    pub text: String,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub updated_at_ms: i64,
    pub unread: bool,
    pub photos: Vec<ResultPhoto>,
}

#[uniffi::remote(Record)]
pub struct ReportStatus {
    pub report_id: String,
    pub service_request_id: String,
    pub detailed_status: DetailedStatus,
    pub label_vi: String,
    pub label_en: String,
    pub closed: bool,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub status_notes: Option<String>,
    pub acknowledge_by_ms: Option<i64>,
    pub handle_by_ms: Option<i64>,
    pub overdue: bool,
    pub updated_at_ms: Option<i64>,
    pub unread: u32,
}

#[uniffi::remote(Enum)]
pub enum AlertSeverity {
    Info,
    Warning,
    Danger,
}

#[uniffi::remote(Record)]
pub struct Alert {
    pub alert_id: String,
    pub severity: AlertSeverity,
    pub severity_label_vi: String,
    pub severity_label_en: String,
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: String,
    pub body_en: String,
    pub area_codes: Vec<String>,
    pub published_at_ms: i64,
    pub expires_at_ms: Option<i64>,
    pub unread: bool,
}

#[uniffi::remote(Record)]
pub struct Category {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub group_vi: String,
    pub group_en: String,
    pub keywords: Vec<String>,
    pub default_urgency: Urgency,
    pub handle_working_hours: Option<u32>,
}

#[uniffi::remote(Record)]
pub struct UnreadCounts {
    pub updates: u32,
    pub reports: u32,
    pub alerts: u32,
}

#[uniffi::remote(Enum)]
pub enum Refresh {
    Skipped,
    Updated,
    NotModified,
}

#[uniffi::remote(Record)]
pub struct PullSummary {
    pub new_updates: u32,
    pub updated_report_ids: Vec<String>,
    pub new_alerts: u32,
    pub unread: UnreadCounts,
    pub categories: Refresh,
    pub areas: Refresh,
    pub thumbnails_cached: u32,
    pub thumbnails_failed: u32,
    pub sign_in_needed: bool,
    pub cancelled: bool,
    pub more_to_pull: bool,
    pub skipped_records: u32,
    pub failed_steps: Vec<PullStepFailure>,
}

#[uniffi::remote(Enum)]
pub enum PullStep {
    Updates,
    Alerts,
    Categories,
    Areas,
}

#[uniffi::remote(Record)]
pub struct PullStepFailure {
    pub step: PullStep,
    pub code: String,
}

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

    /// The city's categories from the last pull (empty before the first one).
    pub fn categories(&self) -> Result<Vec<Category>> {
        Ok(self.core.categories()?)
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
