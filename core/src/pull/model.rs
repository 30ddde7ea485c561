//! What a pull brings home, shaped for screens: every label is decided here
//! (Vietnamese and English), so the shells only render.

use crate::i18n::Bilingual;
use crate::time::UnixMillis;

/// Where the city is with a report (the API's `detailed_status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
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

    /// The API's spelling (also what SQLite keeps).
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
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// Resolved or rejected: the city has finished with it.
    pub fn is_closed(self) -> bool {
        matches!(self, DetailedStatus::Resolved | DetailedStatus::Rejected)
    }

    /// The words of docs/city-api.md's status table.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            DetailedStatus::Pending => ("Chờ tiếp nhận", "Waiting to be accepted"),
            DetailedStatus::Accepted => ("Đã tiếp nhận", "Accepted"),
            DetailedStatus::InProgress => ("Đang xử lý", "In progress"),
            DetailedStatus::Transferred => ("Chuyển xử lý", "Transferred"),
            DetailedStatus::Resolved => ("Đã xử lý", "Resolved"),
            DetailedStatus::Rejected => ("Từ chối", "Rejected"),
        };
        Bilingual::new(vi, en)
    }
}

/// A status as the city wrote it, mapped to the app's [`DetailedStatus`]:
/// the app's own words, the standard's `open`/`closed`, and the extended
/// statuses common in the wild (FixMyStreet, CitySDK). A word the app does
/// not know keeps the server's own text as its label, and whether the report
/// is finished comes from the standard `status` beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusWord {
    pub status: DetailedStatus,
    /// The normalised known word, or the server's own text.
    pub word: String,
    pub known: bool,
    pub closed: bool,
}

/// Extended statuses seen on stock Open311 servers: (word, app status,
/// Vietnamese, English). Those mapped to resolved/rejected are finished.
const EXTENDED_STATUSES: &[(&str, DetailedStatus, &str, &str)] = &[
    (
        "open",
        DetailedStatus::Pending,
        "Chờ tiếp nhận",
        "Waiting to be accepted",
    ),
    ("closed", DetailedStatus::Resolved, "Đã đóng", "Closed"),
    (
        "confirmed",
        DetailedStatus::Accepted,
        "Đã xác nhận",
        "Confirmed",
    ),
    (
        "acknowledged",
        DetailedStatus::Accepted,
        "Đã tiếp nhận",
        "Acknowledged",
    ),
    (
        "action_scheduled",
        DetailedStatus::Accepted,
        "Đã lên lịch xử lý",
        "Action scheduled",
    ),
    (
        "planned",
        DetailedStatus::Accepted,
        "Đã lên kế hoạch xử lý",
        "Planned",
    ),
    (
        "investigating",
        DetailedStatus::InProgress,
        "Đang xem xét",
        "Investigating",
    ),
    (
        "internal_referral",
        DetailedStatus::Transferred,
        "Chuyển đơn vị khác xử lý",
        "Referred to another unit",
    ),
    ("fixed", DetailedStatus::Resolved, "Đã khắc phục", "Fixed"),
    (
        "duplicate",
        DetailedStatus::Rejected,
        "Trùng với phản ánh khác",
        "Duplicate of another report",
    ),
    (
        "not_councils_responsibility",
        DetailedStatus::Rejected,
        "Không thuộc trách nhiệm của thành phố",
        "Not the city's responsibility",
    ),
    (
        "not_responsible",
        DetailedStatus::Rejected,
        "Không thuộc trách nhiệm của thành phố",
        "Not the city's responsibility",
    ),
    (
        "unable_to_fix",
        DetailedStatus::Rejected,
        "Không thể khắc phục",
        "Unable to fix",
    ),
    (
        "wont_fix",
        DetailedStatus::Rejected,
        "Không khắc phục",
        "Will not be fixed",
    ),
    (
        "no_further_action",
        DetailedStatus::Rejected,
        "Không xử lý thêm",
        "No further action",
    ),
];

/// Stored form of a word the app does not know: whether it is finished, then
/// the server's text (the column holds known words bare).
const UNKNOWN_OPEN: &str = "open:";
const UNKNOWN_CLOSED: &str = "closed:";

/// `In Progress`, `in-progress` and `in_progress` are the same word.
fn normalise_word(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .replace('\'', "")
        .replace(['-', ' '], "_")
}

impl StatusWord {
    fn known(word: &str) -> Option<StatusWord> {
        let word = normalise_word(word);
        let status = DetailedStatus::parse(&word).or_else(|| {
            EXTENDED_STATUSES
                .iter()
                .find(|(w, ..)| *w == word)
                .map(|(_, s, ..)| *s)
        })?;
        Some(StatusWord {
            status,
            closed: status.is_closed(),
            word,
            known: true,
        })
    }

