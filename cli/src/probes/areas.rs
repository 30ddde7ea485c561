//! `ihanoi areas lookup|search`: the core's ward index and name search on a
//! GeoJSON file, else on the set the core uses (the one cached in the data
//! directory, else the one it ships).

use std::path::Path;
use std::sync::Arc;

use ihanoi_core::Core;
use ihanoi_core::areas::{Area, AreaIndex, FormerNames, NameSearch, snapshot};
use serde_json::{Value, json};

use crate::args::{AreasSourceArgs, LookupArgs, SearchArgs};
use crate::error::{CliError, CliResult};
use crate::output::Output;

/// An area set ready to query.
pub struct Areas {
    index: Arc<AreaIndex>,
    search: NameSearch,
}

impl Areas {
    fn from_file(path: &Path) -> CliResult<Areas> {
        let text = std::fs::read_to_string(path).map_err(|e| CliError::file(path, e))?;
        let index = AreaIndex::from_geojson(&text).map_err(ihanoi_core::Error::from)?;
        // Former names: a table beside the file, else the one the core ships.
        let beside = path.with_file_name("hanoi_old_to_new.csv");
        let former = if beside.is_file() {
            let text = std::fs::read_to_string(&beside).map_err(|e| CliError::file(&beside, e))?;
            FormerNames::from_csv(&text).map_err(ihanoi_core::Error::from)?
        } else {
            snapshot::former_names().clone()
        };
        let search = NameSearch::new(&index, Some(&former));
        Ok(Areas {
            index: Arc::new(index),
            search,
        })
    }

    /// `--areas FILE`, else the set the core uses (cached, else built in).
    pub fn resolve(
        source: &AreasSourceArgs,
        core: impl FnOnce() -> CliResult<Core>,
    ) -> CliResult<Areas> {
        if let Some(file) = &source.areas {
            return Areas::from_file(file);
        }
        let loaded = core()?.loaded_areas()?;
        Ok(Areas {
            index: Arc::clone(&loaded.index),
            search: loaded.search.clone(),
        })
    }
}

pub fn area_json(area: &Area) -> Value {
    json!({
        "code": area.code,
        "name": area.name,
        "name_en": area.name_en,
        "kind": match area.kind {
            ihanoi_core::areas::AreaKind::Ward => "ward",
            ihanoi_core::areas::AreaKind::Commune => "commune",
        },
    })
}

/// Prints the lookup; `Ok(false)` when no unit holds the point (exit code 4).
pub fn lookup(areas: &Areas, args: &LookupArgs, out: &Output) -> CliResult<bool> {
    let found = areas
        .index
        .lookup(args.lat, args.lon, args.accuracy)
        .map_err(ihanoi_core::Error::from)?;
    let unit = found.containing();
    if out.is_json() {
        let candidates: Vec<Value> = found
            .candidates
            .iter()
            .map(|c| {
                let mut v = area_json(c.area);
                v["contains"] = json!(c.contains);
                v["distance_m"] = json!((c.distance_m * 10.0).round() / 10.0);
                v
            })
            .collect();
        out.json(&json!({
            "unit": unit.map(area_json),
            "ambiguous": found.ambiguous,
            "candidates": candidates,
        }));
        return Ok(unit.is_some());
    }
    match unit {
        Some(area) => println!("{} {}", area.code, area.name),
        None => println!(
            "{}",
            out.t(
                "Điểm này không thuộc phường/xã nào của Hà Nội.",
                "No Hanoi ward or commune holds this point."
            )
        ),
    }
    if found.ambiguous {
        println!(
            "{}",
            out.t(
                "Chưa chắc chắn: vòng sai số chạm tới nhiều đơn vị; hãy chọn một:",
                "Ambiguous: the accuracy circle reaches several units; pick one:"
            )
        );
    }
    if found.ambiguous || unit.is_none() {
        for c in &found.candidates {
            println!(
                "  {} {}  {:.0} m{}",
                c.area.code,
                c.area.name,
                c.distance_m,
                if c.contains {
                    out.t(" (chứa điểm)", " (contains the point)")
                } else {
                    ""
                }
            );
        }
    }
    Ok(unit.is_some())
}

pub fn search(areas: &Areas, args: &SearchArgs, out: &Output) -> CliResult<bool> {
    let hits = areas
        .search
        .search(&areas.index, &args.name, args.limit as usize);
    if out.is_json() {
        let units: Vec<Value> = hits
            .iter()
            .map(|h| {
                let mut v = area_json(&h.area);
                v["former_name"] = json!(h.former_name);
                v
            })
            .collect();
        out.json(&json!({ "units": units }));
        return Ok(!hits.is_empty());
    }
    if hits.is_empty() {
        println!("{}", out.t("Không tìm thấy đơn vị nào.", "No unit found."));
    }
    for h in &hits {
        match &h.former_name {
            Some(old) => println!(
                "{} {}  ({} {old})",
                h.area.code,
                h.area.name,
                out.t("trước 1/7/2025:", "before 1 July 2025:")
            ),
            None => println!("{} {}", h.area.code, h.area.name),
        }
    }
    Ok(!hits.is_empty())
}
