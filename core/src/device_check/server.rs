//! The city server as the device sees it: reachable, compatible with this
//! app, and telling the same time. One `GET /discovery.json` (its `Date`
//! header gives the clock check) and one `POST /requests.json` with only the
//! app's key, which a server refuses without storing anything: 400 when the
//! key is good, 403 when it is not.

use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

use crate::device_check::model::{CheckCode, CheckStatus, DeviceCheck};
use crate::device_check::thresholds::{CLOCK_SKEW_FAIL, CLOCK_SKEW_WARN, SERVER_CHECK_TIMEOUT};
use crate::net::city::City;
use crate::net::transport::{Answer, TransportError};
use crate::time::{UnixMillis, now_ms};

const DISCOVERY_PATH: &str = "/discovery.json";
const REQUESTS_PATH: &str = "/requests.json";
/// Discovery is a few kilobytes; anything near this is not the city's.
const DISCOVERY_LIMIT: u64 = 256 * 1024;
const REFUSAL_LIMIT: u64 = 64 * 1024;

/// The discovery extensions the app cannot work without (docs/city-api.md):
/// photos travel in the report's multipart body, resends are recognised by
/// `client_request_id`, and sending needs the resident's sign-in.
pub const REQUIRED_EXTENSIONS: [&str; 3] =
    ["media_multipart", "client_request_id", "resident_sign_in"];

/// What the server said, with the phone's time around the discovery request.
struct Probed {
    discovery: Answer,
    sent_ms: UnixMillis,
    received_ms: UnixMillis,
    key: Result<Answer, TransportError>,
}

async fn probe(city: &City) -> Result<Probed, TransportError> {
    let sent_ms = now_ms();
    let discovery = city
        .transport
        .get(DISCOVERY_PATH, &[], None, DISCOVERY_LIMIT)
        .await?;
    let received_ms = now_ms();
    let key = city
        .transport
        .post_form(
            REQUESTS_PATH,
            &[("api_key", city.api_key.as_str())],
            None,
            REFUSAL_LIMIT,
        )
        .await;
    Ok(Probed {
        discovery,
        sent_ms,
        received_ms,
        key,
    })
}

/// The three server rows (reachable, compatible, clock), within
/// [`SERVER_CHECK_TIMEOUT`]. Runs on the core's runtime.
pub(crate) async fn checks(city: Arc<City>) -> Vec<DeviceCheck> {
    let probed = match tokio::time::timeout(SERVER_CHECK_TIMEOUT, probe(&city)).await {
        Ok(result) => result,
        Err(_) => Err(TransportError::Timeout),
    };
    let probed = match probed {
        Ok(probed) => probed,
        Err(error) => return unreachable(&error),
    };
    let discovery = &probed.discovery;
    if !discovery.is_success() || !discovery.is_json() {
        return answered_wrongly(discovery);
    }
    let reachable = DeviceCheck::ok(
        CheckCode::ServerReachable,
        ("Kết nối được máy chủ thành phố", "The city server answers"),
    )
    .with_detail(format!(
        "{} ms",
        probed.received_ms.saturating_sub(probed.sent_ms)
    ));
    vec![reachable, compatible(&probed), clock(&probed)]
}

/// No city server configured: the app was built or set up wrongly.
pub(crate) fn not_configured() -> Vec<DeviceCheck> {
    let mut rows = vec![
        DeviceCheck::new(
            CheckCode::ServerReachable,
            CheckStatus::Fail,
            (
                "Ứng dụng chưa có địa chỉ máy chủ thành phố",
                "The app has no city server address",
            ),
            (
                "Cài lại iHaNoi từ kho ứng dụng chính thức.",
                "Reinstall iHaNoi from the official app store.",
            ),
        )
        .with_detail("not_configured"),
    ];
    rows.extend(not_checked());
    rows
}

/// The compatibility and clock rows when the server could not be asked.
fn not_checked() -> [DeviceCheck; 2] {
    let action = (
        "Sửa lỗi kết nối ở trên rồi kiểm tra lại.",
        "Fix the connection above, then check again.",
    );
    [
        DeviceCheck::new(
            CheckCode::ServerCompatible,
            CheckStatus::Warn,
            (
                "Chưa kiểm tra được máy chủ có phù hợp không",
                "Could not check whether the server fits the app",
            ),
            action,
        ),
        DeviceCheck::new(
            CheckCode::Clock,
            CheckStatus::Warn,
            (
                "Chưa so được đồng hồ với máy chủ",
                "Could not compare the clock with the server",
            ),
            action,
        ),
    ]
}

