//! The core's detailed error, and what it means for the person ([`ErrorKind`],
//! [`Error::kind`], [`Error::text`]). The FFI crate and the terminal shell derive
//! their errors from the kind; the detail stays here, for logs (without personal
//! data) and for Rust callers.

mod classify;
mod kind;

pub(crate) use classify::transport_text;
pub use kind::ErrorKind;

use std::path::PathBuf;

use crate::reports::{Problem, ReportState};
use crate::secrets::SecretStoreError;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("file error at {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error(
        "the database was written by a newer app (schema {found}, this app knows up to {supported})"
    )]
    SchemaTooNew { found: u32, supported: u32 },

    #[error("no report with id {id}")]
    ReportNotFound { id: String },

    #[error("{id:?} is not a report id (expected a UUID)")]
    InvalidReportId { id: String },

    #[error("report {id} is {state:?}; this needs a report that is {expected}")]
    WrongState {
        id: String,
        state: ReportState,
        expected: &'static str,
    },

    #[error("the report is not ready to send: {} problem(s)", problems.len())]
    NotReady { problems: Vec<Problem> },

    #[error("{field} is longer than {max} characters")]
    TooLong { field: &'static str, max: usize },

    #[error("invalid paging cursor")]
    InvalidCursor,

    #[error("{code:?} is not an attribute code a service could define")]
    InvalidAttributeCode { code: String },

    #[error(transparent)]
    SecretStore(#[from] SecretStoreError),

    #[error(transparent)]
    Areas(#[from] crate::areas::AreasError),

    #[error(transparent)]
    Location(#[from] crate::location::LocationError),

    #[error(transparent)]
    Photo(#[from] crate::photos::PhotoError),

    #[error(transparent)]
    Sync(#[from] crate::net::SyncError),
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
