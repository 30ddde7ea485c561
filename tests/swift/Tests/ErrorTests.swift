// Errors reach Swift typed: `IhanoiError` cases the shell can switch on, every queueing problem
// at once with its stable code and Vietnamese and English messages, and a Rust panic as a thrown
// error instead of a crash.
import Foundation
import IhanoiCore
import XCTest

final class ErrorTests: XCTestCase {
    func testQueueingAnEmptyDraftReportsEveryProblemAtOnce() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id

        guard case .NotReady(let problems, _, _)? = expectIhanoiError({ try core.queueReport(id: id) }) else {
            return XCTFail("expected NotReady")
        }
        XCTAssertEqual(
            problems.map(\.code),
            [.categoryMissing, .descriptionTooShort, .photoMissing, .locationMissing])
        for problem in problems {
            XCTAssertFalse(problem.message.vi.isEmpty, "\(problem.code)")
            XCTAssertFalse(problem.message.en.isEmpty, "\(problem.code)")
            XCTAssertNotEqual(problem.message.vi, problem.message.en, "\(problem.code)")
        }
        let category = try XCTUnwrap(problems.first { $0.code == .categoryMissing })
        XCTAssertEqual(category.message.vi, "Vui lòng chọn lĩnh vực phản ánh.")
        XCTAssertEqual(category.message.en, "Please choose a category.")

        // The same list the form shows while the resident types, and nothing changed.
        XCTAssertEqual(try core.problems(id: id), problems)
        XCTAssertEqual(try core.report(id: id).state, .draft)
    }

    func testProblemsShrinkAsTheDraftIsFilledIn() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "moi-truong"))
        _ = try core.updateDraft(id: id, field: .description(text: "  Nước thải tràn ra vỉa hè  "))
        // Not one of the city's codes (the shipped list, before any pull).
        XCTAssertEqual(try core.problems(id: id).map(\.code), [.categoryUnknown, .photoMissing, .locationMissing])
        _ = try core.updateDraft(id: id, field: .category(code: "ve_sinh_moi_truong"))

        guard case .NotReady(let problems, _, _)? = expectIhanoiError({ try core.queueReport(id: id) }) else {
            return XCTFail("expected NotReady")
        }
        XCTAssertEqual(problems.map(\.code), [.photoMissing, .locationMissing])
    }

    func testDescriptionLengthCountsCharactersAfterNormalisation() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        // Nine characters composed, many more scalars decomposed, padded with spaces: still short.
        let nine = "Ổ gà to ở".decomposedStringWithCanonicalMapping
        _ = try core.updateDraft(id: id, field: .description(text: "   " + nine + "   "))
        let short = try XCTUnwrap(try core.problems(id: id).first { $0.code == .descriptionTooShort })
        XCTAssertTrue(short.message.en.contains("(it has 9)"), short.message.en)
        XCTAssertTrue(short.message.vi.contains("(hiện có 9)"), short.message.vi)

        _ = try core.updateDraft(id: id, field: .description(text: String(repeating: "ă", count: 2001)))
        let codes = try core.problems(id: id).map(\.code)
        XCTAssertTrue(codes.contains(.descriptionTooLong), "\(codes)")
        XCTAssertFalse(codes.contains(.descriptionTooShort), "\(codes)")
    }

    func testReturningADraftToDraftIsWrongState() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        guard case .WrongState(let text, let detail)? = expectIhanoiError({ try core.returnToDraft(id: id) }) else {
            return XCTFail("expected WrongState")
        }
        XCTAssertFalse(text.vi.isEmpty)
        XCTAssertFalse(detail.isEmpty)
    }

    func testMalformedIdsAreInvalidArgument() throws {
        let core = try openCore(for: self)
        for bad in ["", "42", "not-a-uuid", "../../etc/passwd", "'; DROP TABLE reports; --"] {
            guard case .InvalidArgument? = expectIhanoiError({ try core.report(id: bad) }) else {
                return XCTFail("report(id: \(bad))")
            }
            guard case .InvalidArgument? = expectIhanoiError({
                try core.updateDraft(id: bad, field: .urgency(urgency: .urgent))
            }) else {
                return XCTFail("updateDraft(id: \(bad))")
            }
            guard case .InvalidArgument? = expectIhanoiError({ try core.deleteDraft(id: bad) }) else {
                return XCTFail("deleteDraft(id: \(bad))")
            }
            guard case .InvalidArgument? = expectIhanoiError({ try core.queueReport(id: bad) }) else {
                return XCTFail("queueReport(id: \(bad))")
            }
        }
    }

    func testUnknownIdIsNotFound() throws {
        let core = try openCore(for: self)
        let unknown = "0191c1f0-7a4e-7c3b-9d2e-5f6a7b8c9d0e"
        guard case .NotFound? = expectIhanoiError({ try core.report(id: unknown) }) else {
            return XCTFail("expected NotFound")
        }
    }

    func testMalformedCursorIsInvalidArgument() throws {
        let core = try openCore(for: self)
        _ = try core.createDraft()
        for cursor in ["", "garbage", "12~", "x~0191c1f0-7a4e-7c3b-9d2e-5f6a7b8c9d0e"] {
            guard case .InvalidArgument? = expectIhanoiError({
                try core.listReports(filter: .all, cursor: cursor, limit: 10)
            }) else {
                return XCTFail("cursor \(cursor)")
            }
        }
    }

    func testTextBeyondTheDraftLimitIsInvalidArgument() throws {
        let core = try openCore(for: self)
        let id = try core.createDraft().id
        guard case .InvalidArgument? = expectIhanoiError({
            try core.updateDraft(id: id, field: .address(text: String(repeating: "a", count: 2001)))
        }) else {
            return XCTFail("expected InvalidArgument")
        }
        XCTAssertNil(try core.report(id: id).address, "a refused change changes nothing")
    }

    func testErrorsDescribeThemselves() throws {
        let core = try openCore(for: self)
        let error = try XCTUnwrap(expectIhanoiError({ try core.report(id: "nope") }))
        // What a log line or an alert gets from a Swift `Error`.
        XCTAssertFalse(String(describing: error).isEmpty)
        XCTAssertFalse(error.localizedDescription.isEmpty)
    }

    /// A panic inside Rust must reach Swift as a thrown error, never abort the app.
    func testRustPanicIsThrownNotACrash() throws {
        let core = try openCore(for: self)
        do {
            try diagnosticsPanic(message: "panic test from Swift")
            XCTFail("diagnosticsPanic returned normally")
        } catch let error as IhanoiError {
            XCTFail("a panic is not a domain error: \(error)")
        } catch {
            // uniffi's internal "rustPanic" error; it carries the panic message.
            XCTAssertTrue(
                String(describing: error).contains("panic test from Swift"),
                "\(type(of: error)): \(error)")
        }
        // The library is still usable afterwards.
        XCTAssertFalse(coreVersion().isEmpty)
        XCTAssertEqual(try core.createDraft().state, .draft)
    }
}
