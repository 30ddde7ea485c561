//! The SQLite connection and schema. One connection behind a mutex, used from
//! blocking threads: the reference server values obviously-correct serialisation over
//! throughput; the idempotency guarantee still rests on the UNIQUE constraint and the
//! transaction, not on the mutex.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

use crate::http::error::{ApiError, ApiResult};

const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS accounts (
    id          INTEGER PRIMARY KEY,
    phone       TEXT NOT NULL UNIQUE,
    created_ms  INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS requests (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    -- The app's report UUID (idempotency extension); NULL for plain Open311 POSTs.
    client_request_id  TEXT UNIQUE,
    content_hash       TEXT NOT NULL,
    token              TEXT NOT NULL UNIQUE,
    account_id         INTEGER REFERENCES accounts(id),
    service_code       TEXT NOT NULL,
    description        TEXT,
    lat                REAL,
    long               REAL,
    address_string     TEXT,
    address_id         TEXT,
    media_url          TEXT,
    -- email, phone, names, device_id, account_id as sent: kept, never served.
    personal_json      TEXT NOT NULL,
    attributes_json    TEXT NOT NULL,
    urgency            TEXT NOT NULL,
    agency_responsible TEXT,
    detailed_status    TEXT NOT NULL,
    status_notes       TEXT,
    requested_ms       INTEGER NOT NULL,
    updated_ms         INTEGER NOT NULL,
    acknowledged_ms    INTEGER,
    acknowledge_by_ms  INTEGER,
    handle_by_ms       INTEGER
);
CREATE INDEX IF NOT EXISTS requests_requested ON requests(requested_ms);
CREATE INDEX IF NOT EXISTS requests_account ON requests(account_id);
CREATE INDEX IF NOT EXISTS requests_agency ON requests(agency_responsible);
CREATE TABLE IF NOT EXISTS request_media (
    request_id  INTEGER NOT NULL REFERENCES requests(id),
    position    INTEGER NOT NULL,
    file_name   TEXT NOT NULL,
    taken_ms    INTEGER,
    PRIMARY KEY (request_id, position)
);
CREATE TABLE IF NOT EXISTS updates (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id         INTEGER NOT NULL REFERENCES requests(id),
    kind               TEXT NOT NULL,
    detailed_status    TEXT NOT NULL,
    description        TEXT NOT NULL,
    agency_responsible TEXT,
    created_ms         INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_request ON updates(request_id);
CREATE TABLE IF NOT EXISTS update_media (
    update_id  INTEGER NOT NULL REFERENCES updates(id),
    position   INTEGER NOT NULL,
    file_name  TEXT NOT NULL,
    PRIMARY KEY (update_id, position)
);
CREATE TABLE IF NOT EXISTS sign_in_codes (
    phone        TEXT PRIMARY KEY,
    code_hash    TEXT NOT NULL,
    expires_ms   INTEGER NOT NULL,
    wrong_tries  INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS sessions (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts(id),
    access_hash         TEXT NOT NULL UNIQUE,
    refresh_hash        TEXT NOT NULL UNIQUE,
    access_expires_ms   INTEGER NOT NULL,
    refresh_expires_ms  INTEGER NOT NULL,
    revoked             INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS alerts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    severity      TEXT NOT NULL,
    title_vi      TEXT NOT NULL,
    title_en      TEXT NOT NULL,
    body_vi       TEXT NOT NULL,
    body_en       TEXT NOT NULL,
    -- Comma-separated unit codes; empty = the whole city.
    area_codes    TEXT NOT NULL,
    published_ms  INTEGER NOT NULL,
    expires_ms    INTEGER
);
"#;

#[derive(Clone, Debug)]
pub struct Db(Arc<Mutex<Connection>>);

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.execute_batch(SCHEMA)?;
        Ok(Db(Arc::new(Mutex::new(conn))))
    }

    /// Run `f` with the connection on a blocking thread.
    pub async fn call<R, F>(&self, f: F) -> ApiResult<R>
    where
        F: FnOnce(&mut Connection) -> ApiResult<R> + Send + 'static,
        R: Send + 'static,
    {
        let inner = self.0.clone();
        tokio::task::spawn_blocking(move || {
            // A panic while holding the lock leaves no half-written transaction
            // (rusqlite rolls back on drop), so the connection is still usable.
            let mut conn = inner.lock().unwrap_or_else(|p| p.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|_| ApiError::internal())?
    }
}
