//! The device check for community install teams: the shell passes what only
//! it sees, the core adds the server, the clock and its own state, and returns
//! rows with words in Vietnamese and English and what to do.

use ihanoi_core::device_check::{
    CheckCode, CheckStatus, DeviceCheck, DeviceCheckReport, DeviceFacts, NetworkFact, OsFact,
    PermissionState, Platform,
};

use crate::core_object::IhanoiCore;
use crate::error::IhanoiError;

#[uniffi::remote(Enum)]
pub enum PermissionState {
    Granted,
    Limited,
    Denied,
    NotAsked,
}

#[uniffi::remote(Enum)]
pub enum NetworkFact {
    Wifi,
    Cellular,
    Other,
    Offline,
}

#[uniffi::remote(Enum)]
pub enum Platform {
    Android,
    Ios,
    Other,
}

#[uniffi::remote(Record)]
pub struct OsFact {
    pub platform: Platform,
    pub version: String,
}

#[uniffi::remote(Record)]
pub struct DeviceFacts {
    pub camera_present: Option<bool>,
    pub camera_permission: Option<PermissionState>,
    pub location_services_on: Option<bool>,
    pub location_permission: Option<PermissionState>,
    pub notification_permission: Option<PermissionState>,
    pub network: Option<NetworkFact>,
    pub free_storage_bytes: Option<u64>,
    pub os: Option<OsFact>,
}

#[uniffi::remote(Enum)]
pub enum CheckCode {
    Network,
    ServerReachable,
    ServerCompatible,
    Clock,
    SignIn,
    OsVersion,
    CameraPresent,
    CameraPermission,
    LocationServices,
    LocationPermission,
    NotificationPermission,
    FreeStorage,
    StoreIntegrity,
    PhotoFolder,
    Outbox,
    Categories,
    WardData,
}

#[uniffi::remote(Enum)]
pub enum CheckStatus {
    Ok,
    Warn,
    Fail,
}

#[uniffi::remote(Record)]
pub struct DeviceCheck {
    pub code: CheckCode,
    pub status: CheckStatus,
    pub label_vi: String,
    pub label_en: String,
    pub action_vi: String,
    pub action_en: String,
    pub detail: Option<String>,
}

#[uniffi::remote(Record)]
pub struct DeviceCheckReport {
    pub verdict: CheckStatus,
    pub checks: Vec<DeviceCheck>,
    pub checked_at_ms: i64,
}

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
