//! Service definitions as forms, against the reference server's
//! `city-forms` profile over loopback (plain GeoReport v2, with and without a
//! strict input schema): the definitions come with the pull, the draft keeps
//! the answers, readiness names what is missing, and the server receives
//! `attribute[CODE]` / `attribute[CODE][]` for its own codes only.

mod sync_support;

use ihanoi_core::forms::AttributeType;
use ihanoi_core::photos::{CompressOptions, PhotoSource};
use ihanoi_core::reports::{DraftField, ProblemCode, ReportState};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, Error};
use serde_json::{Value, json};
use sync_support::{
    API_KEY, City, central_hanoi_fix, city_config, city_with_profile, phone_on, quick_tuning,
    server_column, shared_dir, sync_once,
};

/// A flooding draft complete but for the form.
fn flooding_draft(core: &Core) -> String {
    let id = core.create_draft().unwrap().id;
    core.update_draft(
        &id,
        DraftField::Category {
            code: Some("ngap_ung".into()),
        },
    )
    .unwrap();
    core.update_draft(
        &id,
        DraftField::Description {
            text: "Ngập sâu sau mưa ở đầu ngõ 12".into(),
        },
    )
    .unwrap();
    core.attach_photo_blocking(
        &id,
        &shared_dir().join("photos").join("nokia-lumia-gps.jpg"),
        PhotoSource::Camera,
        &CompressOptions::default(),
        &CancelToken::new(),
    )
    .unwrap();
    core.set_report_location(&id, central_hanoi_fix()).unwrap();
    id
}

fn problem_codes(core: &Core, id: &str) -> Vec<(ProblemCode, Option<String>)> {
    core.problems(id)
        .unwrap()
        .into_iter()
        .map(|p| (p.code, p.attribute_code))
        .collect()
}

/// The attributes the server recorded for each report.
fn recorded(city: &City) -> Vec<Value> {
    server_column(city, "attributes_json")
        .into_iter()
        .map(|t| serde_json::from_str(&t.unwrap()).unwrap())
        .collect()
}

