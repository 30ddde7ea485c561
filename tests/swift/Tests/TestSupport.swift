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

/// Attaches `photo` to the draft through the async API, with a fresh cancel token.
func attach(_ photo: URL, to reportId: String, on core: IhanoiCore, source: PhotoSource = .camera)
    async throws -> Photo
{
    try core.setPhotoInputDirs(dirs: [photo.deletingLastPathComponent().path])
    return try await core.attachPhoto(
        reportId: reportId, path: photo.path, source: source, options: defaultCompressOptions(),
        cancel: PhotoCancelToken())
}
