// The install team's device check from Swift: the shell's facts in, the rows out, against the
// reference city server (an async call on the core's runtime).
import Foundation
import IhanoiCore
import XCTest

final class DeviceCheckTests: XCTestCase {
    func testDeniedLocationFailsAndTheReferenceServerAnswers() async throws {
        let city = try ReferenceCity.fromEnvironment()
        let core = try openCore(for: self)
        try core.configureCity(config: city.config)
        let facts = DeviceFacts(
            cameraPresent: true, cameraPermission: .granted, locationServicesOn: true,
            locationPermission: .denied, notificationPermission: nil, network: .cellular,
            freeStorageBytes: 8_000_000_000, os: OsFact(platform: .ios, version: "17.4.1"))
        let report = try await core.deviceCheck(facts: facts)
        XCTAssertEqual(report.verdict, .fail)
        let location = try XCTUnwrap(report.checks.first { $0.code == .locationPermission })
        XCTAssertEqual(location.status, .fail)
        XCTAssertTrue(location.action.en.hasPrefix("Open Settings"), location.action.en)
        XCTAssertEqual(checkCodeName(code: location.code), "location_permission")
        let server = try XCTUnwrap(report.checks.first { $0.code == .serverReachable })
        XCTAssertEqual(server.status, .ok, "\(server)")
        XCTAssertEqual(report.checks.first { $0.code == .osVersion }?.status, .ok)
        // A fact the shell did not pass gives no row.
        XCTAssertNil(report.checks.first { $0.code == .notificationPermission })
    }
}
