//! What pulls keep in SQLite (migration 5): timelines, result photos, report
//! statuses, alerts, categories, and the cursors and ETags that make the next
//! pull ask only for what is new.

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::i18n::Bilingual;
use crate::pull::api::{PulledAlert, PulledStatus, PulledUpdate};
use crate::pull::model::{
    AlertSeverity, DetailedStatus, ResultPhotoProblem, StatusWord, UnreadCounts, UpdateKind,
};
use crate::time::UnixMillis;

/// Names in `pull_state`.
pub const UPDATES_CURSOR: &str = "updates_after";
pub const ALERTS_CURSOR: &str = "alerts_after";
pub const CATEGORIES_ETAG: &str = "categories_etag";
/// JSON list of the service codes the last list marked `metadata: true`.
pub const SERVICE_DEFINITIONS: &str = "service_definitions";
pub const AREAS_ETAG: &str = "areas_etag";
/// When the categories, and the area set, were last confirmed current by the
/// city (a new list or a `304`), as Unix ms: the device check's "data age".
pub const CATEGORIES_CHECKED_AT: &str = "categories_checked_at";
pub const AREAS_CHECKED_AT: &str = "areas_checked_at";

/// A timestamp kept in `pull_state` (`None`: never recorded).
pub fn state_time(conn: &Connection, name: &str) -> Result<Option<UnixMillis>> {
    Ok(state(conn, name)?.and_then(|value| value.parse().ok()))
}

pub fn state(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM pull_state WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

pub fn set_state(conn: &Connection, name: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO pull_state (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )?
    .execute(params![name, value])?;
    Ok(())
}

/// The local report the city knows as `service_request_id` (`None`: filed
/// from another device, or deleted here).
pub fn report_for_city_id(conn: &Connection, service_request_id: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT report_id FROM report_sync WHERE service_request_id = ?1")?
        .query_row([service_request_id], |r| r.get(0))
        .optional()?)
}

/// Store one update (and its photos) unread, and move the report's status.
/// Returns `false` when it was already stored (a re-pull): nothing changes.
pub fn insert_update(
    conn: &Connection,
    report_id: &str,
    update: &PulledUpdate,
    file_stems: &[String],
    now: UnixMillis,
) -> Result<bool> {
    let kind = kind_str(update.kind);
    let inserted = conn
        .prepare_cached(
            "INSERT OR IGNORE INTO report_updates (update_id, report_id, kind, detailed_status,
                 text, unit_code, updated_at, received_at, unread)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 1)",
        )?
        .execute(params![
            update.update_id,
            report_id,
            kind,
            update.status.stored(),
            update.text,
            update.unit_code,
            update.updated_at_ms,
            now
        ])?;
    if inserted == 0 {
        return Ok(false);
    }
    let mut photo = conn.prepare_cached(
        "INSERT INTO update_photos (update_id, position, url, file_stem) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (position, (url, stem)) in update.photo_urls.iter().zip(file_stems).enumerate() {
        photo.execute(params![update.update_id, position as i64, url, stem])?;
    }
    // The update carries the status and unit; the deadlines come from
    // GET /requests, so the row is marked for a refresh.
    conn.prepare_cached(
        "INSERT INTO report_status (report_id, detailed_status, unit_code, updated_at, refresh_needed)
         VALUES (?1, ?2, ?3, ?4, 1)
         ON CONFLICT (report_id) DO UPDATE SET detailed_status = excluded.detailed_status,
             unit_code = excluded.unit_code, updated_at = excluded.updated_at, refresh_needed = 1
         WHERE report_status.updated_at IS NULL OR report_status.updated_at <= excluded.updated_at",
    )?
    .execute(params![
        report_id,
        update.status.stored(),
        update.unit_code,
        update.updated_at_ms
    ])?;
    Ok(true)
}

fn kind_str(kind: UpdateKind) -> &'static str {
    match kind {
        UpdateKind::Accepted => "accepted",
        UpdateKind::Started => "started",
        UpdateKind::Transferred => "transferred",
        UpdateKind::Comment => "comment",
        UpdateKind::Resolved => "resolved",
        UpdateKind::Rejected => "rejected",
        UpdateKind::Other => "other",
    }
}

