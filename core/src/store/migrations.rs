//! Every schema change, in order, in one place.
//!
//! The schema version lives in SQLite's `user_version`. Migration N brings a
//! database from version N-1 to N inside one transaction, so an app killed
//! mid-upgrade restarts from the last complete version. Never edit a migration
//! that has shipped; add a new one.

use rusqlite::{Connection, TransactionBehavior};

use crate::error::{Error, Result};

pub struct Migration {
    pub version: u32,
    pub description: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        description: "reports: a resident's field reports and their lifecycle state",
        sql: r#"
        CREATE TABLE reports (
            id            TEXT PRIMARY KEY NOT NULL,   -- UUID v7 made on the phone
            state         TEXT NOT NULL DEFAULT 'draft'
                          CHECK (state IN ('draft', 'queued', 'sending', 'submitted', 'needs_attention')),
            category_code TEXT,
            description   TEXT NOT NULL DEFAULT '',
            address       TEXT,                        -- landmark typed by the resident
            urgency       TEXT NOT NULL DEFAULT 'normal'
                          CHECK (urgency IN ('normal', 'urgent', 'complex')),
            created_at    INTEGER NOT NULL,            -- Unix ms
            updated_at    INTEGER NOT NULL
        ) STRICT;
        -- Newest first, with a stable tiebreak for cursor paging.
        CREATE INDEX reports_newest ON reports (created_at DESC, id DESC);
        CREATE INDEX reports_state_newest ON reports (state, created_at DESC, id DESC);
    "#,
    },
    Migration {
        version: 2,
        description: "report_photos: compressed photos attached to a report, with EXIF facts",
        sql: r#"
        CREATE TABLE report_photos (
            id                  TEXT PRIMARY KEY NOT NULL,   -- UUID v7
            report_id           TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
            position            INTEGER NOT NULL,            -- 0-based order in the report
            file_name           TEXT NOT NULL,               -- <sha256>.jpg in the report's folder
            thumbnail_file_name TEXT NOT NULL,
            width               INTEGER NOT NULL,
            height              INTEGER NOT NULL,
            bytes               INTEGER NOT NULL,
            sha256              TEXT NOT NULL,               -- of the stored JPEG
            source_sha256       TEXT NOT NULL,               -- of the shell's file: finds duplicates
            source              TEXT NOT NULL CHECK (source IN ('camera', 'gallery')),
            captured_at         INTEGER,                     -- EXIF DateTimeOriginal, Unix ms
            capture_utc_offset_minutes INTEGER,
            gps_latitude        REAL,
            gps_longitude       REAL,
            gps_accuracy_m      REAL,
            camera_make         TEXT,
            camera_model        TEXT,
            software            TEXT,
            flag_older_than_7_days  INTEGER NOT NULL,
            flag_no_capture_time    INTEGER NOT NULL,
            flag_edited_by_software INTEGER NOT NULL,
            added_at            INTEGER NOT NULL,
            UNIQUE (report_id, source_sha256)
        ) STRICT;
        CREATE INDEX report_photos_by_report ON report_photos (report_id, position);
    "#,
    },
    Migration {
        version: 3,
        description: "areas cache (units, former names) and each report's location and routed unit",
        sql: MIGRATION_3_AREAS_AND_LOCATIONS,
    },
    Migration {
        version: 4,
        description: "outbox: each report's sync attempts, next try, the city's answer or refusal",
        sql: MIGRATION_4_OUTBOX,
    },
    Migration {
        version: 5,
        description: "pulling: report timelines with result photos, statuses, alerts, categories, cursors and ETags",
        sql: MIGRATION_5_PULL,
    },
    Migration {
        version: 6,
        description: "what the city server offers, the resident's standard contact fields, a report's first attempt",
        sql: MIGRATION_6_SERVER_PROFILE,
    },
    Migration {
        version: 7,
        description: "preferences: the app's settings (first run, language, photo size, Wi-Fi only)",
        sql: MIGRATION_7_PREFERENCES,
    },
    Migration {
        version: 8,
        description: "service definitions as forms: each service's attributes, a draft's values, the city's reports nearby",
        sql: MIGRATION_8_SERVICE_FORMS,
    },
    Migration {
        version: 9,
        description: "the city's open reports near each draft: the last answer per draft, for offline use",
        sql: MIGRATION_9_NEARBY_ANSWERS,
    },
];

