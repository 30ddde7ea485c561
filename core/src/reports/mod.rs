//! A resident's field reports (phản ánh hiện trường), from draft to the city's answer.
//!
//! - [`model`]: what a report is and the states it moves through;
//! - [`readiness`]: what must be true before a report may be queued, with messages;
//! - [`db`]: how reports are kept in SQLite;
//! - [`ops`]: the operations shells call (create, autosave a field, list, queue, …);
//! - [`choices`]: the worded rows of the form's pickers (urgency).

pub mod choices;
pub mod db;
pub mod details;
pub mod model;
pub mod ops;
pub mod readiness;

pub use choices::{UrgencyOption, urgency_options};
pub use details::{CategoryName, CityReason, ReportDetails, UnitName};
pub use model::{
    DraftField, Report, ReportActions, ReportFilter, ReportPage, ReportState, Urgency,
};
pub use readiness::{Problem, ProblemCode, Warning, WarningCode};
