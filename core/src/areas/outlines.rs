//! Ward outlines for the position screen, drawn with no network: the unit
//! holding the pin and the units whose boundary lies within a radius of it,
//! as simplified polygons of latitude/longitude the shells draw as they are,
//! each with its name in both languages.

use geo::SimplifyIdx;

use crate::areas::error::AreasResult;
use crate::areas::geometry::{Ring, degrees};
use crate::areas::index::AreaIndex;
use crate::areas::model::{Area, AreaKind};
use crate::areas::projection::MetresPerDegree;
use crate::i18n::Bilingual;

/// How far a drawn outline may stray from the true boundary: under a pixel at
/// street zoom (about 1.2 m per pixel at zoom 17 in Hanoi), and it cuts the
/// vertices sent to the screen several times.
pub const OUTLINE_TOLERANCE_M: f64 = 1.0;

/// A point of an outline, in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct MapPoint {
    pub lat: f64,
    pub lon: f64,
}

/// One polygon of a unit: its outer ring and its holes, each closed (the
/// last point repeats the first).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OutlinePolygon {
    pub exterior: Vec<MapPoint>,
    pub holes: Vec<Vec<MapPoint>>,
}

/// One unit as the map draws it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WardOutline {
    /// 5-digit code, as sent to the city.
    pub code: String,
    /// "Phường Ba Đình" / "Ba Dinh Ward".
    pub name: Bilingual,
    pub kind: AreaKind,
    /// The pin is inside this unit.
    pub contains_point: bool,
    /// From the pin to the unit's boundary, in metres (0 when it holds the pin
    /// and its boundary is beyond the radius).
    pub distance_m: f64,
    pub polygons: Vec<OutlinePolygon>,
}

/// The outlines around a point: the unit holding it first, then the others
/// nearest first. Outside Hanoi (the sea, another province) the list is empty
/// and `note` says so; never an error for a valid position.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct WardOutlines {
    pub wards: Vec<WardOutline>,
    /// Code of the unit holding the point; `None` outside every unit.
    pub containing_code: Option<String>,
    /// What the screen says when no unit holds the point.
    pub note: Option<Bilingual>,
}

/// The unit's name in both languages: the source's English name, else the
/// Vietnamese short name without diacritics with the English type word.
pub fn bilingual_name(area: &Area) -> Bilingual {
    let en = area.name_en.clone().unwrap_or_else(|| {
        let plain = unaccented(&area.short_name);
        match area.kind {
            AreaKind::Ward => format!("{plain} Ward"),
            AreaKind::Commune => format!("{plain} Commune"),
        }
    });
    Bilingual::new(area.name.clone(), en)
}

/// "Hoàn Kiếm" → "Hoan Kiem": diacritics and đ dropped, case and spaces kept.
fn unaccented(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    text.nfd()
        .filter(|c| !matches!(c, '\u{300}'..='\u{36f}'))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// The outlines of the units within `radius_m` of the point (capped at
/// [`crate::areas::MAX_RADIUS_M`]), simplified to [`OUTLINE_TOLERANCE_M`].
pub fn outlines_around(
    index: &AreaIndex,
    lat: f64,
    lon: f64,
    radius_m: f64,
) -> AreasResult<WardOutlines> {
    let lookup = index.lookup(lat, lon, radius_m)?;
    let containing_code = lookup
        .candidates
        .first()
        .filter(|c| c.contains)
        .map(|c| c.area.code.clone());
    let scale = MetresPerDegree::at(lat);
    let all = index.outlines();
    let wards = lookup
        .candidates
        .iter()
        .filter_map(|candidate| {
            let outline = all.iter().find(|o| o.area.code == candidate.area.code)?;
            Some(WardOutline {
                code: candidate.area.code.clone(),
                name: bilingual_name(candidate.area),
                kind: candidate.area.kind,
                contains_point: candidate.contains,
                distance_m: candidate.distance_m,
                polygons: outline
                    .polygons
                    .iter()
                    .filter_map(|rings| {
                        let (exterior, holes) = rings.split_first()?;
                        Some(OutlinePolygon {
                            exterior: simplified(exterior, scale),
                            holes: holes.iter().map(|h| simplified(h, scale)).collect(),
                        })
                    })
                    .collect(),
            })
        })
        .collect();
    let note = containing_code.is_none().then(|| {
        Bilingual::new(
            "Vị trí này nằm ngoài địa bàn Hà Nội.",
            "This position is outside Hanoi.",
        )
    });
    Ok(WardOutlines {
        wards,
        containing_code,
        note,
    })
}

/// The ring in degrees with the vertices that change its shape by less than
/// the tolerance removed (Douglas–Peucker on a plane in metres, so the
/// tolerance means the same east–west and north–south). Stays closed; a ring
/// too small to simplify keeps all its points.
fn simplified(ring: &Ring, scale: MetresPerDegree) -> Vec<MapPoint> {
    let points: Vec<MapPoint> = ring
        .iter()
        .map(|&p| {
            let (lon, lat) = degrees(p);
            MapPoint { lat, lon }
        })
        .collect();
    let Some(origin) = points.first().copied() else {
        return points;
    };
    let plane = geo::LineString::from(
        points
            .iter()
            .map(|p| geo::Coord {
                x: (p.lon - origin.lon) * scale.lon,
                y: (p.lat - origin.lat) * scale.lat,
            })
            .collect::<Vec<_>>(),
    );
    let kept = plane.simplify_idx(OUTLINE_TOLERANCE_M);
    if kept.len() < 4 {
        return points;
    }
    kept.into_iter().map(|i| points[i]).collect()
}
