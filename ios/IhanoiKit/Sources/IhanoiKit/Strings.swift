/// The words the shell itself owns: screen titles, buttons, and the errors the core does not word
/// yet. Everything about a report, a photo, a position, the outbox, the city's answers and alerts
/// comes worded from the core.
enum Strings {
    // App-wide
    static let appName = Phrase(vi: "iHaNoi", en: "iHaNoi")
    static let unexpected = Phrase(
        vi: "Đã có lỗi. Vui lòng thử lại.", en: "Something went wrong. Please try again.")
    static let offline = Phrase(
        vi: "Không có kết nối mạng. Phản ánh sẽ được gửi khi có mạng.",
        en: "No network connection. Reports will be sent when you are online.")
    static let signInNeeded = Phrase(
        vi: "Vui lòng đăng nhập để gửi phản ánh.", en: "Please sign in to send your reports.")

    // First run
    static let welcomeTitle = Phrase(vi: "Chào mừng đến iHaNoi", en: "Welcome to iHaNoi")
    static let welcomeBody = Phrase(
        vi: "Chụp ảnh sự cố trên phố, gửi đến phường phụ trách và theo dõi kết quả xử lý.",
        en: "Photograph a problem in the street, send it to the ward in charge and follow how it is handled.")
    static let askWhenNeededTitle = Phrase(vi: "Quyền truy cập", en: "Permissions")
    static let askWhenNeeded = Phrase(
        vi: "iHaNoi chỉ hỏi quyền khi cần đến: máy ảnh khi bạn chụp ảnh, vị trí khi bạn xác định nơi xảy ra sự cố, "
            + "thông báo sau khi bạn gửi phản ánh đầu tiên. Không có quyền nào, ứng dụng vẫn dùng được.",
        en: "iHaNoi asks for a permission only when it needs it: the camera when you take a photo, your position "
            + "when you locate the problem, notifications after your first report. The app works without any of them.")
    static let next = Phrase(vi: "Tiếp tục", en: "Continue")
    static let start = Phrase(vi: "Bắt đầu", en: "Get started")

    // Sign-in
    static let signInTitle = Phrase(vi: "Đăng nhập", en: "Sign in")
    static let phoneLabel = Phrase(vi: "Số điện thoại", en: "Phone number")
    static let codeLabel = Phrase(vi: "Mã xác thực", en: "One-time code")
    static let sendCode = Phrase(vi: "Gửi mã", en: "Send code")
    static let signIn = Phrase(vi: "Đăng nhập", en: "Sign in")

    // Personal fields (a city server without sign-in)
    static let yourDetailsTitle = Phrase(vi: "Thông tin của bạn", en: "Your details")
    static let yourDetailsNote = Phrase(
        vi:
            "Không bắt buộc. Thành phố chỉ dùng để liên hệ với bạn về phản ánh; các thông tin được gửi kèm mỗi phản ánh.",
        en: "Optional. The city uses them only to contact you about your reports; they are sent with each report.")
    static let emailLabel = Phrase(vi: "Thư điện tử", en: "Email")
    static let firstNameLabel = Phrase(vi: "Tên", en: "First name")
    static let lastNameLabel = Phrase(vi: "Họ", en: "Last name")
    static let contactPhoneLabel = Phrase(vi: "Số điện thoại", en: "Phone number")
    static let save = Phrase(vi: "Lưu", en: "Save")
    static let saved = Phrase(vi: "Đã lưu.", en: "Saved.")

    // Home
    static let homeTitle = Phrase(vi: "Phản ánh của tôi", en: "My reports")
    static let homeEmpty = Phrase(
        vi: "Chưa có phản ánh nào. Chạm “Phản ánh mới” để bắt đầu.",
        en: "No reports yet. Tap “New report” to start.")
    static let newReport = Phrase(vi: "Phản ánh mới", en: "New report")
    static let noCategory = Phrase(vi: "Chưa chọn lĩnh vực", en: "No category yet")

