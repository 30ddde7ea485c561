import IhanoiCore
import Observation

public struct AlertRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let severity: AlertSeverity
    public let severityLabel: String
    public let title: String
    public let body: String
    public let time: String
    public let unread: Bool
}

/// "Truyền thông, cảnh báo": the city's live alerts, newest first, unread marked.
@MainActor
@Observable
public final class AlertsModel {
    let core: IhanoiCore
    var language: DisplayLanguage = .vi
    private var alerts: [Alert] = []

    init(core: IhanoiCore) {
        self.core = core
    }

    public var title: String { Strings.alertsTitle(language) }
    public var emptyText: String? { alerts.isEmpty ? Strings.alertsEmpty(language) : nil }
    public var markAllReadTitle: String { Strings.markAllRead(language) }
    public var canMarkAllRead: Bool { alerts.contains(where: \.unread) }
    public var rows: [AlertRow] {
        alerts.map { alert in
            AlertRow(
                id: alert.alertId, severity: alert.severity,
                severityLabel: Phrase(alert.severityLabel)(language),
                title: Phrase(alert.title)(language),
                body: Phrase(alert.body)(language),
                time: TimeText.of(milliseconds: alert.publishedAtMs), unread: alert.unread)
        }
    }

    public func reload() {
        alerts = (try? core.alerts()) ?? alerts
    }

    public func markRead(_ id: String) {
        _ = try? core.markAlertRead(alertId: id)
        reload()
    }

    public func markAllRead() {
        _ = try? core.markAllAlertsRead()
        reload()
    }
}
