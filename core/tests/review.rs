//! The review screen's one answer, from the core: whether the send button is
//! offered, every problem that stops it, and the warnings that do not. Real
//! store, real photos from `$IHANOI_SHARED/photos`, the shipped ward snapshot.

use ihanoi_core::location::{LocationFix, LocationSource};
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::{DraftField, ProblemCode, ReportState, WarningCode};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::time::now_ms;

use ihanoi_test_kit::shared_dir as shared;

use ihanoi_test_kit::open_core_with_photos as open;

#[test]
fn the_send_button_waits_for_every_problem_and_never_for_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;

    let empty = core.report_details(&id).unwrap();
    assert!(!empty.actions.can_queue);
    assert!(empty.actions.can_edit && empty.actions.can_delete);
    let codes: Vec<_> = empty.problems.iter().map(|p| p.code).collect();
    assert_eq!(
        codes,
        vec![
            ProblemCode::CategoryMissing,
            ProblemCode::DescriptionTooShort,
            ProblemCode::PhotoMissing,
            ProblemCode::LocationMissing
        ]
    );

    core.update_draft(
        &id,
        DraftField::Category {
            code: Some("ve_sinh_moi_truong".into()),
        },
    )
    .unwrap();
    core.update_draft(
        &id,
        DraftField::Description {
            text: "Rác thải đổ trên vỉa hè đầu ngõ".into(),
        },
    )
    .unwrap();
    // Taken years ago and edited in Photoshop: the city asks for current,
    // unedited photos, so the resident is warned — but may still send.
    core.attach_photo_blocking(
        &id,
        &shared().join("photos/nikon-photoshop-edited.jpg"),
        PhotoSource::Gallery,
        &CompressOptions::default(),
        &CancelToken::new(),
    )
    .unwrap();
    let one_left = core.report_details(&id).unwrap();
    assert!(!one_left.actions.can_queue);
    let codes: Vec<_> = one_left.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, vec![ProblemCode::LocationMissing]);

    // Ba Đình, routed by the ward snapshot the core ships.
    core.set_report_location(
        &id,
        LocationFix {
            lat: 21.0368,
            lon: 105.8346,
            accuracy_m: 8.0,
            time_ms: now_ms(),
            source: LocationSource::DeviceGps,
            mocked: false,
        },
    )
    .unwrap();
    let ready = core.report_details(&id).unwrap();
    assert!(ready.problems.is_empty(), "{:?}", ready.problems);
    assert!(ready.actions.can_queue);
    let warnings: Vec<_> = ready.warnings.iter().map(|w| w.code).collect();
    assert_eq!(
        warnings,
        vec![WarningCode::PhotoOld, WarningCode::PhotoEdited]
    );
    assert!(
        ready.warnings[0]
            .message
            .vi
            .contains("ảnh chụp cách đây hơn 7 ngày")
    );

    // What the button promised, queueing does.
    assert_eq!(core.queue_report(&id).unwrap().state, ReportState::Queued);
    let queued = core.report_details(&id).unwrap();
    assert!(!queued.actions.can_queue && !queued.actions.can_edit);
    assert!(queued.actions.can_return_to_draft);
}
