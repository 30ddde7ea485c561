//! What the shells call: [`Core::device_check`].

use crate::app::Core;
use crate::device_check::facts::DeviceFacts;
use crate::device_check::model::DeviceCheckReport;
use crate::device_check::{local, phone, server};
use crate::error::Result;
use crate::net::SyncError;
use crate::net::runtime::{runtime, spawn_on_core_runtime};
use crate::time::now_ms;

impl Core {
    /// Check this phone for a community install team: the shell's `facts`,
    /// the city server (reachable, compatible, the clock against its `Date`)
    /// and the app's own state. Every row says what to do, in Vietnamese and
    /// English; the report's verdict is the worst row.
    ///
    /// The server part runs on the core's runtime and answers within
    /// [`crate::device_check::thresholds::SERVER_CHECK_TIMEOUT`] even when the
    /// server is dead. Changes nothing the resident keeps. What cannot be read
    /// (a damaged store) is a failing row, not an error.
    pub async fn device_check(&self, facts: DeviceFacts) -> Result<DeviceCheckReport> {
        let mut checks = phone::checks(&facts);
        match self.sync.city() {
            Ok(city) => {
                let rows =
                    spawn_on_core_runtime(async move { Ok(server::checks(city).await) }).await?;
                checks.extend(rows);
            }
            Err(SyncError::NotConfigured) => checks.extend(server::not_configured()),
            Err(other) => return Err(other.into()),
        }
        let now = now_ms();
        checks.extend(local::checks(self, now));
        Ok(DeviceCheckReport::new(checks, now))
    }

    /// [`Core::device_check`] for synchronous callers (the terminal shell).
    /// Must not be called from inside an async runtime.
    pub fn device_check_blocking(&self, facts: DeviceFacts) -> Result<DeviceCheckReport> {
        let runtime = runtime().map_err(SyncError::from)?;
        runtime.block_on(self.device_check(facts))
    }
}
