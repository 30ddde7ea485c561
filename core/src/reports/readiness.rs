//! What must be true before a report may be queued. Every problem is returned at
//! once, so the resident fixes them all in one pass, each with a stable code for
//! the shells and a message in Vietnamese (first) and English.

use crate::i18n::Bilingual;
use crate::reports::model::Report;
use crate::text;

pub const DESCRIPTION_MIN_CHARS: usize = 10;
pub const DESCRIPTION_MAX_CHARS: usize = 2000;
pub const MAX_PHOTOS: usize = 5;
pub const MIN_PHOTOS: usize = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ProblemCode {
    CategoryMissing,
    /// A code that is not on the current list (the city removed it, or it was
    /// never one of the city's).
    CategoryUnknown,
    DescriptionTooShort,
    DescriptionTooLong,
    PhotoMissing,
    LocationMissing,
}

impl ProblemCode {
    /// Stable spelling for shells, analytics and tests; never changes.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::CategoryMissing => "category_missing",
            ProblemCode::CategoryUnknown => "category_unknown",
            ProblemCode::DescriptionTooShort => "description_too_short",
            ProblemCode::DescriptionTooLong => "description_too_long",
            ProblemCode::PhotoMissing => "photo_missing",
            ProblemCode::LocationMissing => "location_missing",
        }
    }
}

/// One reason a report cannot be queued yet, with what the resident is told.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Problem {
    /// Stable code the screen can act on (e.g. open the map for a missing location).
    pub code: ProblemCode,
    /// What is missing and how to fix it, in both languages.
    pub message: Bilingual,
}

impl Problem {
    fn new(code: ProblemCode, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            code,
            message: Bilingual::new(vi, en),
        }
    }
}

/// Facts about a report kept outside its row (photos, location, the list of
/// categories).
#[derive(Debug, Clone, Copy, Default)]
pub struct Attachments {
    pub photo_count: usize,
    pub has_location: bool,
    /// Whether the chosen category is on the current list
    /// ([`crate::categories::is_listed`]); not read without a category.
    pub category_listed: bool,
}

/// Every reason `report` cannot be queued yet; empty when it can.
pub fn problems(report: &Report, attachments: Attachments) -> Vec<Problem> {
    let mut problems = Vec::new();
    match report.category_code {
        None => problems.push(Problem::new(
            ProblemCode::CategoryMissing,
            "Vui lòng chọn lĩnh vực phản ánh.",
            "Please choose a category.",
        )),
        Some(_) if !attachments.category_listed => problems.push(Problem::new(
            ProblemCode::CategoryUnknown,
            "Lĩnh vực đã chọn không còn trong danh sách của thành phố. Vui lòng chọn lại.",
            "The chosen category is not on the city's list. Please choose another one.",
        )),
        Some(_) => {}
    }
    let length = text::char_len(&text::normalize(&report.description));
    if length < DESCRIPTION_MIN_CHARS {
        problems.push(Problem::new(
            ProblemCode::DescriptionTooShort,
            format!(
                "Nội dung phản ánh cần ít nhất {DESCRIPTION_MIN_CHARS} ký tự (hiện có {length})."
            ),
            format!(
                "The description needs at least {DESCRIPTION_MIN_CHARS} characters (it has {length})."
            ),
        ));
    } else if length > DESCRIPTION_MAX_CHARS {
        problems.push(Problem::new(
            ProblemCode::DescriptionTooLong,
            format!(
                "Nội dung phản ánh tối đa {DESCRIPTION_MAX_CHARS} ký tự (hiện có {length})."
            ),
            format!(
                "The description may have at most {DESCRIPTION_MAX_CHARS} characters (it has {length})."
            ),
        ));
    }
    if attachments.photo_count < MIN_PHOTOS {
        problems.push(Problem::new(
            ProblemCode::PhotoMissing,
            "Vui lòng chụp hoặc chọn ít nhất một ảnh hiện trường.",
            "Please take or choose at least one photo of the scene.",
        ));
    }
    if !attachments.has_location {
        problems.push(Problem::new(
            ProblemCode::LocationMissing,
            "Vui lòng xác định vị trí hiện trường trên bản đồ.",
            "Please set the location of the problem on the map.",
        ));
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::model::{ReportState, Urgency};

    fn report(category: Option<&str>, description: &str) -> Report {
        Report {
            id: "r".into(),
            state: ReportState::Draft,
            category_code: category.map(Into::into),
            description: description.into(),
            address: None,
            urgency: Urgency::Normal,
            created_at_ms: 0,
            updated_at_ms: 0,
            send_started: false,
        }
    }

    fn codes(problems: &[Problem]) -> Vec<ProblemCode> {
        problems.iter().map(|p| p.code).collect()
    }

    const COMPLETE: Attachments = Attachments {
        photo_count: 1,
        has_location: true,
        category_listed: true,
    };

    #[test]
    fn an_empty_draft_reports_every_problem_at_once() {
        let found = problems(&report(None, ""), Attachments::default());
        assert_eq!(
            codes(&found),
            vec![
                ProblemCode::CategoryMissing,
                ProblemCode::DescriptionTooShort,
                ProblemCode::PhotoMissing,
                ProblemCode::LocationMissing
            ]
        );
        assert!(
            found
                .iter()
                .all(|p| !p.message.vi.is_empty() && !p.message.en.is_empty())
        );
    }

    #[test]
    fn description_length_counts_nfc_characters_after_trimming() {
        // Eight characters once composed (11 scalars decomposed), plus padding.
        let decomposed = "   Nga\u{302}\u{303}p u\u{301}ng  ";
        assert_eq!(decomposed.trim().chars().count(), 11);
        assert_eq!(text::char_len(&text::normalize(decomposed)), 8);
        assert_eq!(
            codes(&problems(&report(Some("ngap_ung"), decomposed), COMPLETE)),
            vec![ProblemCode::DescriptionTooShort]
        );
        let ten = "Ngập úng 1";
        assert!(problems(&report(Some("ngap_ung"), ten), COMPLETE).is_empty());
    }

    #[test]
    fn description_over_2000_characters_is_too_long() {
        let at_limit = "ệ".repeat(DESCRIPTION_MAX_CHARS);
        assert!(problems(&report(Some("c"), &at_limit), COMPLETE).is_empty());
        let over = "ệ".repeat(DESCRIPTION_MAX_CHARS + 1);
        assert_eq!(
            codes(&problems(&report(Some("c"), &over), COMPLETE)),
            vec![ProblemCode::DescriptionTooLong]
        );
    }

    #[test]
    fn a_category_off_the_list_is_its_own_problem_with_nfc_messages() {
        let unlisted = Attachments {
            category_listed: false,
            ..COMPLETE
        };
        let found = problems(&report(Some("khong_co"), "Ngập úng sau mưa"), unlisted);
        assert_eq!(codes(&found), vec![ProblemCode::CategoryUnknown]);
        assert_eq!(found[0].code.as_str(), "category_unknown");
        for message in [&found[0].message.vi, &found[0].message.en] {
            assert_eq!(*message, text::nfc(message));
        }
        // Without a category only "missing" is reported, never both.
        let found = problems(&report(None, "Ngập úng sau mưa"), unlisted);
        assert_eq!(codes(&found), vec![ProblemCode::CategoryMissing]);
    }
}
