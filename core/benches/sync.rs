//! Sync benchmark: 200 queued reports with two photos each, sent by
//! one sync through the fault proxy emulating a mobile link (50 ms round trip,
//! capped bandwidth, no faults), with the production timeouts and backoff.
//! Prints the total time and requests per report beside the lower bound
//! computed in the same run: one round trip per report (plus the connection's
//! handshake) and the photo bytes over the upload bandwidth.
//!
//! `tests/bench.sh sync`. Knobs: `IHANOI_BENCH_REPORTS` (200),
//! `IHANOI_BENCH_RTT_MS` (50), `IHANOI_BENCH_UP_KBIT` (8000),
//! `IHANOI_BENCH_DOWN_KBIT` (20000).

#[path = "../tests/sync_support/mod.rs"]
mod sync_support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ihanoi_core::net::SyncTuning;
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_fault_proxy::ProxyConfig;
use sync_support::{
    city_behind_proxy, knob, open_phone, queue_report, runtime, shared_dir, sign_in,
};

/// The two phone photos, compressed once by the core as a resident's would be
/// (default settings), then attached to every report from those JPEGs.
/// Returns the first report's id and the JPEGs.
fn camera_photos(
    dir: &std::path::Path,
    phone: &ihanoi_core::Core,
) -> (String, Vec<std::path::PathBuf>) {
    let originals = [
        "phone-12mp-rot6-hanoi.jpg",
        "phone-13mp-xiaomi-rot6-hanoi.jpg",
    ]
    .map(|name| shared_dir().join("photos").join(name));
    let first = queue_report(phone, 0, &originals, &CompressOptions::default());
    let copies = phone
        .photos(&first)
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, photo)| {
            let copy = dir.join(format!("photo-{i}.jpg"));
            std::fs::copy(&photo.path, &copy).unwrap();
            copy
        })
        .collect();
    (first, copies)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let reports = knob("IHANOI_BENCH_REPORTS", 200) as usize;
    let round_trip = Duration::from_millis(knob("IHANOI_BENCH_RTT_MS", 50));
    let up_bytes_per_s = knob("IHANOI_BENCH_UP_KBIT", 8000) * 1000 / 8;
    let down_bytes_per_s = knob("IHANOI_BENCH_DOWN_KBIT", 20000) * 1000 / 8;
    let runtime = runtime();
    let (city, proxy) = city_behind_proxy(&runtime, |relay| ProxyConfig {
        bandwidth_up: Some(up_bytes_per_s),
        bandwidth_down: Some(down_bytes_per_s),
        ..relay.with_round_trip(round_trip)
    });
    let dir = tempfile::tempdir().unwrap();
    let phone = open_phone(
        &dir.path().join("app"),
        Arc::new(InMemorySecretStore::new()),
        &proxy.url(),
        SyncTuning::default(),
    );
    let camera = dir.path().join("camera");
    std::fs::create_dir_all(&camera).unwrap();
    phone
        .set_photo_input_dirs(&[shared_dir().join("photos"), camera.clone()])
        .unwrap();
    runtime.block_on(sign_in(&phone, &city));
    let (first, photos) = camera_photos(&camera, &phone);
    let mut ids = vec![first];
    for n in 1..reports {
        ids.push(queue_report(
            &phone,
            n,
            &photos,
            &CompressOptions::default(),
        ));
    }
    let photo_bytes: u64 = ids
        .iter()
        .flat_map(|id| phone.photos(id).unwrap())
        .map(|p| p.bytes)
        .sum();

    let before = proxy.counts();
    let started = Instant::now();
    let summary = runtime
        .block_on(phone.sync(
            SyncOptions::default(),
            Arc::new(NoListener),
            CancelToken::new(),
        ))
        .unwrap();
    let elapsed = started.elapsed();
    let seen = proxy.counts().since(&before);
    assert_eq!(summary.sent as usize, reports, "{summary:?}");

    let seconds = |bytes: u64, rate: u64| bytes as f64 / rate as f64;
    let rtt = round_trip.as_secs_f64();
    // One round trip per report (request out, answer back), one for a
    // connection's handshake if the sync had to open one (the sign-in's may
    // still be open), the photos over the upload, the answers down.
    let bound = (reports as f64 + seen.connections.min(1) as f64) * rtt
        + seconds(photo_bytes, up_bytes_per_s)
        + seconds(seen.bytes_down, down_bytes_per_s);
    let total = elapsed.as_secs_f64();
    let requests_per_report = seen.requests as f64 / reports as f64;
    let overhead = seen.bytes_up as f64 / photo_bytes as f64 - 1.0;

    println!(
        "\nsync: {reports} reports × 2 photos, {} ms round trip, {} kbit/s up, {} kbit/s down",
        round_trip.as_millis(),
        up_bytes_per_s * 8 / 1000,
        down_bytes_per_s * 8 / 1000
    );
    println!(
        "photos {:.2} MB; on the wire up {:.2} MB (+{:.2} % fields, multipart, headers), down {:.2} MB; {} connection(s)\n",
        photo_bytes as f64 / 1e6,
        seen.bytes_up as f64 / 1e6,
        overhead * 100.0,
        seen.bytes_down as f64 / 1e6,
        seen.connections
    );
    println!(
        "| {:<22} | {:>10} | {:>11} | {:>6} |",
        "measure", "measured", "lower bound", "ratio"
    );
    println!("|{:-<24}|{:->12}|{:->13}|{:->8}|", "", "", "", "");
    println!(
        "| {:<22} | {:>9.2}s | {:>10.2}s | {:>5.2}× |",
        "total time",
        total,
        bound,
        total / bound
    );
    println!(
        "| {:<22} | {:>8.1}ms | {:>9.1}ms | {:>5.2}× |",
        "per report",
        total * 1000.0 / reports as f64,
        bound * 1000.0 / reports as f64,
        total / bound
    );
    println!(
        "| {:<22} | {:>10.2} | {:>11.2} | {:>5.2}× |",
        "requests per report", requests_per_report, 1.0, requests_per_report
    );
    println!("\ntarget: ≤ 1.20× the bound, 1 request per report");
    drop(proxy);
    runtime.block_on(city.server.shutdown());
}