    /// From an answer: the extension's `detailed_status` when present, else
    /// `status` (where FixMyStreet writes its extended statuses).
    pub fn from_answer(detailed: Option<&str>, status: Option<&str>) -> StatusWord {
        let detailed = detailed.map(str::trim).filter(|d| !d.is_empty());
        let status = status.map(str::trim).filter(|s| !s.is_empty());
        if let Some(word) = detailed.or(status).and_then(StatusWord::known) {
            return word;
        }
        let closed = status.is_some_and(|s| normalise_word(s) == "closed");
        match detailed.or(status) {
            Some(text) => StatusWord {
                status: if closed {
                    DetailedStatus::Resolved
                } else {
                    DetailedStatus::Pending
                },
                word: crate::text::normalize(text).chars().take(80).collect(),
                known: false,
                closed,
            },
            None => StatusWord::known("pending").expect("the app's own word"),
        }
    }

    /// What SQLite keeps.
    pub fn stored(&self) -> String {
        match (self.known, self.closed) {
            (true, _) => self.word.clone(),
            (false, false) => format!("{UNKNOWN_OPEN}{}", self.word),
            (false, true) => format!("{UNKNOWN_CLOSED}{}", self.word),
        }
    }

    /// From what SQLite keeps (anything unreadable is "waiting").
    pub fn from_stored(stored: &str) -> StatusWord {
        let unknown = |text: &str, closed: bool| StatusWord {
            status: if closed {
                DetailedStatus::Resolved
            } else {
                DetailedStatus::Pending
            },
            word: text.to_owned(),
            known: false,
            closed,
        };
        if let Some(text) = stored.strip_prefix(UNKNOWN_OPEN) {
            unknown(text, false)
        } else if let Some(text) = stored.strip_prefix(UNKNOWN_CLOSED) {
            unknown(text, true)
        } else {
            StatusWord::known(stored).unwrap_or_else(|| StatusWord::from_answer(None, None))
        }
    }

    /// What the resident reads: the app's words for its own statuses, the
    /// table's for common extended ones, the server's text otherwise.
    pub fn label(&self) -> Bilingual {
        if !self.known {
            return Bilingual::new(self.word.clone(), self.word.clone());
        }
        match EXTENDED_STATUSES.iter().find(|(w, ..)| *w == self.word) {
            Some((_, _, vi, en)) => Bilingual::new(*vi, *en),
            None => self.status.label(),
        }
    }
}

/// What an official did (the API's `kind`). Unknown kinds from a newer server
/// are kept as [`UpdateKind::Other`] rather than dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum UpdateKind {
    Accepted,
    Started,
    Transferred,
    Comment,
    Resolved,
    Rejected,
    Other,
}

impl UpdateKind {
    pub fn parse(text: &str) -> Self {
        match text {
            "accepted" => UpdateKind::Accepted,
            "started" => UpdateKind::Started,
            "transferred" => UpdateKind::Transferred,
            "comment" => UpdateKind::Comment,
            "resolved" => UpdateKind::Resolved,
            "rejected" => UpdateKind::Rejected,
            _ => UpdateKind::Other,
        }
    }

    /// The timeline line for this kind, naming the unit where it matters.
    pub fn label(self, unit: Option<&str>) -> Bilingual {
        let (vi, en) = match self {
            UpdateKind::Accepted => ("Đã tiếp nhận", "Accepted"),
            UpdateKind::Started => ("Bắt đầu xử lý", "Work started"),
            UpdateKind::Transferred => ("Chuyển xử lý", "Transferred"),
            UpdateKind::Comment => ("Ý kiến của đơn vị xử lý", "Note from the responsible unit"),
            UpdateKind::Resolved => ("Đã xử lý xong", "Resolved"),
            UpdateKind::Rejected => ("Từ chối xử lý", "Rejected"),
            UpdateKind::Other => ("Cập nhật", "Update"),
        };
        match (self, unit) {
            (UpdateKind::Transferred, Some(unit)) => Bilingual::new(
                format!("Chuyển đến {unit} xử lý"),
                format!("Transferred to {unit}"),
            ),
            (UpdateKind::Accepted | UpdateKind::Resolved | UpdateKind::Rejected, Some(unit)) => {
                Bilingual::new(
                    format!("{unit}: {}", vi.to_lowercase()),
                    format!("{en} by {unit}"),
                )
            }
            _ => Bilingual::new(vi, en),
        }
    }
}

