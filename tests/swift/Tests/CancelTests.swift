// One rule for long work, seen from Swift: cancelling the `Task` that awaits a call (bridged to
// its `TaskHandle` by `withTaskHandle`) stops it, and the store stays consistent. Against the
// reference city server over loopback for sync and pull; a real phone photo for attach.
import Foundation
import IhanoiCore
import XCTest

/// Holds the sync at its start until the test has cancelled, so the cancel lands mid-run.
final class HoldAtStart: SyncListener, @unchecked Sendable {
    private let lock = NSLock()
    private var sawStart = false
    private let gate = DispatchSemaphore(value: 0)

    var started: Bool { lock.withLock { sawStart } }

    func release() { gate.signal() }

    func onEvent(event: SyncEvent) {
        if case .started = event {
            lock.withLock { sawStart = true }
            _ = gate.wait(timeout: .now() + 30)
        }
    }
}

final class CancelTests: XCTestCase {
    private let wifi = SyncOptions(network: .wifi, photosOnlyOnWifi: false)

    private func signedInWithQueuedReport() async throws -> (IhanoiCore, String) {
        let city = try ReferenceCity.fromEnvironment()
        let core = try openCore(for: self)
        try core.configureCity(config: city.config)
        let sent = try await core.requestSignInCode(phone: "0912345678")
        _ = try await core.signIn(phone: sent.phone, code: try city.signInCode(phone: sent.phone), task: TaskHandle())
        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "ve_sinh_moi_truong"))
        _ = try core.updateDraft(id: id, field: .description(text: "Đèn đường hỏng trước số 9, tối om"))
        _ = try await attach(try sharedFile("photos", "iphone4s-gps-small.jpg"), to: id, on: core)
        _ = try core.setReportLocation(
            id: id,
            fix: LocationFix(
                lat: 21.0287, lon: 105.8524, accuracyM: 8, timeMs: Int64(Date().timeIntervalSince1970 * 1000),
                source: .deviceGps, mocked: false))
        _ = try core.queueReport(id: id)
        return (core, id)
    }

    func testCancellingTheTaskStopsASyncAndTheReportStaysQueued() async throws {
        let (core, id) = try await signedInWithQueuedReport()
        let listener = HoldAtStart()
        let options = wifi
        let sync = Task {
            try await withTaskHandle { handle in
                try await core.sync(options: options, listener: listener, task: handle)
            }
        }
        while !listener.started {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        sync.cancel()
        listener.release()
        let summary = try await sync.value
        XCTAssertTrue(summary.cancelled)
        XCTAssertEqual(summary.sent, 0)
        XCTAssertEqual(try core.report(id: id).state, .queued)

        let again = try await core.sync(options: wifi, listener: RecordingSyncListener(), task: TaskHandle())
        XCTAssertEqual(again.sent, 1, "still queued, then sent once")
    }

    func testCancellingTheTaskStopsAnAttachAndLeavesNoPhoto() async throws {
        let core = try openCore(for: self)
        let draft = try core.createDraft()
        let photo = try realPhonePhoto()
        try core.setPhotoInputDirs(dirs: [photo.deletingLastPathComponent().path])
        let attach = Task {
            try await withTaskHandle { handle in
                try await core.attachPhoto(
                    reportId: draft.id, path: photo.path, source: .camera, options: defaultCompressOptions(),
                    task: handle)
            }
        }
        attach.cancel()
        do {
            _ = try await attach.value
            XCTFail("a 12 MP photo is not compressed before its Task is cancelled")
        } catch let error as IhanoiError {
            XCTAssertEqual(error.kind(), .cancelled)
        }
        XCTAssertEqual(try core.photos(reportId: draft.id), [])
    }

    func testCancellingTheTaskStopsAPullAndAnAreasImport() async throws {
        let city = try ReferenceCity.fromEnvironment()
        let core = try openCore(for: self)
        try core.configureCity(config: city.config)
        let pull = Task { try await withTaskHandle { handle in try await core.pull(task: handle) } }
        pull.cancel()
        let pulled = try await pull.value
        XCTAssertTrue(pulled.cancelled)

        let areas = try sharedFile("geo", "hanoi_wards_2025.geojson").path
        let importing = Task {
            try await withTaskHandle { handle in
                try await core.importAreasFile(path: areas, version: "2025-07-01", task: handle)
            }
        }
        importing.cancel()
        do {
            _ = try await importing.value
            XCTFail("the import was cancelled")
        } catch IhanoiError.Cancelled {
        }
        // Nothing was imported: the set in use is still the one the app ships.
        XCTAssertTrue(try XCTUnwrap(try core.areaSetInfo()).builtIn)
    }
}