/// Pull, answer the form, queue, send; what the server recorded.
async fn file_with_the_form(profile: &str) -> (City, Value) {
    let city = city_with_profile(profile).await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &city);
    // Before the first pull the shipped list is offered, without forms.
    assert!(core.service_attributes("ngap_ung").unwrap().is_empty());
    let id = flooding_draft(&core);
    assert_eq!(problem_codes(&core, &id), vec![]);

    core.pull(CancelToken::new()).await.unwrap();
    let form = core.service_attributes("ngap_ung").unwrap();
    let codes: Vec<(&str, AttributeType, bool, bool)> = form
        .iter()
        .map(|a| (a.code.as_str(), a.datatype, a.required, a.variable))
        .collect();
    assert_eq!(
        codes,
        [
            ("luu_y", AttributeType::String, false, false),
            ("do_sau_nuoc", AttributeType::SingleValueList, true, true),
            ("anh_huong", AttributeType::MultiValueList, false, true),
            ("bat_dau_luc", AttributeType::Datetime, false, true),
        ]
    );
    assert_eq!(form[1].values.len(), 3);
    assert_eq!(
        form[1].datatype_description.as_deref(),
        Some("duoi_20cm | 20_50cm | tren_50cm")
    );
    let trees: Vec<AttributeType> = core
        .service_attributes("cay_xanh")
        .unwrap()
        .iter()
        .map(|a| a.datatype)
        .collect();
    assert_eq!(
        trees,
        [
            AttributeType::Number,
            AttributeType::String,
            AttributeType::Text
        ]
    );

    // The draft written before the pull is checked against the form now.
    let problems = core.problems(&id).unwrap();
    assert_eq!(
        problem_codes(&core, &id),
        vec![(ProblemCode::AttributeMissing, Some("do_sau_nuoc".into()))]
    );
    // The city's "Vietnamese — English" label, each language in its message.
    assert_eq!(
        problems[0].message.vi,
        "Vui lòng trả lời mục «Độ sâu nước»."
    );
    assert_eq!(problems[0].message.en, "Please answer “Water depth”.");
    match core.queue_report(&id) {
        Err(Error::NotReady { problems }) => assert_eq!(problems.len(), 1),
        other => panic!("expected NotReady, got {other:?}"),
    }

    core.set_draft_attribute(&id, "do_sau_nuoc", vec!["sau_lam".into()])
        .unwrap();
    assert_eq!(
        problem_codes(&core, &id),
        vec![(ProblemCode::AttributeInvalid, Some("do_sau_nuoc".into()))]
    );
    core.set_draft_attribute(&id, "do_sau_nuoc", vec!["tren_50cm".into()])
        .unwrap();
    core.set_draft_attribute(&id, "anh_huong", vec!["duong".into(), "nha_dan".into()])
        .unwrap();
    core.set_draft_attribute(&id, "bat_dau_luc", vec!["2026-12-07T06:30:00+07:00".into()])
        .unwrap();
    // An answer the form does not ask is kept on the phone, never sent.
    core.set_draft_attribute(&id, "khong_co", vec!["x".into()])
        .unwrap();
    // Information is not a question: an answer to it is not sent either.
    let kept = core
        .set_draft_attribute(&id, "luu_y", vec!["y".into()])
        .unwrap();
    assert_eq!(kept.len(), 5);
    assert!(matches!(
        core.set_draft_attribute(&id, "a]b", vec!["x".into()]),
        Err(Error::InvalidAttributeCode { .. })
    ));
    assert_eq!(problem_codes(&core, &id), vec![]);

    core.queue_report(&id).unwrap();
    let summary = sync_once(&core).await;
    assert_eq!(
        (summary.sent, summary.needs_attention),
        (1, 0),
        "{summary:?}"
    );
    assert_eq!(core.report(&id).unwrap().state, ReportState::Submitted);
    // Kept with the report after sending.
    assert_eq!(core.draft_attributes(&id).unwrap().len(), 5);
    let got = recorded(&city).pop().unwrap();
    (city, got)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_plain_server_gets_the_answers_to_its_form() {
    let (city, got) = file_with_the_form("plain,city-forms").await;
    assert_eq!(
        got,
        json!({
            "do_sau_nuoc": "tren_50cm",
            "anh_huong": ["duong", "nha_dan"],
            "bat_dau_luc": "2026-12-07T06:30:00+07:00",
        })
    );
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strict_server_gets_only_codes_it_defines_and_refuses_others() {
    let (city, got) = file_with_the_form("plain,strict,city-forms").await;
    assert_eq!(got["do_sau_nuoc"], "tren_50cm");
    assert_eq!(got["anh_huong"], json!(["duong", "nha_dan"]));
    // The same server refuses a code its form does not define, and a
    // report without the required answer: what the core kept from it.
    let post = |extra: &[(&str, &str)]| {
        let mut form: Vec<(String, String)> = [
            ("api_key", API_KEY),
            ("service_code", "ngap_ung"),
            ("lat", "21.0287"),
            ("long", "105.8524"),
            ("description", "Ngập sâu sau mưa"),
        ]
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
        form.extend(
            extra
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        );
        sync_support::http_client()
            .post(format!("{}/requests.json", city.url()))
            .form(&form)
            .send()
    };
    let unknown = post(&[
        ("attribute[do_sau_nuoc]", "tren_50cm"),
        ("attribute[khong_co]", "x"),
    ])
    .await
    .unwrap();
    assert_eq!(unknown.status(), 400);
    assert!(
        unknown
            .text()
            .await
            .unwrap()
            .contains("attribute[khong_co]")
    );
    let missing = post(&[]).await.unwrap();
    assert_eq!(missing.status(), 400);
    assert!(missing.text().await.unwrap().contains("do_sau_nuoc"));
    city.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_checked_again_when_the_city_changes_its_form() {
    // First a city whose flooding service has no form of its own.
    let before = city_with_profile("plain").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &before);
    core.pull(CancelToken::new()).await.unwrap();
    assert!(core.service_attributes("ngap_ung").unwrap().is_empty());
    let id = flooding_draft(&core);
    core.set_draft_attribute(&id, "anh_huong", vec!["cho".into()])
        .unwrap();
    assert_eq!(problem_codes(&core, &id), vec![]);

    // The city starts publishing forms: the same draft, its answer kept, is
    // checked against them.
    let after = city_with_profile("plain,city-forms").await;
    core.configure_city_tuned(city_config(&after.url()), quick_tuning())
        .unwrap();
    core.pull(CancelToken::new()).await.unwrap();
    assert_eq!(
        problem_codes(&core, &id),
        vec![
            (ProblemCode::AttributeMissing, Some("do_sau_nuoc".into())),
            (ProblemCode::AttributeInvalid, Some("anh_huong".into())),
        ]
    );
    assert_eq!(
        core.draft_attributes(&id).unwrap()[0].values,
        vec!["cho".to_owned()]
    );
    before.server.shutdown().await;
    after.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_the_city_stops_publishing_is_dropped_from_the_phone() {
    let with_forms = city_with_profile("plain,city-forms").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &with_forms);
    core.pull(CancelToken::new()).await.unwrap();
    assert!(!core.service_attributes("ngap_ung").unwrap().is_empty());

    let without = city_with_profile("plain").await;
    core.configure_city_tuned(city_config(&without.url()), quick_tuning())
        .unwrap();
    core.pull(CancelToken::new()).await.unwrap();
    assert!(core.service_attributes("ngap_ung").unwrap().is_empty());
    with_forms.server.shutdown().await;
    without.server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn on_the_full_api_the_apps_own_attributes_are_not_questions() {
    let city = city_with_profile("city-forms").await;
    let dir = tempfile::tempdir().unwrap();
    let core = phone_on(dir.path(), &city);
    sync_support::sign_in(&core, &city).await;
    core.pull(CancelToken::new()).await.unwrap();
    let codes: Vec<String> = core
        .service_attributes("ngap_ung")
        .unwrap()
        .into_iter()
        .map(|a| a.code)
        .collect();
    assert_eq!(codes, ["luu_y", "do_sau_nuoc", "anh_huong", "bat_dau_luc"]);
    let id = flooding_draft(&core);
    core.set_draft_attribute(&id, "do_sau_nuoc", vec!["20_50cm".into()])
        .unwrap();
    core.queue_report(&id).unwrap();
    assert_eq!(sync_once(&core).await.sent, 1);
    let got = recorded(&city).pop().unwrap();
    assert_eq!(got["do_sau_nuoc"], "20_50cm");
    assert_eq!(
        got["location_source"], "gps",
        "the app's own still sent: {got}"
    );
    city.server.shutdown().await;
}

/// A server the phone has never profiled, whose discovery cannot be read at
/// first (every answer 500 through the proxy): nothing is guessed. The pull
/// fails as a whole instead of asking a strict plain server for the full
/// API's extensions, and a queued report waits, not sent with fields the
/// server refuses (`client_request_id`, the app's own attributes) nor
/// refused by it. Once the server answers, its forms arrive and the report,
/// answered, goes out with only what the server defines.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_never_profiled_is_not_assumed_to_be_the_full_api() {
    use ihanoi_fault_proxy::{Fault, FaultPlan, FaultProxy, ProxyConfig};
    let city = city_with_profile("plain,strict,city-forms").await;
    let proxy = FaultProxy::start(ProxyConfig {
        plan: FaultPlan::only(Fault::ServerError, 100),
        ..ProxyConfig::new(city.addr())
    })
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let core = sync_support::open_phone(
        dir.path(),
        std::sync::Arc::new(ihanoi_core::secrets::InMemorySecretStore::new()),
        &proxy.url(),
        quick_tuning(),
    );
    core.set_photo_input_dirs(&[shared_dir().join("photos")])
        .unwrap();
    let id = flooding_draft(&core);
    core.queue_report(&id).unwrap();

    assert!(core.pull(CancelToken::new()).await.is_err());
    let summary = sync_once(&core).await;
    assert_eq!(
        (summary.sent, summary.failed, summary.needs_attention),
        (0, 1, 0),
        "{summary:?}"
    );
    assert_eq!(core.report(&id).unwrap().state, ReportState::Queued);
    assert!(recorded(&city).is_empty());
    assert_eq!(core.server_profile().unwrap().learned_at_ms, 0);
    assert!(core.service_attributes("ngap_ung").unwrap().is_empty());

    proxy.set_faults(false);
    let pulled = core.pull(CancelToken::new()).await.unwrap();
    assert!(pulled.failed_steps.is_empty(), "{pulled:?}");
    assert_eq!(core.service_attributes("ngap_ung").unwrap().len(), 4);
    // Nothing was tried, so the report can still go back to the draft,
    // where the form now asks for its required answer.
    core.return_to_draft(&id).unwrap();
    assert_eq!(
        problem_codes(&core, &id),
        vec![(ProblemCode::AttributeMissing, Some("do_sau_nuoc".into()))]
    );
    core.set_draft_attribute(&id, "do_sau_nuoc", vec!["duoi_20cm".into()])
        .unwrap();
    core.queue_report(&id).unwrap();
    let sent = sync_support::sync_until_done(&core, 20).await;
    assert_eq!(sent.sent, 1);
    assert_eq!(server_column(&city, "client_request_id"), vec![None]);
    assert_eq!(recorded(&city), vec![json!({"do_sau_nuoc": "duoi_20cm"})]);
    drop(proxy);
    city.server.shutdown().await;
}
