// Report drafts seen from Swift: the generated bindings over the real library and a real SQLite
// file in a temporary directory.
import Foundation
import IhanoiCore
import XCTest

final class DraftTests: XCTestCase {
    func testCreateDraftStartsEmptyWithAUuidV7() throws {
        let core = try openCore(for: self)
        let draft = try core.createDraft()

        let uuid = try XCTUnwrap(UUID(uuidString: draft.id), "id is a UUID: \(draft.id)")
        XCTAssertEqual(uuid.uuid.6 >> 4, 7, "UUID version 7")
        XCTAssertEqual(draft.state, .draft)
        XCTAssertNil(draft.categoryCode)
        XCTAssertEqual(draft.description, "")
        XCTAssertNil(draft.address)
        XCTAssertEqual(draft.urgency, .normal)
        XCTAssertGreaterThan(draft.createdAtMs, 0)
        XCTAssertEqual(draft.createdAtMs, draft.updatedAtMs)
        XCTAssertEqual(try core.report(id: draft.id), draft)
    }

    func testEveryDraftFieldUpdateIsDurable() throws {
        let directory = try makeDataDirectory(for: self)
        let secrets = MemorySecretStore()
        var id = ""
        do {
            let core = try IhanoiCore.open(dataDir: directory.path, secrets: secrets)
            id = try core.createDraft().id

            var report = try core.updateDraft(id: id, field: .category(code: "moi-truong"))
            XCTAssertEqual(report.categoryCode, "moi-truong")

            report = try core.updateDraft(
                id: id, field: .description(text: "Rác thải đổ trộm ở đầu ngõ "))
            // Not trimmed while typing: the trailing space is the resident's.
            XCTAssertEqual(report.description, "Rác thải đổ trộm ở đầu ngõ ")

            report = try core.updateDraft(
                id: id, field: .address(text: "ngõ 622 Minh Khai, cạnh chung cư"))
            XCTAssertEqual(report.address, "ngõ 622 Minh Khai, cạnh chung cư")

            report = try core.updateDraft(id: id, field: .urgency(urgency: .urgent))
            XCTAssertEqual(report.urgency, .urgent)
            XCTAssertGreaterThanOrEqual(report.updatedAtMs, report.createdAtMs)
        }
        // Every change was on disk when its call returned: a new core on the same directory
        // sees them all.
        let reopened = try IhanoiCore.open(dataDir: directory.path, secrets: secrets)
        let report = try reopened.report(id: id)
        XCTAssertEqual(report.state, .draft)
        XCTAssertEqual(report.categoryCode, "moi-truong")
        XCTAssertEqual(report.description, "Rác thải đổ trộm ở đầu ngõ ")
        XCTAssertEqual(report.address, "ngõ 622 Minh Khai, cạnh chung cư")
        XCTAssertEqual(report.urgency, .urgent)
    }

