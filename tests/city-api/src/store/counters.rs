//! Fixed-window counters kept in the database: sign-in caps per phone and per
//! address, the SMS budget, upload quotas. Each row expires with its window and is
//! swept on the way; nothing a client sends can evict another key's count (the
//! in-memory per-minute limiter is separate, `http::rate_limit`).

use rusqlite::{Connection, OptionalExtension, params};

/// Add `amount` to `key`'s count in the window of `window_ms` that holds `now_ms`,
/// unless that would exceed `limit`. `Err(seconds until the window ends)` when over.
/// A refused amount is not counted.
pub fn take(
    conn: &Connection,
    key: &str,
    amount: u64,
    limit: u64,
    window_ms: i64,
    now_ms: i64,
) -> rusqlite::Result<Result<(), u64>> {
    let window = now_ms.div_euclid(window_ms);
    let ends = (window + 1) * window_ms;
    let full_key = format!("{key}@{window}");
    let current: i64 = conn
        .query_row(
            "SELECT count FROM counters WHERE key = ?1",
            [&full_key],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    let amount = i64::try_from(amount).unwrap_or(i64::MAX);
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    if current.saturating_add(amount) > limit {
        return Ok(Err(((ends - now_ms + 999) / 1000).max(1) as u64));
    }
    conn.execute(
        "INSERT INTO counters (key, count, expires_ms) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET count = count + excluded.count",
        params![full_key, amount, ends],
    )?;
    Ok(Ok(()))
}

/// The count so far in the current window (0 when none).
pub fn current(
    conn: &Connection,
    key: &str,
    window_ms: i64,
    now_ms: i64,
) -> rusqlite::Result<(u64, u64)> {
    let window = now_ms.div_euclid(window_ms);
    let ends = (window + 1) * window_ms;
    let count: i64 = conn
        .query_row(
            "SELECT count FROM counters WHERE key = ?1",
            [format!("{key}@{window}")],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or(0);
    Ok((
        count.max(0) as u64,
        ((ends - now_ms + 999) / 1000).max(1) as u64,
    ))
}

/// Drop windows that have ended.
pub fn sweep(conn: &Connection, now_ms: i64) -> rusqlite::Result<usize> {
    conn.execute("DELETE FROM counters WHERE expires_ms <= ?1", [now_ms])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_per_window_and_refuses_over_the_limit() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(
            "CREATE TABLE counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires_ms INTEGER NOT NULL)",
        )
        .unwrap();
        let hour = 3_600_000;
        for _ in 0..3 {
            take(&conn, "k", 1, 3, hour, 10).unwrap().unwrap();
        }
        assert_eq!(take(&conn, "k", 1, 3, hour, 20).unwrap(), Err(3600));
        assert_eq!(current(&conn, "k", hour, 20).unwrap().0, 3);
        // Another key is counted apart; the next window starts at zero.
        take(&conn, "other", 1, 3, hour, 20).unwrap().unwrap();
        take(&conn, "k", 1, 3, hour, hour + 1).unwrap().unwrap();
        assert_eq!(sweep(&conn, hour + 1).unwrap(), 2);
        // Amounts (bytes) are refused whole.
        assert!(take(&conn, "bytes", 10, 15, hour, 0).unwrap().is_ok());
        assert!(take(&conn, "bytes", 10, 15, hour, 0).unwrap().is_err());
        assert!(take(&conn, "bytes", 5, 15, hour, 0).unwrap().is_ok());
    }
}
