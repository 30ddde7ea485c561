//! Reading the API's W3C date-times (`2026-11-27T09:12:00+07:00`, `…Z`,
//! fractional seconds allowed) as Unix milliseconds.

use crate::time::UnixMillis;

/// `None` for anything that is not a W3C date-time with a zone.
pub fn parse(text: &str) -> Option<UnixMillis> {
    let text = text.trim();
    let (date, rest) = text.split_once('T')?;
    let mut date_parts = date.split('-');
    let year: i64 = digits(date_parts.next()?, 4)?;
    let month: i64 = digits(date_parts.next()?, 2)?;
    let day: i64 = digits(date_parts.next()?, 2)?;
    if date_parts.next().is_some() {
        return None;
    }
    let zone_at = rest.find(['Z', '+', '-'])?;
    let (clock, zone) = rest.split_at(zone_at);
    let clock = clock.split_once('.').map_or(clock, |(whole, fraction)| {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            ""
        } else {
            whole
        }
    });
    let mut clock_parts = clock.split(':');
    let hour: i64 = digits(clock_parts.next()?, 2)?;
    let minute: i64 = digits(clock_parts.next()?, 2)?;
    let second: i64 = clock_parts.next().map_or(Some(0), |s| digits(s, 2))?;
    if clock_parts.next().is_some() {
        return None;
    }
    let offset_minutes = match zone {
        "Z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (h, m) = zone[1..].split_once(':')?;
            let (h, m): (i64, i64) = (digits(h, 2)?, digits(m, 2)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 60 + m)
        }
    };
    let month_ok = (1..=12).contains(&month);
    if !month_ok || day < 1 || day > days_in_month(year, month) || hour > 23 || minute > 59 {
        return None;
    }
    if second > 59 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    Some(seconds * 1000)
}

fn digits(text: &str, width: usize) -> Option<i64> {
    (text.len() == width && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// (year, month, day) → days since 1970-01-01, proleptic Gregorian (Howard
/// Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn city_time_utc_and_fractions() {
        // 2026-11-27T02:12:00Z
        let utc = 1_795_745_520_000;
        assert_eq!(parse("2026-11-27T09:12:00+07:00"), Some(utc));
        assert_eq!(parse("2026-11-27T02:12:00Z"), Some(utc));
        assert_eq!(parse("2026-11-27T02:12:00.250Z"), Some(utc));
        assert_eq!(parse("2026-11-26T23:42:00-02:30"), Some(utc));
        assert_eq!(parse("2026-11-27T09:12+07:00"), Some(utc));
        assert_eq!(parse("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(parse("2000-02-29T00:00:00Z"), Some(951_782_400_000));
    }

    #[test]
    fn anything_else_is_none() {
        for bad in [
            "",
            "2026-11-27",
            "2026-11-27T09:12:00",
            "2026-13-01T00:00:00Z",
            "2026-02-29T00:00:00Z",
            "2026-11-27T24:00:00Z",
            "2026-11-27T09:12:00+7:00",
            "2026-11-27T09:12:00.Z",
            "२०२६-11-27T09:12:00Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
