//! Long work the shells start and may stop: sync, pull, photo attach, result
//! photo download, sign-in, areas import.
//!
//! One rule for all of them: the work stops when its [`CancelToken`] is
//! cancelled **or** when the future awaiting it is dropped (a Kotlin coroutine
//! or Swift `Task` cancelled, a screen closed). The work itself runs on the
//! core's runtime ([`crate::net::runtime`]) or its blocking pool, so stopping
//! is cooperative: each task checks the token between steps and leaves the
//! store consistent (a queued report stays queued, a cancelled photo leaves no
//! file, a half-downloaded photo no temporary).
//!
//! - [`cancel`]: the token, shared between the caller and the work;
//! - [`run`]: running work on the core's runtime under that rule.

pub mod cancel;
pub mod run;

pub use cancel::{CancelToken, Cancelled};
pub use run::{CancelOnDrop, run_blocking_on_core, run_on_core};
