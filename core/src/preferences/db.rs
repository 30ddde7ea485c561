//! One row per setting in `preferences`. A missing row, or a value this
//! version does not know (written by a newer app, then downgraded), reads as
//! the default: settings never stop the app from opening.

use rusqlite::{Connection, OptionalExtension};

use crate::error::Result;
use crate::photos::SizePreset;
use crate::preferences::model::{LanguageChoice, PreferenceChange, Preferences};

const FIRST_RUN_DONE: &str = "first_run_done";
const LANGUAGE: &str = "language";
const PHOTO_SIZE: &str = "photo_size";
const PHOTOS_ONLY_ON_WIFI: &str = "photos_only_on_wifi";

fn value(conn: &Connection, name: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM preferences WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

fn size_db_str(preset: SizePreset) -> &'static str {
    match preset {
        SizePreset::Small => "small",
        SizePreset::Standard => "standard",
        SizePreset::Large => "large",
    }
}

fn size_from_db_str(s: &str) -> Option<SizePreset> {
    [SizePreset::Small, SizePreset::Standard, SizePreset::Large]
        .into_iter()
        .find(|p| size_db_str(*p) == s)
}

pub fn get(conn: &Connection) -> Result<Preferences> {
    let flag = |name| -> Result<bool> { Ok(value(conn, name)?.as_deref() == Some("1")) };
    Ok(Preferences {
        first_run_done: flag(FIRST_RUN_DONE)?,
        language: value(conn, LANGUAGE)?
            .and_then(|v| LanguageChoice::from_db_str(&v))
            .unwrap_or_default(),
        photo_size: value(conn, PHOTO_SIZE)?
            .and_then(|v| size_from_db_str(&v))
            .unwrap_or_default(),
        photos_only_on_wifi: flag(PHOTOS_ONLY_ON_WIFI)?,
    })
}

pub fn set(conn: &Connection, change: PreferenceChange) -> Result<()> {
    let flag = |on: bool| if on { "1" } else { "0" };
    let (name, value) = match change {
        PreferenceChange::FirstRunDone { done } => (FIRST_RUN_DONE, flag(done)),
        PreferenceChange::Language { choice } => (LANGUAGE, choice.as_db_str()),
        PreferenceChange::PhotoSize { preset } => (PHOTO_SIZE, size_db_str(preset)),
        PreferenceChange::PhotosOnlyOnWifi { on } => (PHOTOS_ONLY_ON_WIFI, flag(on)),
    };
    conn.prepare_cached(
        "INSERT INTO preferences (name, value) VALUES (?1, ?2)
         ON CONFLICT (name) DO UPDATE SET value = excluded.value",
    )?
    .execute([name, value])?;
    Ok(())
}
