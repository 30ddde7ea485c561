//! The W3C profile of ISO 8601 the standard requires, in the city's own offset:
//! `2026-11-26T14:05:00+07:00`. The reading and writing are the core's
//! ([`ihanoi_core::time::w3c`]): the server and the app agree by construction.

use super::CITY_OFFSET_MS;

pub use ihanoi_core::time::w3c::parse;

/// Unix milliseconds as the city's local time, `YYYY-MM-DDTHH:MM:SS+07:00`.
pub fn format(utc_ms: i64) -> String {
    ihanoi_core::time::w3c::format(utc_ms, (CITY_OFFSET_MS / 60_000) as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_in_city_time() {
        let t = parse("2026-11-26T07:24:29Z").unwrap();
        assert_eq!(format(t), "2026-11-26T14:24:29+07:00");
        assert_eq!(format(0), "1970-01-01T07:00:00+07:00");
    }
}
