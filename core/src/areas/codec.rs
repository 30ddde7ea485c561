//! The compact form kept in the SQLite cache: the units' attributes, their
//! rings as little-endian 10⁻⁷-degree integers, and since format 2 the
//! latitude bands each unit's edges were sorted into ([`UnitShape`]). A cold
//! start is then a bounds-checked copy (about 2 MB for Hanoi): no text to
//! parse and no sorting.
//!
//! Format 2 (current, [`crate::areas::cache::CODEC_FORMAT`]):
//!
//! ```text
//! "IHA2"  u32 unit count
//! per unit: str code, str name, str short name, str English name ("" = none),
//!           u8 kind,
//!           u32 polygon count, then per polygon: u32 ring count
//!           u32 ring count, then per ring: u32 end (exclusive) in the positions
//!           u32 position count, then count × (i32 lon, i32 lat)
//!           u32 band start count (bands + 1), then the u32 starts
//!           u32 edge count, then per banded edge: u32 index of its first position
//! str: u32 byte length, UTF-8 bytes
//! ```
//!
//! Format 1 (outlines only, no bands) is still read, so a cache written by an
//! older build is rebuilt and rewritten instead of misread or thrown away:
//!
//! ```text
//! "IHA1"  u32 unit count
//! per unit: the same five attributes, u32 polygon count
//!   per polygon: u32 ring count
//!     per ring: u32 position count, then count × (i32 lon, i32 lat)
//! ```

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::geometry::{E7, Polygon, PositionE7, Ring, UnitOutline};
use crate::areas::model::{Area, AreaKind};
use crate::areas::shape::{ShapeParts, UnitShape};

const MAGIC_1: &[u8; 4] = b"IHA1";
const MAGIC_2: &[u8; 4] = b"IHA2";

pub(crate) fn encode(areas: &[Area], shapes: &[UnitShape]) -> Vec<u8> {
    let words: usize = shapes
        .iter()
        .map(|s| s.ring_ends().len() * 3 + s.band_starts().len() + s.band_edges().len())
        .sum::<usize>()
        * 4;
    let mut out = Vec::with_capacity(words + areas.len() * 160 + 8);
    out.extend_from_slice(MAGIC_2);
    put_u32(&mut out, areas.len());
    for (a, shape) in areas.iter().zip(shapes) {
        put_str(&mut out, &a.code);
        put_str(&mut out, &a.name);
        put_str(&mut out, &a.short_name);
        put_str(&mut out, a.name_en.as_deref().unwrap_or(""));
        out.push(a.kind.as_byte());
        put_u32s(&mut out, shape.polygon_rings());
        put_u32s(&mut out, shape.ring_ends());
        let positions = shape.ring_ends().last().copied().unwrap_or(0);
        put_u32(&mut out, positions as usize);
        for [lon, lat] in shape.points_e7() {
            out.extend_from_slice(&lon.to_le_bytes());
            out.extend_from_slice(&lat.to_le_bytes());
        }
        put_u32s(&mut out, shape.band_starts());
        put_u32s(&mut out, shape.band_edges());
    }
    out
}

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Counts come from in-memory vectors of a city's units: far below 2³².
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn put_u32s(out: &mut Vec<u8>, values: &[u32]) {
    put_u32(out, values.len());
    for v in values {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

/// A format-2 blob: every unit with its banded shape.
pub(crate) fn decode(bytes: &[u8]) -> AreasResult<Vec<(Area, UnitShape)>> {
    let (mut r, count) = Reader::start(bytes, MAGIC_2)?;
    let mut units = Vec::with_capacity(count);
    for _ in 0..count {
        let area = r.area()?;
        let polygon_rings = r.u32s()?;
        let ring_ends = r.u32s()?;
        let points = r
            .positions()?
            .map(|[lon, lat]| {
                // The same division as geometry::degrees: bit-identical to an
                // import's shape.
                [f64::from(lon) / E7, f64::from(lat) / E7]
            })
            .collect();
        let band_starts = r.u32s()?;
        let band_edges = r.u32s()?;
        let shape = UnitShape::from_parts(ShapeParts {
            polygon_rings,
            ring_ends,
            points,
            band_starts,
            band_edges,
        })?;
        units.push((area, shape));
    }
    r.finish()?;
    Ok(units)
}

/// A format-1 blob (outlines only), as older builds cached it.
pub(crate) fn decode_format_1(bytes: &[u8]) -> AreasResult<Vec<UnitOutline>> {
    let (mut r, count) = Reader::start(bytes, MAGIC_1)?;
    let mut units = Vec::with_capacity(count);
    for _ in 0..count {
        let area = r.area()?;
        let polygon_count = r.count(4)?;
        let mut polygons: Vec<Polygon> = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let ring_count = r.count(4)?;
            let mut polygon = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let ring: Ring = r.positions()?.collect();
                polygon.push(ring);
            }
            polygons.push(polygon);
        }
        units.push(UnitOutline { area, polygons });
    }
    r.finish()?;
    Ok(units)
}

fn corrupt(reason: &str) -> AreasError {
    AreasError::CorruptCache {
        reason: reason.to_owned(),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// Check the magic of the expected format; then the unit count.
    fn start(bytes: &'a [u8], magic: &[u8; 4]) -> AreasResult<(Self, usize)> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(4)? != magic {
            return Err(corrupt("unknown format"));
        }
        let count = r.count(1)?;
        Ok((r, count))
    }

    fn take(&mut self, n: usize) -> AreasResult<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or_else(|| corrupt("length"))?;
        let slice = self
            .bytes
            .get(self.at..end)
            .ok_or_else(|| corrupt("truncated"))?;
        self.at = end;
        Ok(slice)
    }

    /// A count of items at least `min_item_bytes` each: refused when the rest
    /// of the buffer could not hold them (no huge allocation from a bad count).
    fn count(&mut self, min_item_bytes: usize) -> AreasResult<usize> {
        let b = self.take(4)?;
        let n = u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize;
        if n.saturating_mul(min_item_bytes) > self.bytes.len() - self.at {
            return Err(corrupt("count larger than the data"));
        }
        Ok(n)
    }

    /// A count, then that many (i32 lon, i32 lat) positions.
    fn positions(&mut self) -> AreasResult<impl Iterator<Item = PositionE7> + 'a> {
        let n = self.count(8)?;
        Ok(self.take(n * 8)?.chunks_exact(8).map(|c| {
            [
                i32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                i32::from_le_bytes([c[4], c[5], c[6], c[7]]),
            ]
        }))
    }

    fn u32s(&mut self) -> AreasResult<Vec<u32>> {
        let n = self.count(4)?;
        Ok(self
            .take(n * 4)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }

    fn string(&mut self) -> AreasResult<String> {
        let n = self.count(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| corrupt("text"))
    }

    fn area(&mut self) -> AreasResult<Area> {
        let code = self.string()?;
        let name = self.string()?;
        let short_name = self.string()?;
        let name_en = Some(self.string()?).filter(|s| !s.is_empty());
        let kind = AreaKind::from_byte(self.take(1)?[0]).ok_or_else(|| corrupt("unit kind"))?;
        Ok(Area {
            code,
            name,
            short_name,
            name_en,
            kind,
        })
    }

    fn finish(&self) -> AreasResult<()> {
        if self.at != self.bytes.len() {
            return Err(corrupt("trailing bytes"));
        }
        Ok(())
    }
}
