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
