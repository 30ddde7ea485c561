//! The one public error type of the FFI, derived from the core's [`ErrorKind`]:
//! one variant per kind, each with the person's message in both languages
//! (`text`) and the developer's detail (`detail`, English, no personal data).
//! Nothing here classifies an error: [`ihanoi_core::Error::kind`] does.

use ihanoi_core::i18n::Bilingual;
use ihanoi_core::reports::Problem;
use ihanoi_core::{Error as CoreError, ErrorKind};

/// Why a call failed. The variant is the core's [`ErrorKind`] (`kind()` gives it
/// back, with its stable code, whether retrying can help and what to do).
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum IhanoiError {
    /// The report cannot be queued; every problem, with vi/en messages.
    #[error("the report is not ready to send ({} problem(s))", problems.len())]
    NotReady {
        problems: Vec<Problem>,
        text: Bilingual,
        detail: String,
    },
    /// The report (or photo, update) does not exist (any more).
    #[error("not found: {detail}")]
    NotFound { text: Bilingual, detail: String },
    /// The call does not fit the report's state (e.g. editing a queued report).
    #[error("not allowed now: {detail}")]
    WrongState { text: Bilingual, detail: String },
    /// The report has no location yet: open the map.
    #[error("no location: {detail}")]
    NoLocation { text: Bilingual, detail: String },
    /// An argument from the shell or the person is malformed.
    #[error("invalid argument: {detail}")]
    InvalidArgument { text: Bilingual, detail: String },
    /// No usable city server is configured (none, bad address, bad TLS settings).
    #[error("not configured: {detail}")]
    NotConfigured { text: Bilingual, detail: String },
    /// No ward/commune set on this device yet (import or sync one first).
    #[error("areas unavailable: {detail}")]
    AreasUnavailable { text: Bilingual, detail: String },
    /// The data directory, database or a cache failed.
    #[error("storage failed: {detail}")]
    Storage { text: Bilingual, detail: String },
    /// The platform secure store failed.
    #[error("secure store failed: {detail}")]
    SecretStore { text: Bilingual, detail: String },
    /// The photo file is missing or may not be read.
    #[error("photo not found: {detail}")]
    PhotoNotFound { text: Bilingual, detail: String },
    /// The photo file is empty, damaged or truncated.
    #[error("photo corrupt: {detail}")]
    PhotoCorrupt { text: Bilingual, detail: String },
    /// Not a JPEG, PNG or WebP photo.
    #[error("photo unsupported: {detail}")]
    PhotoUnsupported { text: Bilingual, detail: String },
    /// The photo file or its resolution is over the limits.
    #[error("photo too large: {detail}")]
    PhotoTooLarge { text: Bilingual, detail: String },
    /// The report already holds the most photos it may.
    #[error("too many photos: {detail}")]
    TooManyPhotos { text: Bilingual, detail: String },
    /// The photo is already attached to the report.
    #[error("duplicate photo: {detail}")]
    PhotoDuplicate { text: Bilingual, detail: String },
    /// The photo could not be processed.
    #[error("photo failed: {detail}")]
    PhotoFailed { text: Bilingual, detail: String },
    /// The city could not be reached or did not answer as the API does (offline,
    /// timeout, TLS, a Wi-Fi login page, a busy server). Queued reports wait.
    #[error("network: {detail}")]
    Network { text: Bilingual, detail: String },
    /// The resident must sign in (again), or the city refused the sign-in.
    #[error("sign-in needed: {detail}")]
    SignInNeeded { text: Bilingual, detail: String },
    /// The city refused the request: `reason` is the API's stable code (e.g.
    /// `invalid_phone`, `too_many_codes`), "" when it gave none; `text` is the
    /// city's own words.
    #[error("refused by the city ({reason}): {detail}")]
    Refused {
        reason: String,
        text: Bilingual,
        detail: String,
    },
    /// Another sync is running; this call did nothing.
    #[error("busy: {detail}")]
    Busy { text: Bilingual, detail: String },
    /// The call was cancelled through its handle.
    #[error("cancelled")]
    Cancelled { text: Bilingual, detail: String },
    /// A callback implemented by the shell failed unexpectedly.
    #[error("unexpected error: {detail}")]
    Unexpected { text: Bilingual, detail: String },
}

impl IhanoiError {
    /// The variant for `kind`; `problems` and `reason` are only kept by the
    /// variants that carry them.
    fn of_kind(
        kind: ErrorKind,
        text: Bilingual,
        detail: String,
        problems: Vec<Problem>,
        reason: String,
    ) -> Self {
        use IhanoiError as E;
        match kind {
            ErrorKind::NotReady => E::NotReady {
                problems,
                text,
                detail,
            },
            ErrorKind::NotFound => E::NotFound { text, detail },
            ErrorKind::WrongState => E::WrongState { text, detail },
            ErrorKind::NoLocation => E::NoLocation { text, detail },
            ErrorKind::InvalidArgument => E::InvalidArgument { text, detail },
            ErrorKind::NotConfigured => E::NotConfigured { text, detail },
            ErrorKind::AreasUnavailable => E::AreasUnavailable { text, detail },
            ErrorKind::Storage => E::Storage { text, detail },
            ErrorKind::SecretStore => E::SecretStore { text, detail },
            ErrorKind::PhotoNotFound => E::PhotoNotFound { text, detail },
            ErrorKind::PhotoCorrupt => E::PhotoCorrupt { text, detail },
            ErrorKind::PhotoUnsupported => E::PhotoUnsupported { text, detail },
            ErrorKind::PhotoTooLarge => E::PhotoTooLarge { text, detail },
            ErrorKind::TooManyPhotos => E::TooManyPhotos { text, detail },
            ErrorKind::PhotoDuplicate => E::PhotoDuplicate { text, detail },
            ErrorKind::PhotoFailed => E::PhotoFailed { text, detail },
            ErrorKind::Network => E::Network { text, detail },
            ErrorKind::SignInNeeded => E::SignInNeeded { text, detail },
            ErrorKind::Refused => E::Refused {
                reason,
                text,
                detail,
            },
            ErrorKind::Busy => E::Busy { text, detail },
            ErrorKind::Cancelled => E::Cancelled { text, detail },
            ErrorKind::Unexpected => E::Unexpected { text, detail },
        }
    }

