//! A report category as the app knows it.

use crate::reports::Urgency;

/// A report category (Open311 "service"), in the order the city lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Category {
    pub code: String,
    pub name_vi: String,
    pub name_en: String,
    pub description_vi: String,
    pub description_en: String,
    pub group_vi: String,
    pub group_en: String,
    pub keywords: Vec<String>,
    /// What the draft screen preselects.
    pub default_urgency: Urgency,
    /// Handling deadline of a non-urgent report, in working hours.
    pub handle_working_hours: Option<u32>,
}
