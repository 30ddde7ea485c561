//! `show ID`: everything the core knows about one report — its fields, photo
//! records, location and routing, what the city answered.

use ihanoi_core::Core;
use ihanoi_core::categories::Category;
use ihanoi_core::location::ReportLocation;
use ihanoi_core::photos::Photo;
use ihanoi_core::pull::{Alert, ReportStatus, TimelineEntry};
use ihanoi_core::sync::Submission;
use serde_json::{Value, json};

use crate::error::CliResult;
use crate::output::{Output, details_json, format_time};
use crate::probes::photo::{flag_words, flags_json, gps_json};

pub fn report(core: &Core, id: &str, out: &Output) -> CliResult<()> {
    let details = core.report_details(id)?;
    let photos = core.photos(id)?;
    let location = core.report_location(id)?;
    let submission = core.submission(id)?;
    let status = core.report_status(id)?;
    let timeline = core.timeline(id)?;
    if out.is_json() {
        let mut value = details_json(&details);
        value["photos"] = photos.iter().map(photo_json).collect();
        value["location"] = location.as_ref().map(location_json).unwrap_or(Value::Null);
        value["submission"] = submission
            .as_ref()
            .map(submission_json)
            .unwrap_or(Value::Null);
        value["status"] = status.as_ref().map(status_json).unwrap_or(Value::Null);
        value["timeline"] = timeline.iter().map(entry_json).collect();
        value["nearby"] = core
            .cached_nearby_city_reports(id)?
            .as_ref()
            .map(crate::nearby::answer_json)
            .unwrap_or(Value::Null);
        out.json(&value);
        return Ok(());
    }
    out.report(&details);
    let unit = details.unit.as_ref().map(|u| match &u.name {
        Some(name) => name.clone(),
        None => u.code.clone(),
    });
    if let Some(l) = &location {
        println!(
            "  {}: {:.6}, {:.6} ±{:.0} m ({}, {})",
            out.t("Vị trí", "Location"),
            l.fix.lat,
            l.fix.lon,
            l.fix.accuracy_m,
            out.pick(&l.source_label),
            out.pick(&l.verdict.quality_label)
        );
    }
    if location.is_some() || unit.is_some() {
        println!(
            "  {}: {}{}",
            out.t("Đơn vị phụ trách", "Responsible unit"),
            unit.as_deref().unwrap_or("—"),
            match &details.unit {
                Some(u) if u.from_city => out.t(" (thành phố chọn)", " (chosen by the city)"),
                _ if location.as_ref().is_some_and(|l| l.area_ambiguous) => {
                    out.t(" (chưa chắc chắn)", " (ambiguous)")
                }
                _ => "",
            }
        );
    }
    for p in &photos {
        println!(
            "  {} {}: {} × {} px, {} bytes, SHA-256 {}…",
            out.t("Ảnh", "Photo"),
            p.position + 1,
            p.width,
            p.height,
            p.bytes,
            &p.sha256[..12.min(p.sha256.len())]
        );
        println!("      {}", p.path);
        if let Some(ms) = p.captured_at_ms {
            println!(
                "      {}: {}",
                out.t("chụp lúc", "taken"),
                format_time(ms, p.capture_utc_offset_minutes)
            );
        }
        let flags = flag_words(&p.flags, out);
        if !flags.is_empty() {
            println!(
                "      {}: {}",
                out.t("lưu ý cho người duyệt", "reviewer flags"),
                flags.join(", ")
            );
        }
    }
    if details.report.state.is_editable() {
        crate::nearby::print_kept(core, id, out)?;
    }
    if let Some(s) = &submission {
        println!(
            "  {}: {} ({})",
            out.t("Mã phản ánh của thành phố", "City's request id"),
            s.service_request_id,
            unit.as_deref()
                .or(s.agency_responsible.as_deref())
                .unwrap_or("—")
        );
    }
    if let Some(st) = &status {
        println!(
            "  {}: {}{}",
            out.t("Thành phố", "City"),
            out.pick(&st.label),
            if st.overdue {
                out.t(" — quá hạn", " — overdue")
            } else {
                ""
            }
        );
        if let Some(by) = st.handle_by_ms.filter(|_| !st.closed) {
            println!(
                "  {}: {}",
                out.t("Hạn xử lý", "Handle by"),
                format_time(by, None)
            );
        }
    }
    print_timeline(&timeline, out);
    Ok(())
}

/// The timeline as lines: time, what happened, the official's words, photos.
pub fn print_timeline(timeline: &[TimelineEntry], out: &Output) {
    if timeline.is_empty() {
        return;
    }
    println!("  {}:", out.t("Diễn biến", "Timeline"));
    for e in timeline {
        println!(
            "    {}  {}{}",
            format_time(e.updated_at_ms, None),
            out.pick(&e.label),
            if e.unread { " •" } else { "" }
        );
        if !e.text.is_empty() {
            println!("        “{}”", e.text);
        }
        for p in &e.photos {
            match (&p.thumbnail_path, &p.problem) {
                (Some(path), _) => println!(
                    "        {} {}: {path}",
                    out.t("ảnh kết quả", "result photo"),
                    p.position + 1
                ),
                (None, Some(problem)) => println!(
                    "        {} {}: {problem}",
                    out.t("ảnh kết quả", "result photo"),
                    p.position + 1
                ),
                (None, None) => println!(
                    "        {} {}: {}",
                    out.t("ảnh kết quả", "result photo"),
                    p.position + 1,
                    out.t("chưa tải", "not downloaded yet")
                ),
            }
        }
    }
}

