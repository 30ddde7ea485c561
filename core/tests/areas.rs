//! Ward routing against the real boundaries in `$IHANOI_SHARED/geo`
//! (default: `<repo root>/../shared/geo`): well-known places, points metres from
//! a boundary, the river, outside Hanoi, and every kind of bad input.

use std::path::PathBuf;
use std::sync::LazyLock;

use ihanoi_core::areas::{AreaIndex, AreaKind, AreasError, FormerNames, snapshot};
use ihanoi_core::{Core, Error};

fn shared_geo() -> PathBuf {
    ihanoi_test_kit::shared_dir().join("geo")
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

/// The set the core ships (`core/data/areas`) is the shared GeoJSON in compact
/// form, and the old-name table and licences are the shared files. After the
/// source changes, regenerate the embedded (deflated) files with
/// `IHANOI_REGENERATE_AREAS=1 cargo test -p ihanoi-core --test areas built_in`
/// (then build again: the files are embedded at compile time).
#[test]
fn the_built_in_set_is_the_shared_data_in_compact_form() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/areas");
    let compact = HANOI.to_compact_bytes();
    if std::env::var_os("IHANOI_REGENERATE_AREAS").is_some() {
        let csv = read_shared("hanoi_old_to_new.csv");
        std::fs::write(data.join("hanoi_wards_2025.ihs.deflate"), deflate(&compact)).unwrap();
        std::fs::write(
            data.join("hanoi_old_to_new.csv.deflate"),
            deflate(csv.as_bytes()),
        )
        .unwrap();
        for name in [
            "hanoi_old_to_new.csv",
            "LICENSE-hanoi-wards-2025",
            "LICENSE-hanoi-old-to-new",
        ] {
            std::fs::write(data.join(name), read_shared(name)).unwrap();
        }
        return;
    }
    let outlines = snapshot::outlines().unwrap();
    assert!(
        outlines == compact,
        "core/data/areas/hanoi_wards_2025.ihs.deflate is not the shared GeoJSON: regenerate it"
    );
    assert_eq!(
        AreaIndex::from_compact_bytes(&outlines).unwrap().outlines(),
        HANOI.outlines()
    );
    assert_eq!(
        snapshot::former_names_csv().unwrap(),
        read_shared("hanoi_old_to_new.csv")
    );
    for name in [
        "hanoi_old_to_new.csv",
        "LICENSE-hanoi-wards-2025",
        "LICENSE-hanoi-old-to-new",
    ] {
        assert_eq!(
            std::fs::read_to_string(data.join(name)).unwrap(),
            read_shared(name),
            "{name}"
        );
    }
}

/// Raw DEFLATE at the best level, what `snapshot` inflates.
fn deflate(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
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
    assert_eq!(
        unit_at(21.0288, 105.8525).as_deref(),
        Some("Phường Hoàn Kiếm")
    );
    // Ba Đình Square.
    assert_eq!(
        unit_at(21.0367, 105.8346).as_deref(),
        Some("Phường Ba Đình")
    );
    // Nội Bài airport, passenger terminals.
    assert_eq!(unit_at(21.2187, 105.8042).as_deref(), Some("Xã Nội Bài"));
}

#[test]
fn a_point_on_the_red_river_belongs_to_the_unit_whose_polygon_holds_it() {
    // Mid-river between Long Biên bridge and Chương Dương bridge: Hồng Hà's
    // polygon takes the western half of the river, Bồ Đề's the eastern.
    assert_eq!(
        unit_at(21.0430, 105.8620).as_deref(),
        Some("Phường Hồng Hà")
    );
    let lookup = HANOI.lookup(21.0430, 105.8620, 60.0).unwrap();
    let codes: Vec<&str> = lookup
        .candidates
        .iter()
        .map(|c| c.area.code.as_str())
        .collect();
    assert_eq!(
        codes,
        ["00097", "00118"],
        "Hồng Hà (holds it), then Bồ Đề across the river"
    );
    assert!(lookup.ambiguous);
}

#[test]
fn points_outside_hanoi_have_no_unit() {
    for (lat, lon) in [
        (20.5, 107.0),   // Gulf of Tonkin
        (20.86, 106.68), // Hải Phòng
        (20.6, 106.0),   // inside Hanoi's bounding box, outside the city
        (10.78, 106.70), // Hồ Chí Minh City
    ] {
        assert_eq!(unit_at(lat, lon), None, "{lat},{lon}");
        let lookup = HANOI.lookup(lat, lon, 30.0).unwrap();
        assert!(lookup.candidates.is_empty() && !lookup.ambiguous);
    }
}