/// Migration 9 (see core/src/nearby/db.rs).
const MIGRATION_9_NEARBY_ANSWERS: &str = r#"
    -- Migration 8's one-row table kept a single answer for the whole app; a
    -- resident with two drafts in different places lost one offline. Nothing
    -- ever wrote it, so it goes without copying.
    DROP TABLE nearby_city_reports;
    -- The last answer per draft, with the category and position it is for
    -- (a moved pin or another category asks again). Thumbnails are files
    -- under reports/<id>/nearby/, named by the SHA-256 of their URL.
    CREATE TABLE nearby_answers (
        report_id     TEXT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        category_code TEXT NOT NULL,
        latitude      REAL NOT NULL,
        longitude     REAL NOT NULL,
        radius_m      REAL NOT NULL,
        offered       INTEGER NOT NULL,  -- 0: the server offers no search
        server_radius INTEGER NOT NULL,  -- 1: the server filtered by position
        total         INTEGER NOT NULL,  -- matches; `reports` holds the nearest
        reports       TEXT NOT NULL,     -- JSON of [nearby::model::StoredReport]
        fetched_at    INTEGER NOT NULL   -- Unix ms
    ) STRICT;
"#;

/// Migration 8 (see core/src/forms/db.rs and core/src/nearby).
const MIGRATION_8_SERVICE_FORMS: &str = r#"
    -- GET /services/{code} of each service the list marks `metadata: true`:
    -- the attributes the resident fills in, kept for offline drafts.
    CREATE TABLE service_definitions (
        service_code TEXT PRIMARY KEY NOT NULL,
        attributes   TEXT NOT NULL,     -- JSON of [forms::ServiceAttribute], in the city's order
        fetched_at   INTEGER NOT NULL   -- Unix ms
    ) STRICT;
    -- What the resident entered for a draft's attributes. Kept when the
    -- definitions change: the draft is checked again, not emptied.
    CREATE TABLE report_attribute_values (
        report_id TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        code      TEXT NOT NULL,
        value     TEXT NOT NULL,        -- JSON array of strings (one for single values)
        PRIMARY KEY (report_id, code)
    ) STRICT;
    -- The city's last answer about open reports near a point, for offline use.
    CREATE TABLE nearby_city_reports (
        id            INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        latitude      REAL NOT NULL,
        longitude     REAL NOT NULL,
        category_code TEXT NOT NULL,
        radius_m      REAL NOT NULL,
        reports       TEXT NOT NULL,    -- JSON of [nearby::CityReport]
        fetched_at    INTEGER NOT NULL  -- Unix ms
    ) STRICT;
"#;

