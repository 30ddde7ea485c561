import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// A city server as many run one: plain GeoReport v2 (no sign-in, no extension), whose flooding
/// service publishes a form of the city's own with a required question. The category step asks
/// its questions, the sign-in screen offers the optional personal fields instead, and a report
/// goes out with both.
@MainActor
final class PlainCityTests: XCTestCase {
    func testTheCategorysOwnQuestionsAreAskedSavedAndCheckedByTheCore() async throws {
        let phone = try Phone(for: self, city: try formsCity())
        try await phone.app.runInBackground()  // the pull brings the services' forms
        var report = try phone.app.newReport()
        XCTAssertEqual(report.attributeFields, [], "no category chosen: no questions")
        report.chooseCategory("ngap_ung")
        var fields = report.attributeFields
        XCTAssertEqual(fields.map(\.id), ["luu_y", "do_sau_nuoc", "anh_huong", "bat_dau_luc"])
        XCTAssertEqual(fields.map(\.kind), [.information, .oneOf, .anyOf, .dateTime])
        XCTAssertEqual(fields[0].label, "Nếu có người gặp nguy hiểm, gọi 114", "the city's words, in Vietnamese")
        XCTAssertNil(fields[0].requirement)
        let depth = fields[1]
        XCTAssertEqual(depth.title, "Độ sâu nước · Bắt buộc")
        XCTAssertTrue(depth.required)
        XCTAssertEqual(depth.help, "duoi_20cm | 20_50cm | tren_50cm")
        XCTAssertEqual(depth.options.map(\.label), ["Dưới 20 cm", "20–50 cm", "Trên 50 cm"])
        XCTAssertEqual(depth.options.map(\.value), ["duoi_20cm", "20_50cm", "tren_50cm"])
        XCTAssertEqual(depth.options.map(\.selected), [false, false, false])
        XCTAssertEqual(depth.problem, "Vui lòng trả lời mục «Độ sâu nước».")
        XCTAssertEqual(depth.accessibilityLabel, "Độ sâu nước, Bắt buộc, Vui lòng trả lời mục «Độ sâu nước».")
        XCTAssertTrue(report.problems.contains("Vui lòng trả lời mục «Độ sâu nước»."), "\(report.problems)")
        XCTAssertEqual(fields[2].title, "Ảnh hưởng đến")
        XCTAssertNil(fields[2].problem, "an optional question left empty is no problem")
        XCTAssertEqual(fields[3].help, "2026-12-07T08:30:00+07:00")

        // Each answer is saved by the core as it is given, and checked by it.
        report.setAttribute("do_sau_nuoc", value: "tren_50cm")
        report.toggleAttribute("anh_huong", key: "duong")
        report.toggleAttribute("anh_huong", key: "nha_dan")
        report.toggleAttribute("anh_huong", key: "duong")
        report.setAttribute("bat_dau_luc", value: "hôm qua")
        fields = report.attributeFields
        XCTAssertEqual(fields[1].options.map(\.selected), [false, false, true])
        XCTAssertNil(fields[1].problem)
        XCTAssertEqual(fields[2].options.map(\.selected), [false, true, false])
        let invalid = try XCTUnwrap(fields[3].problem)
        XCTAssertTrue(invalid.hasPrefix("Mục «Ngập từ lúc»: cần ngày giờ"), invalid)
        XCTAssertTrue(report.problems.contains(invalid), "the review lists it too")
        XCTAssertFalse(report.problems.contains { $0.contains("Độ sâu nước") })
        report.setAttribute("bat_dau_luc", date: Date(timeIntervalSince1970: 1_796_607_000))
        XCTAssertEqual(report.attributeFields[3].value, "2026-12-07T08:30:00+07:00", "in Hanoi's time")
        XCTAssertEqual(report.attributeFields[3].date, Date(timeIntervalSince1970: 1_796_607_000))
        XCTAssertNil(report.attributeFields[3].problem)

        // The app killed and started again: every answer was saved.
        try phone.relaunch()
        report = try phone.app.newReport()
        XCTAssertEqual(report.attributeFields.map(\.value), ["", "tren_50cm", "nha_dan", "2026-12-07T08:30:00+07:00"])

        // In English: the city's English words, and the core's problem in English.
        phone.app.settings.chooseLanguage(.en)
        report.setAttribute("do_sau_nuoc", value: "")
        fields = report.attributeFields
        XCTAssertEqual(fields[0].label, "If anyone is in danger, call 114")
        XCTAssertEqual(fields[1].title, "Water depth · Required")
        XCTAssertEqual(fields[1].options.map(\.label), ["Below 20 cm", "20–50 cm", "Above 50 cm"])
        XCTAssertEqual(fields[1].problem, "Please answer “Water depth”.")
        XCTAssertEqual(fields[2].options.map(\.label), ["Roads", "Homes", "Schools"])
        XCTAssertTrue(report.problems.contains("Please answer “Water depth”."), "\(report.problems)")
        XCTAssertFalse(report.canQueue)
    }

