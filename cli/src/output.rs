//! Printing: human text in the chosen language, or JSON with stable field names.

use ihanoi_core::i18n::{Bilingual, Language};
use ihanoi_core::reports::{Problem, Report, ReportDetails};
use ihanoi_core::{Error, ErrorKind};
use serde_json::{Value, json};

use crate::error::CliError;

pub struct Output {
    json: bool,
    language: Language,
}

impl Output {
    pub fn new(json: bool, language: Language) -> Self {
        Output { json, language }
    }

    pub fn t<'a>(&self, vi: &'a str, en: &'a str) -> &'a str {
        self.language.pick(vi, en)
    }

    /// The core's text in the chosen language.
    pub fn pick<'a>(&self, text: &'a Bilingual) -> &'a str {
        text.pick(self.language)
    }

    /// A report as the core words it (labels, names, the city's reason,
    /// problems and warnings).
    pub fn report(&self, details: &ReportDetails) {
        if self.json {
            println!("{}", details_json(details));
            return;
        }
        let l = self.language;
        let report = &details.report;
        println!("{} {}", self.t("Phản ánh", "Report"), report.id);
        println!(
            "  {}: {}",
            self.t("Trạng thái", "Status"),
            details.state_label.pick(l)
        );
        if let Some(reason) = &details.attention {
            println!(
                "  {}: {} ({})",
                self.t("Lý do thành phố trả lại", "The city's reason"),
                reason.message.pick(l),
                reason.code
            );
        }
        println!(
            "  {}: {}",
            self.t("Lĩnh vực", "Category"),
            details
                .category
                .as_ref()
                .map(|c| c.name.pick(l))
                .unwrap_or("—")
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
            details.urgency_label.pick(l)
        );
        for p in &details.problems {
            println!(
                "  {} {}",
                self.t("Còn thiếu:", "Missing:"),
                p.message.pick(l)
            );
        }
        for w in &details.warnings {
            println!("  {} {}", self.t("Lưu ý:", "Note:"), w.message.pick(l));
        }
    }

    pub fn page(&self, reports: &[Report], next_cursor: Option<&str>) {
        if self.json {
            let items: Vec<Value> = reports.iter().map(report_json).collect();
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
                r.state.label().pick(self.language),
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

    pub fn error(&self, error: &CliError) {
        let kind = error.kind().code();
        let message = describe(error, self.language);
        if self.json {
            let problems: Vec<Value> = match error {
                CliError::Core(Error::NotReady { problems }) => {
                    problems.iter().map(problem_json).collect()
                }
                _ => Vec::new(),
            };
            eprintln!(
                "{}",
                json!({ "error": { "kind": kind, "message": message, "problems": problems } })
            );
            return;
        }
        eprintln!("{}: {message}", self.t("Lỗi", "Error"));
        if let CliError::Core(Error::NotReady { problems }) = error {
            for p in problems {
                eprintln!("  - {}", p.message.pick(self.language));
            }
        }
    }

    pub fn is_json(&self) -> bool {
        self.json
    }

    pub fn language(&self) -> Language {
        self.language
    }

    pub fn json(&self, value: &Value) {
        println!("{value}");
    }
}

/// A Unix time in the city's local time (UTC+7, no DST) or the photo's own
/// offset: `2026-11-20 08:15 (+07:00)`. The core formats the W3C date-time.
pub fn format_time(ms: i64, offset_minutes: Option<i32>) -> String {
    let w3c = ihanoi_core::time::w3c::format(ms, offset_minutes.unwrap_or(7 * 60));
    match (w3c.get(..10), w3c.get(11..16), w3c.get(19..)) {
        (Some(date), Some(time), Some(offset)) => format!("{date} {time} ({offset})"),
        _ => w3c,
    }
}

/// A report's own fields (lists show these; [`details_json`] adds what the
/// core decides about it, its buttons among them).
pub fn report_json(report: &Report) -> Value {
    json!({
        "id": report.id,
        "state": report.state.as_db_str(),
        "state_label": report.state.label(),
        "category_code": report.category_code,
        "description": report.description,
        "address": report.address,
        "urgency": report.urgency.as_db_str(),
        "created_at_ms": report.created_at_ms,
        "updated_at_ms": report.updated_at_ms,
        "send_started": report.send_started,
    })
}

/// [`report_json`] with what the core says about the report.
pub fn details_json(details: &ReportDetails) -> Value {
    let mut value = report_json(&details.report);
    let actions = details.actions;
    value["actions"] = json!({
        "can_edit": actions.can_edit,
        "can_queue": actions.can_queue,
        "can_return_to_draft": actions.can_return_to_draft,
        "can_delete": actions.can_delete,
    });
    value["category"] = details
        .category
        .as_ref()
        .map(|c| json!({ "code": c.code, "name": c.name, "listed": c.listed }))
        .unwrap_or(Value::Null);
    value["urgency_label"] = json!(details.urgency_label);
    value["unit"] = details
        .unit
        .as_ref()
        .map(|u| json!({ "code": u.code, "name": u.name, "from_city": u.from_city }))
        .unwrap_or(Value::Null);
    value["attention"] = details
        .attention
        .as_ref()
        .map(|r| json!({ "code": r.code, "message": r.message }))
        .unwrap_or(Value::Null);
    value["problems"] = details.problems.iter().map(problem_json).collect();
    value["warnings"] = details
        .warnings
        .iter()
        .map(|w| {
            json!({
                "code": w.code.as_str(),
                "photo_position": w.photo_position,
                "message": w.message,
            })
        })
        .collect();
    value
}

fn problem_json(p: &Problem) -> Value {
    json!({ "code": p.code.as_str(), "message": p.message })
}

/// Plain words with what to do next (the kind is `CliError::kind`'s).
fn describe(error: &CliError, language: Language) -> String {
    let l = |vi: &str, en: &str| language.pick(vi, en).to_owned();
    match error {
        CliError::Core(core) => describe_core(core, language),
        CliError::NoServer =>             l(
                "Chưa có địa chỉ máy chủ của thành phố. Thêm --server URL (hoặc biến IHANOI_SERVER); địa chỉ sẽ được ghi nhớ. Muốn thử mà không có máy chủ: `ihanoi demo`.",
                "No city server yet. Add --server URL (or IHANOI_SERVER); it is remembered. To try without a server: `ihanoi demo`.",
            ),
        CliError::NoApiKey =>             l(
                "Thiếu api_key của ứng dụng cho máy chủ này. Thêm --api-key KEY (hoặc IHANOI_API_KEY).",
                "The app's api_key for this server is missing. Add --api-key KEY (or IHANOI_API_KEY).",
            ),
        CliError::KeyringUnavailable { detail } =>             format!(
                "{} ({detail}). {}",
                language.pick(
                    "Không dùng được kho khoá bảo mật của hệ điều hành (keyring)",
                    "The operating system's keyring cannot be used here"
                ),
                language.pick(
                    "Trên máy chủ CI hoặc container không có keyring, chạy lại với --insecure-token-file FILE (mã đăng nhập sẽ nằm trong tệp đó, chỉ người dùng này đọc được).",
                    "On a CI runner or a container without a keyring, run again with --insecure-token-file FILE (tokens are then kept in that file, readable by this user only)."
                )
            ),
        CliError::TokenFileNotPrivate { path, mode } => match language {
            Language::Vi => format!(
                "Tệp token {} có quyền {mode:04o}: người khác trên máy này đọc được mã đăng nhập. Hãy chỉ cho phép bạn đọc: chmod 600 {}",
                path.display(),
                path.display()
            ),
            Language::En => format!(
                "The token file {} has mode {mode:04o}: other users of this machine can read the sign-in tokens. Make it yours only: chmod 600 {}",
                path.display(),
                path.display()
            ),
        },
        CliError::PullIncomplete { steps } => format!(
            "{}: {}. {}",
            language.pick(
                "Đã gửi xong, nhưng chưa tải được",
                "Sending went through, but these could not be fetched"
            ),
            steps.join(", "),
            language.pick("Lần đồng bộ sau sẽ thử lại.", "The next sync tries again.")
        ),
        CliError::NoCode => l(
                "Chưa nhập mã. Chạy lại `ihanoi login SỐ_ĐIỆN_THOẠI` và nhập mã trong tin nhắn, hoặc dùng --code.",
                "No code typed. Run `ihanoi login PHONE` again and type the code from the SMS, or pass --code.",
            ),
        CliError::File { path, source } =>             format!(
                "{} {} ({source}).",
                language.pick("Không đọc/ghi được tệp", "Could not read or write"),
                path.display()
            ),
        CliError::ServerIncompatible { failing } => format!(
                "{}: {}. {}",
                language.pick(
                    "Máy chủ thiếu hoặc hỏng chức năng ứng dụng bắt buộc phải có",
                    "The server lacks or breaks what the app requires"
                ),
                failing.join(", "),
                language.pick(
                    "Xem bảng ở trên và docs/city-api.md.",
                    "See the table above and docs/city-api.md."
                )
            ),
        CliError::Unreachable { detail } =>             format!(
                "{} ({detail}). {}",
                language.pick("Không kết nối được máy chủ", "Could not reach the server"),
                language.pick(
                    "Kiểm tra địa chỉ và mạng.",
                    "Check the address and the network."
                )
            ),
        CliError::DeviceCheckFailed { failing } => format!(
            "{}: {}. {}",
            language.pick("Thiết bị có mục lỗi", "The device has failing checks"),
            failing.join(", "),
            language.pick(
                "Làm theo hướng dẫn trong bảng ở trên.",
                "Follow what the table above says to do."
            )
        ),
        CliError::Demo { step, detail } => format!(
                "{} '{step}': {detail}",
                language.pick("Bản chạy thử dừng ở bước", "The demo stopped at step")
            ),
    }
}

/// The core's words for what happened, then what to do here: the terminal's own
/// hint (its flags and commands) where it has one, else the core's advice.
fn describe_core(error: &Error, language: Language) -> String {
    let kind = error.kind();
    let said = error.text();
    let said = said.pick(language).trim_end_matches('.');
    let next = terminal_hint(kind).unwrap_or_else(|| kind.advice());
    let next = next.pick(language);
    // The developer's detail where it helps someone at a terminal (a path, the
    // HTTP status and the city's reason); never for the resident's own input.
    match kind {
        ErrorKind::Storage
        | ErrorKind::Network
        | ErrorKind::NotConfigured
        | ErrorKind::SecretStore
        | ErrorKind::Refused => format!("{said} ({error}). {next}"),
        _ => format!("{said}. {next}"),
    }
}

/// What to do, in the terminal's terms.
fn terminal_hint(kind: ErrorKind) -> Option<Bilingual> {
    let (vi, en) = match kind {
        ErrorKind::NotReady => (
            "Bổ sung các mục sau rồi chạy lại `ihanoi queue`:",
            "Fix the following, then run `ihanoi queue` again:",
        ),
        ErrorKind::NotFound => (
            "Xem danh sách bằng `ihanoi reports`.",
            "List them with `ihanoi reports`.",
        ),
        ErrorKind::NotConfigured => (
            "Dùng --server https://… --api-key KEY (http:// chỉ với 127.0.0.1/localhost).",
            "Use --server https://… --api-key KEY (http:// only for 127.0.0.1/localhost).",
        ),
        ErrorKind::AreasUnavailable => (
            "Dùng --areas FILE hoặc chạy `ihanoi sync`.",
            "Pass --areas FILE or run `ihanoi sync`.",
        ),
        ErrorKind::Storage => (
            "Kiểm tra thư mục --data và dung lượng đĩa.",
            "Check the --data directory and free disk space.",
        ),
        ErrorKind::SecretStore => (
            "Trên CI: dùng --insecure-token-file FILE.",
            "On CI: use --insecure-token-file FILE.",
        ),
        ErrorKind::SignInNeeded => (
            "Chạy `ihanoi login SỐ_ĐIỆN_THOẠI`; phản ánh đã xếp hàng vẫn được giữ.",
            "Run `ihanoi login PHONE`; queued reports are kept.",
        ),
        ErrorKind::Network => (
            "Kiểm tra mạng và địa chỉ --server rồi thử lại; phản ánh đã xếp hàng vẫn được giữ.",
            "Check the network and --server, then try again; queued reports are kept.",
        ),
        ErrorKind::PhotoCorrupt
        | ErrorKind::PhotoUnsupported
        | ErrorKind::PhotoTooLarge
        | ErrorKind::PhotoFailed => (
            "Chọn ảnh JPEG, PNG hoặc WebP khác.",
            "Choose another JPEG, PNG or WebP photo.",
        ),
        _ => return None,
    };
    Some(Bilingual::new(vi, en))
}

/// The documented exit code for an error (README, "The terminal shell").
pub fn exit_code(error: &CliError) -> u8 {
    error.kind().exit_code()
}
