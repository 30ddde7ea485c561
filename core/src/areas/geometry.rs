//! Unit outlines as they are stored and validated: rings of positions kept as
//! integers in units of 10⁻⁷ degree (about 1 cm). The city's files carry 6
//! decimals, so nothing is lost, and the cache stores these integers as they are
//! (no text to parse on a cold start).

use geo::algorithm::line_intersection::line_intersection;
use geo::{Line, LineIntersection};
use rstar::RTree;
use rstar::primitives::{GeomWithData, Line as RLine};

use crate::areas::error::{AreasError, AreasResult, FeatureRef};
use crate::areas::model::Area;

/// 10⁷ fixed-point units per degree.
pub const E7: f64 = 1e7;

/// One position: longitude then latitude (GeoJSON order), in 10⁻⁷ degree.
pub type PositionE7 = [i32; 2];

/// A closed ring: the last position equals the first.
pub type Ring = Vec<PositionE7>;

/// An exterior ring followed by its holes.
pub type Polygon = Vec<Ring>;

/// A unit and its outline (one or more polygons), before indexing.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitOutline {
    pub area: Area,
    pub polygons: Vec<Polygon>,
}

impl UnitOutline {
    /// The outline as a `geo` multipolygon in degrees: the reference the tests
    /// and the benchmark's naive scan compare the index with.
    pub fn to_geo(&self) -> geo::MultiPolygon<f64> {
        let ring = |r: &Ring| {
            geo::LineString::from(
                r.iter()
                    .map(|&p| {
                        let (x, y) = degrees(p);
                        geo::Coord { x, y }
                    })
                    .collect::<Vec<_>>(),
            )
        };
        geo::MultiPolygon::new(
            self.polygons
                .iter()
                .filter_map(|rings| {
                    let (exterior, holes) = rings.split_first()?;
                    Some(geo::Polygon::new(
                        ring(exterior),
                        holes.iter().map(ring).collect(),
                    ))
                })
                .collect(),
        )
    }
}

/// Turn a WGS84 position into fixed point, refusing what is not on the globe.
pub fn quantize(at: &FeatureRef, lon: f64, lat: f64) -> AreasResult<PositionE7> {
    if !lon.is_finite() || !lat.is_finite() {
        return Err(AreasError::NonFiniteCoordinate { at: at.clone() });
    }
    if lat.abs() > 90.0 || lon.abs() > 180.0 {
        return Err(AreasError::CoordinateOutOfRange {
            at: at.clone(),
            lat,
            lon,
        });
    }
    // |lon| ≤ 180 → |lon·10⁷| ≤ 1.8·10⁹ < i32::MAX: the cast cannot saturate.
    Ok([(lon * E7).round() as i32, (lat * E7).round() as i32])
}

pub fn degrees(p: PositionE7) -> (f64, f64) {
    (f64::from(p[0]) / E7, f64::from(p[1]) / E7)
}

/// Drop repeated consecutive positions (common in surveyed data and harmless),
/// then check the ring is closed and long enough.
pub fn clean_ring(at: &FeatureRef, mut ring: Ring) -> AreasResult<Ring> {
    ring.dedup();
    let points = ring.len();
    if points < 4 {
        // A "ring" whose dedup left first == last == only point counts here too.
        return Err(AreasError::RingTooShort {
            at: at.clone(),
            points,
        });
    }
    if ring.first() != ring.last() {
        return Err(AreasError::RingNotClosed { at: at.clone() });
    }
    Ok(ring)
}

/// Check the whole set: not empty, codes unique, every unit with a polygon, and
/// no unit whose boundary crosses itself.
pub fn validate_set(units: &[UnitOutline], check_crossings: bool) -> AreasResult<()> {
    if units.is_empty() {
        return Err(AreasError::EmptySet);
    }
    let mut codes = std::collections::HashSet::with_capacity(units.len());
    for (index, unit) in units.iter().enumerate() {
        let at = FeatureRef {
            index,
            code: Some(unit.area.code.clone()),
        };
        if !codes.insert(unit.area.code.as_str()) {
            return Err(AreasError::DuplicateCode {
                code: unit.area.code.clone(),
            });
        }
        if unit.polygons.is_empty() || unit.polygons.iter().any(|p| p.is_empty()) {
            return Err(AreasError::EmptyGeometry { at });
        }
        for ring in unit.polygons.iter().flatten() {
            if ring.len() < 4 {
                return Err(AreasError::RingTooShort {
                    at,
                    points: ring.len(),
                });
            }
            if ring.first() != ring.last() {
                return Err(AreasError::RingNotClosed { at });
            }
        }
        if check_crossings {
            check_no_self_intersection(&at, unit)?;
        }
    }
    Ok(())
}

/// Refuse a boundary whose edges cross or overlap (a bow-tie, a spike, a hole
/// poking out of its shell): point-in-polygon has no meaning there. Edges are
/// found through an R-tree, so a 2 000-edge unit costs milliseconds, not the
/// seconds of comparing every pair.
fn check_no_self_intersection(at: &FeatureRef, unit: &UnitOutline) -> AreasResult<()> {
    // (ring number, edge number within the ring, ring's edge count)
    type EdgeId = (u32, u32, u32);
    let mut edges: Vec<GeomWithData<RLine<[f64; 2]>, EdgeId>> = Vec::new();
    for (ring_no, ring) in (0u32..).zip(unit.polygons.iter().flatten()) {
        let count = (ring.len() - 1) as u32;
        for (i, pair) in ring.windows(2).enumerate() {
            let (x1, y1) = degrees(pair[0]);
            let (x2, y2) = degrees(pair[1]);
            edges.push(GeomWithData::new(
                RLine::new([x1, y1], [x2, y2]),
                (ring_no, i as u32, count),
            ));
        }
    }
    let tree = RTree::bulk_load(edges);
    for a in tree.iter() {
        let (ring_a, i, count) = a.data;
        for b in tree.locate_in_envelope_intersecting(&rstar::RTreeObject::envelope(a.geom())) {
            let (ring_b, j, _) = b.data;
            if (ring_b, j) <= (ring_a, i) {
                continue; // each pair once, and not an edge with itself
            }
            let same_ring = ring_a == ring_b;
            let adjacent = same_ring && (j == i + 1 || (i == 0 && j == count - 1));
            let la = Line::new(
                (a.geom().from[0], a.geom().from[1]),
                (a.geom().to[0], a.geom().to[1]),
            );
            let lb = Line::new(
                (b.geom().from[0], b.geom().from[1]),
                (b.geom().to[0], b.geom().to[1]),
            );
            let crossing = match line_intersection(la, lb) {
                None => None,
                // Neighbours share their joint; anything more is a fold-back.
                Some(LineIntersection::SinglePoint { .. }) if adjacent => None,
                // Different rings may touch at a point (OGC allows it); within
                // one ring any other contact makes a figure eight.
                Some(LineIntersection::SinglePoint {
                    is_proper: false, ..
                }) if !same_ring => None,
                Some(LineIntersection::SinglePoint { intersection, .. }) => Some(intersection),
                Some(LineIntersection::Collinear { intersection }) => Some(intersection.start),
            };
            if let Some(c) = crossing {
                return Err(AreasError::SelfIntersecting {
                    at: at.clone(),
                    lat: c.y,
                    lon: c.x,
                });
            }
        }
    }
    Ok(())
}
