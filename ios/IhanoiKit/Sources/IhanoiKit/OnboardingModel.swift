import Observation

/// First run: what the app does, then when it will ask for each permission. No prompt is shown
/// here: each permission is asked on its own, when the resident first needs it
/// (`PermissionsModel`), never all at once.
@MainActor
@Observable
public final class OnboardingModel {
    public enum Page: Equatable, Sendable {
        case welcome
        case permissions
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
        case .permissions: Strings.askWhenNeededTitle(language)
        }
    }

    public var body: String {
        switch page {
        case .welcome: Strings.welcomeBody(language)
        case .permissions: Strings.askWhenNeeded(language)
        }
    }

    public var actionTitle: String {
        switch page {
        case .welcome: Strings.next(language)
        case .permissions: Strings.start(language)
        }
    }

    public func next() {
        switch page {
        case .welcome: page = .permissions
        case .permissions: app.finishOnboarding()
        }
    }

    public var isFinished: Bool { !app.needsOnboarding }
}
