//! Running long work on the core's runtime so that dropping the caller's
//! future stops it.
//!
//! The work is spawned (hyper's connections and the blocking pool belong to
//! the core's runtime, whatever executor awaits: uniffi's, a test's, the
//! terminal's). A spawned task outlives the future that awaits it, so the
//! awaiting side holds a [`CancelOnDrop`]: if it is dropped before the work
//! ended, the token is cancelled and the work stops at its next check.

use crate::net::SyncError;
use crate::net::runtime::runtime;
use crate::tasks::CancelToken;

/// Cancels `token` when dropped, unless [`CancelOnDrop::finished`] was called.
#[derive(Debug)]
pub struct CancelOnDrop(Option<CancelToken>);

impl CancelOnDrop {
    pub fn new(token: &CancelToken) -> Self {
        Self(Some(token.clone()))
    }

    /// The work ended: dropping no longer cancels.
    pub fn finished(mut self) {
        self.0 = None;
    }
}

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        if let Some(token) = self.0.take() {
            tracing::debug!("the caller stopped waiting: the work is cancelled");
            token.cancel();
        }
    }
}

/// Run `future` on the core's runtime; dropping the returned future cancels
/// `token` (the work sees it and stops cooperatively).
pub async fn run_on_core<T, E>(
    token: &CancelToken,
    future: impl Future<Output = Result<T, E>> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<SyncError> + Send + 'static,
{
    let guard = CancelOnDrop::new(token);
    let handle = runtime().map_err(SyncError::from)?.spawn(future);
    joined(guard, handle).await
}

/// Run blocking CPU or file work on the core runtime's blocking pool (never on
/// the caller's executor); dropping the returned future cancels `token`.
pub async fn run_blocking_on_core<T, E>(
    token: &CancelToken,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E>
where
    T: Send + 'static,
    E: From<SyncError> + Send + 'static,
{
    let guard = CancelOnDrop::new(token);
    let handle = runtime().map_err(SyncError::from)?.spawn_blocking(work);
    joined(guard, handle).await
}

/// The work's result; a panic in it is an error, never unwound into the caller.
async fn joined<T, E: From<SyncError>>(
    guard: CancelOnDrop,
    handle: tokio::task::JoinHandle<Result<T, E>>,
) -> Result<T, E> {
    let joined = handle.await;
    guard.finished();
    joined.unwrap_or_else(|join| {
        Err(SyncError::Local {
            detail: format!("a core task ended abnormally: {join}"),
        }
        .into())
    })
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    #[test]
    fn dropping_the_awaiting_future_cancels_the_work() {
        let token = CancelToken::new();
        let (started_tx, started) = mpsc::channel();
        let (stopped_tx, stopped) = mpsc::channel();
        let work_token = token.clone();
        let caller = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        caller.block_on(async {
            let waiting = run_on_core(&token, async move {
                started_tx.send(()).unwrap();
                work_token.cancelled().await;
                stopped_tx.send(()).unwrap();
                Ok::<(), SyncError>(())
            });
            // Poll until the work runs, then drop the awaiting future.
            tokio::select! {
                _ = waiting => unreachable!("the work waits for its token"),
                _ = tokio::task::spawn_blocking(move || started.recv().unwrap()) => {}
            }
        });
        assert!(token.is_cancelled());
        stopped
            .recv_timeout(Duration::from_secs(30))
            .expect("the work saw the cancel");
    }

    #[test]
    fn finished_work_leaves_the_token_alone() {
        let token = CancelToken::new();
        let caller = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let value = caller
            .block_on(run_blocking_on_core(&token, || Ok::<_, SyncError>(7)))
            .unwrap();
        assert_eq!(value, 7);
        assert!(!token.is_cancelled());
    }
}
