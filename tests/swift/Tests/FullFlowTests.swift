// The whole resident flow from Swift against the reference city server over loopback HTTP:
// sign in, draft, photo, location, queue, sync with a Swift SyncListener, the ward replies
// with a result photo, pull, timeline, alerts. run.sh starts the server (tests/city-server.sh)
// and passes its URL as IHANOI_CITY_URL.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import IhanoiCore
import XCTest

/// A listener as the iOS shell writes one: it only records (the core decides). Called on a
/// core thread, so `Sendable` with its state behind a lock.
final class RecordingSyncListener: SyncListener, @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [SyncEvent] = []

    var events: [SyncEvent] {
        lock.withLock { recorded }
    }

    func onEvent(event: SyncEvent) {
        lock.withLock { recorded.append(event) }
    }
}

final class FullFlowTests: XCTestCase {
    private let phone = "0912345678"

    func testSignInReportSyncReplyPullAndTimeline() async throws {
        let city = try ReferenceCity.fromEnvironment()
        let photo = try sharedFile("photos", "iphone4s-gps-small.jpg")
        let resultPhoto = try sharedFile("photos", "nokia-lumia-gps.jpg")
        let secrets = MemorySecretStore()
        let core = try openCore(for: self, secrets: secrets)
        LogCapture.shared.install()
        try core.configureCity(config: city.config)
        XCTAssertEqual(try core.sessionState(), .signedOut)

        // The screens' observers, each told the current value first.
        let observers = RecordingObservers()
        let handles = [
            try core.observeReports(listener: observers),
            try core.observeCounts(listener: observers),
            try core.observeSyncActivity(listener: observers),
        ]
        XCTAssertEqual(observers.reports, [ReportListUpdate(initial: true, changes: [])])
        let zero = BadgeCounts(drafts: 0, waitingToSend: 0, needsAttention: 0, unreadUpdates: 0, unreadAlerts: 0)
        XCTAssertEqual(observers.counts, [zero])
        XCTAssertEqual(observers.activity, [.idle])

        // A draft is written before signing in, then queued.
        let id = try core.createDraft().id
        _ = try core.updateDraft(id: id, field: .category(code: "ve_sinh_moi_truong"))
        _ = try core.updateDraft(id: id, field: .description(text: "Rác thải đổ trộm ở đầu ngõ 5, bốc mùi"))
        _ = try await attach(photo, to: id, on: core)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        _ = try core.setReportLocation(
            id: id,
            fix: LocationFix(
                lat: 21.0287, lon: 105.8524, accuracyM: 8, timeMs: now, source: .deviceGps, mocked: false))
        XCTAssertEqual(try core.queueReport(id: id).state, .queued)

        // Sign in: the code the server "texted"; tokens go to the Swift store.
        let sent = try await core.requestSignInCode(phone: phone)
        let session = try await core.signIn(
            phone: sent.phone, code: try city.signInCode(phone: sent.phone), task: TaskHandle())
        XCTAssertEqual(session, .signedIn)
        XCTAssertTrue(secrets.calls.contains { if case .set = $0 { return true } else { return false } })

        // Sync with a Swift listener.
        let listener = RecordingSyncListener()
        let summary = try await core.sync(
            options: SyncOptions(network: .wifi, photosOnlyOnWifi: false), listener: listener,
            task: TaskHandle())
        XCTAssertEqual(summary.sent, 1)
        XCTAssertEqual(summary.failed + summary.waiting + summary.needsAttention, 0)
        XCTAssertEqual(try core.report(id: id).state, .submitted)
        let photoBytes = try core.photos(reportId: id).reduce(UInt64(0)) { total, photo in
            total + ((try FileManager.default.attributesOfItem(atPath: photo.path)[.size] as? UInt64) ?? 0)
        }
        let events = listener.events
        guard case .started? = events.first, case .finished? = events.last else {
            return XCTFail("events start with Started and end with Finished: \(events)")
        }
        let lastProgress = events.compactMap { event -> (UInt64, UInt64)? in
            if case .progress(_, let sent, let total) = event { return (sent, total) }
            return nil
        }.last
        XCTAssertEqual(lastProgress?.0, photoBytes)
        XCTAssertEqual(lastProgress?.1, photoBytes)
        XCTAssertTrue(events.contains { event in
            if case .reportChanged(let report, let state) = event { return report == id && state == .submitted }
            return false
        })
        let submission = try XCTUnwrap(try core.submission(reportId: id))
        XCTAssertEqual(submission.agencyResponsible, "00070", "routed to Hoàn Kiếm ward")

        // The observers saw the report created, queued and sent, the badge and the sync move.
        let kinds = observers.reports.dropFirst().flatMap(\.changes).filter { $0.reportId == id }.map(\.kind)
        XCTAssertEqual(kinds.first, .created)
        XCTAssertTrue(kinds.contains(.stateChanged))
        XCTAssertEqual(observers.reports.last?.changes.last?.state, .submitted)
        XCTAssertTrue(observers.counts.contains { $0.waitingToSend == 1 })
        XCTAssertEqual(observers.counts.last?.waitingToSend, 0)
        XCTAssertTrue(observers.activity.contains { activity in
            if case let .sending(number, count, _, _) = activity { return number == 1 && count == 1 }
            return false
        })
        XCTAssertEqual(observers.activity.last, .idle)

        // The ward accepts and resolves with a result photo; the city publishes alerts.
        try city.act(submission.serviceRequestId, "accept", description: "Đã tiếp nhận")
        try city.act(
            submission.serviceRequestId, "resolve", description: "Đã thu gom rác. — Rubbish collected.",
            photos: [resultPhoto])
        try city.publishAlert(titleVi: "Ngập sâu phố Nguyễn Khuyến", titleEn: "Deep flooding on Nguyen Khuyen")
        try city.publishAlert(titleVi: "Đã hết hạn", titleEn: "Expired", expires: "2020-01-01T00:00:00+07:00")

        // Pull: timeline, result photo, alerts, unread badges.
        let pulled = try await core.pull(task: TaskHandle())
        XCTAssertEqual(pulled.newUpdates, 2)
        XCTAssertEqual(pulled.updatedReportIds, [id])
        let timeline = try core.timeline(reportId: id)
        XCTAssertEqual(timeline.map(\.kind), [.accepted, .resolved])
        XCTAssertTrue(timeline.allSatisfy { $0.unread && $0.unitCode == "00070" && !$0.label.vi.isEmpty })
        let reply = try XCTUnwrap(timeline.last)
        XCTAssertEqual(reply.detailedStatus, .resolved)
        XCTAssertEqual(reply.text, "Đã thu gom rác. — Rubbish collected.")
        let thumbnail = try XCTUnwrap(reply.photos.first?.thumbnailPath)
        XCTAssertTrue(FileManager.default.fileExists(atPath: thumbnail))
        let full = try await core.resultPhoto(updateId: reply.updateId, position: 0, task: TaskHandle())
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: full)), try Data(contentsOf: resultPhoto))

        let alerts = try core.alerts()
        XCTAssertEqual(alerts.map(\.title.vi), ["Ngập sâu phố Nguyễn Khuyến"], "expired alerts are hidden")
        XCTAssertEqual(try core.unreadCounts(), UnreadCounts(updates: 2, reports: 1, alerts: 1))
        XCTAssertEqual(try core.markReportRead(reportId: id), 2)
        XCTAssertTrue(try core.markAlertRead(alertId: alerts[0].alertId))
        XCTAssertEqual(try core.unreadCounts(), UnreadCounts(updates: 0, reports: 0, alerts: 0))

        let again = try await core.pull(task: TaskHandle())
        XCTAssertEqual(again.newUpdates, 0)
        XCTAssertEqual(try core.timeline(reportId: id).map(\.updateId), timeline.map(\.updateId))

        // The pull's news reached the badge observer; reading cleared it.
        XCTAssertTrue(observers.counts.contains { $0.unreadUpdates == 2 && $0.unreadAlerts == 1 })
        XCTAssertEqual(observers.counts.last, zero)
        let before = observers.counts.count
        handles.forEach { $0.cancel() }
        _ = try core.createDraft()
        XCTAssertEqual(observers.counts.count, before, "nothing after the handle is cancelled")

        // The core's log lines reached the Swift sink, none with personal data.
        let lines = LogCapture.shared.lines
        XCTAssertTrue(lines.contains { $0.message.contains("sync finished") }, "\(lines)")
        for line in lines {
            XCTAssertTrue(line.target.hasPrefix("ihanoi"), line.target)
            XCTAssertFalse(line.message.contains(String(phone.dropFirst())), line.message)
            XCTAssertFalse(line.message.contains("Rác thải"), line.message)
            XCTAssertNil(line.message.range(of: #"\b(21|105)\.\d{4,}"#, options: .regularExpression), line.message)
        }
    }
}
