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
//! [`crate::areas::compact`] (`hanoi_wards_2025.ihs`), not as GeoJSON text,
//! because the library carries them; `core/tests/area_snapshot.rs` checks the
//! file against the GeoJSON and regenerates it (see `core/data/areas/README.md`).

use std::sync::LazyLock;

use crate::areas::cache::AreaSetInfo;
use crate::areas::error::AreasResult;
use crate::areas::index::AreaIndex;
use crate::areas::search::FormerNames;

/// The units' outlines, compact form.
pub const OUTLINES: &[u8] = include_bytes!("../../data/areas/hanoi_wards_2025.ihs");

/// The pre-reform names table, as published (CSV).
pub const FORMER_NAMES_CSV: &str = include_str!("../../data/areas/hanoi_old_to_new.csv");

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
pub fn index() -> AreasResult<AreaIndex> {
    AreaIndex::from_compact_bytes(OUTLINES)
}

/// The built-in old-name table, parsed once.
pub fn former_names() -> &'static FormerNames {
    static PARSED: LazyLock<FormerNames> =
        LazyLock::new(|| match FormerNames::from_csv(FORMER_NAMES_CSV) {
            Ok(names) => names,
            // Unreachable for the embedded file (a unit test parses it); no
            // panic may cross the FFI, so a broken build searches current
            // names only.
            Err(error) => {
                tracing::error!(%error, "the shipped former names do not parse");
                FormerNames::default()
            }
        });
    &PARSED
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
