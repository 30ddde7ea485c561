//! The city server this app talks to, as the shell configures it.

use std::sync::{Arc, Mutex};

use crate::net::SyncError;
use crate::net::retry::RetryPolicy;
use crate::net::transport::{TimeoutPolicy, Transport, TransportOptions};
use crate::time::Clock;

/// Where the city API is and how the app identifies itself.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct CityConfig {
    /// The API's base URL: `https://…`, or `http://127.0.0.1:PORT` for the
    /// reference server.
    pub base_url: String,
    /// The app's Open311 `api_key` (identifies the app, not the resident).
    pub api_key: String,
    /// Extra trusted root certificates (PEM), for a deployment whose chain
    /// ends outside Mozilla's root programme.
    pub extra_roots_pem: Option<String>,
}

/// How long requests may take and how long failed reports wait. The shells
/// never change these (`Default` is the production behaviour, docs/sync.md);
/// tests and the sync benchmark shorten them so a stalled connection or a
/// backoff costs a second, not minutes ([`crate::Core::configure_city_tuned`]).
#[derive(Debug, Clone, Default)]
pub struct SyncTuning {
    pub timeouts: TimeoutPolicy,
    pub retry: RetryPolicy,
    /// The clock what is learned about the server ages by.
    pub clock: Clock,
}

/// A configured connection to the city: the transport, the app's key, and
/// the retry policy its outbox follows.
#[derive(Debug)]
pub(crate) struct City {
    pub transport: Transport,
    pub api_key: String,
    pub retry: RetryPolicy,
    pub clock: Clock,
}

/// The sync side of [`crate::Core`]: the configured city, one-sync-at-a-time and
/// one-refresh-at-a-time locks.
#[derive(Debug, Default)]
pub struct SyncState {
    city: Mutex<Option<Arc<City>>>,
    pub(crate) running: Arc<tokio::sync::Mutex<()>>,
    pub(crate) refreshing: Arc<tokio::sync::Mutex<()>>,
}

impl SyncState {
    pub(crate) fn configure(
        &self,
        config: &CityConfig,
        tuning: SyncTuning,
    ) -> Result<(), SyncError> {
        let transport = Transport::new(&TransportOptions {
            base_url: config.base_url.clone(),
            extra_roots_pem: config.extra_roots_pem.clone(),
            timeouts: tuning.timeouts,
        })?;
        let city = City {
            transport,
            api_key: config.api_key.clone(),
            retry: tuning.retry,
            clock: tuning.clock,
        };
        *self.city.lock().unwrap_or_else(|p| p.into_inner()) = Some(Arc::new(city));
        Ok(())
    }

    pub(crate) fn city(&self) -> Result<Arc<City>, SyncError> {
        self.city
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or(SyncError::NotConfigured)
    }
}
