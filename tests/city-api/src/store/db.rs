//! The SQLite file and schema, served by a small pool of connections used from
//! blocking threads. In WAL mode readers never wait for each other or for the
//! writer, so a slow `GET /requests` no longer holds every other request behind
//! one mutex; writers are serialised by SQLite itself (every write transaction is
//! `IMMEDIATE`, and the busy timeout queues them). The idempotency guarantee rests
//! on the UNIQUE constraint and the transaction, as before.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;
use tokio::sync::Semaphore;

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
-- Counters with an expiry (sign-in caps, SMS budget, upload quotas): they live in
-- the database so that no flood of other keys can push them out of memory, and a
-- restart does not reset them.
CREATE TABLE IF NOT EXISTS counters (
    key         TEXT PRIMARY KEY,
    count       INTEGER NOT NULL,
    expires_ms  INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS counters_expiry ON counters(expires_ms);
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

/// Columns added after the first release: `(table, column, declaration)`. Added to
/// an older file on open.
const ADDED_COLUMNS: [(&str, &str, &str); 2] = [
    // Who did it: the official's id from the server's configuration.
    ("updates", "official_id", "TEXT"),
    ("alerts", "official_id", "TEXT"),
];

/// Connections in the pool: enough for the blocking threads a small server runs
/// at once, few enough that SQLite's page cache per connection stays small.
pub const POOL_SIZE: usize = 4;

#[derive(Clone, Debug)]
pub struct Db {
    idle: Arc<Mutex<Vec<Connection>>>,
    /// One permit per connection: a caller waits here (asynchronously), never on
    /// a blocking thread.
    permits: Arc<Semaphore>,
}

fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open(path)?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

fn add_missing_columns(conn: &Connection) -> rusqlite::Result<()> {
    for (table, column, declaration) in ADDED_COLUMNS {
        let present: bool = conn.query_row(
            &format!("SELECT COUNT(*) > 0 FROM pragma_table_info('{table}') WHERE name = ?1"),
            [column],
            |r| r.get(0),
        )?;
        if !present {
            conn.execute_batch(&format!(
                "ALTER TABLE {table} ADD COLUMN {column} {declaration}"
            ))?;
        }
    }
    Ok(())
}

impl Db {
    pub fn open(path: &Path) -> rusqlite::Result<Self> {
        let first = connect(path)?;
        first.execute_batch(SCHEMA)?;
        add_missing_columns(&first)?;
        let mut idle = vec![first];
        for _ in 1..POOL_SIZE {
            idle.push(connect(path)?);
        }
        Ok(Db {
            idle: Arc::new(Mutex::new(idle)),
            permits: Arc::new(Semaphore::new(POOL_SIZE)),
        })
    }

    /// Run `f` with a pooled connection on a blocking thread.
    pub async fn call<R, F>(&self, f: F) -> ApiResult<R>
    where
        F: FnOnce(&mut Connection) -> ApiResult<R> + Send + 'static,
        R: Send + 'static,
    {
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| ApiError::internal())?;
        let idle = self.idle.clone();
        tokio::task::spawn_blocking(move || {
            let taken = idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
            // The permit guarantees a connection is idle.
            let Some(mut conn) = taken else {
                return Err(ApiError::internal());
            };
            // A panic in `f` leaves no half-written transaction (rusqlite rolls
            // back on drop), so the connection goes back to the pool either way.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&mut conn)));
            idle.lock().unwrap_or_else(|p| p.into_inner()).push(conn);
            drop(permit);
            result.unwrap_or_else(|_| Err(ApiError::internal()))
        })
        .await
        .map_err(|_| ApiError::internal())?
    }
}
