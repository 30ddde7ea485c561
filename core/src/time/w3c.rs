//! The W3C profile of ISO 8601 the city API uses (`2026-11-26T14:05:00+07:00`,
//! `…Z`, fractional seconds allowed): written for capture times and by the
//! reference server, read from every answer. One copy for the core and the
//! reference server (tests/city-api).

use super::calendar::{civil_from_days, days_from_civil, days_in_month};
use super::{DAY_MS, HOUR_MS, MINUTE_MS, UnixMillis};

/// Unix milliseconds as a W3C date-time in the given UTC offset, to the
/// second: `2026-11-20T08:15:00+07:00`, or `…Z` for offset 0.
pub fn format(utc_ms: UnixMillis, offset_minutes: i32) -> String {
    let local = utc_ms.div_euclid(1000) + i64::from(offset_minutes) * 60;
    let (days, secs) = (local.div_euclid(86_400), local.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let offset = if offset_minutes == 0 {
        "Z".to_owned()
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let abs = offset_minutes.unsigned_abs();
        format!("{sign}{:02}:{:02}", abs / 60, abs % 60)
    };
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}{offset}",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Parse a W3C date-time with seconds optional, fractional seconds ignored, and a
/// mandatory zone (`Z` or `±HH:MM`). `None` for anything else (surrounding
/// spaces included: callers trim what they accept).
pub fn parse(text: &str) -> Option<UnixMillis> {
    let b = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = b.get(range)?;
        if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    if b.len() < 17 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)? as u32, num(8..10)? as u32);
    let (hour, minute) = (num(11..13)?, num(14..16)?);
    let mut i = 16;
    let mut second = 0;
    if b.get(i) == Some(&b':') {
        second = num(i + 1..i + 3)?;
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    let offset_ms = match b.get(i)? {
        b'Z' if i + 1 == b.len() => 0,
        sign @ (b'+' | b'-') if i + 6 == b.len() && b[i + 3] == b':' => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let v = oh * HOUR_MS + om * MINUTE_MS;
            if *sign == b'-' { -v } else { v }
        }
        _ => return None,
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return None;
    }
    let local = days_from_civil(year, month, day) * DAY_MS
        + hour * HOUR_MS
        + minute * MINUTE_MS
        + second * 1000;
    Some(local - offset_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_in_the_given_offset() {
        // 2026-11-20T01:15:00Z
        let ms = 1_795_137_300_000;
        assert_eq!(format(ms, 420), "2026-11-20T08:15:00+07:00");
        assert_eq!(format(ms, 0), "2026-11-20T01:15:00Z");
        assert_eq!(format(ms, -150), "2026-11-19T22:45:00-02:30");
        assert_eq!(format(0, 0), "1970-01-01T00:00:00Z");
        assert_eq!(format(951_782_400_000, 0), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn reads_zones_fractions_and_optional_seconds() {
        // 2026-11-27T02:12:00Z
        let utc = 1_795_745_520_000;
        assert_eq!(parse("2026-11-27T09:12:00+07:00"), Some(utc));
        assert_eq!(parse("2026-11-27T02:12:00Z"), Some(utc));
        assert_eq!(parse("2026-11-27T02:12:00.250Z"), Some(utc));
        assert_eq!(parse("2026-11-26T23:42:00-02:30"), Some(utc));
        assert_eq!(parse("2026-11-27T09:12+07:00"), Some(utc));
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("2000-02-29T00:00:00Z"), Some(951_782_400_000));
        assert_eq!(
            parse("1994-11-05T08:15:30-05:00"),
            parse("1994-11-05T13:15:30Z")
        );
    }

    #[test]
    fn round_trips_in_city_time() {
        let t = parse("2026-11-26T07:24:29Z").unwrap();
        assert_eq!(format(t, 7 * 60), "2026-11-26T14:24:29+07:00");
        assert_eq!(parse(&format(t, 7 * 60)), Some(t));
        assert_eq!(parse("2026-11-26T14:24:29.123+07:00"), Some(t));
        assert_eq!(parse("2026-11-26T14:24+07:00"), Some(t - 29_000));
    }

    #[test]
    fn rejects_what_the_standard_does_not_allow() {
        for bad in [
            "",
            "2026-11-26",
            "2026-11-26T14:24:29",
            "2026-02-30T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T14:24:29+0700",
            "2026-11-27T09:12:00+7:00",
            "2026-11-27T09:12:00.Z",
            "2026-11-26 14:24:29Z",
            "2026-11-26T14:24:29Zjunk",
            " 2026-11-26T14:24:29Z",
            "２026-11-26T14:24:29Z",
            "२०२६-11-27T09:12:00Z",
            "' OR 1=1 --",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
