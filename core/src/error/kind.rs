//! What a failure means for the person holding the phone: one [`ErrorKind`] per
//! thing a screen (or a script) does differently, decided here once. The FFI error
//! (`bindings/`) and the terminal shell's `--json` kinds and exit codes are derived
//! from it; they never classify the core's errors themselves.

use crate::i18n::Bilingual;

/// The class of a failure: a stable snake_case [code](ErrorKind::as_str), whether
/// trying again later can help ([`ErrorKind::retryable`]) and what the person can
/// do ([`ErrorKind::advice`]). [`crate::Error::kind`] gives it for every core error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "ffi", derive(uniffi::Enum))]
pub enum ErrorKind {
    /// The report cannot be queued yet: the problems say what is missing.
    NotReady,
    /// The report (or photo, unit, update) does not exist (any more).
    NotFound,
    /// Not possible in the report's current state (e.g. editing a queued report).
    WrongState,
    /// The report has no location yet: the person must set it on the map.
    NoLocation,
    /// A malformed value from the shell or the person: bad id, text too long, bad
    /// cursor, impossible position, broken area file.
    InvalidArgument,
    /// No usable city server is configured: none yet, a malformed address, plain
    /// `http://` to another machine, or unusable TLS settings.
    NotConfigured,
    /// No ward boundaries on this device yet (import or sync them first).
    AreasUnavailable,
    /// The phone's storage failed: disk full, damaged database or cache, a
    /// database from a newer app.
    Storage,
    /// The platform's secure store (Keystore, Keychain, keyring) failed.
    SecretStore,
    /// The photo file is missing or may not be read.
    PhotoNotFound,
    /// The photo file is empty, damaged or truncated.
    PhotoCorrupt,
    /// Not a JPEG, PNG or WebP photo.
    PhotoUnsupported,
    /// The photo file or its resolution is over the limits.
    PhotoTooLarge,
    /// The report already holds the most photos it may.
    TooManyPhotos,
    /// This photo is already attached to the report.
    PhotoDuplicate,
    /// The photo could not be processed (encoding failed).
    PhotoFailed,
    /// The city could not be reached or did not answer as its API does: offline,
    /// timeout, a broken connection, a Wi-Fi login page, a busy or failing server
    /// (5xx, 408, 429). Queued reports wait and are sent later.
    Network,
    /// The resident must sign in (again), or the city refused the sign-in (a 401).
    /// Queued reports wait.
    SignInNeeded,
    /// The city refused the request itself (a 4xx other than 401, 408 and 429,
    /// including 409): sending it again unchanged will not help.
    Refused,
    /// Another sync is running; this call did nothing.
    Busy,
    /// Cancelled through its handle; what was done stays done, the rest waits.
    Cancelled,
    /// A failure in the app itself (a shell's callback failed unexpectedly). The
    /// core maps none of its own errors here.
    Unexpected,
}

impl ErrorKind {
    /// Every kind, for tests and for documentation checks.
    pub const ALL: [ErrorKind; 22] = [
        ErrorKind::NotReady,
        ErrorKind::NotFound,
        ErrorKind::WrongState,
        ErrorKind::NoLocation,
        ErrorKind::InvalidArgument,
        ErrorKind::NotConfigured,
        ErrorKind::AreasUnavailable,
        ErrorKind::Storage,
        ErrorKind::SecretStore,
        ErrorKind::PhotoNotFound,
        ErrorKind::PhotoCorrupt,
        ErrorKind::PhotoUnsupported,
        ErrorKind::PhotoTooLarge,
        ErrorKind::TooManyPhotos,
        ErrorKind::PhotoDuplicate,
        ErrorKind::PhotoFailed,
        ErrorKind::Network,
        ErrorKind::SignInNeeded,
        ErrorKind::Refused,
        ErrorKind::Busy,
        ErrorKind::Cancelled,
        ErrorKind::Unexpected,
    ];

