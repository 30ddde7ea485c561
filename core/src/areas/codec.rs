//! The compact form kept in the SQLite cache: the units' attributes and their
//! rings as little-endian 10⁻⁷-degree integers. Decoding is a bounds-checked
//! copy (about 1 MB for Hanoi), so a cold start spends no time parsing text.
//!
//! ```text
//! "IHA1"  u32 unit count
//! per unit: str code, str name, str short name, str English name ("" = none),
//!           u8 kind, u32 polygon count
//!   per polygon: u32 ring count
//!     per ring: u32 position count, then count × (i32 lon, i32 lat)
//! str: u32 byte length, UTF-8 bytes
//! ```

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::geometry::{Polygon, Ring, UnitOutline};
use crate::areas::model::{Area, AreaKind};

const MAGIC: &[u8; 4] = b"IHA1";

pub fn encode(units: &[UnitOutline]) -> Vec<u8> {
    let positions: usize = units
        .iter()
        .flat_map(|u| u.polygons.iter().flatten())
        .map(Vec::len)
        .sum();
    let mut out = Vec::with_capacity(positions * 8 + units.len() * 128 + 8);
    out.extend_from_slice(MAGIC);
    put_u32(&mut out, units.len());
    for unit in units {
        let a = &unit.area;
        put_str(&mut out, &a.code);
        put_str(&mut out, &a.name);
        put_str(&mut out, &a.short_name);
        put_str(&mut out, a.name_en.as_deref().unwrap_or(""));
        out.push(a.kind.as_byte());
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

fn put_u32(out: &mut Vec<u8>, n: usize) {
    // Counts come from in-memory vectors of a city's units: far below 2³².
    out.extend_from_slice(&(n as u32).to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len());
    out.extend_from_slice(s.as_bytes());
}

pub fn decode(bytes: &[u8]) -> AreasResult<Vec<UnitOutline>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(corrupt("unknown format"));
    }
    let count = r.count(1)?;
    let mut units = Vec::with_capacity(count);
    for _ in 0..count {
        let code = r.string()?;
        let name = r.string()?;
        let short_name = r.string()?;
        let name_en = Some(r.string()?).filter(|s| !s.is_empty());
        let kind = AreaKind::from_byte(r.take(1)?[0]).ok_or_else(|| corrupt("unit kind"))?;
        let polygon_count = r.count(4)?;
        let mut polygons: Vec<Polygon> = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let ring_count = r.count(4)?;
            let mut polygon = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let n = r.count(8)?;
                let raw = r.take(n * 8)?;
                let ring: Ring = raw
                    .chunks_exact(8)
                    .map(|c| {
                        [
                            i32::from_le_bytes([c[0], c[1], c[2], c[3]]),
                            i32::from_le_bytes([c[4], c[5], c[6], c[7]]),
                        ]
                    })
                    .collect();
                polygon.push(ring);
            }
            polygons.push(polygon);
        }
        units.push(UnitOutline {
            area: Area {
                code,
                name,
                short_name,
                name_en,
                kind,
            },
            polygons,
        });
    }
    if r.at != bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
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

    fn string(&mut self) -> AreasResult<String> {
        let n = self.count(1)?;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| corrupt("text"))
    }
}