pub fn entry_json(e: &TimelineEntry) -> Value {
    json!({
        "update_id": e.update_id,
        "kind": format!("{:?}", e.kind).to_lowercase(),
        "detailed_status": e.detailed_status.as_str(),
        "label": e.label,
        "text": e.text,
        "unit_code": e.unit_code,
        "unit_name": e.unit_name,
        "updated_at_ms": e.updated_at_ms,
        "unread": e.unread,
        "photos": e.photos.iter().map(|p| json!({
            "position": p.position,
            "thumbnail_path": p.thumbnail_path,
            "photo_path": p.photo_path,
            "problem": p.problem,
        })).collect::<Vec<_>>(),
    })
}

fn status_json(s: &ReportStatus) -> Value {
    json!({
        "service_request_id": s.service_request_id,
        "detailed_status": s.detailed_status.as_str(),
        "label": s.label,
        "closed": s.closed,
        "unit_code": s.unit_code,
        "unit_name": s.unit_name,
        "status_notes": s.status_notes,
        "acknowledge_by_ms": s.acknowledge_by_ms,
        "handle_by_ms": s.handle_by_ms,
        "overdue": s.overdue,
        "unread": s.unread,
    })
}

pub fn alerts(core: &Core, out: &Output) -> CliResult<()> {
    let alerts = core.alerts()?;
    let unread = core.unread_counts()?.alerts;
    if out.is_json() {
        let items: Vec<Value> = alerts.iter().map(alert_json).collect();
        out.json(&json!({ "alerts": items, "unread": unread }));
        return Ok(());
    }
    if alerts.is_empty() {
        println!(
            "{}",
            out.t(
                "Không có cảnh báo nào (cập nhật bằng `ihanoi sync`).",
                "No alerts (refresh with `ihanoi sync`)."
            )
        );
    }
    for a in &alerts {
        println!(
            "{} [{}] {}",
            if a.unread { "•" } else { " " },
            out.pick(&a.severity_label),
            out.pick(&a.title)
        );
        println!("    {}", out.pick(&a.body));
    }
    Ok(())
}

fn alert_json(a: &Alert) -> Value {
    json!({
        "alert_id": a.alert_id,
        "severity": a.severity.as_str(),
        "severity_label": a.severity_label,
        "title": a.title,
        "body": a.body,
        "area_codes": a.area_codes,
        "published_at_ms": a.published_at_ms,
        "expires_at_ms": a.expires_at_ms,
        "unread": a.unread,
    })
}

pub fn categories(core: &Core, out: &Output) -> CliResult<()> {
    let categories = core.categories()?;
    if out.is_json() {
        let items: Vec<Value> = categories.iter().map(category_json).collect();
        out.json(&json!({ "categories": items }));
        return Ok(());
    }
    if categories.is_empty() {
        println!(
            "{}",
            out.t(
                "Chưa có danh mục: chạy `ihanoi sync` khi có mạng.",
                "No categories yet: run `ihanoi sync` when online."
            )
        );
    }
    for c in &categories {
        println!("{:<28} {}", c.code, out.pick(&c.name));
    }
    Ok(())
}

fn category_json(c: &Category) -> Value {
    json!({
        "code": c.code,
        "name": c.name,
        "group": c.group,
        "default_urgency": c.default_urgency.as_db_str(),
        "handle_working_hours": c.handle_working_hours,
    })
}

fn photo_json(p: &Photo) -> Value {
    json!({
        "id": p.id,
        "position": p.position,
        "path": p.path,
        "thumbnail_path": p.thumbnail_path,
        "width": p.width,
        "height": p.height,
        "bytes": p.bytes,
        "sha256": p.sha256,
        "source": p.source.as_db_str(),
        "captured_at_ms": p.captured_at_ms,
        "capture_utc_offset_minutes": p.capture_utc_offset_minutes,
        "gps": gps_json(&p.gps),
        "software": p.software,
        "flags": flags_json(&p.flags),
    })
}

fn location_json(l: &ReportLocation) -> Value {
    json!({
        "lat": l.fix.lat,
        "lon": l.fix.lon,
        "accuracy_m": l.fix.accuracy_m,
        "source": l.fix.source.as_db_str(),
        "quality": format!("{:?}", l.verdict.quality).to_lowercase(),
        "needs_confirmation": l.verdict.needs_confirmation,
        "pin_adjusted": l.pin_adjusted,
        "area_code": l.area_code,
        "area_name": l.area_name,
        "area_ambiguous": l.area_ambiguous,
    })
}

fn submission_json(s: &Submission) -> Value {
    json!({
        "service_request_id": s.service_request_id,
        "agency_responsible": s.agency_responsible,
        "service_notice": s.service_notice,
        "submitted_at_ms": s.submitted_at_ms,
    })
}