/// A vertex two units share: a point on their common boundary.
fn shared_vertex(a: &str, b: &str) -> (f64, f64) {
    let ring = |code: &str| {
        let unit = HANOI
            .outlines()
            .iter()
            .find(|o| o.area.code == code)
            .unwrap();
        unit.polygons[0][0].clone()
    };
    let other: std::collections::HashSet<[i32; 2]> = ring(b).into_iter().collect();
    let shared = ring(a)
        .into_iter()
        .find(|p| other.contains(p))
        .expect("the units touch");
    (f64::from(shared[1]) / 1e7, f64::from(shared[0]) / 1e7)
}

#[test]
fn points_metres_from_a_boundary_are_ambiguous_with_both_candidates() {
    // Hoàn Kiếm (00070) and Cửa Nam (00082) share a street.
    let (lat, lon) = shared_vertex("00070", "00082");
    // 3 m north and 3 m east of the shared vertex, a 30 m accuracy circle.
    for (dlat, dlon) in [(3.0, 0.0), (-3.0, 0.0), (0.0, 3.0), (0.0, -3.0)] {
        let (plat, plon) = (lat + dlat / 110_750.0, lon + dlon / 103_950.0);
        let lookup = HANOI.lookup(plat, plon, 30.0).unwrap();
        let codes: Vec<&str> = lookup
            .candidates
            .iter()
            .map(|c| c.area.code.as_str())
            .collect();
        assert!(lookup.ambiguous, "{codes:?}");
        assert!(
            codes.contains(&"00070") && codes.contains(&"00082"),
            "{codes:?}"
        );
        let first = &lookup.candidates[0];
        assert!(first.contains, "the containing unit comes first");
        assert_eq!(Some(first.area), HANOI.locate(plat, plon));
        for c in &lookup.candidates[1..] {
            assert!(!c.contains);
            assert!(c.distance_m <= 3.5, "{c:?}");
        }
    }
    // With a tight fix the same spot is not ambiguous.
    let (plat, plon) = (lat + 20.0 / 110_750.0, lon);
    let tight = HANOI.lookup(plat, plon, 2.0).unwrap();
    assert!(!tight.ambiguous, "{tight:?}");
}

#[test]
fn agrees_with_shapely_on_every_fixture_point() {
    // core/tests/data/shapely_points.csv: 3000 seeded points (2000 uniform in the
    // bounding box, 1000 within 0.5–5 m of a boundary vertex) with the unit
    // shapely/GEOS says holds each. Regenerate: tests/geo/check-agreement.sh.
    let fixture = include_str!("data/shapely_points.csv");
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for line in fixture.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        let (lat, lon): (f64, f64) = (fields[1].parse().unwrap(), fields[2].parse().unwrap());
        let expected: Vec<&str> = fields[3].split(';').filter(|s| !s.is_empty()).collect();
        let ours = HANOI.locate(lat, lon).map(|a| a.code.as_str());
        let agrees = match (ours, expected.as_slice()) {
            (None, []) => true,
            // Where shapely finds two (the 0.3 m² overlap), either is right.
            (Some(code), many) => many.contains(&code),
            (None, _) => false,
        };
        if !agrees {
            disagreements.push(format!("{lat},{lon}: ours {ours:?}, shapely {expected:?}"));
        }
        checked += 1;
    }
    assert_eq!(checked, 3000);
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}

#[test]
fn banded_test_matches_geo_contains_on_random_points() {
    use geo::{BoundingRect, Contains, Intersects, Point};
    let polygons: Vec<(String, geo::MultiPolygon)> = HANOI
        .outlines()
        .iter()
        .map(|o| (o.area.code.clone(), o.to_geo()))
        .collect();
    // A fixed linear congruential sequence: the same points on every run.
    let mut state = 0x2025_0701_u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    for _ in 0..1000 {
        let lat = 20.564283 + next() * (21.385421 - 20.564283);
        let lon = 105.285352 + next() * (106.020128 - 105.285352);
        let by_geo: Vec<&str> = polygons
            .iter()
            .filter(|(_, p)| {
                let point = Point::new(lon, lat);
                p.bounding_rect().is_some_and(|r| r.intersects(&point)) && p.contains(&point)
            })
            .map(|(c, _)| c.as_str())
            .collect();
        let ours = HANOI.locate(lat, lon).map(|a| a.code.as_str());
        assert_eq!(ours, by_geo.first().copied(), "{lat},{lon}");
    }
}

