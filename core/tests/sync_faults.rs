//! Exactly once through a hostile network: 500 queued reports go to the
//! reference city server through the fault proxy (tests/fault-proxy), which
//! drops, resets and stalls connections, answers 500/502/503/429 itself,
//! truncates answers and loses answers after the server committed. The phone
//! syncs whenever the core says its next retry is due, until nothing waits.
//! Then the server must hold every report exactly once with byte-identical
//! photos, and the phone must know each one's server id.
//!
//! Also here: a server clock hours off the phone's (Retry-After as an HTTP date).

mod sync_support;

use std::sync::Arc;

use ihanoi_city_api::{Clock, ManualClock};
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_fault_proxy::{Fault, FaultPlan, FaultProxy, ProxyConfig};
use sync_support::{
    City, PhotoMaker, assert_each_report_exactly_once, knob, queue_report, quick_tuning, seed,
    signed_in_behind, sync_until_done,
};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_reports_through_every_fault_arrive_exactly_once() {
    let city = City::start().await;
    let seed = seed("IHANOI_FAULT_SEED");
    let proxy = FaultProxy::start(ProxyConfig {
        seed,
        plan: FaultPlan::every_fault(30),
        ..ProxyConfig::new(city.addr())
    })
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let phone = signed_in_behind(&dir.path().join("app"), &city, &proxy, quick_tuning()).await;

    let photos = PhotoMaker::new(&dir.path().join("camera"));
    phone
        .set_photo_input_dirs(&[dir.path().join("camera")])
        .unwrap();
    // 500 reports by default (enough for every fault to hit many of them);
    // `IHANOI_FAULT_REPORTS` sets another count.
    let count = knob("IHANOI_FAULT_REPORTS", 500) as usize;
    let ids: Vec<String> = (0..count)
        .map(|n| {
            let pictures = [photos.make(2 * n as u64), photos.make(2 * n as u64 + 1)];
            queue_report(&phone, n, &pictures, &CompressOptions::default())
        })
        .collect();

    let rounds = sync_until_done(&phone, 500).await;
    let counts = proxy.counts();
    eprintln!(
        "{count} reports: {} syncs, {} failed attempts, {} sent\n{counts}",
        rounds.syncs, rounds.failed_attempts, rounds.sent
    );
    assert_eq!(rounds.sent as usize, count);
    assert_each_report_exactly_once(&phone, &city, &ids);
    // Every kind of fault was really met (with 500 reports at 30 %, each
    // kind has about 15 draws; the odds of one never coming up are ~1e-6).
    for fault in Fault::ALL[1..].iter().filter(|_| count >= 500) {
        assert!(counts.of(*fault) > 0, "{} never happened", fault.name());
    }
    drop(proxy);
    city.server.shutdown().await;
}

/// The server's clock is nine hours ahead of or behind the phone's. Its
/// tokens, its `Date` header and a `Retry-After` given as an HTTP date all
/// follow its own clock: the phone signs in, waits what the server meant
/// (seconds, not hours or nothing), and the report arrives once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_clock_hours_off_the_phone_still_gets_each_report_once() {
    const SKEW_S: i64 = 9 * 3600;
    const RETRY_AFTER_S: u64 = 3;
    for skew in [SKEW_S, -SKEW_S] {
        let server_now = ihanoi_core::time::now_ms() + skew * 1000;
        let city = City::start_with_clock(Clock::Manual(ManualClock::new(server_now))).await;
        let proxy = FaultProxy::start(ProxyConfig {
            plan: FaultPlan::only(Fault::Unavailable, 100),
            retry_after_seconds: RETRY_AFTER_S,
            answer_clock_skew_seconds: Some(skew),
            ..ProxyConfig::new(city.addr())
        })
        .await
        .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let phone = signed_in_behind(&dir.path().join("app"), &city, &proxy, quick_tuning()).await;
        let camera = dir.path().join("camera");
        let photo = PhotoMaker::new(&camera).make(7);
        phone
            .set_photo_input_dirs(std::slice::from_ref(&camera))
            .unwrap();
        let id = queue_report(&phone, 0, &[photo], &CompressOptions::default());

        // 503 with `Date` on the server's clock and `Retry-After` = Date + 3 s.
        let before = ihanoi_core::time::now_ms();
        let summary = phone
            .sync(
                SyncOptions::default(),
                Arc::new(NoListener),
                CancelToken::new(),
            )
            .await
            .unwrap();
        let after = ihanoi_core::time::now_ms();
        assert_eq!((summary.sent, summary.failed), (0, 1), "skew {skew}");
        // The attempt happened between `before` and `after`; without the
        // server's Date as reference the wait would be 6 h (the cap) or nothing.
        let next = phone.sync_record(&id).unwrap().next_attempt_at_ms.unwrap();
        assert!(
            next - before >= RETRY_AFTER_S as i64 * 1000 && next - after < 60_000,
            "skew {skew}: next attempt {} ms after the sync started, for a Retry-After of {RETRY_AFTER_S} s",
            next - before
        );

        proxy.set_faults(false);
        let rounds = sync_until_done(&phone, 10).await;
        assert_eq!(rounds.sent, 1, "skew {skew}");
        assert_each_report_exactly_once(&phone, &city, &[id]);
        drop(proxy);
        city.server.shutdown().await;
    }
}
