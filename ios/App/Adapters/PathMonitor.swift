import IhanoiCore
import IhanoiKit
import Network

/// NWPathMonitor behind the models' `NetworkMonitor`; when the phone comes back online it
/// nudges the outbox.
final class PathMonitor: NetworkMonitor, @unchecked Sendable {
    private let monitor = NWPathMonitor()
    private(set) var current: NetworkType = .unknown

    func start(onlineAgain: @escaping @Sendable () -> Void) {
        monitor.pathUpdateHandler = { [weak self] path in
            guard let self else { return }
            let wasOffline = self.current == .unknown
            if path.status != .satisfied {
                self.current = .unknown
            } else if path.usesInterfaceType(.wifi) || path.usesInterfaceType(.wiredEthernet) {
                self.current = .wifi
            } else {
                self.current = .cellular
            }
            if wasOffline && path.status == .satisfied { onlineAgain() }
        }
        monitor.start(queue: DispatchQueue(label: "vn.ihanoi.path"))
    }
}
