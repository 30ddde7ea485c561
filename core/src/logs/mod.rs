//! The core's log lines, handed to the platform's log (Logcat, `os_log`, the
//! terminal) through one [`LogSink`] the shell installs once.
//!
//! The core writes with `tracing`; [`install_log_sink`] makes a small
//! `tracing` subscriber the process-wide default, which turns each event of
//! the app's own crates (`ihanoi_core`, `ihanoi_ffi`) at or above the chosen
//! level into `(level, target, message)`. Other crates' events (HTTP, TLS) are
//! not forwarded: they may carry request details the core does not control.
//!
//! **No personal data in any line**: no phone number, token, one-time code,
//! report text or address, and no position finer than 3 decimals (~100 m).
//! Log report ids, counts, stable error codes. A test runs the whole flow
//! against the reference server and checks every line (core/tests/logs.rs).
//!
//! - [`sink`]: the sink trait and its level;
//! - [`subscriber`]: the `tracing` subscriber that feeds it.

pub mod sink;
pub mod subscriber;

pub use sink::{LogLevel, LogSink};
pub use subscriber::{LogSinkAlreadyInstalled, install_log_sink, set_log_level};
