import CoreLocation
import IhanoiCore
import IhanoiKit

/// One fix from CoreLocation as the core wants it: accuracy, age, and the simulated flag
/// (`sourceInformation.isSimulatedBySoftware`, iOS 15+) as the mock flag the core distrusts.
/// It never prompts: `PermissionsModel` asks first (SystemPermissions); without permission
/// there is no fix and the flow offers the photo's GPS or the pin.
@MainActor
final class CoreLocationProvider: NSObject, LocationProvider, CLLocationManagerDelegate {
    private let manager = CLLocationManager()
    private var waiting: [CheckedContinuation<LocationFix?, Never>] = []

    override init() {
        super.init()
        manager.delegate = self
        manager.desiredAccuracy = kCLLocationAccuracyBest
    }

    func currentFix() async -> LocationFix? {
        switch manager.authorizationStatus {
        case .authorizedAlways, .authorizedWhenInUse: break
        default: return nil
        }
        return await withCheckedContinuation { continuation in
            waiting.append(continuation)
            manager.requestLocation()
        }
    }

    // The manager was made on the main thread, so CoreLocation calls its delegate there.
    nonisolated func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        MainActor.assumeIsolated { finish(locations.last.map(Self.fix)) }
    }

    nonisolated func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {
        MainActor.assumeIsolated { finish(nil) }
    }

    private func finish(_ fix: LocationFix?) {
        let continuations = waiting
        waiting = []
        continuations.forEach { $0.resume(returning: fix) }
    }

    private static func fix(_ location: CLLocation) -> LocationFix {
        LocationFix(
            lat: location.coordinate.latitude, lon: location.coordinate.longitude,
            accuracyM: location.horizontalAccuracy,
            timeMs: Int64(location.timestamp.timeIntervalSince1970 * 1000), source: .deviceGps,
            mocked: location.sourceInformation?.isSimulatedBySoftware ?? false)
    }
}
