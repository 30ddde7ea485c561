//! Ward routing against the real boundaries in `$IHANOI_SHARED/geo`
//! (default: `<repo root>/../shared/geo`): well-known places, points metres from
//! a boundary, the river, outside Hanoi, and every kind of bad input.

use std::path::PathBuf;
use std::sync::LazyLock;

use ihanoi_core::areas::{AreaIndex, AreaKind, AreasError, FormerNames};

fn shared_geo() -> PathBuf {
    let shared = std::env::var_os("IHANOI_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"));
    shared.join("geo")
}

fn read_shared(name: &str) -> String {
    let path = shared_geo().join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

static HANOI: LazyLock<AreaIndex> = LazyLock::new(|| {
    AreaIndex::from_geojson(&read_shared("hanoi_wards_2025.geojson")).expect("real set loads")
});

fn unit_at(lat: f64, lon: f64) -> Option<String> {
    HANOI.locate(lat, lon).map(|a| a.name.clone())
}

#[test]
fn the_real_set_has_126_units_51_wards_75_communes() {
    assert_eq!(HANOI.len(), 126);
    let wards = HANOI
        .areas()
        .iter()
        .filter(|a| a.kind == AreaKind::Ward)
        .count();
    assert_eq!(wards, 51);
    let hk = HANOI.area("00070").unwrap();
    assert_eq!(hk.name, "Phường Hoàn Kiếm");
    assert_eq!(hk.short_name, "Hoàn Kiếm");
}

#[test]
fn well_known_places_route_to_their_unit() {
    // Hoàn Kiếm Lake (Turtle Tower).
    assert_eq!(unit_at(21.0288, 105.8525).as_deref(), Some("Phường Hoàn Kiếm"));
    // Ba Đình Square.
    assert_eq!(unit_at(21.0367, 105.8346).as_deref(), Some("Phường Ba Đình"));
    // Nội Bài airport, passenger terminals.
    assert_eq!(unit_at(21.2187, 105.8042).as_deref(), Some("Xã Nội Bài"));
}
