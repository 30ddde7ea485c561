//! What the shell sees and the core cannot: permissions, sensors, the network,
//! free space, the OS. Every field is optional: a shell that cannot tell (the
//! terminal shell has no camera) passes `None`, and that check is left out of
//! the report rather than guessed.

/// A runtime permission as the OS reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum PermissionState {
    Granted,
    /// Granted in part: approximate location only (Android "approximate",
    /// iOS "precise location" off), or iOS provisional notifications.
    Limited,
    Denied,
    /// Not asked yet: the app asks the first time it is needed.
    NotAsked,
}

/// The network the phone is on right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum NetworkFact {
    Wifi,
    Cellular,
    /// Connected some other way (Ethernet, VPN only, …).
    Other,
    Offline,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum Platform {
    Android,
    Ios,
    /// A desktop or test shell: no minimum version applies.
    Other,
}

/// The operating system and its version as the OS reports it ("14",
/// "17.4.1", "8.1.0").
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct OsFact {
    pub platform: Platform,
    pub version: String,
}

/// Everything the shell passes to [`crate::Core::device_check`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DeviceFacts {
    pub camera_present: Option<bool>,
    pub camera_permission: Option<PermissionState>,
    /// The phone's location switch (Android "Location", iOS "Location Services").
    pub location_services_on: Option<bool>,
    pub location_permission: Option<PermissionState>,
    pub notification_permission: Option<PermissionState>,
    pub network: Option<NetworkFact>,
    /// Free bytes on the volume of the app's data directory.
    pub free_storage_bytes: Option<u64>,
    pub os: Option<OsFact>,
}
