//! The `categories` table: the list the last pull stored, in the city's order.

use rusqlite::{Connection, params};

use crate::categories::Category;
use crate::error::Result;
use crate::i18n::Bilingual;
use crate::reports::Urgency;

/// Replace the cached categories as a whole, keeping the city's order.
pub fn replace(conn: &Connection, categories: &[Category]) -> Result<()> {
    conn.execute("DELETE FROM categories", [])?;
    let mut insert = conn.prepare_cached(
        "INSERT OR REPLACE INTO categories (code, position, name_vi, name_en, description_vi,
             description_en, group_vi, group_en, keywords, default_urgency, handle_working_hours)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    for (position, c) in categories.iter().enumerate() {
        insert.execute(params![
            c.code,
            position as i64,
            c.name.vi,
            c.name.en,
            c.description.vi,
            c.description.en,
            c.group.vi,
            c.group.en,
            c.keywords.join(","),
            c.default_urgency.as_db_str(),
            c.handle_working_hours
        ])?;
    }
    Ok(())
}

pub fn stored(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt = conn.prepare_cached(
        "SELECT code, name_vi, name_en, description_vi, description_en, group_vi, group_en,
                keywords, default_urgency, handle_working_hours
         FROM categories ORDER BY position",
    )?;
    let rows = stmt
        .query_map([], |r| {
            let keywords: String = r.get(7)?;
            let urgency: String = r.get(8)?;
            Ok(Category {
                code: r.get(0)?,
                name: Bilingual::new(r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                description: Bilingual::new(r.get::<_, String>(3)?, r.get::<_, String>(4)?),
                group: Bilingual::new(r.get::<_, String>(5)?, r.get::<_, String>(6)?),
                keywords: keywords
                    .split(',')
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned)
                    .collect(),
                default_urgency: if urgency == Urgency::Urgent.as_db_str() {
                    Urgency::Urgent
                } else {
                    Urgency::Normal
                },
                handle_working_hours: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