    /// The stable code scripts and logs use (the terminal shell's `--json` kind).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::NotReady => "not_ready",
            ErrorKind::NotFound => "not_found",
            ErrorKind::WrongState => "wrong_state",
            ErrorKind::NoLocation => "no_location",
            ErrorKind::InvalidArgument => "invalid_argument",
            ErrorKind::NotConfigured => "not_configured",
            ErrorKind::AreasUnavailable => "areas_unavailable",
            ErrorKind::Storage => "storage",
            ErrorKind::SecretStore => "secret_store",
            ErrorKind::PhotoNotFound => "photo_not_found",
            ErrorKind::PhotoCorrupt => "photo_corrupt",
            ErrorKind::PhotoUnsupported => "photo_unsupported",
            ErrorKind::PhotoTooLarge => "photo_too_large",
            ErrorKind::TooManyPhotos => "too_many_photos",
            ErrorKind::PhotoDuplicate => "photo_duplicate",
            ErrorKind::PhotoFailed => "photo_failed",
            ErrorKind::Network => "network",
            ErrorKind::SignInNeeded => "sign_in_needed",
            ErrorKind::Refused => "refused",
            ErrorKind::Busy => "busy",
            ErrorKind::Cancelled => "cancelled",
            ErrorKind::Unexpected => "unexpected",
        }
    }

    /// Whether the same call, unchanged, may succeed later without the person
    /// doing anything: the shell may offer "try again" or retry by itself.
    ///
    /// For errors from the city this is the retry policy's own answer
    /// ([`crate::net::retry::classify`]): exactly the answers it retries are
    /// `Network`. The outbox keeps a queued report through every error except a
    /// refusal of the report itself; a configuration error is not retryable (the
    /// configuration must change first) but the report still waits for it.
    pub fn retryable(self) -> bool {
        matches!(
            self,
            ErrorKind::Network | ErrorKind::Busy | ErrorKind::Cancelled
        )
    }

    /// What the person can do about it, in both languages.
    pub fn advice(self) -> Bilingual {
        let (vi, en) = match self {
            ErrorKind::NotReady => (
                "Bổ sung các mục còn thiếu rồi gửi lại.",
                "Complete what is missing, then send again.",
            ),
            ErrorKind::NotFound => (
                "Mục này không còn nữa; hãy tải lại danh sách.",
                "This item is gone; reload the list.",
            ),
            ErrorKind::WrongState => (
                "Phản ánh ở trạng thái này không cho phép thao tác đó.",
                "The report's state does not allow this.",
            ),
            ErrorKind::NoLocation => (
                "Xác định vị trí hiện trường trên bản đồ.",
                "Set the location of the problem on the map.",
            ),
            ErrorKind::InvalidArgument => {
                ("Kiểm tra lại thông tin đã nhập.", "Check what was entered.")
            }
            ErrorKind::NotConfigured => (
                "Kiểm tra địa chỉ máy chủ của thành phố trong cài đặt; phản ánh đã xếp hàng vẫn được giữ.",
                "Check the city server's address in the settings; queued reports are kept.",
            ),
            ErrorKind::AreasUnavailable => (
                "Kết nối mạng để tải ranh giới phường/xã.",
                "Connect to the network to download the ward boundaries.",
            ),
            ErrorKind::Storage => (
                "Kiểm tra dung lượng trống của máy rồi thử lại.",
                "Check the phone's free storage, then try again.",
            ),
            ErrorKind::SecretStore => (
                "Mở khoá máy rồi thử lại; nếu vẫn lỗi, đăng nhập lại.",
                "Unlock the phone and try again; if it still fails, sign in again.",
            ),
            ErrorKind::PhotoNotFound => (
                "Chọn lại ảnh từ thư viện hoặc chụp ảnh mới.",
                "Pick the photo again from the gallery or take a new one.",
            ),
            ErrorKind::PhotoCorrupt
            | ErrorKind::PhotoUnsupported
            | ErrorKind::PhotoTooLarge
            | ErrorKind::PhotoFailed => (
                "Chọn ảnh JPEG, PNG hoặc WebP khác, hoặc chụp ảnh mới.",
                "Choose another JPEG, PNG or WebP photo, or take a new one.",
            ),
            ErrorKind::TooManyPhotos => (
                "Bỏ bớt một ảnh trước khi thêm ảnh mới.",
                "Remove a photo before adding another.",
            ),
            ErrorKind::PhotoDuplicate => (
                "Ảnh này đã có trong phản ánh; không cần thêm lại.",
                "The photo is already in the report; no need to add it again.",
            ),
            ErrorKind::Network => (
                "Kiểm tra kết nối mạng; phản ánh đã xếp hàng sẽ được gửi khi có mạng.",
                "Check the connection; queued reports are sent when the network is back.",
            ),
            ErrorKind::SignInNeeded => (
                "Đăng nhập lại bằng số điện thoại; phản ánh đã xếp hàng vẫn được giữ.",
                "Sign in again with your phone number; queued reports are kept.",
            ),
            ErrorKind::Refused => (
                "Đọc lý do của thành phố, sửa phản ánh rồi gửi lại.",
                "Read the city's reason, edit the report and send it again.",
            ),
            ErrorKind::Busy => (
                "Đang đồng bộ; thử lại sau ít phút.",
                "A sync is running; try again in a few minutes.",
            ),
            ErrorKind::Cancelled => (
                "Đã huỷ; phần chưa xong sẽ được làm ở lần sau.",
                "Cancelled; what was not done waits for the next time.",
            ),
            ErrorKind::Unexpected => (
                "Thử lại; nếu vẫn lỗi, hãy báo cho nhóm phát triển.",
                "Try again; if it keeps failing, tell the app's team.",
            ),
        };
        Bilingual::new(vi, en)
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The same answers across the FFI: `code()`, `retryable()`, `advice()` on the
/// generated Kotlin/Swift enum.
#[cfg(feature = "ffi")]
#[uniffi::export]
impl ErrorKind {
    /// The stable snake_case code (`not_ready`, `network`, …).
    pub fn code(&self) -> String {
        self.as_str().to_owned()
    }

    /// Whether the same call may succeed later unchanged (see the Rust docs).
    #[uniffi::method(name = "retryable")]
    pub fn ffi_retryable(&self) -> bool {
        (*self).retryable()
    }

    /// What the person can do about it, in both languages.
    #[uniffi::method(name = "advice")]
    pub fn ffi_advice(&self) -> Bilingual {
        (*self).advice()
    }
}
