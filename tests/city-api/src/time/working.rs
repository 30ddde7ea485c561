//! The city's working time: Monday–Friday 08:00–12:00 and 13:00–17:00 in
//! Asia/Ho_Chi_Minh, minus public holidays. Deadlines ("acknowledge within 8
//! working hours") are counted in it.

use std::collections::BTreeSet;

use super::{CITY_OFFSET_MS, DAY_MS, HOUR_MS, days_from_civil};

/// Working periods of a day, as milliseconds after local midnight.
const PERIODS: [(i64, i64); 2] = [(8 * HOUR_MS, 12 * HOUR_MS), (13 * HOUR_MS, 17 * HOUR_MS)];

/// A deadline further than this is a configuration error (a holiday list covering
/// every day); stop instead of looping forever.
const MAX_DAYS_SEARCHED: i64 = 3 * 366;

#[derive(Debug, Clone, Default)]
pub struct WorkingCalendar {
    /// Local dates (days since 1970-01-01) that are public holidays.
    holidays: BTreeSet<i64>,
    /// The same, as `YYYY-MM-DD`, for discovery.
    holiday_dates: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
#[error("holiday {0:?} is not a YYYY-MM-DD date")]
pub struct BadHoliday(pub String);

impl WorkingCalendar {
    pub fn new<S: AsRef<str>>(holidays: &[S]) -> Result<Self, BadHoliday> {
        let mut calendar = WorkingCalendar::default();
        for date in holidays {
            let date = date.as_ref();
            let day = parse_date(date).ok_or_else(|| BadHoliday(date.to_owned()))?;
            if calendar.holidays.insert(day) {
                calendar.holiday_dates.push(date.to_owned());
            }
        }
        calendar.holiday_dates.sort();
        Ok(calendar)
    }

    pub fn holiday_dates(&self) -> &[String] {
        &self.holiday_dates
    }

    fn is_working_day(&self, day: i64) -> bool {
        // 1970-01-01 was a Thursday: index 0 = Monday.
        let weekday = (day + 3).rem_euclid(7);
        weekday < 5 && !self.holidays.contains(&day)
    }

    /// The instant `hours` working hours after `start` (Unix ms, UTC). Time outside
    /// working periods does not count; a start outside them begins at the next
    /// working minute. `None` only if no working time exists within three years.
    pub fn add_working_hours(&self, start_utc_ms: i64, hours: u32) -> Option<i64> {
        let mut remaining = i64::from(hours) * HOUR_MS;
        let mut t = start_utc_ms + CITY_OFFSET_MS;
        let mut day = t.div_euclid(DAY_MS);
        for _ in 0..MAX_DAYS_SEARCHED {
            if self.is_working_day(day) {
                for (from, to) in PERIODS {
                    let (period_start, period_end) = (day * DAY_MS + from, day * DAY_MS + to);
                    if t >= period_end {
                        continue;
                    }
                    let begin = t.max(period_start);
                    let available = period_end - begin;
                    if remaining <= available {
                        return Some(begin + remaining - CITY_OFFSET_MS);
                    }
                    remaining -= available;
                    t = period_end;
                }
            }
            day += 1;
            t = day * DAY_MS;
        }
        None
    }
}

fn parse_date(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse::<i64>().ok())
            .flatten()
    };
    let (y, m, d) = (
        num(&text[0..4])?,
        num(&text[5..7])? as u32,
        num(&text[8..10])? as u32,
    );
    if !(1..=12).contains(&m) || d == 0 || d > super::days_in_month(y, m) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::w3c::{format, parse};

    fn at(s: &str) -> i64 {
        parse(s).unwrap()
    }

    fn plus(cal: &WorkingCalendar, start: &str, hours: u32) -> String {
        format(cal.add_working_hours(at(start), hours).unwrap())
    }

    #[test]
    fn within_one_morning() {
        let cal = WorkingCalendar::default();
        // Thursday 2026-11-26.
        assert_eq!(
            plus(&cal, "2026-11-26T08:30:00+07:00", 2),
            "2026-11-26T10:30:00+07:00"
        );
    }

    #[test]
    fn lunch_break_does_not_count() {
        let cal = WorkingCalendar::default();
        assert_eq!(
            plus(&cal, "2026-11-26T11:00:00+07:00", 2),
            "2026-11-26T14:00:00+07:00"
        );
        // Exactly at the end of the morning period.
        assert_eq!(
            plus(&cal, "2026-11-26T08:00:00+07:00", 4),
            "2026-11-26T12:00:00+07:00"
        );
    }

    #[test]
    fn outside_hours_starts_at_next_working_minute() {
        let cal = WorkingCalendar::default();
        assert_eq!(
            plus(&cal, "2026-11-26T22:00:00+07:00", 8),
            "2026-11-27T17:00:00+07:00"
        );
        assert_eq!(
            plus(&cal, "2026-11-26T12:30:00+07:00", 1),
            "2026-11-26T14:00:00+07:00"
        );
        // UTC input on another calendar day than Hanoi's.
        assert_eq!(
            plus(&cal, "2026-11-25T23:30:00Z", 1),
            "2026-11-26T09:00:00+07:00"
        );
    }

    #[test]
    fn weekend_is_skipped() {
        let cal = WorkingCalendar::default();
        // Friday 16:30 + 8 h: 30 min Friday, Monday 08–12, 13–16:30.
        assert_eq!(
            plus(&cal, "2026-11-27T16:30:00+07:00", 8),
            "2026-11-30T16:30:00+07:00"
        );
        assert_eq!(
            plus(&cal, "2026-11-28T10:00:00+07:00", 4),
            "2026-11-30T12:00:00+07:00"
        );
    }

    #[test]
    fn tet_holidays_are_skipped() {
        let tet: Vec<String> = (16..=20).map(|d| format!("2026-02-{d}")).collect();
        let cal = WorkingCalendar::new(&tet).unwrap();
        // Friday 13 February 2026 16:00 + 8 h: 1 h Friday, then Tết (16–20) and two
        // weekends, 7 h on Monday 23 February.
        assert_eq!(
            plus(&cal, "2026-02-13T16:00:00+07:00", 8),
            "2026-02-23T16:00:00+07:00"
        );
        let plain = WorkingCalendar::default();
        assert_eq!(
            plus(&plain, "2026-02-13T16:00:00+07:00", 8),
            "2026-02-16T16:00:00+07:00"
        );
    }

    #[test]
    fn forty_hours_is_a_working_week() {
        let cal = WorkingCalendar::default();
        assert_eq!(
            plus(&cal, "2026-11-26T10:05:00+07:00", 40),
            "2026-12-03T10:05:00+07:00"
        );
    }

    #[test]
    fn bad_holiday_rejected_and_all_holidays_terminates() {
        assert!(WorkingCalendar::new(&["2026-02-30"]).is_err());
        assert!(WorkingCalendar::new(&["26-02-03"]).is_err());
        let every_day: Vec<String> = (0..4 * 366)
            .map(|d| {
                let (y, m, dd) = crate::time::civil_from_days(20_000 + d);
                format!("{y:04}-{m:02}-{dd:02}")
            })
            .collect();
        let cal = WorkingCalendar::new(&every_day).unwrap();
        assert_eq!(cal.add_working_hours(20_000 * DAY_MS, 1), None);
    }
}
