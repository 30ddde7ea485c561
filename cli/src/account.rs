//! `login`, `logout`, `sync`: the core's sign-in and outbox, with the terminal
//! as the UI (a prompt for the code, progress bars on stderr).

use std::io::{BufRead, IsTerminal};
use std::sync::Arc;

use ihanoi_core::background::SyncAndPullSummary;
use ihanoi_core::net::SyncError;
use ihanoi_core::pull::PullStep;
use ihanoi_core::sync::{SyncOptions, SyncSummary};
use ihanoi_core::tasks::CancelToken;
use ihanoi_core::{Core, Error};
use serde_json::json;

use crate::args::LoginArgs;
use crate::commands::Context;
use crate::error::{CliError, CliResult};
use crate::output::{Output, format_time};
use crate::progress::SyncBars;

/// Wait for one of the core's async calls. The core runs the network part on
/// its own runtime; this thread only waits.
pub fn block_on<F: std::future::Future>(future: F) -> CliResult<F::Output> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| CliError::file("tokio runtime", e))?;
    Ok(runtime.block_on(future))
}

pub fn login(ctx: &Context, args: &LoginArgs) -> CliResult<()> {
    let out = ctx.out;
    ctx.check_secrets()?;
    let core = ctx.connected_core()?;
    let (phone, code) = match &args.code {
        Some(code) => (args.phone.clone(), code.clone()),
        None => {
            let sent = block_on(core.request_sign_in_code(&args.phone))??;
            if args.request_code {
                if out.is_json() {
                    out.json(
                        &json!({ "phone": sent.phone, "expires_in": sent.expires_in_seconds }),
                    );
                } else {
                    println!(
                        "{} {} ({} {} s). {}",
                        out.t("Đã gửi mã tới", "Code sent to"),
                        sent.phone,
                        out.t("hết hạn sau", "expires in"),
                        sent.expires_in_seconds,
                        out.t(
                            "Đăng nhập bằng: ihanoi login SỐ --code MÃ",
                            "Sign in with: ihanoi login PHONE --code CODE"
                        )
                    );
                }
                return Ok(());
            }
            eprint!(
                "{} {}. {}: ",
                out.t("Đã gửi mã tới", "Code sent to"),
                sent.phone,
                out.t("Nhập mã", "Type the code")
            );
            let mut line = String::new();
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .map_err(|e| CliError::file("stdin", e))?;
            let code = line.trim().to_owned();
            if code.is_empty() {
                return Err(CliError::NoCode);
            }
            (sent.phone, code)
        }
    };
    block_on(core.sign_in(&phone, &code, CancelToken::new()))??;
    if out.is_json() {
        out.json(&json!({ "signed_in": true }));
    } else {
        println!("{}", out.t("Đã đăng nhập.", "Signed in."));
    }
    Ok(())
}

pub fn logout(ctx: &Context) -> CliResult<()> {
    let out = ctx.out;
    ctx.check_secrets()?;
    // Offline or no server: the tokens are still removed here.
    let core = match ctx.connected_core() {
        Ok(core) => core,
        Err(CliError::NoServer | CliError::NoApiKey) => ctx.core()?,
        Err(other) => return Err(other),
    };
    block_on(core.sign_out())??;
    if out.is_json() {
        out.json(&json!({ "signed_in": false }));
    } else {
        println!(
            "{}",
            out.t(
                "Đã đăng xuất. Bản nháp và phản ánh đang chờ gửi vẫn được giữ.",
                "Signed out. Drafts and queued reports are kept."
            )
        );
    }
    Ok(())
}

pub fn sync(ctx: &Context) -> CliResult<()> {
    let out = ctx.out;
    ctx.check_secrets()?;
    let core = ctx.connected_core()?;
    let cancel = cancel_on_ctrl_c();
    // The same one call the phones' background jobs make: the outbox, then
    // what the city did (timelines, alerts, categories, areas).
    let run = core.sync_and_pull_blocking(SyncOptions::default(), bars(out), cancel)?;
    print_summary(&run, out);
    if run.cancelled {
        return Err(Error::Sync(SyncError::Cancelled).into());
    }
    if run.sign_in_needed {
        return Err(Error::Sync(SyncError::SignInNeeded).into());
    }
    // The exit code says what was sent; a pull that failed in part has its
    // own code only when sending had nothing to report (docs/sync.md).
    let sending_clean = run.sent.failed == 0 && run.sent.needs_attention == 0;
    if let Some(pulled) = &run.pulled
        && !pulled.failed_steps.is_empty()
        && sending_clean
    {
        return Err(CliError::PullIncomplete {
            steps: pulled
                .failed_steps
                .iter()
                .map(|f| f.step.as_str().to_owned())
                .collect(),
        });
    }
    Ok(())
}

/// The outbox, with bars on stderr when it is a terminal (and not --json).
pub fn send(core: &Core, out: &Output, cancel: CancelToken) -> CliResult<SyncSummary> {
    Ok(core.sync_blocking(SyncOptions::default(), bars(out), cancel)?)
}

