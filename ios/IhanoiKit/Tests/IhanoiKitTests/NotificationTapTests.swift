import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// A tapped notification, as the app's notification delegate forwards it: the model's router opens
/// what it names, and opening a report reads it (the badge and the list's count drop).
@MainActor
final class NotificationTapTests: XCTestCase {
    func testTappingAReplyOpensTheReportAndClearsItsBadge() async throws {
        let phone = try Phone(for: self)
        let app = phone.app
        try await phone.signIn()
        let reportId = try await phone.queueReport()
        let sent = try await app.runInBackground()
        XCTAssertEqual(sent.sent.sent, 1)
        let submission = try XCTUnwrap(try phone.core.submission(reportId: reportId))
        try phone.city.act(submission.serviceRequestId, "accept", description: "Đã tiếp nhận")
        try await app.runInBackground()
        let reply = try XCTUnwrap(
            phone.services.notifier.posted.first { $0.kind == .reply(reportId: reportId) }, "a reply notification")
        XCTAssertEqual(reply.userInfo, ["reportId": reportId], "what the notification carries for its tap")
        await waitUntil("the badge counts the reply") { app.counts.unreadUpdates == 1 }
        XCTAssertEqual(app.badge, 1)
        XCTAssertEqual(app.home.rows.first?.unread, 1)

        // The tap: the system hands userInfo back as [AnyHashable: Any].
        app.tab = .settings
        app.openNotification(userInfo: reply.userInfo as [AnyHashable: Any])
        let opened = try XCTUnwrap(app.openedReport, "the tap opens the report")
        XCTAssertEqual(opened.reportId, reportId)
        XCTAssertEqual(app.tab, .reports)
        XCTAssertEqual(opened.timeline.map(\.label), ["Phường Hoàn Kiếm: đã tiếp nhận"])
        await waitUntil("the badge is cleared") { app.counts.unreadUpdates == 0 }
        XCTAssertEqual(app.badge, 0)
        await waitUntil("the list's count is cleared") { app.home.rows.first?.unread == 0 }
        XCTAssertEqual(app.home.rows.first?.accessibilityLabel, "Vệ sinh môi trường, Đã gửi")
        app.closeOpenedReport()
        XCTAssertNil(app.openedReport)
    }

    func testTappingAnAlertShowsTheAlertsAndAnythingElseIsIgnored() async throws {
        let phone = try Phone(for: self)
        let app = phone.app
        app.openNotification(userInfo: AppNotification(kind: .alert(alertId: "7"), title: "", body: "").userInfo)
        XCTAssertEqual(app.tab, .alerts)
        XCTAssertNil(app.openedReport)
        app.tab = .settings
        app.openNotification(userInfo: ["campaign": "spring"])
        XCTAssertEqual(app.tab, .settings, "a notification the app did not make opens nothing")
        XCTAssertNil(app.openedReport)
    }
}
