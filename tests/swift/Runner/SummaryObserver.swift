// Ends the run with one plain line, `N passed, N failed`, the same line every harness in this
// repository prints, so the README's test command (and people) can read any of them alike.
// XCTest's own report stays above it; XCTMain sets the exit status (non-zero on any failure).
import XCTest

final class SummaryObserver: NSObject, XCTestObservation, @unchecked Sendable {
    private var passed = 0
    private var failed = 0
    private var skipped = 0

    func testCaseDidFinish(_ testCase: XCTestCase) {
        guard let run = testCase.testRun else { return }
        if run.hasBeenSkipped {
            skipped += 1
        } else if run.hasSucceeded {
            passed += 1
        } else {
            failed += 1
        }
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        if skipped > 0 {
            print("\(skipped) skipped")
        }
        let nothingRan = passed + failed == 0
        if nothingRan {
            print("no test ran")
        }
        print("\(passed) passed, \(failed) failed")
        if nothingRan {
            // A filter that matches nothing, or discovery that found nothing, is not a pass.
            exit(1)
        }
    }
}
