//! Checks of the app's own state on this phone: the store's integrity, the
//! photo folder, the outbox, sign-in, and the age of the categories and ward
//! data. No network.

use std::time::Duration;

use crate::account::SessionState;
use crate::app::Core;
use crate::device_check::model::{CheckCode, CheckStatus, DeviceCheck};
use crate::device_check::thresholds::{STALE_DATA_AFTER, STUCK_AFTER_ATTEMPTS};
use crate::error::Result;
use crate::pull::db as pull_db;
use crate::sync::outbox::db as outbox_db;
use crate::time::UnixMillis;

/// How many damage reports `quick_check` lists (the first few say enough).
const QUICK_CHECK_MAX_ERRORS: u32 = 5;

/// Every local row, at time `now`. A check whose data cannot be read (a
/// damaged store, a failing secure store) is a failing row, not an error:
/// the rest of the report is what the install team needs most then.
pub(crate) fn checks(core: &Core, now: UnixMillis) -> Vec<DeviceCheck> {
    vec![
        or_unreadable(CheckCode::SignIn, sign_in(core)),
        or_unreadable(CheckCode::StoreIntegrity, store_integrity(core)),
        photo_folder(core),
        or_unreadable(CheckCode::Outbox, outbox(core)),
        or_unreadable(CheckCode::Categories, categories(core, now)),
        or_unreadable(CheckCode::WardData, ward_data(core, now)),
    ]
}

fn or_unreadable(code: CheckCode, row: Result<DeviceCheck>) -> DeviceCheck {
    row.unwrap_or_else(|error| {
        DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Không đọc được dữ liệu cho mục này",
                "This could not be read from the app's data",
            ),
            DAMAGED_ACTION,
        )
        .with_detail(error.to_string())
    })
}

const DAMAGED_ACTION: (&str, &str) = (
    "Gửi những phản ánh còn gửi được, rồi xoá dữ liệu ứng dụng và đăng nhập lại; nếu máy hay bị vậy, bộ nhớ máy có thể đã hỏng.",
    "Send what can still be sent, then clear the app's data and sign in again; if it happens again the phone's storage may be failing.",
);

fn sign_in(core: &Core) -> Result<DeviceCheck> {
    let code = CheckCode::SignIn;
    let waiting = core.store.read(|c| outbox_db::totals(c, 0))?.0;
    let detail = (waiting > 0).then(|| format!("{waiting} queued"));
    let action = (
        "Mở iHaNoi → Đăng nhập, nhập số điện thoại của người dân và mã được nhắn tin tới.",
        "Open iHaNoi → Sign in, enter the resident's phone number and the code texted to it.",
    );
    let row = match core.session_state()? {
        SessionState::SignedIn => DeviceCheck::ok(code, ("Đã đăng nhập", "Signed in")),
        SessionState::SignedOut => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Chưa đăng nhập: phản ánh chỉ lưu trên máy, chưa gửi được",
                "Not signed in: reports stay on the phone and cannot be sent",
            ),
            action,
        ),
        SessionState::SignInNeeded => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Phiên đăng nhập đã hết hạn: phản ánh đang chờ đăng nhập lại",
                "The sign-in has ended: reports wait for signing in again",
            ),
            action,
        ),
    };
    Ok(DeviceCheck { detail, ..row })
}

fn store_integrity(core: &Core) -> Result<DeviceCheck> {
    let code = CheckCode::StoreIntegrity;
    let found = core
        .store
        .read(|c| crate::store::quick_check(c, QUICK_CHECK_MAX_ERRORS))?;
    Ok(integrity_row(code, &found))
}

fn integrity_row(code: CheckCode, found: &[String]) -> DeviceCheck {
    if found.len() == 1 && found[0] == "ok" {
        return DeviceCheck::ok(
            code,
            (
                "Dữ liệu trên máy còn nguyên vẹn",
                "The app's data is intact",
            ),
        );
    }
    DeviceCheck::new(
        code,
        CheckStatus::Fail,
        (
            "Dữ liệu của ứng dụng trên máy bị hỏng",
            "The app's data on this phone is damaged",
        ),
        DAMAGED_ACTION,
    )
    .with_detail(found.join("; "))
}