fn unreachable(error: &TransportError) -> Vec<DeviceCheck> {
    let row = match error {
        TransportError::Tls { .. } => DeviceCheck::new(
            CheckCode::ServerReachable,
            CheckStatus::Fail,
            (
                "Kết nối bảo mật tới máy chủ bị chặn",
                "The secure connection to the server is blocked",
            ),
            (
                "Mạng Wi-Fi này có thể cần đăng nhập hoặc chặn ứng dụng: mở trình duyệt để đăng nhập, hoặc dùng dữ liệu di động. Kiểm tra ngày giờ của điện thoại.",
                "This Wi-Fi may need a login or block the app: open the browser to log in, or use mobile data. Check the phone's date and time.",
            ),
        ),
        _ => DeviceCheck::new(
            CheckCode::ServerReachable,
            CheckStatus::Fail,
            (
                "Không kết nối được máy chủ thành phố",
                "The city server cannot be reached",
            ),
            (
                "Kiểm tra Wi-Fi hoặc dữ liệu di động và thử lại. Nếu mạng vẫn tốt, máy chủ đang gián đoạn: phản ánh sẽ tự gửi sau.",
                "Check Wi-Fi or mobile data and try again. If the network is fine the server is down: reports will be sent later by themselves.",
            ),
        ),
    };
    let mut rows = vec![row.with_detail(error.code())];
    rows.extend(not_checked());
    rows
}

/// Something answered, but not the city's API: a Wi-Fi login page
/// redirecting, a proxy's error page, or the server failing.
fn answered_wrongly(answer: &Answer) -> Vec<DeviceCheck> {
    let portal = (300..400).contains(&answer.status) || !answer.is_json();
    let row = if portal {
        DeviceCheck::new(
            CheckCode::ServerReachable,
            CheckStatus::Fail,
            (
                "Một trang khác trả lời thay cho máy chủ thành phố",
                "Another page answered instead of the city server",
            ),
            (
                "Mạng Wi-Fi này có thể cần đăng nhập: mở trình duyệt để đăng nhập, hoặc dùng dữ liệu di động.",
                "This Wi-Fi may need a login: open the browser to log in, or use mobile data.",
            ),
        )
    } else {
        DeviceCheck::new(
            CheckCode::ServerReachable,
            CheckStatus::Fail,
            (
                "Máy chủ thành phố đang báo lỗi",
                "The city server is answering with errors",
            ),
            (
                "Thử lại sau; phản ánh đã xếp hàng sẽ tự gửi khi máy chủ hoạt động lại.",
                "Try again later; queued reports are sent by themselves when the server is back.",
            ),
        )
    };
    let mut rows = vec![row.with_detail(format!("HTTP {}", answer.status))];
    rows.extend(not_checked());
    rows
}

/// Discovery lists the GeoReport v2 endpoint and the extensions the app
/// needs, and the server accepts the app's key.
fn compatible(probed: &Probed) -> DeviceCheck {
    let code = CheckCode::ServerCompatible;
    let json: Value = serde_json::from_slice(&probed.discovery.body).unwrap_or(Value::Null);
    let georeport = json
        .get("endpoints")
        .and_then(Value::as_array)
        .is_some_and(|endpoints| {
            endpoints.iter().any(|e| {
                e.get("specification")
                    .and_then(Value::as_str)
                    .is_some_and(|s| s.contains("GeoReport_v2"))
            })
        });
    let mut missing: Vec<&str> = REQUIRED_EXTENSIONS
        .iter()
        .copied()
        .filter(|name| json.get("extensions").and_then(|e| e.get(name)).is_none())
        .collect();
    if !georeport {
        missing.insert(0, "GeoReport_v2");
    }
    let update_or_call = (
        "Cập nhật iHaNoi lên bản mới nhất; nếu vẫn lỗi, báo cho trung tâm phục vụ hành chính công.",
        "Update iHaNoi to the latest version; if it persists, tell the public service centre.",
    );
    if !missing.is_empty() {
        return DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Máy chủ không hỗ trợ đủ chức năng ứng dụng cần",
                "The server lacks what the app needs",
            ),
            update_or_call,
        )
        .with_detail(format!("missing: {}", missing.join(", ")));
    }
    match &probed.key {
        Ok(answer) if answer.status == 400 => DeviceCheck::ok(
            code,
            (
                "Máy chủ phù hợp với phiên bản ứng dụng này",
                "The server fits this version of the app",
            ),
        ),
        Ok(answer) if matches!(answer.status, 401 | 403) => DeviceCheck::new(
            code,
            CheckStatus::Fail,
            (
                "Máy chủ không chấp nhận khoá của ứng dụng",
                "The server does not accept the app's key",
            ),
            update_or_call,
        )
        .with_detail(format!("HTTP {}", answer.status)),
        Ok(answer) => DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Máy chủ trả lời lạ khi kiểm tra khoá ứng dụng",
                "The server answered oddly to the app-key check",
            ),
            update_or_call,
        )
        .with_detail(format!("HTTP {}", answer.status)),
        Err(error) => DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Chưa kiểm tra được khoá của ứng dụng",
                "Could not check the app's key",
            ),
            (
                "Kiểm tra lại khi mạng ổn định.",
                "Check again when the network is steady.",
            ),
        )
        .with_detail(error.code()),
    }
}

