//! `nearby ID`: the city's open reports of a draft's category within 50 m,
//! as the review step shows them before queueing (the last answer when the
//! city cannot be reached). `show` prints the kept answer of a draft offline.

use ihanoi_core::Core;
use ihanoi_core::nearby::{NearbyCityReports, NearbySource};
use ihanoi_core::tasks::CancelToken;
use serde_json::{Value, json};

use crate::commands::Context;
use crate::error::CliResult;
use crate::output::{Output, format_time};

pub fn run(ctx: &Context, id: &str) -> CliResult<()> {
    let core = ctx.connected_core()?;
    let answer = core.nearby_city_reports_blocking(id, CancelToken::new())?;
    if ctx.out.is_json() {
        ctx.out.json(&answer_json(&answer));
    } else {
        print(&answer, ctx.out);
    }
    Ok(())
}

/// The kept answer under a draft's `show` (text only: `--json` has `nearby`).
pub fn print_kept(core: &Core, id: &str, out: &Output) -> CliResult<()> {
    if let Some(answer) = core.cached_nearby_city_reports(id)? {
        println!(
            "  {}:",
            out.t("Phản ánh của người khác gần đây", "Others' reports nearby")
        );
        print(&answer, out);
    }
    Ok(())
}

pub fn print(answer: &NearbyCityReports, out: &Output) {
    println!("  {}", out.pick(&answer.heading));
    if let Some(freshness) = &answer.freshness {
        println!("  ({})", out.pick(freshness));
    }
    for r in &answer.reports {
        println!(
            "  • {} m · {} · #{}{}",
            r.distance_m,
            out.pick(&r.status_label),
            r.service_request_id,
            r.requested_at_ms
                .map(|t| format!(" · {}", format_time(t, None)))
                .unwrap_or_default()
        );
        if !r.excerpt.is_empty() {
            println!("      {}", r.excerpt);
        }
        if let Some(address) = &r.address {
            println!("      {}: {address}", out.t("Địa chỉ", "Address"));
        }
        for p in &r.photos {
            match (&p.thumbnail_path, &p.problem_label) {
                (Some(path), _) => println!("      {}: {path}", out.t("Ảnh", "Photo")),
                (None, Some(problem)) => {
                    println!("      {}: {}", out.t("Ảnh", "Photo"), out.pick(problem))
                }
                (None, None) => {}
            }
        }
    }
    if answer.total as usize > answer.reports.len() {
        println!(
            "  {}",
            match out.language() {
                ihanoi_core::i18n::Language::Vi => format!(
                    "… và {} phản ánh khác",
                    answer.total as usize - answer.reports.len()
                ),
                ihanoi_core::i18n::Language::En => format!(
                    "… and {} more",
                    answer.total as usize - answer.reports.len()
                ),
            }
        );
    }
}

fn source(source: NearbySource) -> &'static str {
    match source {
        NearbySource::Live => "live",
        NearbySource::Cached => "cached",
        NearbySource::NotOffered => "not_offered",
    }
}

pub fn answer_json(a: &NearbyCityReports) -> Value {
    json!({
        "report_id": a.report_id,
        "category_code": a.category_code,
        "lat": a.latitude,
        "lon": a.longitude,
        "radius_m": a.radius_m,
        "source": source(a.source),
        "fetched_at_ms": a.fetched_at_ms,
        "age_ms": a.age_ms,
        "server_radius": a.server_radius,
        "total": a.total,
        "heading": a.heading,
        "freshness": a.freshness,
        "reports": a.reports.iter().map(|r| json!({
            "service_request_id": r.service_request_id,
            "detailed_status": r.detailed_status.as_str(),
            "status_label": r.status_label,
            "distance_m": r.distance_m,
            "excerpt": r.excerpt,
            "address": r.address,
            "requested_at_ms": r.requested_at_ms,
            "unit_name": r.unit_name,
            "photos": r.photos.iter().map(|p| json!({
                "position": p.position,
                "thumbnail_path": p.thumbnail_path,
                "problem": p.problem,
                "problem_label": p.problem_label,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
    })
}
