//! The area set the core ships, so a fresh install routes a report to its unit
//! and finds wards by their old names before its first sync (offline first:
//! the day a community team installs the app may have no network). Like the
//! categories' snapshot, a pulled or imported set replaces it; it is used only
//! while the cache holds none (and its old-name table while the cache holds no
//! table).
//!
//! The sources are `../shared/geo` of the project (126 units after the reform
//! of 1 July 2025, and the 526 pre-reform wards → new units), copied into
//! `core/data/areas/` with their MIT licences, which the apps' About shows
//! ([`crate::licences`]). The outlines are embedded in the compact form of
//! [`crate::areas::compact`], not as GeoJSON text, because the library
//! carries them; both files are stored deflated (`*.deflate`): 400 KB of
//! outlines and 42 KB of CSV take 356 KB, inflated on first use by the
//! inflater reqwest already links for gzip answers (docs/size.md).
//! `core/tests/areas.rs` checks the files against `../shared/geo` and
//! regenerates them (see `core/data/areas/README.md`).

use std::io::Read;
use std::sync::LazyLock;

use crate::areas::cache::AreaSetInfo;
use crate::areas::compact::corrupt;
use crate::areas::error::AreasResult;
use crate::areas::index::AreaIndex;
use crate::areas::search::FormerNames;

/// The units' outlines, compact form, deflated (raw DEFLATE, no header).
pub const OUTLINES_DEFLATED: &[u8] =
    include_bytes!("../../data/areas/hanoi_wards_2025.ihs.deflate");

/// The pre-reform names table as published (CSV), deflated.
pub const FORMER_NAMES_DEFLATED: &[u8] =
    include_bytes!("../../data/areas/hanoi_old_to_new.csv.deflate");

/// Bound on an inflated file (both are well under it): a broken file is
/// refused rather than inflated without limit.
const MAX_INFLATED: u64 = 4 << 20;

/// The version the built-in set reports: the day the units took effect.
pub const VERSION: &str = "2025-07-01";

/// Units in the built-in set (checked against the file by a test).
pub const UNIT_COUNT: u32 = 126;

/// What [`crate::Core::area_set_info`] says while the built-in set is in use.
pub fn info() -> AreaSetInfo {
    AreaSetInfo {
        version: VERSION.to_owned(),
        unit_count: UNIT_COUNT,
        imported_at_ms: 0,
        built_in: true,
    }
}

/// Decode and index the built-in units. The set was validated (crossings
/// included) when the file was generated; the structure is checked again
/// here, and the bands are sorted (a few milliseconds, once per start).
/// The inflated outlines are dropped once indexed (the index holds what it
/// needs), so the 400 KB are not kept beside it.
pub fn index() -> AreasResult<AreaIndex> {
    AreaIndex::from_compact_bytes(&outlines()?)
}

/// The units' outlines in compact form ([`crate::areas::compact`]).
pub fn outlines() -> AreasResult<Vec<u8>> {
    inflate(OUTLINES_DEFLATED)
}

/// The pre-reform names table, as published (CSV).
pub fn former_names_csv() -> AreasResult<String> {
    String::from_utf8(inflate(FORMER_NAMES_DEFLATED)?)
        .map_err(|_| corrupt("former names are not UTF-8"))
}

/// The built-in old-name table, inflated and parsed once.
pub fn former_names() -> &'static FormerNames {
    static PARSED: LazyLock<FormerNames> = LazyLock::new(|| {
        match former_names_csv().and_then(|csv| FormerNames::from_csv(&csv)) {
            Ok(names) => names,
            // Unreachable for the embedded file (a unit test parses it); no
            // panic may cross the FFI, so a broken build searches current
            // names only.
            Err(error) => {
                tracing::error!(%error, "the shipped former names do not parse");
                FormerNames::default()
            }
        }
    });
    &PARSED
}

fn inflate(deflated: &[u8]) -> AreasResult<Vec<u8>> {
    let mut out = Vec::new();
    // One byte past the bound tells a file at the bound from a longer one.
    flate2::read::DeflateDecoder::new(deflated)
        .take(MAX_INFLATED + 1)
        .read_to_end(&mut out)
        .map_err(|_| corrupt("does not inflate"))?;
    if out.len() as u64 > MAX_INFLATED {
        return Err(corrupt("inflates too large"));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_units_decode_and_route_ba_dinh_square() {
        let index = index().expect("the shipped outlines decode");
        assert_eq!(index.len() as u32, UNIT_COUNT);
        // Ba Đình Square, Hoàn Kiếm Lake (the checks of shared/geo/README.md).
        assert_eq!(
            index.locate(21.0368, 105.8346).unwrap().name,
            "Phường Ba Đình"
        );
        assert_eq!(
            index.locate(21.0287, 105.8523).unwrap().name,
            "Phường Hoàn Kiếm"
        );
        assert!(index.locate(10.77, 106.70).is_none(), "Saigon is not Hanoi");
    }

    #[test]
    fn the_shipped_former_names_parse_and_point_at_shipped_units() {
        let names = former_names();
        assert!(names.entries.len() >= 526, "{}", names.entries.len());
        let index = index().unwrap();
        for e in &names.entries {
            assert!(index.area(&e.new_code).is_some(), "{}", e.new_code);
        }
    }
}
