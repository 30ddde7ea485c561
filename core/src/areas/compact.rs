//! The form the built-in area set ships in ([`crate::areas::snapshot`]): the
//! cache's outlines ([`crate::areas::codec`] format 1) with every position
//! written as the difference from the one before, in steps of the set's
//! precision, as a variable-length integer. Neighbouring vertices are a few
//! metres apart, so a position takes about 3 bytes instead of the cache's 8,
//! and Hanoi's 133 037 vertices fit in well under half a megabyte: the
//! library carries this, so its size counts (docs/areas.md). The bands are not
//! stored: they are sorted again when the set is first used.
//!
//! ```text
//! "IHS1"  varint unit count  varint step (in 10⁻⁷ degree; 10 for 6 decimals)
//! per unit: str code, str name, str short name, str English name ("" = none),
//!           u8 kind, varint polygon count
//!   per polygon: varint ring count
//!     per ring: varint position count, then per position
//!               zigzag varint Δlon, zigzag varint Δlat (in steps, from the
//!               previous position of the file; the first from 0, 0)
//! str: varint byte length, UTF-8 bytes
//! varint: unsigned LEB128 (7 bits a byte, low first)
//! ```

use crate::areas::error::{AreasError, AreasResult};
use crate::areas::geometry::{PositionE7, Ring, UnitOutline};
use crate::areas::model::{Area, AreaKind};

const MAGIC: &[u8; 4] = b"IHS1";

/// Encode outlines (already validated) in the compact form.
pub fn encode(units: &[UnitOutline]) -> Vec<u8> {
    let step = common_step(units);
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    put_varint(&mut out, units.len() as u64);
    put_varint(&mut out, u64::from(step));
    let mut previous = [0i64; 2];
    for unit in units {
        let a = &unit.area;
        put_str(&mut out, &a.code);
        put_str(&mut out, &a.name);
        put_str(&mut out, &a.short_name);
        put_str(&mut out, a.name_en.as_deref().unwrap_or(""));
        out.push(a.kind.as_byte());
        put_varint(&mut out, unit.polygons.len() as u64);
        for polygon in &unit.polygons {
            put_varint(&mut out, polygon.len() as u64);
            for ring in polygon {
                put_varint(&mut out, ring.len() as u64);
                for p in ring {
                    for axis in 0..2 {
                        let value = i64::from(p[axis]) / i64::from(step);
                        put_varint(&mut out, zigzag(value - previous[axis]));
                        previous[axis] = value;
                    }
                }
            }
        }
    }
    out
}

/// Decode the compact form back into the outlines it was made from.
pub fn decode(bytes: &[u8]) -> AreasResult<Vec<UnitOutline>> {
    let mut r = Reader { bytes, at: 0 };
    if r.take(4)? != MAGIC {
        return Err(corrupt("unknown format"));
    }
    let count = r.count()?;
    let step = i64::try_from(r.varint()?).map_err(|_| corrupt("step"))?;
    if !(1..=i64::from(i32::MAX)).contains(&step) {
        return Err(corrupt("step"));
    }
    let mut previous = [0i64; 2];
    let mut units = Vec::with_capacity(count);
    for _ in 0..count {
        let area = r.area()?;
        let polygon_count = r.count()?;
        let mut polygons = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let ring_count = r.count()?;
            let mut polygon = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let positions = r.count()?;
                let mut ring: Ring = Vec::with_capacity(positions);
                for _ in 0..positions {
                    let mut p: PositionE7 = [0; 2];
                    for axis in 0..2 {
                        let delta = unzigzag(r.varint()?);
                        previous[axis] = previous[axis]
                            .checked_add(delta)
                            .ok_or_else(|| corrupt("position"))?;
                        p[axis] = previous[axis]
                            .checked_mul(step)
                            .and_then(|v| i32::try_from(v).ok())
                            .ok_or_else(|| corrupt("position"))?;
                    }
                    ring.push(p);
                }
                polygon.push(ring);
            }
            polygons.push(polygon);
        }
        units.push(UnitOutline { area, polygons });
    }
    if r.at != bytes.len() {
        return Err(corrupt("trailing bytes"));
    }
    Ok(units)
}

