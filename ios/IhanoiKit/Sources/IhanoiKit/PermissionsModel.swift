import IhanoiCore
import Observation

/// The permissions the app asks for, each at the moment it is needed: the camera when the
/// resident taps "take a photo", the position when they tap "use my position", notifications
/// once their first report is in the outbox (there is something to hear about). Choosing a photo
/// needs none: the system's photo picker runs outside the app.
public enum AppPermission: String, CaseIterable, Identifiable, Sendable {
    case camera
    case location
    case notifications

    public var id: String { rawValue }
}

extension AppPermission {
    /// Info.plist's key for the reason iOS shows in its own prompt (notifications have none).
    public var usageDescriptionKey: String? {
        switch self {
        case .camera: "NSCameraUsageDescription"
        case .location: "NSLocationWhenInUseUsageDescription"
        case .notifications: nil
        }
    }

    /// Why the app asks, as its reason sheet says it (and, where there is one, the system prompt).
    public var reason: Phrase { Strings.permissionReason(self) }
}

/// What the system says about a permission, and the one prompt it shows (AVCaptureDevice,
/// CLLocationManager, UNUserNotificationCenter in the app).
public protocol PermissionService: Sendable {
    func state(of permission: AppPermission) async -> PermissionState
    /// Shows the system's prompt; what the resident answered.
    func request(_ permission: AppPermission) async -> PermissionState
}

/// Which permission is being explained and how the resident answered our reason.
public enum PermissionAnswer: Sendable {
    case allow
    case notNow
}

/// Asks for one permission at a time, in context: first the app's own reason (a sheet: why, in
/// the resident's language, "Allow" / "Not now"), then, only if the resident agrees, the system's
/// prompt, which iOS shows once per permission. A permission that was refused is never prompted
/// again; the screen says how to turn it on in Settings. While one reason is on screen any other
/// ask is answered "no" at once: never two prompts together. "Not now" to notifications is
/// remembered, so queuing the next report does not ask again.
@MainActor
@Observable
public final class PermissionsModel {
    let services: PlatformServices
    var language: DisplayLanguage = .vi
    /// The reason on screen (the view shows it as a sheet), nil when none.
    public private(set) var asking: AppPermission?
    /// A permission the resident refused earlier and just needed again: what to do about it.
    public private(set) var refused: AppPermission?
    @ObservationIgnored private var answer: CheckedContinuation<PermissionAnswer, Never>?

    static func declinedKey(_ permission: AppPermission) -> String { "permission_not_now_\(permission.rawValue)" }

    init(services: PlatformServices) {
        self.services = services
    }

    private var service: PermissionService { services.permissions }

    // MARK: What the reason sheet and the refusal note show

    public var title: String? { asking.map { Strings.permissionTitle($0)(language) } }
    public var reason: String? { asking.map { Strings.permissionReason($0)(language) } }
    public var allowTitle: String { Strings.allowPermission(language) }
    public var notNowTitle: String { Strings.notNow(language) }
    /// "The camera is off for iHaNoi. Turn it on in Settings › iHaNoi." and what works without it.
    public var refusedText: String? { refused.map { Strings.permissionRefused($0)(language) } }
    public var openSettingsTitle: String { Strings.openSettings(language) }
    public var closeTitle: String { Strings.close(language) }

    // MARK: What a tap does

    /// True when `permission` is granted (asking first, with the reason, if it never was).
    /// False when refused or when another permission is being asked right now.
    public func ensure(_ permission: AppPermission) async -> Bool {
        switch await service.state(of: permission) {
        case .granted, .limited:
            refused = nil
            return true
        case .denied:
            refused = permission
            return false
        case .notAsked:
            return await explainThenPrompt(permission)
        }
    }

    /// Asks for `permission` (without waiting for the answer) if it was never asked and the
    /// resident did not say "not now" to it before; what the app does stays the same either way.
    /// False when it will not be asked because of that "not now".
    @discardableResult
    public func offer(_ permission: AppPermission) -> Bool {
        guard services.preferences.string(Self.declinedKey(permission)) == nil else { return false }
        let service = self.service
        Task {
            guard await service.state(of: permission) == .notAsked else { return }
            _ = await self.explainThenPrompt(permission)
        }
        return true
    }

    /// The resident's answer to the reason on screen.
    public func answer(_ answer: PermissionAnswer) {
        let waiting = self.answer
        self.answer = nil
        waiting?.resume(returning: answer)
    }

    public func dismissRefusal() {
        refused = nil
    }

    private func explainThenPrompt(_ permission: AppPermission) async -> Bool {
        guard asking == nil else { return false }
        asking = permission
        refused = nil
        let answer = await withCheckedContinuation { self.answer = $0 }
        asking = nil
        guard answer == .allow else {
            services.preferences.set(Self.declinedKey(permission), "1")
            return false
        }
        let state = await service.request(permission)
        if state == .denied { refused = permission }
        return state == .granted || state == .limited
    }
}
