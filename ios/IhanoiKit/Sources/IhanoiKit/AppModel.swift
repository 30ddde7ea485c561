import Foundation
import IhanoiCore
import Observation

/// The app's state at the top: the language, the session, the badge, and the screens' models.
/// Views read it; taps call its methods; the core decides.
@MainActor
@Observable
public final class AppModel {
    public let core: IhanoiCore
    let services: PlatformServices
    /// Language of the phone; `SettingsModel` may override it.
    let systemLanguage: DisplayLanguage

    public private(set) var language: DisplayLanguage
    public private(set) var session: SessionState = .signedOut
    public private(set) var counts = BadgeCounts(
        drafts: 0, waitingToSend: 0, needsAttention: 0, unreadUpdates: 0, unreadAlerts: 0)
    public private(set) var activity: SyncActivity = .idle
    /// Whether the city server offers sign-in, as the core last learned it (unknown counts as
    /// offered: the app tries, as it does today). Without it the resident gives optional
    /// personal fields instead.
    public private(set) var offersSignIn = true

    public let home: HomeModel
    public let alerts: AlertsModel
    public let settings: SettingsModel
    /// The one permission being explained, if any; every screen asks through it.
    public let permissions: PermissionsModel

    @ObservationIgnored private var handles: [ListenerHandle] = []
    @ObservationIgnored private var appliedCounts: UInt64 = 0
    @ObservationIgnored private var appliedActivity: UInt64 = 0

    public init(core: IhanoiCore, services: PlatformServices, systemLanguageTag: String) {
        self.core = core
        self.services = services
        systemLanguage = DisplayLanguage(tag: systemLanguageTag)
        language = systemLanguage
        home = HomeModel(core: core)
        alerts = AlertsModel(core: core)
        settings = SettingsModel(core: core, services: services)
        permissions = PermissionsModel(services: services)
        settings.app = self
        language = settings.languageOverride ?? systemLanguage
        propagateLanguage()
    }

    /// Registers the core's observers (each tells its current value first) and reads the session.
    public func start() throws {
        session = try core.sessionState()
        serverProfileChanged()
        guard handles.isEmpty else { return }
        let observer = CoreObserver { [weak self] event, number in self?.apply(event, number) }
        handles = [
            try core.observeReports(listener: observer),
            try core.observeCounts(listener: observer),
            try core.observeSyncActivity(listener: observer),
        ]
        home.reload()
        alerts.reload()
    }

    public func stop() {
        handles.forEach { $0.cancel() }
        handles = []
    }

    // MARK: First run

    /// The first-run screens, until the resident finished them once.
    public var needsOnboarding: Bool {
        !settings.preferences.firstRunDone
    }

    public func onboarding() -> OnboardingModel {
        OnboardingModel(app: self)
    }

    func finishOnboarding() {
        settings.save(.firstRunDone(done: true))
    }

    // MARK: Screens

    /// The sign-in button's title while the resident is not signed in (nil once signed in); on a
    /// server without sign-in, the button to the optional personal fields.
    public var signInPrompt: String? {
        guard offersSignIn else { return Strings.yourDetailsTitle(language) }
        return session == .signedIn ? nil : Strings.signIn(language)
    }

    public func signIn() -> SignInModel {
        SignInModel(app: self)
    }

    /// The new-report flow, on the draft the resident left last (a draft survives the app being
    /// killed: every field is saved as it is set), else on a new one.
    public func newReport() throws -> NewReportModel {
        let drafts = try core.listReports(filter: .drafts, cursor: nil, limit: 1).reports
        let draft = try drafts.first ?? core.createDraft()
        return NewReportModel(app: self, reportId: draft.id)
    }

    public func detail(reportId: String) -> ReportDetailModel {
        ReportDetailModel(app: self, reportId: reportId)
    }

    // MARK: Notification taps

    /// The app's tabs, so that a tap can bring one forward.
    public enum Tab: Hashable, Sendable {
        case reports
        case alerts
        case settings
    }

    public var tab: Tab = .reports
    /// The report a tapped notification opened (shown over the tabs until closed).
    public private(set) var openedReport: ReportDetailModel?