/// The largest step every coordinate is a multiple of (10 for a set with 6
/// decimals), so the differences are written in the set's own precision.
fn common_step(units: &[UnitOutline]) -> u32 {
    let step = units
        .iter()
        .flat_map(|u| u.polygons.iter().flatten().flatten())
        .flat_map(|p| p.iter())
        .fold(0u32, |g, &v| gcd(g, v.unsigned_abs()));
    step.max(1)
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

pub(crate) fn corrupt(reason: &str) -> AreasError {
    AreasError::CorruptCache {
        reason: format!("built-in area set: {reason}"),
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

    fn varint(&mut self) -> AreasResult<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.take(1)?[0];
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(corrupt("varint too long"))
    }

    /// A count of items of at least one byte each: refused when the rest of
    /// the buffer could not hold them (no huge allocation from a bad count).
    fn count(&mut self) -> AreasResult<usize> {
        let n = usize::try_from(self.varint()?).map_err(|_| corrupt("count"))?;
        if n > self.bytes.len() - self.at {
            return Err(corrupt("count larger than the data"));
        }
        Ok(n)
    }

    fn string(&mut self) -> AreasResult<String> {
        let n = self.count()?;
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
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(code: &str, ring: Ring) -> UnitOutline {
        UnitOutline {
            area: Area {
                code: code.into(),
                name: format!("Phường {code}"),
                short_name: code.into(),
                name_en: (code == "00004").then(|| "Ba Dinh Ward".into()),
                kind: AreaKind::Ward,
            },
            polygons: vec![vec![ring]],
        }
    }

    fn square(lon: i32, lat: i32, side: i32) -> Ring {
        vec![
            [lon, lat],
            [lon + side, lat],
            [lon + side, lat + side],
            [lon, lat + side],
            [lon, lat],
        ]
    }

    fn two_units() -> Vec<UnitOutline> {
        vec![
            unit("00004", square(1_058_266_070, 210_372_840, 1_230)),
            unit("00008", square(-1_799_999_990, -899_999_990, 20)),
        ]
    }

    #[test]
    fn outlines_come_back_exactly() {
        let units = two_units();
        let bytes = encode(&units);
        assert_eq!(decode(&bytes).unwrap(), units);
        // 6-decimal coordinates are written in steps of 10.
        assert_eq!(common_step(&units), 10);
    }

    #[test]
    fn a_coordinate_with_seven_decimals_keeps_its_precision() {
        let units = vec![unit("00004", square(1_058_266_071, 210_372_840, 1))];
        assert_eq!(common_step(&units), 1);
        assert_eq!(decode(&encode(&units)).unwrap(), units);
    }

    #[test]
    fn extreme_values_round_trip() {
        for v in [0, 1, -1, i64::from(i32::MAX) * 2, -i64::from(i32::MAX) * 2] {
            assert_eq!(unzigzag(zigzag(v)), v);
            let mut out = Vec::new();
            put_varint(&mut out, zigzag(v));
            let mut r = Reader { bytes: &out, at: 0 };
            assert_eq!(unzigzag(r.varint().unwrap()), v);
        }
    }

    #[test]
    fn damaged_bytes_are_refused_not_misread() {
        let bytes = encode(&two_units());
        for cut in [0, 3, 5, bytes.len() / 2, bytes.len() - 1] {
            assert!(
                matches!(decode(&bytes[..cut]), Err(AreasError::CorruptCache { .. })),
                "cut at {cut}"
            );
        }
        let mut trailing = bytes.clone();
        trailing.push(0);
        assert!(decode(&trailing).is_err());
        let mut wrong_magic = bytes.clone();
        wrong_magic[3] = b'9';
        assert!(decode(&wrong_magic).is_err());
        // A huge count is refused before anything is allocated.
        let mut huge = MAGIC.to_vec();
        put_varint(&mut huge, u64::MAX >> 1);
        assert!(decode(&huge).is_err());
        // A step of zero would make every position 0.
        let mut zero_step = MAGIC.to_vec();
        put_varint(&mut zero_step, 0);
        put_varint(&mut zero_step, 0);
        assert!(decode(&zero_step).is_err());
    }
}
