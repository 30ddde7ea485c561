//! The city's report categories (Open311 "services") as the app knows them:
//! the list the last pull stored, or — before any pull stored one, e.g. a
//! fresh install opened offline in an alley — the [`snapshot`] shipped inside
//! the core. Once the city's own list is stored it wins (a `304` keeps it);
//! the snapshot is never merged into it.
//!
//! The draft form offers [`current`]; readiness refuses a code that is not on
//! it ([`is_listed`]), so a report is not queued for a category the city does
//! not (or no longer) know.

pub mod db;
pub mod model;
pub mod ops;
pub mod search;
pub mod snapshot;

pub use model::Category;

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;

/// The categories to offer, in the city's order.
pub fn current(conn: &Connection) -> Result<Vec<Category>> {
    let pulled = db::stored(conn)?;
    if pulled.is_empty() {
        return Ok(snapshot::categories().to_vec());
    }
    Ok(pulled)
}

/// Whether `code` is on [`current`]'s list.
pub fn is_listed(conn: &Connection, code: &str) -> Result<bool> {
    // One row when anything was pulled: whether the code is among it.
    let pulled: Option<bool> = conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM categories WHERE code = ?1)
             FROM categories LIMIT 1",
        )?
        .query_row([code], |row| row.get(0))
        .optional()?;
    Ok(pulled.unwrap_or_else(|| snapshot::categories().iter().any(|c| c.code == code)))
}
