import Observation

/// First run: what the app does, then each permission asked on its own with its reason.
@MainActor
@Observable
public final class OnboardingModel {
    public enum Page: Equatable, Sendable {
        case welcome
        case location
        case notifications
    }

    @ObservationIgnored private unowned let app: AppModel
    public private(set) var page: Page = .welcome

    init(app: AppModel) {
        self.app = app
    }

    private var language: DisplayLanguage { app.language }

    public var title: String {
        switch page {
        case .welcome: Strings.welcomeTitle(language)
        case .location: Strings.locationStep(language)
        case .notifications: Strings.allowNotifications(language)
        }
    }

    public var body: String {
        switch page {
        case .welcome: Strings.welcomeBody(language)
        case .location: Strings.locationReason(language)
        case .notifications: Strings.notificationReason(language)
        }
    }

    public var actionTitle: String {
        switch page {
        case .welcome: Strings.start(language)
        case .location: Strings.allowLocation(language)
        case .notifications: Strings.allowNotifications(language)
        }
    }

    /// The view asks the system for the page's permission (if any), then calls this.
    public func next() {
        switch page {
        case .welcome: page = .location
        case .location: page = .notifications
        case .notifications: app.finishOnboarding()
        }
    }

    public var isFinished: Bool { !app.needsOnboarding }
}
