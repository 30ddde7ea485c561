//! The outbox against servers that are not the full reference API: the
//! reference server under its profiles (plain, strict, numeric ids, `media`,
//! no uploads, no idempotency) over loopback, the real core sending. What the
//! server offers is learned from its discovery, and only what it defines is sent.

use std::path::{Path, PathBuf};

mod sync_support;

use ihanoi_core::Core;
use ihanoi_core::photos::CompressOptions;
use ihanoi_core::photos::PhotoSource;
use ihanoi_core::pull::{DetailedStatus, PullStep, PullSummary, UpdateKind};
use ihanoi_core::reports::{DraftField, ProblemCode, ReportState, WarningCode};
use ihanoi_core::server_profile::{Offer, ResidentContact};
use ihanoi_core::tasks::CancelToken;
use sync_support::{City, holdings, server_column, sha256_of_file, shared_dir, sync_once};

async fn city(profile: &str) -> City {
    sync_support::city_with_profile(profile).await
}

fn phone(dir: &Path, city: &City) -> Core {
    sync_support::phone_on(dir, city)
}

fn photos(names: &[&str]) -> Vec<PathBuf> {
    names
        .iter()
        .map(|n| shared_dir().join("photos").join(n))
        .collect()
}

fn queue(core: &Core, n: usize, photo_names: &[&str]) -> String {
    sync_support::queue_report(core, n, &photos(photo_names), &CompressOptions::default())
}

/// The stored photos' hashes of the phone's report, in order.
fn local_photo_hashes(core: &Core, id: &str) -> Vec<String> {
    core.photos(id)
        .unwrap()
        .iter()
        .map(|p| sha256_of_file(Path::new(&p.path)))
        .collect()
}

