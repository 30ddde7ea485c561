//! How photos are kept in SQLite (table `report_photos`, schema version 2).
//! Paths are stored relative to the report's folder and made absolute on read,
//! so the data directory can move (iOS changes the container path on updates).

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Row, params};

use crate::error::Result;
use crate::photos::model::{GpsPosition, Photo, PhotoSource, ReviewFlags};
use crate::time::UnixMillis;

/// A photo about to be inserted.
pub struct NewPhoto<'a> {
    pub id: &'a str,
    pub report_id: &'a str,
    pub position: u32,
    pub file_name: &'a str,
    pub thumbnail_file_name: &'a str,
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub sha256: &'a str,
    pub source_sha256: &'a str,
    pub source: PhotoSource,
    pub captured_at_ms: Option<UnixMillis>,
    pub capture_utc_offset_minutes: Option<i32>,
    pub gps: Option<GpsPosition>,
    pub camera_make: Option<&'a str>,
    pub camera_model: Option<&'a str>,
    pub software: Option<&'a str>,
    pub flags: ReviewFlags,
    pub added_at_ms: UnixMillis,
}

pub fn insert(conn: &Connection, photo: &NewPhoto<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO report_photos (
            id, report_id, position, file_name, thumbnail_file_name, width, height, bytes,
            sha256, source_sha256, source, captured_at, capture_utc_offset_minutes,
            gps_latitude, gps_longitude, gps_accuracy_m, camera_make, camera_model, software,
            flag_older_than_7_days, flag_no_capture_time, flag_edited_by_software, added_at
        ) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                  ?18, ?19, ?20, ?21, ?22, ?23)",
        params![
            photo.id,
            photo.report_id,
            photo.position,
            photo.file_name,
            photo.thumbnail_file_name,
            photo.width,
            photo.height,
            photo.bytes as i64,
            photo.sha256,
            photo.source_sha256,
            photo.source.as_db_str(),
            photo.captured_at_ms,
            photo.capture_utc_offset_minutes,
            photo.gps.map(|g| g.latitude),
            photo.gps.map(|g| g.longitude),
            photo.gps.and_then(|g| g.accuracy_m),
            photo.camera_make,
            photo.camera_model,
            photo.software,
            photo.flags.older_than_7_days,
            photo.flags.no_capture_time,
            photo.flags.edited_by_software,
            photo.added_at_ms,
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "id, report_id, position, file_name, thumbnail_file_name, width, height,
    bytes, sha256, source, captured_at, capture_utc_offset_minutes, gps_latitude, gps_longitude,
    gps_accuracy_m, software, flag_older_than_7_days, flag_no_capture_time,
    flag_edited_by_software, added_at";

fn from_row(report_dir: &Path, row: &Row<'_>) -> rusqlite::Result<Photo> {
    let file_name: String = row.get("file_name")?;
    let thumbnail_file_name: String = row.get("thumbnail_file_name")?;
    let source: String = row.get("source")?;
    let latitude: Option<f64> = row.get("gps_latitude")?;
    let longitude: Option<f64> = row.get("gps_longitude")?;
    let bytes: i64 = row.get("bytes")?;
    Ok(Photo {
        id: row.get("id")?,
        report_id: row.get("report_id")?,
        position: row.get("position")?,
        path: report_dir.join(file_name).to_string_lossy().into_owned(),
        thumbnail_path: report_dir
            .join(thumbnail_file_name)
            .to_string_lossy()
            .into_owned(),
        width: row.get("width")?,
        height: row.get("height")?,
        bytes: bytes as u64,
        sha256: row.get("sha256")?,
        // The CHECK constraint admits only the two spellings.
        source: PhotoSource::from_db_str(&source).unwrap_or(PhotoSource::Gallery),
        captured_at_ms: row.get("captured_at")?,
        capture_utc_offset_minutes: row.get("capture_utc_offset_minutes")?,
        gps: latitude
            .zip(longitude)
            .map(|(latitude, longitude)| GpsPosition {
                latitude,
                longitude,
                accuracy_m: row.get("gps_accuracy_m").ok().flatten(),
            }),
        software: row.get("software")?,
        flags: ReviewFlags {
            older_than_7_days: row.get("flag_older_than_7_days")?,
            no_capture_time: row.get("flag_no_capture_time")?,
            edited_by_software: row.get("flag_edited_by_software")?,
        },
        added_at_ms: row.get("added_at")?,
    })
}

/// A report's photos in their order.
pub fn list(conn: &Connection, report_dir: &Path, report_id: &str) -> Result<Vec<Photo>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM report_photos WHERE report_id = ?1 ORDER BY position, added_at"
    ))?;
    let photos = statement
        .query_map([report_id], |row| from_row(report_dir, row))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(photos)
}

pub fn count(conn: &Connection, report_id: &str) -> Result<usize> {
    let n: i64 = conn.query_row(
        "SELECT COUNT(*) FROM report_photos WHERE report_id = ?1",
        [report_id],
        |row| row.get(0),
    )?;
    Ok(n as usize)
}

/// The photo of `report_id` made from the source file with this hash, if any.
pub fn find_by_source(
    conn: &Connection,
    report_id: &str,
    source_sha256: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM report_photos WHERE report_id = ?1 AND source_sha256 = ?2",
            [report_id, source_sha256],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn delete(conn: &Connection, report_id: &str, photo_id: &str) -> Result<bool> {
    Ok(conn.execute(
        "DELETE FROM report_photos WHERE report_id = ?1 AND id = ?2",
        [report_id, photo_id],
    )? > 0)
}

pub fn set_position(conn: &Connection, photo_id: &str, position: u32) -> Result<()> {
    conn.execute(
        "UPDATE report_photos SET position = ?2 WHERE id = ?1",
        params![photo_id, position],
    )?;
    Ok(())
}

/// Every file name a report's rows refer to (photos and thumbnails).
pub fn file_names(conn: &Connection, report_id: &str) -> Result<Vec<String>> {
    let mut statement = conn.prepare_cached(
        "SELECT file_name, thumbnail_file_name FROM report_photos WHERE report_id = ?1",
    )?;
    let mut names = Vec::new();
    let rows = statement.query_map([report_id], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (photo, thumbnail) = row?;
        names.push(photo);
        names.push(thumbnail);
    }
    Ok(names)
}

/// A photo change is a change of the report: it moves the report's
/// `updated_at` (what "last edited" shows and sync compares).
pub fn touch_report(conn: &Connection, report_id: &str, now: UnixMillis) -> Result<()> {
    conn.execute(
        "UPDATE reports SET updated_at = ?2 WHERE id = ?1",
        params![report_id, now],
    )?;
    Ok(())
}
