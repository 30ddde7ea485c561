//! The FFI error is the core's kind, unchanged: every kind has its variant and
//! comes back from `kind()`, and the fields shells read are filled.

use ihanoi_core::net::SyncError;
use ihanoi_core::net::transport::TransportError;
use ihanoi_core::photos::PhotoError;
use ihanoi_core::reports::{Problem, ProblemCode};

use super::*;

fn from_core(error: CoreError) -> (ErrorKind, Bilingual, IhanoiError) {
    let (kind, text) = (error.kind(), error.text());
    (kind, text, IhanoiError::from(error))
}

fn city_answer(status: u16, reason: &str, description: &str) -> CoreError {
    CoreError::Sync(SyncError::Transport(TransportError::Status {
        status,
        reason: reason.into(),
        description: description.into(),
        retry_after: None,
    }))
}

#[test]
fn every_kind_has_its_own_variant() {
    for kind in ErrorKind::ALL {
        let error = IhanoiError::of_kind(kind, kind.advice(), "d".into(), vec![], "r".into());
        assert_eq!(error.kind(), kind);
    }
}

#[test]
fn core_errors_keep_their_kind_and_words_across_the_ffi() {
    let samples = [
        CoreError::ReportNotFound { id: "x".into() },
        CoreError::InvalidCursor,
        CoreError::Photo(PhotoError::Duplicate {
            existing_photo_id: "p".into(),
        }),
        CoreError::Photo(PhotoError::Cancelled),
        CoreError::Location(ihanoi_core::location::LocationError::NoLocation),
        CoreError::Areas(ihanoi_core::areas::AreasError::CorruptCache { reason: "x".into() }),
        CoreError::Sync(SyncError::NotConfigured),
        CoreError::Sync(SyncError::AlreadyRunning),
        CoreError::Sync(SyncError::Transport(TransportError::TlsConfig {
            reason: "x".into(),
        })),
        city_answer(503, "", ""),
        city_answer(409, "conflict", ""),
    ];
    for error in samples {
        let (kind, text, ffi) = from_core(error);
        assert_eq!(ffi.kind(), kind, "{ffi:?}");
        let shown = match &ffi {
            IhanoiError::NotFound { text, .. }
            | IhanoiError::InvalidArgument { text, .. }
            | IhanoiError::PhotoDuplicate { text, .. }
            | IhanoiError::Cancelled { text, .. }
            | IhanoiError::NoLocation { text, .. }
            | IhanoiError::Storage { text, .. }
            | IhanoiError::NotConfigured { text, .. }
            | IhanoiError::Busy { text, .. }
            | IhanoiError::Network { text, .. }
            | IhanoiError::Refused { text, .. } => text,
            other => panic!("unexpected variant {other:?}"),
        };
        assert_eq!(shown, &text);
        assert_eq!(ffi.text(), text, "text() reads every variant's text");
    }
}

#[test]
fn a_busy_city_is_a_network_error_to_retry_not_a_refusal() {
    let (_, _, ffi) = from_core(city_answer(503, "", ""));
    assert!(matches!(ffi, IhanoiError::Network { .. }));
    assert!(ffi.kind().retryable());
}

#[test]
fn a_refusal_keeps_the_citys_reason_and_words() {
    let (_, _, ffi) = from_core(city_answer(
        400,
        "invalid_phone",
        "Số điện thoại không hợp lệ. — The phone number is not valid.",
    ));
    let IhanoiError::Refused { reason, text, .. } = ffi else {
        panic!("{ffi:?}");
    };
    assert_eq!(reason, "invalid_phone");
    assert_eq!(text.vi, "Số điện thoại không hợp lệ.");
    assert_eq!(text.en, "The phone number is not valid.");
}

#[test]
fn an_incomplete_report_lists_its_problems() {
    let problem = Problem {
        code: ProblemCode::PhotoMissing,
        message: Bilingual::new("Thêm ít nhất một ảnh.", "Add at least one photo."),
        attribute_code: None,
    };
    let (_, _, ffi) = from_core(CoreError::NotReady {
        problems: vec![problem.clone()],
    });
    let IhanoiError::NotReady { problems, .. } = ffi else {
        panic!("{ffi:?}");
    };
    assert_eq!(problems, vec![problem]);
}

#[test]
fn a_shells_callback_failure_is_unexpected() {
    let error = IhanoiError::from(uniffi::UnexpectedUniFFICallbackError {
        reason: "boom".into(),
    });
    assert_eq!(error.kind(), ErrorKind::Unexpected);
}
