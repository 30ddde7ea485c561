//! Report drafts against a real SQLite file: create, autosave, list, queue, delete.

use ihanoi_core::Error;
use ihanoi_core::i18n::Bilingual;
use ihanoi_core::reports::{DraftField, ProblemCode, ReportFilter, ReportState, Urgency};

use ihanoi_test_kit::open_core as open;

#[test]
fn every_field_change_is_saved_and_survives_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let core = open(dir.path());
        let draft = core.create_draft().unwrap();
        assert_eq!(draft.state, ReportState::Draft);
        assert_eq!(
            uuid::Uuid::parse_str(&draft.id).unwrap().get_version_num(),
            7
        );
        core.update_draft(
            &draft.id,
            DraftField::Category {
                code: Some("ve_sinh_moi_truong".into()),
            },
        )
        .unwrap();
        core.update_draft(
            &draft.id,
            DraftField::Description {
                text: "Rác thải đổ bừa bãi đầu ngõ ".into(),
            },
        )
        .unwrap();
        core.update_draft(
            &draft.id,
            DraftField::Address {
                text: Some(" ngõ 622 Minh Khai, cạnh chung cư ".into()),
            },
        )
        .unwrap();
        core.update_draft(
            &draft.id,
            DraftField::Urgency {
                urgency: Urgency::Urgent,
            },
        )
        .unwrap();
        draft.id
    }; // dropped: nothing is held in memory any more

    let core = open(dir.path());
    let report = core.report(&id).unwrap();
    assert_eq!(report.category_code.as_deref(), Some("ve_sinh_moi_truong"));
    // Drafts keep what is being typed (the trailing space is the keyboard's)…
    assert_eq!(report.description, "Rác thải đổ bừa bãi đầu ngõ ");
    // …while a finished field like the address is trimmed.
    assert_eq!(
        report.address.as_deref(),
        Some("ngõ 622 Minh Khai, cạnh chung cư")
    );
    assert_eq!(report.urgency, Urgency::Urgent);
    assert!(report.updated_at_ms >= report.created_at_ms);
}

#[test]
fn typed_text_is_stored_nfc() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    // "Ngập úng" typed with combining marks, as some Telex/VNI keyboards send it.
    let decomposed = "Nga\u{323}\u{302}p u\u{301}ng";
    let report = core
        .update_draft(
            &id,
            DraftField::Description {
                text: decomposed.into(),
            },
        )
        .unwrap();
    assert_eq!(report.description, "Ngập úng");
    assert_eq!(report.description.chars().count(), 8);
}

#[test]
fn blank_category_and_address_are_cleared() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    core.update_draft(
        &id,
        DraftField::Category {
            code: Some("giao_thong".into()),
        },
    )
    .unwrap();
    let report = core
        .update_draft(
            &id,
            DraftField::Category {
                code: Some("   ".into()),
            },
        )
        .unwrap();
    assert_eq!(report.category_code, None);
    let report = core
        .update_draft(
            &id,
            DraftField::Address {
                text: Some("".into()),
            },
        )
        .unwrap();
    assert_eq!(report.address, None);
}

#[test]
fn queueing_returns_every_problem_at_once_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    core.update_draft(
        &id,
        DraftField::Description {
            text: "ngắn".into(),
        },
    )
    .unwrap();
    let before = core.report(&id).unwrap();
    match core.queue_report(&id) {
        Err(Error::NotReady { problems }) => {
            let codes: Vec<_> = problems.iter().map(|p| p.code).collect();
            assert!(codes.contains(&ProblemCode::CategoryMissing));
            assert!(codes.contains(&ProblemCode::DescriptionTooShort));
            assert!(codes.contains(&ProblemCode::PhotoMissing));
            assert!(codes.contains(&ProblemCode::LocationMissing));
            assert!(problems.iter().all(|p| p.message.vi != p.message.en));
        }
        other => panic!("expected NotReady, got {other:?}"),
    }
    assert_eq!(
        core.report(&id).unwrap(),
        before,
        "a refused queue must not touch the draft"
    );
    assert_eq!(core.problems(&id).unwrap().len(), 4);
}

#[test]
fn unknown_and_malformed_ids_are_typed_errors() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let missing = uuid::Uuid::now_v7().to_string();
    assert!(matches!(
        core.report(&missing),
        Err(Error::ReportNotFound { .. })
    ));
    assert!(matches!(
        core.update_draft(
            "../../etc/passwd",
            DraftField::Description { text: "x".into() }
        ),
        Err(Error::InvalidReportId { .. })
    ));
    assert!(matches!(
        core.delete_draft("' OR 1=1 --"),
        Err(Error::InvalidReportId { .. })
    ));
    assert!(matches!(
        core.return_to_draft(&missing),
        Err(Error::ReportNotFound { .. })
    ));
}

#[test]
fn a_draft_cannot_be_returned_to_draft() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    assert!(matches!(
        core.return_to_draft(&id),
        Err(Error::WrongState {
            state: ReportState::Draft,
            ..
        })
    ));
}

