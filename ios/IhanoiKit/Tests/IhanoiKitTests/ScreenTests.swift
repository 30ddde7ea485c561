import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// What each screen shows, in Vietnamese and in English: the texts and actions a view renders,
/// read from the models, so that the SwiftUI views only lay them out.
@MainActor
final class ScreenTests: XCTestCase {
    func testTheLanguageFollowsThePhoneUnlessTheResidentChoosesOne() async throws {
        let english = try Phone(for: self, language: "en-GB")
        XCTAssertEqual(english.app.home.title, "My reports")
        let french = try Phone(for: self, language: "fr-FR")
        XCTAssertEqual(french.app.home.title, "Phản ánh của tôi", "anything but English is shown in Vietnamese")
        french.app.settings.chooseLanguage(.en)
        XCTAssertEqual(french.app.home.title, "My reports")
        XCTAssertEqual(french.app.settings.languageChoices.map(\.label), ["As the phone", "Tiếng Việt", "English"])
        XCTAssertEqual(french.app.settings.languageChoices.map(\.selected), [false, false, true])
        try french.relaunch()
        XCTAssertEqual(french.app.home.title, "My reports", "the choice is kept")
        french.app.settings.chooseLanguage(nil)
        XCTAssertEqual(french.app.home.title, "Phản ánh của tôi")
    }

    func testFirstRunInBothLanguages() async throws {
        let phone = try Phone(for: self, language: "en-US")
        let onboarding = phone.app.onboarding()
        XCTAssertEqual([onboarding.title, onboarding.actionTitle], ["Welcome to iHaNoi", "Continue"])
        onboarding.next()
        XCTAssertEqual([onboarding.title, onboarding.actionTitle], ["Permissions", "Get started"])
        XCTAssertEqual(
            onboarding.body,
            "iHaNoi asks for a permission only when it needs it: the camera when you take a photo, your position "
                + "when you locate the problem, notifications after your first report. The app works without any of them."
        )
        XCTAssertFalse(onboarding.isFinished)
    }

    func testSignInScreen() async throws {
        let phone = try Phone(for: self)
        let model = phone.app.signIn()
        await model.load()
        XCTAssertEqual(model.mode, .signIn, "the reference city offers sign-in: phone and code")
        XCTAssertEqual([model.title, model.phoneLabel, model.sendCodeTitle], ["Đăng nhập", "Số điện thoại", "Gửi mã"])
        XCTAssertFalse(model.canSendCode, "nothing typed yet")
        model.phone = randomPhoneNumber()
        XCTAssertTrue(model.canSendCode)
        XCTAssertFalse(model.canSignIn)
        await model.sendCode()
        XCTAssertTrue(model.canSignIn == false, "no code typed yet")
        model.code = "000000"
        XCTAssertTrue(model.canSignIn)
        await model.signIn()
        XCTAssertNotEqual(model.step, .done, "a wrong code does not sign in")
        XCTAssertNotNil(model.problem)
        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual([model.title, model.codeLabel, model.signInTitle], ["Sign in", "One-time code", "Sign in"])
    }

    func testHomeListsReportsWithTheirStateAndTheOutbox() async throws {
        let phone = try Phone(for: self)
        let home = phone.app.home
        XCTAssertEqual(home.title, "Phản ánh của tôi")
        XCTAssertEqual(home.newReportTitle, "Phản ánh mới")
        XCTAssertNil(home.outboxText, "nothing waits")
        let draft = try phone.app.newReport()
        await waitUntil("the draft is listed") { home.rows.count == 1 }
        XCTAssertNil(home.emptyText)
        XCTAssertEqual(home.rows[0].id, draft.reportId)
        XCTAssertEqual(home.rows[0].title, "Chưa chọn lĩnh vực")
        XCTAssertEqual(home.rows[0].stateLabel, "Bản nháp")
        XCTAssertEqual(home.rows[0].accessibilityLabel, "Chưa chọn lĩnh vực, Bản nháp")
        _ = try await phone.queueReport()
        await waitUntil("two reports wait") { home.outboxText != nil && home.rows.count == 1 }
        XCTAssertEqual(home.rows[0].title, "Vệ sinh môi trường")
        XCTAssertEqual(home.rows[0].stateLabel, "Chờ gửi")
        XCTAssertEqual(home.outboxText, "1 phản ánh đang chờ gửi.", "the core's words")

        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(home.title, "My reports")
        XCTAssertEqual(home.rows[0].title, "Environmental sanitation")
        XCTAssertEqual(home.rows[0].stateLabel, "Waiting to send")
        XCTAssertEqual(home.outboxText, "1 report is waiting to be sent.")
    }

