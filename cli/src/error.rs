//! What can stop a command: the core's own errors, and the few the shell adds
//! (its settings, the OS keyring, a server check, the demo's city).

pub type CliResult<T> = Result<T, CliError>;

#[derive(Debug)]
pub enum CliError {
    Core(ihanoi_core::Error),
    /// A command that talks to the city, with no server given or remembered.
    NoServer,
    /// A server without an api_key.
    NoApiKey,
    /// The OS keyring cannot be used here (no keyutils, blocked by a sandbox, …).
    KeyringUnavailable {
        detail: String,
    },
    /// `--insecure-token-file` names a file others may read (as ssh refuses
    /// a private key anyone else can read).
    TokenFileNotPrivate {
        path: std::path::PathBuf,
        mode: u32,
    },
    /// `sync`: everything else went, but steps of the pull failed (their
    /// names, e.g. `alerts`).
    PullIncomplete {
        steps: Vec<String>,
    },
    /// `ihanoi login` with no code typed.
    NoCode,
    /// A file the shell itself reads or writes (settings, token file, samples).
    File {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    /// `check-server`: some endpoint the app needs is missing or broken.
    ServerIncompatible {
        failing: Vec<String>,
    },
    /// `check-server` could not reach the server at all.
    Unreachable {
        detail: String,
    },
    /// `doctor`: at least one check failed (the table says which and what to do).
    DeviceCheckFailed {
        failing: Vec<String>,
    },
    /// The demo's local city did not behave (start-up, officials' endpoints).
    Demo {
        step: &'static str,
        detail: String,
    },
}

impl From<ihanoi_core::Error> for CliError {
    fn from(error: ihanoi_core::Error) -> Self {
        CliError::Core(error)
    }
}

impl CliError {
    pub fn file(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        CliError::File {
            path: path.into(),
            source,
        }
    }

    pub fn demo(step: &'static str, detail: impl std::fmt::Display) -> Self {
        CliError::Demo {
            step,
            detail: detail.to_string(),
        }
    }
}
