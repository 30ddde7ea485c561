//! Ward routing benchmark, beside a naive scan in the same run:
//! cold start from the SQLite cache to the first answer, median and p99 lookup
//! over 100 000 random points in Hanoi's bounding box, the 30 m ambiguity
//! check, and the index's memory.
//!
//! `cargo bench -p ihanoi-core --bench areas` (or `tests/bench.sh areas`).
//! Targets: cold start ≤ 15 ms, median lookup ≤ 0.5 µs and ≥ 100× the naive
//! scan, ambiguity check ≤ 20 µs, index memory ≤ 8 MB.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use geo::{BoundingRect, Contains, Intersects, MultiPolygon, Point};
use ihanoi_core::areas::AreaIndex;

/// Counts live heap bytes, for the index's real memory use.
struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}
#[global_allocator]
static ALLOCATOR: Counting = Counting;

const POINTS: usize = 100_000;
const NAIVE_POINTS: usize = 5_000;
const COLD_STARTS: usize = 15;
const BBOX: [f64; 4] = [105.285352, 20.564283, 106.020128, 21.385421];

use ihanoi_test_kit::shared_dir as shared;

use ihanoi_test_kit::open_core as open;

fn random_points(n: usize, seed: u64) -> Vec<(f64, f64)> {
    let mut state = seed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n)
        .map(|_| {
            (
                BBOX[1] + next() * (BBOX[3] - BBOX[1]),
                BBOX[0] + next() * (BBOX[2] - BBOX[0]),
            )
        })
        .collect()
}

