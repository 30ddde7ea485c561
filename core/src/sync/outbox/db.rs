//! The outbox's state in SQLite (table `report_sync`, flags in `sync_flags`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::i18n::Bilingual;
use crate::time::UnixMillis;

/// What the city said when it accepted a report.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct Submission {
    pub report_id: String,
    pub service_request_id: String,
    /// The ward/commune code the city routed it to (may be absent).
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    pub submitted_at_ms: UnixMillis,
}

/// Sync bookkeeping of one report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncRecord {
    pub attempts: u32,
    pub next_attempt_at_ms: Option<UnixMillis>,
    pub last_error: Option<String>,
    pub rejection_reason: Option<String>,
    /// What the city said (or the app, for a photo that vanished).
    pub rejection_message: Option<Bilingual>,
}

/// Queued (or interrupted) reports whose next attempt is due, oldest first.
pub fn due(conn: &Connection, now: UnixMillis) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT r.id FROM reports r LEFT JOIN report_sync s ON s.report_id = r.id
         WHERE r.state IN ('queued', 'sending')
           AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?1)
         ORDER BY r.created_at, r.id",
    )?;
    let ids = statement
        .query_map([now], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}

/// Reports left `sending` by a process that died: queued again, to be resent
/// under the same id (the server's idempotency makes that safe).
pub fn requeue_interrupted(conn: &Connection, now: UnixMillis) -> Result<usize> {
    Ok(conn.execute(
        "UPDATE reports SET state = 'queued', updated_at = ?1 WHERE state = 'sending'",
        [now],
    )?)
}

fn set_state(conn: &Connection, id: &str, state: &str, now: UnixMillis) -> Result<()> {
    conn.execute(
        "UPDATE reports SET state = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, state, now],
    )?;
    Ok(())
}

fn ensure_row(conn: &Connection, id: &str) -> Result<()> {
    conn.execute(
        "INSERT OR IGNORE INTO report_sync (report_id) VALUES (?1)",
        [id],
    )?;
    Ok(())
}

pub fn mark_sending(conn: &Connection, id: &str, now: UnixMillis) -> Result<()> {
    ensure_row(conn, id)?;
    conn.execute(
        "UPDATE report_sync SET last_attempt_at = ?2,
                first_attempt_at = coalesce(first_attempt_at, ?2)
         WHERE report_id = ?1",
        params![id, now],
    )?;
    set_state(conn, id, "sending", now)
}

/// Back to the queue without counting an attempt (cancelled, or paused for sign-in).
pub fn mark_queued(conn: &Connection, id: &str, now: UnixMillis) -> Result<()> {
    set_state(conn, id, "queued", now)
}

pub fn mark_submitted(conn: &Connection, submission: &Submission) -> Result<()> {
    ensure_row(conn, &submission.report_id)?;
    conn.execute(
        "UPDATE report_sync SET service_request_id = ?2, agency_responsible = ?3,
                service_notice = ?4, submitted_at = ?5, next_attempt_at = NULL,
                last_error = NULL
         WHERE report_id = ?1",
        params![
            submission.report_id,
            submission.service_request_id,
            submission.agency_responsible,
            submission.service_notice,
            submission.submitted_at_ms
        ],
    )?;
    set_state(
        conn,
        &submission.report_id,
        "submitted",
        submission.submitted_at_ms,
    )
}

/// The code kept in `last_error` of a report sent again where the server
/// offers neither idempotency nor a usable lookup of the earlier attempt.
pub const MAYBE_SENT_TWICE: &str = "maybe_sent_twice";

/// A submitted report was posted again without any way to know whether the
/// earlier attempt had arrived: the resident is told it may be there twice.
pub fn mark_maybe_sent_twice(conn: &Connection, report_id: &str) -> Result<()> {
    conn.execute(
        "UPDATE report_sync SET last_error = ?2 WHERE report_id = ?1",
        params![report_id, MAYBE_SENT_TWICE],
    )?;
    Ok(())
}

/// One more failed attempt; try again at `next_attempt_at`.
pub fn mark_retry(
    conn: &Connection,
    id: &str,
    next_attempt_at: UnixMillis,
    error_code: &str,
    now: UnixMillis,
) -> Result<()> {
    ensure_row(conn, id)?;
    conn.execute(
        "UPDATE report_sync SET attempts = attempts + 1, next_attempt_at = ?2, last_error = ?3
         WHERE report_id = ?1",
        params![id, next_attempt_at, error_code],
    )?;
    set_state(conn, id, "queued", now)
}