/// Sent reports whose deadlines are unknown or out of date: (report id, city id).
pub fn stale_statuses(conn: &Connection) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.report_id, s.service_request_id FROM report_sync s
         LEFT JOIN report_status st ON st.report_id = s.report_id
         WHERE s.service_request_id IS NOT NULL AND (st.report_id IS NULL OR st.refresh_needed = 1)
         ORDER BY s.submitted_at",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A sent report the city has not finished, as status polling asks it.
#[derive(Debug, Clone)]
pub struct UnfinishedReport {
    pub report_id: String,
    pub city_id: String,
    /// Its stored status word (`None`: never asked).
    pub stored: Option<String>,
}

/// Sent reports whose stored status is not finished (or never asked), oldest first.
pub fn unfinished_reports(conn: &Connection) -> Result<Vec<UnfinishedReport>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.report_id, s.service_request_id, st.detailed_status FROM report_sync s
         LEFT JOIN report_status st ON st.report_id = s.report_id
         WHERE s.service_request_id IS NOT NULL
         ORDER BY s.submitted_at",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(UnfinishedReport {
                report_id: r.get(0)?,
                city_id: r.get(1)?,
                stored: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter(|r| {
            r.stored
                .as_deref()
                .is_none_or(|s| !StatusWord::from_stored(s).closed)
        })
        .collect())
}

pub fn save_status(conn: &Connection, report_id: &str, status: &PulledStatus) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO report_status (report_id, detailed_status, unit_code, status_notes,
             acknowledge_by, handle_by, overdue, updated_at, refresh_needed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 0)
         ON CONFLICT (report_id) DO UPDATE SET detailed_status = excluded.detailed_status,
             unit_code = excluded.unit_code, status_notes = excluded.status_notes,
             acknowledge_by = excluded.acknowledge_by, handle_by = excluded.handle_by,
             overdue = excluded.overdue, updated_at = excluded.updated_at, refresh_needed = 0",
    )?
    .execute(params![
        report_id,
        status.status.stored(),
        status.unit_code,
        status.status_notes,
        status.acknowledge_by_ms,
        status.handle_by_ms,
        status.overdue,
        status.updated_at_ms
    ])?;
    Ok(())
}

/// The city did not return this report when asked (withdrawn on its side):
/// keep what is known and stop asking on every pull.
pub fn mark_status_asked(conn: &Connection, report_id: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO report_status (report_id, detailed_status, refresh_needed)
         VALUES (?1, 'pending', 0)
         ON CONFLICT (report_id) DO UPDATE SET refresh_needed = 0",
    )?
    .execute([report_id])?;
    Ok(())
}

/// A sent report's stored status (the unit falls back to the one the city
/// routed it to on submission) and its number of unread entries.
pub fn status(conn: &Connection, report_id: &str) -> Result<Option<(PulledStatus, u32)>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.service_request_id, coalesce(st.detailed_status, 'pending'),
                    coalesce(st.unit_code, s.agency_responsible), st.status_notes,
                    st.acknowledge_by, st.handle_by, coalesce(st.overdue, 0), st.updated_at,
                    (SELECT count(*) FROM report_updates u WHERE u.report_id = s.report_id AND u.unread = 1)
             FROM report_sync s LEFT JOIN report_status st ON st.report_id = s.report_id
             WHERE s.report_id = ?1 AND s.service_request_id IS NOT NULL",
        )?
        .query_row([report_id], |r| {
            let detailed: String = r.get(1)?;
            let status = PulledStatus {
                service_request_id: r.get(0)?,
                status: StatusWord::from_stored(&detailed),
                unit_code: r.get(2)?,
                status_notes: r.get(3)?,
                acknowledge_by_ms: r.get(4)?,
                handle_by_ms: r.get(5)?,
                overdue: r.get(6)?,
                updated_at_ms: r.get(7)?,
            };
            Ok((status, r.get(8)?))
        })
        .optional()?)
}

