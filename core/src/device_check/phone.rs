//! Checks over the facts only the shell can see. A fact the shell did not
//! pass gives no row.

use crate::device_check::facts::{DeviceFacts, NetworkFact, OsFact, PermissionState, Platform};
use crate::device_check::model::{CheckCode, CheckStatus, DeviceCheck};
use crate::device_check::thresholds::{
    ANDROID_MIN_MAJOR, FREE_STORAGE_FAIL_BYTES, FREE_STORAGE_WARN_BYTES, IOS_MIN_MAJOR,
};
use crate::i18n::Bilingual;

/// Every row the facts allow, in no particular order.
pub fn checks(facts: &DeviceFacts) -> Vec<DeviceCheck> {
    let mut rows = Vec::new();
    rows.extend(facts.network.map(network));
    rows.extend(facts.os.as_ref().map(os_version));
    rows.extend(facts.camera_present.map(camera_present));
    rows.extend(facts.camera_permission.map(camera_permission));
    rows.extend(facts.location_services_on.map(location_services));
    rows.extend(facts.location_permission.map(location_permission));
    rows.extend(facts.notification_permission.map(notification_permission));
    rows.extend(facts.free_storage_bytes.map(free_storage));
    rows
}

fn network(network: NetworkFact) -> DeviceCheck {
    let code = CheckCode::Network;
    match network {
        NetworkFact::Wifi => DeviceCheck::ok(code, ("Đang dùng Wi-Fi", "On Wi-Fi")),
        NetworkFact::Cellular => {
            DeviceCheck::ok(code, ("Đang dùng dữ liệu di động", "On mobile data"))
        }
        NetworkFact::Other => DeviceCheck::ok(code, ("Có kết nối mạng", "Connected")),
        NetworkFact::Offline => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            ("Điện thoại không có mạng", "The phone has no network"),
            (
                "Bật Wi-Fi hoặc dữ liệu di động, tắt chế độ máy bay.",
                "Turn on Wi-Fi or mobile data and turn off airplane mode.",
            ),
        ),
    }
}

/// The major version of "14", "8.1.0", "17.4.1" (`None` when unreadable).
fn major_version(version: &str) -> Option<u32> {
    version.trim().split('.').next()?.trim().parse().ok()
}

fn os_version(os: &OsFact) -> DeviceCheck {
    let code = CheckCode::OsVersion;
    let (name, minimum) = match os.platform {
        Platform::Android => ("Android", ANDROID_MIN_MAJOR),
        Platform::Ios => ("iOS", IOS_MIN_MAJOR),
        Platform::Other => {
            return DeviceCheck::ok(
                code,
                (
                    "Hệ điều hành không cần kiểm tra",
                    "No minimum for this system",
                ),
            )
            .with_detail(os.version.clone());
        }
    };
    let detail = format!("{name} {}", os.version.trim());
    match major_version(&os.version) {
        Some(major) if major >= minimum => DeviceCheck::ok(
            code,
            (
                &format!("{name} {major} được hỗ trợ"),
                &format!("{name} {major} is supported"),
            ),
        ),
        Some(major) => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                &format!("{name} {major} quá cũ (cần {name} {minimum} trở lên)"),
                &format!("{name} {major} is too old ({name} {minimum} or later needed)"),
            ),
            (
                "Cập nhật hệ điều hành trong Cài đặt; nếu máy không cập nhật được, dùng máy khác.",
                "Update the system in Settings; if this phone cannot be updated, use another one.",
            ),
        ),
        None => DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Không đọc được phiên bản hệ điều hành",
                "The system version could not be read",
            ),
            (
                "Xem phiên bản trong Cài đặt → Giới thiệu điện thoại.",
                "Look the version up in Settings → About phone.",
            ),
        ),
    }
    .with_detail(detail)
}

fn camera_present(present: bool) -> DeviceCheck {
    let code = CheckCode::CameraPresent;
    if present {
        return DeviceCheck::ok(code, ("Điện thoại có máy ảnh", "The phone has a camera"));
    }
    DeviceCheck::new(
        code,
        CheckStatus::Fail,
        ("Không tìm thấy máy ảnh", "No camera was found"),
        (
            "Phản ánh cần ảnh chụp tại chỗ: dùng điện thoại có máy ảnh.",
            "Reports need photos taken on the spot: use a phone with a camera.",
        ),
    )
}

/// Words for one permission: its name and where it is granted.
struct PermissionWords {
    code: CheckCode,
    name: (&'static str, &'static str),
    /// Why the app needs it, said when it is denied.
    why: (&'static str, &'static str),
    /// Status when denied: fail for what a report cannot do without.
    denied: CheckStatus,
}

