// Ward routing on the real boundaries (the 126 units of $IHANOI_SHARED/geo, copied into the
// chroot by run.sh): well-known places, and a report located in the sea refused until the pin moves in.
import Foundation
import IhanoiCore
import XCTest

final class RealAreasTests: XCTestCase {
    private static let hoanKiemLake = (lat: 21.0288, lon: 105.8525)
    /// Gulf of Tonkin, east of Hải Phòng.
    private static let sea = (lat: 20.5, lon: 107.0)

    private func coreWithRealAreas() async throws -> IhanoiCore {
        let core = try openCore(for: self)
        let info = try await core.importAreasFile(
            path: try sharedFile("geo", "hanoi_wards_2025.geojson").path, version: "2025-07-01",
            task: TaskHandle())
        XCTAssertEqual(info.unitCount, 126)
        return core
    }

    private func fix(_ point: (lat: Double, lon: Double), _ source: LocationSource = .deviceGps) -> LocationFix {
        LocationFix(
            lat: point.lat, lon: point.lon, accuracyM: source == .manualPin ? 0 : 10,
            timeMs: Int64(Date().timeIntervalSince1970 * 1000), source: source, mocked: false)
    }

    func testWellKnownPlacesRouteToTheirUnit() async throws {
        let core = try await coreWithRealAreas()
        let lake = try XCTUnwrap(core.locateArea(lat: Self.hoanKiemLake.lat, lon: Self.hoanKiemLake.lon))
        XCTAssertEqual(lake.code, "00070")
        XCTAssertEqual(lake.name, "Phường Hoàn Kiếm")
        XCTAssertEqual(lake.kind, .ward)
        XCTAssertEqual(try core.locateArea(lat: 21.0367, lon: 105.8346)?.name, "Phường Ba Đình")
        XCTAssertEqual(try core.locateArea(lat: 21.2187, lon: 105.8042)?.name, "Xã Nội Bài")
        XCTAssertNil(try core.locateArea(lat: Self.sea.lat, lon: Self.sea.lon))
        XCTAssertNil(try core.locateArea(lat: 20.86, lon: 106.68), "Hải Phòng")
    }

    func testAReportInTheSeaIsNotReadyUntilThePinMovesIn() async throws {
        let core = try await coreWithRealAreas()
        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "ve_sinh_moi_truong"))
        _ = try core.updateDraft(id: id, field: .description(text: "Rác thải đổ trên vỉa hè"))
        _ = try await attach(try realPhonePhoto(), to: id, on: core)

        let atSea = try core.setReportLocation(id: id, fix: fix(Self.sea))
        XCTAssertNil(atSea.areaCode)
        // The review lists it before the resident taps send, not only after.
        let review = try core.reportDetails(id: id)
        XCTAssertEqual(review.problems.map(\.code), [.locationOutsideHanoi])
        XCTAssertFalse(review.actions.canQueue)
        XCTAssertFalse(review.problems[0].message.vi.isEmpty)
        XCTAssertFalse(review.problems[0].message.en.isEmpty)
        guard case .NotReady(let problems, _, _)? = expectIhanoiError({ try core.queueReport(id: id) }) else {
            return XCTFail("a report at sea was queued")
        }
        XCTAssertEqual(problems.map(\.code), [.locationOutsideHanoi])
        XCTAssertEqual(try core.report(id: id).state, .draft)

        // The resident moves the pin to Hoàn Kiếm Lake: now it goes, routed there.
        let pin = try core.setReportLocation(id: id, fix: fix(Self.hoanKiemLake, .manualPin))
        XCTAssertEqual(pin.areaCode, "00070")
        XCTAssertEqual(try core.queueReport(id: id).state, .queued)
    }
}