    /// Routes a tapped notification (its `userInfo`, as the system hands it back): a reply opens
    /// its report, read at once (the badge and the list's count drop); an alert brings the
    /// alerts forward. Anything else is ignored.
    public func openNotification(userInfo: [AnyHashable: Any]) {
        switch AppNotification.Kind(userInfo: userInfo) {
        case .reply(let reportId):
            let detail = detail(reportId: reportId)
            detail.load()
            tab = .reports
            openedReport = detail
        case .alert:
            tab = .alerts
        case nil:
            break
        }
    }

    public func closeOpenedReport() {
        openedReport = nil
    }

    // MARK: Background

    /// What the app's background tasks (and a pull-to-refresh) run: the core's one
    /// sync-and-pull entry point, a notification for each report the city answered and each new
    /// alert, and the next run asked for at the time the core names.
    @discardableResult
    public func runInBackground() async throws -> SyncAndPullSummary {
        let options = SyncOptions(
            network: services.network.current, photosOnlyOnWifi: settings.photosOnlyOnWifi)
        let core = self.core
        let summary = try await withCoreTask { task in
            try await core.syncAndPull(options: options, listener: QuietSyncListener(), task: task)
        }
        session = try core.sessionState()
        serverProfileChanged()
        if let pulled = summary.pulled {
            await notify(pulled)
        }
        let now = Date()
        if let next = summary.nextRunAtMs {
            services.scheduler.schedule(.send(notBefore: Date(timeIntervalSince1970: Double(next) / 1000)))
        }
        services.scheduler.schedule(.pull(notBefore: now.addingTimeInterval(Self.pullPeriod)))
        home.reload()
        alerts.reload()
        return summary
    }

    /// How often the city is asked what changed when nothing else wakes the app.
    static let pullPeriod: TimeInterval = 30 * 60

    /// Asks for the outbox to be sent as soon as the system allows (a report was just queued,
    /// or the network came back).
    public func nudgeOutbox() {
        services.scheduler.schedule(.send(notBefore: Date()))
    }

    private func notify(_ pulled: PullSummary) async {
        for reportId in pulled.updatedReportIds {
            guard let details = try? core.reportDetails(id: reportId),
                let latest = try? core.timeline(reportId: reportId).last
            else { continue }
            let title = details.category.map { Phrase($0.name) } ?? Strings.noCategory
            let label = Phrase(latest.label)
            await services.notifier.post(
                AppNotification(kind: .reply(reportId: reportId), title: title(language), body: label(language)))
        }
        guard pulled.newAlerts > 0, let alerts = try? core.alerts() else { return }
        for alert in alerts.filter(\.unread).prefix(Int(pulled.newAlerts)) {
            let title = Phrase(alert.title)
            await services.notifier.post(
                AppNotification(
                    kind: .alert(alertId: alert.alertId), title: title(language), body: Strings.newAlert(language)))
        }
    }

    // MARK: Core observers

    private func apply(_ event: CoreEvent, _ number: UInt64) {
        switch event {
        case .reports:
            home.reload()
        case .counts(let counts):
            guard number > appliedCounts else { return }
            appliedCounts = number
            self.counts = counts
            home.counts = counts
            alerts.reload()
        case .activity(let activity):
            guard number > appliedActivity else { return }
            appliedActivity = number
            self.activity = activity
            home.activity = activity
            if case .signInNeeded = activity { session = .signInNeeded }
        }
    }

    // MARK: Language

    func setLanguage(_ language: DisplayLanguage) {
        self.language = language
        propagateLanguage()
    }

    private func propagateLanguage() {
        home.language = language
        alerts.language = language
        settings.language = language
        permissions.language = language
    }

    func serverProfileChanged() {
        offersSignIn = (try? core.serverProfile().signIn) != .notOffered
    }

    func sessionChanged() {
        session = (try? core.sessionState()) ?? session
    }

    /// The number on the app icon: unread replies and alerts.
    public var badge: Int {
        Int(counts.unreadUpdates + counts.unreadAlerts)
    }
}
