//! What the device check returns: one row per check, in a fixed order (the
//! network and the city first, then the phone, then the app's own data), and
//! the overall verdict.

use crate::i18n::Bilingual;
use crate::text::nfc;
use crate::time::UnixMillis;

/// Which check a row is. Stable: screens and scripts may branch on it
/// ([`CheckCode::as_str`] is its snake_case name, also in the CLI's JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
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

impl CheckCode {
    /// Every code, in the order the report lists them.
    pub const ALL: [CheckCode; 17] = [
        CheckCode::Network,
        CheckCode::ServerReachable,
        CheckCode::ServerCompatible,
        CheckCode::Clock,
        CheckCode::SignIn,
        CheckCode::OsVersion,
        CheckCode::CameraPresent,
        CheckCode::CameraPermission,
        CheckCode::LocationServices,
        CheckCode::LocationPermission,
        CheckCode::NotificationPermission,
        CheckCode::FreeStorage,
        CheckCode::StoreIntegrity,
        CheckCode::PhotoFolder,
        CheckCode::Outbox,
        CheckCode::Categories,
        CheckCode::WardData,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CheckCode::Network => "network",
            CheckCode::ServerReachable => "server_reachable",
            CheckCode::ServerCompatible => "server_compatible",
            CheckCode::Clock => "clock",
            CheckCode::SignIn => "sign_in",
            CheckCode::OsVersion => "os_version",
            CheckCode::CameraPresent => "camera_present",
            CheckCode::CameraPermission => "camera_permission",
            CheckCode::LocationServices => "location_services",
            CheckCode::LocationPermission => "location_permission",
            CheckCode::NotificationPermission => "notification_permission",
            CheckCode::FreeStorage => "free_storage",
            CheckCode::StoreIntegrity => "store_integrity",
            CheckCode::PhotoFolder => "photo_folder",
            CheckCode::Outbox => "outbox",
            CheckCode::Categories => "categories",
            CheckCode::WardData => "ward_data",
        }
    }
}

/// How a check came out. Ordered: `Ok < Warn < Fail`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum CheckStatus {
    /// Nothing to do.
    Ok,
    /// The app works, but something will bother the resident (or could not be
    /// checked): worth fixing while the install team is there.
    Warn,
    /// Something the app needs does not work: fix it before leaving.
    Fail,
}

impl CheckStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CheckStatus::Ok => "ok",
            CheckStatus::Warn => "warn",
            CheckStatus::Fail => "fail",
        }
    }

    /// What a row's (or the verdict's) chip says.
    pub fn label(self) -> Bilingual {
        match self {
            CheckStatus::Ok => Bilingual::new("Ổn", "OK"),
            CheckStatus::Warn => Bilingual::new("Nên xem lại", "Check this"),
            CheckStatus::Fail => Bilingual::new("Cần sửa", "Must fix"),
        }
    }
}

/// One row of the device check.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DeviceCheck {
    pub code: CheckCode,
    pub status: CheckStatus,
    /// What was found, for the person holding the phone.
    pub label: Bilingual,
    /// What to do about it; empty (in both) when the status is ok.
    pub action: Bilingual,
    /// A technical detail for the install team (an error code, a count, a
    /// measured value); never personal data.
    pub detail: Option<String>,
}

impl DeviceCheck {
    pub(crate) fn ok(code: CheckCode, label: (&str, &str)) -> Self {
        DeviceCheck::new(code, CheckStatus::Ok, label, ("", ""))
    }

    pub(crate) fn new(
        code: CheckCode,
        status: CheckStatus,
        label: (&str, &str),
        action: (&str, &str),
    ) -> Self {
        DeviceCheck {
            code,
            status,
            label: Bilingual::new(nfc(label.0), label.1),
            action: Bilingual::new(nfc(action.0), action.1),
            detail: None,
        }
    }

    pub(crate) fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }
}

/// The whole check: every row in [`CheckCode::ALL`]'s order (rows whose facts
/// the shell did not pass are left out) and the worst status among them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ffi", derive(uniffi::Record))]
pub struct DeviceCheckReport {
    pub verdict: CheckStatus,
    pub checks: Vec<DeviceCheck>,
    pub checked_at_ms: UnixMillis,
}

impl DeviceCheckReport {
    pub(crate) fn new(mut checks: Vec<DeviceCheck>, checked_at_ms: UnixMillis) -> Self {
        checks.sort_by_key(|c| CheckCode::ALL.iter().position(|code| *code == c.code));
        let verdict = checks
            .iter()
            .map(|c| c.status)
            .max()
            .unwrap_or(CheckStatus::Ok);
        DeviceCheckReport {
            verdict,
            checks,
            checked_at_ms,
        }
    }

    /// The row of `code`, if it was checked.
    pub fn check(&self, code: CheckCode) -> Option<&DeviceCheck> {
        self.checks.iter().find(|c| c.code == code)
    }
}