/// A result photo of an official reply. Files are under the core's data dir;
/// paths are absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ResultPhoto {
    /// 0-based place in the reply.
    pub position: u32,
    /// The 320 px thumbnail, once a pull has cached it.
    pub thumbnail_path: Option<String>,
    /// The full photo, once downloaded ([`crate::Core::result_photo`]).
    pub photo_path: Option<String>,
    /// Why the photo is not shown: one of [`ResultPhotoProblem`]'s codes
    /// (`invalid_image`, `not_found`, `too_large`, `decode_interrupted`,
    /// `foreign_origin`). `None` while it just waits.
    pub problem: Option<String>,
}

/// Why a result photo is not shown; a photo with a problem is not asked for
/// again by later pulls. Kept in SQLite and in [`ResultPhoto::problem`] as
/// its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ResultPhotoProblem {
    /// The server's file is not an image this app reads.
    InvalidImage,
    /// The server no longer has it (404).
    NotFound,
    /// Over the budget for images from the network (bytes or pixels, read
    /// from the answer's size or the image header; nothing was decoded).
    TooLarge,
    /// Decoding started and never finished (the app was killed, maybe by the
    /// image itself): never tried again, so a crash does not repeat on every sync.
    DecodeInterrupted,
    /// The URL is not on the city API's origin nor on one the city lists;
    /// it was never fetched.
    ForeignOrigin,
}

impl ResultPhotoProblem {
    pub const ALL: [ResultPhotoProblem; 5] = [
        ResultPhotoProblem::InvalidImage,
        ResultPhotoProblem::NotFound,
        ResultPhotoProblem::TooLarge,
        ResultPhotoProblem::DecodeInterrupted,
        ResultPhotoProblem::ForeignOrigin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResultPhotoProblem::InvalidImage => "invalid_image",
            ResultPhotoProblem::NotFound => "not_found",
            ResultPhotoProblem::TooLarge => "too_large",
            ResultPhotoProblem::DecodeInterrupted => "decode_interrupted",
            ResultPhotoProblem::ForeignOrigin => "foreign_origin",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == code)
    }

    /// What the photo's placeholder says.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            ResultPhotoProblem::InvalidImage => {
                ("Không đọc được ảnh này.", "This photo cannot be read.")
            }
            ResultPhotoProblem::NotFound => (
                "Ảnh không còn trên máy chủ.",
                "The photo is gone from the server.",
            ),
            ResultPhotoProblem::TooLarge => (
                "Ảnh quá lớn để hiển thị.",
                "The photo is too large to show.",
            ),
            ResultPhotoProblem::DecodeInterrupted => (
                "Không mở được ảnh này (lần trước bị gián đoạn).",
                "This photo could not be opened (the last try was interrupted).",
            ),
            ResultPhotoProblem::ForeignOrigin => (
                "Ảnh ở địa chỉ ngoài máy chủ của thành phố; không tải.",
                "The photo is outside the city's server; not downloaded.",
            ),
        };
        Bilingual::new(vi, en)
    }
}

/// One line of a report's timeline: a status change or an official reply.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct TimelineEntry {
    /// The city's `update_id` (opaque).
    pub update_id: String,
    pub report_id: String,
    pub kind: UpdateKind,
    /// The report's status after this update.
    pub detailed_status: DetailedStatus,
    /// What happened, e.g. "Đã tiếp nhận" / "Accepted".
    pub label: Bilingual,
    /// The official's text as the city wrote it (NFC; may be empty).
    pub text: String,
    /// The responsible unit after this update (5-digit code) and its name
    /// when the area set knows it.
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    pub updated_at_ms: UnixMillis,
    pub unread: bool,
    pub photos: Vec<ResultPhoto>,
}

/// A sent report as the city last described it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct ReportStatus {
    pub report_id: String,
    pub service_request_id: String,
    pub detailed_status: DetailedStatus,
    /// `detailed_status` in words ([`DetailedStatus::label`]).
    pub label: Bilingual,
    pub closed: bool,
    pub unit_code: Option<String>,
    pub unit_name: Option<String>,
    /// The last official reason or reply (`status_notes`).
    pub status_notes: Option<String>,
    pub acknowledge_by_ms: Option<UnixMillis>,
    /// The handling deadline (`handle_by` / `expected_datetime`).
    pub handle_by_ms: Option<UnixMillis>,
    pub overdue: bool,
    pub updated_at_ms: Option<UnixMillis>,
    /// Timeline entries not yet seen by the resident.
    pub unread: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum AlertSeverity {
    Info,
    Warning,
    Danger,
}

