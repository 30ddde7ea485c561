//! Reading the EXIF block: orientation, GPS, capture time, camera and software.
//! Done on the raw file before any pixel is decoded (a few microseconds).
//! Damaged EXIF never fails an attach: the photo is still usable, it just
//! carries less information (and the reviewer flags say so).

use std::io::Cursor;

use exif::{Exif, Field, In, Tag, Value};

use crate::photos::model::{GpsPosition, PhotoMetadata, ReviewFlags};
use crate::time::UnixMillis;

/// Hanoi's offset, assumed for capture times that record none.
const HANOI_UTC_OFFSET_MINUTES: i32 = 7 * 60;
const SEVEN_DAYS_MS: i64 = 7 * 24 * 3600 * 1000;

/// Tools whose name in the Software tag means the pixels were edited after capture.
/// Lower case; matched as substrings. Camera firmware and phone OS versions
/// ("ILCE-6000 v1.00", "MIUI", "16.1") are deliberately absent.
const EDITING_TOOLS: &[&str] = &[
    "photoshop",
    "gimp",
    "snapseed",
    "lightroom",
    "picsart",
    "pixlr",
    "affinity photo",
    "paint.net",
    "canva",
    "facetune",
    "meitu",
    "vsco",
    "picasa",
    "photoscape",
    "luminar",
    "capture one",
    "darktable",
    "rawtherapee",
    "acdsee",
    "polarr",
    "fotor",
    "photodirector",
    "lightx",
    "remini",
];

/// Read what the photo's EXIF says. Missing or damaged EXIF gives defaults.
pub fn read(file: &[u8]) -> PhotoMetadata {
    let mut reader = exif::Reader::new();
    // Keep the fields that did parse when a later one is damaged.
    reader.continue_on_error(true);
    let exif = match reader.read_from_container(&mut Cursor::new(file)) {
        Ok(exif) => exif,
        Err(exif::Error::PartialResult(partial)) => partial.into_inner().0,
        Err(_) => {
            return PhotoMetadata {
                orientation: 1,
                ..PhotoMetadata::default()
            };
        }
    };
    from_exif(&exif)
}

fn from_exif(exif: &Exif) -> PhotoMetadata {
    let orientation = field(exif, Tag::Orientation)
        .and_then(|f| f.value.get_uint(0))
        .filter(|o| (1..=8).contains(o))
        .map_or(1, |o| o as u16);
    let (captured_at_ms, capture_utc_offset_minutes) = capture_time(exif).unzip();
    PhotoMetadata {
        orientation,
        gps: gps(exif),
        captured_at_ms,
        capture_utc_offset_minutes: capture_utc_offset_minutes.flatten(),
        camera_make: ascii(exif, Tag::Make),
        camera_model: ascii(exif, Tag::Model),
        software: ascii(exif, Tag::Software),
    }
}

/// The reviewer's flags, as of `now_ms` (the moment of attaching).
pub fn review_flags(metadata: &PhotoMetadata, now_ms: UnixMillis) -> ReviewFlags {
    let edited_by_software = metadata.software.as_deref().is_some_and(|software| {
        let software = software.to_lowercase();
        EDITING_TOOLS.iter().any(|tool| software.contains(tool))
    });
    ReviewFlags {
        older_than_7_days: metadata
            .captured_at_ms
            .is_some_and(|taken| now_ms - taken > SEVEN_DAYS_MS),
        no_capture_time: metadata.captured_at_ms.is_none(),
        edited_by_software,
    }
}

fn field(exif: &Exif, tag: Tag) -> Option<&Field> {
    exif.get_field(tag, In::PRIMARY)
}

fn ascii(exif: &Exif, tag: Tag) -> Option<String> {
    let Value::Ascii(parts) = &field(exif, tag)?.value else {
        return None;
    };
    let bytes = parts.first()?;
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    // A runaway tag must not bloat the store.
    (!text.is_empty()).then(|| text.chars().take(128).collect())
}

fn rationals(exif: &Exif, tag: Tag) -> Option<Vec<f64>> {
    match &field(exif, tag)?.value {
        Value::Rational(values) => Some(values.iter().map(|r| r.to_f64()).collect()),
        _ => None,
    }
}

fn gps(exif: &Exif) -> Option<GpsPosition> {
    let latitude = degrees(exif, Tag::GPSLatitude, Tag::GPSLatitudeRef, b'S')?;
    let longitude = degrees(exif, Tag::GPSLongitude, Tag::GPSLongitudeRef, b'W')?;
    let in_range = (-90.0..=90.0).contains(&latitude) && (-180.0..=180.0).contains(&longitude);
    // (0, 0) is what some phones write when they had no fix.
    if !in_range || (latitude == 0.0 && longitude == 0.0) {
        return None;
    }
    let accuracy_m = rationals(exif, Tag::GPSHPositioningError)
        .and_then(|v| v.first().copied())
        .filter(|a| a.is_finite() && *a >= 0.0);
    Some(GpsPosition {
        latitude,
        longitude,
        accuracy_m,
    })
}

