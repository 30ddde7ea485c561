//! The terminal shell run as a process: output, JSON fields and exit codes.

use std::process::{Command, Output};

use serde_json::Value;

fn ihanoi(data: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ihanoi"))
        .arg("--data")
        .arg(data)
        .args(args)
        .output()
        .expect("run ihanoi")
}

fn json_of(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(bytes)))
}

#[test]
fn a_new_report_is_saved_and_listed() {
    let dir = tempfile::tempdir().unwrap();
    let made = ihanoi(
        dir.path(),
        &[
            "--json",
            "report",
            "new",
            "--category",
            "ve_sinh_moi_truong",
            "--text",
            "Rác thải đổ bừa bãi đầu ngõ",
            "--address",
            "ngõ 622 Minh Khai",
            "--urgency",
            "urgent",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let report = json_of(&made.stdout);
    let id = report["id"].as_str().unwrap().to_owned();
    assert_eq!(report["state"], "draft");
    assert_eq!(
        report["state_label"],
        serde_json::json!({ "vi": "Bản nháp", "en": "Draft" })
    );
    assert_eq!(report["urgency"], "urgent");
    // No photo and no position yet: the send button waits for them.
    assert_eq!(report["actions"]["can_queue"], false);
    assert_eq!(report["actions"]["can_edit"], true);
    let missing: Vec<&str> = report["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["photo_missing", "location_missing"]);

    let listed = json_of(&ihanoi(dir.path(), &["--json", "drafts"]).stdout);
    assert_eq!(listed["reports"][0]["id"], id.as_str());
    assert_eq!(listed["next_cursor"], Value::Null);

    let shown = ihanoi(dir.path(), &["--lang", "en", "show", &id]);
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("Status: Draft"), "{text}");
    assert!(text.contains("ngõ 622 Minh Khai"), "{text}");

    assert!(ihanoi(dir.path(), &["delete", &id]).status.success());
    assert_eq!(ihanoi(dir.path(), &["show", &id]).status.code(), Some(4));
}

#[test]
fn queueing_an_incomplete_report_exits_3_with_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let made = json_of(&ihanoi(dir.path(), &["--json", "report", "new", "--text", "ngắn"]).stdout);
    let id = made["id"].as_str().unwrap();
    let queued = ihanoi(dir.path(), &["--json", "queue", id]);
    assert_eq!(queued.status.code(), Some(3));
    let error = json_of(&queued.stderr);
    assert_eq!(error["error"]["kind"], "not_ready");
    let codes: Vec<&str> = error["error"]["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"category_missing"), "{codes:?}");
    assert!(codes.contains(&"description_too_short"), "{codes:?}");

    // Human output names what to do, in Vietnamese by default.
    let human = ihanoi(dir.path(), &["queue", id]);
    let text = String::from_utf8(human.stderr).unwrap();
    assert!(text.contains("Vui lòng chọn lĩnh vực phản ánh."), "{text}");
}

#[test]
fn bad_ids_are_usage_errors_and_unknown_ids_not_found() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        ihanoi(dir.path(), &["show", "../../etc/passwd"])
            .status
            .code(),
        Some(2)
    );
    let unknown = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
    assert_eq!(
        ihanoi(dir.path(), &["queue", unknown]).status.code(),
        Some(4)
    );
    assert_eq!(
        ihanoi(dir.path(), &["no-such-command"]).status.code(),
        Some(2)
    );
}

/// A photo taken years ago and edited is not refused (the city decides), but
/// the resident reads why it may be, before and after queueing; the category
/// and the ward are shown by name.
#[test]
fn an_old_edited_photo_is_queued_with_worded_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let shared = std::env::var_os("IHANOI_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared")
        });
    let old_photo = shared.join("photos/nikon-photoshop-edited.jpg");
    let made = ihanoi(
        dir.path(),
        &[
            "--json",
            "report",
            "new",
            "--photo",
            old_photo.to_str().unwrap(),
            "--lat",
            "21.0368",
            "--lon",
            "105.8346",
            "--category",
            "ve_sinh_moi_truong",
            "--text",
            "Rác thải đổ bừa bãi đầu ngõ",
            "--queue",
        ],
    );
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let report = json_of(&made.stdout);
    assert_eq!(report["state"], "queued");
    let codes: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["photo_old", "photo_edited"]);
    assert_eq!(report["category"]["name"]["vi"], "Vệ sinh môi trường");
    assert_eq!(report["urgency_label"]["en"], "Normal");
    assert_eq!(report["unit"]["name"], "Phường Ba Đình");
    assert_eq!(
        report["photos"][0]["flags"]["labels"][0]["code"],
        "older_than_7_days"
    );

    let id = report["id"].as_str().unwrap();
    let shown = ihanoi(dir.path(), &["show", id]);
    let text = String::from_utf8(shown.stdout).unwrap();
    assert!(text.contains("Lĩnh vực: Vệ sinh môi trường"), "{text}");
    assert!(
        text.contains("Ảnh 1: ảnh chụp cách đây hơn 7 ngày"),
        "{text}"
    );
    assert!(
        text.contains(
            "lưu ý cho người duyệt: ảnh chụp cách đây hơn 7 ngày, đã qua phần mềm chỉnh sửa"
        ),
        "{text}"
    );
    assert!(text.contains("Đơn vị phụ trách: Phường Ba Đình"), "{text}");
}
