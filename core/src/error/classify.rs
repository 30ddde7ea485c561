//! Every core error's [`ErrorKind`] and its message for the person, decided once.

use crate::areas::AreasError;
use crate::error::{Error, ErrorKind};
use crate::i18n::Bilingual;
use crate::location::LocationError;
use crate::net::SyncError;
use crate::net::retry::Verdict;
use crate::net::transport::TransportError;
use crate::photos::PhotoError;

impl Error {
    /// What this failure means for the person; the FFI error variant, the terminal
    /// shell's `--json` kind and its exit code all follow from it.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Sqlite(_) | Error::Io { .. } | Error::SchemaTooNew { .. } => ErrorKind::Storage,
            Error::ReportNotFound { .. } => ErrorKind::NotFound,
            Error::InvalidReportId { .. }
            | Error::TooLong { .. }
            | Error::InvalidCursor
            | Error::InvalidAttributeCode { .. } => ErrorKind::InvalidArgument,
            Error::WrongState { .. } => ErrorKind::WrongState,
            Error::NotReady { .. } => ErrorKind::NotReady,
            Error::SecretStore(_) => ErrorKind::SecretStore,
            Error::Areas(error) => areas_kind(error),
            Error::Location(error) => location_kind(error),
            Error::Photo(error) => photo_kind(error),
            Error::Sync(error) => sync_kind(error),
        }
    }

    /// What happened, for the person, in both languages (without personal data;
    /// [`ErrorKind::advice`] says what to do). The English `Display` stays the
    /// developer's detail.
    pub fn text(&self) -> Bilingual {
        match self {
            Error::Sqlite(_) | Error::Io { .. } => t(
                "Lỗi lưu trữ dữ liệu trên máy.",
                "Storing data on the phone failed.",
            ),
            Error::SchemaTooNew { .. } => t(
                "Dữ liệu trên máy do phiên bản ứng dụng mới hơn ghi; hãy cập nhật ứng dụng.",
                "The data on this phone was written by a newer version of the app; update the app.",
            ),
            Error::ReportNotFound { .. } => {
                t("Không tìm thấy phản ánh.", "The report was not found.")
            }
            Error::InvalidReportId { .. } => t("Mã phản ánh không hợp lệ.", "Not a report id."),
            Error::WrongState { state, .. } => {
                let state = state.label();
                Bilingual::new(
                    format!(
                        "Không thể thực hiện với phản ánh ở trạng thái «{}».",
                        state.vi
                    ),
                    format!("Not possible for a report in the state “{}”.", state.en),
                )
            }
            Error::NotReady { .. } => t(
                "Phản ánh chưa đủ thông tin để gửi.",
                "The report is not complete enough to send.",
            ),
            Error::TooLong { max, .. } => Bilingual::new(
                format!("Nội dung quá dài; tối đa {max} ký tự."),
                format!("The text is too long; at most {max} characters."),
            ),
            Error::InvalidCursor => t("Con trỏ trang không hợp lệ.", "Invalid page cursor."),
            Error::InvalidAttributeCode { .. } => t(
                "Mục này không có trong mẫu phản ánh.",
                "This field is not part of the report form.",
            ),
            Error::SecretStore(_) => t(
                "Kho khoá bảo mật của máy bị lỗi.",
                "The phone's secure store failed.",
            ),
            Error::Areas(error) => areas_text(error),
            Error::Location(error) => location_text(error),
            Error::Photo(error) => error.text(),
            Error::Sync(error) => sync_text(error),
        }
    }
}

fn t(vi: &str, en: &str) -> Bilingual {
    Bilingual::new(vi, en)
}