fn permission(words: PermissionWords, state: PermissionState) -> DeviceCheck {
    let (name_vi, name_en) = words.name;
    let settings = (
        format!("Mở Cài đặt → Ứng dụng → iHaNoi → Quyền → {name_vi} → Cho phép."),
        format!("Open Settings → Apps → iHaNoi → Permissions → {name_en} → Allow."),
    );
    match state {
        PermissionState::Granted => DeviceCheck::ok(
            words.code,
            (
                &format!("Đã cho phép {}", name_vi.to_lowercase()),
                &format!("{name_en} allowed"),
            ),
        ),
        PermissionState::Limited => DeviceCheck::new(
            words.code,
            CheckStatus::Warn,
            (
                &format!("{name_vi} chỉ được cho phép một phần"),
                &format!("{name_en} allowed only in part"),
            ),
            (&settings.0, &settings.1),
        ),
        PermissionState::Denied => DeviceCheck::new(
            words.code,
            words.denied,
            (
                &format!("{name_vi} bị từ chối: {}", words.why.0),
                &format!("{name_en} denied: {}", words.why.1),
            ),
            (&settings.0, &settings.1),
        ),
        PermissionState::NotAsked => DeviceCheck::new(
            words.code,
            CheckStatus::Warn,
            (
                &format!("Chưa hỏi quyền {}", name_vi.to_lowercase()),
                &format!("{name_en} not asked for yet"),
            ),
            (
                "Mở ứng dụng, tạo thử một phản ánh và bấm \"Cho phép\" khi được hỏi.",
                "Open the app, start a report and tap \"Allow\" when asked.",
            ),
        ),
    }
}

fn camera_permission(state: PermissionState) -> DeviceCheck {
    permission(
        PermissionWords {
            code: CheckCode::CameraPermission,
            name: ("Máy ảnh", "Camera"),
            why: (
                "không chụp được ảnh cho phản ánh",
                "no photos can be taken for reports",
            ),
            denied: CheckStatus::Fail,
        },
        state,
    )
}

fn location_permission(state: PermissionState) -> DeviceCheck {
    let mut row = permission(
        PermissionWords {
            code: CheckCode::LocationPermission,
            name: ("Vị trí", "Location"),
            why: (
                "phản ánh không có vị trí, phải chọn trên bản đồ",
                "reports get no position and must be placed on the map",
            ),
            denied: CheckStatus::Fail,
        },
        state,
    );
    if state == PermissionState::Limited {
        // Approximate location is a circle of about 2 km: the wrong ward.
        row.label = Bilingual::new(
            crate::text::nfc("Chỉ cho phép vị trí gần đúng: phản ánh có thể đến nhầm phường"),
            "Only approximate location allowed: reports may reach the wrong ward",
        );
        row.action = Bilingual::new(
            crate::text::nfc(
                "Mở Cài đặt → Ứng dụng → iHaNoi → Quyền → Vị trí → bật \"Dùng vị trí chính xác\".",
            ),
            "Open Settings → Apps → iHaNoi → Permissions → Location → turn on \"Use precise location\".",
        );
    }
    row
}

fn notification_permission(state: PermissionState) -> DeviceCheck {
    permission(
        PermissionWords {
            code: CheckCode::NotificationPermission,
            name: ("Thông báo", "Notifications"),
            why: (
                "người dân sẽ không biết khi phường trả lời",
                "the resident will not hear when the ward answers",
            ),
            denied: CheckStatus::Warn,
        },
        state,
    )
}

fn location_services(on: bool) -> DeviceCheck {
    let code = CheckCode::LocationServices;
    if on {
        return DeviceCheck::ok(code, ("Định vị đang bật", "Location services are on"));
    }
    DeviceCheck::new(
        code,
        CheckStatus::Fail,
        (
            "Định vị của điện thoại đang tắt",
            "The phone's location services are off",
        ),
        (
            "Kéo thanh thông báo xuống và bật \"Vị trí\" (iPhone: Cài đặt → Quyền riêng tư → Dịch vụ định vị).",
            "Pull down the notification shade and turn on \"Location\" (iPhone: Settings → Privacy → Location Services).",
        ),
    )
}