#[test]
fn former_ward_names_and_any_spelling_find_the_new_unit() {
    use ihanoi_core::areas::NameSearch;
    let former = FormerNames::from_csv(&read_shared("hanoi_old_to_new.csv")).unwrap();
    assert!(former.entries.len() >= 526);
    let search = NameSearch::new(&HANOI, Some(&former));
    let first = |q: &str| {
        let hits = search.search(&HANOI, q, 5);
        hits.first()
            .map(|h| (h.area.name.clone(), h.former_name.clone()))
    };
    for q in [
        "hoan kiem",
        "HOÀN KIẾM",
        "Phường Hoàn Kiếm",
        "phuong hoan  kiem",
    ] {
        assert_eq!(first(q), Some(("Phường Hoàn Kiếm".into(), None)), "{q}");
    }
    // The source writes "Yên Hoà" (old tone placement); all spellings find it.
    for q in ["yen hoa", "Yên Hoà", "Yên Hòa", "yên hòa"] {
        assert_eq!(
            first(q).map(|h| h.0).as_deref(),
            Some("Phường Yên Hoà"),
            "{q}"
        );
    }
    for q in ["Hoà", "Hòa", "hoa"] {
        let names: Vec<String> = search
            .search(&HANOI, q, 20)
            .into_iter()
            .map(|h| h.area.name)
            .collect();
        assert!(names.contains(&"Xã Hoà Lạc".to_owned()), "{q}: {names:?}");
    }
    // A pre-reform ward name leads to the unit that took it over.
    assert_eq!(
        first("Hàng Bạc"),
        Some(("Phường Hoàn Kiếm".into(), Some("Phường Hàng Bạc".into())))
    );
    // An old ward split across several new units finds every one of them.
    let split: Vec<String> = search
        .search(&HANOI, "phuong dien bien", 10)
        .into_iter()
        .filter(|h| h.former_name.as_deref() == Some("Phường Điện Biên"))
        .map(|h| h.area.code)
        .collect();
    let expected = former
        .entries
        .iter()
        .filter(|e| e.old_name == "Phường Điện Biên")
        .count();
    assert_eq!(split.len(), expected);
    assert!(search.search(&HANOI, "   ", 5).is_empty());
    assert!(search.search(&HANOI, "không có phường này", 5).is_empty());
}

// ---- bad input -------------------------------------------------------------

fn collection(features: &str) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{features}]}}"#)
}

fn feature(code: &str, name: &str, ring: &str) -> String {
    format!(
        r#"{{"type":"Feature","properties":{{"code":"{code}","fullName":"{name}"}},
            "geometry":{{"type":"Polygon","coordinates":[{ring}]}}}}"#
    )
}

const SQUARE: &str = "[[105.80,21.00],[105.81,21.00],[105.81,21.01],[105.80,21.01],[105.80,21.00]]";

fn refused(text: &str) -> AreasError {
    match AreaIndex::from_geojson(text) {
        Ok(_) => panic!("accepted: {text}"),
        Err(e) => e,
    }
}

#[test]
fn a_minimal_valid_set_loads_and_answers() {
    let index = AreaIndex::from_geojson(&collection(&feature("1", "Phường Thử", SQUARE))).unwrap();
    assert_eq!(index.locate(21.005, 105.805).unwrap().kind, AreaKind::Ward);
    assert_eq!(index.locate(21.02, 105.805), None);
}

#[test]
fn malformed_geojson_is_refused() {
    for text in [
        "",
        "not json",
        "{\"type\":\"Feature\"}",
        r#"{"type":"Topology","features":[]}"#,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3]]]},"properties":{"code":"1","fullName":"Xã A"}}]}"#,
        r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[["a","b"]]]},"properties":{"code":"1","fullName":"Xã A"}}]}"#,
    ] {
        assert!(
            matches!(refused(text), AreasError::MalformedGeoJson { .. }),
            "{text}"
        );
    }
}

