//! Exactly once through a hostile network: queued reports go to the
//! reference city server through the fault proxy (tests/fault-proxy), which
//! drops, resets and stalls connections, answers 500/502/503/429 itself,
//! truncates answers and loses answers after the server committed. The phone
//! syncs whenever the core says its next retry is due, until nothing waits.
//! Then the server must hold every report exactly once with byte-identical
//! photos, and the phone must know each one's server id.
//!
//! The full run (500 reports) is made against the full API, where
//! `client_request_id` makes a resend harmless, and against a server without
//! idempotency, where the phone looks an earlier attempt up before it posts
//! again (docs/sync.md § Exactly once). The other server profiles get 50
//! reports each: their sending differs in shape (personal fields, numeric
//! ids, the `media` part, error objects, no photos), not in how faults are
//! met, and 50 reports keep CI within its time. A server whose list cannot
//! be searched gets the same run with the outcome it allows: whatever arrives
//! twice is marked "may have been sent twice" to the resident.
//!
//! Also here: a server clock hours off the phone's (Retry-After as an HTTP date).

mod sync_support;

use std::sync::Arc;

use ihanoi_city_api::{Clock, ManualClock};
use ihanoi_core::Core;
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::reports::WarningCode;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use ihanoi_fault_proxy::{Fault, FaultPlan, FaultProxy, ProxyConfig};
use sync_support::{
    City, PhotoMaker, SyncRounds, assert_each_report_exactly_once, city_with_profile, holdings,
    knob, phone_behind, queue_report, quick_tuning, seed, signed_in_behind, sync_until_done, twins,
};

/// A phone that queued `count` reports with `photos_each` photos, syncing
/// through every fault against the reference server under `profile`.
struct FaultRun {
    city: City,
    proxy: FaultProxy,
    phone: Core,
    ids: Vec<String>,
    rounds: SyncRounds,
    _dir: tempfile::TempDir,
}

async fn fault_run(profile: &str, count: usize, photos_each: u64) -> FaultRun {
    let city = city_with_profile(profile).await;
    let seed = seed("IHANOI_FAULT_SEED");
    let proxy = FaultProxy::start(ProxyConfig {
        seed,
        plan: FaultPlan::every_fault(30),
        ..ProxyConfig::new(city.addr())
    })
    .await
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let phone = phone_behind(
        &dir.path().join("app"),
        &city,
        profile,
        &proxy,
        quick_tuning(),
    )
    .await;
    if photos_each == 0 {
        // Reports without photos are ready only once the phone knows this
        // server takes none (the resident is told so before queueing).
        proxy.set_faults(false);
        phone.refresh_server_profile().await.unwrap();
        proxy.set_faults(true);
    }
    let photos = PhotoMaker::new(&dir.path().join("camera"));
    phone
        .set_photo_input_dirs(&[dir.path().join("camera")])
        .unwrap();
    let ids: Vec<String> = (0..count)
        .map(|n| {
            let pictures: Vec<_> = (0..photos_each)
                .map(|k| photos.make(photos_each * n as u64 + k))
                .collect();
            queue_report(&phone, n, &pictures, &CompressOptions::default())
        })
        .collect();

    let rounds = sync_until_done(&phone, 500).await;
    eprintln!(
        "{profile}: {count} reports: {} syncs, {} failed attempts, {} sent\n{}",
        rounds.syncs,
        rounds.failed_attempts,
        rounds.sent,
        proxy.counts()
    );
    FaultRun {
        city,
        proxy,
        phone,
        ids,
        rounds,
        _dir: dir,
    }
}

impl FaultRun {
    fn assert_exactly_once(&self) {
        assert_eq!(self.rounds.sent as usize, self.ids.len());
        assert_each_report_exactly_once(&self.phone, &self.city, &self.ids);
    }

    /// Every kind of fault was really met (with 500 reports at 30 %, each
    /// kind has about 15 draws; the odds of one never coming up are ~1e-6),
    /// and answers were lost after the server committed: the case only
    /// idempotency or a lookup makes harmless.
    fn assert_every_fault_met(&self) {
        let counts = self.proxy.counts();
        if self.ids.len() >= 500 {
            for fault in &Fault::ALL[1..] {
                assert!(counts.of(*fault) > 0, "{} never happened", fault.name());
            }
        }
    }

    async fn end(self) {
        drop(self.proxy);
        self.city.server.shutdown().await;
    }
}

/// 500 reports by default (enough for every fault to hit many of them);
/// `IHANOI_FAULT_REPORTS` sets another count.
fn full_count() -> usize {
    knob("IHANOI_FAULT_REPORTS", 500) as usize
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_hundred_reports_through_every_fault_arrive_exactly_once() {
    let run = fault_run("full", full_count(), 2).await;
    run.assert_exactly_once();
    run.assert_every_fault_met();
    run.end().await;
}

/// No `client_request_id`: every resend of a report that may have arrived is
/// preceded by a lookup in `GET /requests`, and a match is adopted.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_idempotency_five_hundred_reports_arrive_once_by_lookup() {
    let run = fault_run("no-idempotency", full_count(), 2).await;
    let lost = run.proxy.counts().of(Fault::LostAnswer);
    run.assert_exactly_once();
    run.assert_every_fault_met();
    assert!(
        lost > 0 || full_count() < 500,
        "no answer was lost after a commit: the lookup was never needed"
    );
    assert!(
        holdings(&run.city)
            .iter()
            .all(|h| h.client_request_id.is_none()),
        "this server keeps no client_request_id: the lookup did the work"
    );
    run.end().await;
}

/// 50 reports on each other profile the outbox sends differently to.
/// (`no-updates` and `city-forms` change the pull and the forms, not how a
/// report is sent: server_profiles.rs and forms.rs cover them.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_reports_arrive_exactly_once_on_every_other_profile() {
    let count = knob("IHANOI_FAULT_REPORTS_PER_PROFILE", 50) as usize;
    for (profile, photos_each) in [
        ("plain,strict", 2),
        ("plain,numeric-ids", 1),
        ("media-field,strict", 2),
        ("object-errors", 1),
        // Photos cannot be sent to this server: reports without them.
        ("no-upload,strict", 0),
    ] {
        let run = fault_run(profile, count, photos_each).await;
        run.assert_exactly_once();
        run.end().await;
    }
}

/// Neither idempotency nor a searchable list: a report whose answer was lost
/// is posted again (else it might never arrive), so a twin is possible. Each
/// report arrives, and every one the server holds twice is one the resident
/// was told "may have been sent twice" about.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_any_lookup_each_twin_is_one_the_resident_was_warned_about() {
    let count = knob("IHANOI_FAULT_REPORTS_PER_PROFILE", 50) as usize;
    let run = fault_run("plain,strict,no-search", count, 1).await;
    assert_eq!(run.rounds.sent as usize, count);
    let held = holdings(&run.city);
    for n in 0..run.ids.len() {
        let text = sync_support::description(n);
        assert!(
            held.iter().any(|h| h.description == text),
            "report {n} never reached the city"
        );
    }
    let warned = |n: usize| {
        run.phone
            .report_warnings(&run.ids[n])
            .unwrap()
            .iter()
            .any(|w| w.code == WarningCode::MaybeSentTwice)
    };
    let twins = twins(&held, count);
    for (n, times) in &twins {
        assert!(warned(*n), "report {n} is held {times} times unannounced");
    }
    eprintln!(
        "{} of {count} reports held more than once, each announced",
        twins.len()
    );
    run.end().await;
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
