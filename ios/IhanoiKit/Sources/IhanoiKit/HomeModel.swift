import IhanoiCore
import Observation

/// One line of the home list: what the report is, where it is, and whether the city said more.
public struct ReportRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let state: ReportState
    public let title: String
    public let stateLabel: String
    /// The city's reason, while the report needs the resident's attention.
    public let attention: String?
    public let unread: UInt32
    public let accessibilityLabel: String
}

/// Home: my reports (drafts, waiting, sent, needing attention), the outbox banner, the badge.
@MainActor
@Observable
public final class HomeModel {
    let core: IhanoiCore
    var language: DisplayLanguage = .vi
    var counts = BadgeCounts(drafts: 0, waitingToSend: 0, needsAttention: 0, unreadUpdates: 0, unreadAlerts: 0)
    var activity: SyncActivity = .idle
    private var reports: [ReportDetails] = []
    private var failure: Phrase?

    /// What went wrong reading the list, if anything.
    public var problem: String? { failure?(language) }

    init(core: IhanoiCore) {
        self.core = core
    }

    public var title: String { Strings.homeTitle(language) }
    public var newReportTitle: String { Strings.newReport(language) }
    public var emptyText: String? { reports.isEmpty ? Strings.homeEmpty(language) : nil }

    public var rows: [ReportRow] {
        reports.map { details in
            let title =
                details.category.map { Phrase($0.name)(language) } ?? Strings.noCategory(language)
            let state = Phrase(details.stateLabel)(language)
            let attention = details.attention.map { Phrase($0.message)(language) }
            return ReportRow(
                id: details.report.id, state: details.report.state, title: title, stateLabel: state,
                attention: attention, unread: details.unreadUpdates,
                accessibilityLabel: [
                    title, state, attention,
                    details.unreadUpdates > 0 ? Strings.unread(details.unreadUpdates)(language) : nil,
                ]
                .compactMap { $0 }.joined(separator: ", "))
        }
    }

    /// The outbox's line ("3 reports will be sent when you are online", sending n of m, retry in
    /// n minutes, sign in again), worded by the core from the badge numbers and the sync's
    /// activity; nil when nothing waits.
    public var outboxText: String? {
        outboxStatus(counts: counts, activity: activity, nowMs: nowMilliseconds()).map { Phrase($0)(language) }
    }

    /// The bytes of the report being sent, 0...1 (nil when nothing is sending).
    public var sendProgress: Double? {
        guard case .sending(_, _, let sent, let total) = activity, total > 0 else { return nil }
        return Double(sent) / Double(total)
    }

    public var draftCount: UInt32 { counts.drafts }
    public var needsAttentionCount: UInt32 { counts.needsAttention }

    /// Reads the list again (the core's report observer says when).
    public func reload() {
        do {
            let page = try core.listReports(filter: .all, cursor: nil, limit: 200)
            reports = try page.reports.map { try core.reportDetails(id: $0.id) }
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
    }
}
