//! The core's own tokio runtime for network work. The core is synchronous
//! (SQLite); sync and sign-in are async and run here, whatever executor awaits
//! them (uniffi's, a test's, or the terminal shell's `block_on`), so hyper's
//! connection tasks always live on one runtime that outlives every call.

use std::sync::Mutex;

use tokio::runtime::{Builder, Runtime};

use crate::net::transport::TransportError;

static RUNTIME: Mutex<Option<&'static Runtime>> = Mutex::new(None);

/// The runtime, started on first use: two workers (one uploads while the other
/// reads files and answers), named for crash reports.
pub fn runtime() -> Result<&'static Runtime, TransportError> {
    let mut slot = RUNTIME.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(runtime) = *slot {
        return Ok(runtime);
    }
    let runtime = Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("ihanoi-sync")
        .enable_all()
        .build()
        .map_err(|e| TransportError::Connect {
            detail: format!("could not start the network runtime: {e}"),
        })?;
    // Lives for the process: dropping a runtime inside async code panics, and
    // the app never needs it gone.
    let runtime: &'static Runtime = Box::leak(Box::new(runtime));
    *slot = Some(runtime);
    Ok(runtime)
}

/// Run `future` on the core's runtime and wait for it from any executor.
pub(crate) async fn spawn_on_core_runtime<T: Send + 'static>(
    future: impl std::future::Future<Output = Result<T, crate::net::SyncError>> + Send + 'static,
) -> Result<T, crate::net::SyncError> {
    let handle = runtime()?.spawn(future);
    match handle.await {
        Ok(result) => result,
        Err(join) => Err(crate::net::SyncError::Local {
            detail: format!("network task ended abnormally: {join}"),
        }),
    }
}
