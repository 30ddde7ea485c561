//! [`AreaIndex`]: which unit holds a point, and which others an accuracy circle
//! reaches. An R-tree over the units' bounding boxes picks the few candidates;
//! each candidate's banded outline ([`UnitShape`]) answers exactly.

use std::sync::OnceLock;

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::geometry::{UnitOutline, validate_set};
use crate::areas::model::{Area, LatLon};
use crate::areas::projection::MetresPerDegree;
use crate::areas::shape::UnitShape;
use crate::areas::{codec, compact as codec_compact, geojson};

/// The largest accuracy circle examined: beyond this the fix says nothing
/// about the unit and every unit of a district would come back.
pub const MAX_RADIUS_M: f64 = 5_000.0;

type Envelope = GeomWithData<Rectangle<[f64; 2]>, u32>;

/// Hanoi's units, ready for lookups. Immutable; share it behind an `Arc`.
#[derive(Debug, Clone)]
pub struct AreaIndex {
    areas: Vec<Area>,
    shapes: Vec<UnitShape>,
    /// The outlines as imported, given back from the shapes only when asked
    /// (tests, the benchmark's reference scan): a cold start skips them.
    outlines: OnceLock<Vec<UnitOutline>>,
    tree: RTree<Envelope>,
}

/// A unit an accuracy circle reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<'a> {
    pub area: &'a Area,
    /// The point lies inside this unit.
    pub contains: bool,
    /// Metres from the point to this unit's boundary (for the containing unit:
    /// how far inside the point is, capped at the radius).
    pub distance_m: f64,
}

/// The answer for a fix with an accuracy radius.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookup<'a> {
    /// Containing unit first, then the others nearest first.
    pub candidates: Vec<Candidate<'a>>,
    /// More than one unit is possible (or the point is outside every unit but
    /// the circle reaches one): the shell asks the resident.
    pub ambiguous: bool,
}

impl<'a> Lookup<'a> {
    pub fn containing(&self) -> Option<&'a Area> {
        self.candidates
            .first()
            .filter(|c| c.contains)
            .map(|c| c.area)
    }
}

impl AreaIndex {
    /// Parse, validate (every check, including self-crossing boundaries) and index
    /// a GeoJSON FeatureCollection of units.
    pub fn from_geojson(text: &str) -> AreasResult<AreaIndex> {
        AreaIndex::from_outlines(geojson::parse(text)?)
    }

    /// Validate and index units built elsewhere (tests, other formats).
    pub fn from_outlines(outlines: Vec<UnitOutline>) -> AreasResult<AreaIndex> {
        validate_set(&outlines, true)?;
        Ok(AreaIndex::build(outlines))
    }

    /// Rebuild from the cache's compact encoding (the current format,
    /// [`crate::areas::cache::CODEC_FORMAT`]): the shapes and their bands are
    /// read as stored. The set was fully validated before it was cached; only
    /// the structure is checked again here, so a cold start skips the crossing
    /// check, any text parsing and the band sort.
    pub fn from_cache_bytes(bytes: &[u8]) -> AreasResult<AreaIndex> {
        let units = codec::decode(bytes)?;
        let mut codes = std::collections::HashSet::with_capacity(units.len());
        if let Some((dup, _)) = units.iter().find(|(a, _)| !codes.insert(a.code.as_str())) {
            return Err(AreasError::DuplicateCode {
                code: dup.code.clone(),
            });
        }
        if units.is_empty() {
            return Err(AreasError::EmptySet);
        }
        let (areas, shapes) = units.into_iter().unzip();
        Ok(AreaIndex::from_shapes(areas, shapes))
    }

    /// Rebuild from a blob of the first cache format (outlines without bands),
    /// as an older build wrote it; the caller stores it again in the current one.
    pub fn from_cache_bytes_format_1(bytes: &[u8]) -> AreasResult<AreaIndex> {
        let outlines = codec::decode_format_1(bytes)?;
        validate_set(&outlines, false)?;
        Ok(AreaIndex::build(outlines))
    }

    /// Rebuild from the compact form the built-in set ships in
    /// ([`crate::areas::compact`]): outlines without bands, validated when the
    /// file was made; the structure is checked again and the bands sorted.
    pub fn from_compact_bytes(bytes: &[u8]) -> AreasResult<AreaIndex> {
        let outlines = codec_compact::decode(bytes)?;
        validate_set(&outlines, false)?;
        Ok(AreaIndex::build(outlines))
    }

    /// The compact form of this set (how `core/data/areas` is generated).
    pub fn to_compact_bytes(&self) -> Vec<u8> {
        codec_compact::encode(self.outlines())
    }

    /// The compact encoding kept in the cache.
    pub fn to_cache_bytes(&self) -> Vec<u8> {
        codec::encode(&self.areas, &self.shapes)
    }

