// The core calls the shell's SecretStore (the Keychain on iOS); here a Swift implementation
// proves the foreign-trait path both ways: values in, errors out, from any thread.
import Dispatch
import Foundation
import IhanoiCore
import XCTest

final class SecretStoreTests: XCTestCase {
    private let accessTokenKey = "vn.ihanoi.access_token"

    func testCoreAsksTheSwiftStoreForTheAccessToken() throws {
        let secrets = MemorySecretStore()
        let core = try openCore(for: self, secrets: secrets)

        XCTAssertFalse(try core.hasAccessToken())
        XCTAssertEqual(secrets.calls.last, .get(accessTokenKey))

        secrets.preset(accessTokenKey, "token-from-swift")
        XCTAssertTrue(try core.hasAccessToken())
        XCTAssertEqual(secrets.calls.last, .get(accessTokenKey))
    }

    func testSwiftStoreFailureIsASecretStoreError() throws {
        let secrets = MemorySecretStore()
        let core = try openCore(for: self, secrets: secrets)

        secrets.failWith("keychain locked")
        guard case .SecretStore(_, let message)? = expectIhanoiError({ try core.hasAccessToken() }) else {
            return XCTFail("expected IhanoiError.SecretStore")
        }
        XCTAssertTrue(message.contains("keychain locked"), message)

        secrets.failWith(nil)
        XCTAssertFalse(try core.hasAccessToken(), "recovers once the store does")
    }

    func testStoreIsCalledSafelyFromManyThreads() throws {
        let secrets = MemorySecretStore()
        secrets.preset(accessTokenKey, "t")
        let core = try openCore(for: self, secrets: secrets)
        let callsBefore = secrets.calls.count

        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: 64) { _ in
            answers.record((try? core.hasAccessToken()) ?? false)
        }

        XCTAssertEqual(answers.trueCount, 64)
        XCTAssertEqual(secrets.calls.count - callsBefore, 64)
    }
}

/// Thread-safe tally for the concurrency test.
private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    func record(_ answer: Bool) {
        lock.withLock { if answer { count += 1 } }
    }

    var trueCount: Int {
        lock.withLock { count }
    }
}
