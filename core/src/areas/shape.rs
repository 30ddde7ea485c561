//! A unit's outline prepared for fast questions: "is this point inside?" and
//! "how far is the boundary?".
//!
//! `geo`'s `Contains` walks every edge (852 for the median unit), about 1 µs
//! per test. Here the edges are sorted into horizontal bands: a point only needs
//! the edges whose latitude span covers it, a dozen or so, so the same exact
//! crossing-number test costs tens of nanoseconds. Distances use the bands
//! around the accuracy circle and `geo`'s point–segment distance.

use geo::{Coord, Distance, Euclidean, Line};

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::geometry::{E7, Polygon, PositionE7, UnitOutline, degrees};
use crate::areas::projection::MetresPerDegree;

/// Aim for about this many edge starts per band (more bands cost memory, fewer
/// cost time).
const EDGES_PER_BAND: usize = 8;
pub(crate) const MAX_BANDS: usize = 4096;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct UnitShape {
    /// Every ring's positions (lon, lat in degrees), each ring closed and the
    /// rings concatenated. Edge `i` runs from `points[i]` to `points[i + 1]`.
    points: Vec<[f64; 2]>,
    /// Where each ring ends in `points` (exclusive), and how many rings each
    /// polygon has: enough to give the outline back (cache, tests).
    ring_ends: Vec<u32>,
    polygon_rings: Vec<u32>,
    /// Edges in band `b`: `band_edges[band_starts[b]..band_starts[b + 1]]`.
    band_starts: Vec<u32>,
    band_edges: Vec<u32>,
    /// [min lon, min lat, max lon, max lat].
    pub bbox: [f64; 4],
    bands_per_degree: f64,
    band_count: usize,
}

/// A shape's parts as the cache stores them (see [`crate::areas::codec`]).
pub(crate) struct ShapeParts {
    pub polygon_rings: Vec<u32>,
    pub ring_ends: Vec<u32>,
    pub points: Vec<[f64; 2]>,
    pub band_starts: Vec<u32>,
    pub band_edges: Vec<u32>,
}

impl UnitShape {
    /// Sort a validated outline's edges into bands (on import; a cold start
    /// reads the bands from the cache instead, see [`UnitShape::from_parts`]).
    pub fn new(unit: &UnitOutline) -> Self {
        let total: usize = unit.polygons.iter().flatten().map(Vec::len).sum();
        let mut points = Vec::with_capacity(total);
        let mut edge_starts = Vec::with_capacity(total);
        let mut ring_ends = Vec::new();
        for ring in unit.polygons.iter().flatten() {
            let first = points.len();
            points.extend(ring.iter().map(|&p| {
                let (x, y) = degrees(p);
                [x, y]
            }));
            edge_starts.extend(first as u32..(points.len() - 1) as u32);
            ring_ends.push(points.len() as u32);
        }
        let band_count = (edge_starts.len() / EDGES_PER_BAND).clamp(1, MAX_BANDS);
        let mut shape = UnitShape::unbanded(
            points,
            ring_ends,
            unit.polygons.iter().map(|p| p.len() as u32).collect(),
            band_count,
        );
        // Counting sort of edges into every band their latitude span touches.
        let mut counts = vec![0u32; band_count + 1];
        for &e in &edge_starts {
            let (lo, hi) = shape.edge_bands(e);
            for b in lo..=hi {
                counts[b + 1] += 1;
            }
        }
        for b in 0..band_count {
            counts[b + 1] += counts[b];
        }
        let mut next = counts.clone();
        let mut band_edges = vec![0u32; counts[band_count] as usize];
        for &e in &edge_starts {
            let (lo, hi) = shape.edge_bands(e);
            for slot in &mut next[lo..=hi] {
                band_edges[*slot as usize] = e;
                *slot += 1;
            }
        }
        shape.band_starts = counts;
        shape.band_edges = band_edges;
        shape
    }

    /// A shape from the cache's stored bands: checked only so far that no
    /// index can go out of bounds (the set was fully validated before it was
    /// cached), so a cold start costs a copy, not a sort.
    pub fn from_parts(parts: ShapeParts) -> AreasResult<Self> {
        let ShapeParts {
            polygon_rings,
            ring_ends,
            points,
            band_starts,
            band_edges,
        } = parts;
        let corrupt = |reason: &str| AreasError::CorruptCache {
            reason: reason.to_owned(),
        };
        let rings: u64 = polygon_rings.iter().map(|&n| u64::from(n)).sum();
        if polygon_rings.is_empty() || polygon_rings.contains(&0) || rings != ring_ends.len() as u64
        {
            return Err(corrupt("ring structure"));
        }
        let mut start = 0usize;
        for &end in &ring_ends {
            let end = end as usize;
            let ring = points.get(start..end).ok_or_else(|| corrupt("ring ends"))?;
            if ring.len() < 4 || ring.first() != ring.last() {
                return Err(corrupt("ring not closed"));
            }
            start = end;
        }
        if start != points.len() {
            return Err(corrupt("ring ends"));
        }
        let band_count = band_starts.len().saturating_sub(1);
        if !(1..=MAX_BANDS).contains(&band_count)
            || band_starts[0] != 0
            || band_starts.windows(2).any(|w| w[0] > w[1])
            || band_starts[band_count] as usize != band_edges.len()
            || band_edges.iter().any(|&e| e as usize + 1 >= points.len())
        {
            return Err(corrupt("bands"));
        }
        let mut shape = UnitShape::unbanded(points, ring_ends, polygon_rings, band_count);
        shape.band_starts = band_starts;
        shape.band_edges = band_edges;
        Ok(shape)
    }

