//! A report's location end to end: a real store in a temp dir, the real ward
//! boundaries imported from `$IHANOI_SHARED/geo`, real photos for queueing.

use std::sync::LazyLock;

use ihanoi_core::areas::AreaIndex;
use ihanoi_core::i18n::Bilingual;
use ihanoi_core::location::{
    ExifPosition, LocationError, LocationFix, LocationQuality, LocationSource, PoorReason,
    offered_location,
};
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::{DraftField, ProblemCode, ReportState};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::time::now_ms;
use ihanoi_core::{Core, Error};

use ihanoi_test_kit::shared_dir as shared;

use ihanoi_test_kit::open_core_with_photos as open;

/// Parsed once for all tests (a debug build takes seconds to validate it).
static HANOI: LazyLock<AreaIndex> = LazyLock::new(|| {
    let text = std::fs::read_to_string(shared().join("geo/hanoi_wards_2025.geojson")).unwrap();
    AreaIndex::from_geojson(&text).unwrap()
});

fn with_areas(dir: &std::path::Path) -> Core {
    let core = open(dir);
    core.import_area_index(HANOI.clone(), "2025-07-01").unwrap();
    core
}

fn fix(lat: f64, lon: f64, accuracy_m: f64, source: LocationSource) -> LocationFix {
    LocationFix {
        lat,
        lon,
        accuracy_m,
        time_ms: now_ms(),
        source,
        mocked: false,
    }
}

const HOAN_KIEM_LAKE: (f64, f64) = (21.0288, 105.8525);

/// A draft with category, description and a photo: only the location decides
/// whether it can be queued.
fn complete_draft(core: &Core) -> String {
    let id = core.create_draft().unwrap().id;
    core.update_draft(
        &id,
        DraftField::Category {
            code: Some("ve_sinh_moi_truong".into()),
        },
    )
    .unwrap();
    core.update_draft(
        &id,
        DraftField::Description {
            text: "Rác thải đổ trên vỉa hè".into(),
        },
    )
    .unwrap();
    core.attach_photo_blocking(
        &id,
        &shared().join("photos/phone-12mp-rot6-hanoi.jpg"),
        PhotoSource::Camera,
        &CompressOptions::default(),
        &CancelToken::new(),
    )
    .unwrap();
    id
}

/// Offline first: a fresh install, no import, no network, routes with the set
/// the core ships and finds wards by their old names; an import replaces it.
#[test]
fn a_fresh_core_routes_and_searches_with_the_built_in_set() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let info = core.area_set_info().unwrap().unwrap();
    assert!(info.built_in);
    assert_eq!(
        (info.unit_count, info.version.as_str()),
        (126, "2025-07-01")
    );
    assert_eq!(core.cached_area_set_info().unwrap(), None);
    // Ba Đình Square.
    let ba_dinh = core.locate_area(21.0368, 105.8346).unwrap().unwrap();
    assert_eq!(
        (ba_dinh.code.as_str(), ba_dinh.name.as_str()),
        ("00004", "Phường Ba Đình")
    );
    // A pre-reform name leads to its new unit.
    let hits = core.search_areas("truc bach", 5).unwrap();
    assert_eq!(hits[0].area.name, "Phường Ba Đình");
    assert_eq!(hits[0].former_name.as_deref(), Some("Phường Trúc Bạch"));
    // A report placed there is routed before any sync.
    let id = core.create_draft().unwrap().id;
    let routed = core
        .set_report_location(&id, fix(21.0368, 105.8346, 8.0, LocationSource::DeviceGps))
        .unwrap();
    assert_eq!(routed.area_code.as_deref(), Some("00004"));

    core.import_area_index(HANOI.clone(), "2026-01-01").unwrap();
    let info = core.area_set_info().unwrap().unwrap();
    assert!(!info.built_in);
    assert_eq!(info.version, "2026-01-01");
    // The built-in old names still serve a set imported without its own table.
    let hits = core.search_areas("hàng bạc", 5).unwrap();
    assert_eq!(hits[0].former_name.as_deref(), Some("Phường Hàng Bạc"));
}

#[test]
fn a_report_records_its_location_unit_and_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = core.create_draft().unwrap().id;
    assert_eq!(core.report_location(&id).unwrap(), None);
    assert!(
        core.problems(&id)
            .unwrap()
            .iter()
            .any(|p| p.code == ProblemCode::LocationMissing)
    );

    let loc = core
        .set_report_location(
            &id,
            fix(
                HOAN_KIEM_LAKE.0,
                HOAN_KIEM_LAKE.1,
                8.0,
                LocationSource::DeviceGps,
            ),
        )
        .unwrap();
    assert_eq!(loc.area_code.as_deref(), Some("00070"));
    assert_eq!(loc.area_name.as_deref(), Some("Phường Hoàn Kiếm"));
    assert!(!loc.area_ambiguous);
    assert_eq!(loc.verdict.quality, LocationQuality::Good);
    // The words the report screen shows, decided in the core.
    assert_eq!(
        loc.source_label,
        Bilingual::new("GPS của máy", "device GPS")
    );
    assert_eq!(loc.verdict.quality_label, Bilingual::new("tốt", "good"));
    assert!(!loc.pin_adjusted);
    assert!(
        !core
            .problems(&id)
            .unwrap()
            .iter()
            .any(|p| p.code == ProblemCode::LocationMissing)
    );
    // Stored: the same after reopening.
    drop(core);
    let core = open(dir.path());
    assert_eq!(core.report_location(&id).unwrap(), Some(loc));
}

