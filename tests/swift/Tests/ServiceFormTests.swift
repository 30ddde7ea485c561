// A report with a required attribute, filed from Swift through the real library on a plain
// GeoReport v2 server (no extension: no sign-in, no idempotency) whose flooding service
// publishes a form. run.sh starts it with `--profile plain,city-forms` and passes its URL as
// IHANOI_FORMS_CITY_URL.
import Foundation
import IhanoiCore
import XCTest

final class ServiceFormTests: XCTestCase {
    func testAFloodingReportAnswersTheRequiredQuestionBeforeItIsQueuedAndSent() async throws {
        guard let url = ProcessInfo.processInfo.environment["IHANOI_FORMS_CITY_URL"], !url.isEmpty else {
            return XCTFail("IHANOI_FORMS_CITY_URL is not set: run the tests with tests/swift/run.sh")
        }
        let core = try openCore(for: self)
        try core.configureCity(config: CityConfig(baseUrl: url, apiKey: "test-app-key", extraRootsPem: nil))
        try core.setResidentContact(
            contact: ResidentContact(email: "lan@example.vn", firstName: "Lan", lastName: nil, phone: nil, deviceId: nil))
        _ = try await core.pull(task: TaskHandle())
        XCTAssertEqual(try core.serverProfile().signIn, .notOffered)

        let form = try core.serviceAttributes(categoryCode: "ngap_ung")
        let required = form.filter(\.required)
        XCTAssertEqual(required.map(\.code), ["do_sau_nuoc"])
        XCTAssertEqual(required.first?.datatype, .singleValueList)
        XCTAssertEqual(required.first?.values.map(\.key), ["duoi_20cm", "20_50cm", "tren_50cm"])
        XCTAssertTrue(form.contains { !$0.variable }, "information shown, not asked")

        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "ngap_ung"))
        _ = try core.updateDraft(id: id, field: .description(text: "Ngập sâu sau mưa ở đầu ngõ 12"))
        _ = try await attach(try sharedFile("photos", "nokia-lumia-gps.jpg"), to: id, on: core)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try core.setReportLocation(
            id: id,
            fix: LocationFix(
                lat: 21.0287, lon: 105.8524, accuracyM: 8, timeMs: now, source: .deviceGps, mocked: false))

        guard case .NotReady(let problems, _, _)? = expectIhanoiError({ try core.queueReport(id: id) }) else {
            return XCTFail("expected NotReady")
        }
        XCTAssertEqual(problems.map(\.code), [.attributeMissing])
        XCTAssertEqual(problems.first?.attributeCode, "do_sau_nuoc")
        XCTAssertTrue(problems.first?.message.vi.contains("Độ sâu nước") ?? false)

        _ = try core.setDraftAttribute(reportId: id, code: "do_sau_nuoc", values: ["tren_50cm"])
        let answers = try core.setDraftAttribute(reportId: id, code: "anh_huong", values: ["duong", "nha_dan"])
        XCTAssertEqual(answers.map(\.code), ["anh_huong", "do_sau_nuoc"])
        XCTAssertTrue(try core.problems(id: id).isEmpty)
        XCTAssertEqual(try core.queueReport(id: id).state, .queued)

        let summary = try await core.sync(
            options: SyncOptions(network: .wifi, photosOnlyOnWifi: false), listener: RecordingSyncListener(),
            task: TaskHandle())
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(try core.report(id: id).state, .submitted)
        // The plain server refuses a flooding report without the depth: it has it.
        XCTAssertFalse(try XCTUnwrap(try core.submission(reportId: id)).serviceRequestId.isEmpty)
    }
}