fn degrees(exif: &Exif, tag: Tag, ref_tag: Tag, negative_ref: u8) -> Option<f64> {
    let parts = rationals(exif, tag)?;
    let value = match parts.as_slice() {
        [d, m, s, ..] => d + m / 60.0 + s / 3600.0,
        [d, m] => d + m / 60.0,
        [d] => *d,
        [] => return None,
    };
    if !value.is_finite() {
        return None;
    }
    let negative = match &field(exif, ref_tag).map(|f| &f.value) {
        Some(Value::Ascii(parts)) => parts
            .first()
            .and_then(|p| p.first())
            .is_some_and(|c| c.eq_ignore_ascii_case(&negative_ref)),
        _ => false,
    };
    Some(if negative { -value } else { value })
}

/// DateTimeOriginal (else DateTime) as Unix ms, with the recorded UTC offset.
fn capture_time(exif: &Exif) -> Option<(UnixMillis, Option<i32>)> {
    let (time_tag, offset_tag) = if field(exif, Tag::DateTimeOriginal).is_some() {
        (Tag::DateTimeOriginal, Tag::OffsetTimeOriginal)
    } else {
        (Tag::DateTime, Tag::OffsetTime)
    };
    let Value::Ascii(parts) = &field(exif, time_tag)?.value else {
        return None;
    };
    let mut time = exif::DateTime::from_ascii(parts.first()?).ok()?;
    let offset_text = match field(exif, offset_tag).map(|f| &f.value) {
        Some(Value::Ascii(offset)) => offset.first(),
        _ => None,
    };
    if let Some(offset) = offset_text {
        // An unreadable offset leaves the time as local time.
        let _ = time.parse_offset(offset);
    }
    let recorded_offset = time.offset.map(i32::from);
    let offset = recorded_offset.unwrap_or(HANOI_UTC_OFFSET_MINUTES);
    let local_ms = civil_to_unix_ms(&time)?;
    Some((local_ms - i64::from(offset) * 60_000, recorded_offset))
}

/// Calendar date and wall time (as if UTC) to Unix ms; `None` for impossible dates.
fn civil_to_unix_ms(t: &exif::DateTime) -> Option<i64> {
    if !(1..=12).contains(&t.month)
        || !(1..=31).contains(&t.day)
        || t.hour > 23
        || t.minute > 59
        || t.second > 60
        || t.year < 1900
    {
        return None;
    }
    let days = crate::time::calendar::days_from_civil(
        i64::from(t.year),
        u32::from(t.month),
        u32::from(t.day),
    );
    let seconds =
        days * 86_400 + i64::from(t.hour) * 3600 + i64::from(t.minute) * 60 + i64::from(t.second);
    let millis = t.nanosecond.map_or(0, |n| i64::from(n / 1_000_000));
    Some(seconds * 1000 + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        civil_to_unix_ms(&exif::DateTime::from_ascii(s.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn civil_dates_convert_to_unix_time() {
        assert_eq!(at("1970:01:01 00:00:00"), 0);
        assert_eq!(at("2000:03:01 00:00:00"), 951_868_800_000);
        assert_eq!(at("2026:11:20 01:15:00"), 1_795_137_300_000);
    }

    #[test]
    fn editing_tools_are_flagged_and_cameras_are_not() {
        let flags = |software: &str| {
            review_flags(
                &PhotoMetadata {
                    software: Some(software.into()),
                    captured_at_ms: Some(0),
                    ..PhotoMetadata::default()
                },
                0,
            )
            .edited_by_software
        };
        assert!(flags("Adobe Photoshop CS2 Windows"));
        assert!(flags("GIMP 2.10.34"));
        assert!(flags("Snapseed 2.0"));
        assert!(!flags("ILCE-6000 v1.00"));
        assert!(!flags("MIUI Camera"));
        assert!(!flags("17.1.1"));
    }

    #[test]
    fn age_and_missing_time_are_flagged() {
        let now = 30 * 24 * 3600 * 1000;
        let fresh = PhotoMetadata {
            captured_at_ms: Some(now - 3600 * 1000),
            ..PhotoMetadata::default()
        };
        let old = PhotoMetadata {
            captured_at_ms: Some(now - SEVEN_DAYS_MS - 1),
            ..PhotoMetadata::default()
        };
        assert_eq!(review_flags(&fresh, now), ReviewFlags::default());
        assert!(review_flags(&old, now).older_than_7_days);
        let unknown = review_flags(&PhotoMetadata::default(), now);
        assert!(unknown.no_capture_time && !unknown.older_than_7_days);
    }
}
