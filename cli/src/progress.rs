//! Progress bars for `ihanoi sync`, drawn on stderr from the core's
//! [`SyncListener`] events (stdout keeps only the result, for scripts).
//! indicatif hides the bars by itself when stderr is not a terminal.

use std::collections::HashMap;
use std::sync::Mutex;

use ihanoi_core::i18n::Language;
use ihanoi_core::reports::ReportState;
use ihanoi_core::sync::{SyncEvent, SyncListener};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

pub struct SyncBars {
    language: Language,
    bars: MultiProgress,
    overall: Mutex<Option<ProgressBar>>,
    per_report: Mutex<HashMap<String, ProgressBar>>,
}

impl SyncBars {
    pub fn new(language: Language, visible: bool) -> Self {
        let target = if visible {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        SyncBars {
            language,
            bars: MultiProgress::with_draw_target(target),
            overall: Mutex::new(None),
            per_report: Mutex::new(HashMap::new()),
        }
    }

    fn report_bar(&self, report_id: &str, total: u64) -> ProgressBar {
        let mut bars = self.per_report.lock().unwrap_or_else(|p| p.into_inner());
        bars.entry(report_id.to_owned())
            .or_insert_with(|| {
                let bar = self.bars.add(ProgressBar::new(total));
                bar.set_style(
                    ProgressStyle::with_template(
                        "  {prefix} [{bar:30}] {bytes}/{total_bytes} {binary_bytes_per_sec}",
                    )
                    .expect("a valid template")
                    .progress_chars("=> "),
                );
                bar.set_prefix(short_id(report_id));
                bar
            })
            .clone()
    }
}

/// The last 8 characters of a UUIDv7 differ between reports (the first ones
/// are the creation time and repeat).
fn short_id(id: &str) -> String {
    id.chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect()
}

impl SyncListener for SyncBars {
    fn on_event(&self, event: SyncEvent) {
        match event {
            SyncEvent::Started { due } => {
                let bar = self.bars.add(ProgressBar::new(u64::from(due)));
                bar.set_style(
                    ProgressStyle::with_template("{msg} {pos}/{len}").expect("a valid template"),
                );
                bar.set_message(
                    self.language
                        .pick("Đang gửi phản ánh", "Sending reports")
                        .to_owned(),
                );
                *self.overall.lock().unwrap_or_else(|p| p.into_inner()) = Some(bar);
            }
            SyncEvent::Progress {
                report_id,
                bytes_sent,
                bytes_total,
            } => {
                let bar = self.report_bar(&report_id, bytes_total);
                bar.set_length(bytes_total);
                bar.set_position(bytes_sent);
            }
            SyncEvent::ReportChanged { report_id, state } => {
                if state == ReportState::Sending {
                    return;
                }
                if let Some(bar) = self
                    .per_report
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .remove(&report_id)
                {
                    bar.finish();
                }
                if let Some(overall) = &*self.overall.lock().unwrap_or_else(|p| p.into_inner()) {
                    overall.inc(1);
                }
                let _ = self.bars.println(format!(
                    "  {} → {}",
                    short_id(&report_id),
                    state.label().pick(self.language)
                ));
            }
            SyncEvent::SignInNeeded => {
                let _ = self.bars.println(self.language.pick(
                    "  Cần đăng nhập lại (ihanoi login).",
                    "  Sign-in needed (ihanoi login).",
                ));
            }
            SyncEvent::Finished { .. } => {
                if let Some(overall) = self
                    .overall
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .take()
                {
                    overall.finish();
                }
                for (_, bar) in self
                    .per_report
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .drain()
                {
                    bar.finish_and_clear();
                }
            }
        }
    }
}