    /// Bounding box and band geometry; the band lists come after.
    fn unbanded(
        points: Vec<[f64; 2]>,
        ring_ends: Vec<u32>,
        polygon_rings: Vec<u32>,
        band_count: usize,
    ) -> Self {
        let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
        for p in &points {
            bbox[0] = bbox[0].min(p[0]);
            bbox[1] = bbox[1].min(p[1]);
            bbox[2] = bbox[2].max(p[0]);
            bbox[3] = bbox[3].max(p[1]);
        }
        let height = (bbox[3] - bbox[1]).max(1e-9);
        UnitShape {
            points,
            ring_ends,
            polygon_rings,
            band_starts: Vec::new(),
            band_edges: Vec::new(),
            bbox,
            bands_per_degree: band_count as f64 / height,
            band_count,
        }
    }

    /// The parts the cache stores.
    pub fn polygon_rings(&self) -> &[u32] {
        &self.polygon_rings
    }

    pub fn ring_ends(&self) -> &[u32] {
        &self.ring_ends
    }

    pub fn band_starts(&self) -> &[u32] {
        &self.band_starts
    }

    pub fn band_edges(&self) -> &[u32] {
        &self.band_edges
    }

    /// Positions back in 10⁻⁷ degree: exact, since every point was made by
    /// dividing such an integer by 10⁷.
    pub fn points_e7(&self) -> impl Iterator<Item = PositionE7> + '_ {
        self.points
            .iter()
            .map(|p| [(p[0] * E7).round() as i32, (p[1] * E7).round() as i32])
    }

    /// The outline's polygons as they were imported.
    pub fn polygons(&self) -> Vec<Polygon> {
        let mut points = self.points_e7();
        let mut ring_ends = self.ring_ends.iter();
        let mut start = 0u32;
        self.polygon_rings
            .iter()
            .map(|&rings| {
                (0..rings)
                    .map(|_| {
                        // from_parts checked one end per ring, each after the last.
                        let end = ring_ends.next().copied().unwrap_or(start);
                        let ring = points
                            .by_ref()
                            .take(end.saturating_sub(start) as usize)
                            .collect();
                        start = end;
                        ring
                    })
                    .collect()
            })
            .collect()
    }

    fn band_of(&self, lat: f64) -> usize {
        // `as usize` truncates, saturates below 0 and maps NaN to 0: the same
        // as floor-then-clamp here, without a libm `floor` call per edge.
        (((lat - self.bbox[1]) * self.bands_per_degree) as usize).min(self.band_count - 1)
    }

    fn edge_bands(&self, e: u32) -> (usize, usize) {
        let a = self.points[e as usize][1];
        let b = self.points[e as usize + 1][1];
        (self.band_of(a.min(b)), self.band_of(a.max(b)))
    }

    fn band(&self, b: usize) -> &[u32] {
        &self.band_edges[self.band_starts[b] as usize..self.band_starts[b + 1] as usize]
    }

    pub fn bbox_contains(&self, lon: f64, lat: f64) -> bool {
        lon >= self.bbox[0] && lon <= self.bbox[2] && lat >= self.bbox[1] && lat <= self.bbox[3]
    }

    /// Exact even–odd test over the edges that span `lat` (all rings of all
    /// parts together, so holes and multi-part units come out right).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if !self.bbox_contains(lon, lat) {
            return false;
        }
        let mut inside = false;
        for &e in self.band(self.band_of(lat)) {
            let [x1, y1] = self.points[e as usize];
            let [x2, y2] = self.points[e as usize + 1];
            if (y1 > lat) != (y2 > lat) && lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1 {
                inside = !inside;
            }
        }
        inside
    }

    /// Distance in metres from the point to the nearest boundary edge, if one
    /// lies within `radius_m`.
    pub fn boundary_distance_within(
        &self,
        lon: f64,
        lat: f64,
        radius_m: f64,
        scale: MetresPerDegree,
    ) -> Option<f64> {
        let reach_lat = radius_m / scale.lat;
        let reach_lon = radius_m / scale.lon;
        if lon < self.bbox[0] - reach_lon
            || lon > self.bbox[2] + reach_lon
            || lat < self.bbox[1] - reach_lat
            || lat > self.bbox[3] + reach_lat
        {
            return None;
        }
        let origin = Coord { x: 0.0, y: 0.0 };
        let mut best = f64::INFINITY;
        let (lo, hi) = (self.band_of(lat - reach_lat), self.band_of(lat + reach_lat));
        for b in lo..=hi {
            for &e in self.band(b) {
                let [x1, y1] = self.points[e as usize];
                let [x2, y2] = self.points[e as usize + 1];
                if x1.min(x2) > lon + reach_lon
                    || x1.max(x2) < lon - reach_lon
                    || y1.min(y2) > lat + reach_lat
                    || y1.max(y2) < lat - reach_lat
                {
                    continue;
                }
                // Into metres around the point: a local plane is exact to
                // millimetres over an accuracy circle.
                let segment = Line::new(
                    Coord {
                        x: (x1 - lon) * scale.lon,
                        y: (y1 - lat) * scale.lat,
                    },
                    Coord {
                        x: (x2 - lon) * scale.lon,
                        y: (y2 - lat) * scale.lat,
                    },
                );
                best = best.min(Euclidean.distance(origin, &segment));
            }
        }
        (best <= radius_m).then_some(best)
    }

    /// Heap bytes held (for the benchmark's memory figure).
    pub fn heap_bytes(&self) -> usize {
        self.points.capacity() * std::mem::size_of::<[f64; 2]>()
            + (self.band_starts.capacity()
                + self.band_edges.capacity()
                + self.ring_ends.capacity()
                + self.polygon_rings.capacity())
                * 4
    }
}