fn photo_folder(core: &Core) -> DeviceCheck {
    let code = CheckCode::PhotoFolder;
    match core.files.check_writable() {
        Ok(()) => DeviceCheck::ok(code, ("Lưu được ảnh", "Photos can be saved")),
        Err(error) => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Không lưu được ảnh vào thư mục của ứng dụng",
                "Photos cannot be saved in the app's folder",
            ),
            (
                "Giải phóng bộ nhớ và khởi động lại điện thoại; nếu vẫn lỗi, xoá dữ liệu ứng dụng và cài lại.",
                "Free some storage and restart the phone; if it persists, clear the app's data and reinstall.",
            ),
        )
        .with_detail(format!("{:?}", error.kind())),
    }
}

/// Why sending failed, from the outbox's stable code, in words for the
/// install team.
fn failure_words(code: &str) -> (&'static str, &'static str) {
    match code {
        "connect" | "timeout" | "connection_lost" => (
            "không kết nối được máy chủ",
            "the server could not be reached",
        ),
        "tls" => (
            "kết nối bảo mật bị chặn (Wi-Fi cần đăng nhập, hoặc sai ngày giờ)",
            "the secure connection is blocked (a Wi-Fi login, or a wrong date)",
        ),
        "unexpected_answer" => (
            "một trang khác trả lời thay máy chủ (Wi-Fi cần đăng nhập?)",
            "another page answered instead of the server (a Wi-Fi login?)",
        ),
        "server_error" | "rate_limited" => (
            "máy chủ thành phố đang quá tải hoặc lỗi",
            "the city server is overloaded or failing",
        ),
        "response_too_large" | "invalid_json" | "http_error" => (
            "máy chủ trả lời không đúng dạng",
            "the server's answers cannot be read",
        ),
        "invalid_url" | "insecure_url" | "tls_config" => (
            "cấu hình máy chủ của ứng dụng sai",
            "the app's server settings are wrong",
        ),
        _ => ("lỗi không rõ", "an unknown error"),
    }
}

fn outbox(core: &Core) -> Result<DeviceCheck> {
    let code = CheckCode::Outbox;
    let (stuck, needs_attention) = core.store.read(|c| {
        Ok((
            outbox_db::stuck(c, STUCK_AFTER_ATTEMPTS)?,
            outbox_db::totals(c, 0)?.1,
        ))
    })?;
    if let Some((first, _)) = stuck.first() {
        let count: u32 = stuck.iter().map(|(_, n)| n).sum();
        let (why_vi, why_en) = failure_words(first);
        let detail = stuck
            .iter()
            .map(|(code, n)| format!("{n}× {}", if code.is_empty() { "?" } else { code }))
            .collect::<Vec<_>>()
            .join(", ");
        return Ok(DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                &format!("{count} phản ánh chưa gửi được sau nhiều lần thử: {why_vi}"),
                &format!("{count} report(s) not sent after several tries: {why_en}"),
            ),
            (
                "Sửa lỗi mạng hoặc máy chủ ở trên rồi bấm \"Gửi lại\"; phản ánh không bị mất.",
                "Fix the network or server problem above, then tap \"Send again\"; nothing is lost.",
            ),
        )
        .with_detail(detail));
    }
    if needs_attention > 0 {
        return Ok(DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                &format!("{needs_attention} phản ánh bị thành phố trả lại, cần người dân sửa"),
                &format!("{needs_attention} report(s) sent back by the city for the resident to fix"),
            ),
            (
                "Mở từng phản ánh \"Cần bổ sung\", đọc lý do, sửa và gửi lại.",
                "Open each report marked \"Needs attention\", read the reason, fix it and send again.",
            ),
        )
        .with_detail(format!("{needs_attention} needs_attention")));
    }
    Ok(DeviceCheck::ok(
        code,
        ("Không có phản ánh nào bị kẹt", "No report is stuck"),
    ))
}

/// Whole days in `age` (for labels).
fn days(age: Duration) -> u64 {
    age.as_secs() / (24 * 60 * 60)
}

fn age_since(then: UnixMillis, now: UnixMillis) -> Duration {
    Duration::from_millis(now.saturating_sub(then).max(0) as u64)
}

const REFRESH_ACTION: (&str, &str) = (
    "Kết nối mạng rồi mở iHaNoi và kéo xuống để cập nhật (hoặc bấm \"Đồng bộ\").",
    "Connect to a network, open iHaNoi and pull down to refresh (or tap \"Sync\").",
);