/// A timeline row as stored.
#[derive(Debug, Clone)]
pub struct UpdateRow {
    pub update_id: String,
    pub report_id: String,
    pub kind: UpdateKind,
    pub detailed_status: DetailedStatus,
    pub text: String,
    pub unit_code: Option<String>,
    pub updated_at_ms: UnixMillis,
    pub unread: bool,
}

/// A report's updates, oldest first (ties in the order they arrived).
pub fn timeline(conn: &Connection, report_id: &str) -> Result<Vec<UpdateRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT update_id, report_id, kind, detailed_status, text, unit_code, updated_at, unread
         FROM report_updates WHERE report_id = ?1 ORDER BY updated_at, rowid",
    )?;
    let rows = stmt
        .query_map([report_id], |r| {
            let kind: String = r.get(2)?;
            let status: String = r.get(3)?;
            Ok(UpdateRow {
                update_id: r.get(0)?,
                report_id: r.get(1)?,
                kind: UpdateKind::parse(&kind),
                detailed_status: StatusWord::from_stored(&status).status,
                text: r.get(4)?,
                unit_code: r.get(5)?,
                updated_at_ms: r.get(6)?,
                unread: r.get(7)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// A result photo as stored.
#[derive(Debug, Clone)]
pub struct PhotoRow {
    pub update_id: String,
    pub report_id: String,
    pub position: u32,
    pub url: String,
    pub file_stem: String,
    pub thumbnail_file: Option<String>,
    pub photo_file: Option<String>,
    pub problem: Option<String>,
}

const PHOTO_COLUMNS: &str = "p.update_id, u.report_id, p.position, p.url, p.file_stem,
     p.thumbnail_file, p.photo_file, p.problem
     FROM update_photos p JOIN report_updates u ON u.update_id = p.update_id";

fn photo_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<PhotoRow> {
    Ok(PhotoRow {
        update_id: r.get(0)?,
        report_id: r.get(1)?,
        position: r.get(2)?,
        url: r.get(3)?,
        file_stem: r.get(4)?,
        thumbnail_file: r.get(5)?,
        photo_file: r.get(6)?,
        problem: r.get(7)?,
    })
}

pub fn photos_of_update(conn: &Connection, update_id: &str) -> Result<Vec<PhotoRow>> {
    let sql = format!("SELECT {PHOTO_COLUMNS} WHERE p.update_id = ?1 ORDER BY p.position");
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([update_id], photo_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn photo(conn: &Connection, update_id: &str, position: u32) -> Result<Option<PhotoRow>> {
    let sql = format!("SELECT {PHOTO_COLUMNS} WHERE p.update_id = ?1 AND p.position = ?2");
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![update_id, position], photo_row)
        .optional()?)
}

/// Photos whose thumbnail is still to be made (a bad image is not retried).
pub fn photos_without_thumbnail(conn: &Connection) -> Result<Vec<PhotoRow>> {
    let sql = format!(
        "SELECT {PHOTO_COLUMNS} WHERE p.thumbnail_file IS NULL AND p.problem IS NULL
         ORDER BY u.updated_at, p.position"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt
        .query_map([], photo_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn set_photo_files(
    conn: &Connection,
    photo: &PhotoRow,
    thumbnail_file: Option<&str>,
    photo_file: Option<&str>,
    problem: Option<&str>,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE update_photos SET thumbnail_file = coalesce(?3, thumbnail_file),
             photo_file = coalesce(?4, photo_file), problem = coalesce(?5, problem)
         WHERE update_id = ?1 AND position = ?2",
    )?
    .execute(params![
        photo.update_id,
        photo.position,
        thumbnail_file,
        photo_file,
        problem
    ])?;
    Ok(())
}

/// Record how a photo's thumbnail came out: its file and no problem, or a
/// problem (replacing the mark [`ResultPhotoProblem::DecodeInterrupted`] set
/// before decoding).
///
/// [`ResultPhotoProblem::DecodeInterrupted`]: crate::pull::ResultPhotoProblem::DecodeInterrupted
pub fn set_thumbnail_outcome(
    conn: &Connection,
    photo: &PhotoRow,
    outcome: std::result::Result<&str, ResultPhotoProblem>,
) -> Result<()> {
    let (thumbnail, problem) = match outcome {
        Ok(file) => (Some(file), None),
        Err(problem) => (None, Some(problem.as_str())),
    };
    conn.prepare_cached(
        "UPDATE update_photos SET thumbnail_file = ?3, problem = ?4
         WHERE update_id = ?1 AND position = ?2",
    )?
    .execute(params![photo.update_id, photo.position, thumbnail, problem])?;
    Ok(())
}

/// A report's timeline entries not yet read (what its list row's badge shows).
pub fn unread_of_report(conn: &Connection, report_id: &str) -> Result<u32> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM report_updates WHERE report_id = ?1 AND unread = 1")?
        .query_row([report_id], |r| r.get(0))?)
}

/// Mark every entry of a report read; returns how many were unread.
pub fn mark_report_read(conn: &Connection, report_id: &str) -> Result<usize> {
    Ok(conn
        .prepare_cached("UPDATE report_updates SET unread = 0 WHERE report_id = ?1 AND unread = 1")?
        .execute([report_id])?)
}

pub fn unread_counts(conn: &Connection, now: UnixMillis) -> Result<UnreadCounts> {
    let (updates, reports) = conn.query_row(
        "SELECT count(*), count(DISTINCT report_id) FROM report_updates WHERE unread = 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let alerts = conn.query_row(
        "SELECT count(*) FROM alerts WHERE unread = 1 AND (expires_at IS NULL OR expires_at > ?1)",
        [now],
        |r| r.get(0),
    )?;
    Ok(UnreadCounts {
        updates,
        reports,
        alerts,
    })
}

/// Store an alert unread; `false` when it was already stored.
pub fn insert_alert(conn: &Connection, alert: &PulledAlert, now: UnixMillis) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "INSERT OR IGNORE INTO alerts (alert_id, severity, title_vi, title_en, body_vi, body_en,
                 area_codes, published_at, expires_at, received_at, unread)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, 1)",
        )?
        .execute(params![
            alert.alert_id,
            alert.severity.as_str(),
            alert.title.vi,
            alert.title.en,
            alert.body.vi,
            alert.body.en,
            alert.area_codes.join(","),
            alert.published_at_ms,
            alert.expires_at_ms,
            now
        ])?
        == 1)
}

