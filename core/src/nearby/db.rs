//! The last answer per draft (table `nearby_answers`, migration 9), and the
//! city ids of the resident's own reports, which are never listed as others'.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::nearby::model::{StoredAnswer, StoredReport};

pub fn load(conn: &Connection, report_id: &str) -> Result<Option<StoredAnswer>> {
    let row = conn
        .prepare_cached(
            "SELECT category_code, latitude, longitude, radius_m, offered, server_radius, total,
                    reports, fetched_at
             FROM nearby_answers WHERE report_id = ?1",
        )?
        .query_row([report_id], |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, f64>(1)?,
                row.get::<_, f64>(2)?,
                row.get::<_, f64>(3)?,
                row.get::<_, bool>(4)?,
                row.get::<_, bool>(5)?,
                row.get::<_, i64>(6)?,
                row.get::<_, String>(7)?,
                row.get::<_, i64>(8)?,
            ))
        })
        .optional()?;
    let Some((
        category_code,
        latitude,
        longitude,
        radius_m,
        offered,
        server_radius,
        total,
        json,
        at,
    )) = row
    else {
        return Ok(None);
    };
    // A row an older shape wrote is asked again rather than trusted.
    let Ok(reports) = serde_json::from_str::<Vec<StoredReport>>(&json) else {
        return Ok(None);
    };
    Ok(Some(StoredAnswer {
        report_id: report_id.to_owned(),
        category_code,
        latitude,
        longitude,
        radius_m,
        offered,
        server_radius,
        total: total.clamp(0, u32::MAX as i64) as u32,
        reports,
        fetched_at_ms: at,
    }))
}

/// Keep `answer` as the draft's last one (replacing the previous). The
/// report must exist (foreign key): a draft deleted meanwhile keeps nothing.
pub fn save(conn: &Connection, answer: &StoredAnswer) -> Result<()> {
    // Plain data always serialises.
    let reports = serde_json::to_string(&answer.reports).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO nearby_answers (report_id, category_code, latitude, longitude, radius_m,
                                     offered, server_radius, total, reports, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (report_id) DO UPDATE SET
             category_code = excluded.category_code, latitude = excluded.latitude,
             longitude = excluded.longitude, radius_m = excluded.radius_m,
             offered = excluded.offered, server_radius = excluded.server_radius,
             total = excluded.total, reports = excluded.reports, fetched_at = excluded.fetched_at",
        params![
            answer.report_id,
            answer.category_code,
            answer.latitude,
            answer.longitude,
            answer.radius_m,
            answer.offered,
            answer.server_radius,
            answer.total,
            reports,
            answer.fetched_at_ms,
        ],
    )?;
    Ok(())
}

/// The city's ids of every report this device sent.
pub fn own_city_ids(conn: &Connection) -> Result<HashSet<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT service_request_id FROM report_sync WHERE service_request_id IS NOT NULL",
    )?;
    let ids = stmt
        .query_map([], |row| row.get::<_, String>(0))?
        .collect::<rusqlite::Result<HashSet<_>>>()?;
    Ok(ids)
}
