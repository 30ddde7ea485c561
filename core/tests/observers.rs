//! Observers: the report list, the badge numbers and the sync's activity, as a
//! screen registered for them sees them — first the current value, then each
//! change, from the resident's edits and from a real sync against the
//! reference city server over loopback; nothing after unregistering.

use std::sync::{Arc, Mutex};

mod sync_support;

use ihanoi_core::Core;
use ihanoi_core::observers::{
    BadgeCounts, CountsObserver, ReportChange, ReportChangeKind, ReportListUpdate, ReportsObserver,
    SyncActivity, SyncActivityObserver,
};
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::reports::{DraftField, ReportState};
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::sync::{NoListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use sync_support::{City, PhotoMaker, open_phone, queue_report, quick_tuning, sign_in};

/// Everything one listener was told, in order.
struct Seen<T>(Mutex<Vec<T>>);

impl<T: Clone> Seen<T> {
    fn new() -> Arc<Self> {
        Arc::new(Seen(Mutex::new(Vec::new())))
    }

    fn all(&self) -> Vec<T> {
        self.0.lock().unwrap().clone()
    }

    fn last(&self) -> T {
        self.all().last().cloned().expect("called at least once")
    }

    fn take(&self) -> Vec<T> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl ReportsObserver for Seen<ReportListUpdate> {
    fn on_reports_changed(&self, update: ReportListUpdate) {
        self.0.lock().unwrap().push(update);
    }
}

impl CountsObserver for Seen<BadgeCounts> {
    fn on_counts_changed(&self, counts: BadgeCounts) {
        self.0.lock().unwrap().push(counts);
    }
}

impl SyncActivityObserver for Seen<SyncActivity> {
    fn on_sync_activity(&self, activity: SyncActivity) {
        self.0.lock().unwrap().push(activity);
    }
}

use ihanoi_test_kit::open_core as open;

fn change(id: &str, kind: ReportChangeKind, state: Option<ReportState>) -> ReportChange {
    ReportChange {
        report_id: id.to_owned(),
        kind,
        state,
    }
}

#[test]
fn the_report_list_is_told_first_what_is_there_then_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let existing = core.create_draft().unwrap();

    let seen = Seen::<ReportListUpdate>::new();
    let subscription = core.observe_reports(seen.clone()).unwrap();
    assert_eq!(
        seen.take(),
        [ReportListUpdate {
            initial: true,
            changes: vec![change(
                &existing.id,
                ReportChangeKind::Present,
                Some(ReportState::Draft)
            )],
        }]
    );

    let draft = core.create_draft().unwrap();
    core.update_draft(
        &draft.id,
        DraftField::Description {
            text: "Ổ gà giữa đường".into(),
        },
    )
    .unwrap();
    core.delete_draft(&existing.id).unwrap();
    let kinds: Vec<ReportChange> = seen
        .take()
        .into_iter()
        .inspect(|update| assert!(!update.initial))
        .flat_map(|update| update.changes)
        .collect();
    assert_eq!(
        kinds,
        [
            change(
                &draft.id,
                ReportChangeKind::Created,
                Some(ReportState::Draft)
            ),
            change(
                &draft.id,
                ReportChangeKind::Edited,
                Some(ReportState::Draft)
            ),
            change(&existing.id, ReportChangeKind::Deleted, None),
        ]
    );

    // A refused edit changes nothing and says nothing.
    assert!(
        core.update_draft(&existing.id, DraftField::Address { text: None })
            .is_err()
    );
    assert!(seen.all().is_empty());

    subscription.cancel();
    core.create_draft().unwrap();
    assert!(seen.all().is_empty(), "nothing after cancel");
}

#[test]
fn dropping_the_subscription_unregisters() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let seen = Seen::<BadgeCounts>::new();
    let subscription = core.observe_counts(seen.clone()).unwrap();
    assert_eq!(seen.take(), [BadgeCounts::default()]);
    core.create_draft().unwrap();
    assert_eq!(seen.take().len(), 1);
    drop(subscription);
    core.create_draft().unwrap();
    assert!(seen.all().is_empty());
}

#[test]
fn counts_change_only_when_a_number_moves() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let seen = Seen::<BadgeCounts>::new();
    let _subscription = core.observe_counts(seen.clone()).unwrap();
    let draft = core.create_draft().unwrap();
    // An edit moves no number: no call.
    core.update_draft(
        &draft.id,
        DraftField::Description {
            text: "Đèn đường hỏng".into(),
        },
    )
    .unwrap();
    assert_eq!(
        seen.all(),
        [
            BadgeCounts::default(),
            BadgeCounts {
                drafts: 1,
                ..BadgeCounts::default()
            }
        ]
    );
}