#[test]
fn nan_and_infinite_coordinates_are_refused() {
    // JSON has no NaN or Infinity: such text is malformed.
    let nan = SQUARE.replacen("105.81", "NaN", 1);
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", &nan))),
        AreasError::MalformedGeoJson { .. }
    ));
    let inf = SQUARE.replacen("105.81", "1e999", 1);
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", &inf))),
        AreasError::MalformedGeoJson { .. }
    ));
    // Built in code, they get their own error.
    let at = ihanoi_core::areas::FeatureRef {
        index: 0,
        code: None,
    };
    assert!(matches!(
        ihanoi_core::areas::geometry::quantize(&at, f64::NAN, 21.0),
        Err(AreasError::NonFiniteCoordinate { .. })
    ));
    assert!(matches!(
        ihanoi_core::areas::geometry::quantize(&at, 105.0, f64::INFINITY),
        Err(AreasError::NonFiniteCoordinate { .. })
    ));
}

#[test]
fn coordinates_off_the_globe_are_refused() {
    let lat = SQUARE.replacen("21.01", "91.0", 1);
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", &lat))),
        AreasError::CoordinateOutOfRange { .. }
    ));
    let lon = SQUARE.replacen("105.81", "180.5", 1);
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", &lon))),
        AreasError::CoordinateOutOfRange { .. }
    ));
}

#[test]
fn short_open_and_self_crossing_rings_are_refused() {
    let short = "[[105.80,21.00],[105.81,21.00],[105.80,21.00]]";
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", short))),
        AreasError::RingTooShort { points: 3, .. }
    ));
    let open = "[[105.80,21.00],[105.81,21.00],[105.81,21.01],[105.80,21.01]]";
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", open))),
        AreasError::RingNotClosed { .. }
    ));
    let bow_tie = "[[105.80,21.00],[105.81,21.01],[105.81,21.00],[105.80,21.01],[105.80,21.00]]";
    match refused(&collection(&feature("1", "Xã A", bow_tie))) {
        AreasError::SelfIntersecting { lat, lon, .. } => {
            assert!((lat - 21.005).abs() < 1e-9 && (lon - 105.805).abs() < 1e-9);
        }
        other => panic!("{other:?}"),
    }
    let spike = "[[105.80,21.00],[105.81,21.00],[105.82,21.00],[105.81,21.00],[105.81,21.01],[105.80,21.00]]";
    assert!(matches!(
        refused(&collection(&feature("1", "Xã A", spike))),
        AreasError::SelfIntersecting { .. }
    ));
}

#[test]
fn empty_sets_duplicate_codes_and_missing_names_are_refused() {
    assert_eq!(refused(&collection("")), AreasError::EmptySet);
    let twice = format!(
        "{},{}",
        feature("7", "Xã A", SQUARE),
        feature("7", "Xã B", SQUARE)
    );
    assert_eq!(
        refused(&collection(&twice)),
        AreasError::DuplicateCode { code: "7".into() }
    );
    let nameless = r#"{"type":"Feature","properties":{"code":"1"},"geometry":{"type":"Polygon","coordinates":[]}}"#;
    assert!(matches!(
        refused(&collection(nameless)),
        AreasError::MissingProperty { .. }
    ));
    let point = r#"{"type":"Feature","properties":{"code":"1","fullName":"Xã A"},"geometry":{"type":"Point","coordinates":[105.8,21.0]}}"#;
    assert!(matches!(
        refused(&collection(point)),
        AreasError::UnsupportedGeometry { .. }
    ));
}

#[test]
fn lookups_refuse_bad_points_and_radii_without_panicking() {
    for (lat, lon) in [
        (f64::NAN, 105.8),
        (21.0, f64::INFINITY),
        (91.0, 105.8),
        (21.0, -180.5),
    ] {
        assert_eq!(HANOI.locate(lat, lon), None);
        assert!(matches!(
            HANOI.lookup(lat, lon, 10.0),
            Err(AreasError::InvalidPosition { .. })
        ));
    }
    for r in [-1.0, f64::NAN] {
        assert!(matches!(
            HANOI.lookup(21.03, 105.85, r),
            Err(AreasError::InvalidRadius { .. })
        ));
    }
    // A huge radius is capped, not refused.
    assert!(
        HANOI
            .lookup(21.03, 105.85, f64::INFINITY)
            .unwrap()
            .candidates
            .len()
            > 10
    );
}