/// Per-call times with the clock's own cost taken out.
fn per_call(points: &[(f64, f64)], mut f: impl FnMut(f64, f64)) -> Vec<Duration> {
    let overhead = {
        let mut t: Vec<Duration> = (0..10_000)
            .map(|_| {
                let s = Instant::now();
                s.elapsed()
            })
            .collect();
        t.sort();
        t[t.len() / 2]
    };
    let mut times: Vec<Duration> = points
        .iter()
        .map(|&(lat, lon)| {
            let s = Instant::now();
            f(lat, lon);
            s.elapsed().saturating_sub(overhead)
        })
        .collect();
    times.sort();
    times
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn us(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn main() {
    let geojson_path = shared().join("geo/hanoi_wards_2025.geojson");
    let text = std::fs::read_to_string(&geojson_path).expect("shared geo data");

    // Import once: parse + full validation + index (the path a new set takes).
    let start = Instant::now();
    let index = AreaIndex::from_geojson(&text).unwrap();
    let import_time = start.elapsed();

    // The cache, as a phone has it after one import.
    let dir = tempfile::tempdir().unwrap();
    open(dir.path())
        .import_areas_geojson(&text, "2025-07-01")
        .unwrap();
    let mut cold = Vec::new();
    let mut open_times = Vec::new();
    for _ in 0..COLD_STARTS {
        let start = Instant::now();
        let core = open(dir.path());
        open_times.push(start.elapsed());
        let start = Instant::now();
        let area = core.locate_area(21.0288, 105.8525).unwrap();
        cold.push(start.elapsed());
        assert_eq!(area.unwrap().code, "00070");
    }
    cold.sort();
    open_times.sort();

    // Where a cold start goes: the SQLite read, then decode + index build.
    let bytes = index.to_cache_bytes();
    let mut decode_build = Vec::new();
    for _ in 0..COLD_STARTS {
        let start = Instant::now();
        std::hint::black_box(AreaIndex::from_cache_bytes(&bytes).unwrap());
        decode_build.push(start.elapsed());
    }
    decode_build.sort();

    // A fresh install: no cache, the set the core ships (decode + band sort).
    let mut built_in = Vec::new();
    for _ in 0..COLD_STARTS {
        let dir = tempfile::tempdir().unwrap();
        let core = open(dir.path());
        let start = Instant::now();
        let area = core.locate_area(21.0288, 105.8525).unwrap();
        built_in.push(start.elapsed());
        assert_eq!(area.unwrap().code, "00070");
    }
    built_in.sort();
    // Of which inflating the outlines the library carries deflated.
    let mut inflate = Vec::new();
    for _ in 0..COLD_STARTS {
        let start = Instant::now();
        std::hint::black_box(ihanoi_core::areas::snapshot::outlines().unwrap());
        inflate.push(start.elapsed());
    }
    inflate.sort();
    let inflated_len = ihanoi_core::areas::snapshot::outlines().unwrap().len();

    // Memory: live heap held by an index built from the cache bytes.
    let before = LIVE.load(Ordering::Relaxed);
    let from_cache = AreaIndex::from_cache_bytes(&bytes).unwrap();
    let index_bytes = LIVE.load(Ordering::Relaxed) - before;

    let points = random_points(POINTS, 0x2025_0701);
    let mut found = 0usize;
    let lookups = per_call(&points, |lat, lon| {
        found += usize::from(std::hint::black_box(from_cache.locate(lat, lon)).is_some());
    });
    let inside: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|&(lat, lon)| from_cache.locate(lat, lon).is_some())
        .collect();
    let ambiguity_all = per_call(&points, |lat, lon| {
        std::hint::black_box(from_cache.lookup(lat, lon, 30.0).unwrap());
    });
    let ambiguity_inside = per_call(&inside, |lat, lon| {
        std::hint::black_box(from_cache.lookup(lat, lon, 30.0).unwrap());
    });
    let ambiguous = inside
        .iter()
        .filter(|&&(lat, lon)| from_cache.lookup(lat, lon, 30.0).unwrap().ambiguous)
        .count();

    // The naive scan: every unit's polygon with geo's Contains, in order.
    let polygons: Vec<(String, MultiPolygon)> = index
        .outlines()
        .iter()
        .map(|o| (o.area.code.clone(), o.to_geo()))
        .collect();
    let naive = per_call(&points[..NAIVE_POINTS], |lat, lon| {
        let p = Point::new(lon, lat);
        std::hint::black_box(polygons.iter().find(|(_, mp)| mp.contains(&p)));
    });
    // The straightforward version: envelopes first, then geo's Contains.
    let with_rects: Vec<(geo::Rect, &MultiPolygon)> = polygons
        .iter()
        .map(|(_, mp)| (mp.bounding_rect().unwrap(), mp))
        .collect();
    let straightforward = per_call(&points, |lat, lon| {
        let p = Point::new(lon, lat);
        std::hint::black_box(
            with_rects
                .iter()
                .find(|(r, mp)| r.intersects(&p) && mp.contains(&p)),
        );
    });
    // Agreement between the naive scan and the index on the naive points.
    let disagree = points[..NAIVE_POINTS]
        .iter()
        .filter(|&&(lat, lon)| {
            let p = Point::new(lon, lat);
            let naive = polygons
                .iter()
                .find(|(_, mp)| mp.contains(&p))
                .map(|(c, _)| c.as_str());
            naive != from_cache.locate(lat, lon).map(|a| a.code.as_str())
        })
        .count();

    let median = pct(&lookups, 0.5);
    let speedup = us(pct(&naive, 0.5)) / us(median).max(1e-9);
    let mean = |v: &[Duration]| us(v.iter().sum::<Duration>()) / v.len() as f64;
    println!(
        "Ward routing — {} units, {POINTS} random points in Hanoi's bounding box ({} inside Hanoi)",
        index.len(),
        inside.len()
    );
    println!();
    println!("| measure | value | target |");
    println!("|---|---|---|");
    println!(
        "| cold start: cache → decoded + indexed → first answer (median of {COLD_STARTS}) | {:.2} ms (max {:.2} ms) | ≤ 15 ms |",
        us(pct(&cold, 0.5)) / 1e3,
        us(*cold.last().unwrap()) / 1e3
    );
    println!(
        "| of which decode + index build from the blob (median) | {:.2} ms | — |",
        us(pct(&decode_build, 0.5)) / 1e3
    );
    println!(
        "| fresh install: built-in set ({inflated_len} bytes) → decoded + indexed → first answer (median of {COLD_STARTS}) | {:.2} ms | ≤ 15 ms |",
        us(pct(&built_in, 0.5)) / 1e3
    );
    println!(
        "| of which inflating it (stored deflated: {} bytes; median) | {:.2} ms | — |",
        ihanoi_core::areas::snapshot::OUTLINES_DEFLATED.len(),
        us(pct(&inflate, 0.5)) / 1e3
    );
    println!(
        "| (store open before it, for reference) | {:.2} ms | — |",
        us(pct(&open_times, 0.5)) / 1e3
    );
    println!("| lookup, median | {:.3} µs | ≤ 0.5 µs |", us(median));
    println!("| lookup, p99 | {:.3} µs | — |", us(pct(&lookups, 0.99)));
    println!("| lookup, mean | {:.3} µs | — |", mean(&lookups));
    println!(
        "| naive scan (geo Contains over all units), median ({NAIVE_POINTS} points) | {:.2} µs | — |",
        us(pct(&naive, 0.5))
    );
    println!("| naive scan, p99 | {:.2} µs | — |", us(pct(&naive, 0.99)));
    println!("| speed-up over the naive scan (medians) | {speedup:.0}× | ≥ 100× |");
    println!(
        "| envelopes + geo Contains (straightforward), median / p99 | {:.3} / {:.2} µs | — |",
        us(pct(&straightforward, 0.5)),
        us(pct(&straightforward, 0.99))
    );
    println!(
        "| ambiguity check 30 m, all points: median / p99 | {:.2} / {:.2} µs | ≤ 20 µs |",
        us(pct(&ambiguity_all, 0.5)),
        us(pct(&ambiguity_all, 0.99))
    );
    println!(
        "| ambiguity check 30 m, points in Hanoi: median / p99 | {:.2} / {:.2} µs | ≤ 20 µs |",
        us(pct(&ambiguity_inside, 0.5)),
        us(pct(&ambiguity_inside, 0.99))
    );
    println!(
        "| index memory (live heap after decode + build) | {:.2} MB | ≤ 8 MB |",
        index_bytes as f64 / 1e6
    );
    println!(
        "| import: GeoJSON parse + full validation + index | {:.1} ms | — |",
        us(import_time) / 1e3
    );
    println!("| cache blob | {:.2} MB | — |", bytes.len() as f64 / 1e6);
    println!();
    println!(
        "points in Hanoi whose 30 m circle reaches another unit: {:.1} %; naive scan vs index disagreements: {disagree} of {NAIVE_POINTS}; located: {found}",
        100.0 * ambiguous as f64 / inside.len() as f64
    );
}
