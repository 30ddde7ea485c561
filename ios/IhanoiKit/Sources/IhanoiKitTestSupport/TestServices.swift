import Foundation
import IhanoiCore
import IhanoiKit

// The platform services for tests on Linux: in memory, fixed, or recording what the app asked.

/// The core's secure store in memory (the app's is the Keychain).
public final class MemorySecretStore: SecretStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    public init() {}

    public var keys: [String] { lock.withLock { Array(values.keys) } }

    public func get(key: String) throws -> String? { lock.withLock { values[key] } }
    public func set(key: String, value: String) throws { lock.withLock { values[key] = value } }
    public func delete(key: String) throws { lock.withLock { values[key] = nil } }
}

/// A phone whose position is what the test says (nil: no fix).
public final class FixedLocation: LocationProvider, @unchecked Sendable {
    private let lock = NSLock()
    private var fix: LocationFix?

    public init(_ fix: LocationFix? = nil) { self.fix = fix }

    public func set(_ fix: LocationFix?) { lock.withLock { self.fix = fix } }
    public func currentFix() async -> LocationFix? { lock.withLock { fix } }
}

/// Records every notification the app asked for.
public final class RecordingNotifier: Notifier, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [AppNotification] = []

    public init() {}

    public var posted: [AppNotification] { lock.withLock { recorded } }
    public func post(_ notification: AppNotification) async { lock.withLock { recorded.append(notification) } }
}

/// Records every background run the app asked for.
public final class RecordingScheduler: BackgroundScheduler, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [BackgroundRequest] = []

    public init() {}

    public var requests: [BackgroundRequest] { lock.withLock { recorded } }
    public func schedule(_ request: BackgroundRequest) { lock.withLock { recorded.append(request) } }
}

/// A network the test switches.
public final class SwitchableNetwork: NetworkMonitor, @unchecked Sendable {
    private let lock = NSLock()
    private var network: NetworkType

    public init(_ network: NetworkType = .wifi) { self.network = network }

    public var current: NetworkType {
        get { lock.withLock { network } }
        set { lock.withLock { network = newValue } }
    }
}

public final class MemoryPreferences: PreferencesStore, @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String: String] = [:]

    public init() {}

    public func string(_ key: String) -> String? { lock.withLock { values[key] } }
    public func set(_ key: String, _ value: String?) { lock.withLock { values[key] = value } }
}

/// A phone with every permission granted, on Wi-Fi, with room to spare.
public struct FixedDeviceFacts: DeviceFactsProvider {
    public let value: DeviceFacts

    public init(
        _ value: DeviceFacts = DeviceFacts(
            cameraPresent: true, cameraPermission: .granted, locationServicesOn: true,
            locationPermission: .granted, notificationPermission: .granted, network: .wifi,
            freeStorageBytes: 8_000_000_000, os: OsFact(platform: .ios, version: "18.2"))
    ) {
        self.value = value
    }

    public func facts() async -> DeviceFacts { value }
}

/// The system's side of permissions: each starts as the test says (never asked by default), a
/// prompt answers what the test set with `answerPrompts`, and every prompt shown is recorded.
public final class ScriptedPermissions: PermissionService, @unchecked Sendable {
    private let lock = NSLock()
    private var states: [AppPermission: PermissionState] = [:]
    private var promptAnswer: PermissionState = .granted
    private var shown: [AppPermission] = []

    public init() {}

    /// The system prompts shown so far, in order.
    public var prompts: [AppPermission] { lock.withLock { shown } }
    public func set(_ permission: AppPermission, _ state: PermissionState) {
        lock.withLock { states[permission] = state }
    }
    public func answerPrompts(_ state: PermissionState) { lock.withLock { promptAnswer = state } }

    public func state(of permission: AppPermission) async -> PermissionState {
        lock.withLock { states[permission] ?? .notAsked }
    }

    public func request(_ permission: AppPermission) async -> PermissionState {
        lock.withLock {
            shown.append(permission)
            // The system prompts once: after that its answer is the state.
            let state = states[permission] ?? .notAsked
            guard state == .notAsked else { return state }
            states[permission] = promptAnswer
            return promptAnswer
        }
    }
}

/// Every test service, kept so a test can look at what the app did with them.
public struct TestServices {
    public let secrets = MemorySecretStore()
    public let location = FixedLocation()
    public let notifier = RecordingNotifier()
    public let scheduler = RecordingScheduler()
    public let network = SwitchableNetwork()
    public let preferences = MemoryPreferences()
    public let deviceFacts = FixedDeviceFacts()
    public let permissions = ScriptedPermissions()

    public init() {}

    public var platform: PlatformServices {
        PlatformServices(
            location: location, notifier: notifier, scheduler: scheduler, network: network,
            preferences: preferences, deviceFacts: deviceFacts, permissions: permissions)
    }
}
