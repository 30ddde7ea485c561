//! The W3C profile of ISO 8601 the standard requires: `2026-11-26T14:05:00+07:00`.

use super::{
    CITY_OFFSET_MS, DAY_MS, HOUR_MS, MINUTE_MS, civil_from_days, days_from_civil, days_in_month,
};

/// Unix milliseconds as the city's local time, `YYYY-MM-DDTHH:MM:SS+07:00`.
pub fn format(utc_ms: i64) -> String {
    let local = utc_ms + CITY_OFFSET_MS;
    let day = local.div_euclid(DAY_MS);
    let in_day = local.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(day);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+07:00",
        in_day / HOUR_MS,
        (in_day % HOUR_MS) / MINUTE_MS,
        (in_day % MINUTE_MS) / 1000
    )
}

/// Parse a W3C date-time with seconds optional, fractional seconds ignored, and a
/// mandatory zone (`Z` or `±HH:MM`). `None` for anything else.
pub fn parse(text: &str) -> Option<i64> {
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
    fn formats_in_city_time() {
        // 2026-11-26T07:24:29Z
        let t = parse("2026-11-26T07:24:29Z").unwrap();
        assert_eq!(format(t), "2026-11-26T14:24:29+07:00");
        assert_eq!(parse("2026-11-26T14:24:29+07:00"), Some(t));
        assert_eq!(
            parse("1994-11-05T08:15:30-05:00"),
            parse("1994-11-05T13:15:30Z")
        );
        assert_eq!(parse("2026-11-26T14:24:29.123+07:00"), Some(t));
        assert_eq!(parse("2026-11-26T14:24+07:00"), Some(t - 29_000));
    }

    #[test]
    fn rejects_what_the_standard_does_not_allow() {
        for bad in [
            "2026-11-26",
            "2026-11-26T14:24:29",
            "2026-02-30T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-26T24:00:00Z",
            "2026-11-26T14:24:29+0700",
            "2026-11-26 14:24:29Z",
            "2026-11-26T14:24:29Zjunk",
            "２026-11-26T14:24:29Z",
            "' OR 1=1 --",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
