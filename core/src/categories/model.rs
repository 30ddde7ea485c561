//! A report category as the app knows it.

use crate::i18n::Bilingual;
use crate::reports::Urgency;

/// A report category (Open311 "service"), in the order the city lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Category {
    pub code: String,
    pub name: Bilingual,
    pub description: Bilingual,
    /// The group the picker files it under ("Môi trường" / "Environment").
    pub group: Bilingual,
    pub keywords: Vec<String>,
    /// What the draft screen preselects.
    pub default_urgency: Urgency,
    /// Handling deadline of a non-urgent report, in working hours.
    pub handle_working_hours: Option<u32>,
}
