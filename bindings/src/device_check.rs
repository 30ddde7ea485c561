//! The device check for community install teams: the shell passes what only
//! it sees, the core adds the server, the clock and its own state, and returns
//! rows with words in Vietnamese and English and what to do.

use ihanoi_core::device_check::{CheckCode, DeviceCheckReport, DeviceFacts};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;

/// The stable snake_case name of a check (`server_reachable`, …), for logs
/// and support tickets.
#[uniffi::export]
pub fn check_code_name(code: CheckCode) -> String {
    code.as_str().to_owned()
}

#[uniffi::export(async_runtime = "tokio")]
impl IhanoiCore {
    /// What is wrong with this phone, for the install team's screen: rows in a
    /// fixed order (unknown facts left out) and the worst status as verdict.
    /// Answers within seconds even when the server is dead.
    pub async fn device_check(&self, facts: DeviceFacts) -> Result<DeviceCheckReport, IhanoiError> {
        Ok(self.core.device_check(facts).await?)
    }
}
