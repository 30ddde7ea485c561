//! What must be true before a report may be queued. Every problem is returned at
//! once, so the resident fixes them all in one pass, each with a stable code for
//! the shells and a message in Vietnamese (first) and English.
//!
//! Beside the problems, [`warnings`]: what the resident should know before
//! sending but that does not stop it (the city decides), such as a photo taken
//! years ago: the city's rules ask for current, unedited photos of the scene.

use crate::i18n::Bilingual;
use crate::photos::Photo;
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
    /// The position lies outside Hanoi (at sea, in a neighbouring province):
    /// the service covers Hanoi only, so the pin must move.
    LocationOutsideHanoi,
    /// A required attribute of the service's definition has no answer.
    AttributeMissing,
    /// An answer the service's definition does not accept (not a number, a
    /// choice no longer listed, …).
    AttributeInvalid,
    /// Photos attached, but the city's server is known to take no uploads:
    /// the report would reach the city without them, so they must go first.
    PhotosNotAccepted,
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
            ProblemCode::LocationOutsideHanoi => "location_outside_hanoi",
            ProblemCode::AttributeMissing => "attribute_missing",
            ProblemCode::AttributeInvalid => "attribute_invalid",
            ProblemCode::PhotosNotAccepted => "photos_not_accepted",
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
    /// The attribute of the service's form it is about (the screen puts the
    /// message beside that field).
    pub attribute_code: Option<String>,
}

impl Problem {
    fn new(code: ProblemCode, vi: impl Into<String>, en: impl Into<String>) -> Self {
        Problem {
            code,
            message: Bilingual::new(vi, en),
            attribute_code: None,
        }
    }

    pub(crate) fn about_attribute(
        code: ProblemCode,
        attribute: &str,
        vi: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Problem {
            attribute_code: Some(attribute.to_owned()),
            ..Problem::new(code, vi, en)
        }
    }
}

/// What the resident should know before sending; queueing is still allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum WarningCode {
    /// A photo taken more than 7 days before it was attached.
    PhotoOld,
    /// A photo without a capture time (a screenshot, a picture from the web).
    PhotoNoCaptureTime,
    /// A photo whose EXIF names an editing program.
    PhotoEdited,
    /// The city's server takes no photo uploads: reports reach it with their
    /// text, category and position only.
    PhotosNotAccepted,
    /// Sent again where the server could not say whether the earlier
    /// attempt had arrived (no idempotency, no usable lookup).
    MaybeSentTwice,
    /// The city already has open reports of this category within 50 m (the
    /// last search for this draft, `nearby_city_reports`): the problem may
    /// already be known. The resident may still send.
    SimilarReportsNearby,
}

impl WarningCode {
    /// Stable spelling for shells, analytics and tests; never changes.
    pub fn as_str(self) -> &'static str {
        match self {
            WarningCode::PhotoOld => "photo_old",
            WarningCode::PhotoNoCaptureTime => "photo_no_capture_time",
            WarningCode::PhotoEdited => "photo_edited",
            WarningCode::PhotosNotAccepted => "photos_not_accepted",
            WarningCode::MaybeSentTwice => "maybe_sent_twice",
            WarningCode::SimilarReportsNearby => "similar_reports_nearby",
        }
    }
}

/// One thing the resident should know before sending, with what they are told.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Warning {
    /// Stable code the screen can act on (e.g. offer to retake the photo).
    pub code: WarningCode,
    /// 0-based place of the photo it is about.
    pub photo_position: Option<u32>,
    /// What the resident is told, in both languages.
    pub message: Bilingual,
}

