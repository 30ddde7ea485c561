//! Cooperative cancellation of a photo being compressed. The pipeline checks
//! the flag between stages (decode, resize, encode, write) and before the
//! database commit; a cancelled attach removes whatever it wrote.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::photos::error::PhotoError;

#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }

    /// `Err(Cancelled)` once [`cancel`](Self::cancel) was called.
    pub fn check(&self) -> Result<(), PhotoError> {
        if self.is_cancelled() {
            Err(PhotoError::Cancelled)
        } else {
            Ok(())
        }
    }
}
