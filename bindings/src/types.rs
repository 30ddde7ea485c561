//! Core types exported as they are. Each block mirrors the core's definition;
//! uniffi checks the mirror against the real type at compile time.

use ihanoi_core::reports::{
    CategoryName, CityReason, DraftField, Problem, ProblemCode, Report, ReportActions,
    ReportDetails, ReportFilter, ReportPage, ReportState, UnitName, Urgency, Warning, WarningCode,
};

#[uniffi::remote(Enum)]
pub enum Urgency {
    Normal,
    Urgent,
    Complex,
}

#[uniffi::remote(Record)]
pub struct Report {
    pub id: String,
    pub state: ReportState,
    pub category_code: Option<String>,
    pub description: String,
    pub address: Option<String>,
    pub urgency: Urgency,
    pub created_at_ms: i64,
    pub updated_at_ms: i64,
    pub send_started: bool,
}

#[uniffi::remote(Record)]
pub struct ReportActions {
    pub can_edit: bool,
    pub can_queue: bool,
    pub can_return_to_draft: bool,
    pub can_delete: bool,
}

#[uniffi::remote(Enum)]
pub enum DraftField {
    Category { code: Option<String> },
    Description { text: String },
    Address { text: Option<String> },
    Urgency { urgency: Urgency },
}

#[uniffi::remote(Enum)]
pub enum ReportFilter {
    All,
    Drafts,
    Outbox,
    Submitted,
}

#[uniffi::remote(Record)]
pub struct ReportPage {
    pub reports: Vec<Report>,
    pub next_cursor: Option<String>,
}

#[uniffi::remote(Enum)]
pub enum ProblemCode {
    CategoryMissing,
    CategoryUnknown,
    DescriptionTooShort,
    DescriptionTooLong,
    PhotoMissing,
    LocationMissing,
}

#[uniffi::remote(Record)]
pub struct Problem {
    pub code: ProblemCode,
    pub message_vi: String,
    pub message_en: String,
}

#[uniffi::remote(Enum)]
pub enum WarningCode {
    PhotoOld,
    PhotoNoCaptureTime,
    PhotoEdited,
}

/// What the resident should know before sending; never stops queueing.
#[uniffi::remote(Record)]
pub struct Warning {
    pub code: WarningCode,
    pub photo_position: Option<u32>,
    pub message_vi: String,
    pub message_en: String,
}

#[uniffi::remote(Record)]
pub struct CategoryName {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub listed: bool,
}

#[uniffi::remote(Record)]
pub struct UnitName {
    pub code: String,
    pub name: Option<String>,
    pub from_city: bool,
}

#[uniffi::remote(Record)]
pub struct CityReason {
    pub code: String,
    pub message: String,
}

/// A report with what its screen says: labels, category and unit names, the
/// city's reason when it needs attention, problems and warnings.
#[uniffi::remote(Record)]
pub struct ReportDetails {
    pub report: Report,
    pub state_label_vi: String,
    pub state_label_en: String,
    pub urgency_label_vi: String,
    pub urgency_label_en: String,
    pub category: Option<CategoryName>,
    pub unit: Option<UnitName>,
    pub attention: Option<CityReason>,
    pub problems: Vec<Problem>,
    pub warnings: Vec<Warning>,
}

/// The buttons a report's screen shows, decided by the core.
#[uniffi::export]
pub fn report_actions(report: Report) -> ReportActions {
    report.actions()
}
