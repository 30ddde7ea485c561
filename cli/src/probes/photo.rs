//! `ihanoi photo compress`: the core's pipeline on one file, and the photo
//! record it produces (what a ward officer receives, and what was read from
//! the original before its metadata was dropped).

use ihanoi_core::photos::ops::{CompressedFile, compress_file};
use ihanoi_core::photos::{CompressOptions, GpsPosition, ReviewFlags};
use serde_json::{Value, json};

use crate::args::CompressArgs;
use crate::error::{CliError, CliResult};
use crate::output::{Output, format_time};

pub fn compress(args: &CompressArgs, out: &Output) -> CliResult<()> {
    std::fs::create_dir_all(&args.out).map_err(|e| CliError::file(&args.out, e))?;
    let defaults = CompressOptions::default();
    let options = CompressOptions {
        preset: args.preset.into(),
        max_bytes: args.budget.unwrap_or(defaults.max_bytes),
    };
    let record = compress_file(&args.file, &args.out, &options)?;
    if out.is_json() {
        out.json(&record_json(&record));
        return Ok(());
    }
    let m = &record.metadata;
    println!("{}: {}", out.t("Ảnh", "Photo"), record.path.display());
    println!(
        "{}: {}",
        out.t("Ảnh thu nhỏ", "Thumbnail"),
        record.thumbnail_path.display()
    );
    println!(
        "{}: {} × {} px, {} bytes, {} {}",
        out.t("Kích thước", "Size"),
        record.width,
        record.height,
        record.bytes,
        out.t("chất lượng", "quality"),
        record.quality
    );
    println!("SHA-256: {}", record.sha256);
    println!(
        "{}: {}",
        out.t("Thời điểm chụp (EXIF)", "Captured (EXIF)"),
        m.captured_at_ms
            .map(|ms| format_time(ms, m.capture_utc_offset_minutes))
            .unwrap_or_else(|| "—".into())
    );
    println!(
        "GPS (EXIF): {}",
        m.gps
            .map(|g| format!(
                "{:.6}, {:.6}{}",
                g.latitude,
                g.longitude,
                g.accuracy_m
                    .map(|a| format!(" ±{a:.0} m"))
                    .unwrap_or_default()
            ))
            .unwrap_or_else(|| "—".into())
    );
    let flags = flag_words(&record.flags, out);
    println!(
        "{}: {}",
        out.t("Lưu ý cho người duyệt", "Reviewer flags"),
        if flags.is_empty() {
            "—".to_owned()
        } else {
            flags.join(", ")
        }
    );
    Ok(())
}

/// The flags that are set, in the core's words.
pub fn flag_words(flags: &ReviewFlags, out: &Output) -> Vec<String> {
    flags
        .labels()
        .into_iter()
        .map(|f| out.pick(&f.label).to_owned())
        .collect()
}

pub fn gps_json(gps: &Option<GpsPosition>) -> Value {
    match gps {
        Some(g) => json!({ "lat": g.latitude, "lon": g.longitude, "accuracy_m": g.accuracy_m }),
        None => Value::Null,
    }
}

pub fn flags_json(flags: &ReviewFlags) -> Value {
    json!({
        "older_than_7_days": flags.older_than_7_days,
        "no_capture_time": flags.no_capture_time,
        "edited_by_software": flags.edited_by_software,
        "labels": flags.labels().iter().map(|f| json!({
            "code": f.code, "label": f.label,
        })).collect::<Vec<_>>(),
    })
}

fn record_json(record: &CompressedFile) -> Value {
    let m = &record.metadata;
    json!({
        "path": record.path,
        "thumbnail_path": record.thumbnail_path,
        "width": record.width,
        "height": record.height,
        "bytes": record.bytes,
        "quality": record.quality,
        "sha256": record.sha256,
        "captured_at_ms": m.captured_at_ms,
        "capture_utc_offset_minutes": m.capture_utc_offset_minutes,
        "gps": gps_json(&m.gps),
        "camera_make": m.camera_make,
        "camera_model": m.camera_model,
        "software": m.software,
        "flags": flags_json(&record.flags),
    })
}
