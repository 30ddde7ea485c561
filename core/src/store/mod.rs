//! The one SQLite file in the app's data directory.
//!
//! Settings chosen for a phone that can be killed at any moment:
//! - WAL: readers never block the writer, and a commit is one append to the log;
//! - `synchronous = NORMAL` for autosave: a commit survives the app being killed
//!   (the OS holds the log), at well under a millisecond; `FULL` (an fsync, 5–10 ms
//!   on flash) for the transitions that must also survive a power cut — queueing
//!   a report, and what the sync engine records — through [`Store::write_synced`];
//! - foreign keys on, so a report's photos go with it;
//! - `busy_timeout`, so a background sync and the UI thread wait for each other
//!   instead of failing with SQLITE_BUSY.
//!
//! Every change runs in a transaction ([`Store::write`]).

pub mod migrations;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::Result;

pub const DATABASE_FILE_NAME: &str = "ihanoi.sqlite3";
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

pub struct Store {
    conn: Mutex<Connection>,
    path: PathBuf,
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Self> {
        make_private(path)?;
        let mut conn = open_connection(path)?;
        migrations::migrate(&mut conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn lock(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite itself consistent (the
        // transaction rolled back on drop), so a poisoned lock is safe to reuse.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Run `f` in an immediate write transaction and commit it. The change is
    /// durable when this returns `Ok`; on `Err` nothing of it remains.
    pub fn write<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Like [`Store::write`], but the commit is also on stable storage when this
    /// returns (survives a power cut). For state transitions, not for keystrokes.
    pub fn write_synced<T>(&self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        conn.pragma_update(None, "synchronous", "FULL")?;
        let result = (|| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })();
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        result
    }

    /// Run `f` against a consistent snapshot.
    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}

/// Open a connection with the pragmas every connection to this file must have.
/// SQLite's `PRAGMA quick_check`: `["ok"]` for a sound file, else up to
/// `max_errors` descriptions of what is damaged (pages, indexes, rows). Reads
/// every page without comparing indexes with their tables, so it takes about
/// as long as reading the file.
pub fn quick_check(conn: &Connection, max_errors: u32) -> Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA quick_check({max_errors})"))?;
    let rows = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The database readable only by the user: created empty with mode 0600
/// before SQLite opens it (SQLite would create it 0644 under a 022 umask, and
/// gives its `-wal` and `-shm` files the database's mode); an existing one
/// (and its `-wal`, `-shm`) loses group and other access.
fn make_private(path: &Path) -> Result<()> {
    match crate::files::create_private_file(path) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(crate::Error::io(path, e)),
    }
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let file = PathBuf::from(name);
        match crate::files::make_private(&file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(crate::Error::io(&file, e));
            }
            _ => {}
        }
    }
    Ok(())
}

pub fn open_connection(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // synchronous first: switching a new file to WAL is itself a write.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(conn)
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

// The FFI shares one `Store` between the UI thread and background work.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Store>();
};

#[cfg(test)]
mod tests {
    use super::*;

    fn synchronous(conn: &Connection) -> i64 {
        conn.query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn synced_writes_commit_at_full_and_autosave_stays_normal() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join(DATABASE_FILE_NAME)).unwrap();
        let inside_write = store.write(|tx| Ok(synchronous(tx))).unwrap();
        assert_eq!(inside_write, 1);
        let inside_synced = store.write_synced(|tx| Ok(synchronous(tx))).unwrap();
        assert_eq!(inside_synced, 2);
        // A failing synced write also restores NORMAL.
        let failed: Result<()> = store.write_synced(|_| Err(crate::Error::InvalidCursor));
        assert!(failed.is_err());
        assert_eq!(store.read(|conn| Ok(synchronous(conn))).unwrap(), 1);
    }

    /// The SQLite built for the app leaves out what it never uses
    /// (`LIBSQLITE3_FLAGS` in `.cargo/config.toml`): a build run from outside
    /// the repository, or a changed flag, would ship another library.
    #[test]
    fn the_bundled_sqlite_is_built_without_json_fts_or_rtree() {
        let conn = Connection::open_in_memory().unwrap();
        let used = |option: &str| -> bool {
            conn.query_row("SELECT sqlite_compileoption_used(?1)", [option], |r| {
                r.get(0)
            })
            .unwrap()
        };
        for option in ["OMIT_JSON", "OMIT_LOAD_EXTENSION", "OMIT_DEPRECATED"] {
            assert!(used(option), "{option} missing");
        }
        for option in ["ENABLE_FTS3", "ENABLE_FTS5", "ENABLE_RTREE", "ENABLE_STAT4"] {
            assert!(!used(option), "{option} present");
        }
        let json = conn.query_row("SELECT json('[]')", [], |r| r.get::<_, String>(0));
        assert!(json.is_err(), "JSON functions are built in");
    }
}
