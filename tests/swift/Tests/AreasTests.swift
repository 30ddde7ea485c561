// Ward routing and report locations from Swift on a small area set of their own (two units
// sharing an edge), where exact distances are known. The real boundaries: RealAreasTests.swift.
import Foundation
import IhanoiCore
import XCTest

final class AreasTests: XCTestCase {
    /// Two 1 km-ish squares side by side: Phường Tây (west) and Xã Đông (east), edge at 105.81.
    private func importTwoUnits(_ core: IhanoiCore) async throws {
        let square = { (code: String, name: String, west: Double) -> String in
            let east = west + 0.01
            return """
                {"type":"Feature","properties":{"code":"\(code)","fullName":"\(name)"},
                 "geometry":{"type":"Polygon","coordinates":[[[\(west),21.0],[\(east),21.0],
                 [\(east),21.01],[\(west),21.01],[\(west),21.0]]]}}
                """
        }
        let geojson = """
            {"type":"FeatureCollection","features":[\(square("1", "Phường Tây Hoà", 105.80)),
            \(square("2", "Xã Đông", 105.81))]}
            """
        let file = try makeDataDirectory(for: self).appendingPathComponent("units.geojson")
        try geojson.write(to: file, atomically: true, encoding: .utf8)
        let info = try await core.importAreasFile(path: file.path, version: "test-1", task: TaskHandle())
        XCTAssertEqual(info.unitCount, 2)
    }

    private func fix(_ lat: Double, _ lon: Double, _ accuracy: Double, _ source: LocationSource = .deviceGps)
        -> LocationFix
    {
        LocationFix(
            lat: lat, lon: lon, accuracyM: accuracy,
            timeMs: Int64(Date().timeIntervalSince1970 * 1000), source: source, mocked: false)
    }

    func testAFreshInstallRoutesWithTheBuiltInSet() async throws {
        let core = try openCore(for: self)
        let info = try XCTUnwrap(try core.areaSetInfo())
        XCTAssertTrue(info.builtIn)
        XCTAssertEqual(info.unitCount, 126)
        XCTAssertEqual(try core.locateArea(lat: 21.0368, lon: 105.8346)?.name, "Phường Ba Đình")
        XCTAssertEqual(dataLicences().map(\.spdx), ["MIT", "MIT"])
        // An imported set replaces it.
        try await importTwoUnits(core)
        XCTAssertFalse(try XCTUnwrap(try core.areaSetInfo()).builtIn)
        XCTAssertNil(try core.locateArea(lat: 21.0368, lon: 105.8346))
    }

    func testLocateLookupAndSearch() async throws {
        let core = try openCore(for: self)
        try await importTwoUnits(core)
        XCTAssertEqual(try core.locateArea(lat: 21.005, lon: 105.805)?.name, "Phường Tây Hoà")
        XCTAssertEqual(try core.locateArea(lat: 21.005, lon: 105.815)?.kind, .commune)
        XCTAssertNil(try core.locateArea(lat: 21.5, lon: 105.805))

        // 5 m west of the shared edge with a 30 m circle: both, the containing one first.
        let lookup = try core.lookupAreas(lat: 21.005, lon: 105.81 - 5 / 103_950.0, radiusM: 30)
        XCTAssertTrue(lookup.ambiguous)
        XCTAssertEqual(lookup.candidates.map(\.area.code), ["1", "2"])
        XCTAssertEqual(lookup.candidates[1].distanceM, 5, accuracy: 0.1)

        for query in ["tay hoa", "Tây Hòa", "TÂY HOÀ"] {
            XCTAssertEqual(try core.searchAreas(query: query, limit: 5).first?.area.code, "1", query)
        }
        guard case .InvalidArgument? = expectIhanoiError({ try core.lookupAreas(lat: .nan, lon: 105.8, radiusM: 10) })
        else { return XCTFail("expected InvalidArgument") }
    }

    func testReportLocationPinAndVerdict() async throws {
        let core = try openCore(for: self)
        try await importTwoUnits(core)
        let id = try core.createDraft().id
        let gps = try core.setReportLocation(id: id, fix: fix(21.005, 105.805, 8))
        XCTAssertEqual(gps.areaCode, "1")
        XCTAssertEqual(gps.verdict.quality, .good)
        // The words the screen shows come from the core, in both languages.
        XCTAssertEqual(gps.sourceLabel, Bilingual(vi: "GPS của máy", en: "device GPS"))
        XCTAssertEqual(gps.verdict.qualityLabel, Bilingual(vi: "tốt", en: "good"))

        let pin = try core.setReportLocation(id: id, fix: fix(21.005, 105.815, 0, .manualPin))
        XCTAssertTrue(pin.pinAdjusted)
        XCTAssertEqual(pin.areaName, "Xã Đông")
        XCTAssertEqual(try XCTUnwrap(pin.pinMovedM), 1039, accuracy: 5)
        XCTAssertEqual(try core.setReportLocation(id: id, fix: fix(21.005, 105.805, 5)), pin)

        guard case .InvalidArgument? = expectIhanoiError({
            try core.setReportLocation(id: id, fix: self.fix(21.0, 105.8, -1))
        }) else { return XCTFail("expected InvalidArgument") }

        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let old = LocationFix(
            lat: 21.0, lon: 105.8, accuracyM: 50, timeMs: now - 180_000, source: .network, mocked: false)
        let verdict = locationVerdict(fix: old, nowMs: now)
        XCTAssertEqual(verdict.quality, .poor)
        XCTAssertEqual(verdict.reasons, [.stale])
        XCTAssertEqual(verdict.qualityLabel.en, "poor, confirm on the map")
        let exif = ExifPosition(lat: 21.0, lon: 105.8, accuracyM: nil, capturedAtMs: now)
        XCTAssertEqual(offeredLocation(device: nil, firstPhotoExif: exif)?.source, .photoExif)
    }
}
