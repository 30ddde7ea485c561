//! How a report's location is kept (table `report_locations`, migration 3).

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::Result;
use crate::location::model::{LocationFix, LocationSource, NearbyReport};
use crate::time::UnixMillis;

/// A stored row, before the verdict is computed.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredLocation {
    pub fix: LocationFix,
    /// The sensor or photo position the resident's pin moved away from.
    pub original: Option<(f64, f64)>,
    pub pin_moved_m: Option<f64>,
    pub area_code: Option<String>,
    pub area_name: Option<String>,
    pub area_ambiguous: bool,
    pub area_chosen_by_user: bool,
    pub attached_at: UnixMillis,
}

const COLUMNS: &str = "latitude, longitude, accuracy_m, fixed_at, source, mocked, \
     original_latitude, original_longitude, pin_moved_m, \
     area_code, area_name, area_ambiguous, area_chosen_by_user, attached_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredLocation> {
    let source: String = row.get(4)?;
    let source = LocationSource::from_db_str(&source).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            4,
            rusqlite::types::Type::Text,
            format!("unexpected source {source:?}").into(),
        )
    })?;
    let original_lat: Option<f64> = row.get(6)?;
    let original_lon: Option<f64> = row.get(7)?;
    Ok(StoredLocation {
        fix: LocationFix {
            lat: row.get(0)?,
            lon: row.get(1)?,
            accuracy_m: row.get(2)?,
            time_ms: row.get(3)?,
            source,
            mocked: row.get(5)?,
        },
        original: original_lat.zip(original_lon),
        pin_moved_m: row.get(8)?,
        area_code: row.get(9)?,
        area_name: row.get(10)?,
        area_ambiguous: row.get(11)?,
        area_chosen_by_user: row.get(12)?,
        attached_at: row.get(13)?,
    })
}

pub fn find(conn: &Connection, report_id: &str) -> Result<Option<StoredLocation>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM report_locations WHERE report_id = ?1"
        ))?
        .query_row([report_id], from_row)
        .optional()?)
}

pub fn put(conn: &Connection, report_id: &str, loc: &StoredLocation) -> Result<()> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO report_locations (report_id, {COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
        ),
        params![
            report_id,
            loc.fix.lat,
            loc.fix.lon,
            loc.fix.accuracy_m,
            loc.fix.time_ms,
            loc.fix.source.as_db_str(),
            loc.fix.mocked,
            loc.original.map(|o| o.0),
            loc.original.map(|o| o.1),
            loc.pin_moved_m,
            loc.area_code,
            loc.area_name,
            loc.area_ambiguous,
            loc.area_chosen_by_user,
            loc.attached_at,
        ],
    )?;
    Ok(())
}

pub fn exists(conn: &Connection, report_id: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM report_locations WHERE report_id = ?1")?
        .query_row([report_id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Reports of `category` created in `[since, until]` whose location lies in
/// the box; the caller measures exact distances.
#[allow(clippy::too_many_arguments)]
pub fn in_box(
    conn: &Connection,
    (min_lat, max_lat): (f64, f64),
    (min_lon, max_lon): (f64, f64),
    category: &str,
    since: UnixMillis,
    until: UnixMillis,
    exclude_id: Option<&str>,
) -> Result<Vec<(NearbyReport, f64, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT r.id, r.category_code, r.created_at, l.latitude, l.longitude
         FROM report_locations l JOIN reports r ON r.id = l.report_id
         WHERE l.latitude BETWEEN ?1 AND ?2 AND l.longitude BETWEEN ?3 AND ?4
           AND r.category_code = ?5 AND r.created_at BETWEEN ?6 AND ?7
           AND r.id IS NOT ?8",
    )?;
    let rows = stmt
        .query_map(
            params![
                min_lat, max_lat, min_lon, max_lon, category, since, until, exclude_id
            ],
            |row| {
                Ok((
                    NearbyReport {
                        report_id: row.get(0)?,
                        category_code: row.get(1)?,
                        created_at_ms: row.get(2)?,
                        distance_m: 0.0,
                    },
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