/// An alert as stored.
#[derive(Debug, Clone)]
pub struct AlertRow {
    pub alert: PulledAlert,
    pub unread: bool,
}

/// Alerts not expired at `now`, newest first.
pub fn live_alerts(conn: &Connection, now: UnixMillis) -> Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT alert_id, severity, title_vi, title_en, body_vi, body_en, area_codes,
                published_at, expires_at, unread
         FROM alerts WHERE expires_at IS NULL OR expires_at > ?1
         ORDER BY published_at DESC, rowid DESC",
    )?;
    let rows = stmt
        .query_map([now], |r| {
            let severity: String = r.get(1)?;
            let areas: String = r.get(6)?;
            Ok(AlertRow {
                alert: PulledAlert {
                    alert_id: r.get(0)?,
                    severity: AlertSeverity::parse(&severity),
                    title: Bilingual::new(r.get::<_, String>(2)?, r.get::<_, String>(3)?),
                    body: Bilingual::new(r.get::<_, String>(4)?, r.get::<_, String>(5)?),
                    area_codes: areas
                        .split(',')
                        .filter(|c| !c.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    published_at_ms: r.get(7)?,
                    expires_at_ms: r.get(8)?,
                },
                unread: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Mark one alert read (`None`: every alert); returns how many changed.
pub fn mark_alerts_read(conn: &Connection, alert_id: Option<&str>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "UPDATE alerts SET unread = 0 WHERE unread = 1 AND (?1 IS NULL OR alert_id = ?1)",
        )?
        .execute([alert_id])?)
}
