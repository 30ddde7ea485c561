//! What a report is, and which actions its state allows.

use crate::i18n::Bilingual;
use crate::reports::readiness::Problem;
use crate::time::UnixMillis;

/// Where a report is in its life. Only drafts can be edited; a queued report can
/// be taken back to draft until sending starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReportState {
    /// Being written on the phone; every change is saved as it is made.
    Draft,
    /// Complete and waiting for the network.
    Queued,
    /// Being uploaded right now (or was, when the app died: it is resent with the same id).
    Sending,
    /// The city has it and gave it a service request id.
    Submitted,
    /// The city refused it; the resident must edit and queue it again.
    NeedsAttention,
}

impl ReportState {
    pub const ALL: [ReportState; 5] = [
        ReportState::Draft,
        ReportState::Queued,
        ReportState::Sending,
        ReportState::Submitted,
        ReportState::NeedsAttention,
    ];

    /// The spelling kept in SQLite (and in the schema's CHECK constraint).
    pub fn as_db_str(self) -> &'static str {
        match self {
            ReportState::Draft => "draft",
            ReportState::Queued => "queued",
            ReportState::Sending => "sending",
            ReportState::Submitted => "submitted",
            ReportState::NeedsAttention => "needs_attention",
        }
    }

    pub fn from_db_str(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_db_str() == s)
    }

    /// What the report's status chip says.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            ReportState::Draft => ("Bản nháp", "Draft"),
            ReportState::Queued => ("Chờ gửi", "Waiting to send"),
            ReportState::Sending => ("Đang gửi", "Sending"),
            ReportState::Submitted => ("Đã gửi", "Sent"),
            ReportState::NeedsAttention => ("Cần bổ sung", "Needs your attention"),
        };
        Bilingual::new(vi, en)
    }

    /// The resident may change the text, category, photos and location.
    pub fn is_editable(self) -> bool {
        matches!(self, ReportState::Draft | ReportState::NeedsAttention)
    }
}

/// How fast the ward must act (the city's handling times depend on it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Urgency {
    #[default]
    Normal,
    Urgent,
    Complex,
}

impl Urgency {
    /// Every value, in the picker's order (the default first).
    pub const ALL: [Urgency; 3] = [Urgency::Normal, Urgency::Urgent, Urgency::Complex];

    pub fn as_db_str(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
            Urgency::Complex => "complex",
        }
    }

    /// What the urgency picker and the report's screen say.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            Urgency::Normal => ("Bình thường", "Normal"),
            Urgency::Urgent => ("Khẩn cấp", "Urgent"),
            Urgency::Complex => ("Phức tạp", "Complex"),
        };
        Bilingual::new(vi, en)
    }

    pub fn from_db_str(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|u| u.as_db_str() == s)
    }
}

/// A field report as the phone knows it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Report {
    /// UUID v7 made on the phone; also the idempotency key sent to the city.
    pub id: String,
    pub state: ReportState,
    pub category_code: Option<String>,
    /// NFC; kept as typed while a draft (autosave), trimmed when queued.
    pub description: String,
    /// A landmark or address typed by the resident ("ngõ 622 Minh Khai, cạnh chung cư").
    pub address: Option<String>,
    pub urgency: Urgency,
    pub created_at_ms: UnixMillis,
    pub updated_at_ms: UnixMillis,
    /// An upload of this report has started — failed, cancelled or cut by a
    /// crash, none of which proves the city did not keep it — so its content
    /// must not change: it cannot go back to draft (until the city refuses it).
    pub send_started: bool,
}

impl Report {
    /// What the screen may offer for this report, given every reason it cannot
    /// be queued yet (`problems`, from readiness): decided here, not in the
    /// shells. [`crate::reports::ReportDetails::actions`] is this with the
    /// report's own problems.
    pub fn actions(&self, problems: &[Problem]) -> ReportActions {
        ReportActions {
            can_edit: self.state.is_editable(),
            can_queue: self.state.is_editable() && problems.is_empty(),
            can_return_to_draft: self.state == ReportState::Queued && !self.send_started,
            can_delete: self.state.is_editable(),
        }
    }
}

/// Buttons a report's screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportActions {
    pub can_edit: bool,
    /// The send button: an editable report with no readiness problem left
    /// (the review screen lists the problems beside it, and the warnings,
    /// which never stop it).
    pub can_queue: bool,
    pub can_return_to_draft: bool,
    pub can_delete: bool,
}

/// One field of a draft, changed on its own (each keystroke batch or picker choice
/// is saved as it happens).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum DraftField {
    Category { code: Option<String> },
    Description { text: String },
    Address { text: Option<String> },
    Urgency { urgency: Urgency },
}

/// Which reports a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ReportFilter {
    All,
    /// Drafts and reports the city sent back.
    Drafts,
    /// Waiting to be sent, or being sent.
    Outbox,
    /// Accepted by the city.
    Submitted,
}

impl ReportFilter {
    pub fn states(self) -> &'static [ReportState] {
        match self {
            ReportFilter::All => &ReportState::ALL,
            ReportFilter::Drafts => &[ReportState::Draft, ReportState::NeedsAttention],
            ReportFilter::Outbox => &[ReportState::Queued, ReportState::Sending],
            ReportFilter::Submitted => &[ReportState::Submitted],
        }
    }
}

/// One page of a list, newest first.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportPage {
    pub reports: Vec<Report>,
    /// Pass back to get the next page; `None` on the last page.
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_round_trip_through_their_db_spelling() {
        for state in ReportState::ALL {
            assert_eq!(ReportState::from_db_str(state.as_db_str()), Some(state));
        }
        assert_eq!(ReportState::from_db_str("deleted"), None);
    }

    #[test]
    fn every_state_has_a_label_in_both_languages() {
        for state in ReportState::ALL {
            let Bilingual { vi, en } = state.label();
            assert!(!vi.is_empty() && !en.is_empty());
            assert_ne!(vi, en, "{state:?}");
        }
    }

    fn empty_draft() -> Report {
        Report {
            id: "x".into(),
            state: ReportState::Draft,
            category_code: None,
            description: String::new(),
            address: None,
            urgency: Urgency::Normal,
            created_at_ms: 0,
            updated_at_ms: 0,
            send_started: false,
        }
    }

    #[test]
    fn only_a_queued_report_can_return_to_draft() {
        let mut report = empty_draft();
        for state in ReportState::ALL {
            report.state = state;
            let actions = report.actions(&[]);
            assert_eq!(actions.can_return_to_draft, state == ReportState::Queued);
            assert_eq!(actions.can_edit, state.is_editable());
        }
        // Once an upload started, the city may hold it: no way back to draft.
        report.state = ReportState::Queued;
        report.send_started = true;
        assert!(!report.actions(&[]).can_return_to_draft);
    }

    #[test]
    fn only_an_editable_report_without_problems_can_be_queued() {
        let mut report = empty_draft();
        let missing = crate::reports::readiness::problems(
            &report,
            crate::reports::readiness::Attachments::default(),
        );
        assert!(!missing.is_empty());
        for state in ReportState::ALL {
            report.state = state;
            assert!(!report.actions(&missing).can_queue, "{state:?}");
            assert_eq!(report.actions(&[]).can_queue, state.is_editable());
            // Problems never take away editing or deleting a draft.
            assert_eq!(report.actions(&missing).can_edit, state.is_editable());
        }
    }
}