    static func unread(_ count: UInt32) -> Phrase {
        Phrase(vi: "\(count) trả lời mới", en: count == 1 ? "1 new reply" : "\(count) new replies")
    }
    // New report
    static let newReportTitle = Phrase(vi: "Phản ánh mới", en: "New report")
    static let photosStep = Phrase(vi: "Ảnh", en: "Photos")
    static let locationStep = Phrase(vi: "Vị trí", en: "Position")
    static let categoryStep = Phrase(vi: "Lĩnh vực", en: "Category")
    static let urgencyTitle = Phrase(vi: "Mức độ khẩn", en: "Urgency")
    static let descriptionStep = Phrase(vi: "Mô tả", en: "Description")
    static let reviewStep = Phrase(vi: "Kiểm tra và gửi", en: "Review and send")
    static let takePhoto = Phrase(vi: "Chụp ảnh", en: "Take a photo")
    static let choosePhoto = Phrase(vi: "Chọn ảnh", en: "Choose a photo")
    static let categorySearch = Phrase(
        vi: "Tìm lĩnh vực (ví dụ: rác, đèn đường)", en: "Find a category (e.g. rubbish, street light)")
    static let useMyPosition = Phrase(vi: "Dùng vị trí hiện tại", en: "Use my position")
    static let noPosition = Phrase(vi: "Chưa có vị trí", en: "No position yet")
    static let unitUnknown = Phrase(vi: "Chưa xác định phường, xã", en: "Ward not found yet")
    static let queue = Phrase(vi: "Gửi phản ánh", en: "Send report")
    static let queued = Phrase(
        vi: "Đã xếp hàng. Phản ánh sẽ được gửi khi có mạng.",
        en: "Queued. The report will be sent when you are online.")
    static let addressLabel = Phrase(vi: "Địa chỉ (không bắt buộc)", en: "Address (optional)")
    static let required = Phrase(vi: "Bắt buộc", en: "Required")

    static func distanceAway(_ meters: UInt32) -> Phrase {
        Phrase(vi: "cách \(meters) m", en: "\(meters) m away")
    }

    // The position's map (offline: ward outlines from the core)
    static let mapTitle = Phrase(vi: "Bản đồ phường, xã", en: "Map of wards and communes")
    static let mapHint = Phrase(
        vi: "Chạm vào bản đồ để đặt ghim đúng nơi xảy ra sự cố.", en: "Tap the map to put the pin where the problem is."
    )
    static let zoomIn = Phrase(vi: "Phóng to", en: "Zoom in")
    static let zoomOut = Phrase(vi: "Thu nhỏ", en: "Zoom out")

    /// What VoiceOver reads for the map: where the pin is and what is around it.
    static func mapDescription(pinned: Bool, holding: Phrase?, around: [Phrase]) -> Phrase {
        let pin: Phrase
        switch (pinned, holding) {
        case (false, _): pin = Phrase(vi: "Chưa đặt ghim.", en: "No pin yet.")
        case (true, let ward?): pin = Phrase(vi: "Ghim ở \(ward.vi).", en: "Pin in \(ward.en).")
        case (true, nil): pin = Phrase(vi: "Ghim ở ngoài Hà Nội.", en: "Pin outside Hanoi.")
        }
        guard !around.isEmpty else { return pin }
        return Phrase(
            vi: "\(pin.vi) Xung quanh: \(around.map(\.vi).joined(separator: ", ")).",
            en: "\(pin.en) Around: \(around.map(\.en).joined(separator: ", ")).")
    }

    static func photoLabel(_ position: UInt32) -> Phrase {
        Phrase(vi: "Ảnh \(position + 1)", en: "Photo \(position + 1)")
    }

    // Report detail
    static let timelineTitle = Phrase(vi: "Tiến trình xử lý", en: "Progress")
    static let notSentYet = Phrase(vi: "Chưa gửi đến thành phố", en: "Not sent to the city yet")
    static let overdue = Phrase(vi: "Quá hạn xử lý", en: "Overdue")
    static let attentionTitle = Phrase(vi: "Thành phố trả lại phản ánh", en: "The city returned the report")
    static let refusalTitle = Phrase(vi: "Lý do từ chối", en: "Reason for refusal")

    static func acknowledgeBy(_ time: String) -> Phrase {
        Phrase(vi: "Tiếp nhận trước \(time)", en: "To be acknowledged by \(time)")
    }

    static func handleBy(_ time: String) -> Phrase {
        Phrase(vi: "Xử lý trước \(time)", en: "To be handled by \(time)")
    }

    static func unit(_ name: String) -> Phrase {
        Phrase(vi: "Đơn vị phụ trách: \(name)", en: "In charge: \(name)")
    }

    static let yourPhotos = Phrase(vi: "Ảnh bạn đã gửi", en: "Your photos")
    static let close = Phrase(vi: "Đóng", en: "Close")

