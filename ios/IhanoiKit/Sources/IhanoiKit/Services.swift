import Foundation
import IhanoiCore

// The platform services the models use, one protocol each. The app implements them over
// Apple's frameworks (ios/App/Adapters); IhanoiKitTestSupport implements them for Linux tests.
// The secure store is the core's own `SecretStore` protocol (the Keychain in the app).

/// The phone's position as the core wants it: accuracy, age and whether it was simulated.
public protocol LocationProvider: Sendable {
    /// A fresh fix, or nil when there is none (no permission, services off, timed out).
    func currentFix() async -> LocationFix?
}

/// What the app tells the resident while it is not on screen.
public struct AppNotification: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// The city answered a report: opening it shows that report.
        case reply(reportId: String)
        /// A new alert from the city.
        case alert(alertId: String)
    }

    public let kind: Kind
    public let title: String
    public let body: String

    public init(kind: Kind, title: String, body: String) {
        self.kind = kind
        self.title = title
        self.body = body
    }

    /// What the notification carries for its tap (`UNNotificationContent.userInfo`): the report's
    /// or the alert's id, read back by `AppModel.openNotification(userInfo:)`.
    public var userInfo: [String: String] {
        switch kind {
        case .reply(let reportId): [Self.reportIdKey: reportId]
        case .alert(let alertId): [Self.alertIdKey: alertId]
        }
    }

    static let reportIdKey = "reportId"
    static let alertIdKey = "alertId"
}

extension AppNotification.Kind {
    /// The kind a tapped notification's `userInfo` names; nil for anything else.
    init?(userInfo: [AnyHashable: Any]) {
        if let reportId = userInfo[AppNotification.reportIdKey] as? String {
            self = .reply(reportId: reportId)
        } else if let alertId = userInfo[AppNotification.alertIdKey] as? String {
            self = .alert(alertId: alertId)
        } else {
            return nil
        }
    }
}

public protocol Notifier: Sendable {
    func post(_ notification: AppNotification) async
}

/// Background work the app asks the system for; each run calls `AppModel.runInBackground()`.
public enum BackgroundRequest: Equatable, Sendable {
    /// Send the outbox (a processing task that needs the network), not before this time.
    case send(notBefore: Date)
    /// Pull what the city did (an app refresh task), not before this time.
    case pull(notBefore: Date)
}

public protocol BackgroundScheduler: Sendable {
    func schedule(_ request: BackgroundRequest)
}

/// The network the phone is on now (the sync decides whether photos go on cellular).
public protocol NetworkMonitor: Sendable {
    var current: NetworkType { get }
}

/// What the shell remembers of the platform itself (UserDefaults in the app): which permission the
/// resident answered "not now" to. The app's settings are the core's preferences, not kept here.
public protocol PreferencesStore: Sendable {
    func string(_ key: String) -> String?
    func set(_ key: String, _ value: String?)
}

/// What only the phone can tell the device check (permissions, camera, storage, OS).
public protocol DeviceFactsProvider: Sendable {
    func facts() async -> DeviceFacts
}

/// Every platform service the models need, handed to `AppModel` once.
public struct PlatformServices: Sendable {
    public let location: LocationProvider
    public let notifier: Notifier
    public let scheduler: BackgroundScheduler
    public let network: NetworkMonitor
    public let preferences: PreferencesStore
    public let deviceFacts: DeviceFactsProvider
    public let permissions: PermissionService

    public init(
        location: LocationProvider, notifier: Notifier, scheduler: BackgroundScheduler,
        network: NetworkMonitor, preferences: PreferencesStore, deviceFacts: DeviceFactsProvider,
        permissions: PermissionService
    ) {
        self.location = location
        self.notifier = notifier
        self.scheduler = scheduler
        self.network = network
        self.preferences = preferences
        self.deviceFacts = deviceFacts
        self.permissions = permissions
    }
}