#[test]
fn a_wide_circle_across_a_boundary_is_recorded_as_ambiguous_and_the_resident_chooses() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = core.create_draft().unwrap().id;
    // Mid Red River: Hồng Hà holds it, Bồ Đề is 45 m away across the river.
    let loc = core
        .set_report_location(&id, fix(21.0430, 105.8620, 80.0, LocationSource::Network))
        .unwrap();
    assert_eq!(loc.area_code.as_deref(), Some("00097"));
    assert!(loc.area_ambiguous);
    assert_eq!(loc.verdict.quality, LocationQuality::Fair);
    let lookup = core.lookup_areas(21.0430, 105.8620, 80.0).unwrap();
    assert_eq!(lookup.candidates[1].area.code, "00118");
    let chosen = core.choose_report_area(&id, "00118").unwrap();
    assert_eq!(chosen.area_name.as_deref(), Some("Phường Bồ Đề"));
    assert!(chosen.area_chosen_by_user && chosen.area_ambiguous);
    assert!(matches!(
        core.choose_report_area(&id, "00070"),
        Err(Error::Location(LocationError::NotACandidate { .. }))
    ));
}

#[test]
fn a_moved_pin_wins_over_later_fixes_and_records_how_far_it_moved() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = core.create_draft().unwrap().id;
    let (lat, lon) = HOAN_KIEM_LAKE;
    core.set_report_location(&id, fix(lat, lon, 35.0, LocationSource::DeviceGps))
        .unwrap();
    // The resident drags the pin 100 m north.
    let pin_lat = lat + 100.0 / 110_750.0;
    let pinned = core
        .set_report_location(&id, fix(pin_lat, lon, 0.0, LocationSource::ManualPin))
        .unwrap();
    assert!(pinned.pin_adjusted);
    let moved = pinned.pin_moved_m.unwrap();
    assert!((moved - 100.0).abs() < 0.5, "{moved}");
    assert_eq!(pinned.verdict.quality, LocationQuality::Good);
    // A later GPS fix and a photo's EXIF do not move it back.
    for source in [LocationSource::DeviceGps, LocationSource::PhotoExif] {
        let after = core
            .set_report_location(&id, fix(lat, lon, 5.0, source))
            .unwrap();
        assert_eq!(after, pinned);
    }
    // Moving the pin again still measures from the original sensor position.
    let again = core
        .set_report_location(
            &id,
            fix(lat + 50.0 / 110_750.0, lon, 0.0, LocationSource::ManualPin),
        )
        .unwrap();
    assert!((again.pin_moved_m.unwrap() - 50.0).abs() < 0.5);
}

#[test]
fn bad_fixes_are_refused_with_a_typed_error() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = core.create_draft().unwrap().id;
    for bad in [
        fix(f64::NAN, 105.85, 5.0, LocationSource::DeviceGps),
        fix(21.0, f64::INFINITY, 5.0, LocationSource::DeviceGps),
        fix(90.5, 105.85, 5.0, LocationSource::DeviceGps),
        fix(21.0, 180.5, 5.0, LocationSource::DeviceGps),
        fix(21.0, 105.85, -1.0, LocationSource::DeviceGps),
        fix(21.0, 105.85, f64::NAN, LocationSource::DeviceGps),
    ] {
        assert!(
            matches!(
                core.set_report_location(&id, bad),
                Err(Error::Location(LocationError::InvalidFix { .. }))
            ),
            "{bad:?}"
        );
    }
    assert_eq!(core.report_location(&id).unwrap(), None);
}

#[test]
fn stale_or_mocked_fixes_are_poor_and_need_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = core.create_draft().unwrap().id;
    let mut old = fix(
        HOAN_KIEM_LAKE.0,
        HOAN_KIEM_LAKE.1,
        5.0,
        LocationSource::DeviceGps,
    );
    old.time_ms -= 3 * 60 * 1000;
    old.mocked = true;
    let loc = core.set_report_location(&id, old).unwrap();
    assert_eq!(loc.verdict.quality, LocationQuality::Poor);
    assert_eq!(
        loc.verdict.reasons,
        vec![PoorReason::Stale, PoorReason::Mocked]
    );
    assert!(loc.verdict.needs_confirmation);
}

