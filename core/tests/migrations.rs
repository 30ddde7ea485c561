//! A phone may skip app updates: a database of EVERY earlier schema version must
//! open and migrate with its data intact. When you add a migration, add a seed
//! for the version before it here (the test below insists).

use std::sync::Arc;

use ihanoi_core::reports::{ReportState, Urgency};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::store::migrations::{latest_version, migrate_to, user_version};
use ihanoi_core::store::{DATABASE_FILE_NAME, open_connection};
use ihanoi_core::{Core, CoreConfig};

const REPORT_ID: &str = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

/// The queued report every seed from version 1 on holds.
macro_rules! queued_report_row {
    () => {
        "INSERT INTO reports (id, state, category_code, description, address, urgency, created_at, updated_at)
             VALUES ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'queued', 'ngap_ung',
                     'Nước ngập sâu 40 cm trước cổng trường', 'số 1 Đại Cồ Việt', 'urgent',
                     1764000000000, 1764000001000);
         "
    };
}

/// Data as an app at that schema version would have written it.
fn seed(version: u32) -> Option<&'static str> {
    match version {
        0 => Some(""),
        1 => Some(queued_report_row!()),
        // Schema 2 (photos): a queued report with one photo row.
        2 => Some(concat!(
            queued_report_row!(),
            "INSERT INTO report_photos (id, report_id, position, file_name, thumbnail_file_name, width,
                     height, bytes, sha256, source_sha256, source, flag_older_than_7_days,
                     flag_no_capture_time, flag_edited_by_software, added_at)
             VALUES ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 0,
                     'aa.jpg', 'aa.thumb.jpg', 1600, 1200, 250000, 'aa', 'bb', 'camera', 0, 0, 0,
                     1764000000700);"
        )),
        // Schema 3 (areas and locations), before the outbox (4): a queued report
        // with its location; migration 4 leaves it queued, with no sync record.
        3 => Some(concat!(
            queued_report_row!(),
            "INSERT INTO report_locations (report_id, latitude, longitude, accuracy_m, fixed_at, source,
                     mocked, area_code, area_name, area_ambiguous, area_chosen_by_user, attached_at)
             VALUES ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 21.0069, 105.8433, 8.0, 1764000000500,
                     'device_gps', 0, NULL, NULL, 0, 0, 1764000000600);"
        )),
        // Schema 4 (outbox), before pulling (5): a report the city accepted;
        // migration 5 gives it no timeline and no status row yet. Schema 5,
        // before server profiles (6): the same; migration 6 caches no profile,
        // stores no contact fields and marks no first attempt. Schema 6, before
        // preferences (7): the same; migration 7 leaves every setting default.
        4..=6 => Some(concat!(
            queued_report_row!(),
            "UPDATE reports SET state = 'submitted' WHERE id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
             INSERT INTO report_sync (report_id, attempts, service_request_id, agency_responsible,
                     submitted_at)
             VALUES ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 0, '42', '00070', 1764000002000);
             INSERT INTO sync_flags (name, value) VALUES ('sign_in_needed', 0);"
        )),
        // Schema 7 (preferences), before service forms (8): a draft of a
        // flooding report and the resident's e-mail; migration 8 gives the
        // draft no answers and the cache no definitions, so the draft is
        // checked as before until a pull brings the city's forms.
        7 => Some(concat!(
            queued_report_row!(),
            "UPDATE reports SET state = 'draft' WHERE id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
             INSERT INTO resident_contact (id, email) VALUES (1, 'lan@example.vn');"
        )),
        // Schema 8 (service forms), before answers nearby were kept per draft
        // (9): a draft with an answer to the city's form; migration 9 drops
        // the one-row table of 8 (never written by the app) with its row.
        8 => Some(concat!(
            queued_report_row!(),
            "UPDATE reports SET state = 'draft' WHERE id = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
             INSERT INTO report_attribute_values (report_id, code, value)
             VALUES ('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', 'do_sau_nuoc', '[\"40\"]');
             INSERT INTO nearby_city_reports (id, latitude, longitude, category_code, radius_m, reports, fetched_at)
             VALUES (1, 21.0285, 105.8542, 'ngap_ung', 50, '[]', 1764000003000);"
        )),
        _ => None,
    }
}

#[test]
fn a_database_of_every_earlier_version_migrates_with_its_data() {
    for version in 0..latest_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(DATABASE_FILE_NAME);
        {
            let mut conn = open_connection(&path).unwrap();
            migrate_to(&mut conn, version).unwrap();
            assert_eq!(user_version(&conn).unwrap(), version);
            let sql = seed(version).unwrap_or_else(|| {
                panic!("add a seed for schema version {version} in core/tests/migrations.rs")
            });
            conn.execute_batch(sql).unwrap();
        }

        let core = Core::open(
            CoreConfig {
                data_dir: dir.path().to_owned(),
            },
            Arc::new(InMemorySecretStore::new()),
        )
        .unwrap_or_else(|e| panic!("opening a version {version} database: {e}"));

        let conn = open_connection(&path).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
        let integrity: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(integrity, "ok");
        let fk_violations: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(fk_violations, 0);

        if version >= 1 {
            let report = core.report(REPORT_ID).unwrap();
            let expected = if version >= 7 {
                ReportState::Draft
            } else if version >= 4 {
                ReportState::Submitted
            } else {
                ReportState::Queued
            };
            assert_eq!(report.state, expected);
            assert_eq!(report.category_code.as_deref(), Some("ngap_ung"));
            assert_eq!(report.description, "Nước ngập sâu 40 cm trước cổng trường");
            assert_eq!(report.urgency, Urgency::Urgent);
            assert_eq!(report.created_at_ms, 1_764_000_000_000);
        }
        if version == 8 {
            let answers = core.draft_attributes(REPORT_ID).unwrap();
            assert_eq!(answers.len(), 1);
            assert_eq!(core.cached_nearby_city_reports(REPORT_ID).unwrap(), None);
        } else if version == 7 {
            assert!(core.draft_attributes(REPORT_ID).unwrap().is_empty());
            assert!(core.service_attributes("ngap_ung").unwrap().is_empty());
            assert_eq!(
                core.resident_contact().unwrap().email.as_deref(),
                Some("lan@example.vn")
            );
        } else if version >= 4 {
            // Sent before pulling existed: pending with the unit it was routed to.
            let status = core.report_status(REPORT_ID).unwrap().unwrap();
            assert_eq!(status.service_request_id, "42");
            assert_eq!(status.unit_code.as_deref(), Some("00070"));
            assert!(core.timeline(REPORT_ID).unwrap().is_empty());
            assert_eq!(core.resident_contact().unwrap(), Default::default());
        }
        // Settings did not exist before schema 7: every database opens with the defaults.
        assert_eq!(core.preferences().unwrap(), Default::default());
    }
}

#[test]
fn migrating_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(DATABASE_FILE_NAME);
    let mut conn = open_connection(&path).unwrap();
    migrate_to(&mut conn, latest_version()).unwrap();
    let schema = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let before = schema(&conn);
    migrate_to(&mut conn, latest_version()).unwrap();
    assert_eq!(schema(&conn), before);
}

#[test]
fn connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let conn = open_connection(&dir.path().join(DATABASE_FILE_NAME)).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    let timeout: i64 = conn
        .query_row("PRAGMA busy_timeout", [], |r| r.get(0))
        .unwrap();
    assert!(timeout >= 1000);
    let synchronous: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        synchronous, 1,
        "NORMAL: autosave survives an app kill at sub-ms cost"
    );
}