fn areas_kind(error: &AreasError) -> ErrorKind {
    match error {
        AreasError::NotLoaded => ErrorKind::AreasUnavailable,
        // The set cached on the phone: storage, like a damaged database.
        AreasError::CorruptCache { .. } => ErrorKind::Storage,
        AreasError::MalformedGeoJson { .. }
        | AreasError::MissingProperty { .. }
        | AreasError::UnsupportedGeometry { .. }
        | AreasError::NonFiniteCoordinate { .. }
        | AreasError::CoordinateOutOfRange { .. }
        | AreasError::RingTooShort { .. }
        | AreasError::RingNotClosed { .. }
        | AreasError::SelfIntersecting { .. }
        | AreasError::EmptyGeometry { .. }
        | AreasError::EmptySet
        | AreasError::DuplicateCode { .. }
        | AreasError::MalformedFormerNames { .. }
        | AreasError::InvalidPosition { .. }
        | AreasError::InvalidRadius { .. } => ErrorKind::InvalidArgument,
    }
}

fn areas_text(error: &AreasError) -> Bilingual {
    match error {
        AreasError::NotLoaded => t(
            "Chưa có dữ liệu ranh giới phường/xã trên máy.",
            "No ward boundaries on this phone yet.",
        ),
        AreasError::CorruptCache { .. } => t(
            "Dữ liệu ranh giới phường/xã trên máy bị hỏng.",
            "The ward boundaries stored on this phone are damaged.",
        ),
        AreasError::InvalidPosition { .. } | AreasError::InvalidRadius { .. } => {
            t("Toạ độ không hợp lệ.", "Invalid position.")
        }
        _ => t(
            "Tệp ranh giới phường/xã không hợp lệ.",
            "The ward boundary file is not valid.",
        ),
    }
}

fn location_kind(error: &LocationError) -> ErrorKind {
    match error {
        LocationError::InvalidFix { .. } | LocationError::NotACandidate { .. } => {
            ErrorKind::InvalidArgument
        }
        LocationError::NoLocation => ErrorKind::NoLocation,
    }
}

fn location_text(error: &LocationError) -> Bilingual {
    match error {
        LocationError::InvalidFix { .. } => t("Vị trí không hợp lệ.", "Invalid location."),
        LocationError::NotACandidate { .. } => t(
            "Đơn vị này không phụ trách vị trí của phản ánh.",
            "This unit does not cover the report's location.",
        ),
        LocationError::NoLocation => t(
            "Vui lòng xác định vị trí hiện trường trên bản đồ.",
            "Please set the location of the problem on the map.",
        ),
    }
}

fn photo_kind(error: &PhotoError) -> ErrorKind {
    match error {
        PhotoError::NotFound | PhotoError::NotAFile | PhotoError::OutsideReadableDirs => {
            ErrorKind::PhotoNotFound
        }
        PhotoError::Empty | PhotoError::Corrupt { .. } => ErrorKind::PhotoCorrupt,
        PhotoError::UnsupportedFormat(_) | PhotoError::UnrecognizedFormat => {
            ErrorKind::PhotoUnsupported
        }
        PhotoError::FileTooLarge { .. } | PhotoError::TooManyPixels { .. } => {
            ErrorKind::PhotoTooLarge
        }
        PhotoError::TooManyPhotos { .. } => ErrorKind::TooManyPhotos,
        PhotoError::Duplicate { .. } => ErrorKind::PhotoDuplicate,
        PhotoError::PhotoNotFound { .. } => ErrorKind::NotFound,
        PhotoError::InvalidOrder => ErrorKind::InvalidArgument,
        PhotoError::Cancelled => ErrorKind::Cancelled,
        // A result photo the city linked from elsewhere: never fetched, and
        // asking again cannot change that.
        PhotoError::Encode { .. } | PhotoError::ForeignOrigin => ErrorKind::PhotoFailed,
    }
}

fn sync_kind(error: &SyncError) -> ErrorKind {
    match error {
        SyncError::Transport(error) => transport_kind(error),
        SyncError::NotConfigured => ErrorKind::NotConfigured,
        SyncError::SignInNeeded => ErrorKind::SignInNeeded,
        SyncError::AlreadyRunning => ErrorKind::Busy,
        SyncError::Local { .. } => ErrorKind::Storage,
        SyncError::Cancelled => ErrorKind::Cancelled,
    }
}

