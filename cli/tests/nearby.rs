//! `ihanoi nearby ID` as processes against the reference server on loopback
//! (a plain GeoReport v2 profile: no sign-in, so two phones can file): one
//! phone's sent report is listed to another's draft 22 m away, never to its
//! own; offline the last answer is shown as saved; `show` carries it.

mod support;

use support::{API_KEY, City, assert_exit, ihanoi_in, json_of, photo, queued_report, text};

/// `report new` at 22 m north of `queued_report`'s position, not queued.
fn draft_near(data: &std::path::Path) -> String {
    let photo = photo("iphone4s-gps-small.jpg");
    let made = ihanoi_in(
        data,
        &[
            "--json",
            "report",
            "new",
            "--photo",
            photo.to_str().unwrap(),
            "--lat",
            "21.0289",
            "--lon",
            "105.8524",
            "--category",
            "ve_sinh_moi_truong",
            "--text",
            "Rác thải ở đầu ngõ, chưa ai dọn",
        ],
    );
    assert_exit(&made, 0);
    json_of(&made.stdout)["id"].as_str().unwrap().to_owned()
}

#[test]
fn nearby_lists_others_reports_and_the_saved_answer_offline() {
    let city = City::start_with_profile("plain");
    let url = city.url();
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    let server = ["--server", url.as_str(), "--api-key", API_KEY];

    // The first phone files and sends a report.
    let mut args: Vec<String> = server.iter().map(|s| s.to_string()).collect();
    args.extend(queued_report("nokia-lumia-gps.jpg", &[]));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert_exit(&ihanoi_in(first.path(), &args), 0);
    assert_exit(&ihanoi_in(first.path(), &["sync"]), 0);
    let city_id = city.reports()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();

    // Its own report is not someone else's.
    let own_draft = draft_near(first.path());
    let own = ihanoi_in(first.path(), &["--json", "nearby", &own_draft]);
    assert_exit(&own, 0);
    assert_eq!(json_of(&own.stdout)["total"], 0);

    // The second phone's draft 22 m away sees it.
    let mut with_server = server.to_vec();
    with_server.extend(["--json", "categories"]);
    assert_exit(&ihanoi_in(second.path(), &with_server), 0);
    let id = draft_near(second.path());
    let found = ihanoi_in(second.path(), &["--json", "nearby", &id]);
    assert_exit(&found, 0);
    let answer = json_of(&found.stdout);
    assert_eq!(answer["source"], "live");
    assert_eq!(answer["total"], 1);
    let report = &answer["reports"][0];
    assert_eq!(report["service_request_id"], city_id.as_str());
    assert_eq!(report["distance_m"], 22);
    assert_eq!(report["status_label"]["vi"], "Chờ tiếp nhận");
    let thumbnail = report["photos"][0]["thumbnail_path"].as_str().unwrap();
    assert!(std::path::Path::new(thumbnail).is_file());

    // Vietnamese first in text.
    let words = ihanoi_in(second.path(), &["nearby", &id]);
    assert_exit(&words, 0);
    let shown = text(&words.stdout);
    assert!(shown.contains("Thành phố đã có 1 phản ánh"), "{shown}");
    assert!(shown.contains("22 m"), "{shown}");

    // The city out of reach: the saved answer, said to be one.
    drop(city);
    let offline = ihanoi_in(second.path(), &["--json", "nearby", &id]);
    assert_exit(&offline, 0);
    let offline = json_of(&offline.stdout);
    assert_eq!(offline["source"], "cached");
    assert_eq!(
        offline["reports"][0]["service_request_id"],
        city_id.as_str()
    );
    assert!(
        offline["freshness"]["vi"]
            .as_str()
            .unwrap()
            .contains("đã lưu")
    );
    let show = ihanoi_in(second.path(), &["--json", "show", &id]);
    assert_exit(&show, 0);
    let details = json_of(&show.stdout);
    assert_eq!(details["nearby"]["total"], 1);
    let codes: Vec<&str> = details["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"similar_reports_nearby"), "{codes:?}");
    assert_eq!(details["actions"]["can_queue"], true);
}