#[test]
fn runaway_text_is_refused_not_stored() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    let huge = "a".repeat(ihanoi_core::reports::ops::DRAFT_TEXT_MAX_CHARS + 1);
    assert!(matches!(
        core.update_draft(&id, DraftField::Description { text: huge }),
        Err(Error::TooLong {
            field: "description",
            ..
        })
    ));
    assert_eq!(core.report(&id).unwrap().description, "");
}

#[test]
fn listing_pages_newest_first_without_repeats_or_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let mut created: Vec<String> = (0..53).map(|_| core.create_draft().unwrap().id).collect();
    created.reverse(); // newest first

    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let page = core
            .list_reports(ReportFilter::Drafts, cursor.as_deref(), 10)
            .unwrap();
        assert!(page.reports.len() <= 10);
        seen.extend(page.reports.iter().map(|r| r.id.clone()));
        // A report made while paging is newer than the cursor: it must not appear
        // in later pages (it belongs at the top, on the next refresh).
        if cursor.is_none() {
            core.create_draft().unwrap();
        }
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(seen, created);

    assert!(matches!(
        core.list_reports(ReportFilter::All, Some("not a cursor"), 10),
        Err(Error::InvalidCursor)
    ));
    assert!(
        core.list_reports(ReportFilter::Outbox, None, 10)
            .unwrap()
            .reports
            .is_empty()
    );
}

#[test]
fn deleting_a_draft_removes_its_row_and_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    let folder = core.data_dir().join("reports").join(&id);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("photo.jpg"), b"x").unwrap();

    core.delete_draft(&id).unwrap();
    assert!(matches!(
        core.report(&id),
        Err(Error::ReportNotFound { .. })
    ));
    assert!(!folder.exists());
}

#[test]
fn orphan_folders_left_by_a_crash_are_swept_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let kept = {
        let core = open(dir.path());
        let kept = core.create_draft().unwrap().id;
        std::fs::create_dir_all(core.data_dir().join("reports").join(&kept)).unwrap();
        kept
    };
    let orphan = dir
        .path()
        .join("reports")
        .join(uuid::Uuid::now_v7().to_string());
    std::fs::create_dir_all(&orphan).unwrap();
    let core = open(dir.path());
    assert!(!orphan.exists());
    assert!(core.data_dir().join("reports").join(&kept).exists());
}

#[test]
fn a_fresh_core_offers_the_shipped_categories_offline() {
    let dir = tempfile::tempdir().unwrap();
    // No city configured, nothing pulled: the snapshot the core ships.
    let core = open(dir.path());
    let categories = core.categories().unwrap();
    let codes: Vec<&str> = categories.iter().map(|c| c.code.as_str()).collect();
    assert_eq!(codes.len(), 11, "{codes:?}");
    assert_eq!(codes[0], "ve_sinh_moi_truong");
    assert!(codes.contains(&"ngap_ung") && codes.contains(&"khac"));
    let first = &categories[0];
    assert_eq!(
        first.name,
        Bilingual::new("Vệ sinh môi trường", "Environmental sanitation")
    );
    assert_eq!(first.handle_working_hours, Some(40));
    for c in &categories {
        for text in [&c.name.vi, &c.description.vi, &c.group.vi] {
            assert_eq!(*text, ihanoi_core::text::nfc(text), "{}", c.code);
        }
    }
    drop(core);
    assert_eq!(open(dir.path()).categories().unwrap(), categories);
}

#[test]
fn a_category_not_on_the_list_is_a_problem_until_a_listed_one_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    let choose = |code: &str| {
        core.update_draft(
            &id,
            DraftField::Category {
                code: Some(code.into()),
            },
        )
        .unwrap()
    };
    // Drafts keep any code (autosave never refuses a choice) ...
    assert_eq!(
        choose("khong_co").category_code.as_deref(),
        Some("khong_co")
    );
    let codes = |problems: &[ihanoi_core::reports::Problem]| -> Vec<ProblemCode> {
        problems.iter().map(|p| p.code).collect()
    };
    let problems = core.problems(&id).unwrap();
    assert!(codes(&problems).contains(&ProblemCode::CategoryUnknown));
    assert!(!codes(&problems).contains(&ProblemCode::CategoryMissing));
    let unknown = problems
        .iter()
        .find(|p| p.code == ProblemCode::CategoryUnknown)
        .unwrap();
    assert!(
        unknown.message.vi.contains("Lĩnh vực"),
        "{}",
        unknown.message.vi
    );
    assert!(
        unknown.message.en.contains("category"),
        "{}",
        unknown.message.en
    );
    // ... but readiness refuses to queue it.
    match core.queue_report(&id) {
        Err(Error::NotReady { problems }) => {
            assert!(codes(&problems).contains(&ProblemCode::CategoryUnknown))
        }
        other => panic!("expected NotReady, got {other:?}"),
    }
    assert_eq!(core.report(&id).unwrap().state, ReportState::Draft);
    choose("ngap_ung");
    let problems = core.problems(&id).unwrap();
    assert!(!codes(&problems).contains(&ProblemCode::CategoryUnknown));
    assert!(!codes(&problems).contains(&ProblemCode::CategoryMissing));
}