impl AlertSeverity {
    pub fn as_str(self) -> &'static str {
        match self {
            AlertSeverity::Info => "info",
            AlertSeverity::Warning => "warning",
            AlertSeverity::Danger => "danger",
        }
    }

    /// Unknown severities from a newer server are shown as information.
    pub fn parse(text: &str) -> Self {
        match text {
            "warning" => AlertSeverity::Warning,
            "danger" => AlertSeverity::Danger,
            _ => AlertSeverity::Info,
        }
    }

    /// What the alert's chip says.
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            AlertSeverity::Info => ("Thông báo", "Notice"),
            AlertSeverity::Warning => ("Cảnh báo", "Warning"),
            AlertSeverity::Danger => ("Khẩn cấp", "Danger"),
        };
        Bilingual::new(vi, en)
    }
}

/// A city warning or announcement, in both languages as the city wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Alert {
    pub alert_id: String,
    pub severity: AlertSeverity,
    /// `severity` in words ([`AlertSeverity::label`]).
    pub severity_label: Bilingual,
    pub title: Bilingual,
    pub body: Bilingual,
    /// Units it concerns; empty for the whole city.
    pub area_codes: Vec<String>,
    pub published_at_ms: UnixMillis,
    pub expires_at_ms: Option<UnixMillis>,
    pub unread: bool,
}

/// What needs the resident's eyes: the badge numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct UnreadCounts {
    /// Timeline entries not yet seen.
    pub updates: u32,
    /// Reports with at least one unread entry.
    pub reports: u32,
    /// Live (not expired) alerts not yet seen.
    pub alerts: u32,
}

/// How a cached list came out of a pull.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Refresh {
    /// Not asked this time (cancelled or an earlier step failed).
    #[default]
    Skipped,
    /// The server sent a new version; the cache was replaced.
    Updated,
    /// `304 Not Modified`: the cache is current.
    NotModified,
}

/// What one pull did. The shell raises notifications from `new_updates` /
/// `new_alerts` and shows `unread` as badges.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PullSummary {
    /// Timeline entries new in this pull (of the resident's own reports).
    pub new_updates: u32,
    /// Reports that got at least one new entry.
    pub updated_report_ids: Vec<String>,
    pub new_alerts: u32,
    pub unread: UnreadCounts,
    pub categories: Refresh,
    pub areas: Refresh,
    /// Thumbnails cached in this pull, and those that could not be (network:
    /// the next pull tries again; a bad image is marked on the photo).
    pub thumbnails_cached: u32,
    pub thumbnails_failed: u32,
    /// No session: the resident's updates were not asked for (alerts,
    /// categories and areas were).
    pub sign_in_needed: bool,
    pub cancelled: bool,
    /// A cap of one pull was reached (pages per endpoint, bytes stored): the
    /// rest waits for the next pull, which goes on from the stored cursors.
    pub more_to_pull: bool,
    /// Records the city sent that are not the documented shape (a bad date,
    /// a missing field): skipped, the rest of their page used.
    pub skipped_records: u32,
    /// Steps that failed while the others ran (each retried by the next pull).
    pub failed_steps: Vec<PullStepFailure>,
    /// Steps the server does not offer (not failures): skipped, and not
    /// asked again until its discovery changes or a day has passed. For
    /// [`PullStep::Updates`] the reports' statuses were polled instead.
    pub not_offered: Vec<PullStep>,
    /// Reports whose status was asked by polling `GET /requests` (a server
    /// without the updates endpoint).
    pub statuses_polled: u32,
}

/// The independent parts of a pull: one failing does not stop the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PullStep {
    /// The resident's updates, their reports' deadlines and result photos.
    Updates,
    Alerts,
    Categories,
    Areas,
}

impl PullStep {
    pub fn as_str(self) -> &'static str {
        match self {
            PullStep::Updates => "updates",
            PullStep::Alerts => "alerts",
            PullStep::Categories => "categories",
            PullStep::Areas => "areas",
        }
    }

    /// The step in words, for "could not update …".
    pub fn label(self) -> Bilingual {
        let (vi, en) = match self {
            PullStep::Updates => ("cập nhật phản ánh", "report updates"),
            PullStep::Alerts => ("cảnh báo", "alerts"),
            PullStep::Categories => ("danh mục", "categories"),
            PullStep::Areas => ("địa giới phường, xã", "ward boundaries"),
        };
        Bilingual::new(vi, en)
    }
}