fn free_storage(bytes: u64) -> DeviceCheck {
    let code = CheckCode::FreeStorage;
    let megabytes = bytes / (1024 * 1024);
    let detail = format!("{megabytes} MB");
    let action = (
        "Xoá ảnh, video hoặc ứng dụng không dùng để giải phóng bộ nhớ.",
        "Delete unused photos, videos or apps to free space.",
    );
    let row = if bytes < FREE_STORAGE_FAIL_BYTES {
        DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                &format!("Bộ nhớ gần đầy: còn {megabytes} MB, không đủ để chụp ảnh"),
                &format!("Storage almost full: {megabytes} MB left, not enough for photos"),
            ),
            action,
        )
    } else if bytes < FREE_STORAGE_WARN_BYTES {
        DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                &format!("Bộ nhớ còn ít: {megabytes} MB"),
                &format!("Little storage left: {megabytes} MB"),
            ),
            action,
        )
    } else {
        DeviceCheck::ok(code, ("Còn đủ bộ nhớ", "Enough free storage"))
    };
    row.with_detail(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn only(facts: DeviceFacts) -> DeviceCheck {
        let mut rows = checks(&facts);
        assert_eq!(rows.len(), 1);
        rows.remove(0)
    }

    #[test]
    fn no_facts_no_rows() {
        assert!(checks(&DeviceFacts::default()).is_empty());
    }

    #[test]
    fn os_versions_against_the_minimums() {
        let os = |platform, version: &str| DeviceFacts {
            os: Some(OsFact {
                platform,
                version: version.into(),
            }),
            ..Default::default()
        };
        assert_eq!(only(os(Platform::Android, "14")).status, CheckStatus::Ok);
        assert_eq!(only(os(Platform::Android, "7.1.2")).status, CheckStatus::Ok);
        assert_eq!(only(os(Platform::Android, "7.0")).status, CheckStatus::Ok);
        assert_eq!(
            only(os(Platform::Android, "6.0.1")).status,
            CheckStatus::Fail
        );
        assert_eq!(only(os(Platform::Ios, "17.4.1")).status, CheckStatus::Ok);
        assert_eq!(only(os(Platform::Ios, "14.8")).status, CheckStatus::Fail);
        assert_eq!(only(os(Platform::Ios, "beta")).status, CheckStatus::Warn);
        assert_eq!(only(os(Platform::Other, "Linux")).status, CheckStatus::Ok);
    }

    #[test]
    fn permissions_grade_by_what_a_report_needs() {
        let camera = |s| DeviceFacts {
            camera_permission: Some(s),
            ..Default::default()
        };
        let notifications = |s| DeviceFacts {
            notification_permission: Some(s),
            ..Default::default()
        };
        let location = |s| DeviceFacts {
            location_permission: Some(s),
            ..Default::default()
        };
        assert_eq!(
            only(camera(PermissionState::Granted)).status,
            CheckStatus::Ok
        );
        assert_eq!(
            only(camera(PermissionState::Denied)).status,
            CheckStatus::Fail
        );
        assert_eq!(
            only(camera(PermissionState::NotAsked)).status,
            CheckStatus::Warn
        );
        // The resident can still report without notifications.
        assert_eq!(
            only(notifications(PermissionState::Denied)).status,
            CheckStatus::Warn
        );
        let approximate = only(location(PermissionState::Limited));
        assert_eq!(approximate.status, CheckStatus::Warn);
        assert!(approximate.label.en.contains("wrong ward"));
        assert_eq!(
            only(location(PermissionState::Denied)).status,
            CheckStatus::Fail
        );
    }

    #[test]
    fn storage_thresholds() {
        let storage = |mb: u64| DeviceFacts {
            free_storage_bytes: Some(mb * 1024 * 1024),
            ..Default::default()
        };
        assert_eq!(only(storage(50)).status, CheckStatus::Fail);
        assert_eq!(only(storage(500)).status, CheckStatus::Warn);
        assert_eq!(only(storage(8000)).status, CheckStatus::Ok);
        assert_eq!(only(storage(50)).detail.as_deref(), Some("50 MB"));
    }

    #[test]
    fn offline_sensors_off_and_no_camera_fail() {
        let offline = DeviceFacts {
            network: Some(NetworkFact::Offline),
            ..Default::default()
        };
        assert_eq!(only(offline).status, CheckStatus::Fail);
        let gps_off = DeviceFacts {
            location_services_on: Some(false),
            ..Default::default()
        };
        assert_eq!(only(gps_off).status, CheckStatus::Fail);
        let no_camera = DeviceFacts {
            camera_present: Some(false),
            ..Default::default()
        };
        assert_eq!(only(no_camera).status, CheckStatus::Fail);
    }
}
