//! Secrets (access and refresh tokens) live only in the platform's secure store:
//! Android Keystore, iOS Keychain, or the desktop keyring for the terminal shell.
//! The core never writes them to SQLite, files or logs; it asks this trait.

use std::collections::HashMap;
use std::sync::Mutex;

/// What a shell's secure store reports when it fails (locked keychain, keystore
/// invalidated after a fingerprint change, …). The message is for developers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("secure store failed: {message}")]
pub struct SecretStoreError {
    pub message: String,
}

/// A secure key–value store for secret strings, implemented by each shell.
pub trait SecretStore: Send + Sync {
    fn get(&self, key: &str) -> Result<Option<String>, SecretStoreError>;
    fn set(&self, key: &str, value: &str) -> Result<(), SecretStoreError>;
    fn delete(&self, key: &str) -> Result<(), SecretStoreError>;
}

/// Keys the core uses, in one place so shells and tests can see what is stored.
pub mod keys {
    pub const ACCESS_TOKEN: &str = "vn.ihanoi.access_token";
    pub const REFRESH_TOKEN: &str = "vn.ihanoi.refresh_token";
}

/// A store that forgets everything when dropped: for tests and for the demo.
#[derive(Debug, Default)]
pub struct InMemorySecretStore {
    entries: Mutex<HashMap<String, String>>,
}

impl InMemorySecretStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        // A poisoned map is still a valid map: keep serving it.
        self.entries.lock().unwrap_or_else(|p| p.into_inner())
    }
}

impl SecretStore for InMemorySecretStore {
    fn get(&self, key: &str) -> Result<Option<String>, SecretStoreError> {
        Ok(self.lock().get(key).cloned())
    }
    fn set(&self, key: &str, value: &str) -> Result<(), SecretStoreError> {
        self.lock().insert(key.to_owned(), value.to_owned());
        Ok(())
    }
    fn delete(&self, key: &str) -> Result<(), SecretStoreError> {
        self.lock().remove(key);
        Ok(())
    }
}
