//! Printing: human text in the chosen language, or JSON with stable field names.

use ihanoi_core::Error;
use ihanoi_core::i18n::Language;
use ihanoi_core::reports::{Problem, Report};
use serde_json::{Value, json};

pub struct Output {
    json: bool,
    language: Language,
}

impl Output {
    pub fn new(json: bool, language: Language) -> Self {
        Output { json, language }
    }

    fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.language.pick(vi, en)
    }

    pub fn report(&self, report: &Report) {
        if self.json {
            println!("{}", report_json(report, self.language));
            return;
        }
        println!("{} {}", self.t("Phản ánh", "Report"), report.id);
        println!(
            "  {}: {}",
            self.t("Trạng thái", "Status"),
            report.state.label(self.language)
        );
        println!(
            "  {}: {}",
            self.t("Lĩnh vực", "Category"),
            report.category_code.as_deref().unwrap_or("—")
        );
        println!(
            "  {}: {}",
            self.t("Nội dung", "Description"),
            report.description
        );
        println!(
            "  {}: {}",
            self.t("Địa điểm", "Address"),
            report.address.as_deref().unwrap_or("—")
        );
        println!(
            "  {}: {}",
            self.t("Mức độ", "Urgency"),
            report.urgency.label(self.language)
        );
    }

    pub fn page(&self, reports: &[Report], next_cursor: Option<&str>) {
        if self.json {
            let items: Vec<Value> = reports
                .iter()
                .map(|r| report_json(r, self.language))
                .collect();
            println!(
                "{}",
                json!({ "reports": items, "next_cursor": next_cursor })
            );
            return;
        }
        if reports.is_empty() {
            println!("{}", self.t("Không có phản ánh nào.", "No reports."));
        }
        for r in reports {
            let first_line = r.description.lines().next().unwrap_or("");
            println!(
                "{}  {:<14} {}",
                r.id,
                r.state.label(self.language),
                first_line
            );
        }
        if let Some(cursor) = next_cursor {
            println!("{} --cursor {cursor}", self.t("Trang sau:", "Next page:"));
        }
    }

    pub fn done(&self, vi: &str, en: &str, id: &str) {
        if self.json {
            println!("{}", json!({ "ok": true, "id": id }));
        } else {
            println!("{} {id}", self.t(vi, en));
        }
    }

    pub fn error(&self, error: &Error) {
        let (kind, message) = describe(error, self.language);
        if self.json {
            let problems: Vec<Value> = match error {
                Error::NotReady { problems } => problems.iter().map(problem_json).collect(),
                _ => Vec::new(),
            };
            eprintln!(
                "{}",
                json!({ "error": { "kind": kind, "message": message, "problems": problems } })
            );
            return;
        }
        eprintln!("{}: {message}", self.t("Lỗi", "Error"));
        if let Error::NotReady { problems } = error {
            for p in problems {
                eprintln!("  - {}", self.language.pick(&p.message_vi, &p.message_en));
            }
        }
    }
}

fn report_json(report: &Report, language: Language) -> Value {
    let actions = report.actions();
    json!({
        "id": report.id,
        "state": report.state.as_db_str(),
        "state_label": report.state.label(language),
        "category_code": report.category_code,
        "description": report.description,
        "address": report.address,
        "urgency": report.urgency.as_db_str(),
        "created_at_ms": report.created_at_ms,
        "updated_at_ms": report.updated_at_ms,
        "actions": {
            "can_edit": actions.can_edit,
            "can_queue": actions.can_queue,
            "can_return_to_draft": actions.can_return_to_draft,
            "can_delete": actions.can_delete,
        },
    })
}

fn problem_json(p: &Problem) -> Value {
    json!({ "code": p.code.as_str(), "message_vi": p.message_vi, "message_en": p.message_en })
}

/// A stable kind for scripts, and plain words with what to do next.
fn describe(error: &Error, language: Language) -> (&'static str, String) {
    let l = |vi: &str, en: &str| language.pick(vi, en).to_owned();
    match error {
        Error::NotReady { .. } => (
            "not_ready",
            l(
                "Phản ánh chưa đủ thông tin để gửi. Bổ sung các mục sau rồi chạy lại `ihanoi queue`:",
                "The report is not complete. Fix the following, then run `ihanoi queue` again:",
            ),
        ),
        Error::ReportNotFound { id } => (
            "not_found",
            format!(
                "{} {id}. {}",
                language.pick("Không tìm thấy phản ánh", "No report with id"),
                language.pick(
                    "Xem danh sách bằng `ihanoi reports`.",
                    "List them with `ihanoi reports`."
                )
            ),
        ),
        Error::InvalidReportId { id } => (
            "invalid_argument",
            format!(
                "{} {id:?}. {}",
                language.pick("Mã phản ánh không hợp lệ:", "Not a report id:"),
                language.pick("Mã có dạng 0193a1b2-….", "Ids look like 0193a1b2-….")
            ),
        ),
        Error::WrongState { state, .. } => (
            "wrong_state",
            format!(
                "{} ({}).",
                language.pick(
                    "Không thể thực hiện với phản ánh ở trạng thái này",
                    "Not possible for a report in this state"
                ),
                state.label(language)
            ),
        ),
        Error::TooLong { max, .. } => (
            "invalid_argument",
            format!(
                "{} {max}.",
                language.pick("Nội dung quá dài; tối đa", "Text too long; at most")
            ),
        ),
        Error::InvalidCursor => (
            "invalid_argument",
            l(
                "Con trỏ trang không hợp lệ; chạy lại không có --cursor.",
                "Invalid page cursor; run again without --cursor.",
            ),
        ),
        Error::Sqlite(_) | Error::Io { .. } | Error::SchemaTooNew { .. } => (
            "storage",
            format!(
                "{} ({error}). {}",
                language.pick("Lỗi lưu trữ", "Storage failed"),
                language.pick(
                    "Kiểm tra thư mục --data và dung lượng đĩa.",
                    "Check the --data directory and free disk space."
                )
            ),
        ),
        _ => ("unexpected", error.to_string()),
    }
}

/// The documented exit code for an error (see main.rs).
pub fn exit_code(error: &Error) -> u8 {
    match error {
        Error::NotReady { .. } => 3,
        Error::ReportNotFound { .. } => 4,
        Error::WrongState { .. } => 5,
        Error::InvalidReportId { .. } | Error::TooLong { .. } | Error::InvalidCursor => 2,
        Error::Sqlite(_) | Error::Io { .. } | Error::SchemaTooNew { .. } => 6,
        _ => 1,
    }
}
