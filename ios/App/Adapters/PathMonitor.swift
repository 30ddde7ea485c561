import Foundation
import IhanoiCore
import IhanoiKit
import Network
import os

/// NWPathMonitor behind the models' `NetworkMonitor`; when the phone comes back online it
/// nudges the outbox. The path arrives on the monitor's queue and is read from the main actor
/// and the core's threads: the value sits behind a lock. (`@unchecked`: NWPathMonitor is not
/// marked Sendable; it is only started once, and `current` reads the lock only.)
final class PathMonitor: NetworkMonitor, @unchecked Sendable {
    private let monitor = NWPathMonitor()
    private let state = OSAllocatedUnfairLock<NetworkType>(initialState: .unknown)

    var current: NetworkType { state.withLock { $0 } }

    func start(onlineAgain: @escaping @Sendable () -> Void) {
        monitor.pathUpdateHandler = { [state] path in
            let now: NetworkType
            if path.status != .satisfied {
                now = .unknown
            } else if path.usesInterfaceType(.wifi) || path.usesInterfaceType(.wiredEthernet) {
                now = .wifi
            } else {
                now = .cellular
            }
            let wasOffline = state.withLock { previous in
                defer { previous = now }
                return previous == .unknown
            }
            if wasOffline && now != .unknown { onlineAgain() }
        }
        monitor.start(queue: DispatchQueue(label: "vn.ihanoi.path"))
    }
}