#[test]
fn the_cache_encoding_round_trips_and_refuses_corruption() {
    let bytes = HANOI.to_cache_bytes();
    let again = AreaIndex::from_cache_bytes(&bytes).unwrap();
    // The outlines given back (from the stored shapes) are the parsed ones.
    let parsed =
        ihanoi_core::areas::geojson::parse(&read_shared("hanoi_wards_2025.geojson")).unwrap();
    assert_eq!(HANOI.outlines(), parsed.as_slice());
    assert_eq!(again.outlines(), parsed.as_slice());
    assert_eq!(again.areas(), HANOI.areas());
    // Read back, the stored bands answer exactly as the sorted ones.
    for (lat, lon) in [
        (21.0288, 105.8525),
        (21.0367, 105.8346),
        (21.2187, 105.8042),
    ] {
        assert_eq!(again.lookup(lat, lon, 300.0), HANOI.lookup(lat, lon, 300.0));
    }
    for cut in [0, 3, 10, bytes.len() / 2, bytes.len() - 1] {
        assert!(matches!(
            AreaIndex::from_cache_bytes(&bytes[..cut]),
            Err(AreasError::CorruptCache { .. })
        ));
    }
    let mut huge_count = bytes.clone();
    huge_count[4..8].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(AreaIndex::from_cache_bytes(&huge_count).is_err());
}

// ------------------------------------------------ the core's cache of the set

/// Hoàn Kiếm Lake: Phường Hoàn Kiếm.
const HOAN_KIEM_LAKE: (f64, f64) = (21.0288, 105.8525);

/// A core on `dir` with the real set imported.
fn with_areas(dir: &std::path::Path) -> Core {
    let core = ihanoi_test_kit::open_core(dir);
    core.import_area_index(HANOI.clone(), "2025-07-01").unwrap();
    core
}