fn bars(out: &Output) -> Arc<SyncBars> {
    let visible = !out.is_json() && std::io::stderr().is_terminal();
    Arc::new(SyncBars::new(out.language(), visible))
}

/// Ctrl-C stops the sync the way a phone's cancel button does: the upload in
/// flight is abandoned, the report stays queued under the same id, and the
/// summary says `cancelled`. A second Ctrl-C ends the process. The handler is
/// installed before this returns, so no early Ctrl-C kills the process mid-write.
fn cancel_on_ctrl_c() -> CancelToken {
    let cancel = CancelToken::new();
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return cancel;
    };
    #[cfg(unix)]
    let interrupts = runtime.block_on(async {
        tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt())
    });
    #[cfg(unix)]
    let Ok(mut interrupts) = interrupts else {
        return cancel;
    };
    let on_signal = cancel.clone();
    std::thread::spawn(move || {
        runtime.block_on(async {
            #[cfg(unix)]
            let pressed = interrupts.recv().await.is_some();
            #[cfg(not(unix))]
            let pressed = tokio::signal::ctrl_c().await.is_ok();
            if pressed {
                on_signal.cancel();
                #[cfg(unix)]
                interrupts.recv().await;
                #[cfg(not(unix))]
                let _ = tokio::signal::ctrl_c().await;
                std::process::exit(130);
            }
        });
    });
    cancel
}

pub fn print_summary(run: &SyncAndPullSummary, out: &Output) {
    let summary = &run.sent;
    if out.is_json() {
        out.json(&json!({
            "pull": run.pulled.as_ref().map(|pulled| json!({
                "new_updates": pulled.new_updates,
                "updated_report_ids": pulled.updated_report_ids,
                "new_alerts": pulled.new_alerts,
                "unread_updates": pulled.unread.updates,
                "unread_alerts": pulled.unread.alerts,
                "categories": format!("{:?}", pulled.categories).to_lowercase(),
                "areas": format!("{:?}", pulled.areas).to_lowercase(),
                "more_to_pull": pulled.more_to_pull,
                "skipped_records": pulled.skipped_records,
                "failed_steps": pulled.failed_steps.iter().map(|f| json!({
                    "step": f.step.as_str(),
                    "code": f.code,
                })).collect::<Vec<_>>(),
                "not_offered": pulled.not_offered.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
                "statuses_polled": pulled.statuses_polled,
            })),
            "sent": summary.sent,
            "failed": summary.failed,
            "waiting": summary.waiting,
            "needs_attention": summary.needs_attention,
            "sign_in_needed": summary.sign_in_needed,
            "cancelled": summary.cancelled,
            "next_retry_at_ms": summary.next_retry_at_ms,
        }));
        return;
    }
    println!(
        "{}: {} · {}: {} · {}: {} · {}: {}",
        out.t("Đã gửi", "Sent"),
        summary.sent,
        out.t("lỗi tạm thời", "failed for now"),
        summary.failed,
        out.t("còn chờ", "waiting"),
        summary.waiting,
        out.t("cần sửa", "need attention"),
        summary.needs_attention
    );
    if let Some(at) = summary.next_retry_at_ms {
        println!(
            "{} {}",
            out.t("Thử lại sau:", "Next try after:"),
            format_time(at, None)
        );
    }
    let Some(pulled) = &run.pulled else {
        return;
    };
    println!(
        "{}: {} · {}: {} · {}: {}",
        out.t("Cập nhật mới", "New updates"),
        pulled.new_updates,
        out.t("cảnh báo mới", "new alerts"),
        pulled.new_alerts,
        out.t("chưa đọc", "unread"),
        pulled.unread.updates + pulled.unread.alerts
    );
    for failed in &pulled.failed_steps {
        println!(
            "{} {} ({})",
            out.t("Chưa tải được", "Could not fetch"),
            out.pick(&failed.step.label()),
            failed.code
        );
    }
    for step in &pulled.not_offered {
        println!(
            "{} {}{}",
            out.t("Máy chủ không cung cấp", "The server does not offer"),
            out.pick(&step.label()),
            if *step == PullStep::Updates {
                out.t(
                    " (trạng thái được hỏi trực tiếp)",
                    " (statuses are asked directly)",
                )
            } else {
                ""
            }
        );
    }
    if pulled.skipped_records > 0 {
        println!(
            "{}: {}",
            out.t(
                "Bản ghi sai định dạng từ máy chủ đã bỏ qua",
                "Malformed records from the server skipped"
            ),
            pulled.skipped_records
        );
    }
    if pulled.more_to_pull {
        println!(
            "{}",
            out.t(
                "Máy chủ còn dữ liệu; phần còn lại sẽ được tải ở lần đồng bộ sau.",
                "The server has more; the rest comes with the next sync."
            )
        );
    }
}