/// The city stored report `id`, but the phone died before recording the
/// answer (what SIGKILL mid-request leaves): 'sending', no id, tried once.
fn forget_the_answer(data_dir: &Path, id: &str) {
    let conn = rusqlite::Connection::open(data_dir.join("ihanoi.sqlite3")).unwrap();
    conn.execute("UPDATE reports SET state = 'sending' WHERE id = ?1", [id])
        .unwrap();
    conn.execute(
        "UPDATE report_sync SET service_request_id = NULL WHERE report_id = ?1",
        [id],
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_strict_server_gets_the_report_with_personal_fields_and_no_extension() {
    let city = city("plain,strict").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    core.set_resident_contact(ResidentContact {
        email: Some("lan@example.vn".into()),
        first_name: Some("Lan".into()),
        ..Default::default()
    })
    .unwrap();
    let id = queue(&core, 1, &["iphone4s-gps-small.jpg", "nokia-lumia-gps.jpg"]);
    let summary = sync_once(&core).await;
    assert_eq!(
        (summary.sent, summary.needs_attention),
        (1, 0),
        "{summary:?}"
    );
    assert!(
        !summary.sign_in_needed,
        "no sign-in to ask for on this server"
    );
    assert_eq!(core.report(&id).unwrap().state, ReportState::Submitted);

    let profile = core.server_profile().unwrap();
    assert_eq!(profile.sign_in, Offer::NotOffered);
    assert!(!profile.idempotency && profile.report_attributes.is_empty());

    let held = holdings(&city);
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].client_request_id, None);
    assert_eq!(held[0].photo_sha256, local_photo_hashes(&core, &id));
    let personal = server_column(&city, "personal_json");
    assert!(
        personal[0].as_deref().unwrap().contains("lan@example.vn"),
        "{personal:?}"
    );
    assert_eq!(
        server_column(&city, "attributes_json")[0].as_deref(),
        Some("{}")
    );
    // The contact never reaches the log's Debug form.
    let contact = core.resident_contact().unwrap();
    assert!(!format!("{contact:?}").contains("lan@"));
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn numeric_ids_are_ids_not_garbage_to_post_again() {
    let city = city("plain,numeric-ids").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    let id = queue(&core, 2, &["nokia-lumia-gps.jpg"]);
    assert_eq!(sync_once(&core).await.sent, 1);
    let submission = core.submission(&id).unwrap().unwrap();
    assert!(submission.service_request_id.parse::<i64>().is_ok());
    let again = sync_once(&core).await;
    assert_eq!((again.sent, again.failed), (0, 0));
    assert_eq!(holdings(&city).len(), 1, "posted once");
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn photos_go_in_the_part_the_server_reads() {
    let city = city("media-field,strict").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    sync_support::sign_in(&core, &city).await;
    let id = queue(&core, 3, &["iphone4s-gps-small.jpg", "nokia-lumia-gps.jpg"]);
    assert_eq!(sync_once(&core).await.sent, 1);
    assert_eq!(core.server_profile().unwrap().media_field, "media");
    let held = holdings(&city);
    assert_eq!(held[0].photo_sha256, local_photo_hashes(&core, &id));
    assert!(held[0].client_request_id.is_some(), "idempotency kept");
    city.server.shutdown().await;
}

/// A server that takes no uploads (`media_url` only). The product decision
/// (docs/sync.md § Servers without uploads): before queueing, the resident is
/// told that this city gets no photos (warning `photos_not_accepted` on every
/// draft: what happens) and a draft with photos cannot be queued until they
/// are removed (problem `photos_not_accepted`: what to do), while the app's
/// usual "at least one photo" is not asked. A report queued with photos
/// before the app knew goes back to the resident with the reason, never to
/// the city without them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_without_uploads_is_not_sent_photos_it_would_drop() {
    let city = city("no-upload").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    sync_support::sign_in(&core, &city).await;
    // Queued before the app had asked the server: the photos were allowed.
    let early = queue(&core, 4, &["nokia-lumia-gps.jpg"]);
    let summary = sync_once(&core).await;
    assert_eq!((summary.sent, summary.needs_attention), (0, 1));
    let record = core.sync_record(&early).unwrap();
    assert_eq!(
        record.rejection_reason.as_deref(),
        Some("photos_not_accepted")
    );
    assert!(holdings(&city).is_empty());
    let warned = |id: &str| {
        core.report_warnings(id)
            .unwrap()
            .into_iter()
            .find(|w| w.code == WarningCode::PhotosNotAccepted && w.photo_position.is_none())
    };
    let refused = |id: &str| {
        core.problems(id)
            .unwrap()
            .into_iter()
            .find(|p| p.code == ProblemCode::PhotosNotAccepted)
    };
    assert!(warned(&early).is_some(), "the report sent back says why");
    assert!(refused(&early).is_some(), "and what to do");

    // A new draft: told before anything is attached, and no photo asked for.
    let draft = core.create_draft().unwrap();
    let warning = warned(&draft.id).expect("told before queueing");
    assert!(warning.message.vi.contains("không nhận ảnh"), "{warning:?}");
    assert!(warning.message.en.contains("without photos"), "{warning:?}");
    let codes = |id: &str| -> Vec<ProblemCode> {
        core.problems(id).unwrap().iter().map(|p| p.code).collect()
    };
    assert!(!codes(&draft.id).contains(&ProblemCode::PhotoMissing));
    let attached = core
        .attach_photo_blocking(
            &draft.id,
            &photos(&["nokia-lumia-gps.jpg"])[0],
            PhotoSource::Camera,
            &CompressOptions::default(),
            &CancelToken::new(),
        )
        .unwrap();
    let problem = refused(&draft.id).expect("a photo attached: refused before queueing");
    assert!(problem.message.vi.contains("bỏ ảnh"), "{problem:?}");
    assert!(
        problem.message.en.contains("remove the photos"),
        "{problem:?}"
    );
    let details = core.report_details(&draft.id).unwrap();
    assert!(
        details
            .problems
            .iter()
            .any(|p| p.code == ProblemCode::PhotosNotAccepted),
        "in the details the form shows"
    );
    assert!(!details.actions.can_queue);

    // Removing the photos is all it takes; the city gets the rest.
    for id in [&early, &draft.id] {
        for photo in core.photos(id).unwrap() {
            core.remove_photo(id, &photo.id).unwrap();
        }
    }
    assert!(
        core.photos(&draft.id)
            .unwrap()
            .iter()
            .all(|p| p.id != attached.id)
    );
    for (n, id) in [(4, &early), (10, &draft.id)] {
        if n == 10 {
            core.update_draft(
                id,
                DraftField::Category {
                    code: Some("ve_sinh_moi_truong".into()),
                },
            )
            .unwrap();
            core.update_draft(
                id,
                DraftField::Description {
                    text: sync_support::description(n),
                },
            )
            .unwrap();
            core.set_report_location(id, sync_support::central_hanoi_fix())
                .unwrap();
        }
        assert!(codes(id).is_empty(), "{n}: {:?}", codes(id));
        core.queue_report(id).unwrap();
    }
    let summary = sync_once(&core).await;
    assert_eq!(
        (summary.sent, summary.needs_attention),
        (2, 0),
        "{summary:?}"
    );
    let held = holdings(&city);
    assert_eq!(held.len(), 2);
    assert!(held.iter().all(|h| h.photo_sha256.is_empty()));
    assert!(warned(&draft.id).is_none(), "sent: nothing left to decide");
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_idempotency_an_earlier_attempt_is_looked_up_not_posted_again() {
    for profile in ["no-idempotency", "plain,strict"] {
        let city = city(profile).await;
        let dir = tempfile::tempdir().unwrap();
        let core = phone(dir.path(), &city);
        if profile == "no-idempotency" {
            sync_support::sign_in(&core, &city).await;
        }
        let id = queue(&core, 5, &["iphone4s-gps-small.jpg"]);
        assert_eq!(sync_once(&core).await.sent, 1);
        let first = core.submission(&id).unwrap().unwrap();
        forget_the_answer(dir.path(), &id);
        // Another report never tried: posted normally.
        let other = queue(&core, 6, &["nokia-lumia-gps.jpg"]);
        let summary = sync_once(&core).await;
        assert_eq!(summary.sent, 2, "{profile}: {summary:?}");
        let again = core.submission(&id).unwrap().unwrap();
        assert_eq!(
            again.service_request_id, first.service_request_id,
            "{profile}: adopted"
        );
        assert!(core.submission(&other).unwrap().is_some());
        assert_eq!(holdings(&city).len(), 2, "{profile}: no duplicate");
        city.server.shutdown().await;
    }
}

async fn pull(core: &Core) -> PullSummary {
    core.pull(CancelToken::new()).await.unwrap()
}

/// Without the updates endpoint (plain GeoReport v2, or the full API minus
/// updates) the ward's actions still reach the report: its status is polled
/// from `GET /requests` at each pull until the city has finished with it, and
/// the endpoints the server does not offer are skipped, not failures.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuses_are_polled_where_there_are_no_updates() {
    for profile in ["plain,strict", "plain,numeric-ids", "no-updates,strict"] {
        let city = city(profile).await;
        let dir = tempfile::tempdir().unwrap();
        let core = phone(dir.path(), &city);
        if !profile.contains("plain") {
            sync_support::sign_in(&core, &city).await;
        }
        let id = queue(&core, 7, &["iphone4s-gps-small.jpg"]);
        assert_eq!(sync_once(&core).await.sent, 1, "{profile}");
        let city_id = core.submission(&id).unwrap().unwrap().service_request_id;

        let first = pull(&core).await;
        assert!(first.failed_steps.is_empty(), "{profile}: {first:?}");
        assert!(first.not_offered.contains(&PullStep::Updates), "{profile}");
        if profile.contains("plain") {
            assert!(first.not_offered.contains(&PullStep::Alerts), "{profile}");
            assert!(first.not_offered.contains(&PullStep::Areas), "{profile}");
        }
        assert_eq!(first.statuses_polled, 1, "{profile}");
        assert_eq!(first.new_updates, 0, "{profile}: nothing happened yet");
        let waiting = core.report_status(&id).unwrap().unwrap();
        assert_eq!(waiting.detailed_status, DetailedStatus::Pending);

        city.act(&city_id, "accept", "Đã tiếp nhận.", vec![]).await;
        let accepted = pull(&core).await;
        let status = core.report_status(&id).unwrap().unwrap();
        if profile.contains("plain") {
            // A plain server says only "open" until it closes the report.
            assert_eq!(accepted.new_updates, 0, "{profile}");
            assert_eq!(status.detailed_status, DetailedStatus::Pending);
        } else {
            assert_eq!(accepted.new_updates, 1, "{profile}: {accepted:?}");
            assert_eq!(status.detailed_status, DetailedStatus::Accepted);
            assert_eq!(status.label.en, "Accepted");
        }

        city.act(&city_id, "resolve", "Đã thu gom rác.", vec![])
            .await;
        let resolved = pull(&core).await;
        assert_eq!(resolved.new_updates, 1, "{profile}: {resolved:?}");
        assert_eq!(resolved.updated_report_ids, vec![id.clone()]);
        let status = core.report_status(&id).unwrap().unwrap();
        assert!(status.closed, "{profile}: {status:?}");
        assert_eq!(status.detailed_status, DetailedStatus::Resolved);
        assert!(!status.label.vi.is_empty() && !status.label.en.is_empty());
        let timeline = core.timeline(&id).unwrap();
        assert_eq!(timeline.last().unwrap().kind, UpdateKind::Resolved);
        assert!(timeline.last().unwrap().unread);

        // Finished: no longer asked.
        let after = pull(&core).await;
        assert_eq!(
            (after.statuses_polled, after.new_updates),
            (0, 0),
            "{profile}"
        );
        city.server.shutdown().await;
    }
}

/// Without idempotency and with a list that cannot be searched, a report
/// whose earlier attempt may have arrived is posted again (the only way it
/// reaches the city for sure), and the resident is told it may be there
/// twice; a report sent cleanly carries no such warning. Its status is still
/// polled by id.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn where_no_lookup_works_the_resident_is_told_it_may_be_there_twice() {
    let city = city("plain,strict,no-search").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    let twice = |id: &str| {
        core.report_warnings(id)
            .unwrap()
            .into_iter()
            .find(|w| w.code == WarningCode::MaybeSentTwice)
    };
    let id = queue(&core, 8, &["iphone4s-gps-small.jpg"]);
    let clean = queue(&core, 9, &["nokia-lumia-gps.jpg"]);
    assert_eq!(sync_once(&core).await.sent, 2);
    assert!(twice(&clean).is_none() && twice(&id).is_none());
    forget_the_answer(dir.path(), &id);
    assert_eq!(sync_once(&core).await.sent, 1);
    assert_eq!(holdings(&city).len(), 3, "posted again: the twin is real");
    let warning = twice(&id).expect("the resident is told");
    assert!(warning.message.vi.contains("hai lần"), "{warning:?}");
    assert!(warning.message.en.contains("sent twice"), "{warning:?}");
    assert!(
        core.report_details(&id)
            .unwrap()
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::MaybeSentTwice)
    );
    assert!(twice(&clean).is_none());
    let pulled = pull(&core).await;
    assert_eq!(pulled.statuses_polled, 2, "{pulled:?}");
    assert!(pulled.failed_steps.is_empty());
    city.server.shutdown().await;
}

