//! Every core error variant, with the kind it must have. The matches in
//! `classify.rs` are exhaustive (a new variant does not compile until it is
//! classified); these tests pin *which* kind each one gets.

use unicode_normalization::is_nfc;

use super::*;
use crate::areas::error::FeatureRef;
use crate::photos::ImageFormat;
use crate::reports::ReportState;
use crate::secrets::SecretStoreError;

fn at() -> FeatureRef {
    FeatureRef {
        index: 3,
        code: Some("00004".into()),
    }
}

fn status(status: u16, reason: &str, description: &str) -> TransportError {
    TransportError::Status {
        status,
        reason: reason.into(),
        description: description.into(),
        retry_after: None,
    }
}

/// One value of every variant of the core's error and of each error it wraps.
fn every_core_error() -> Vec<(Error, ErrorKind)> {
    use ErrorKind as K;
    let mut all: Vec<(Error, ErrorKind)> = vec![
        (
            Error::Sqlite(rusqlite::Error::QueryReturnedNoRows),
            K::Storage,
        ),
        (
            Error::io("photos", std::io::Error::other("disk full")),
            K::Storage,
        ),
        (
            Error::SchemaTooNew {
                found: 9,
                supported: 4,
            },
            K::Storage,
        ),
        (Error::ReportNotFound { id: "x".into() }, K::NotFound),
        (
            Error::InvalidReportId { id: "x".into() },
            K::InvalidArgument,
        ),
        (
            Error::WrongState {
                id: "x".into(),
                state: ReportState::Queued,
                expected: "a draft",
            },
            K::WrongState,
        ),
        (Error::NotReady { problems: vec![] }, K::NotReady),
        (
            Error::TooLong {
                field: "description",
                max: 4000,
            },
            K::InvalidArgument,
        ),
        (Error::InvalidCursor, K::InvalidArgument),
        (
            Error::InvalidAttributeCode {
                code: "a[b]".into(),
            },
            K::InvalidArgument,
        ),
        (
            Error::SecretStore(SecretStoreError {
                message: "locked".into(),
            }),
            K::SecretStore,
        ),
    ];
    let areas = [
        (
            AreasError::MalformedGeoJson { reason: "x".into() },
            K::InvalidArgument,
        ),
        (
            AreasError::MissingProperty {
                at: at(),
                property: "code",
            },
            K::InvalidArgument,
        ),
        (
            AreasError::UnsupportedGeometry {
                at: at(),
                found: "Point".into(),
            },
            K::InvalidArgument,
        ),
        (
            AreasError::NonFiniteCoordinate { at: at() },
            K::InvalidArgument,
        ),
        (
            AreasError::CoordinateOutOfRange {
                at: at(),
                lat: 91.0,
                lon: 0.0,
            },
            K::InvalidArgument,
        ),
        (
            AreasError::RingTooShort {
                at: at(),
                points: 2,
            },
            K::InvalidArgument,
        ),
        (AreasError::RingNotClosed { at: at() }, K::InvalidArgument),
        (
            AreasError::SelfIntersecting {
                at: at(),
                lat: 21.0,
                lon: 105.8,
            },
            K::InvalidArgument,
        ),
        (AreasError::EmptyGeometry { at: at() }, K::InvalidArgument),
        (AreasError::EmptySet, K::InvalidArgument),
        (
            AreasError::DuplicateCode {
                code: "00004".into(),
            },
            K::InvalidArgument,
        ),
        (
            AreasError::CorruptCache {
                reason: "truncated".into(),
            },
            K::Storage,
        ),
        (
            AreasError::MalformedFormerNames {
                line: 2,
                reason: "x".into(),
            },
            K::InvalidArgument,
        ),
        (AreasError::NotLoaded, K::AreasUnavailable),
        (
            AreasError::InvalidPosition {
                lat: f64::NAN,
                lon: 0.0,
            },
            K::InvalidArgument,
        ),
        (
            AreasError::InvalidRadius { radius_m: -1.0 },
            K::InvalidArgument,
        ),
    ];
    all.extend(areas.into_iter().map(|(e, k)| (Error::Areas(e), k)));
    let location = [
        (
            LocationError::InvalidFix {
                reason: "NaN".into(),
            },
            K::InvalidArgument,
        ),
        (
            LocationError::NotACandidate {
                code: "00004".into(),
            },
            K::InvalidArgument,
        ),
        (LocationError::NoLocation, K::NoLocation),
    ];
    all.extend(location.into_iter().map(|(e, k)| (Error::Location(e), k)));
    let photo = [
        (PhotoError::NotFound, K::PhotoNotFound),
        (PhotoError::NotAFile, K::PhotoNotFound),
        (PhotoError::OutsideReadableDirs, K::PhotoNotFound),
        (PhotoError::Empty, K::PhotoCorrupt),
        (
            PhotoError::FileTooLarge {
                bytes: 99 << 20,
                max: 50 << 20,
            },
            K::PhotoTooLarge,
        ),
        (
            PhotoError::TooManyPixels {
                width: 20_000,
                height: 20_000,
                max_pixels: 100_000_000,
            },
            K::PhotoTooLarge,
        ),
        (
            PhotoError::UnsupportedFormat(ImageFormat::Heif),
            K::PhotoUnsupported,
        ),
        (PhotoError::UnrecognizedFormat, K::PhotoUnsupported),
        (PhotoError::Corrupt { reason: "x".into() }, K::PhotoCorrupt),
        (PhotoError::TooManyPhotos { max: 6 }, K::TooManyPhotos),
        (
            PhotoError::Duplicate {
                existing_photo_id: "p".into(),
            },
            K::PhotoDuplicate,
        ),
        (PhotoError::PhotoNotFound { id: "p".into() }, K::NotFound),
        (PhotoError::InvalidOrder, K::InvalidArgument),
        (PhotoError::Cancelled, K::Cancelled),
        (PhotoError::Encode { reason: "x".into() }, K::PhotoFailed),
        (PhotoError::ForeignOrigin, K::PhotoFailed),
    ];
    all.extend(photo.into_iter().map(|(e, k)| (Error::Photo(e), k)));
    let sync = [
        (SyncError::NotConfigured, K::NotConfigured),
        (SyncError::SignInNeeded, K::SignInNeeded),
        (SyncError::AlreadyRunning, K::Busy),
        (SyncError::Local { detail: "x".into() }, K::Storage),
        (SyncError::Cancelled, K::Cancelled),
    ];
    all.extend(sync.into_iter().map(|(e, k)| (Error::Sync(e), k)));
    let transport = [
        (
            TransportError::InvalidUrl { reason: "x".into() },
            K::NotConfigured,
        ),
        (TransportError::InsecureUrl, K::NotConfigured),
        (
            TransportError::TlsConfig { reason: "x".into() },
            K::NotConfigured,
        ),
        (TransportError::Connect { detail: "x".into() }, K::Network),
        (TransportError::Tls { detail: "x".into() }, K::Network),
        (TransportError::Timeout, K::Network),
        (
            TransportError::ConnectionLost { detail: "x".into() },
            K::Network,
        ),
        (TransportError::ResponseTooLarge { limit: 1 }, K::Network),
        (
            TransportError::UnexpectedAnswer {
                status: 200,
                content_type: "text/html".into(),
            },
            K::Network,
        ),
        (
            TransportError::InvalidJson {
                status: 200,
                detail: "x".into(),
            },
            K::Network,
        ),
        (status(503, "", ""), K::Network),
        (status(500, "", ""), K::Network),
        (status(429, "too_many_requests", ""), K::Network),
        (status(408, "", ""), K::Network),
        (status(401, "invalid_code", ""), K::SignInNeeded),
        (status(409, "conflict", ""), K::Refused),
        (status(400, "description_too_long", ""), K::Refused),
        (status(403, "", ""), K::Refused),
    ];
    all.extend(
        transport
            .into_iter()
            .map(|(e, k)| (Error::Sync(SyncError::Transport(e)), k)),
    );
    all
}