    fn build(outlines: Vec<UnitOutline>) -> AreaIndex {
        let shapes: Vec<UnitShape> = outlines.iter().map(UnitShape::new).collect();
        let areas = outlines.into_iter().map(|o| o.area).collect();
        AreaIndex::from_shapes(areas, shapes)
    }

    fn from_shapes(areas: Vec<Area>, shapes: Vec<UnitShape>) -> AreaIndex {
        let envelopes = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let b = s.bbox;
                GeomWithData::new(
                    Rectangle::from_corners([b[0], b[1]], [b[2], b[3]]),
                    i as u32,
                )
            })
            .collect();
        AreaIndex {
            areas,
            shapes,
            outlines: OnceLock::new(),
            tree: RTree::bulk_load(envelopes),
        }
    }

    pub fn areas(&self) -> &[Area] {
        &self.areas
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    pub fn area(&self, code: &str) -> Option<&Area> {
        self.areas.iter().find(|a| a.code == code)
    }

    /// The units' outlines (built from the shapes on the first call).
    pub fn outlines(&self) -> &[UnitOutline] {
        self.outlines.get_or_init(|| {
            self.areas
                .iter()
                .zip(&self.shapes)
                .map(|(area, shape)| UnitOutline {
                    area: area.clone(),
                    polygons: shape.polygons(),
                })
                .collect()
        })
    }

    /// The unit containing the point, or `None` outside every unit (outside
    /// Hanoi) or for an invalid position. A point on the river belongs to the
    /// unit whose polygon holds it.
    pub fn locate(&self, lat: f64, lon: f64) -> Option<&Area> {
        if !LatLon::new(lat, lon).is_valid() {
            return None;
        }
        self.locate_index(lat, lon).map(|i| &self.areas[i])
    }

    fn locate_index(&self, lat: f64, lon: f64) -> Option<usize> {
        self.tree
            .locate_all_at_point(&[lon, lat])
            .map(|e| e.data as usize)
            .find(|&i| self.shapes[i].contains(lon, lat))
    }

    /// Every unit whose boundary lies within `radius_m` of the point, with the
    /// distance to each; the containing unit first.
    pub fn lookup(&self, lat: f64, lon: f64, radius_m: f64) -> AreasResult<Lookup<'_>> {
        if !LatLon::new(lat, lon).is_valid() {
            return Err(AreasError::InvalidPosition { lat, lon });
        }
        if radius_m.is_nan() || radius_m < 0.0 {
            return Err(AreasError::InvalidRadius { radius_m });
        }
        let radius_m = radius_m.min(MAX_RADIUS_M);
        let scale = MetresPerDegree::at(lat);
        let (reach_lon, reach_lat) = (radius_m / scale.lon, radius_m / scale.lat);
        let search = AABB::from_corners(
            [lon - reach_lon, lat - reach_lat],
            [lon + reach_lon, lat + reach_lat],
        );
        let containing = self.locate_index(lat, lon);
        let mut candidates: Vec<Candidate<'_>> = Vec::new();
        for envelope in self.tree.locate_in_envelope_intersecting(&search) {
            let i = envelope.data as usize;
            let shape = &self.shapes[i];
            let contains = containing == Some(i);
            let distance = shape.boundary_distance_within(lon, lat, radius_m, scale);
            match (contains, distance) {
                (true, d) => candidates.push(Candidate {
                    area: &self.areas[i],
                    contains,
                    distance_m: d.unwrap_or(radius_m),
                }),
                (false, Some(d)) => candidates.push(Candidate {
                    area: &self.areas[i],
                    contains,
                    distance_m: d,
                }),
                (false, None) => {}
            }
        }
        candidates.sort_by(|a, b| {
            b.contains
                .cmp(&a.contains)
                .then(a.distance_m.total_cmp(&b.distance_m))
                .then_with(|| a.area.code.cmp(&b.area.code))
        });
        let ambiguous = candidates.len() > 1 || (containing.is_none() && !candidates.is_empty());
        Ok(Lookup {
            candidates,
            ambiguous,
        })
    }

    /// Approximate heap bytes held by the index (shapes and bands, tree, names,
    /// and the outlines once asked for).
    pub fn heap_bytes(&self) -> usize {
        let shapes: usize = self.shapes.iter().map(UnitShape::heap_bytes).sum();
        let outlines: usize = self
            .outlines
            .get()
            .into_iter()
            .flatten()
            .flat_map(|o| o.polygons.iter().flatten())
            .map(|ring| ring.capacity() * 8 + 24)
            .sum();
        let names: usize = self
            .areas
            .iter()
            .map(|a| a.code.len() + a.name.len() + a.short_name.len() + 96)
            .sum();
        let tree = self.tree.size() * (std::mem::size_of::<Envelope>() + 16);
        shapes + outlines + names + tree
    }
}