/// A server that writes FixMyStreet's extended statuses in the standard
/// `status` (and no `detailed_status`): each word the app knows becomes the
/// app's status with its own Vietnamese and English label, finished or not as
/// the word says; a phrase of the city's own is shown as the city wrote it,
/// in both languages, and is not mistaken for finished. Through polling, as
/// such servers have no updates feed the app knows. (`report_status` and
/// `timeline` are what `show` and the FFI read.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn extended_statuses_reach_the_report_with_the_apps_words() {
    let city = city("plain,extended-statuses").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone(dir.path(), &city);
    let fixed = queue(&core, 11, &["iphone4s-gps-small.jpg"]);
    let refused = queue(&core, 12, &["nokia-lumia-gps.jpg"]);
    assert_eq!(sync_once(&core).await.sent, 2);
    let city_id = |id: &str| core.submission(id).unwrap().unwrap().service_request_id;
    let (fixed_city, refused_city) = (city_id(&fixed), city_id(&refused));
    pull(&core).await;

    let expect = |id: &str, status: DetailedStatus, closed: bool, vi: &str, en: &str| {
        let now = core.report_status(id).unwrap().unwrap();
        assert_eq!((now.detailed_status, now.closed), (status, closed), "{en}");
        assert_eq!((now.label.vi.as_str(), now.label.en.as_str()), (vi, en));
        let last = core.timeline(id).unwrap().last().cloned().unwrap();
        assert_eq!(last.detailed_status, status, "{en}: the timeline's line");
        assert!(!last.label.vi.is_empty() && !last.label.en.is_empty());
    };
    city.act(&fixed_city, "accept", "Đã tiếp nhận.", vec![])
        .await;
    pull(&core).await;
    expect(
        &fixed,
        DetailedStatus::Accepted,
        false,
        "Đã lên lịch xử lý",
        "Action scheduled",
    );
    city.act(&fixed_city, "start", "Đang xem xét.", vec![])
        .await;
    pull(&core).await;
    expect(
        &fixed,
        DetailedStatus::InProgress,
        false,
        "Đang xem xét",
        "Investigating",
    );
    city.act(&fixed_city, "resolve", "Đã thu gom rác.", vec![])
        .await;
    pull(&core).await;
    expect(
        &fixed,
        DetailedStatus::Resolved,
        true,
        "Đã khắc phục",
        "Fixed",
    );

    // Transferred: a phrase of the city's own, shown as written, still open.
    city.official(
        &format!("requests/{refused_city}/transfer"),
        reqwest::multipart::Form::new()
            .text("description", "Chuyển phường Ba Đình.")
            .text("agency_responsible", "00004"),
    )
    .await;
    pull(&core).await;
    let own = "Chuyển quận xem xét";
    expect(&refused, DetailedStatus::Pending, false, own, own);
    city.act(&refused_city, "reject", "Không thuộc thẩm quyền.", vec![])
        .await;
    let last = pull(&core).await;
    expect(
        &refused,
        DetailedStatus::Rejected,
        true,
        "Không thuộc trách nhiệm của thành phố",
        "Not the city's responsibility",
    );
    assert!(last.failed_steps.is_empty(), "{last:?}");
    // Both finished: no longer polled.
    assert_eq!(pull(&core).await.statuses_polled, 0);
    city.server.shutdown().await;
}
