//! `ihanoi doctor`: the device check the phone apps show install teams, as a
//! table. The terminal has no camera, permissions or GPS switch, so it passes
//! no phone facts: the rows are the core's own (server, clock, sign-in, store,
//! photo folder, outbox, data age).

use ihanoi_core::Core;
use ihanoi_core::device_check::{CheckStatus, DeviceCheckReport, DeviceFacts};
use serde_json::{Value, json};

use crate::commands::Context;
use crate::error::{CliError, CliResult};
use crate::output::Output;
use crate::settings::Settings;

pub fn run(ctx: &Context) -> CliResult<()> {
    let core = ctx.core()?;
    // No server remembered is one of the things the check reports.
    if let Ok(config) = Settings::load(core.data_dir())?.city_config() {
        core.configure_city(config)?;
    }
    let report = check(&core)?;
    print(&report, ctx.out);
    let failing: Vec<String> = report
        .checks
        .iter()
        .filter(|c| c.status == CheckStatus::Fail)
        .map(|c| c.code.as_str().to_owned())
        .collect();
    if failing.is_empty() {
        Ok(())
    } else {
        Err(CliError::DeviceCheckFailed { failing })
    }
}

fn check(core: &Core) -> CliResult<DeviceCheckReport> {
    Ok(core.device_check_blocking(DeviceFacts::default())?)
}

fn status_word(status: CheckStatus, out: &Output) -> &'static str {
    match status {
        CheckStatus::Ok => out.t("ổn", "ok"),
        CheckStatus::Warn => out.t("chú ý", "warn"),
        CheckStatus::Fail => out.t("LỖI", "FAIL"),
    }
}

fn print(report: &DeviceCheckReport, out: &Output) {
    if out.is_json() {
        let checks: Vec<Value> = report
            .checks
            .iter()
            .map(|c| {
                json!({
                    "code": c.code.as_str(),
                    "status": c.status.as_str(),
                    "label": c.label,
                    "action": c.action,
                    "detail": c.detail,
                })
            })
            .collect();
        out.json(&json!({
            "verdict": report.verdict.as_str(),
            "checked_at_ms": report.checked_at_ms,
            "checks": checks,
        }));
        return;
    }
    let language = out.language();
    println!(
        "{:<6} {:<24} {}",
        out.t("kết quả", "result"),
        out.t("mục", "check"),
        out.t("tình trạng / cách sửa", "finding / what to do")
    );
    for c in &report.checks {
        let label = c.label.pick(language);
        let detail = c
            .detail
            .as_deref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        println!(
            "{:<6} {:<24} {label}{detail}",
            status_word(c.status, out),
            c.code.as_str()
        );
        let action = c.action.pick(language);
        if !action.is_empty() {
            println!("{:<6} {:<24} → {action}", "", "");
        }
    }
    println!(
        "{}: {}",
        out.t("Kết luận", "Verdict"),
        status_word(report.verdict, out)
    );
}