#[test]
fn areas_survive_a_restart_and_a_bad_file_never_replaces_them() {
    let dir = tempfile::tempdir().unwrap();
    {
        let core = ihanoi_test_kit::open_core(dir.path());
        core.import_areas_file(&shared_geo().join("hanoi_wards_2025.geojson"), "2025-07-01")
            .unwrap();
        assert_eq!(core.area_set_info().unwrap().unwrap().unit_count, 126);
        let bad = dir.path().join("bad.geojson");
        std::fs::write(&bad, r#"{"type":"FeatureCollection","features":[]}"#).unwrap();
        assert!(matches!(
            core.import_areas_file(&bad, "2099-01-01"),
            Err(Error::Areas(AreasError::EmptySet))
        ));
        std::fs::write(&bad, "{ not json").unwrap();
        assert!(matches!(
            core.import_areas_file(&bad, "2099-01-02"),
            Err(Error::Areas(AreasError::MalformedGeoJson { .. }))
        ));
    }
    // A new process: everything from the SQLite cache, no GeoJSON.
    let core = ihanoi_test_kit::open_core(dir.path());
    let info = core.area_set_info().unwrap().unwrap();
    assert_eq!(info.version, "2025-07-01");
    let area = core
        .locate_area(HOAN_KIEM_LAKE.0, HOAN_KIEM_LAKE.1)
        .unwrap()
        .unwrap();
    assert_eq!(
        (area.code.as_str(), area.name.as_str()),
        ("00070", "Phường Hoàn Kiếm")
    );
    assert_eq!(area.kind, AreaKind::Ward);
}

/// The cache blob as the first build wrote it (format 1: "IHA1", the outlines
/// without bands), encoded here on its own, not by the core's codec.
fn format_1_blob(index: &AreaIndex) -> Vec<u8> {
    fn put_u32(out: &mut Vec<u8>, n: usize) {
        out.extend_from_slice(&u32::try_from(n).unwrap().to_le_bytes());
    }
    fn put_str(out: &mut Vec<u8>, s: &str) {
        put_u32(out, s.len());
        out.extend_from_slice(s.as_bytes());
    }
    let mut out = b"IHA1".to_vec();
    put_u32(&mut out, index.len());
    for unit in index.outlines() {
        let a = &unit.area;
        for s in [&a.code, &a.name, &a.short_name] {
            put_str(&mut out, s);
        }
        put_str(&mut out, a.name_en.as_deref().unwrap_or(""));
        out.push(match a.kind {
            AreaKind::Ward => 1,
            AreaKind::Commune => 2,
        });
        put_u32(&mut out, unit.polygons.len());
        for polygon in &unit.polygons {
            put_u32(&mut out, polygon.len());
            for ring in polygon {
                put_u32(&mut out, ring.len());
                for [lon, lat] in ring {
                    out.extend_from_slice(&lon.to_le_bytes());
                    out.extend_from_slice(&lat.to_le_bytes());
                }
            }
        }
    }
    out
}

fn cached_blob(dir: &std::path::Path) -> (i64, Vec<u8>) {
    rusqlite::Connection::open(dir.join(ihanoi_core::store::DATABASE_FILE_NAME))
        .unwrap()
        .query_row(
            "SELECT format, outlines FROM area_sets WHERE id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn overwrite_cached_blob(dir: &std::path::Path, format: i64, blob: &[u8]) {
    rusqlite::Connection::open(dir.join(ihanoi_core::store::DATABASE_FILE_NAME))
        .unwrap()
        .execute(
            "UPDATE area_sets SET format = ?1, outlines = ?2 WHERE id = 1",
            rusqlite::params![format, blob],
        )
        .unwrap();
}

#[test]
fn a_cache_in_the_old_format_is_rebuilt_and_rewritten_and_an_unknown_one_refused() {
    let dir = tempfile::tempdir().unwrap();
    drop(with_areas(dir.path()));
    let (format, _) = cached_blob(dir.path());
    assert_eq!(format, ihanoi_core::areas::cache::CODEC_FORMAT);
    // What an older build left behind.
    overwrite_cached_blob(dir.path(), 1, &format_1_blob(&HANOI));

    let core = ihanoi_test_kit::open_core(dir.path());
    let area = core
        .locate_area(HOAN_KIEM_LAKE.0, HOAN_KIEM_LAKE.1)
        .unwrap()
        .unwrap();
    assert_eq!(area.code, "00070");
    let boundary = (21.0367, 105.8346);
    let lookup = core.lookup_areas(boundary.0, boundary.1, 500.0).unwrap();
    let expected = HANOI.lookup(boundary.0, boundary.1, 500.0).unwrap();
    assert_eq!(
        lookup
            .candidates
            .iter()
            .map(|c| &c.area)
            .collect::<Vec<_>>(),
        expected
            .candidates
            .iter()
            .map(|c| c.area)
            .collect::<Vec<_>>()
    );
    assert_eq!(core.area_set_info().unwrap().unwrap().version, "2025-07-01");
    drop(core);

    // Stored again in the current format, with the same units and outlines.
    let (format, blob) = cached_blob(dir.path());
    assert_eq!(format, ihanoi_core::areas::cache::CODEC_FORMAT);
    assert_eq!(&blob[..4], b"IHA2");
    let rewritten = AreaIndex::from_cache_bytes(&blob).unwrap();
    assert_eq!(rewritten.outlines(), HANOI.outlines());
    assert_eq!(rewritten.areas(), HANOI.areas());

    // A format this build does not know is refused, not misread; importing
    // again replaces it.
    overwrite_cached_blob(dir.path(), 99, &blob);
    let core = ihanoi_test_kit::open_core(dir.path());
    assert!(matches!(
        core.locate_area(HOAN_KIEM_LAKE.0, HOAN_KIEM_LAKE.1),
        Err(Error::Areas(AreasError::CorruptCache { .. }))
    ));
    core.import_area_index(HANOI.clone(), "2025-07-01").unwrap();
    assert!(
        core.locate_area(HOAN_KIEM_LAKE.0, HOAN_KIEM_LAKE.1)
            .unwrap()
            .is_some()
    );
}

#[test]
fn former_names_come_from_a_file_and_are_cached() {
    let dir = tempfile::tempdir().unwrap();
    {
        let core = with_areas(dir.path());
        let rows = core
            .import_former_names_file(&shared_geo().join("hanoi_old_to_new.csv"))
            .unwrap();
        assert!(rows >= 526);
    }
    let core = ihanoi_test_kit::open_core(dir.path());
    let hits = core.search_areas("hang bac", 5).unwrap();
    assert_eq!(hits[0].area.name, "Phường Hoàn Kiếm");
    assert_eq!(hits[0].former_name.as_deref(), Some("Phường Hàng Bạc"));
    let bad = core.import_former_names_csv("old_code,old_name\n1,A\n");
    assert!(matches!(
        bad,
        Err(Error::Areas(AreasError::MalformedFormerNames { .. }))
    ));
    // The good table is still there.
    assert_eq!(core.search_areas("hàng bạc", 5).unwrap().len(), 1);
}
