import AVFoundation
import CoreLocation
import IhanoiCore
import IhanoiKit
import UserNotifications

/// The system's side of the permissions `PermissionsModel` asks for: the current state and the
/// one prompt iOS shows for each. The reasons in the prompts are Info.plist's usage descriptions
/// (vi.lproj / en.lproj InfoPlist.strings); the app's own reason sheet comes first.
@MainActor
final class SystemPermissions: NSObject, PermissionService, CLLocationManagerDelegate {
    private let locationManager = CLLocationManager()
    private var locationAnswer: CheckedContinuation<PermissionState, Never>?

    override init() {
        super.init()
        locationManager.delegate = self
    }

    func state(of permission: AppPermission) async -> PermissionState {
        switch permission {
        case .camera: Self.camera(AVCaptureDevice.authorizationStatus(for: .video))
        case .location: Self.location(locationManager)
        case .notifications: Self.notifications(await Self.notificationStatus())
        }
    }

    func request(_ permission: AppPermission) async -> PermissionState {
        switch permission {
        case .camera:
            return await AVCaptureDevice.requestAccess(for: .video) ? .granted : .denied
        case .location:
            guard locationManager.authorizationStatus == .notDetermined else { return Self.location(locationManager) }
            return await withCheckedContinuation { continuation in
                locationAnswer = continuation
                locationManager.requestWhenInUseAuthorization()
            }
        case .notifications:
            let granted = await Self.requestNotifications()
            return granted ? .granted : .denied
        }
    }

    /// CoreLocation calls this on the thread that made the manager (the main thread here): once
    /// when the delegate is set, and when the resident answered the prompt.
    nonisolated func locationManagerDidChangeAuthorization(_ manager: CLLocationManager) {
        MainActor.assumeIsolated {
            guard locationManager.authorizationStatus != .notDetermined, let waiting = locationAnswer else { return }
            locationAnswer = nil
            waiting.resume(returning: Self.location(locationManager))
        }
    }

    // UNNotificationSettings is not Sendable: read it off the main actor, hand back the status.
    private nonisolated static func notificationStatus() async -> UNAuthorizationStatus {
        await UNUserNotificationCenter.current().notificationSettings().authorizationStatus
    }

    private nonisolated static func requestNotifications() async -> Bool {
        (try? await UNUserNotificationCenter.current().requestAuthorization(options: [.alert, .badge, .sound])) ?? false
    }

    static func camera(_ status: AVAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized: .granted
        case .notDetermined: .notAsked
        default: .denied
        }
    }

    /// Approximate location only ("Precise: off") is limited: the ward may still be found.
    static func location(_ manager: CLLocationManager) -> PermissionState {
        switch manager.authorizationStatus {
        case .authorizedAlways, .authorizedWhenInUse:
            manager.accuracyAuthorization == .reducedAccuracy ? .limited : .granted
        case .notDetermined: .notAsked
        default: .denied
        }
    }

    static func notifications(_ status: UNAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized: .granted
        case .provisional, .ephemeral: .limited
        case .notDetermined: .notAsked
        default: .denied
        }
    }
}