/// The warnings for a report's photos, in photo order: one per review flag.
pub fn warnings(photos: &[Photo]) -> Vec<Warning> {
    let mut warnings = Vec::new();
    for p in photos {
        let n = p.position + 1;
        let mut add = |code, vi: String, en: String| {
            warnings.push(Warning {
                code,
                photo_position: Some(p.position),
                message: Bilingual::new(vi, en),
            })
        };
        if p.flags.older_than_7_days {
            add(
                WarningCode::PhotoOld,
                format!(
                    "Ảnh {n}: ảnh chụp cách đây hơn 7 ngày. Thành phố cần ảnh hiện trường mới chụp; nên chụp lại."
                ),
                format!(
                    "Photo {n} was taken more than 7 days ago. The city asks for current photos of the scene; consider taking a new one."
                ),
            );
        }
        if p.flags.no_capture_time {
            add(
                WarningCode::PhotoNoCaptureTime,
                format!(
                    "Ảnh {n}: không rõ thời điểm chụp (ảnh chụp màn hình hoặc tải từ mạng?). Nên chụp ảnh hiện trường."
                ),
                format!(
                    "Photo {n} has no capture time (a screenshot or a picture from the web?). Consider taking a photo of the scene."
                ),
            );
        }
        if p.flags.edited_by_software {
            add(
                WarningCode::PhotoEdited,
                format!(
                    "Ảnh {n}: ảnh đã qua phần mềm chỉnh sửa. Thành phố cần ảnh gốc, chưa chỉnh sửa."
                ),
                format!(
                    "Photo {n} was edited with software. The city asks for original, unedited photos."
                ),
            );
        }
    }
    warnings
}

/// Warnings that come from the city's server rather than the photos:
/// `photos_not_accepted` while a report can still be changed and the server
/// is known to take no uploads (what happens: it goes without photos; the
/// problem of the same name says what to do when photos are attached);
/// `maybe_sent_twice` once a report was posted again with no way to rule
/// out a twin.
pub fn server_warnings(
    editable: bool,
    uploads_refused: bool,
    maybe_sent_twice: bool,
) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if editable && uploads_refused {
        warnings.push(Warning {
            code: WarningCode::PhotosNotAccepted,
            photo_position: None,
            message: Bilingual::new(
                "Máy chủ của thành phố này không nhận ảnh: phản ánh được gửi với nội dung, lĩnh vực và vị trí, không kèm ảnh.",
                "This city's server does not accept photos: reports are sent with their text, category and position, without photos.",
            ),
        });
    }
    if maybe_sent_twice {
        warnings.push(Warning {
            code: WarningCode::MaybeSentTwice,
            photo_position: None,
            message: Bilingual::new(
                "Phản ánh này có thể đã được gửi hai lần: máy chủ của thành phố không cho kiểm tra lần gửi trước bị gián đoạn.",
                "This report may have been sent twice: the city's server offers no way to check the earlier attempt that was cut off.",
            ),
        });
    }
    warnings
}