/// Migration 7 (see core/src/preferences/db.rs).
const MIGRATION_7_PREFERENCES: &str = r#"
    -- One row per setting; no row means the default.
    CREATE TABLE preferences (
        name  TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;
"#;

/// Migration 6 (see core/src/server_profile/db.rs and core/src/sync/outbox/db.rs).
const MIGRATION_6_SERVER_PROFILE: &str = r#"
    -- One row per server URL: a changed URL starts learning afresh.
    CREATE TABLE server_profiles (
        base_url   TEXT PRIMARY KEY NOT NULL,
        profile    TEXT NOT NULL,      -- JSON of server_profile::ServerProfile
        learned_at INTEGER NOT NULL    -- Unix ms
    ) STRICT;
    -- GeoReport v2's personal fields, sent only to a server without sign-in;
    -- each optional, entered once by the resident, never logged.
    CREATE TABLE resident_contact (
        id         INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        email      TEXT,
        first_name TEXT,
        last_name  TEXT,
        phone      TEXT,
        device_id  TEXT
    ) STRICT;
    -- When a report was first tried since it was queued: a server without
    -- idempotency may hold it from then on, so it is looked up before a resend.
    ALTER TABLE report_sync ADD COLUMN first_attempt_at INTEGER;
"#;

/// Migration 5 (pulling; see core/src/pull/db.rs and core/src/categories/db.rs).
const MIGRATION_5_PULL: &str = r#"
    -- Updates arrive by the city's service_request_id.
    CREATE INDEX report_sync_by_city_id ON report_sync (service_request_id);
    -- One row per city update of the resident's own reports (the timeline).
    CREATE TABLE report_updates (
        update_id       TEXT PRIMARY KEY NOT NULL,   -- the city's id: a re-pull inserts nothing
        report_id       TEXT NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        kind            TEXT NOT NULL,               -- accepted, started, transferred, comment, ...
        detailed_status TEXT NOT NULL,               -- the report's status after it
        text            TEXT NOT NULL,               -- the official's text, NFC
        unit_code       TEXT,                        -- responsible unit after it
        updated_at      INTEGER NOT NULL,            -- Unix ms, the city's time
        received_at     INTEGER NOT NULL,
        unread          INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX report_updates_timeline ON report_updates (report_id, updated_at);
    CREATE INDEX report_updates_unread ON report_updates (report_id) WHERE unread = 1;
    -- Result photos of an update; files under reports/<id>/results/, named by
    -- the SHA-256 of the URL (never by anything the server chose).
    CREATE TABLE update_photos (
        update_id      TEXT NOT NULL REFERENCES report_updates (update_id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        url            TEXT NOT NULL,
        file_stem      TEXT NOT NULL,
        thumbnail_file TEXT,                         -- cached by a pull
        photo_file     TEXT,                         -- downloaded on demand
        problem        TEXT,                         -- 'invalid_image': not retried
        PRIMARY KEY (update_id, position)
    ) STRICT;
    -- What the city last said about each sent report.
    CREATE TABLE report_status (
        report_id       TEXT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        detailed_status TEXT NOT NULL,
        unit_code       TEXT,
        status_notes    TEXT,
        acknowledge_by  INTEGER,
        handle_by       INTEGER,
        overdue         INTEGER NOT NULL DEFAULT 0,
        updated_at      INTEGER,
        refresh_needed  INTEGER NOT NULL DEFAULT 1   -- deadlines to fetch (GET /requests)
    ) STRICT;
    CREATE TABLE alerts (
        alert_id     TEXT PRIMARY KEY NOT NULL,
        severity     TEXT NOT NULL,
        title_vi     TEXT NOT NULL,
        title_en     TEXT NOT NULL,
        body_vi      TEXT NOT NULL,
        body_en      TEXT NOT NULL,
        area_codes   TEXT NOT NULL,                  -- comma-separated; '' = the whole city
        published_at INTEGER NOT NULL,
        expires_at   INTEGER,
        received_at  INTEGER NOT NULL,
        unread       INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX alerts_newest ON alerts (published_at DESC);
    -- The city's categories (GET /services), in its order.
    CREATE TABLE categories (
        code                 TEXT PRIMARY KEY NOT NULL,
        position             INTEGER NOT NULL,
        name_vi              TEXT NOT NULL,
        name_en              TEXT NOT NULL,
        description_vi       TEXT NOT NULL,
        description_en       TEXT NOT NULL,
        group_vi             TEXT NOT NULL,
        group_en             TEXT NOT NULL,
        keywords             TEXT NOT NULL,          -- comma-separated
        default_urgency      TEXT NOT NULL,
        handle_working_hours INTEGER
    ) STRICT;
    -- Cursors (`after`) and ETags of the pulled lists.
    CREATE TABLE pull_state (
        name  TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;
"#;

/// Migration 4 (the outbox; see core/src/sync/outbox/db.rs).
const MIGRATION_4_OUTBOX: &str = r#"
    CREATE TABLE report_sync (
        report_id          TEXT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        attempts           INTEGER NOT NULL DEFAULT 0,  -- failed attempts since queued
        next_attempt_at    INTEGER,                     -- Unix ms; NULL: as soon as possible
        last_attempt_at    INTEGER,
        last_error         TEXT,                        -- a short code, never personal data
        service_request_id TEXT,                        -- the city's id once accepted
        agency_responsible TEXT,                        -- the unit the city routed it to
        service_notice     TEXT,
        submitted_at       INTEGER,
        rejection_reason   TEXT,                        -- the API's `reason` when refused
        rejection_message  TEXT                         -- its description (vi — en)
    ) STRICT;
    CREATE INDEX report_sync_next_attempt ON report_sync (next_attempt_at);
    -- Non-secret flags of the sync (tokens live in the secure store only).
    CREATE TABLE sync_flags (
        name  TEXT PRIMARY KEY NOT NULL,
        value INTEGER NOT NULL
    ) STRICT;
"#;

/// Migration 3 (areas and location; see core/src/areas/cache.rs and
/// core/src/location/db.rs).
const MIGRATION_3_AREAS_AND_LOCATIONS: &str = r#"
    -- The one current set of units, in the compact binary form of
    -- areas::codec (decoded and indexed in a few ms on a cold start).
    CREATE TABLE area_sets (
        id          INTEGER PRIMARY KEY NOT NULL CHECK (id = 1),
        version     TEXT NOT NULL,      -- the city's version of the set
        format      INTEGER NOT NULL,   -- areas::cache::CODEC_FORMAT
        unit_count  INTEGER NOT NULL,
        outlines    BLOB NOT NULL,
        imported_at INTEGER NOT NULL    -- Unix ms
    ) STRICT;
    -- Pre-2025 ward names → new units (one row per target of a split ward).
    CREATE TABLE area_former_names (
        old_code TEXT NOT NULL,
        old_name TEXT NOT NULL,
        new_code TEXT NOT NULL,
        PRIMARY KEY (old_code, new_code)
    ) STRICT;
    CREATE TABLE report_locations (
        report_id           TEXT PRIMARY KEY NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        latitude            REAL NOT NULL,
        longitude           REAL NOT NULL,
        accuracy_m          REAL NOT NULL,
        fixed_at            INTEGER NOT NULL,   -- when measured (photo: capture time), Unix ms
        source              TEXT NOT NULL
                            CHECK (source IN ('device_gps', 'network', 'photo_exif', 'manual_pin')),
        mocked              INTEGER NOT NULL,
        original_latitude   REAL,               -- the position a manual pin replaced
        original_longitude  REAL,
        pin_moved_m         REAL,
        area_code           TEXT,               -- routed unit; NULL outside Hanoi / no set yet
        area_name           TEXT,
        area_ambiguous      INTEGER NOT NULL,
        area_chosen_by_user INTEGER NOT NULL,
        attached_at         INTEGER NOT NULL
    ) STRICT;
    -- Nearby-report search: a latitude range scan, then longitude and distance.
    CREATE INDEX report_locations_by_latitude ON report_locations (latitude, longitude);
"#;

/// The version a fully migrated database has.
pub fn latest_version() -> u32 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Bring the database up to the latest schema.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_to(conn, latest_version())
}

/// Bring the database up to `target` (tests use this to build older databases).
pub fn migrate_to(conn: &mut Connection, target: u32) -> Result<()> {
    let current = user_version(conn)?;
    if current > latest_version() {
        return Err(Error::SchemaTooNew {
            found: current,
            supported: latest_version(),
        });
    }
    for migration in MIGRATIONS
        .iter()
        .filter(|m| m.version > current && m.version <= target)
    {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(migration.sql)?;
        tx.pragma_update(None, "user_version", migration.version)?;
        tx.commit()?;
        tracing::info!(
            version = migration.version,
            description = migration.description,
            "migrated database"
        );
    }
    Ok(())
}

pub fn user_version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_consecutive_from_one() {
        for (index, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, index + 1, "{}", m.description);
        }
    }

    #[test]
    fn a_database_from_a_newer_app_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("db")).unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
        match migrate(&mut conn) {
            Err(Error::SchemaTooNew { found, supported }) => {
                assert_eq!(found, latest_version() + 1);
                assert_eq!(supported, latest_version());
            }
            other => panic!("expected SchemaTooNew, got {other:?}"),
        }
    }
}
