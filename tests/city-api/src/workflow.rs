//! How a report moves through the ward: detailed statuses, the officials' actions
//! allowed in each, and the deadlines counted in working time.

use crate::catalog::services::Urgency;
use crate::time::working::WorkingCalendar;

/// Working hours to acknowledge a report (accept it) after it arrives.
pub const ACKNOWLEDGE_WORKING_HOURS: u32 = 8;
/// Working hours to handle an urgent report (and so also to acknowledge it).
pub const URGENT_HANDLE_WORKING_HOURS: u32 = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailedStatus {
    Pending,
    Accepted,
    InProgress,
    Transferred,
    Resolved,
    Rejected,
}

impl DetailedStatus {
    pub const ALL: [DetailedStatus; 6] = [
        DetailedStatus::Pending,
        DetailedStatus::Accepted,
        DetailedStatus::InProgress,
        DetailedStatus::Transferred,
        DetailedStatus::Resolved,
        DetailedStatus::Rejected,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DetailedStatus::Pending => "pending",
            DetailedStatus::Accepted => "accepted",
            DetailedStatus::InProgress => "in_progress",
            DetailedStatus::Transferred => "transferred",
            DetailedStatus::Resolved => "resolved",
            DetailedStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        DetailedStatus::ALL.into_iter().find(|s| s.as_str() == text)
    }

    pub fn is_open(self) -> bool {
        !matches!(self, DetailedStatus::Resolved | DetailedStatus::Rejected)
    }

    /// The standard's `open` / `closed`.
    pub fn open_closed(self) -> &'static str {
        if self.is_open() { "open" } else { "closed" }
    }

    /// Still waiting for the responsible unit to take it.
    pub fn awaits_acknowledgement(self) -> bool {
        matches!(self, DetailedStatus::Pending | DetailedStatus::Transferred)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Accept,
    Start,
    Transfer,
    Comment,
    Resolve,
    Reject,
}

impl Action {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "accept" => Action::Accept,
            "start" => Action::Start,
            "transfer" => Action::Transfer,
            "comment" => Action::Comment,
            "resolve" => Action::Resolve,
            "reject" => Action::Reject,
            _ => return None,
        })
    }

    /// The update's `kind`.
    pub fn kind(self) -> &'static str {
        match self {
            Action::Accept => "accepted",
            Action::Start => "started",
            Action::Transfer => "transferred",
            Action::Comment => "comment",
            Action::Resolve => "resolved",
            Action::Reject => "rejected",
        }
    }

    pub fn requires_description(self) -> bool {
        matches!(self, Action::Comment | Action::Resolve | Action::Reject)
    }

    pub fn takes_photos(self) -> bool {
        matches!(self, Action::Comment | Action::Resolve)
    }

    /// The status after this action, or `None` when it is not allowed from `from`.
    pub fn next(self, from: DetailedStatus) -> Option<DetailedStatus> {
        use DetailedStatus::*;
        match (self, from) {
            (Action::Comment, s) => Some(s),
            (Action::Accept, Pending | Transferred) => Some(Accepted),
            (Action::Start, Accepted) => Some(InProgress),
            (Action::Transfer, s) if s.is_open() => Some(Transferred),
            (Action::Resolve, s) if s.is_open() => Some(Resolved),
            (Action::Reject, s) if s.is_open() => Some(Rejected),
            _ => None,
        }
    }
}

/// `(acknowledge_by, handle_by)` for a report that arrived (or was transferred) at
/// `from_ms`. An urgent report must be handled within 4 working hours, so it must
/// also be acknowledged by then.
pub fn deadlines(
    calendar: &WorkingCalendar,
    from_ms: i64,
    urgency: Urgency,
    handle_working_hours: u32,
) -> (Option<i64>, Option<i64>) {
    let (ack, handle) = match urgency {
        Urgency::Urgent => (URGENT_HANDLE_WORKING_HOURS, URGENT_HANDLE_WORKING_HOURS),
        Urgency::Normal => (ACKNOWLEDGE_WORKING_HOURS, handle_working_hours),
    };
    (
        calendar.add_working_hours(from_ms, ack),
        calendar.add_working_hours(from_ms, handle),
    )
}

/// When a report that arrived (or was transferred) at `from_ms` must be accepted.
pub fn acknowledge_deadline(
    calendar: &WorkingCalendar,
    from_ms: i64,
    urgency: Urgency,
) -> Option<i64> {
    deadlines(calendar, from_ms, urgency, ACKNOWLEDGE_WORKING_HOURS).0
}

/// Late: not acknowledged by `acknowledge_by`, or still open after `handle_by`.
pub fn overdue(
    status: DetailedStatus,
    acknowledge_by: Option<i64>,
    handle_by: Option<i64>,
    now_ms: i64,
) -> bool {
    (status.awaits_acknowledgement() && acknowledge_by.is_some_and(|t| now_ms > t))
        || (status.is_open() && handle_by.is_some_and(|t| now_ms > t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        use DetailedStatus::*;
        assert_eq!(Action::Accept.next(Pending), Some(Accepted));
        assert_eq!(Action::Accept.next(Accepted), None);
        assert_eq!(Action::Start.next(Pending), None);
        assert_eq!(Action::Resolve.next(InProgress), Some(Resolved));
        assert_eq!(Action::Resolve.next(Rejected), None);
        assert_eq!(Action::Comment.next(Resolved), Some(Resolved));
        assert_eq!(Action::Transfer.next(Accepted), Some(Transferred));
        assert_eq!(Action::Accept.next(Transferred), Some(Accepted));
    }

    #[test]
    fn overdue_rules() {
        use DetailedStatus::*;
        assert!(overdue(Pending, Some(10), Some(100), 11));
        assert!(!overdue(Accepted, Some(10), Some(100), 11));
        assert!(overdue(InProgress, Some(10), Some(100), 101));
        assert!(!overdue(Resolved, Some(10), Some(100), 101));
    }
}