/// The phone's clock against the server's `Date`, taken at the middle of the
/// request (the header has whole seconds; the thresholds are minutes).
fn clock(probed: &Probed) -> DeviceCheck {
    let code = CheckCode::Clock;
    let server_ms = probed
        .discovery
        .header("date")
        .and_then(|date| httpdate::parse_http_date(date).ok())
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|since| since.as_millis() as UnixMillis);
    let Some(server_ms) = server_ms else {
        return DeviceCheck::new(
            code,
            CheckStatus::Warn,
            (
                "Máy chủ không cho biết giờ, chưa so được đồng hồ",
                "The server sent no time; the clock was not compared",
            ),
            (
                "Kiểm tra ngày giờ trong Cài đặt: bật \"Tự động\".",
                "Check the date and time in Settings: turn on \"Automatic\".",
            ),
        );
    };
    let phone_ms = probed.sent_ms + (probed.received_ms - probed.sent_ms) / 2;
    let skew_ms = phone_ms - server_ms;
    let skew = Duration::from_millis(skew_ms.unsigned_abs());
    let detail = format!("{:+} s", skew_ms / 1000);
    let (amount_vi, amount_en) = amount(skew);
    let (label_vi, label_en) = if skew_ms > 0 {
        (
            format!("Đồng hồ điện thoại nhanh {amount_vi} so với máy chủ"),
            format!("The phone's clock is {amount_en} ahead of the server"),
        )
    } else {
        (
            format!("Đồng hồ điện thoại chậm {amount_vi} so với máy chủ"),
            format!("The phone's clock is {amount_en} behind the server"),
        )
    };
    let status = if skew >= CLOCK_SKEW_FAIL {
        CheckStatus::Fail
    } else if skew >= CLOCK_SKEW_WARN {
        CheckStatus::Warn
    } else {
        return DeviceCheck::ok(
            code,
            ("Đồng hồ điện thoại đúng giờ", "The phone's clock is right"),
        )
        .with_detail(detail);
    };
    DeviceCheck::new(
        code,
        status,
        (&label_vi, &label_en),
        (
            "Mở Cài đặt → Ngày và giờ: bật \"Tự động\" và chọn múi giờ Hà Nội (GMT+7).",
            "Open Settings → Date & time: turn on \"Automatic\" and pick the Hanoi time zone (GMT+7).",
        ),
    )
    .with_detail(detail)
}

/// "2 giờ 5 phút" / "2 h 5 min".
fn amount(skew: Duration) -> (String, String) {
    let minutes = skew.as_secs() / 60;
    let (hours, minutes) = (minutes / 60, minutes % 60);
    if hours > 0 {
        (
            format!("{hours} giờ {minutes} phút"),
            format!("{hours} h {minutes} min"),
        )
    } else {
        (format!("{minutes} phút"), format!("{minutes} min"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_read_in_hours_and_minutes() {
        assert_eq!(
            amount(Duration::from_secs(2 * 3600 + 5 * 60 + 30)),
            ("2 giờ 5 phút".into(), "2 h 5 min".into())
        );
        assert_eq!(
            amount(Duration::from_secs(7 * 60)),
            ("7 phút".into(), "7 min".into())
        );
    }
}
