//! What a search for the city's reports near a draft gives the screens, and
//! the form the last answer is kept in. Every word is decided here.

use serde::{Deserialize, Serialize};

use crate::i18n::Bilingual;
use crate::pull::model::{DetailedStatus, ResultPhotoProblem, StatusWord};
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS, UnixMillis};

/// How far from the draft's position a report of the city counts as "the
/// same place": a phone's fix in a Hanoi street is good to 10–20 m and the
/// city publishes positions rounded to ~11 m, so 50 m finds the same
/// problem without listing the next street's.
pub const NEARBY_RADIUS_M: f64 = 50.0;
/// At most this many reports are listed (nearest first); `total` says how
/// many matched.
pub const MAX_LISTED: usize = 10;
/// Thumbnails fetched per listed report (the first photos in the city's order).
pub const MAX_PHOTOS_PER_REPORT: usize = 3;
/// The kept answer stands for the draft while its pin stays within this of
/// the position it was asked for (and the category is the same); a pin moved
/// further needs a new search.
pub const CACHE_MOVE_M: f64 = 10.0;
/// Characters of a report's description shown in the list.
pub const EXCERPT_CHARS: usize = 140;

/// Where an answer came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum NearbySource {
    /// Just asked of the city.
    Live,
    /// The city could not be reached: the last answer for this draft, place
    /// and category, as of `fetched_at_ms` (`freshness` says how old).
    Cached,
    /// The city's server publishes no searchable list of reports (it lists
    /// reports by id only, or not at all): nothing can be shown.
    NotOffered,
}

/// A photo of a city report, as a thumbnail on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NearbyCityPhoto {
    /// 0-based place among the report's photos.
    pub position: u32,
    /// The 320 px thumbnail (absolute path under the core's data directory);
    /// `None` when it could not be fetched (`problem`) or the network failed
    /// before it arrived.
    pub thumbnail_path: Option<String>,
    /// Why there is no thumbnail: `invalid_image`, `not_found`, `too_large`,
    /// `foreign_origin` (the codes of result photos).
    pub problem: Option<String>,
    /// `problem` in words, for the placeholder.
    pub problem_label: Option<Bilingual>,
}

/// One open report the city already has near the draft, in its category.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NearbyCityReport {
    /// The city's id of the report.
    pub service_request_id: String,
    /// The app's status for the city's word (as a pull maps it).
    pub detailed_status: DetailedStatus,
    /// The status in words: the app's, a common extended status's, or the
    /// server's own text when the app does not know it.
    pub status_label: Bilingual,
    /// Metres from the draft's position to the report's published position.
    pub distance_m: u32,
    /// The start of its description (NFC, at most [`EXCERPT_CHARS`]
    /// characters, `…` when cut); empty when the city publishes none.
    pub excerpt: String,
    /// The address the reporter gave, when published.
    pub address: Option<String>,
    /// When it was filed (the city's `requested_datetime`).
    pub requested_at_ms: Option<UnixMillis>,
    /// The responsible unit's name, when the city names a unit this device knows.
    pub unit_name: Option<String>,
    /// Its photos' thumbnails, in the city's order (at most
    /// [`MAX_PHOTOS_PER_REPORT`]).
    pub photos: Vec<NearbyCityPhoto>,
}

/// The city's open reports of the draft's category near its position:
/// what the review step shows before queueing.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct NearbyCityReports {
    pub report_id: String,
    /// The category and position the answer is for.
    pub category_code: String,
    pub latitude: f64,
    pub longitude: f64,
    /// [`NEARBY_RADIUS_M`].
    pub radius_m: f64,
    pub source: NearbySource,
    /// When the city gave this answer (Unix ms, this device's clock).
    pub fetched_at_ms: UnixMillis,
    /// How old the answer is now, in milliseconds.
    pub age_ms: i64,
    /// The city's server applied the position filter itself; otherwise its
    /// reports of the category from the last 90 days were measured here.
    pub server_radius: bool,
    /// How many open reports matched; `reports` lists the nearest
    /// [`MAX_LISTED`].
    pub total: u32,
    /// Nearest first; never the resident's own reports.
    pub reports: Vec<NearbyCityReport>,
    /// The section's title: how many are known, or that none are, or that
    /// the city offers no search.
    pub heading: Bilingual,
    /// For a cached answer: that it is one, and its age ("no network: the
    /// answer from 3 hours ago"). `None` for a live answer.
    pub freshness: Option<Bilingual>,
}

/// A photo as kept with the answer: file names, never paths (the data
/// directory may move with a restored backup).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredPhoto {
    pub position: u32,
    pub url: String,
    pub thumbnail_file: Option<String>,
    pub problem: Option<String>,
}

/// A report as kept with the answer (table `nearby_answers`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredReport {
    pub service_request_id: String,
    /// [`StatusWord::stored`].
    pub status: String,
    pub distance_m: f64,
    pub description: Option<String>,
    pub address: Option<String>,
    pub requested_at_ms: Option<UnixMillis>,
    pub unit_code: Option<String>,
    pub photos: Vec<StoredPhoto>,
}