    func testNewReportSaysEverythingThatIsMissingAtOnce() async throws {
        let phone = try Phone(for: self)
        let report = try phone.app.newReport()
        XCTAssertEqual(report.title, "Phản ánh mới")
        XCTAssertEqual(report.stepTitles, ["Ảnh", "Vị trí", "Lĩnh vực", "Mô tả", "Kiểm tra và gửi"])
        XCTAssertEqual(report.positionText, "Chưa có vị trí")
        XCTAssertEqual(
            report.problems,
            [
                "Vui lòng chọn lĩnh vực phản ánh.", "Nội dung phản ánh cần ít nhất 10 ký tự (hiện có 0).",
                "Vui lòng chụp hoặc chọn ít nhất một ảnh hiện trường.",
                "Vui lòng xác định vị trí hiện trường trên bản đồ.",
            ])
        XCTAssertFalse(report.canQueue)
        XCTAssertEqual(report.urgencyLabel, "Bình thường")
        XCTAssertTrue(report.categories.contains { $0.id == "ve_sinh_moi_truong" && $0.name == "Vệ sinh môi trường" })

        // No phone fix: the first photo's GPS is offered, marked as such, and its quality said.
        await report.addPhoto(at: try sharedFile("photos", "iphone4s-gps-small.jpg"), source: .gallery)
        await report.locate()
        XCTAssertNotEqual(report.positionText, "Chưa có vị trí")
        XCTAssertEqual(report.positionSource, "GPS trong ảnh")
        XCTAssertNotNil(report.positionQuality)
        // That photo was taken outside Hanoi: the core lists it with what is still missing.
        XCTAssertEqual(
            report.problems,
            [
                "Vui lòng chọn lĩnh vực phản ánh.", "Nội dung phản ánh cần ít nhất 10 ký tự (hiện có 0).",
                "Vị trí nằm ngoài địa bàn Hà Nội; ứng dụng chỉ tiếp nhận phản ánh tại Hà Nội. "
                    + "Hãy kéo ghim tới nơi có sự việc.",
            ])

        // A photo from 2012 is flagged, in words, before sending.
        XCTAssertFalse(report.photos[0].flags.isEmpty)
        XCTAssertFalse(report.warnings.isEmpty)

        // A mocked fix is not trusted.
        phone.services.location.set(hoanKiemFix(mocked: true))
        await report.locate()
        XCTAssertTrue(report.positionNeedsConfirmation)

        // Far outside Hanoi: the core's words, in the screen's language.
        report.setPin(lat: 20.5, lon: 107.5)
        report.chooseCategory("ve_sinh_moi_truong")
        report.setDescription("Rác thải đổ trộm ở đầu ngõ 5, bốc mùi")
        report.queue()
        XCTAssertFalse(report.isQueued)
        let vietnamese = try XCTUnwrap(report.problem)
        phone.app.settings.chooseLanguage(.en)
        let english = try XCTUnwrap(report.problem)
        XCTAssertNotEqual(vietnamese, english)
        XCTAssertEqual(report.title, "New report")
        XCTAssertEqual(report.photos.map(\.label), ["Photo 1"])
        XCTAssertEqual(report.positionText, "Ward not found yet")
        XCTAssertEqual(report.queueTitle, "Send report")
    }

    func testAlertsAndTheirNotifications() async throws {
        let phone = try Phone(for: self)
        let alerts = phone.app.alerts
        XCTAssertEqual(alerts.title, "Truyền thông, cảnh báo")
        // Other tests publish alerts on the same server: this one is told apart by its street.
        let street = "ngõ \(Int.random(in: 100...999_999))"
        try phone.city.publishAlert(titleVi: "Ngập sâu \(street)", titleEn: "Deep flooding in \(street)")
        try await phone.app.runInBackground()
        let row = try XCTUnwrap(alerts.rows.first, "newest first")
        XCTAssertEqual(row.title, "Ngập sâu \(street)")
        XCTAssertEqual(row.severityLabel, "Khẩn cấp")
        XCTAssertTrue(row.unread)
        XCTAssertTrue(alerts.canMarkAllRead)
        XCTAssertNil(alerts.emptyText)
        let notification = phone.services.notifier.posted.first { $0.title == "Ngập sâu \(street)" }
        XCTAssertEqual(notification?.body, "Cảnh báo mới")
        XCTAssertEqual(notification.map { if case .alert = $0.kind { true } else { false } }, true)
        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(alerts.title, "News and alerts")
        XCTAssertEqual(alerts.rows.first?.title, "Deep flooding in \(street)")
        XCTAssertEqual(alerts.rows.first?.body, "Deep flooding in \(street) — details")
        XCTAssertEqual(alerts.rows.first?.severityLabel, "Danger")
        XCTAssertEqual(alerts.markAllReadTitle, "Mark all as read")
        alerts.markAllRead()
        XCTAssertEqual(alerts.rows.filter(\.unread), [])
        XCTAssertFalse(alerts.canMarkAllRead)
    }

