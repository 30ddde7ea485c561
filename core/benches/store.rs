//! Store benchmark: a store of 10 000 reports; prints p50/p99 of one
//! autosaved field change, the first page of drafts, and a cold open.
//!
//! `cargo bench -p ihanoi-core --bench store` (or `tests/bench.sh store`, which also
//! prints the size of the release FFI library).
//! Targets on a 2-core x86_64 machine: change p50 ≤ 1 ms, first page ≤ 5 ms, cold open ≤ 30 ms.

use std::time::{Duration, Instant};

use ihanoi_core::reports::{DraftField, Report, ReportFilter, ReportState, Urgency, db};
use ihanoi_core::store::{DATABASE_FILE_NAME, Store};

const REPORTS: usize = 10_000;

use ihanoi_test_kit::open_core as open;

fn seed(dir: &std::path::Path) -> Vec<String> {
    let store = Store::open(&dir.join(DATABASE_FILE_NAME)).unwrap();
    let states = [
        ReportState::Draft,
        ReportState::Submitted,
        ReportState::Queued,
    ];
    store
        .write(|tx| {
            let mut ids = Vec::with_capacity(REPORTS);
            for i in 0..REPORTS {
                let id = uuid::Uuid::now_v7().to_string();
                db::insert(
                    tx,
                    &Report {
                        id: id.clone(),
                        state: states[i % states.len()],
                        category_code: Some("ve_sinh_moi_truong".into()),
                        description: format!("Rác thải tồn đọng ở đầu ngõ số {i}, bốc mùi"),
                        address: Some("ngõ 622 Minh Khai".into()),
                        urgency: Urgency::Normal,
                        created_at_ms: 1_764_000_000_000 + i as i64 * 60_000,
                        updated_at_ms: 1_764_000_000_000 + i as i64 * 60_000,
                        send_started: false,
                    },
                )?;
                if i % states.len() == 0 {
                    ids.push(id);
                }
            }
            Ok(ids)
        })
        .unwrap()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    samples[((samples.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` would pass nothing: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let drafts = seed(dir.path());

    let mut cold = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let core = open(dir.path());
        core.list_reports(ReportFilter::Drafts, None, 20).unwrap();
        cold.push(started.elapsed());
    }
    let mut fresh = Vec::new();
    for _ in 0..20 {
        let empty = tempfile::tempdir().unwrap();
        let started = Instant::now();
        let core = open(empty.path());
        fresh.push(started.elapsed());
        drop(core); // closing checkpoints the log: not part of opening
    }

    let core = open(dir.path());
    let mut change = Vec::new();
    for i in 0..2_000 {
        let id = &drafts[(i * 7919) % drafts.len()];
        let started = Instant::now();
        core.update_draft(
            id,
            DraftField::Description {
                text: format!("Nước ngập sâu, lần sửa {i}"),
            },
        )
        .unwrap();
        change.push(started.elapsed());
    }
    let mut first_page = Vec::new();
    for _ in 0..500 {
        let started = Instant::now();
        let page = core.list_reports(ReportFilter::Drafts, None, 20).unwrap();
        first_page.push(started.elapsed());
        assert_eq!(page.reports.len(), 20);
    }
    let mut deep_page = Vec::new();
    let mut cursor = None;
    for _ in 0..100 {
        let started = Instant::now();
        let page = core
            .list_reports(ReportFilter::All, cursor.as_deref(), 20)
            .unwrap();
        deep_page.push(started.elapsed());
        cursor = page.next_cursor;
    }

    println!("store benchmark: {REPORTS} reports, WAL, synchronous=NORMAL (autosave)");
    println!("| measure | p50 | p99 | target |");
    println!("|---|---|---|---|");
    let row = |name: &str, samples: &mut Vec<Duration>, target: &str| {
        let p50 = percentile(samples, 0.5);
        let p99 = percentile(samples, 0.99);
        println!("| {name} | {} | {} | {target} |", ms(p50), ms(p99));
    };
    row("persist one field change", &mut change, "p50 ≤ 1 ms");
    row("first page of drafts (20)", &mut first_page, "≤ 5 ms");
    row("pages 1–100 of all reports (20 each)", &mut deep_page, "—");
    row(
        "cold open of the 10 000-report store + first page",
        &mut cold,
        "≤ 30 ms",
    );
    row(
        "cold open of a new store (all migrations)",
        &mut fresh,
        "≤ 30 ms",
    );
}
