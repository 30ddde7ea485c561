import IhanoiCore
import IhanoiKit
import SwiftUI
import UserNotifications

/// The app's entry: opens the core on the app's private folder with the Keychain store, points it
/// at the city named in Info.plist, wires the platform adapters, and shows the root view.
@main
struct IhanoiApp: App {
    @State private var model: AppModel?
    @State private var failure: String?
    @Environment(\.scenePhase) private var scenePhase

    init() {
        SystemBackgroundScheduler.register { AppLaunch.shared.model }
        UNUserNotificationCenter.current().delegate = NotificationTaps.shared
    }

    var body: some Scene {
        WindowGroup {
            Group {
                if let model {
                    RootView(app: model)
                } else if let failure {
                    Text(failure).padding()
                } else {
                    ProgressView()
                }
            }
            .task {
                do {
                    model = try AppLaunch.shared.start()
                } catch {
                    failure = String(describing: error)
                }
            }
        }
        .onChange(of: scenePhase) { _, phase in
            if phase == .active { Task { try? await model?.runInBackground() } }
        }
    }
}

/// The one core and model of the process (background tasks reach them too).
@MainActor
final class AppLaunch {
    static let shared = AppLaunch()
    private(set) var model: AppModel?
    private let network = PathMonitor()

    func start() throws -> AppModel {
        if let model { return model }
        let support = try FileManager.default.url(
            for: .applicationSupportDirectory, in: .userDomainMask, appropriateFor: nil, create: true)
        let core = try IhanoiCore.open(
            dataDir: support.appendingPathComponent("core").path, secrets: KeychainSecretStore())
        let info = Bundle.main.infoDictionary ?? [:]
        try core.configureCity(
            config: CityConfig(
                baseUrl: info["IhanoiCityURL"] as? String ?? "", apiKey: info["IhanoiAPIKey"] as? String ?? "",
                extraRootsPem: nil))
        try core.setPhotoInputDirs(dirs: [PhotoFiles.inbox.path])
        try installLogSink(sink: OSLogSink(), maxLevel: .info)
        let permissions = SystemPermissions()
        let services = PlatformServices(
            location: CoreLocationProvider(), notifier: UserNotifier(), scheduler: SystemBackgroundScheduler(),
            network: network, preferences: DefaultsPreferences(),
            deviceFacts: SystemDeviceFacts(network: network, permissions: permissions), permissions: permissions)
        let model = AppModel(
            core: core, services: services, systemLanguageTag: Locale.preferredLanguages.first ?? "vi")
        try model.start()
        network.start { Task { @MainActor in model.nudgeOutbox() } }
        self.model = model
        return model
    }

    /// A tapped notification: the model routes it (the app is started first if the tap launched it).
    func openNotification(userInfo: [String: String]) {
        guard let model = try? start() else { return }
        model.openNotification(userInfo: userInfo)
    }
}