/// One step of a pull that failed, and why (a stable code, e.g.
/// `invalid_json`, `server_error`, `connect`; `local` for the phone's own
/// storage).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct PullStepFailure {
    pub step: PullStep,
    pub code: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_unit_where_it_matters() {
        let unit = Some("Phường Hoàn Kiếm");
        assert_eq!(
            UpdateKind::Transferred.label(unit),
            Bilingual::new(
                "Chuyển đến Phường Hoàn Kiếm xử lý",
                "Transferred to Phường Hoàn Kiếm"
            )
        );
        assert_eq!(
            UpdateKind::Accepted.label(unit),
            Bilingual::new(
                "Phường Hoàn Kiếm: đã tiếp nhận",
                "Accepted by Phường Hoàn Kiếm"
            )
        );
        assert_eq!(
            UpdateKind::Comment.label(None),
            Bilingual::new("Ý kiến của đơn vị xử lý", "Note from the responsible unit")
        );
        assert_eq!(UpdateKind::parse("escalated"), UpdateKind::Other);
    }

    #[test]
    fn statuses_round_trip_and_know_when_the_city_is_done() {
        for status in DetailedStatus::ALL {
            assert_eq!(DetailedStatus::parse(status.as_str()), Some(status));
            let label = status.label();
            assert!(!label.vi.is_empty() && !label.en.is_empty());
        }
        let closed: Vec<_> = DetailedStatus::ALL
            .into_iter()
            .filter(|s| s.is_closed())
            .collect();
        assert_eq!(closed, [DetailedStatus::Resolved, DetailedStatus::Rejected]);
        assert_eq!(AlertSeverity::parse("flood"), AlertSeverity::Info);
    }

    #[test]
    fn extended_statuses_map_to_the_apps_and_unknown_ones_keep_their_text() {
        let cases = [
            (
                None,
                Some("open"),
                DetailedStatus::Pending,
                false,
                "Waiting to be accepted",
            ),
            (
                None,
                Some("closed"),
                DetailedStatus::Resolved,
                true,
                "Closed",
            ),
            (None, Some("fixed"), DetailedStatus::Resolved, true, "Fixed"),
            (
                None,
                Some("In Progress"),
                DetailedStatus::InProgress,
                false,
                "In progress",
            ),
            (
                None,
                Some("investigating"),
                DetailedStatus::InProgress,
                false,
                "Investigating",
            ),
            (
                None,
                Some("action_scheduled"),
                DetailedStatus::Accepted,
                false,
                "Action scheduled",
            ),
            (
                None,
                Some("duplicate"),
                DetailedStatus::Rejected,
                true,
                "Duplicate of another report",
            ),
            (
                None,
                Some("not_councils_responsibility"),
                DetailedStatus::Rejected,
                true,
                "Not the city's responsibility",
            ),
            (
                None,
                Some("internal_referral"),
                DetailedStatus::Transferred,
                false,
                "Referred to another unit",
            ),
            (
                None,
                Some("unable_to_fix"),
                DetailedStatus::Rejected,
                true,
                "Unable to fix",
            ),
            (
                None,
                Some("no_further_action"),
                DetailedStatus::Rejected,
                true,
                "No further action",
            ),
            (
                Some("accepted"),
                Some("open"),
                DetailedStatus::Accepted,
                false,
                "Accepted",
            ),
            (
                Some(""),
                Some("closed"),
                DetailedStatus::Resolved,
                true,
                "Closed",
            ),
            (
                None,
                None,
                DetailedStatus::Pending,
                false,
                "Waiting to be accepted",
            ),
        ];
        for (detailed, status, expected, closed, en) in cases {
            let word = StatusWord::from_answer(detailed, status);
            assert_eq!((word.status, word.closed), (expected, closed), "{status:?}");
            assert_eq!(word.label().en, en);
            assert!(word.known);
            assert_eq!(StatusWord::from_stored(&word.stored()), word);
        }
        let own = StatusWord::from_answer(Some("Chờ phê duyệt"), Some("open"));
        assert!(!own.known && !own.closed);
        assert_eq!(
            own.label(),
            Bilingual::new("Chờ phê duyệt", "Chờ phê duyệt")
        );
        assert_eq!(StatusWord::from_stored(&own.stored()), own);
        let done = StatusWord::from_answer(Some("Archived"), Some("closed"));
        assert!(done.closed && !done.known);
        assert_eq!(done.status, DetailedStatus::Resolved);
        assert_eq!(StatusWord::from_stored(&done.stored()), done);
        assert_eq!(StatusWord::from_stored("").status, DetailedStatus::Pending);
    }
}
