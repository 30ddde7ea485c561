import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// The resident's whole journey through the models, against the real core and the reference
/// city server: first run → sign in → a report from a real photo, with the app killed halfway →
/// queued offline → the background entry point sends it → the ward accepts and resolves it with
/// a photo → a notification → the detail shows the timeline and the result photo. And a report
/// the ward refuses shows the city's reason.
@MainActor
final class JourneyTests: XCTestCase {
    func testFromFirstRunToTheWardsResultPhoto() async throws {
        let phone = try Phone(for: self)
        var app = phone.app

        // First run: what the app does, then when it will ask for what; no prompt yet.
        XCTAssertTrue(app.needsOnboarding)
        let onboarding = app.onboarding()
        XCTAssertEqual(onboarding.title, "Chào mừng đến iHaNoi")
        onboarding.next()
        XCTAssertEqual(onboarding.title, "Quyền truy cập")
        XCTAssertTrue(onboarding.body.hasPrefix("iHaNoi chỉ hỏi quyền khi cần đến"))
        onboarding.next()
        XCTAssertEqual(phone.services.permissions.prompts, [])
        XCTAssertTrue(onboarding.isFinished)
        XCTAssertFalse(app.needsOnboarding)
        XCTAssertEqual(app.home.emptyText, "Chưa có phản ánh nào. Chạm “Phản ánh mới” để bắt đầu.")

        // Sign in: the code the city texted; the tokens go to the secure store only.
        XCTAssertEqual(app.session, .signedOut)
        try await phone.signIn()
        XCTAssertEqual(app.session, .signedIn)
        XCTAssertFalse(phone.services.secrets.keys.isEmpty)

        // A new report from a real photo; the position comes from the phone.
        var report = try app.newReport()
        let reportId = report.reportId
        XCTAssertEqual(report.problems.count, 4, "\(report.problems)")
        XCTAssertTrue(report.problems.contains("Vui lòng chọn lĩnh vực phản ánh."))
        await report.addPhoto(at: try sharedFile("photos", "iphone4s-gps-small.jpg"), source: .camera)
        XCTAssertNil(report.problem)
        XCTAssertEqual(report.photos.map(\.label), ["Ảnh 1"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: report.photos[0].thumbnailPath))
        phone.services.location.set(hoanKiemFix())
        await report.locate()
        XCTAssertEqual(report.positionText, "Phường Hoàn Kiếm")
        XCTAssertFalse(report.positionNeedsConfirmation)
        report.chooseCategory("ve_sinh_moi_truong")
        XCTAssertEqual(report.categoryName, "Vệ sinh môi trường")

        // The app is killed mid-draft: started again, the flow resumes the same draft, whole.
        try phone.relaunch()
        app = phone.app
        report = try app.newReport()
        XCTAssertEqual(report.reportId, reportId)
        XCTAssertEqual(report.photos.count, 1)
        XCTAssertEqual(report.positionText, "Phường Hoàn Kiếm")
        XCTAssertEqual(report.categoryName, "Vệ sinh môi trường")
        XCTAssertEqual(report.problems.count, 1, "only the description is missing: \(report.problems)")
        XCTAssertFalse(report.canQueue)
        report.setDescription("Rác thải đổ trộm ở đầu ngõ 5, bốc mùi")
        XCTAssertEqual(report.problems, [])
        XCTAssertTrue(report.canQueue)

        // Queued while offline: the home screen says it waits; a background send is asked for.
        phone.services.network.current = .unknown
        report.queue()
        XCTAssertEqual(report.queuedText, "Đã xếp hàng. Phản ánh sẽ được gửi khi có mạng.")
        // Now there is a reply to wait for: notifications are asked, with their reason, then the system's prompt.
        await waitUntil("the notifications reason shows") { app.permissions.asking == .notifications }
        XCTAssertEqual(app.permissions.reason, "Thông báo cho bạn biết khi chính quyền trả lời hoặc có cảnh báo.")
        app.permissions.answer(.allow)
        await waitUntil("the system prompt was shown") { phone.services.permissions.prompts == [.notifications] }
        XCTAssertTrue(phone.services.scheduler.requests.contains { if case .send = $0 { true } else { false } })
        await waitUntil("the outbox banner shows") { app.home.outboxText != nil }
        XCTAssertEqual(app.home.outboxText, "1 phản ánh đang chờ gửi.")
        XCTAssertEqual(app.home.rows.map(\.stateLabel), ["Chờ gửi"])

        // The background task's entry point sends it once the phone is online.
        phone.services.network.current = .wifi
        let sent = try await app.runInBackground()
        XCTAssertEqual(sent.sent.sent, 1)
        await waitUntil("the list shows it sent") { app.home.rows.first?.stateLabel == "Đã gửi" }
        XCTAssertNil(app.home.outboxText)
        let submission = try XCTUnwrap(try phone.core.submission(reportId: reportId))

        // The ward accepts it and resolves it with a photo; the next background run pulls that
        // and asks for one notification about this report.
        let resultPhoto = try sharedFile("photos", "nokia-lumia-gps.jpg")
        try phone.city.act(submission.serviceRequestId, "accept", description: "Đã tiếp nhận")
        try phone.city.act(
            submission.serviceRequestId, "resolve", description: "Đã thu gom rác. — Rubbish collected.",
            photos: [resultPhoto])
        let pulled = try await app.runInBackground()
        XCTAssertEqual(pulled.pulled?.newUpdates, 2)
        XCTAssertEqual(
            phone.services.notifier.posted.filter { if case .reply = $0.kind { true } else { false } },
            [
                AppNotification(
                    kind: .reply(reportId: reportId), title: "Vệ sinh môi trường",
                    body: "Phường Hoàn Kiếm: đã xử lý xong")
            ])
        XCTAssertTrue(phone.services.scheduler.requests.contains { if case .pull = $0 { true } else { false } })
        await waitUntil("the badge counts the replies") { app.counts.unreadUpdates == 2 }
        XCTAssertEqual(app.home.rows.first?.unread, 2)
        XCTAssertEqual(app.home.rows.first?.accessibilityLabel, "Vệ sinh môi trường, Đã gửi, 2 trả lời mới")

        // The detail: the timeline with the ward's words and its result photo, read on opening.
        let detail = app.detail(reportId: reportId)
        detail.load()
        XCTAssertEqual(detail.title, "Vệ sinh môi trường")
        XCTAssertEqual(detail.cityStatus, "Đã xử lý")
        XCTAssertEqual(detail.unitText, "Đơn vị phụ trách: Phường Hoàn Kiếm")
        XCTAssertEqual(
            detail.timeline.map(\.label), ["Phường Hoàn Kiếm: đã tiếp nhận", "Phường Hoàn Kiếm: đã xử lý xong"])
        let resolved = try XCTUnwrap(detail.timeline.last)
        XCTAssertEqual(resolved.text, "Đã thu gom rác. — Rubbish collected.")
        let thumbnail = try XCTUnwrap(resolved.photos.first?.thumbnailPath)
        XCTAssertTrue(FileManager.default.fileExists(atPath: thumbnail))
        let opened = await detail.openPhoto(try XCTUnwrap(resolved.photos.first))
        let full = try XCTUnwrap(opened)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: full)), try Data(contentsOf: resultPhoto))
        // Full screen, with what VoiceOver reads and what closes it.
        XCTAssertEqual(detail.fullScreen?.path, full)
        XCTAssertEqual(detail.fullScreen?.accessibilityLabel, "Ảnh kết quả 1: Phường Hoàn Kiếm: đã xử lý xong")
        XCTAssertEqual(detail.fullScreen?.closeTitle, "Đóng")
        detail.closePhoto()
        XCTAssertNil(detail.fullScreen)
        // The resident's own photo: the core's stored JPEG, full screen too.
        XCTAssertEqual(detail.photosTitle, "Ảnh bạn đã gửi")
        let own = try XCTUnwrap(detail.photos.first)
        XCTAssertEqual(detail.photos.count, 1)
        XCTAssertEqual(own.accessibilityLabel, "Ảnh 1")
        XCTAssertTrue(FileManager.default.fileExists(atPath: own.thumbnailPath))
        detail.showPhoto(own)
        XCTAssertEqual(detail.fullScreen?.path, own.path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: own.path))
        app.settings.chooseLanguage(.en)
        XCTAssertEqual(detail.photosTitle, "Your photos")
        XCTAssertEqual(detail.photos.first?.accessibilityLabel, "Photo 1")
        XCTAssertEqual(
            detail.timeline.last?.photos.first?.accessibilityLabel, "Result photo 1: Resolved by Phường Hoàn Kiếm")
        app.settings.chooseLanguage(.vi)
        XCTAssertNil(detail.refusal)
        await waitUntil("opening the report read its replies") { app.counts.unreadUpdates == 0 }
    }

    func testARefusalShowsTheCitysReason() async throws {
        let phone = try Phone(for: self)
        let app = phone.app
        try await phone.signIn()
        let reportId = try await phone.queueReport(description: "Vỉa hè bị lấn chiếm làm nơi để xe")
        try await app.runInBackground()
        let submission = try XCTUnwrap(try phone.core.submission(reportId: reportId))
        try phone.city.act(
            submission.serviceRequestId, "reject",
            description: "Không thuộc thẩm quyền của phường. — Not the ward's responsibility.")
        try await app.runInBackground()

        let detail = app.detail(reportId: reportId)
        detail.load()
        XCTAssertEqual(detail.cityStatus, "Từ chối")
        XCTAssertEqual(detail.refusal?.title, "Lý do từ chối")
        XCTAssertEqual(detail.refusal?.reason, "Không thuộc thẩm quyền của phường. — Not the ward's responsibility.")
        app.settings.chooseLanguage(.en)
        XCTAssertEqual(detail.cityStatus, "Rejected")
        XCTAssertEqual(detail.refusal?.title, "Reason for refusal")
        XCTAssertEqual(detail.timeline.last?.label, "Rejected by Phường Hoàn Kiếm")
    }

    func testOfflineTheReportWaitsAndTheNextRunIsAskedForAtTheCoresTime() async throws {
        let phone = try Phone(for: self)
        let app = phone.app
        try await phone.signIn()
        let reportId = try await phone.queueReport()
        // No city reachable (nothing listens on the discard port).
        try phone.core.configureCity(
            config: CityConfig(baseUrl: "http://127.0.0.1:9", apiKey: ReferenceCity.apiKey, extraRootsPem: nil))
        let summary = try await app.runInBackground()
        XCTAssertEqual(summary.sent.sent, 0)
        XCTAssertEqual(try phone.core.report(id: reportId).state, .queued, "the report waits")
        let next = try XCTUnwrap(summary.nextRunAtMs, "the core names when to try again")
        XCTAssertTrue(
            phone.services.scheduler.requests.contains(
                .send(notBefore: Date(timeIntervalSince1970: Double(next) / 1000))))
        await waitUntil("the outbox line says it waits for the network") {
            app.home.outboxText == "1 phản ánh sẽ được gửi khi có mạng."
        }
        XCTAssertEqual(app.home.rows.map(\.stateLabel), ["Chờ gửi"])
    }
}
