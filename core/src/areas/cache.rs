//! The area set kept in SQLite (tables `area_sets` and `area_former_names`,
//! migration 3), so routing works with no network from the first start after
//! one import. One current set; a new one replaces it in one transaction only
//! after it was fully parsed and validated, so a bad file never replaces a good
//! cached set.

use rusqlite::{Connection, OptionalExtension, params};

use crate::areas::error::AreasError;
use crate::areas::index::AreaIndex;
use crate::areas::search::{FormerName, FormerNames};
use crate::error::Result;
use crate::time::UnixMillis;

/// Bumped when [`crate::areas::codec`]'s layout changes; an older blob is then
/// re-imported from the city instead of misread.
pub const CODEC_FORMAT: i64 = 1;

/// Facts about the cached set, without decoding it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaSetInfo {
    /// The city's version string of the set (e.g. its publication date).
    pub version: String,
    pub unit_count: u32,
    pub imported_at_ms: UnixMillis,
}

pub fn save_set(
    conn: &Connection,
    version: &str,
    index: &AreaIndex,
    now: UnixMillis,
) -> Result<AreaSetInfo> {
    conn.execute(
        "INSERT INTO area_sets (id, version, format, unit_count, outlines, imported_at)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET version = excluded.version, format = excluded.format,
           unit_count = excluded.unit_count, outlines = excluded.outlines,
           imported_at = excluded.imported_at",
        params![
            version,
            CODEC_FORMAT,
            index.len() as i64,
            index.to_cache_bytes(),
            now
        ],
    )?;
    Ok(AreaSetInfo {
        version: version.to_owned(),
        unit_count: index.len() as u32,
        imported_at_ms: now,
    })
}

pub fn set_info(conn: &Connection) -> Result<Option<AreaSetInfo>> {
    Ok(conn
        .prepare_cached("SELECT version, unit_count, imported_at FROM area_sets WHERE id = 1")?
        .query_row([], |row| {
            Ok(AreaSetInfo {
                version: row.get(0)?,
                unit_count: row.get(1)?,
                imported_at_ms: row.get(2)?,
            })
        })
        .optional()?)
}

/// The cached set, decoded and indexed (`None` when nothing was imported yet).
pub fn load_set(conn: &Connection) -> Result<Option<(AreaSetInfo, AreaIndex)>> {
    let row = conn
        .prepare_cached(
            "SELECT version, unit_count, imported_at, format, outlines FROM area_sets WHERE id = 1",
        )?
        .query_row([], |row| {
            let info = AreaSetInfo {
                version: row.get(0)?,
                unit_count: row.get(1)?,
                imported_at_ms: row.get(2)?,
            };
            let format: i64 = row.get(3)?;
            let blob: Vec<u8> = row.get(4)?;
            Ok((info, format, blob))
        })
        .optional()?;
    let Some((info, format, blob)) = row else {
        return Ok(None);
    };
    if format != CODEC_FORMAT {
        return Err(AreasError::CorruptCache {
            reason: format!("format {format}, this build reads {CODEC_FORMAT}"),
        }
        .into());
    }
    Ok(Some((info, AreaIndex::from_cache_bytes(&blob)?)))
}

/// Replace the former-names table as a whole.
pub fn save_former_names(conn: &Connection, names: &FormerNames) -> Result<()> {
    conn.execute("DELETE FROM area_former_names", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO area_former_names (old_code, old_name, new_code) VALUES (?1, ?2, ?3)",
    )?;
    for e in &names.entries {
        insert.execute(params![e.old_code, e.old_name, e.new_code])?;
    }
    Ok(())
}

pub fn load_former_names(conn: &Connection) -> Result<FormerNames> {
    let mut stmt = conn.prepare_cached(
        "SELECT old_code, old_name, new_code FROM area_former_names ORDER BY old_code, new_code",
    )?;
    let entries = stmt
        .query_map([], |row| {
            Ok(FormerName {
                old_code: row.get(0)?,
                old_name: row.get(1)?,
                new_code: row.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(FormerNames { entries })
}
