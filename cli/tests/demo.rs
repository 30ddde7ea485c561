//! `ihanoi demo` runs to the end: local city, sign-in, offline report from a
//! generated photo, sync, the ward's answer with a result photo, pull, timeline.

mod support;

use support::{assert_exit, json_of, text};

fn demo(args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    support::ihanoi_in(dir.path(), args)
}

#[test]
fn the_demo_prints_the_timeline_in_vietnamese() {
    let run = demo(&["demo"]);
    assert_exit(&run, 0);
    let said = text(&run.stdout);
    for step in 1..=7 {
        assert!(said.contains(&format!("[{step}/7")), "step {step}: {said}");
    }
    assert!(said.contains("Dòng thời gian của phản ánh"), "{said}");
    assert!(said.contains("Phường Hoàn Kiếm: đã tiếp nhận"), "{said}");
    assert!(
        said.contains("“Đã thu gom rác và vệ sinh vỉa hè."),
        "{said}"
    );
    assert!(said.contains("ảnh kết quả 1: "), "{said}");
    assert!(said.contains("Xong"), "{said}");
}

#[test]
fn the_demo_in_english_as_json_is_one_report_with_its_timeline() {
    let kept = tempfile::tempdir().unwrap();
    let run = demo(&[
        "--lang",
        "en",
        "--json",
        "demo",
        "--keep",
        kept.path().to_str().unwrap(),
    ]);
    assert_exit(&run, 0);
    let report = json_of(&run.stdout);
    assert_eq!(report["state"], "submitted");
    assert_eq!(report["location"]["source"], "photo_exif");
    assert_eq!(report["location"]["area_code"], "00070");
    assert_eq!(report["photos"][0]["source"], "camera");
    assert!(report["photos"][0]["captured_at_ms"].is_i64());
    assert_eq!(report["status"]["detailed_status"], "resolved");
    let timeline = report["timeline"].as_array().unwrap();
    let kinds: Vec<&str> = timeline
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["accepted", "started", "resolved"]);
    let thumbnail = timeline[2]["photos"][0]["thumbnail_path"].as_str().unwrap();
    assert!(std::path::Path::new(thumbnail).is_file());
    assert!(thumbnail.starts_with(kept.path().to_str().unwrap()));
}

/// A bare checkout with no shared data beside it runs the demo on the 126
/// units the core ships, and the timeline names the category, not its code.
#[test]
fn without_shared_data_the_demo_runs_on_the_built_in_wards() {
    let dir = tempfile::tempdir().unwrap();
    let run = support::command(dir.path())
        .env("IHANOI_SHARED", dir.path().join("no-shared-here"))
        .args(["--lang", "en", "demo"])
        .output()
        .unwrap();
    assert_exit(&run, 0);
    let said = text(&run.stdout);
    assert!(
        said.contains("the 126 wards and communes built into the app"),
        "{said}"
    );
    assert!(said.contains("Resolved by Phường Hoàn Kiếm"), "{said}");
    assert!(
        said.contains("Category: Environmental sanitation"),
        "{said}"
    );
    assert!(!said.contains("ve_sinh_moi_truong"), "{said}");
    assert!(
        said.contains("City's request id: 1 (Phường Hoàn Kiếm)"),
        "{said}"
    );
}
