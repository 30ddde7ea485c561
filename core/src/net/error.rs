//! Why a sync or a sign-in call did not complete.

use crate::net::transport::TransportError;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Transport(#[from] TransportError),

    /// `Core::configure_city` has not been called.
    #[error("the city server is not configured")]
    NotConfigured,

    /// No valid session: the resident must sign in (queued reports wait).
    #[error("sign-in needed")]
    SignInNeeded,

    /// Another sync is running; this call did nothing.
    #[error("a sync is already running")]
    AlreadyRunning,

    /// The phone's own storage or secure store failed during a network flow.
    #[error("local failure: {detail}")]
    Local { detail: String },

    /// The caller cancelled; what was sent stays sent, the rest stays queued.
    #[error("cancelled")]
    Cancelled,
}

impl From<crate::Error> for SyncError {
    fn from(error: crate::Error) -> Self {
        match error {
            crate::Error::Sync(inner) => inner,
            other => SyncError::Local {
                detail: other.to_string(),
            },
        }
    }
}
