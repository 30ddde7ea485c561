//! City warnings and announcements (`GET /alerts`), published by officials.

use rusqlite::{Connection, params};

#[derive(Debug, Clone)]
pub struct AlertRow {
    pub id: i64,
    pub severity: String,
    pub title_vi: String,
    pub title_en: String,
    pub body_vi: String,
    pub body_en: String,
    pub area_codes: Vec<String>,
    pub published_ms: i64,
    pub expires_ms: Option<i64>,
}

/// Who published it (recorded, never served).
pub struct Publisher<'a>(pub &'a str);

pub const SEVERITIES: [&str; 3] = ["info", "warning", "danger"];

pub fn insert(conn: &Connection, a: &AlertRow, by: Publisher<'_>) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO alerts (severity, title_vi, title_en, body_vi, body_en, area_codes, published_ms, expires_ms, official_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            a.severity,
            a.title_vi,
            a.title_en,
            a.body_vi,
            a.body_en,
            a.area_codes.join(","),
            a.published_ms,
            a.expires_ms,
            by.0
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

#[derive(Debug, Clone)]
pub struct AlertSearch {
    pub after: i64,
    pub area: Option<String>,
    /// Hide alerts expired at this instant (`None`: show all).
    pub live_at_ms: Option<i64>,
    pub limit: usize,
}

pub fn list(conn: &Connection, s: &AlertSearch) -> rusqlite::Result<Vec<AlertRow>> {
    let mut stmt = conn.prepare(
        "SELECT id, severity, title_vi, title_en, body_vi, body_en, area_codes, published_ms, expires_ms
         FROM alerts WHERE id > ?1
           AND (?2 IS NULL OR expires_ms IS NULL OR expires_ms > ?2)
         ORDER BY id",
    )?;
    let rows = stmt.query_map(params![s.after, s.live_at_ms], |r| {
        let codes: String = r.get(6)?;
        Ok(AlertRow {
            id: r.get(0)?,
            severity: r.get(1)?,
            title_vi: r.get(2)?,
            title_en: r.get(3)?,
            body_vi: r.get(4)?,
            body_en: r.get(5)?,
            area_codes: codes
                .split(',')
                .filter(|c| !c.is_empty())
                .map(str::to_owned)
                .collect(),
            published_ms: r.get(7)?,
            expires_ms: r.get(8)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        let in_area = match &s.area {
            Some(area) => row.area_codes.is_empty() || row.area_codes.contains(area),
            None => true,
        };
        if in_area {
            out.push(row);
            if out.len() == s.limit {
                break;
            }
        }
    }
    Ok(out)
}