/// The city's answers are classified by the retry policy (one place decides what
/// a 503, a 409 or a 401 means); everything else is the network or the settings.
fn transport_kind(error: &TransportError) -> ErrorKind {
    match error {
        TransportError::InvalidUrl { .. }
        | TransportError::InsecureUrl
        | TransportError::TlsConfig { .. } => ErrorKind::NotConfigured,
        TransportError::Status { .. } => match error.verdict() {
            Verdict::SignInNeeded => ErrorKind::SignInNeeded,
            Verdict::Rejected | Verdict::Conflict => ErrorKind::Refused,
            // A 2xx never becomes a Status error; if one did, it is not the API.
            Verdict::Retry { .. } | Verdict::Accepted => ErrorKind::Network,
        },
        TransportError::Connect { .. }
        | TransportError::Tls { .. }
        | TransportError::Timeout
        | TransportError::ConnectionLost { .. }
        | TransportError::ResponseTooLarge { .. }
        | TransportError::UnexpectedAnswer { .. }
        | TransportError::InvalidJson { .. } => ErrorKind::Network,
    }
}

fn sync_text(error: &SyncError) -> Bilingual {
    match error {
        SyncError::Transport(error) => transport_text(error),
        SyncError::NotConfigured => t(
            "Chưa có địa chỉ máy chủ của thành phố.",
            "No city server is configured.",
        ),
        SyncError::SignInNeeded => t("Cần đăng nhập.", "Sign-in needed."),
        SyncError::AlreadyRunning => t(
            "Một lần đồng bộ khác đang chạy.",
            "Another sync is running.",
        ),
        SyncError::Local { .. } => t(
            "Lỗi lưu trữ dữ liệu trên máy.",
            "Storing data on the phone failed.",
        ),
        SyncError::Cancelled => t("Đã huỷ.", "Cancelled."),
    }
}

/// What the person is told about a network error: the city's own words
/// when it gave a reason ("Vietnamese — English"), else ours.
pub(crate) fn transport_text(error: &TransportError) -> Bilingual {
    match error {
        TransportError::InvalidUrl { .. } => t(
            "Địa chỉ máy chủ không dùng được.",
            "The server address cannot be used.",
        ),
        TransportError::InsecureUrl => t(
            "Địa chỉ máy chủ phải bắt đầu bằng https://.",
            "The server address must start with https://.",
        ),
        TransportError::TlsConfig { .. } => t(
            "Cấu hình kết nối bảo mật (TLS) không dùng được.",
            "The secure connection (TLS) settings cannot be used.",
        ),
        TransportError::Status {
            status,
            description,
            ..
        } => match Bilingual::from_joined(description) {
            Some(text) => text,
            None => match transport_kind(error) {
                ErrorKind::SignInNeeded => Bilingual::new(
                    format!("Máy chủ từ chối đăng nhập (HTTP {status})."),
                    format!("The server refused the sign-in (HTTP {status})."),
                ),
                ErrorKind::Refused => Bilingual::new(
                    format!("Thành phố từ chối yêu cầu (HTTP {status})."),
                    format!("The city refused the request (HTTP {status})."),
                ),
                _ => Bilingual::new(
                    format!("Máy chủ thành phố đang bận hoặc gặp lỗi (HTTP {status})."),
                    format!("The city server is busy or failing (HTTP {status})."),
                ),
            },
        },
        TransportError::Tls { .. } | TransportError::UnexpectedAnswer { .. } => t(
            "Không nhận được trả lời từ máy chủ thành phố; có thể mạng Wi-Fi đang yêu cầu đăng nhập.",
            "No answer from the city server; a Wi-Fi login page may be in the way.",
        ),
        TransportError::Timeout => t(
            "Máy chủ thành phố không trả lời kịp.",
            "The city server did not answer in time.",
        ),
        TransportError::Connect { .. }
        | TransportError::ConnectionLost { .. }
        | TransportError::ResponseTooLarge { .. }
        | TransportError::InvalidJson { .. } => t(
            "Chưa liên lạc được với máy chủ thành phố.",
            "Could not get through to the city server.",
        ),
    }
}

#[cfg(test)]
mod tests;