fn stale(code: CheckCode, what: (&str, &str), age: Duration) -> DeviceCheck {
    let n = days(age);
    DeviceCheck::new(
        code,
        CheckStatus::Warn,
        (
            &format!("{} chưa được cập nhật {n} ngày", what.0),
            &format!("{} not refreshed for {n} days", what.1),
        ),
        REFRESH_ACTION,
    )
    .with_detail(format!("{n} d"))
}

fn categories(core: &Core, now: UnixMillis) -> Result<DeviceCheck> {
    let code = CheckCode::Categories;
    let (pulled, checked_at) = core.store.read(|c| {
        Ok((
            !crate::categories::db::stored(c)?.is_empty(),
            pull_db::state_time(c, pull_db::CATEGORIES_CHECKED_AT)?,
        ))
    })?;
    let what = ("Danh sách lĩnh vực", "The category list");
    Ok(match (pulled, checked_at) {
        (false, _) => DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Đang dùng danh sách lĩnh vực có sẵn, chưa từng cập nhật từ thành phố",
                "Using the built-in category list, never refreshed from the city",
            ),
            REFRESH_ACTION,
        )
        .with_detail("built-in"),
        (true, Some(at)) if age_since(at, now) <= STALE_DATA_AFTER => DeviceCheck::ok(
            code,
            ("Danh sách lĩnh vực mới", "The category list is current"),
        )
        .with_detail(format!("{} d", days(age_since(at, now)))),
        (true, Some(at)) => stale(code, what, age_since(at, now)),
        // Pulled by a version that did not record when: age unknown.
        (true, None) => DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Không rõ danh sách lĩnh vực cập nhật lúc nào",
                "When the category list was refreshed is unknown",
            ),
            REFRESH_ACTION,
        ),
    })
}

fn ward_data(core: &Core, now: UnixMillis) -> Result<DeviceCheck> {
    let code = CheckCode::WardData;
    let Some(set) = core.area_set_info()? else {
        return Ok(DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Chưa có bản đồ phường, xã: phản ánh chưa xác định được nơi xử lý",
                "No ward map: reports cannot be routed to a ward",
            ),
            REFRESH_ACTION,
        )
        .with_detail("no area set"));
    };
    let checked_at = core
        .store
        .read(|c| pull_db::state_time(c, pull_db::AREAS_CHECKED_AT))?;
    let fresh_at = checked_at.map_or(set.imported_at_ms, |at| at.max(set.imported_at_ms));
    let age = age_since(fresh_at, now);
    let detail = format!(
        "{} units, version {}, {} d",
        set.unit_count,
        set.version,
        days(age)
    );
    Ok(if age <= STALE_DATA_AFTER {
        DeviceCheck::ok(code, ("Bản đồ phường, xã mới", "The ward map is current"))
    } else {
        stale(code, ("Bản đồ phường, xã", "The ward map"), age)
    }
    .with_detail(detail))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_is_ok_only_for_a_single_ok() {
        let ok = integrity_row(CheckCode::StoreIntegrity, &["ok".into()]);
        assert_eq!(ok.status, CheckStatus::Ok);
        let damaged = integrity_row(
            CheckCode::StoreIntegrity,
            &["*** in database main ***\nPage 5: btreeInitPage() returns error code 11".into()],
        );
        assert_eq!(damaged.status, CheckStatus::Fail);
        assert!(damaged.detail.unwrap().contains("Page 5"));
    }

    /// Every code the outbox writes has its own words (none falls to
    /// "unknown").
    #[test]
    fn every_outbox_failure_code_has_words() {
        use crate::net::transport::TransportError as E;
        let status = |status| E::Status {
            status,
            reason: String::new(),
            description: String::new(),
            retry_after: None,
        };
        let errors = [
            E::InvalidUrl {
                reason: String::new(),
            },
            E::InsecureUrl,
            E::TlsConfig {
                reason: String::new(),
            },
            E::Connect {
                detail: String::new(),
            },
            E::Tls {
                detail: String::new(),
            },
            E::Timeout,
            E::ConnectionLost {
                detail: String::new(),
            },
            E::ResponseTooLarge { limit: 1 },
            E::UnexpectedAnswer {
                status: 302,
                content_type: String::new(),
            },
            E::InvalidJson {
                status: 200,
                detail: String::new(),
            },
            status(429),
            status(503),
            status(418),
        ];
        for error in errors {
            assert_ne!(
                failure_words(error.code()).1,
                "an unknown error",
                "{error:?}"
            );
        }
    }
}
