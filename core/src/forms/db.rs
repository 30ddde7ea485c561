//! Tables `service_definitions` (the cached forms) and
//! `report_attribute_values` (a draft's answers).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::forms::model::{AttributeValue, ServiceAttribute};
use crate::time::UnixMillis;

pub fn save_definition(
    conn: &Connection,
    service_code: &str,
    attributes: &[ServiceAttribute],
    now: UnixMillis,
) -> Result<()> {
    // Plain data always serialises.
    let json = serde_json::to_string(attributes).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO service_definitions (service_code, attributes, fetched_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (service_code) DO UPDATE SET attributes = excluded.attributes,
                                                  fetched_at = excluded.fetched_at",
        params![service_code, json, now],
    )?;
    Ok(())
}

/// Keep only the definitions of `codes` (the services that have one now).
/// Compared here rather than in SQL: the app's SQLite is built without its
/// JSON functions (`.cargo/config.toml`, docs/size.md), and a city has a few
/// dozen services at most.
pub fn retain_definitions(conn: &Connection, codes: &[String]) -> Result<()> {
    let cached: Vec<String> = conn
        .prepare_cached("SELECT service_code FROM service_definitions")?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut delete =
        conn.prepare_cached("DELETE FROM service_definitions WHERE service_code = ?1")?;
    for code in cached.iter().filter(|code| !codes.contains(code)) {
        delete.execute([code])?;
    }
    Ok(())
}

/// The cached attributes of a service, in the city's order (none when it has
/// no definition, or none was pulled yet).
pub fn definition(conn: &Connection, service_code: &str) -> Result<Vec<ServiceAttribute>> {
    let json: Option<String> = conn
        .prepare_cached("SELECT attributes FROM service_definitions WHERE service_code = ?1")?
        .query_row([service_code], |row| row.get(0))
        .optional()?;
    // Written by this code only; a row from another shape is refetched.
    Ok(json
        .and_then(|j| serde_json::from_str(&j).ok())
        .unwrap_or_default())
}

/// When each cached definition was fetched.
pub fn fetched(conn: &Connection) -> Result<Vec<(String, UnixMillis)>> {
    let mut stmt =
        conn.prepare_cached("SELECT service_code, fetched_at FROM service_definitions")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Set one answer; no values clears it.
pub fn set_value(conn: &Connection, report_id: &str, value: &AttributeValue) -> Result<()> {
    if value.values.is_empty() {
        conn.execute(
            "DELETE FROM report_attribute_values WHERE report_id = ?1 AND code = ?2",
            params![report_id, value.code],
        )?;
        return Ok(());
    }
    let json = serde_json::to_string(&value.values).unwrap_or_else(|_| "[]".into());
    conn.execute(
        "INSERT INTO report_attribute_values (report_id, code, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (report_id, code) DO UPDATE SET value = excluded.value",
        params![report_id, value.code, json],
    )?;
    Ok(())
}

/// Every answer kept for a report, by code.
pub fn values(conn: &Connection, report_id: &str) -> Result<Vec<AttributeValue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, value FROM report_attribute_values WHERE report_id = ?1 ORDER BY code",
    )?;
    let rows = stmt
        .query_map([report_id], |r| {
            let json: String = r.get(1)?;
            Ok(AttributeValue {
                code: r.get(0)?,
                values: serde_json::from_str(&json).unwrap_or_default(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
