import Foundation
import IhanoiCore
import IhanoiKit
import IhanoiKitTestSupport
import XCTest

/// The review shows the city's open reports of the same category within 50 m, someone else's,
/// before the resident files the same problem again.
@MainActor
final class NearbyReportsTests: XCTestCase {
    func testTheReviewShowsAnotherResidentsReportTwentyMetresAway() async throws {
        // A place no other test reports at, so that this report is among the nearest listed.
        let lat = 21.0400 + Double(Int.random(in: 0...50)) / 10_000
        let lon = 105.8400
        let street = "ngõ \(Int.random(in: 100...999_999))"

        // Another resident's report there, sent.
        let other = try Phone(for: self)
        try await other.signIn()
        let theirs = try other.app.newReport()
        await theirs.addPhoto(at: try sharedFile("photos", "iphone4s-gps-small.jpg"), source: .camera)
        theirs.setPin(lat: lat, lon: lon)
        theirs.chooseCategory("ve_sinh_moi_truong")
        theirs.setDescription("Rác thải đổ trộm ở đầu \(street), bốc mùi")
        theirs.queue()
        XCTAssertTrue(theirs.isQueued, theirs.problem ?? "")
        let sent = try await other.app.runInBackground()
        XCTAssertEqual(sent.sent.sent, 1)
        let cityId = try XCTUnwrap(try other.core.submission(reportId: theirs.reportId)).serviceRequestId

        // This resident's draft, 20 m north, in the same category.
        let phone = try Phone(for: self)
        let report = try phone.app.newReport()
        await report.loadNearby()
        XCTAssertNil(report.nearbyTitle, "no category and no position: nothing to ask")
        XCTAssertEqual(report.nearbyReports, [])
        report.chooseCategory("ve_sinh_moi_truong")
        report.setPin(lat: lat + 20 / 111_320, lon: lon)
        await report.loadNearby()
        let row = try XCTUnwrap(
            report.nearbyReports.first { $0.id == cityId }, "listed: \(report.nearbyReports.map(\.id))")
        XCTAssertTrue(["cách 19 m", "cách 20 m", "cách 21 m"].contains(row.distance), row.distance)
        XCTAssertEqual(row.excerpt, "Rác thải đổ trộm ở đầu \(street), bốc mùi")
        XCTAssertFalse(row.status.isEmpty)
        XCTAssertTrue(
            row.accessibilityLabel.hasPrefix("\(row.status), \(row.distance), Rác thải"), row.accessibilityLabel)
        let heading = try XCTUnwrap(report.nearbyTitle)
        XCTAssertNil(report.nearbyFreshness, "just asked of the city")
        XCTAssertFalse(report.warnings.isEmpty, "the review also warns of similar reports: \(report.warnings)")

        // Kept by the core: the flow opened again shows it without asking.
        try phone.relaunch()
        let again = try phone.app.newReport()
        XCTAssertTrue(again.nearbyReports.contains { $0.id == cityId })
        XCTAssertNotNil(again.nearbyFreshness, "a kept answer says how old it is")

        phone.app.settings.chooseLanguage(.en)
        XCTAssertNotEqual(again.nearbyTitle, heading)
        XCTAssertTrue(again.nearbyReports.first { $0.id == cityId }?.distance.hasSuffix(" m away") ?? false)
    }
}