/// A listener that edits from inside its call (a screen reacting at once)
/// neither deadlocks nor sees its own change before the call returns.
#[test]
fn a_listener_may_call_back_into_the_core() {
    struct Reacting {
        core: Arc<Mutex<Option<Arc<Core>>>>,
        seen: Mutex<Vec<ReportListUpdate>>,
    }
    impl ReportsObserver for Reacting {
        fn on_reports_changed(&self, update: ReportListUpdate) {
            let first = self.seen.lock().unwrap().is_empty();
            self.seen.lock().unwrap().push(update);
            if first {
                let core = self.core.lock().unwrap().clone().unwrap();
                core.create_draft().unwrap();
                assert_eq!(self.seen.lock().unwrap().len(), 1);
            }
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let core = Arc::new(open(dir.path()));
    let listener = Arc::new(Reacting {
        core: Arc::new(Mutex::new(Some(Arc::clone(&core)))),
        seen: Mutex::new(Vec::new()),
    });
    let _subscription = core.observe_reports(listener.clone()).unwrap();
    let seen = listener.seen.lock().unwrap().clone();
    assert_eq!(seen.len(), 2);
    assert!(seen[0].initial && seen[0].changes.is_empty());
    assert_eq!(seen[1].changes[0].kind, ReportChangeKind::Created);
    // The Arc cycle (listener → core → listener) is the test's own.
    listener.core.lock().unwrap().take();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_shows_sending_then_idle_and_the_report_moving() {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_phone(
        &dir.path().join("app"),
        Arc::new(InMemorySecretStore::new()),
        &city.url(),
        quick_tuning(),
    );
    let photos = PhotoMaker::new(&dir.path().join("camera"));
    core.set_photo_input_dirs(&[dir.path().join("camera")])
        .unwrap();

    let activity = Seen::<SyncActivity>::new();
    let _a = core.observe_sync_activity(activity.clone()).unwrap();
    // Never signed in, nothing queued: the store says idle.
    assert_eq!(activity.take(), [SyncActivity::Idle]);

    let id = queue_report(&core, 0, &[photos.make(1)], &CompressOptions::default());
    let counts = Seen::<BadgeCounts>::new();
    let _c = core.observe_counts(counts.clone()).unwrap();
    assert_eq!(counts.last().waiting_to_send, 1);
    let list = Seen::<ReportListUpdate>::new();
    let _l = core.observe_reports(list.clone()).unwrap();
    list.take();

    // Not signed in: the sync waits for the resident.
    core.sync(
        SyncOptions::default(),
        Arc::new(NoListener),
        CancelToken::new(),
    )
    .await
    .unwrap();
    assert_eq!(activity.take(), [SyncActivity::SignInNeeded]);

    sign_in(&core, &city).await;
    assert_eq!(activity.take(), [SyncActivity::Idle]);
    let summary = core
        .sync(
            SyncOptions::default(),
            Arc::new(NoListener),
            CancelToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(summary.sent, 1);

    let seen = activity.take();
    assert!(
        matches!(
            seen.first(),
            Some(SyncActivity::Sending {
                report_number: 1,
                report_count: 1,
                ..
            })
        ),
        "{seen:?}"
    );
    assert!(
        seen.iter().any(|a| matches!(
            a,
            SyncActivity::Sending { bytes_sent, bytes_total, .. }
                if *bytes_total > 0 && bytes_sent == bytes_total
        )),
        "the photo's bytes are reported: {seen:?}"
    );
    assert_eq!(seen.last(), Some(&SyncActivity::Idle));

    let states: Vec<Option<ReportState>> = list
        .take()
        .into_iter()
        .flat_map(|u| u.changes)
        .inspect(|c| {
            assert_eq!(
                (c.report_id.as_str(), c.kind),
                (id.as_str(), ReportChangeKind::StateChanged)
            )
        })
        .map(|c| c.state)
        .collect();
    // The state read when the listener is told may already be the next one.
    assert_eq!(states.last(), Some(&Some(ReportState::Submitted)));
    assert_eq!(states.len(), 2, "{states:?}");
    assert_eq!(counts.last().waiting_to_send, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_city_out_of_reach_shows_offline() {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_phone(
        &dir.path().join("app"),
        Arc::new(InMemorySecretStore::new()),
        &city.url(),
        quick_tuning(),
    );
    sign_in(&core, &city).await;
    let photos = PhotoMaker::new(&dir.path().join("camera"));
    core.set_photo_input_dirs(&[dir.path().join("camera")])
        .unwrap();
    queue_report(&core, 0, &[photos.make(1)], &CompressOptions::default());
    // A port nobody listens on: connection refused.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    core.configure_city_tuned(sync_support::city_config(&dead), quick_tuning())
        .unwrap();

    let activity = Seen::<SyncActivity>::new();
    let _a = core.observe_sync_activity(activity.clone()).unwrap();
    let summary = core
        .sync(
            SyncOptions::default(),
            Arc::new(NoListener),
            CancelToken::new(),
        )
        .await
        .unwrap();
    assert_eq!((summary.sent, summary.failed), (0, 1));
    assert_eq!(activity.last(), SyncActivity::Offline);
}
