//! The one public error type of the FFI: few variants the shells can act on,
//! mapped from the core's detailed error (as in mozilla/application-services).

use ihanoi_core::Error as CoreError;
use ihanoi_core::areas::AreasError;
use ihanoi_core::location::LocationError;
use ihanoi_core::net::SyncError;
use ihanoi_core::net::transport::TransportError;
use ihanoi_core::reports::Problem;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum IhanoiError {
    /// The report (or other item) does not exist (any more).
    #[error("not found: {detail}")]
    NotFound { detail: String },

    /// The call does not fit the item's state (e.g. editing a queued report).
    #[error("not allowed now: {detail}")]
    WrongState { detail: String },

    /// The report cannot be queued; every problem, with vi/en messages.
    #[error("the report is not ready to send ({} problem(s))", problems.len())]
    NotReady { problems: Vec<Problem> },

    /// An argument from the shell is malformed (bad id, text too long, bad cursor).
    #[error("invalid argument: {detail}")]
    InvalidArgument { detail: String },

    /// The data directory or database failed (disk full, corrupted file, newer schema).
    #[error("storage failed: {detail}")]
    Storage { detail: String },

    /// The platform secure store failed.
    #[error("secure store failed: {detail}")]
    SecretStore { detail: String },

    /// A photo could not be attached or changed; `kind` says why, the messages
    /// say it to the resident (Vietnamese, English).
    #[error("photo: {message_en}")]
    Photo {
        kind: crate::photos::PhotoErrorKind,
        message_vi: String,
        message_en: String,
    },

    /// The location lies outside Hà Nội: the service covers Hanoi only.
    #[error("outside Hanoi: {message_en}")]
    OutsideHanoi {
        message_vi: String,
        message_en: String,
    },

    /// No ward/commune set is available on this device yet (import one first).
    #[error("areas unavailable: {detail}")]
    AreasUnavailable { detail: String },

    /// The city could not be reached or did not answer as the API does (offline,
    /// timeout, TLS, a Wi-Fi login page in the way). Queued reports wait.
    #[error("network: {detail}")]
    Network { detail: String },

    /// The resident must sign in (again); queued reports wait, nothing is lost.
    #[error("sign-in needed: {detail}")]
    SignInNeeded { detail: String },

    /// The city refused the call: `reason` is the API's stable code (e.g.
    /// `invalid_code`, `invalid_phone`, `too_many_codes`), `description` its
    /// text for the resident (Vietnamese — English).
    #[error("refused by the city ({reason}): {description}")]
    Refused { reason: String, description: String },

    /// The call was cancelled through its cancel handle.
    #[error("cancelled")]
    Cancelled,

    /// A callback implemented by the shell failed unexpectedly.
    #[error("unexpected error: {detail}")]
    Unexpected { detail: String },
}

impl From<CoreError> for IhanoiError {
    fn from(error: CoreError) -> Self {
        let message = error.to_string();
        match error {
            CoreError::ReportNotFound { .. } => IhanoiError::NotFound { detail: message },
            CoreError::WrongState { .. } => IhanoiError::WrongState { detail: message },
            CoreError::NotReady { problems } => IhanoiError::NotReady { problems },
            CoreError::InvalidReportId { .. }
            | CoreError::TooLong { .. }
            | CoreError::InvalidCursor => IhanoiError::InvalidArgument { detail: message },
            CoreError::Sqlite(_) | CoreError::Io { .. } | CoreError::SchemaTooNew { .. } => {
                IhanoiError::Storage { detail: message }
            }
            CoreError::SecretStore(_) => IhanoiError::SecretStore { detail: message },
            CoreError::Areas(AreasError::NotLoaded) => {
                IhanoiError::AreasUnavailable { detail: message }
            }
            CoreError::Areas(AreasError::CorruptCache { .. }) => {
                IhanoiError::Storage { detail: message }
            }
            CoreError::Areas(_) => IhanoiError::InvalidArgument { detail: message },
            CoreError::Location(error @ LocationError::OutsideHanoi) => {
                let (vi, en) = error.user_messages().unwrap_or_default();
                IhanoiError::OutsideHanoi {
                    message_vi: vi.to_owned(),
                    message_en: en.to_owned(),
                }
            }
            CoreError::Location(LocationError::NoLocation) => {
                IhanoiError::WrongState { detail: message }
            }
            CoreError::Location(_) => IhanoiError::InvalidArgument { detail: message },
            CoreError::Photo(error) => IhanoiError::Photo {
                kind: (&error).into(),
                message_vi: error.message_vi(),
                message_en: message,
            },
            CoreError::Sync(error) => sync_error(error, message),
        }
    }
}

fn sync_error(error: SyncError, message: String) -> IhanoiError {
    match error {
        SyncError::Transport(
            TransportError::InvalidUrl { .. }
            | TransportError::InsecureUrl
            | TransportError::TlsConfig { .. },
        ) => IhanoiError::InvalidArgument { detail: message },
        SyncError::Transport(TransportError::Status {
            status,
            reason,
            description,
            ..
        }) => IhanoiError::Refused {
            reason: if reason.is_empty() {
                format!("http_{status}")
            } else {
                reason
            },
            description,
        },
        SyncError::Transport(_) => IhanoiError::Network { detail: message },
        SyncError::SignInNeeded => IhanoiError::SignInNeeded { detail: message },
        SyncError::NotConfigured | SyncError::AlreadyRunning => {
            IhanoiError::WrongState { detail: message }
        }
        SyncError::Local { .. } => IhanoiError::Storage { detail: message },
        SyncError::Cancelled => IhanoiError::Cancelled,
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for IhanoiError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        IhanoiError::Unexpected {
            detail: error.reason,
        }
    }
}
