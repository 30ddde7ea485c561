import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// When the app asks for each permission: in context, with its reason first (vi and en), the
/// system's prompt only after "Allow", one at a time, never again once refused.
@MainActor
final class PermissionTests: XCTestCase {
    /// A phone on which nothing was asked yet.
    private func freshPhone(language: String = "vi-VN") throws -> Phone {
        let phone = try Phone(for: self, language: language)
        phone.services.permissions.set(.camera, .notAsked)
        phone.services.permissions.set(.location, .notAsked)
        return phone
    }

    func testThePositionIsAskedWhenTheResidentLocatesTheProblemWithItsReasonFirst() async throws {
        let phone = try freshPhone()
        let permissions = phone.app.permissions
        let report = try phone.app.newReport()
        XCTAssertNil(permissions.asking, "opening the flow asks nothing")
        phone.services.location.set(hoanKiemFix())

        let locating = Task { await report.locate() }
        await waitUntil("the position's reason shows") { permissions.asking == .location }
        XCTAssertEqual(permissions.title, "Cho phép dùng vị trí")
        XCTAssertEqual(permissions.reason, "Vị trí giúp tìm đúng phường, xã phụ trách nơi xảy ra sự cố.")
        XCTAssertEqual([permissions.allowTitle, permissions.notNowTitle], ["Cho phép", "Để sau"])
        XCTAssertEqual(phone.services.permissions.prompts, [], "the system prompt waits for our reason")
        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(permissions.title, "Allow your position")
        XCTAssertEqual(permissions.reason, "Your position finds the ward or commune in charge of the place.")
        XCTAssertEqual([permissions.allowTitle, permissions.notNowTitle], ["Allow", "Not now"])

        permissions.answer(.allow)
        await locating.value
        XCTAssertNil(permissions.asking)
        XCTAssertEqual(phone.services.permissions.prompts, [.location])
        XCTAssertEqual(report.positionText, "Phường Hoàn Kiếm")

        // Granted once: the next tap asks nothing.
        await report.locate()
        XCTAssertEqual(phone.services.permissions.prompts, [.location])
    }

    func testNotNowSkipsTheSystemPromptAndThePinStillWorks() async throws {
        let phone = try freshPhone()
        let permissions = phone.app.permissions
        let report = try phone.app.newReport()
        phone.services.location.set(hoanKiemFix())
        let locating = Task { await report.locate() }
        await waitUntil("the position's reason shows") { permissions.asking == .location }
        permissions.answer(.notNow)
        await locating.value
        XCTAssertEqual(phone.services.permissions.prompts, [], "no system prompt after “not now”")
        XCTAssertEqual(report.positionText, "Chưa có vị trí", "the phone's fix is not read without permission")
        report.setPin(lat: 21.0287, lon: 105.8524)
        XCTAssertEqual(report.positionText, "Phường Hoàn Kiếm")
    }

    func testARefusedCameraIsNeverPromptedAgainAndTheScreenSaysWhatToDo() async throws {
        let phone = try freshPhone()
        let permissions = phone.app.permissions
        let report = try phone.app.newReport()
        phone.services.permissions.answerPrompts(.denied)

        let opening = Task { await report.prepareCamera() }
        await waitUntil("the camera's reason shows") { permissions.asking == .camera }
        XCTAssertEqual(permissions.reason, "Máy ảnh dùng để chụp ảnh hiện trường gửi kèm phản ánh.")
        permissions.answer(.allow)
        let opened = await opening.value
        XCTAssertFalse(opened, "the resident refused in the system prompt")
        XCTAssertEqual(permissions.refused, .camera)
        XCTAssertEqual(
            permissions.refusedText,
            "iHaNoi không được dùng máy ảnh. Bật lại trong Cài đặt › iHaNoi, hoặc chọn ảnh có sẵn.")
        XCTAssertEqual(permissions.openSettingsTitle, "Mở Cài đặt")

        permissions.dismissRefusal()
        let again = await report.prepareCamera()
        XCTAssertFalse(again)
        XCTAssertNil(permissions.asking, "no reason sheet for a refused permission")
        XCTAssertEqual(phone.services.permissions.prompts, [.camera], "iOS prompts once: never asked again")
        XCTAssertEqual(permissions.refused, .camera)
        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(
            permissions.refusedText,
            "iHaNoi may not use the camera. Turn it on in Settings › iHaNoi, or choose a photo you took.")
    }

    func testNeverTwoAtOnce() async throws {
        let phone = try freshPhone()
        let permissions = phone.app.permissions
        let report = try phone.app.newReport()
        let locating = Task { await report.locate() }
        await waitUntil("the position's reason shows") { permissions.asking == .location }
        let camera = await report.prepareCamera()
        XCTAssertFalse(camera, "a second ask while one is on screen is answered no at once")
        XCTAssertEqual(permissions.asking, .location)
        permissions.answer(.allow)
        await locating.value
        XCTAssertEqual(phone.services.permissions.prompts, [.location])
    }

    func testNotificationsAreOfferedOnceAfterTheFirstQueuedReportAndNotNowIsRemembered() async throws {
        let phone = try Phone(for: self)  // camera and position allowed, notifications never asked
        let permissions = phone.app.permissions
        try await phone.signIn()
        XCTAssertNil(permissions.asking, "signing in asks nothing")
        _ = try await phone.queueReport()
        await waitUntil("the notifications reason shows") { permissions.asking == .notifications }
        XCTAssertEqual(permissions.title, "Cho phép thông báo")
        permissions.answer(.notNow)
        await waitUntil("the reason is gone") { permissions.asking == nil }

        // The next report asks nothing: "not now" is kept, across a relaunch too.
        try phone.relaunch()
        _ = try await phone.queueReport(description: "Đèn đường hỏng cả đoạn phố, rất tối")
        XCTAssertFalse(phone.app.permissions.offer(.notifications), "“not now” is kept")
        XCTAssertNil(phone.app.permissions.asking)
        XCTAssertEqual(phone.services.permissions.prompts, [])
    }

    /// iOS shows Info.plist's reason in its own prompt: per language it says what the app's sheet
    /// said a moment before, and the photo library's reason is there in both languages too.
    func testTheSystemPromptsGiveTheSameReasonsInBothLanguages() async throws {
        let root = try XCTUnwrap(
            ProcessInfo.processInfo.environment["IHANOI_APP_DIR"], "IHANOI_APP_DIR is not set: run tests/ios/run.sh")
        for language in DisplayLanguage.allCases {
            let url = URL(fileURLWithPath: root).appendingPathComponent("\(language.rawValue).lproj/InfoPlist.strings")
            let strings = try infoPlistStrings(String(contentsOf: url, encoding: .utf8))
            for permission in AppPermission.allCases {
                guard let key = permission.usageDescriptionKey else { continue }
                XCTAssertEqual(strings[key], permission.reason(language), "\(key) in \(language)")
            }
            XCTAssertFalse(strings["NSPhotoLibraryUsageDescription", default: ""].isEmpty, "\(language)")
        }
    }

    /// `"KEY" = "VALUE";` lines of a .strings file (comments skipped; no escapes used in ours).
    private func infoPlistStrings(_ text: String) throws -> [String: String] {
        let line = try NSRegularExpression(pattern: #"^"([A-Za-z]+)" = "([^"]*)";$"#, options: .anchorsMatchLines)
        var values: [String: String] = [:]
        for match in line.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let key = Range(match.range(at: 1), in: text), let value = Range(match.range(at: 2), in: text)
            else { continue }
            values[String(text[key])] = String(text[value])
        }
        return values
    }
}