#[test]
fn every_core_error_has_its_kind() {
    for (error, kind) in every_core_error() {
        assert_eq!(error.kind(), kind, "{error:?}");
    }
}

#[test]
fn every_core_error_speaks_to_the_person_in_both_languages() {
    for (error, _) in every_core_error() {
        let text = error.text();
        for words in [&text.vi, &text.en] {
            assert!(!words.trim().is_empty(), "{error:?}");
            assert!(is_nfc(words), "{error:?}: {words}");
        }
        assert_ne!(text.vi, text.en, "{error:?} has no Vietnamese");
    }
}

#[test]
fn the_city_answers_are_classified_by_the_retry_policy() {
    // Retryable exactly when the outbox retries: 5xx, 408, 429; never a refusal.
    for code in [
        400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503, 504,
    ] {
        let error = status(code, "", "");
        let retried = matches!(error.verdict(), Verdict::Retry { .. });
        let kind = Error::Sync(SyncError::Transport(error)).kind();
        assert_eq!(kind.retryable(), retried, "HTTP {code} is {kind}");
    }
    // Configuration errors are not retryable (the settings must change) although
    // the outbox keeps the report waiting through them.
    let tls = TransportError::TlsConfig { reason: "x".into() };
    assert_eq!(tls.verdict(), Verdict::Retry { retry_after: None });
    assert!(!Error::Sync(SyncError::Transport(tls)).kind().retryable());
}

#[test]
fn the_citys_bilingual_description_is_split_into_its_languages() {
    let refused = Error::Sync(SyncError::Transport(status(
        400,
        "description_too_long",
        "Mô tả dài quá 4000 ký tự. — Description is longer than 4000 characters.",
    )));
    let text = refused.text();
    assert_eq!(text.vi, "Mô tả dài quá 4000 ký tự.");
    assert_eq!(text.en, "Description is longer than 4000 characters.");
    let bare = Error::Sync(SyncError::Transport(status(503, "", ""))).text();
    assert!(bare.en.contains("503") && bare.vi.contains("503"));
}

#[test]
fn kinds_have_unique_snake_case_codes_and_advice_in_both_languages() {
    let mut seen = std::collections::HashSet::new();
    for kind in ErrorKind::ALL {
        let code = kind.as_str();
        assert!(seen.insert(code), "{code} twice");
        assert!(
            code.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{code}"
        );
        let advice = kind.advice();
        assert!(!advice.vi.is_empty() && !advice.en.is_empty() && advice.vi != advice.en);
        assert!(is_nfc(&advice.vi), "{code}");
    }
}

#[test]
fn only_waiting_helps_with_retryable_kinds() {
    let retryable: Vec<_> = ErrorKind::ALL
        .into_iter()
        .filter(|kind| kind.retryable())
        .collect();
    assert_eq!(
        retryable,
        [ErrorKind::Network, ErrorKind::Busy, ErrorKind::Cancelled]
    );
}

#[test]
fn no_core_error_is_unexpected() {
    assert!(
        every_core_error()
            .iter()
            .all(|(error, _)| error.kind() != ErrorKind::Unexpected)
    );
}
