//! What can stop a command: the core's own errors, and the few the shell adds
//! (its settings, the OS keyring, a server check, the demo's city).

use ihanoi_core::ErrorKind;

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

/// A command's failure class: the core's [`ErrorKind`] (also for the shell's own
/// errors that mean the same thing), or one of the four only the shell has. The
/// `--json` kind and the exit code follow from it; nothing here re-decides what a
/// core error means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CliKind {
    Core(ErrorKind),
    /// `check-server`: the server lacks or breaks something the app requires.
    ServerIncompatible,
    /// `doctor`: at least one check of the device failed.
    DeviceCheckFailed,
    /// `sync`: everything was sent, but steps of the pull failed.
    PullIncomplete,
    /// `ihanoi demo`: the local city did not behave.
    DemoFailed,
}

impl CliError {
    pub fn kind(&self) -> CliKind {
        let core = |kind| CliKind::Core(kind);
        match self {
            CliError::Core(error) => core(error.kind()),
            CliError::NoServer | CliError::NoApiKey => core(ErrorKind::NotConfigured),
            CliError::KeyringUnavailable { .. } => core(ErrorKind::SecretStore),
            CliError::NoCode | CliError::TokenFileNotPrivate { .. } => {
                core(ErrorKind::InvalidArgument)
            }
            CliError::File { .. } => core(ErrorKind::Storage),
            CliError::Unreachable { .. } => core(ErrorKind::Network),
            CliError::ServerIncompatible { .. } => CliKind::ServerIncompatible,
            CliError::DeviceCheckFailed { .. } => CliKind::DeviceCheckFailed,
            CliError::PullIncomplete { .. } => CliKind::PullIncomplete,
            CliError::Demo { .. } => CliKind::DemoFailed,
        }
    }
}

impl CliKind {
    /// Every kind `--json` can print (README, "`--json`"): the core's, except
    /// `unexpected` (a failing foreign callback, which the terminal has none of),
    /// and the shell's own four.
    #[cfg(test)]
    pub fn all() -> Vec<CliKind> {
        ErrorKind::ALL
            .into_iter()
            .filter(|kind| *kind != ErrorKind::Unexpected)
            .map(CliKind::Core)
            .chain([
                CliKind::ServerIncompatible,
                CliKind::DeviceCheckFailed,
                CliKind::PullIncomplete,
                CliKind::DemoFailed,
            ])
            .collect()
    }

    /// The `--json` kind: the core's code for core kinds.
    pub fn code(self) -> &'static str {
        match self {
            CliKind::Core(kind) => kind.as_str(),
            CliKind::ServerIncompatible => "server_incompatible",
            CliKind::DeviceCheckFailed => "device_check_failed",
            CliKind::PullIncomplete => "pull_incomplete",
            CliKind::DemoFailed => "demo_failed",
        }
    }

    /// The documented exit code (README, "Exit codes").
    pub fn exit_code(self) -> u8 {
        match self {
            CliKind::ServerIncompatible => 11,
            CliKind::DeviceCheckFailed => 12,
            CliKind::PullIncomplete => 13,
            CliKind::DemoFailed => 1,
            CliKind::Core(kind) => match kind {
                ErrorKind::NotReady => 3,
                ErrorKind::NotFound => 4,
                ErrorKind::WrongState | ErrorKind::NoLocation => 5,
                ErrorKind::Storage => 6,
                ErrorKind::Network => 7,
                ErrorKind::SignInNeeded => 8,
                ErrorKind::Refused => 9,
                ErrorKind::SecretStore => 10,
                ErrorKind::Cancelled => 130,
                ErrorKind::InvalidArgument
                | ErrorKind::NotConfigured
                | ErrorKind::AreasUnavailable
                | ErrorKind::PhotoNotFound
                | ErrorKind::PhotoCorrupt
                | ErrorKind::PhotoUnsupported
                | ErrorKind::PhotoTooLarge
                | ErrorKind::TooManyPhotos
                | ErrorKind::PhotoDuplicate => 2,
                ErrorKind::PhotoFailed | ErrorKind::Busy | ErrorKind::Unexpected => 1,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's list of `--json` kinds is the real one, no more, no less.
    #[test]
    fn the_readme_lists_every_json_kind() {
        let readme = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"));
        let start = readme
            .find("**`--json`.**")
            .expect("README has a `--json` paragraph");
        let paragraph = &readme[start..];
        let paragraph = &paragraph[..paragraph.find("\n\n").unwrap_or(paragraph.len())];
        let listed = &paragraph[paragraph.find("with `kind` one of").expect("kind list")..];
        let mut documented: Vec<&str> = listed
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|code| {
                *code != "kind" && code.chars().all(|c| c.is_ascii_lowercase() || c == '_')
            })
            .collect();
        let mut real: Vec<&str> = CliKind::all().into_iter().map(CliKind::code).collect();
        documented.sort_unstable();
        real.sort_unstable();
        assert_eq!(documented, real);
    }

    #[test]
    fn each_kind_has_one_exit_code_and_the_shells_errors_share_the_cores_kinds() {
        assert_eq!(
            CliError::NoServer.kind(),
            CliKind::Core(ErrorKind::NotConfigured)
        );
        let keyring = CliError::KeyringUnavailable {
            detail: "keyctl blocked".into(),
        };
        assert_eq!(keyring.kind().exit_code(), 10);
        let busy_city = CliError::Core(ihanoi_core::Error::Sync(
            ihanoi_core::net::SyncError::Transport(
                ihanoi_core::net::transport::TransportError::Status {
                    status: 503,
                    reason: String::new(),
                    description: String::new(),
                    retry_after: None,
                },
            ),
        ));
        assert_eq!(busy_city.kind().code(), "network");
        assert_eq!(busy_city.kind().exit_code(), 7);
    }
}
