//! One rule for long work: it stops when its token is cancelled and when the
//! future awaiting it is dropped (a coroutine or Task cancelled), and leaves
//! the store as it was — sync and pull against the reference server, photo
//! attach with real camera photos, sign-in, areas import.

use std::sync::{Arc, mpsc};
use std::time::Duration;

mod sync_support;

use ihanoi_core::Error;
use ihanoi_core::account::SessionState;
use ihanoi_core::net::SyncError;
use ihanoi_core::photos::{CompressOptions, PhotoError, PhotoSource};
use ihanoi_core::reports::ReportState;
use ihanoi_core::secrets::InMemorySecretStore;
use ihanoi_core::sync::{NoListener, SyncEvent, SyncListener, SyncOptions};
use ihanoi_core::tasks::CancelToken;
use sync_support::{City, PHONE, open_phone, quick_tuning, shared_dir, sign_in};

use ihanoi_test_kit::open_core_with_photos as open;

fn big_photo() -> std::path::PathBuf {
    shared_dir().join("photos/camera-24mp-sony.jpg")
}

/// Waits (bounded) for `done`, polling: cancelled work ends on another thread.
fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    for _ in 0..600 {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("{what} did not happen within 30 s");
}

fn is_cancelled(result: &Result<impl std::fmt::Debug, Error>) -> bool {
    matches!(
        result,
        Err(Error::Sync(SyncError::Cancelled)) | Err(Error::Photo(PhotoError::Cancelled))
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_attach_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let draft = core.create_draft().unwrap();
    let token = CancelToken::new();
    token.cancel();
    let attached = core
        .attach_photo(
            &draft.id,
            &big_photo(),
            PhotoSource::Camera,
            &CompressOptions::default(),
            token,
        )
        .await;
    assert!(is_cancelled(&attached), "{attached:?}");
    assert!(core.photos(&draft.id).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dropping_an_attach_stops_it_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let draft = core.create_draft().unwrap();
    let token = CancelToken::new();
    let options = CompressOptions::default();
    let photo = big_photo();
    let attach = core.attach_photo(
        &draft.id,
        &photo,
        PhotoSource::Camera,
        &options,
        token.clone(),
    );
    let timed_out = tokio::time::timeout(Duration::from_millis(1), attach).await;
    assert!(
        timed_out.is_err(),
        "a 24 MP photo is not compressed in a millisecond"
    );
    assert!(
        token.is_cancelled(),
        "dropping the future cancels the token"
    );
    // The compression on the blocking pool stops at its next stage; the same
    // photo then attaches normally (no half-written file or row in the way).
    let attached = core
        .attach_photo(
            &draft.id,
            &big_photo(),
            PhotoSource::Camera,
            &options,
            CancelToken::new(),
        )
        .await
        .unwrap();
    assert_eq!(core.photos(&draft.id).unwrap(), [attached]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_areas_import_keeps_the_cached_set() {
    let dir = tempfile::tempdir().unwrap();
    let core = open(dir.path());
    let file = shared_dir().join("geo/hanoi_wards_2025.geojson");
    let token = CancelToken::new();
    token.cancel();
    let imported = core.import_areas(&file, "2025-07-01", token).await;
    assert!(is_cancelled(&imported), "{imported:?}");
    // Nothing was cached: the set in use is still the one the app ships.
    assert_eq!(core.cached_area_set_info().unwrap(), None);
    assert!(core.area_set_info().unwrap().unwrap().built_in);

    let token = CancelToken::new();
    let importing = core.import_areas(&file, "2025-07-01", token.clone());
    let timed_out = tokio::time::timeout(Duration::from_millis(1), importing).await;
    assert!(
        timed_out.is_err(),
        "126 units are not parsed in a millisecond"
    );
    assert!(
        token.is_cancelled(),
        "dropping the future cancels the token"
    );
    assert_eq!(
        core.cached_area_set_info().unwrap(),
        None,
        "dropped before it installed"
    );
    let info = core
        .import_areas(&file, "2025-07-01", CancelToken::new())
        .await
        .unwrap();
    assert_eq!(info.unit_count, 126);
    assert!(!info.built_in, "the imported set replaces the built-in one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_sign_in_saves_nothing_and_the_code_still_works() {
    let city = City::start().await;
    let dir = tempfile::tempdir().unwrap();
    let core = open_phone(
        dir.path(),
        Arc::new(InMemorySecretStore::new()),
        &city.url(),
        quick_tuning(),
    );
    let sent = core.request_sign_in_code(PHONE).await.unwrap();
    let code = city.sign_in_code(&sent.phone).await;
    let token = CancelToken::new();
    token.cancel();
    let signed = core.sign_in(&sent.phone, &code, token).await;
    assert!(is_cancelled(&signed), "{signed:?}");
    assert_eq!(core.session_state().unwrap(), SessionState::SignedOut);
    assert_eq!(
        core.sign_in(&sent.phone, &code, CancelToken::new())
            .await
            .unwrap(),
        SessionState::SignedIn
    );
}

/// Tells the test when the first photo bytes are on their way.
struct FirstProgress(std::sync::Mutex<Option<mpsc::Sender<()>>>);

impl SyncListener for FirstProgress {
    fn on_event(&self, event: SyncEvent) {
        if matches!(event, SyncEvent::Progress { .. })
            && let Some(tx) = self.0.lock().unwrap().take()
        {
            let _ = tx.send(());
        }
    }
}

/// The upload is slowed to 64 KB/s by the fault proxy, so it is surely in
/// flight when the awaiting future is dropped.
#[test]
fn dropping_a_sync_stops_the_upload_and_the_report_stays_queued() {
    let runtime = sync_support::runtime();
    let (city, proxy) = sync_support::city_behind_proxy(&runtime, |config| {
        let mut config = config;
        config.bandwidth_up = Some(64 * 1024);
        config
    });
    let dir = tempfile::tempdir().unwrap();
    let core = runtime.block_on(sync_support::signed_in_behind(
        &dir.path().join("app"),
        &city,
        &proxy,
        quick_tuning(),
    ));
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();
    let id = sync_support::queue_report(&core, 0, &[big_photo()], &CompressOptions::default());

    let (tx, first_bytes) = mpsc::channel();
    let listener = Arc::new(FirstProgress(std::sync::Mutex::new(Some(tx))));
    let token = CancelToken::new();
    runtime.block_on(async {
        tokio::select! {
            result = core.sync(SyncOptions::default(), listener, token.clone()) => {
                panic!("the capped upload cannot finish first: {result:?}")
            }
            _ = tokio::task::spawn_blocking(move || first_bytes.recv()) => {}
        }
    });
    assert!(token.is_cancelled());
    // The sync task sees the cancel, abandons the upload and lets go of the
    // one-sync lock; the report is queued again under the same id.
    eventually("the abandoned sync to end", || {
        core.report(&id).unwrap().state == ReportState::Queued
            && runtime
                .block_on(core.sync(
                    SyncOptions {
                        photos_only_on_wifi: true,
                        ..SyncOptions::default()
                    },
                    Arc::new(NoListener),
                    CancelToken::new(),
                ))
                .is_ok()
    });
    assert!(
        sync_support::holdings(&city).is_empty(),
        "nothing reached the city"
    );
}

#[test]
fn a_cancelled_pull_says_so() {
    let runtime = sync_support::runtime();
    let city = runtime.block_on(City::start());
    let dir = tempfile::tempdir().unwrap();
    let core = open_phone(
        dir.path(),
        Arc::new(InMemorySecretStore::new()),
        &city.url(),
        quick_tuning(),
    );
    runtime.block_on(sign_in(&core, &city));
    let token = CancelToken::new();
    token.cancel();
    let pulled = runtime.block_on(core.pull(token)).unwrap();
    assert!(pulled.cancelled);
}