    func testOptionalFieldsCanBeCleared() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "giao-thong"))
        _ = try core.updateDraft(id: id, field: .address(text: "Hồ Gươm"))

        XCTAssertNil(try core.updateDraft(id: id, field: .category(code: nil)).categoryCode)
        XCTAssertNil(try core.updateDraft(id: id, field: .address(text: nil)).address)
        // Blank text is no address at all.
        XCTAssertNil(try core.updateDraft(id: id, field: .address(text: "   ")).address)
    }

    func testEveryUrgencyRoundTrips() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        for urgency in [Urgency.urgent, .complex, .normal] {
            XCTAssertEqual(try core.updateDraft(id: id, field: .urgency(urgency: urgency)).urgency, urgency)
            XCTAssertEqual(try core.report(id: id).urgency, urgency)
        }
    }

    func testDecomposedTextComesBackComposed() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        // What some keyboards and pasted text send: base letters plus combining marks (NFD).
        let composed = "Đèn đường hỏng ở phố Huế"
        let decomposed = composed.decomposedStringWithCanonicalMapping
        // Swift's == ignores normalisation, so compare the Unicode scalars themselves.
        XCTAssertNotEqual(Array(decomposed.unicodeScalars), Array(composed.unicodeScalars))

        let description = try core.updateDraft(id: id, field: .description(text: decomposed)).description
        XCTAssertEqual(Array(description.unicodeScalars), Array(composed.unicodeScalars))

        let address = try XCTUnwrap(
            try core.updateDraft(id: id, field: .address(text: "  " + decomposed + " ")).address)
        XCTAssertEqual(Array(address.unicodeScalars), Array(composed.unicodeScalars), "NFC and trimmed")

        let stored = try core.report(id: id)
        XCTAssertEqual(Array(stored.description.unicodeScalars), Array(composed.unicodeScalars))
    }

    func testListPagesNewestFirstWithACursor() throws {
        let core = try openCore(for: self)
        var created: [String] = []
        for _ in 0..<5 {
            created.append(try core.createDraft().id)
        }

        var seen: [String] = []
        var cursor: String? = nil
        var pageSizes: [Int] = []
        repeat {
            let page = try core.listReports(filter: .drafts, cursor: cursor, limit: 2)
            pageSizes.append(page.reports.count)
            seen += page.reports.map(\.id)
            cursor = page.nextCursor
        } while cursor != nil

        XCTAssertEqual(pageSizes, [2, 2, 1])
        XCTAssertEqual(seen, Array(created.reversed()), "newest first, each once")

        let all = try core.listReports(filter: .all, cursor: nil, limit: 50)
        XCTAssertEqual(all.reports.map(\.id), Array(created.reversed()))
        XCTAssertNil(all.nextCursor)
        XCTAssertEqual(try core.listReports(filter: .outbox, cursor: nil, limit: 50).reports, [])
        XCTAssertEqual(try core.listReports(filter: .submitted, cursor: nil, limit: 50).reports, [])
    }

    func testDraftsAddedWhilePagingNeitherRepeatNorVanish() throws {
        let core = try openCore(for: self)
        let older = try (0..<3).map { _ in try core.createDraft().id }
        let first = try core.listReports(filter: .drafts, cursor: nil, limit: 2)
        XCTAssertEqual(first.reports.map(\.id), [older[2], older[1]])

        _ = try core.createDraft()  // newer than everything listed: belongs on page one, not page two
        let second = try core.listReports(filter: .drafts, cursor: first.nextCursor, limit: 2)
        XCTAssertEqual(second.reports.map(\.id), [older[0]])
        XCTAssertNil(second.nextCursor)
    }

    func testGetReturnsTheStoredDraft() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        let updated = try core.updateDraft(id: id, field: .description(text: "Ổ gà sâu giữa đường"))
        XCTAssertEqual(try core.report(id: id), updated)
        // Upper-case input is the same UUID.
        XCTAssertEqual(try core.report(id: id.uppercased()).id, id)
    }

    func testDeleteRemovesTheDraft() throws {
        let core = try openCore(for: self)
        let kept = try core.createDraft().id
        let deleted = try core.createDraft().id

        try core.deleteDraft(id: deleted)

        guard case .NotFound(let text, _)? = expectIhanoiError({ try core.report(id: deleted) }) else {
            return XCTFail("expected NotFound")
        }
        XCTAssertFalse(text.vi.isEmpty)
        XCTAssertEqual(try core.listReports(filter: .all, cursor: nil, limit: 10).reports.map(\.id), [kept])
        guard case .NotFound? = expectIhanoiError({ try core.deleteDraft(id: deleted) }) else {
            return XCTFail("deleting twice is NotFound")
        }
        guard case .NotFound? = expectIhanoiError({
            try core.updateDraft(id: deleted, field: .urgency(urgency: .urgent))
        }) else {
            return XCTFail("updating a deleted draft is NotFound")
        }
    }

    func testReportActionsOfADraft() throws {
        let core = try openCore(for: self)
        // The review screen's one answer: no send button while problems remain.
        let details = try core.reportDetails(id: try core.createDraft().id)
        XCTAssertTrue(details.actions.canEdit)
        XCTAssertTrue(details.actions.canDelete)
        XCTAssertFalse(details.actions.canReturnToDraft)
        XCTAssertFalse(details.actions.canQueue)
        XCTAssertEqual(details.problems.count, 4)
    }
}