    static func resultPhotoLabel(_ position: UInt32, _ step: Phrase) -> Phrase {
        Phrase(vi: "Ảnh kết quả \(position + 1): \(step.vi)", en: "Result photo \(position + 1): \(step.en)")
    }

    // Alerts
    static let alertsTitle = Phrase(vi: "Truyền thông, cảnh báo", en: "News and alerts")
    static let alertsEmpty = Phrase(vi: "Không có cảnh báo nào.", en: "No alerts.")
    static let markAllRead = Phrase(vi: "Đánh dấu đã đọc tất cả", en: "Mark all as read")

    // Notifications
    static let newAlert = Phrase(vi: "Cảnh báo mới", en: "New alert")

    // Settings
    static let settingsTitle = Phrase(vi: "Cài đặt", en: "Settings")
    static let languageTitle = Phrase(vi: "Ngôn ngữ", en: "Language")
    static let photoSizeTitle = Phrase(vi: "Cỡ ảnh gửi đi", en: "Photo size sent")
    static let photosOnlyOnWifi = Phrase(vi: "Chỉ gửi ảnh qua Wi-Fi", en: "Send photos on Wi-Fi only")
    static let signOut = Phrase(vi: "Đăng xuất", en: "Sign out")
    static let signOutNote = Phrase(
        vi: "Các bản nháp vẫn được giữ trên máy.", en: "Your drafts stay on this phone.")
    static let deviceCheckTitle = Phrase(vi: "Kiểm tra máy", en: "Device check")
    static let runDeviceCheck = Phrase(vi: "Kiểm tra ngay", en: "Check now")
    static let aboutTitle = Phrase(vi: "Giới thiệu", en: "About")

    static func version(_ version: String) -> Phrase {
        Phrase(vi: "Phiên bản \(version)", en: "Version \(version)")
    }

    // Permissions: the reason shown before the system's prompt, and what to do once refused. The
    // same reasons are in ios/App/{vi,en}.lproj/InfoPlist.strings (the system prompt's own line).
    static func permissionTitle(_ permission: AppPermission) -> Phrase {
        switch permission {
        case .camera: Phrase(vi: "Cho phép dùng máy ảnh", en: "Allow the camera")
        case .location: Phrase(vi: "Cho phép dùng vị trí", en: "Allow your position")
        case .notifications: Phrase(vi: "Cho phép thông báo", en: "Allow notifications")
        }
    }

    static func permissionReason(_ permission: AppPermission) -> Phrase {
        switch permission {
        case .camera:
            Phrase(
                vi: "Máy ảnh dùng để chụp ảnh hiện trường gửi kèm phản ánh.",
                en: "The camera takes the photos of the problem that go with your report.")
        case .location:
            Phrase(
                vi: "Vị trí giúp tìm đúng phường, xã phụ trách nơi xảy ra sự cố.",
                en: "Your position finds the ward or commune in charge of the place.")
        case .notifications:
            Phrase(
                vi: "Thông báo cho bạn biết khi chính quyền trả lời hoặc có cảnh báo.",
                en: "Notifications tell you when the city replies or issues an alert.")
        }
    }

    static func permissionRefused(_ permission: AppPermission) -> Phrase {
        switch permission {
        case .camera:
            Phrase(
                vi: "iHaNoi không được dùng máy ảnh. Bật lại trong Cài đặt › iHaNoi, hoặc chọn ảnh có sẵn.",
                en: "iHaNoi may not use the camera. Turn it on in Settings › iHaNoi, or choose a photo you took.")
        case .location:
            Phrase(
                vi: "iHaNoi không được dùng vị trí. Bật lại trong Cài đặt › iHaNoi, hoặc đặt ghim trên bản đồ.",
                en: "iHaNoi may not use your position. Turn it on in Settings › iHaNoi, or place the pin on the map.")
        case .notifications:
            Phrase(
                vi: "Thông báo của iHaNoi đang tắt. Bật lại trong Cài đặt › iHaNoi để biết khi chính quyền trả lời.",
                en: "iHaNoi's notifications are off. Turn them on in Settings › iHaNoi to hear when the city replies.")
        }
    }

    static let allowPermission = Phrase(vi: "Cho phép", en: "Allow")
    static let notNow = Phrase(vi: "Để sau", en: "Not now")
    static let openSettings = Phrase(vi: "Mở Cài đặt", en: "Open Settings")
}