    func testCategorySearchAndUrgencyChoicesComeFromTheCore() async throws {
        let phone = try Phone(for: self)
        let draft = try phone.app.newReport()
        XCTAssertEqual(draft.categories.count, 11, "an empty search lists every category")
        draft.categoryQuery = "ve sinh"
        XCTAssertEqual(draft.categories.first?.id, "ve_sinh_moi_truong")
        XCTAssertEqual(draft.categories.first?.name, "Vệ sinh môi trường")
        draft.categoryQuery = "POTHOLE"
        XCTAssertEqual(draft.categories.map(\.id), ["giao_thong"])
        XCTAssertEqual(draft.urgencyChoices.map(\.label), ["Bình thường", "Khẩn cấp", "Phức tạp"])
        XCTAssertEqual(draft.urgencyChoices.map(\.selected), [true, false, false])
        draft.setUrgency(.urgent)
        XCTAssertEqual(draft.urgencyChoices.map(\.selected), [false, true, false])
        XCTAssertFalse(draft.canQueue, "no photo, no position, no category yet")
        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(draft.urgencyChoices.map(\.label), ["Normal", "Urgent", "Complex"])
    }

    func testSettingsDeviceCheckAndAbout() async throws {
        let phone = try Phone(for: self)
        var settings = phone.app.settings
        XCTAssertEqual(settings.title, "Cài đặt")
        XCTAssertEqual(settings.photoSizeChoices.map(\.label), ["Nhỏ (tiết kiệm dữ liệu)", "Tiêu chuẩn", "Lớn"])
        XCTAssertEqual(settings.photoSizeChoices.map(\.selected), [false, true, false])
        settings.choosePhotoSize(.small)
        XCTAssertEqual(settings.compressOptions.preset, .small)
        XCTAssertFalse(settings.photosOnlyOnWifi)
        settings.setPhotosOnlyOnWifi(true)
        XCTAssertTrue(settings.photosOnlyOnWifi)
        // Kept by the core, so they survive the app being relaunched.
        try phone.relaunch()
        XCTAssertTrue(phone.app.settings.photosOnlyOnWifi)
        XCTAssertEqual(phone.app.settings.photoSize, .small)
        settings = phone.app.settings
        XCTAssertFalse(settings.canSignOut, "not signed in")
        XCTAssertTrue(settings.versionText.hasPrefix("Phiên bản "))
        XCTAssertFalse(settings.licences.isEmpty)

        await settings.runDeviceCheck()
        XCTAssertNil(settings.problem)
        XCTAssertFalse(settings.checkRows.isEmpty)
        XCTAssertTrue(settings.checkRows.allSatisfy { !$0.label.isEmpty })
        let signIn = try XCTUnwrap(settings.checkRows.first { $0.id == "sign_in" })
        XCTAssertNotEqual(signIn.status, .ok, "not signed in yet")
        let vietnamese = signIn.label
        settings.chooseLanguage(.en)
        XCTAssertNotEqual(settings.checkRows.first { $0.id == "sign_in" }?.label, vietnamese)
        XCTAssertEqual(settings.deviceCheckTitle, "Device check")
        XCTAssertEqual(settings.signOutNote, "Your drafts stay on this phone.")
        XCTAssertTrue(settings.versionText.hasPrefix("Version "))

        // Signing out keeps the drafts.
        try await phone.signIn()
        let draft = try phone.app.newReport()
        XCTAssertTrue(settings.canSignOut)
        await settings.signOut()
        XCTAssertEqual(phone.app.session, .signedOut)
        XCTAssertEqual(try phone.app.newReport().reportId, draft.reportId)
    }

