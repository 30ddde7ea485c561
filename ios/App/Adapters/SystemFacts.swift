import CoreLocation
import Foundation
import IhanoiCore
import IhanoiKit
import UIKit

/// UserDefaults behind `PreferencesStore` (the permissions the resident declined for now).
struct DefaultsPreferences: PreferencesStore {
    func string(_ key: String) -> String? { UserDefaults.standard.string(forKey: key) }
    func set(_ key: String, _ value: String?) { UserDefaults.standard.set(value, forKey: key) }
}

/// What only the phone knows, for the core's device check. Permission states come from the
/// same adapter that asks for them.
@MainActor
struct SystemDeviceFacts: DeviceFactsProvider {
    let network: PathMonitor
    let permissions: SystemPermissions

    /// On the main actor: UIKit's device and camera checks are main-actor API.
    func facts() async -> DeviceFacts {
        let free = try? URL(fileURLWithPath: NSHomeDirectory())
            .resourceValues(forKeys: [.volumeAvailableCapacityForImportantUsageKey])
            .volumeAvailableCapacityForImportantUsage
        return DeviceFacts(
            cameraPresent: UIImagePickerController.isSourceTypeAvailable(.camera),
            cameraPermission: await permissions.state(of: .camera),
            locationServicesOn: CLLocationManager.locationServicesEnabled(),
            locationPermission: await permissions.state(of: .location),
            notificationPermission: await permissions.state(of: .notifications),
            network: Self.network(network.current), freeStorageBytes: free.map { UInt64(max(0, $0)) },
            os: OsFact(platform: .ios, version: UIDevice.current.systemVersion))
    }

    private static func network(_ type: NetworkType) -> NetworkFact {
        switch type {
        case .wifi: .wifi
        case .cellular: .cellular
        case .unknown: .offline
        }
    }
}
