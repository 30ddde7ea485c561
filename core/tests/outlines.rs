//! Ward outlines for the position screen's offline pin, from the ward
//! snapshot the core ships (a fresh install, no network, nothing imported).

use geo::{Contains, Coord, LineString, Point, Polygon};

use ihanoi_core::Error;
use ihanoi_core::areas::AreasError;
use ihanoi_core::areas::outlines::{MapPoint, WardOutline};

use ihanoi_test_kit::open_core as open;

/// Ba Đình Square.
const BA_DINH: (f64, f64) = (21.0368, 105.8346);

fn polygon(ring: &[MapPoint]) -> Polygon<f64> {
    Polygon::new(
        LineString::from(
            ring.iter()
                .map(|p| Coord { x: p.lon, y: p.lat })
                .collect::<Vec<_>>(),
        ),
        vec![],
    )
}

fn holds(ward: &WardOutline, lat: f64, lon: f64) -> bool {
    ward.polygons
        .iter()
        .any(|p| polygon(&p.exterior).contains(&Point::new(lon, lat)))
}

#[test]
fn a_pin_in_ba_dinh_gets_its_ward_first_and_the_neighbours_around_it() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let (lat, lon) = BA_DINH;

    let near = core.ward_outlines(lat, lon, 1_500.0).unwrap();
    assert_eq!(near.containing_code.as_deref(), Some("00004"));
    assert_eq!(near.note, None);
    let ba_dinh = &near.wards[0];
    assert!(ba_dinh.contains_point);
    assert_eq!(ba_dinh.code, "00004");
    assert_eq!(ba_dinh.name.vi, "Phường Ba Đình");
    assert!(ba_dinh.name.en.contains("Ba Dinh"), "{}", ba_dinh.name.en);
    // The drawn outline still holds the pin, and is closed.
    assert!(holds(ba_dinh, lat, lon));
    for polygon in &ba_dinh.polygons {
        assert!(polygon.exterior.len() >= 4);
        assert_eq!(polygon.exterior.first(), polygon.exterior.last());
    }
    // Neighbours within the radius follow, nearest first, none holding the pin.
    assert!(near.wards.len() > 1, "{near:?}");
    for pair in near.wards[1..].windows(2) {
        assert!(pair[0].distance_m <= pair[1].distance_m);
    }
    for ward in &near.wards[1..] {
        assert!(!ward.contains_point && ward.distance_m <= 1_500.0);
        assert!(!holds(ward, lat, lon), "{}", ward.code);
        assert!(ward.name.vi.starts_with("Phường") || ward.name.vi.starts_with("Xã"));
        assert!(!ward.name.en.is_empty());
    }
    // A wider circle reaches more units, a zero radius only the one holding it.
    let wide = core.ward_outlines(lat, lon, 4_000.0).unwrap();
    assert!(wide.wards.len() > near.wards.len());
    let only = core.ward_outlines(lat, lon, 0.0).unwrap();
    assert_eq!(only.wards.len(), 1);

    // Simplified for drawing: fewer vertices than the data, the same shape.
    let full: usize = core
        .loaded_areas()
        .unwrap()
        .index
        .outlines()
        .iter()
        .find(|o| o.area.code == "00004")
        .unwrap()
        .polygons
        .iter()
        .map(|p| p[0].len())
        .sum();
    let drawn: usize = ba_dinh.polygons.iter().map(|p| p.exterior.len()).sum();
    assert!(drawn < full, "drawn {drawn} of {full}");
}

#[test]
fn a_pin_in_the_sea_gets_no_outlines_and_a_note_and_a_bad_position_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    // Gulf of Tonkin, off Hải Phòng.
    let sea = core.ward_outlines(20.5, 107.2, 5_000.0).unwrap();
    assert!(sea.wards.is_empty());
    assert_eq!(sea.containing_code, None);
    let note = sea.note.expect("a note");
    assert!(note.vi.contains("ngoài") && note.en.contains("outside"));

    for (lat, lon, radius) in [
        (f64::NAN, 105.8, 100.0),
        (95.0, 105.8, 100.0),
        (21.0, 105.8, -1.0),
    ] {
        match core.ward_outlines(lat, lon, radius) {
            Err(Error::Areas(
                AreasError::InvalidPosition { .. } | AreasError::InvalidRadius { .. },
            )) => {}
            other => panic!("({lat}, {lon}, {radius}): {other:?}"),
        }
    }
}