#[test]
fn without_a_device_fix_the_first_photos_exif_position_is_offered() {
    let device = fix(21.03, 105.85, 10.0, LocationSource::DeviceGps);
    let exif = ExifPosition {
        lat: 21.0367,
        lon: 105.8346,
        accuracy_m: None,
        captured_at_ms: Some(now_ms() - 10_000),
    };
    assert_eq!(offered_location(Some(device), Some(exif)), Some(device));
    let offered = offered_location(None, Some(exif)).unwrap();
    assert_eq!(offered.source, LocationSource::PhotoExif);
    assert_eq!((offered.lat, offered.lon), (exif.lat, exif.lon));
    assert_eq!(offered_location(None, None), None);
    let broken = ExifPosition {
        lat: f64::NAN,
        ..exif
    };
    assert_eq!(offered_location(None, Some(broken)), None);
}

#[test]
fn the_core_offers_the_first_photos_gps_for_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let id = core.create_draft().unwrap().id;
    assert_eq!(core.offered_report_location(&id, None).unwrap(), None);
    // Taken at Hoàn Kiếm Lake, accuracy 8 m in its EXIF.
    let id = complete_draft(&core);
    let offered = core.offered_report_location(&id, None).unwrap().unwrap();
    assert_eq!(offered.source, LocationSource::PhotoExif);
    assert!((offered.lat - 21.0287).abs() < 1e-4, "{}", offered.lat);
    assert!((offered.lon - 105.8524).abs() < 1e-4, "{}", offered.lon);
    assert_eq!(offered.accuracy_m, 8.0);
    // The device's own fix wins; nothing was stored by offering.
    let device = fix(21.03, 105.85, 10.0, LocationSource::DeviceGps);
    assert_eq!(
        core.offered_report_location(&id, Some(device)).unwrap(),
        Some(device)
    );
    assert_eq!(core.report_location(&id).unwrap(), None);
}

#[test]
fn queueing_a_report_outside_hanoi_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let id = complete_draft(&core);
    // Hải Phòng.
    let loc = core
        .set_report_location(&id, fix(20.86, 106.68, 10.0, LocationSource::DeviceGps))
        .unwrap();
    assert_eq!(loc.area_code, None);
    // The review says so before the resident taps send, with the other problems.
    let review = core.report_details(&id).unwrap();
    let codes: Vec<_> = review.problems.iter().map(|p| p.code).collect();
    assert_eq!(codes, vec![ProblemCode::LocationOutsideHanoi]);
    assert!(!review.actions.can_queue);
    match core.queue_report(&id) {
        Err(Error::NotReady { problems }) => {
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].code, ProblemCode::LocationOutsideHanoi);
        }
        other => panic!("a report in Hải Phòng was queued: {other:?}"),
    }
    assert_eq!(core.report(&id).unwrap().state, ReportState::Draft);
    // The resident moves the pin into Hanoi: now it goes.
    core.set_report_location(
        &id,
        fix(
            HOAN_KIEM_LAKE.0,
            HOAN_KIEM_LAKE.1,
            0.0,
            LocationSource::ManualPin,
        ),
    )
    .unwrap();
    core.queue_report(&id).unwrap();
}

#[test]
fn nearby_reports_of_the_same_category_come_nearest_first() {
    let dir = tempfile::tempdir().unwrap();
    let core = with_areas(dir.path());
    let (lat, lon) = HOAN_KIEM_LAKE;
    let mut ids = Vec::new();
    for (metres_north, category) in [
        (40.0, "ve_sinh"),
        (10.0, "ve_sinh"),
        (70.0, "ve_sinh"),
        (5.0, "chieu_sang"),
    ] {
        let id = core.create_draft().unwrap().id;
        core.update_draft(
            &id,
            DraftField::Category {
                code: Some(category.into()),
            },
        )
        .unwrap();
        core.set_report_location(
            &id,
            fix(
                lat + metres_north / 110_750.0,
                lon,
                5.0,
                LocationSource::DeviceGps,
            ),
        )
        .unwrap();
        ids.push(id);
    }
    let found = core
        .nearby_reports(lat, lon, "ve_sinh", 0, i64::MAX, None, None)
        .unwrap();
    let order: Vec<&str> = found.iter().map(|r| r.report_id.as_str()).collect();
    assert_eq!(
        order,
        [ids[1].as_str(), ids[0].as_str()],
        "within 50 m, nearest first"
    );
    assert!((found[0].distance_m - 10.0).abs() < 0.2);
    let wider = core
        .nearby_reports(lat, lon, "ve_sinh", 0, i64::MAX, Some(100.0), Some(&ids[1]))
        .unwrap();
    assert_eq!(wider.len(), 2);
    let none = core
        .nearby_reports(lat, lon, "ve_sinh", i64::MAX - 1, i64::MAX, None, None)
        .unwrap();
    assert!(none.is_empty(), "outside the time window");
    assert!(
        core.nearby_reports(f64::NAN, lon, "ve_sinh", 0, 1, None, None)
            .is_err()
    );
}
