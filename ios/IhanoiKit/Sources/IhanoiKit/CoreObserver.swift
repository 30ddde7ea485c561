import Foundation
import IhanoiCore

/// What the core's observers said, handed to the main actor.
enum CoreEvent: Sendable {
    case reports(ReportListUpdate)
    case counts(BadgeCounts)
    case activity(SyncActivity)
}

/// The core's listeners for one `AppModel`. The core calls them on its own threads; each call
/// is numbered there, in the order the core made it, and handed to the main actor, where a
/// value older than one already applied is dropped (main-actor tasks need not run in the order
/// they were created).
final class CoreObserver: ReportsListener, CountsListener, SyncActivityListener, @unchecked Sendable {
    private let lock = NSLock()
    private var sequence: UInt64 = 0
    private let deliver: @MainActor @Sendable (CoreEvent, UInt64) -> Void

    init(deliver: @escaping @MainActor @Sendable (CoreEvent, UInt64) -> Void) {
        self.deliver = deliver
    }

    private func hand(_ event: CoreEvent) {
        let number = lock.withLock {
            sequence += 1
            return sequence
        }
        let deliver = self.deliver
        Task { @MainActor in deliver(event, number) }
    }

    func onReportsChanged(update: ReportListUpdate) { hand(.reports(update)) }
    func onCountsChanged(counts: BadgeCounts) { hand(.counts(counts)) }
    func onSyncActivity(activity: SyncActivity) { hand(.activity(activity)) }
}

/// A sync listener that only forwards nothing: the screens follow the sync through
/// `observeSyncActivity`, so the background run needs no per-event handling.
final class QuietSyncListener: SyncListener, @unchecked Sendable {
    func onEvent(event: SyncEvent) {}
}