/// One answer as kept for a draft.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAnswer {
    pub report_id: String,
    pub category_code: String,
    pub latitude: f64,
    pub longitude: f64,
    pub radius_m: f64,
    pub offered: bool,
    pub server_radius: bool,
    pub total: u32,
    pub reports: Vec<StoredReport>,
    pub fetched_at_ms: UnixMillis,
}

impl StoredReport {
    pub fn status_word(&self) -> StatusWord {
        StatusWord::from_stored(&self.status)
    }

    /// The description's start, cut on a character boundary.
    pub fn excerpt(&self) -> String {
        excerpt(self.description.as_deref().unwrap_or(""))
    }
}

/// At most [`EXCERPT_CHARS`] characters of `text`, with `…` when cut.
pub fn excerpt(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

impl StoredPhoto {
    pub fn problem_code(&self) -> Option<ResultPhotoProblem> {
        self.problem.as_deref().and_then(ResultPhotoProblem::parse)
    }
}

/// The section's title for `total` open reports found (`offered == false`:
/// the server cannot be searched).
pub fn heading(offered: bool, total: u32) -> Bilingual {
    let radius = NEARBY_RADIUS_M as u32;
    if !offered {
        return Bilingual::new(
            "Máy chủ của thành phố không cho tìm các phản ánh đã có gần đây.",
            "The city's server offers no search of the reports it already has nearby.",
        );
    }
    match total {
        0 => Bilingual::new(
            format!("Chưa có phản ánh nào cùng lĩnh vực đang mở trong vòng {radius} m."),
            format!("No open report of this category within {radius} m yet."),
        ),
        1 => Bilingual::new(
            format!(
                "Thành phố đã có 1 phản ánh cùng lĩnh vực đang mở trong vòng {radius} m: có thể sự việc đã được biết."
            ),
            format!(
                "The city already has 1 open report of this category within {radius} m: the problem may already be known."
            ),
        ),
        n => Bilingual::new(
            format!(
                "Thành phố đã có {n} phản ánh cùng lĩnh vực đang mở trong vòng {radius} m: có thể sự việc đã được biết."
            ),
            format!(
                "The city already has {n} open reports of this category within {radius} m: the problem may already be known."
            ),
        ),
    }
}

/// How old an answer is, in words.
pub fn age_words(age_ms: i64) -> Bilingual {
    let age_ms = age_ms.max(0);
    if age_ms < MINUTE_MS {
        return Bilingual::new("vừa xong", "just now");
    }
    let (n, vi, en) = if age_ms < HOUR_MS {
        (age_ms / MINUTE_MS, "phút", "min")
    } else if age_ms < DAY_MS {
        (age_ms / HOUR_MS, "giờ", "h")
    } else {
        (
            age_ms / DAY_MS,
            "ngày",
            if age_ms < 2 * DAY_MS { "day" } else { "days" },
        )
    };
    Bilingual::new(format!("{n} {vi} trước"), format!("{n} {en} ago"))
}

/// What a cached answer says of itself.
pub fn cached_words(age_ms: i64) -> Bilingual {
    let age = age_words(age_ms);
    Bilingual::new(
        format!(
            "Không kết nối được máy chủ của thành phố: đây là kết quả đã lưu {}.",
            age.vi
        ),
        format!(
            "The city's server could not be reached: this is the answer saved {}.",
            age.en
        ),
    )
}

/// What an answer read from the store (not asked now) says of itself.
pub fn kept_words(age_ms: i64) -> Bilingual {
    let age = age_words(age_ms);
    Bilingual::new(
        format!("Kết quả lần tìm trước, đã lưu {}.", age.vi),
        format!("The last search's answer, saved {}.", age.en),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text;

    #[test]
    fn words_are_vietnamese_first_and_nfc() {
        for b in [
            heading(true, 0),
            heading(true, 1),
            heading(true, 3),
            heading(false, 0),
            cached_words(3 * HOUR_MS + 5),
            kept_words(0),
        ] {
            assert_eq!(text::nfc(&b.vi), b.vi);
            assert_ne!(b.vi, b.en);
        }
        assert_eq!(age_words(30_000).en, "just now");
        assert_eq!(age_words(5 * MINUTE_MS).vi, "5 phút trước");
        assert_eq!(age_words(3 * HOUR_MS + 1).en, "3 h ago");
        assert_eq!(age_words(DAY_MS).en, "1 day ago");
        assert_eq!(age_words(3 * DAY_MS).vi, "3 ngày trước");
    }

    #[test]
    fn an_excerpt_is_cut_on_characters() {
        assert_eq!(excerpt("  Rác  "), "Rác");
        let long = "ổ gà ".repeat(60);
        let cut = excerpt(&long);
        assert!(cut.chars().count() <= EXCERPT_CHARS);
        assert!(cut.ends_with('…'));
    }
}
