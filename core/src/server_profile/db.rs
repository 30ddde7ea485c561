//! The cached profile per server URL, and the resident's contact fields
//! (tables `server_profiles`, `resident_contact`).

use rusqlite::{Connection, OptionalExtension, params};

use crate::error::Result;
use crate::server_profile::contact::ResidentContact;
use crate::server_profile::model::ServerProfile;

pub fn load(conn: &Connection, base_url: &str) -> Result<Option<ServerProfile>> {
    let text: Option<String> = conn
        .prepare_cached("SELECT profile FROM server_profiles WHERE base_url = ?1")?
        .query_row([base_url], |row| row.get(0))
        .optional()?;
    // A row from an older shape is relearned rather than trusted.
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

pub fn save(conn: &Connection, profile: &ServerProfile) -> Result<()> {
    // Plain data always serialises; an empty row would just be relearned.
    let text = serde_json::to_string(profile).unwrap_or_default();
    conn.execute(
        "INSERT INTO server_profiles (base_url, profile, learned_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (base_url) DO UPDATE SET profile = excluded.profile,
                                              learned_at = excluded.learned_at",
        params![profile.base_url, text, profile.learned_at_ms],
    )?;
    Ok(())
}

pub fn contact(conn: &Connection) -> Result<ResidentContact> {
    Ok(conn
        .prepare_cached(
            "SELECT email, first_name, last_name, phone, device_id FROM resident_contact WHERE id = 1",
        )?
        .query_row([], |row| {
            Ok(ResidentContact {
                email: row.get(0)?,
                first_name: row.get(1)?,
                last_name: row.get(2)?,
                phone: row.get(3)?,
                device_id: row.get(4)?,
            })
        })
        .optional()?
        .unwrap_or_default())
}

pub fn set_contact(conn: &Connection, contact: &ResidentContact) -> Result<()> {
    conn.execute(
        "INSERT INTO resident_contact (id, email, first_name, last_name, phone, device_id)
         VALUES (1, ?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET email = excluded.email, first_name = excluded.first_name,
             last_name = excluded.last_name, phone = excluded.phone, device_id = excluded.device_id",
        params![
            contact.email,
            contact.first_name,
            contact.last_name,
            contact.phone,
            contact.device_id
        ],
    )?;
    Ok(())
}