/// Facts about a report kept outside its row (photos, location, the list of
/// categories).
#[derive(Debug, Clone, Copy, Default)]
pub struct Attachments {
    pub photo_count: usize,
    pub has_location: bool,
    /// The stored position is in no ward or commune of Hanoi.
    pub location_outside_hanoi: bool,
    /// Whether the chosen category is on the current list
    /// ([`crate::categories::is_listed`]); not read without a category.
    pub category_listed: bool,
    /// The city's server is known to take no photo uploads
    /// ([`crate::server_profile::ServerProfile::uploads`]).
    pub uploads_refused: bool,
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
    if attachments.uploads_refused {
        // A photo is evidence for the city; where none can reach it, asking
        // for one would block every report, and sending one would lose it.
        if attachments.photo_count > 0 {
            problems.push(Problem::new(
                ProblemCode::PhotosNotAccepted,
                "Thành phố này không nhận ảnh qua ứng dụng: hãy bỏ ảnh để gửi phản ánh. Ảnh vẫn có thể giữ trong thư viện ảnh của điện thoại, phòng khi phường/xã cần xem.",
                "This city cannot receive photos through the app: remove the photos to send the report. Keep them in your phone's gallery in case the ward asks to see them.",
            ));
        }
    } else if attachments.photo_count < MIN_PHOTOS {
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
    } else if attachments.location_outside_hanoi {
        problems.push(Problem::new(
            ProblemCode::LocationOutsideHanoi,
            "Vị trí nằm ngoài địa bàn Hà Nội; ứng dụng chỉ tiếp nhận phản ánh tại Hà Nội. Hãy kéo ghim tới nơi có sự việc.",
            "The location is outside Hà Nội; the app only takes reports in Hà Nội. Drag the pin to where the problem is.",
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
        location_outside_hanoi: false,
        category_listed: true,
        uploads_refused: false,
    };

    fn photo(position: u32, flags: crate::photos::ReviewFlags) -> Photo {
        Photo {
            id: format!("p{position}"),
            report_id: "r".into(),
            position,
            path: String::new(),
            thumbnail_path: String::new(),
            width: 1,
            height: 1,
            bytes: 1,
            sha256: String::new(),
            source: crate::photos::PhotoSource::Gallery,
            captured_at_ms: None,
            capture_utc_offset_minutes: None,
            gps: None,
            software: None,
            flags,
            added_at_ms: 0,
        }
    }

    #[test]
    fn each_review_flag_is_a_worded_warning_about_its_photo() {
        use crate::photos::ReviewFlags;
        let fresh = photo(0, ReviewFlags::default());
        let old_and_edited = photo(
            1,
            ReviewFlags {
                older_than_7_days: true,
                no_capture_time: false,
                edited_by_software: true,
            },
        );
        let no_time = photo(
            2,
            ReviewFlags {
                no_capture_time: true,
                ..ReviewFlags::default()
            },
        );
        assert!(warnings(std::slice::from_ref(&fresh)).is_empty());
        let found = warnings(&[fresh, old_and_edited, no_time]);
        let summary: Vec<_> = found.iter().map(|w| (w.code, w.photo_position)).collect();
        assert_eq!(
            summary,
            vec![
                (WarningCode::PhotoOld, Some(1)),
                (WarningCode::PhotoEdited, Some(1)),
                (WarningCode::PhotoNoCaptureTime, Some(2)),
            ]
        );
        assert!(found[0].message.vi.contains("ảnh chụp cách đây hơn 7 ngày"));
        assert!(found[0].message.vi.starts_with("Ảnh 2"));
        assert!(found[0].message.en.starts_with("Photo 2"));
        for w in &found {
            assert_eq!(w.message.vi, text::nfc(&w.message.vi));
            assert!(!w.message.en.is_empty());
        }
    }

    #[test]
    fn where_photos_cannot_be_sent_they_must_go_and_none_is_asked_for() {
        let no_uploads = Attachments {
            uploads_refused: true,
            ..COMPLETE
        };
        let found = problems(&report(Some("c"), "Ngập úng sau mưa"), no_uploads);
        assert_eq!(codes(&found), vec![ProblemCode::PhotosNotAccepted]);
        assert!(found[0].message.vi.contains("bỏ ảnh"));
        assert!(found[0].message.en.contains("remove the photos"));
        let without = Attachments {
            photo_count: 0,
            ..no_uploads
        };
        assert!(problems(&report(Some("c"), "Ngập úng sau mưa"), without).is_empty());
        // Elsewhere a photo is still required.
        let elsewhere = Attachments {
            photo_count: 0,
            ..COMPLETE
        };
        assert_eq!(
            codes(&problems(&report(Some("c"), "Ngập úng sau mưa"), elsewhere)),
            vec![ProblemCode::PhotoMissing]
        );
    }

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
    fn a_position_outside_hanoi_is_a_problem_only_when_there_is_one() {
        let at_sea = Attachments {
            location_outside_hanoi: true,
            ..COMPLETE
        };
        let found = problems(&report(Some("ngap_ung"), "Ngập úng sau mưa"), at_sea);
        assert_eq!(codes(&found), vec![ProblemCode::LocationOutsideHanoi]);
        assert_eq!(found[0].code.as_str(), "location_outside_hanoi");
        // No position at all is "missing", never also "outside".
        let none = Attachments {
            has_location: false,
            ..at_sea
        };
        let found = problems(&report(Some("ngap_ung"), "Ngập úng sau mưa"), none);
        assert_eq!(codes(&found), vec![ProblemCode::LocationMissing]);
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
