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
    static let locationReason = Phrase(
        vi: "Vị trí giúp tìm đúng phường, xã phụ trách nơi xảy ra sự cố.",
        en: "Your position finds the ward or commune in charge of the place.")
    static let notificationReason = Phrase(
        vi: "Thông báo cho bạn biết khi chính quyền trả lời hoặc có cảnh báo.",
        en: "Notifications tell you when the city replies or issues an alert.")
    static let allowLocation = Phrase(vi: "Cho phép dùng vị trí", en: "Allow location")
    static let allowNotifications = Phrase(vi: "Cho phép thông báo", en: "Allow notifications")
    static let start = Phrase(vi: "Bắt đầu", en: "Get started")

    // Sign-in
    static let signInTitle = Phrase(vi: "Đăng nhập", en: "Sign in")
    static let phoneLabel = Phrase(vi: "Số điện thoại", en: "Phone number")
    static let codeLabel = Phrase(vi: "Mã xác thực", en: "One-time code")
    static let sendCode = Phrase(vi: "Gửi mã", en: "Send code")
    static let signIn = Phrase(vi: "Đăng nhập", en: "Sign in")

    // Home
    static let homeTitle = Phrase(vi: "Phản ánh của tôi", en: "My reports")
    static let homeEmpty = Phrase(
        vi: "Chưa có phản ánh nào. Chạm “Phản ánh mới” để bắt đầu.",
        en: "No reports yet. Tap “New report” to start.")
    static let newReport = Phrase(vi: "Phản ánh mới", en: "New report")
    static let noCategory = Phrase(vi: "Chưa chọn lĩnh vực", en: "No category yet")
    // New report
    static let newReportTitle = Phrase(vi: "Phản ánh mới", en: "New report")
    static let photosStep = Phrase(vi: "Ảnh", en: "Photos")
    static let locationStep = Phrase(vi: "Vị trí", en: "Position")
    static let categoryStep = Phrase(vi: "Lĩnh vực", en: "Category")
    static let descriptionStep = Phrase(vi: "Mô tả", en: "Description")
    static let reviewStep = Phrase(vi: "Kiểm tra và gửi", en: "Review and send")
    static let takePhoto = Phrase(vi: "Chụp ảnh", en: "Take a photo")
    static let choosePhoto = Phrase(vi: "Chọn ảnh", en: "Choose a photo")
    static let useMyPosition = Phrase(vi: "Dùng vị trí hiện tại", en: "Use my position")
    static let noPosition = Phrase(vi: "Chưa có vị trí", en: "No position yet")
    static let unitUnknown = Phrase(vi: "Chưa xác định phường, xã", en: "Ward not found yet")
    static let queue = Phrase(vi: "Gửi phản ánh", en: "Send report")
    static let queued = Phrase(
        vi: "Đã xếp hàng. Phản ánh sẽ được gửi khi có mạng.",
        en: "Queued. The report will be sent when you are online.")
    static let addressLabel = Phrase(vi: "Địa chỉ (không bắt buộc)", en: "Address (optional)")

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

    // Alerts
    static let alertsTitle = Phrase(vi: "Truyền thông, cảnh báo", en: "News and alerts")
    static let alertsEmpty = Phrase(vi: "Không có cảnh báo nào.", en: "No alerts.")
    static let markAllRead = Phrase(vi: "Đánh dấu đã đọc tất cả", en: "Mark all as read")

    // Notifications
    static let newAlert = Phrase(vi: "Cảnh báo mới", en: "New alert")

    // Settings
    static let settingsTitle = Phrase(vi: "Cài đặt", en: "Settings")
    static let languageTitle = Phrase(vi: "Ngôn ngữ", en: "Language")
    static let languageSystem = Phrase(vi: "Theo máy", en: "As the phone")
    static let photoSizeTitle = Phrase(vi: "Cỡ ảnh gửi đi", en: "Photo size sent")
    static let sizeSmall = Phrase(vi: "Nhỏ (tiết kiệm dữ liệu)", en: "Small (saves data)")
    static let sizeStandard = Phrase(vi: "Tiêu chuẩn", en: "Standard")
    static let sizeLarge = Phrase(vi: "Lớn", en: "Large")
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
}
