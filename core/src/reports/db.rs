//! How reports are kept in SQLite. Functions take a connection or transaction;
//! [`crate::store::Store`] decides the transaction boundaries.

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::{Error, Result};
use crate::reports::model::{DraftField, Report, ReportFilter, ReportPage, ReportState, Urgency};
use crate::time::UnixMillis;

const COLUMNS: &str =
    "id, state, category_code, description, address, urgency, created_at, updated_at";
/// What a read returns: the columns plus whether an upload has started (the
/// outbox's `report_sync.last_attempt_at`, cleared when the city refuses).
const SELECT_COLUMNS: &str =
    "id, state, category_code, description, address, urgency, created_at, updated_at,
     EXISTS (SELECT 1 FROM report_sync s
             WHERE s.report_id = reports.id AND s.last_attempt_at IS NOT NULL)";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Report> {
    let state: String = row.get(1)?;
    let urgency: String = row.get(5)?;
    Ok(Report {
        id: row.get(0)?,
        // The schema's CHECK constraints make these total; a value outside them
        // means a corrupted file, reported as a conversion error, not a panic.
        state: ReportState::from_db_str(&state).ok_or_else(|| bad_value(1, state))?,
        category_code: row.get(2)?,
        description: row.get(3)?,
        address: row.get(4)?,
        urgency: Urgency::from_db_str(&urgency).ok_or_else(|| bad_value(5, urgency))?,
        created_at_ms: row.get(6)?,
        updated_at_ms: row.get(7)?,
        send_started: row.get(8)?,
    })
}

fn bad_value(column: usize, value: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unexpected value {value:?}").into(),
    )
}

pub fn insert(conn: &Connection, report: &Report) -> Result<()> {
    conn.execute(
        &format!("INSERT INTO reports ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            report.id,
            report.state.as_db_str(),
            report.category_code,
            report.description,
            report.address,
            report.urgency.as_db_str(),
            report.created_at_ms,
            report.updated_at_ms,
        ],
    )?;
    Ok(())
}

pub fn find(conn: &Connection, id: &str) -> Result<Option<Report>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SELECT_COLUMNS} FROM reports WHERE id = ?1"
        ))?
        .query_row([id], from_row)
        .optional()?)
}

pub fn get(conn: &Connection, id: &str) -> Result<Report> {
    find(conn, id)?.ok_or_else(|| Error::ReportNotFound { id: id.to_owned() })
}

/// Write one already-normalised field.
pub fn update_field(
    conn: &Connection,
    id: &str,
    field: &DraftField,
    now: UnixMillis,
) -> Result<()> {
    let changed = match field {
        DraftField::Category { code } => conn.execute(
            "UPDATE reports SET category_code = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, code, now],
        )?,
        DraftField::Description { text } => conn.execute(
            "UPDATE reports SET description = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, text, now],
        )?,
        DraftField::Address { text } => conn.execute(
            "UPDATE reports SET address = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, text, now],
        )?,
        DraftField::Urgency { urgency } => conn.execute(
            "UPDATE reports SET urgency = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, urgency.as_db_str(), now],
        )?,
    };
    if changed == 0 {
        return Err(Error::ReportNotFound { id: id.to_owned() });
    }
    Ok(())
}

pub fn set_state(conn: &Connection, id: &str, state: ReportState, now: UnixMillis) -> Result<()> {
    conn.execute(
        "UPDATE reports SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, state.as_db_str(), now],
    )?;
    Ok(())
}

pub fn delete(conn: &Connection, id: &str) -> Result<()> {
    conn.execute("DELETE FROM reports WHERE id = ?1", [id])?;
    Ok(())
}

pub fn all_ids(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("SELECT id FROM reports")?;
    let ids = stmt
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Keyset paging: the cursor is the (created_at, id) of the last row shown, so a
/// page is an index range scan whatever the depth, and rows added meanwhile
/// neither repeat nor vanish.
pub fn list(
    conn: &Connection,
    filter: ReportFilter,
    cursor: Option<&str>,
    limit: u32,
) -> Result<ReportPage> {
    let limit = limit.clamp(1, 200);
    let (after_created, after_id) = match cursor {
        Some(c) => decode_cursor(c)?,
        None => (i64::MAX, String::new()),
    };
    let states: Vec<&str> = filter.states().iter().map(|s| s.as_db_str()).collect();
    let placeholders = (0..states.len())
        .map(|i| format!("?{}", i + 4))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT {SELECT_COLUMNS} FROM reports
         WHERE state IN ({placeholders})
           AND (created_at < ?1 OR (created_at = ?1 AND (?2 = '' OR id < ?2)))
         ORDER BY created_at DESC, id DESC
         LIMIT ?3"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut values: Vec<&dyn rusqlite::ToSql> = vec![&after_created, &after_id];
    let fetch = i64::from(limit) + 1; // one extra row tells whether another page exists
    values.push(&fetch);
    values.extend(states.iter().map(|s| s as &dyn rusqlite::ToSql));
    let mut reports: Vec<Report> = stmt
        .query_map(values.as_slice(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let next_cursor = if reports.len() > limit as usize {
        reports.truncate(limit as usize);
        reports
            .last()
            .map(|r| encode_cursor(r.created_at_ms, &r.id))
    } else {
        None
    };
    Ok(ReportPage {
        reports,
        next_cursor,
    })
}

fn encode_cursor(created_at: UnixMillis, id: &str) -> String {
    format!("{created_at}~{id}")
}

fn decode_cursor(cursor: &str) -> Result<(UnixMillis, String)> {
    let (created, id) = cursor.split_once('~').ok_or(Error::InvalidCursor)?;
    let created = created.parse().map_err(|_| Error::InvalidCursor)?;
    if id.is_empty() {
        return Err(Error::InvalidCursor);
    }
    Ok((created, id.to_owned()))
}
