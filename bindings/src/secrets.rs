//! `SecretStore`, implemented by the shells: Android Keystore, iOS Keychain, the
//! desktop keyring in the terminal shell. Adapted here to the core's trait.

use std::sync::Arc;

use ihanoi_core::secrets as core_secrets;

#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum SecretStoreError {
    #[error("secure store failed: {detail}")]
    Failed { detail: String },
}

impl From<uniffi::UnexpectedUniFFICallbackError> for SecretStoreError {
    fn from(error: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SecretStoreError::Failed {
            detail: error.reason,
        }
    }
}

/// A secure key–value store for secret strings (tokens). Implemented by each shell.
#[uniffi::export(foreign)]
pub trait SecretStore: Send + Sync {
    fn get(&self, key: String) -> Result<Option<String>, SecretStoreError>;
    fn set(&self, key: String, value: String) -> Result<(), SecretStoreError>;
    fn delete(&self, key: String) -> Result<(), SecretStoreError>;
}

/// Lets the core call a shell's store through the core's own trait.
pub(crate) struct ForeignSecretStore(pub Arc<dyn SecretStore>);

fn to_core(error: SecretStoreError) -> core_secrets::SecretStoreError {
    core_secrets::SecretStoreError {
        message: error.to_string(),
    }
}

impl core_secrets::SecretStore for ForeignSecretStore {
    fn get(&self, key: &str) -> Result<Option<String>, core_secrets::SecretStoreError> {
        self.0.get(key.to_owned()).map_err(to_core)
    }
    fn set(&self, key: &str, value: &str) -> Result<(), core_secrets::SecretStoreError> {
        self.0
            .set(key.to_owned(), value.to_owned())
            .map_err(to_core)
    }
    fn delete(&self, key: &str) -> Result<(), core_secrets::SecretStoreError> {
        self.0.delete(key.to_owned()).map_err(to_core)
    }
}
