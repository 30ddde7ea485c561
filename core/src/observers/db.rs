//! The queries behind the observed values.

use rusqlite::Connection;

use crate::error::Result;
use crate::observers::model::{BadgeCounts, SyncActivity};
use crate::reports::ReportState;
use crate::sync::outbox::db as outbox_db;
use crate::time::UnixMillis;

/// Every report's id and state, newest first (the first report-list call).
pub fn report_states(conn: &Connection) -> Result<Vec<(String, ReportState)>> {
    let mut statement =
        conn.prepare_cached("SELECT id, state FROM reports ORDER BY created_at DESC, id DESC")?;
    let rows = statement.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut states = Vec::new();
    for row in rows {
        let (id, state) = row?;
        // The schema's CHECK constraint allows only known states.
        let state = ReportState::from_db_str(&state).unwrap_or(ReportState::Draft);
        states.push((id, state));
    }
    Ok(states)
}

/// One report's state, `None` when it no longer exists.
pub fn report_state(conn: &Connection, id: &str) -> Result<Option<ReportState>> {
    Ok(crate::reports::db::find(conn, id)?.map(|report| report.state))
}

pub fn badge_counts(conn: &Connection, now: UnixMillis) -> Result<BadgeCounts> {
    let (drafts, waiting_to_send, needs_attention) = conn.query_row(
        "SELECT coalesce(sum(state = 'draft'), 0),
                coalesce(sum(state IN ('queued', 'sending')), 0),
                coalesce(sum(state = 'needs_attention'), 0)
         FROM reports",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let unread = crate::pull::db::unread_counts(conn, now)?;
    Ok(BadgeCounts {
        drafts,
        waiting_to_send,
        needs_attention,
        unread_updates: unread.updates,
        unread_alerts: unread.alerts,
    })
}

/// The sync's state as the store shows it when no sync has run since start-up.
pub fn resting_activity(conn: &Connection, now: UnixMillis) -> Result<SyncActivity> {
    if outbox_db::sign_in_needed(conn)? {
        return Ok(SyncActivity::SignInNeeded);
    }
    let (_waiting, _needs_attention, next_retry) = outbox_db::totals(conn, now)?;
    Ok(match next_retry {
        Some(at) if at > now => SyncActivity::WaitingUntil { next_try_at_ms: at },
        _ => SyncActivity::Idle,
    })
}