    func testCancellingTheTaskStopsTheCoresWork() async throws {
        let phone = try Phone(for: self)
        let report = try phone.app.newReport()
        let photo = try sharedFile("photos", "phone-12mp-rot6-hanoi.jpg")
        let attach = Task { await report.addPhoto(at: photo, source: .camera) }
        attach.cancel()
        await attach.value
        XCTAssertEqual(report.photos.count, 0, "a cancelled attach leaves no photo")
        XCTAssertEqual(report.problem, "Đã huỷ đính kèm ảnh.", "the core's words")
    }

    func testThePinIsDrawnOverTheWardOutlinesWithNoNetwork() async throws {
        let phone = try Phone(for: self)
        // No city reachable: the outlines come from the boundary data the core carries.
        try phone.core.configureCity(
            config: CityConfig(baseUrl: "http://127.0.0.1:9", apiKey: ReferenceCity.apiKey, extraRootsPem: nil))
        let report = try phone.app.newReport()
        let map = report.map
        XCTAssertNil(map.pin)
        XCTAssertTrue(map.accessibilityLabel.hasPrefix("Chưa đặt ghim."), map.accessibilityLabel)
        XCTAssertEqual(map.title, "Bản đồ phường, xã")

        report.setPin(lat: 21.0287, lon: 105.8524)
        XCTAssertEqual(map.pin, MapPoint(lat: 21.0287, lon: 105.8524))
        let drawing = map.drawing(width: 400, height: 800)
        XCTAssertEqual(drawing.pin, CanvasPoint(x: 200, y: 400), "the pin in the middle")
        let holding = try XCTUnwrap(drawing.wards.first { $0.holdsPin })
        XCTAssertEqual(holding.name, "Phường Hoàn Kiếm")
        XCTAssertGreaterThan(drawing.wards.count, 1, "the wards around are drawn too")
        XCTAssertTrue(holding.rings.allSatisfy { $0.count >= 4 })
        XCTAssertNotNil(holding.labelAt)
        XCTAssertTrue(
            map.accessibilityLabel.hasPrefix("Ghim ở Phường Hoàn Kiếm. Xung quanh: Phường "), map.accessibilityLabel)
        XCTAssertNil(map.note)

        // A tap 300 m east of the pin puts it there: the report's position follows.
        let pointsPerMeter = 400 / map.spanMeters
        map.placePin(atX: 200 + 300 * pointsPerMeter, y: 400, width: 400, height: 800)
        let moved = try XCTUnwrap(map.pin)
        XCTAssertEqual(moved.lat, 21.0287, accuracy: 1e-6)
        XCTAssertEqual((moved.lon - 105.8524) * 111_320 * cos(21.0287 * .pi / 180), 300, accuracy: 1)
        XCTAssertEqual(report.positionSource, "ghim trên bản đồ")
        XCTAssertEqual(map.drawing(width: 400, height: 800).pin, CanvasPoint(x: 200, y: 400), "centred again")

        map.zoomIn()
        XCTAssertEqual(map.spanMeters, 750)
        XCTAssertTrue(map.canZoomOut)

        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(
            [map.title, map.zoomInTitle, map.zoomOutTitle], ["Map of wards and communes", "Zoom in", "Zoom out"])
        XCTAssertTrue(map.accessibilityLabel.hasPrefix("Pin in "), map.accessibilityLabel)

        // Outside Hanoi: nothing to draw, and the core says why.
        report.setPin(lat: 20.5, lon: 107.5)
        XCTAssertEqual(map.drawing(width: 400, height: 800).wards, [])
        let english = try XCTUnwrap(map.note)
        phone.app.settings.chooseLanguage(.vi)
        XCTAssertNotEqual(map.note, english)
        XCTAssertEqual(map.accessibilityLabel, "Ghim ở ngoài Hà Nội.")
    }

    func testCategorySearchIgnoresDiacritics() async throws {
        let phone = try Phone(for: self)
        let report = try phone.app.newReport()
        let all = report.categories
        XCTAssertEqual(report.categorySearchPrompt, "Tìm lĩnh vực (ví dụ: rác, đèn đường)")
        report.categoryQuery = "ve sinh"
        XCTAssertTrue(report.categories.contains { $0.id == "ve_sinh_moi_truong" }, "\(report.categories.map(\.id))")
        XCTAssertLessThan(report.categories.count, all.count)
        phone.app.settings.chooseLanguage(.en)
        XCTAssertTrue(report.categories.contains { $0.name == "Environmental sanitation" })
        XCTAssertEqual(report.categorySearchPrompt, "Find a category (e.g. rubbish, street light)")
        report.categoryQuery = ""
        XCTAssertEqual(report.categories.count, all.count)
    }
}
