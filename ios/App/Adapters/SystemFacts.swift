import AVFoundation
import CoreLocation
import Foundation
import IhanoiCore
import IhanoiKit
import UIKit
import UserNotifications

/// UserDefaults behind the models' `PreferencesStore`.
struct DefaultsPreferences: PreferencesStore {
    func string(_ key: String) -> String? { UserDefaults.standard.string(forKey: key) }
    func set(_ key: String, _ value: String?) { UserDefaults.standard.set(value, forKey: key) }
}

/// What only the phone knows, for the core's device check.
struct SystemDeviceFacts: DeviceFactsProvider {
    let network: PathMonitor

    /// On the main actor: UIKit's device and camera checks are main-actor API.
    @MainActor
    func facts() async -> DeviceFacts {
        let notifications = await UNUserNotificationCenter.current().notificationSettings().authorizationStatus
        let free = try? URL(fileURLWithPath: NSHomeDirectory())
            .resourceValues(forKeys: [.volumeAvailableCapacityForImportantUsageKey])
            .volumeAvailableCapacityForImportantUsage
        let version = UIDevice.current.systemVersion
        return DeviceFacts(
            cameraPresent: UIImagePickerController.isSourceTypeAvailable(.camera),
            cameraPermission: Self.camera(AVCaptureDevice.authorizationStatus(for: .video)),
            locationServicesOn: CLLocationManager.locationServicesEnabled(),
            locationPermission: Self.location(CLLocationManager().authorizationStatus),
            notificationPermission: Self.notifications(notifications),
            network: Self.network(network.current), freeStorageBytes: free.map { UInt64(max(0, $0)) },
            os: OsFact(platform: .ios, version: version))
    }

    private static func camera(_ status: AVAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized: .granted
        case .notDetermined: .notAsked
        default: .denied
        }
    }

    private static func location(_ status: CLAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorizedAlways, .authorizedWhenInUse: .granted
        case .notDetermined: .notAsked
        default: .denied
        }
    }

    private static func notifications(_ status: UNAuthorizationStatus) -> PermissionState {
        switch status {
        case .authorized: .granted
        case .provisional, .ephemeral: .limited
        case .notDetermined: .notAsked
        default: .denied
        }
    }

    private static func network(_ type: NetworkType) -> NetworkFact {
        switch type {
        case .wifi: .wifi
        case .cellular: .cellular
        case .unknown: .offline
        }
    }
}