    func testWithoutSignInTheResidentGivesOptionalDetailsThatGoWithTheReportUnlogged() async throws {
        LogCapture.shared.install()
        let phone = try Phone(for: self, city: try formsCity())
        XCTAssertEqual(phone.app.signInPrompt, "Đăng nhập", "nothing learned of the server yet: the usual flow")
        let details = phone.app.signIn()
        await details.load()
        XCTAssertEqual(details.mode, .contactFields, "the server has no sign-in")
        XCTAssertEqual(phone.app.signInPrompt, "Thông tin của bạn")
        XCTAssertEqual(details.title, "Thông tin của bạn")
        XCTAssertEqual(
            [details.emailLabel, details.firstNameLabel, details.lastNameLabel, details.contactPhoneLabel],
            ["Thư điện tử", "Tên", "Họ", "Số điện thoại"])
        XCTAssertTrue(details.contactNote.hasPrefix("Không bắt buộc."), details.contactNote)
        XCTAssertTrue(details.canSave)
        XCTAssertNil(details.savedText)
        let email = "lan.\(UUID().uuidString.prefix(8).lowercased())@example.vn"
        let lastName = "Nguyễn Thị \(Int.random(in: 1000...9999))"
        details.email = "  \(email) "
        details.firstName = "Lan"
        details.lastName = lastName
        details.saveContact()
        XCTAssertNil(details.problem)
        XCTAssertEqual(details.savedText, "Đã lưu.")
        details.contactPhone = "0912"
        XCTAssertNil(details.savedText, "edited since")
        details.contactPhone = ""
        details.saveContact()
        let kept = try phone.core.residentContact()
        XCTAssertEqual([kept.email, kept.firstName, kept.lastName, kept.phone], [email, "Lan", lastName, nil])

        // Kept across a relaunch, and the screen knows the server without asking it again.
        try phone.relaunch()
        let again = phone.app.signIn()
        XCTAssertEqual(again.mode, .contactFields)
        XCTAssertEqual(
            [again.email, again.firstName, again.lastName, again.contactPhone], [email, "Lan", lastName, ""])

        // A flooding report goes out without sign-in, its required question answered.
        try await phone.app.runInBackground()  // the pull brings the flooding form
        let report = try phone.app.newReport()
        await report.addPhoto(at: try sharedFile("photos", "iphone4s-gps-small.jpg"), source: .camera)
        phone.services.location.set(hoanKiemFix())
        await report.locate()
        report.chooseCategory("ngap_ung")
        report.setDescription("Ngập sâu sau mưa ở đầu ngõ 12")
        XCTAssertEqual(report.problems, ["Vui lòng trả lời mục «Độ sâu nước»."])
        report.setAttribute("do_sau_nuoc", value: "20_50cm")
        XCTAssertEqual(report.problems, [])
        report.queue()
        XCTAssertTrue(report.isQueued, report.problem ?? "")
        let summary = try await phone.app.runInBackground()
        XCTAssertEqual(summary.sent.sent, 1)
        XCTAssertNotNil(try phone.core.submission(reportId: report.reportId))

        // Never logged: none of the core's lines (the app's os_log) holds the personal fields.
        let lines = LogCapture.shared.lines
        XCTAssertFalse(lines.isEmpty, "the core logged the sync")
        for secret in [email, lastName] {
            XCTAssertFalse(lines.contains { $0.contains(secret) }, "a log line holds a personal field")
        }

        phone.app.settings.chooseLanguage(.en)
        XCTAssertEqual(
            [again.title, again.emailLabel, again.firstNameLabel, again.saveTitle],
            ["Your details", "Email", "First name", "Save"])
        XCTAssertEqual(phone.app.signInPrompt, "Your details")
    }
}
