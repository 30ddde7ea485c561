//! Resident accounts, one-time sign-in codes and bearer sessions. Tokens are kept
//! only as SHA-256 hashes (256 random bits: nothing to brute-force). Codes have
//! only a million values, so a plain hash of one is reversed in under a second:
//! they are kept as HMAC-SHA-256 under the server's secret, which is not in the
//! database. A copy of the database signs nobody in.

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};
use sha2::{Digest, Sha256};

use crate::http::error::{ApiError, ApiResult};

/// Wrong codes allowed before the code is withdrawn.
pub const MAX_WRONG_TRIES: i64 = 5;

pub fn token_hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// HMAC-SHA-256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block_key = [0u8; BLOCK];
    if key.len() > BLOCK {
        block_key[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        block_key[..key.len()].copy_from_slice(key);
    }
    let pad = |byte: u8| block_key.map(|k| k ^ byte);
    let inner = Sha256::new()
        .chain_update(pad(0x36))
        .chain_update(message)
        .finalize();
    Sha256::new()
        .chain_update(pad(0x5c))
        .chain_update(inner)
        .finalize()
        .into()
}

/// What `sign_in_codes.code_hash` holds: the code MACed with its phone, hex.
pub fn code_mac(secret: &[u8], phone: &str, code: &str) -> String {
    hmac_sha256(secret, format!("{phone}:{code}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A random 64-hex-digit secret (two v4 UUIDs: 244 bits from the OS's CSPRNG).
pub fn new_secret() -> String {
    format!(
        "{}{}",
        uuid::Uuid::new_v4().simple(),
        uuid::Uuid::new_v4().simple()
    )
}

/// A random 6-digit one-time code.
pub fn new_code() -> String {
    let n = uuid::Uuid::new_v4().as_u128() % 1_000_000;
    format!("{n:06}")
}

/// `+84` and nine digits from what residents type (`0912 345 678`, `+84 91…`).
pub fn normalize_phone(input: &str) -> Option<String> {
    let compact: String = input
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    let national = if let Some(rest) = compact.strip_prefix("+84") {
        rest.to_owned()
    } else if let Some(rest) = compact.strip_prefix("0") {
        rest.to_owned()
    } else {
        return None;
    };
    let valid = national.len() == 9
        && national.bytes().all(|b| b.is_ascii_digit())
        && matches!(national.as_bytes()[0], b'3' | b'5' | b'7' | b'8' | b'9');
    valid.then(|| format!("+84{national}"))
}

/// `+8491*****78`: enough to tell codes apart in a log, not enough to call anyone.
pub fn mask_phone(phone: &str) -> String {
    let n = phone.chars().count();
    phone
        .chars()
        .enumerate()
        .map(|(i, c)| if i >= 5 && i + 2 < n { '*' } else { c })
        .collect()
}

pub fn put_code(
    conn: &Connection,
    secret: &[u8],
    phone: &str,
    code: &str,
    expires_ms: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sign_in_codes (phone, code_hash, expires_ms, wrong_tries) VALUES (?1, ?2, ?3, 0)
         ON CONFLICT(phone) DO UPDATE SET code_hash = excluded.code_hash, expires_ms = excluded.expires_ms, wrong_tries = 0",
        params![phone, code_mac(secret, phone, code), expires_ms],
    )?;
    Ok(())
}

/// How [`redeem_code`] counts wrong codes beyond the one code's own tries.
#[derive(Debug, Clone, Copy)]
pub struct WrongCodeCap {
    pub per_phone_per_day: u32,
}

/// Check a code; on success it is used up and the account (created on first
/// sign-in) is returned. Wrong codes count against the phone for the day (a
/// counter in the database), so requesting fresh codes does not buy more guesses.
pub fn redeem_code(
    conn: &mut Connection,
    secret: &[u8],
    phone: &str,
    code: &str,
    now_ms: i64,
    cap: WrongCodeCap,
) -> ApiResult<i64> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let wrong_key = format!("wrong-codes-day:{phone}");
    let (wrong_today, retry) =
        super::counters::current(&tx, &wrong_key, crate::time::DAY_MS, now_ms)?;
    if wrong_today >= u64::from(cap.per_phone_per_day) {
        return Err(ApiError::rate_limited("too_many_attempts", retry));
    }
    let stored: Option<(String, i64, i64)> = tx
        .query_row(
            "SELECT code_hash, expires_ms, wrong_tries FROM sign_in_codes WHERE phone = ?1",
            [phone],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let expired = || {
        ApiError::unauthorized(
            "code_expired",
            "Mã xác nhận đã hết hạn, hãy yêu cầu mã mới.",
            "No valid code for this phone; request a new one.",
        )
    };
    let Some((hash, expires_ms, wrong_tries)) = stored else {
        return Err(expired());
    };
    if expires_ms <= now_ms || wrong_tries >= MAX_WRONG_TRIES {
        tx.execute("DELETE FROM sign_in_codes WHERE phone = ?1", [phone])?;
        tx.commit()?;
        return Err(expired());
    }
    if !crate::http::auth::same_secret(&hash, &code_mac(secret, phone, code)) {
        tx.execute(
            "UPDATE sign_in_codes SET wrong_tries = wrong_tries + 1 WHERE phone = ?1",
            [phone],
        )?;
        let _ = super::counters::take(&tx, &wrong_key, 1, u64::MAX, crate::time::DAY_MS, now_ms)?;
        tx.commit()?;
        return Err(ApiError::unauthorized(
            "invalid_code",
            "Mã xác nhận không đúng.",
            "Wrong sign-in code.",
        ));
    }
    tx.execute("DELETE FROM sign_in_codes WHERE phone = ?1", [phone])?;
    tx.execute(
        "INSERT INTO accounts (phone, created_ms) VALUES (?1, ?2) ON CONFLICT(phone) DO NOTHING",
        params![phone, now_ms],
    )?;
    let account: i64 = tx.query_row("SELECT id FROM accounts WHERE phone = ?1", [phone], |r| {
        r.get(0)
    })?;
    tx.commit()?;
    Ok(account)
}

#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub account_id: i64,
    pub access_expires_ms: i64,
    pub refresh_expires_ms: i64,
    pub revoked: bool,
}

/// Fresh tokens for an account: `(access, refresh)`.
pub fn open_session(
    conn: &Connection,
    account_id: i64,
    access_expires_ms: i64,
    refresh_expires_ms: i64,
) -> rusqlite::Result<(String, String)> {
    let (access, refresh) = (new_secret(), new_secret());
    conn.execute(
        "INSERT INTO sessions (account_id, access_hash, refresh_hash, access_expires_ms, refresh_expires_ms)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![account_id, token_hash(&access), token_hash(&refresh), access_expires_ms, refresh_expires_ms],
    )?;
    Ok((access, refresh))
}

fn session_where(conn: &Connection, column: &str, hash: &str) -> rusqlite::Result<Option<Session>> {
    conn.query_row(
        &format!(
            "SELECT id, account_id, access_expires_ms, refresh_expires_ms, revoked FROM sessions WHERE {column} = ?1"
        ),
        [hash],
        |r| {
            Ok(Session {
                id: r.get(0)?,
                account_id: r.get(1)?,
                access_expires_ms: r.get(2)?,
                refresh_expires_ms: r.get(3)?,
                revoked: r.get::<_, i64>(4)? != 0,
            })
        },
    )
    .optional()
}

pub fn session_by_access(conn: &Connection, access_hash: &str) -> ApiResult<Option<Session>> {
    Ok(session_where(conn, "access_hash", access_hash)?)
}

pub fn session_by_refresh(conn: &Connection, refresh_hash: &str) -> ApiResult<Option<Session>> {
    Ok(session_where(conn, "refresh_hash", refresh_hash)?)
}

pub fn revoke(conn: &Connection, session_id: i64) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE sessions SET revoked = 1 WHERE id = ?1",
        [session_id],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        assert_eq!(
            normalize_phone("0912 345 678").as_deref(),
            Some("+84912345678")
        );
        assert_eq!(
            normalize_phone("+84.91.234.5678").as_deref(),
            Some("+84912345678")
        );
        assert_eq!(normalize_phone("0212345678"), None);
        assert_eq!(normalize_phone("091234567"), None);
        assert_eq!(normalize_phone("'; DROP TABLE accounts;--"), None);
        assert_eq!(mask_phone("+84912345678"), "+8491*****78");
    }

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than the block is hashed first.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn codes_are_six_digits_and_vary() {
        let codes: std::collections::HashSet<String> = (0..50).map(|_| new_code()).collect();
        assert!(
            codes
                .iter()
                .all(|c| c.len() == 6 && c.bytes().all(|b| b.is_ascii_digit()))
        );
        assert!(codes.len() > 40);
    }
}