/// The city refused the report: the resident must act. Attempts restart from
/// zero when it is queued again, and the refused attempts no longer count as
/// possibly received (the city stores nothing it answers with an error).
pub fn mark_needs_attention(
    conn: &Connection,
    id: &str,
    reason: &str,
    message: &Bilingual,
    now: UnixMillis,
) -> Result<()> {
    ensure_row(conn, id)?;
    conn.execute(
        "UPDATE report_sync SET attempts = 0, next_attempt_at = NULL, last_attempt_at = NULL,
                first_attempt_at = NULL,
                last_error = ?2, rejection_reason = ?2, rejection_message = ?3
         WHERE report_id = ?1",
        params![id, reason, message.joined()],
    )?;
    set_state(conn, id, "needs_attention", now)
}

/// When the report was first tried since it was queued, if it was: from then
/// on the city may hold it, though no answer said so.
pub fn first_attempt(conn: &Connection, id: &str) -> Result<Option<UnixMillis>> {
    Ok(conn
        .prepare_cached("SELECT first_attempt_at FROM report_sync WHERE report_id = ?1")?
        .query_row([id], |row| row.get(0))
        .optional()?
        .flatten())
}

pub fn record(conn: &Connection, id: &str) -> Result<SyncRecord> {
    Ok(conn
        .prepare_cached(
            "SELECT attempts, next_attempt_at, last_error, rejection_reason, rejection_message
             FROM report_sync WHERE report_id = ?1",
        )?
        .query_row([id], |row| {
            Ok(SyncRecord {
                attempts: row.get(0)?,
                next_attempt_at_ms: row.get(1)?,
                last_error: row.get(2)?,
                rejection_reason: row.get(3)?,
                rejection_message: row
                    .get::<_, Option<String>>(4)?
                    .as_deref()
                    .and_then(Bilingual::from_joined),
            })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn submission(conn: &Connection, id: &str) -> Result<Option<Submission>> {
    Ok(conn
        .prepare_cached(
            "SELECT service_request_id, agency_responsible, service_notice, submitted_at
             FROM report_sync WHERE report_id = ?1 AND service_request_id IS NOT NULL",
        )?
        .query_row([id], |row| {
            Ok(Submission {
                report_id: id.to_owned(),
                service_request_id: row.get(0)?,
                agency_responsible: row.get(1)?,
                service_notice: row.get(2)?,
                submitted_at_ms: row.get(3)?,
            })
        })
        .optional()?)
}

/// (waiting in the outbox, needing attention, earliest future retry time).
pub fn totals(conn: &Connection, now: UnixMillis) -> Result<(u32, u32, Option<UnixMillis>)> {
    Ok(conn.query_row(
        "SELECT
            (SELECT count(*) FROM reports WHERE state IN ('queued', 'sending')),
            (SELECT count(*) FROM reports WHERE state = 'needs_attention'),
            (SELECT min(s.next_attempt_at) FROM reports r JOIN report_sync s ON s.report_id = r.id
              WHERE r.state IN ('queued', 'sending') AND s.next_attempt_at > ?1)",
        [now],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?)
}

pub fn sign_in_needed(conn: &Connection) -> Result<bool> {
    Ok(conn
        .query_row(
            "SELECT value FROM sync_flags WHERE name = 'sign_in_needed'",
            [],
            |row| row.get::<_, bool>(0),
        )
        .optional()?
        .unwrap_or(false))
}

pub fn set_sign_in_needed(conn: &Connection, needed: bool) -> Result<()> {
    conn.execute(
        "INSERT INTO sync_flags (name, value) VALUES ('sign_in_needed', ?1)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
        [needed],
    )?;
    Ok(())
}

/// Queued reports that failed `min_attempts` times or more in a row, counted
/// by their last error code (most frequent first): what the device check
/// calls stuck.
pub fn stuck(conn: &Connection, min_attempts: u32) -> Result<Vec<(String, u32)>> {
    let mut statement = conn.prepare_cached(
        "SELECT coalesce(s.last_error, ''), count(*) FROM reports r
         JOIN report_sync s ON s.report_id = r.id
         WHERE r.state IN ('queued', 'sending') AND s.attempts >= ?1
         GROUP BY 1 ORDER BY 2 DESC, 1",
    )?;
    let rows = statement
        .query_map([min_attempts], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
