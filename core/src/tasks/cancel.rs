//! The token a caller keeps to stop a piece of long work from any thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::sync::Notify;

/// Cancels long work from any thread. Clones share one state: the caller keeps
/// one, the work checks another. Make one per call; once cancelled it stays so.
#[derive(Debug, Clone, Default)]
pub struct CancelToken {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    cancelled: AtomicBool,
    notify: Notify,
}

/// The work stopped because its token was cancelled. Each domain error has a
/// `Cancelled` variant this converts into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cancelled;

impl CancelToken {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        self.inner.notify.notify_waiters();
    }

    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    /// `Err(Cancelled)` once [`CancelToken::cancel`] was called: for blocking
    /// work that checks between stages (`token.check()?`).
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// Resolves once [`CancelToken::cancel`] has been called (at once if it was).
    pub async fn cancelled(&self) {
        loop {
            let notified = self.inner.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }

    /// `future`'s output, or `Err(Cancelled)` as soon as the token is cancelled
    /// (the future is dropped then: for a request, the connection is closed).
    pub async fn or_cancelled<T>(&self, future: impl Future<Output = T>) -> Result<T, Cancelled> {
        if self.is_cancelled() {
            return Err(Cancelled);
        }
        tokio::select! {
            biased;
            () = self.cancelled() => Err(Cancelled),
            output = future => Ok(output),
        }
    }
}

impl From<Cancelled> for crate::photos::PhotoError {
    fn from(_: Cancelled) -> Self {
        crate::photos::PhotoError::Cancelled
    }
}

impl From<Cancelled> for crate::net::SyncError {
    fn from(_: Cancelled) -> Self {
        crate::net::SyncError::Cancelled
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_the_cancellation() {
        let token = CancelToken::new();
        let work = token.clone();
        assert!(work.check().is_ok());
        token.cancel();
        assert!(work.is_cancelled());
        assert_eq!(work.check(), Err(Cancelled));
    }

    #[test]
    fn or_cancelled_stops_a_pending_future() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let token = CancelToken::new();
        let canceller = token.clone();
        let result = runtime.block_on(async {
            let never = std::future::pending::<()>();
            let cancel_soon = async {
                tokio::task::yield_now().await;
                canceller.cancel();
                std::future::pending::<()>().await
            };
            tokio::select! {
                result = token.or_cancelled(never) => result,
                () = cancel_soon => unreachable!(),
            }
        });
        assert_eq!(result, Err(Cancelled));
        // Already cancelled: the future is not even polled.
        let polled = runtime.block_on(token.or_cancelled(async { 1 }));
        assert_eq!(polled, Err(Cancelled));
    }
}
