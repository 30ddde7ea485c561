//! A minimal `tracing` subscriber: events of the core's crates, at or above a
//! level, formatted to one line each and handed to the installed sink. The
//! core opens no spans, so spans are accepted and ignored.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};

use crate::logs::sink::{LogLevel, LogSink};

/// Crates whose events reach the sink: the app's own (the core and the FFI
/// crate). Not the reference city server, which runs in the same process in
/// tests and logs what a server may (development sign-in codes).
const FORWARDED_CRATES: [&str; 2] = ["ihanoi_core", "ihanoi_ffi"];

fn forwarded(target: &str) -> bool {
    FORWARDED_CRATES.iter().any(|krate| {
        target
            .strip_prefix(krate)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
    })
}

static LEVEL: AtomicU8 = AtomicU8::new(LogLevel::Info as u8);
static INSTALLED: OnceLock<()> = OnceLock::new();

/// A sink was already installed in this process (the platform log is one
/// per process; change the level with [`set_log_level`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("a log sink is already installed")]
pub struct LogSinkAlreadyInstalled;

/// Send the core's log lines at `max_level` and above to `sink`, for the rest
/// of the process. Once only: a second call returns an error and changes
/// nothing (also when something else already set a `tracing` subscriber).
pub fn install_log_sink(
    sink: Arc<dyn LogSink>,
    max_level: LogLevel,
) -> Result<(), LogSinkAlreadyInstalled> {
    if INSTALLED.set(()).is_err() {
        return Err(LogSinkAlreadyInstalled);
    }
    LEVEL.store(max_level as u8, Ordering::Relaxed);
    tracing::subscriber::set_global_default(SinkSubscriber { sink })
        .map_err(|_| LogSinkAlreadyInstalled)
}

/// Change the level of the installed sink (a debug screen's switch).
pub fn set_log_level(max_level: LogLevel) {
    LEVEL.store(max_level as u8, Ordering::Relaxed);
    tracing::callsite::rebuild_interest_cache();
}

fn current_level() -> LogLevel {
    match LEVEL.load(Ordering::Relaxed) {
        0 => LogLevel::Error,
        1 => LogLevel::Warn,
        2 => LogLevel::Info,
        3 => LogLevel::Debug,
        _ => LogLevel::Trace,
    }
}

struct SinkSubscriber {
    sink: Arc<dyn LogSink>,
}

impl Subscriber for SinkSubscriber {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if forwarded(metadata.target()) {
            // The level may change at run time: ask `enabled` each time.
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        forwarded(metadata.target()) && LogLevel::from_tracing(metadata.level()) <= current_level()
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(current_level().as_filter())
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let metadata = event.metadata();
        let mut line = Line::default();
        event.record(&mut line);
        self.sink.log(
            LogLevel::from_tracing(metadata.level()),
            metadata.target(),
            &line.finish(),
        );
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}

/// `message key=value key=value`, on one line.
#[derive(Default)]
struct Line {
    message: String,
    fields: String,
}

impl Line {
    fn finish(self) -> String {
        let mut line = self.message;
        if !self.fields.is_empty() {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&self.fields);
        }
        line.replace(['\n', '\r'], " ")
    }
}

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.message, "{value:?}");
        } else {
            if !self.fields.is_empty() {
                self.fields.push(' ');
            }
            let _ = write!(self.fields, "{}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message.push_str(value);
        } else {
            self.record_debug(field, &value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_has_the_message_then_the_fields() {
        let line = Line {
            message: "report will be retried".into(),
            fields: "code=\"connect\"".into(),
        };
        assert_eq!(line.finish(), "report will be retried code=\"connect\"");
        let multi = Line {
            message: "a\nb".into(),
            fields: String::new(),
        };
        assert_eq!(multi.finish(), "a b");
    }

    #[test]
    fn only_the_apps_crates_are_forwarded() {
        assert!(forwarded("ihanoi_core::sync::outbox::engine"));
        assert!(forwarded("ihanoi_core"));
        assert!(forwarded("ihanoi_ffi::logs"));
        assert!(!forwarded("ihanoi_city_api::routes::auth"));
        assert!(!forwarded("ihanoi_core_extra"));
        assert!(!forwarded("hyper::proto"));
    }

    #[test]
    fn levels_order_from_most_important() {
        assert!(LogLevel::Error < LogLevel::Warn);
        assert!(LogLevel::Debug < LogLevel::Trace);
        assert_eq!(
            LogLevel::from_tracing(&tracing::Level::WARN),
            LogLevel::Warn
        );
    }
}
