// Shared helpers for the Swift tests: a real data directory per test and a Swift SecretStore.
import Foundation
import IhanoiCore
import XCTest

/// A Swift implementation of the core's `SecretStore` foreign trait, in memory.
///
/// The core may call it from any thread, so it must be `Sendable`: state behind a lock. It records
/// every call so tests can check the core really reached the Swift side, and can be told to fail.
final class MemorySecretStore: SecretStore, @unchecked Sendable {
    enum Call: Equatable {
        case get(String)
        case set(String, String)
        case delete(String)
    }

    private let lock = NSLock()
    private var values: [String: String] = [:]
    private var recorded: [Call] = []
    private var failure: String?

    var calls: [Call] {
        lock.withLock { recorded }
    }

    /// Every later call throws `SecretStoreError.Failed(message)`; nil heals the store.
    func failWith(_ message: String?) {
        lock.withLock { failure = message }
    }

    func preset(_ key: String, _ value: String) {
        lock.withLock { values[key] = value }
    }

    func get(key: String) throws -> String? {
        try lock.withLock {
            recorded.append(.get(key))
            if let failure { throw SecretStoreError.Failed(detail: failure) }
            return values[key]
        }
    }

    func set(key: String, value: String) throws {
        try lock.withLock {
            recorded.append(.set(key, value))
            if let failure { throw SecretStoreError.Failed(detail: failure) }
            values[key] = value
        }
    }

    func delete(key: String) throws {
        try lock.withLock {
            recorded.append(.delete(key))
            if let failure { throw SecretStoreError.Failed(detail: failure) }
            values[key] = nil
        }
    }
}

/// A fresh, empty data directory (real files, real SQLite) removed when the test ends.
func makeDataDirectory(for testCase: XCTestCase) throws -> URL {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("ihanoi-swift-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    testCase.addTeardownBlock {
        try? FileManager.default.removeItem(at: directory)
    }
    return directory
}

/// Opens the real core on a fresh data directory.
func openCore(
    for testCase: XCTestCase,
    secrets: MemorySecretStore = MemorySecretStore()
) throws -> IhanoiCore {
    let directory = try makeDataDirectory(for: testCase)
    return try IhanoiCore.open(dataDir: directory.path, secrets: secrets)
}

/// Runs `body`, which must throw an `IhanoiError`, and returns that error (fails otherwise).
func expectIhanoiError<T>(
    _ body: () throws -> T,
    file: StaticString = #filePath,
    line: UInt = #line
) -> IhanoiError? {
    do {
        let value = try body()
        XCTFail("expected an IhanoiError, got \(value)", file: file, line: line)
    } catch let error as IhanoiError {
        return error
    } catch {
        XCTFail("expected an IhanoiError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

/// A file of the project's shared test data (real photos, the real ward boundaries). run.sh copies
/// the files the tests use into the chroot and passes their folder as `IHANOI_SHARED`.
func sharedFile(
    _ folder: String,
    _ name: String,
    file: StaticString = #filePath,
    line: UInt = #line
) throws -> URL {
    guard let root = ProcessInfo.processInfo.environment["IHANOI_SHARED"] else {
        XCTFail("IHANOI_SHARED is not set: run the tests with tests/swift/run.sh", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
    let url = URL(fileURLWithPath: root).appendingPathComponent(folder).appendingPathComponent(name)
    guard FileManager.default.fileExists(atPath: url.path) else {
        XCTFail("missing test data \(url.path) (does run.sh copy it?)", file: file, line: line)
        throw CocoaError(.fileNoSuchFile)
    }
    return url
}

/// The real phone photo the Swift tests attach: 4000×3000, EXIF orientation 6, GPS in Hanoi.
func realPhonePhoto() throws -> URL {
    try sharedFile("photos", "phone-12mp-rot6-hanoi.jpg")
}

/// Attaches `photo` to the draft through the async API, with a fresh task handle.
func attach(_ photo: URL, to reportId: String, on core: IhanoiCore, source: PhotoSource = .camera)
    async throws -> Photo
{
    try core.setPhotoInputDirs(dirs: [photo.deletingLastPathComponent().path])
    return try await core.attachPhoto(
        reportId: reportId, path: photo.path, source: source, options: defaultCompressOptions(),
        task: TaskHandle())
}

/// Runs `body` with a fresh `TaskHandle` that is cancelled when the calling Swift `Task` is.
/// uniffi's Swift futures keep waiting when their Task is cancelled (they do not drop the Rust
/// future), so this is how an iOS shell ties the two: cancelling the Task cancels the handle,
/// and the core stops the work.
func withTaskHandle<T>(_ body: (TaskHandle) async throws -> T) async throws -> T {
    let handle = TaskHandle()
    return try await withTaskCancellationHandler {
        try await body(handle)
    } onCancel: {
        handle.cancel()
    }
}

/// The core's log lines as the iOS shell's sink receives them (the app routes them to
/// `os_log`). The sink is process-wide and installed once: every test shares this one.
final class LogCapture: LogSink, @unchecked Sendable {
    struct Line {
        let level: LogLevel
        let target: String
        let message: String
    }

    static let shared = LogCapture()
    private static let installed: Void = {
        try! installLogSink(sink: shared, maxLevel: .trace)
    }()

    private let lock = NSLock()
    private var recorded: [Line] = []

    var lines: [Line] {
        lock.withLock { recorded }
    }

    func install() {
        _ = Self.installed
    }

    func log(level: LogLevel, target: String, message: String) {
        lock.withLock { recorded.append(Line(level: level, target: target, message: message)) }
    }
}

/// Observers as a screen registers them: they only record what the core says (on a core
/// thread, so `Sendable` with the state behind a lock).
final class RecordingObservers: ReportsListener, CountsListener, SyncActivityListener,
    @unchecked Sendable
{
    private let lock = NSLock()
    private var reportUpdates: [ReportListUpdate] = []
    private var countUpdates: [BadgeCounts] = []
    private var activityUpdates: [SyncActivity] = []

    var reports: [ReportListUpdate] { lock.withLock { reportUpdates } }
    var counts: [BadgeCounts] { lock.withLock { countUpdates } }
    var activity: [SyncActivity] { lock.withLock { activityUpdates } }

    func onReportsChanged(update: ReportListUpdate) {
        lock.withLock { reportUpdates.append(update) }
    }

    func onCountsChanged(counts: BadgeCounts) {
        lock.withLock { countUpdates.append(counts) }
    }

    func onSyncActivity(activity: SyncActivity) {
        lock.withLock { activityUpdates.append(activity) }
    }
}
