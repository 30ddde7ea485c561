import CoreLocation
import IhanoiCore
import IhanoiKit

/// One fix from CoreLocation as the core wants it: accuracy, age, and the simulated flag
/// (`sourceInformation.isSimulatedBySoftware`, iOS 15+) as the mock flag the core distrusts.
final class CoreLocationProvider: NSObject, LocationProvider, CLLocationManagerDelegate, @unchecked Sendable {
    private let manager = CLLocationManager()
    private var waiting: [CheckedContinuation<LocationFix?, Never>] = []

    override init() {
        super.init()
        manager.delegate = self
        manager.desiredAccuracy = kCLLocationAccuracyBest
    }

    @MainActor
    func currentFix() async -> LocationFix? {
        guard CLLocationManager.locationServicesEnabled() else { return nil }
        if manager.authorizationStatus == .notDetermined {
            manager.requestWhenInUseAuthorization()
        }
        return await withCheckedContinuation { continuation in
            waiting.append(continuation)
            manager.requestLocation()
        }
    }

    func locationManager(_ manager: CLLocationManager, didUpdateLocations locations: [CLLocation]) {
        finish(locations.last.map(Self.fix))
    }

    func locationManager(_ manager: CLLocationManager, didFailWithError error: Error) {
        finish(nil)
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
