//! The core's log lines to the platform log: the shell implements [`LogSink`]
//! (Logcat on Android, `os_log` on iOS) and installs it once at start-up.
//! Lines carry no personal data ([`ihanoi_core::logs`]).

use std::sync::Arc;

use ihanoi_core::logs::LogLevel;

use crate::error::IhanoiError;

/// The platform's log. Called on whichever thread logged: write and return.
#[uniffi::export(callback_interface)]
pub trait LogSink: Send + Sync {
    fn log(&self, level: LogLevel, target: String, message: String);
}

struct ForeignLogSink(Box<dyn LogSink>);

impl ihanoi_core::logs::LogSink for ForeignLogSink {
    fn log(&self, level: LogLevel, target: &str, message: &str) {
        self.0.log(level, target.to_owned(), message.to_owned());
    }
}

/// Send the core's lines at `max_level` and above to `sink` for the rest of
/// the process. Once per process: a second call fails with `WrongState`.
#[uniffi::export]
pub fn install_log_sink(sink: Box<dyn LogSink>, max_level: LogLevel) -> Result<(), IhanoiError> {
    ihanoi_core::logs::install_log_sink(Arc::new(ForeignLogSink(sink)), max_level).map_err(|e| {
        IhanoiError::WrongState {
            text: ihanoi_core::i18n::Bilingual::new(
                "Bộ nhận nhật ký đã được cài.",
                "A log sink is already installed.",
            ),
            detail: e.to_string(),
        }
    })
}

/// Change the level of the installed sink.
#[uniffi::export]
pub fn set_log_level(max_level: LogLevel) {
    ihanoi_core::logs::set_log_level(max_level);
}
