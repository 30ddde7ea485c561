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

/// Bumped when [`crate::areas::codec`]'s layout changes. A blob of an older
/// format this build still reads is rebuilt and stored again in this one
/// ([`load_set`] says so, [`rewrite_in_current_format`] does it); any other
/// format is refused as [`AreasError::CorruptCache`], never misread.
/// 1: outlines only. 2: outlines and the latitude bands of each unit.
pub const CODEC_FORMAT: i64 = 2;

/// Facts about the cached set, without decoding it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct AreaSetInfo {
    /// The city's version string of the set (e.g. its publication date).
    pub version: String,
    pub unit_count: u32,
    /// When it was imported; 0 for the built-in set.
    pub imported_at_ms: UnixMillis,
    /// The set the core ships ([`crate::areas::snapshot`]), in use until one
    /// is pulled or imported.
    pub built_in: bool,
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
        built_in: false,
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
                built_in: false,
            })
        })
        .optional()?)
}

/// A cached set, decoded and indexed.
#[derive(Debug)]
pub struct CachedSet {
    pub info: AreaSetInfo,
    pub index: AreaIndex,
    /// The blob was in an older format (rebuilt here); store it again with
    /// [`rewrite_in_current_format`] so the next start reads it directly.
    pub old_format: Option<i64>,
}

/// The cached set, decoded and indexed (`None` when nothing was imported yet).
/// Decoded straight from SQLite's buffer: no copy of the 2 MB blob.
pub fn load_set(conn: &Connection) -> Result<Option<CachedSet>> {
    let mut statement = conn.prepare_cached(
        "SELECT version, unit_count, imported_at, format, outlines FROM area_sets WHERE id = 1",
    )?;
    let mut rows = statement.query([])?;
    let Some(row) = rows.next()? else {
        return Ok(None);
    };
    let info = AreaSetInfo {
        version: row.get(0)?,
        unit_count: row.get(1)?,
        imported_at_ms: row.get(2)?,
        built_in: false,
    };
    let format: i64 = row.get(3)?;
    let blob = row.get_ref(4)?.as_blob().map_err(rusqlite::Error::from)?;
    let (index, old_format) = match format {
        CODEC_FORMAT => (AreaIndex::from_cache_bytes(blob)?, None),
        1 => (AreaIndex::from_cache_bytes_format_1(blob)?, Some(format)),
        _ => {
            return Err(AreasError::CorruptCache {
                reason: format!("format {format}, this build reads 1 to {CODEC_FORMAT}"),
            }
            .into());
        }
    };
    Ok(Some(CachedSet {
        info,
        index,
        old_format,
    }))
}

/// Store a set read from an older format again in the current one, unless
/// another import replaced it meanwhile (then nothing is written). Keeps the
/// version and import time: the set itself did not change.
pub fn rewrite_in_current_format(
    conn: &Connection,
    set: &AreaSetInfo,
    old_format: i64,
    index: &AreaIndex,
) -> Result<bool> {
    let changed = conn.execute(
        "UPDATE area_sets SET format = ?1, outlines = ?2
         WHERE id = 1 AND format = ?3 AND version = ?4 AND imported_at = ?5",
        params![
            CODEC_FORMAT,
            index.to_cache_bytes(),
            old_format,
            set.version,
            set.imported_at_ms
        ],
    )?;
    Ok(changed == 1)
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
