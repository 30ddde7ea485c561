//! The terminal's `SecretStore` (the interface the phone shells implement with
//! Android Keystore / iOS Keychain): the OS keyring through the `keyring` crate —
//! Linux kernel keyutils, macOS Keychain, Windows Credential Manager.
//!
//! Without a usable keyring (a container whose seccomp profile blocks `keyctl`,
//! a CI runner) the shell says so and stops; the documented fallback is an
//! explicit opt-in, `--insecure-token-file FILE` (or `IHANOI_INSECURE_TOKEN_FILE`),
//! a 0600 file. Never a plain file by default. The demo keeps its tokens in
//! memory for its one process.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use ihanoi_core::secrets::{SecretStore, SecretStoreError};
use sha2::{Digest, Sha256};

use crate::error::{CliError, CliResult};

const SERVICE: &str = "vn.ihanoi.cli";

/// Entries in the OS keyring, one per core key, scoped to one data directory
/// (two `--data` folders are two phones: they must not share a session).
pub struct KeyringSecretStore {
    scope: String,
}

impl KeyringSecretStore {
    pub fn new(data_dir: &Path) -> Self {
        let canonical = data_dir
            .canonicalize()
            .unwrap_or_else(|_| data_dir.to_path_buf());
        let digest = Sha256::digest(canonical.to_string_lossy().as_bytes());
        let scope = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        KeyringSecretStore { scope }
    }

    fn entry(&self, key: &str) -> Result<keyring::Entry, keyring::Error> {
        keyring::Entry::new(SERVICE, &format!("{key}@{}", self.scope))
    }

    /// Whether the keyring answers at all: a read of a key that may not exist.
    /// Called before a sign-in so the resident learns about a missing keyring
    /// before a code is texted, not after.
    pub fn check(&self) -> CliResult<()> {
        match self.entry("vn.ihanoi.probe").and_then(|e| e.get_password()) {
            Ok(_) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(CliError::KeyringUnavailable {
                detail: error.to_string(),
            }),
        }
    }
}

fn store_error(error: keyring::Error) -> SecretStoreError {
    SecretStoreError {
        message: format!("OS keyring: {error}"),
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, key: &str) -> Result<Option<String>, SecretStoreError> {
        match self.entry(key).and_then(|e| e.get_password()) {
            Ok(value) => Ok(Some(value)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(store_error(error)),
        }
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretStoreError> {
        self.entry(key)
            .and_then(|e| e.set_password(value))
            .map_err(store_error)
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        match self.entry(key).and_then(|e| e.delete_credential()) {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(store_error(error)),
        }
    }
}

/// The opt-in fallback: a JSON map in a file only the user can read. Anyone
/// with the user's file access has the tokens — for CI and throwaway machines.
pub struct InsecureFileSecretStore {
    path: PathBuf,
    lock: Mutex<()>,
}

impl InsecureFileSecretStore {
    pub fn new(path: PathBuf) -> Self {
        InsecureFileSecretStore {
            path,
            lock: Mutex::new(()),
        }
    }

    fn read(&self) -> Result<BTreeMap<String, String>, SecretStoreError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| SecretStoreError {
                message: format!("token file is not valid JSON: {e}"),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(SecretStoreError {
                message: format!("token file: {e}"),
            }),
        }
    }

    fn write(&self, map: &BTreeMap<String, String>) -> Result<(), SecretStoreError> {
        let io = |e: std::io::Error| SecretStoreError {
            message: format!("token file: {e}"),
        };
        let tmp = self.path.with_extension("tmp");
        let text = serde_json::to_vec(map).expect("a string map serialises");
        write_private(&tmp, &text).map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }

    fn edit(
        &self,
        change: impl FnOnce(&mut BTreeMap<String, String>),
    ) -> Result<(), SecretStoreError> {
        let _one_writer = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        let mut map = self.read()?;
        change(&mut map);
        self.write(&map)
    }
}

/// Write `bytes` to a new file at `path` that only the user can read (0600
/// on unix, whatever the umask); a leftover file there is replaced, not
/// reused with its old mode.
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut file = ihanoi_core::files::create_private_file(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Refuse a token file that others may read or write (as ssh refuses such a
/// private key): its tokens sign in as the resident. A missing file is
/// fine; it is created 0600.
pub fn check_token_file(path: &Path) -> CliResult<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::metadata(path) {
            Ok(meta) => {
                let mode = meta.permissions().mode() & 0o7777;
                if mode & 0o077 != 0 {
                    return Err(CliError::TokenFileNotPrivate {
                        path: path.to_owned(),
                        mode,
                    });
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(CliError::file(path, e)),
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

impl SecretStore for InsecureFileSecretStore {
    fn get(&self, key: &str) -> Result<Option<String>, SecretStoreError> {
        let _guard = self.lock.lock().unwrap_or_else(|p| p.into_inner());
        Ok(self.read()?.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), SecretStoreError> {
        self.edit(|map| {
            map.insert(key.to_owned(), value.to_owned());
        })
    }

    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        self.edit(|map| {
            map.remove(key);
        })
    }
}