    /// A failure of the FFI layer itself (a panicked blocking task, a shell's
    /// callback), not of the core.
    pub(crate) fn unexpected(detail: impl Into<String>) -> Self {
        let kind = ErrorKind::Unexpected;
        IhanoiError::of_kind(
            kind,
            kind.advice(),
            detail.into(),
            Vec::new(),
            String::new(),
        )
    }
}

#[uniffi::export]
impl IhanoiError {
    /// The core's kind of this error: its stable `code()`, whether it is
    /// `retryable()`, and the `advice()` for the person.
    pub fn kind(&self) -> ErrorKind {
        use IhanoiError as E;
        match self {
            E::NotReady { .. } => ErrorKind::NotReady,
            E::NotFound { .. } => ErrorKind::NotFound,
            E::WrongState { .. } => ErrorKind::WrongState,
            E::NoLocation { .. } => ErrorKind::NoLocation,
            E::InvalidArgument { .. } => ErrorKind::InvalidArgument,
            E::NotConfigured { .. } => ErrorKind::NotConfigured,
            E::AreasUnavailable { .. } => ErrorKind::AreasUnavailable,
            E::Storage { .. } => ErrorKind::Storage,
            E::SecretStore { .. } => ErrorKind::SecretStore,
            E::PhotoNotFound { .. } => ErrorKind::PhotoNotFound,
            E::PhotoCorrupt { .. } => ErrorKind::PhotoCorrupt,
            E::PhotoUnsupported { .. } => ErrorKind::PhotoUnsupported,
            E::PhotoTooLarge { .. } => ErrorKind::PhotoTooLarge,
            E::TooManyPhotos { .. } => ErrorKind::TooManyPhotos,
            E::PhotoDuplicate { .. } => ErrorKind::PhotoDuplicate,
            E::PhotoFailed { .. } => ErrorKind::PhotoFailed,
            E::Network { .. } => ErrorKind::Network,
            E::SignInNeeded { .. } => ErrorKind::SignInNeeded,
            E::Refused { .. } => ErrorKind::Refused,
            E::Busy { .. } => ErrorKind::Busy,
            E::Cancelled { .. } => ErrorKind::Cancelled,
            E::Unexpected { .. } => ErrorKind::Unexpected,
        }
    }

    /// What happened, for the person, in both languages, whatever the variant
    /// (the screens show it beside `kind().advice()`).
    pub fn text(&self) -> Bilingual {
        use IhanoiError as E;
        match self {
            E::NotReady { text, .. }
            | E::NotFound { text, .. }
            | E::WrongState { text, .. }
            | E::NoLocation { text, .. }
            | E::InvalidArgument { text, .. }
            | E::NotConfigured { text, .. }
            | E::AreasUnavailable { text, .. }
            | E::Storage { text, .. }
            | E::SecretStore { text, .. }
            | E::PhotoNotFound { text, .. }
            | E::PhotoCorrupt { text, .. }
            | E::PhotoUnsupported { text, .. }
            | E::PhotoTooLarge { text, .. }
            | E::TooManyPhotos { text, .. }
            | E::PhotoDuplicate { text, .. }
            | E::PhotoFailed { text, .. }
            | E::Network { text, .. }
            | E::SignInNeeded { text, .. }
            | E::Refused { text, .. }
            | E::Busy { text, .. }
            | E::Cancelled { text, .. }
            | E::Unexpected { text, .. } => text.clone(),
        }
    }
}

impl From<CoreError> for IhanoiError {
    fn from(error: CoreError) -> Self {
        let kind = error.kind();
        let text = error.text();
        let detail = error.to_string();
        let reason = refusal_reason(&error);
        let problems = match error {
            CoreError::NotReady { problems } => problems,
            _ => Vec::new(),
        };
        IhanoiError::of_kind(kind, text, detail, problems, reason)
    }
}

fn refusal_reason(error: &CoreError) -> String {
    match error {
        CoreError::Sync(ihanoi_core::net::SyncError::Transport(transport)) => {
            transport.api_reason().unwrap_or_default().to_owned()
        }
        _ => String::new(),
    }
}

impl From<uniffi::UnexpectedUniFFICallbackError> for IhanoiError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        IhanoiError::unexpected(error.reason)
    }
}

#[cfg(test)]
mod tests;
