import Foundation
import IhanoiCore
import Observation

/// One step of a report's timeline: what the city did, said, and showed.
public struct TimelineRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let kind: UpdateKind
    public let label: String
    public let text: String
    public let time: String
    public let unit: String?
    public let unread: Bool
    /// Thumbnails of the result photos, by position (nil while not downloaded).
    public let photos: [ResultPhotoRow]
}

public struct ResultPhotoRow: Equatable, Identifiable, Sendable {
    public var id: String { "\(updateId)/\(position)" }
    public let updateId: String
    public let position: UInt32
    public let thumbnailPath: String?
    /// What VoiceOver reads: which result photo, of which step ("Ảnh kết quả 1: …").
    public let accessibilityLabel: String
}

/// One of the photos the resident took for the report, as the core stored it.
public struct ReportPhotoRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let thumbnailPath: String
    /// The upload-ready JPEG, shown full screen.
    public let path: String
    public let accessibilityLabel: String
}

/// The photo shown full screen, with what closes it.
public struct FullScreenPhoto: Equatable, Identifiable, Sendable {
    public var id: String { path }
    public let path: String
    public let accessibilityLabel: String
    public let closeTitle: String
}

/// A report's detail: its state, the unit in charge, deadlines, the timeline with the city's
/// replies and result photos, and the city's reason when it refused or returned the report.
@MainActor
@Observable
public final class ReportDetailModel: Identifiable {
    @ObservationIgnored private unowned let app: AppModel
    public let reportId: String
    public nonisolated var id: String { reportId }
    private var details: ReportDetails?
    private var status: ReportStatus?
    private var entries: [TimelineEntry] = []
    private var ownPhotos: [Photo] = []
    private var failure: Phrase?
    /// Result photos downloaded in full, by `ResultPhotoRow.id`.
    public private(set) var fullPhotos: [String: String] = [:]

    init(app: AppModel, reportId: String) {
        self.app = app
        self.reportId = reportId
    }

    var language: DisplayLanguage { app.language }

    public var title: String {
        details?.category.map { Phrase($0.name)(language) } ?? Strings.noCategory(language)
    }
    public var descriptionText: String { details?.report.description ?? "" }
    public var stateLabel: String {
        details.map { Phrase($0.stateLabel)(language) } ?? ""
    }
    /// Where the city is with it ("Đã tiếp nhận"), once the city has it.
    public var cityStatus: String {
        status.map { Phrase($0.label)(language) } ?? Strings.notSentYet(language)
    }
    public var unitText: String? {
        guard let unit = details?.unit else { return nil }
        return Strings.unit(unit.name ?? unit.code)(language)
    }
    public var acknowledgeBy: String? {
        status?.acknowledgeByMs.map { Strings.acknowledgeBy(TimeText.of(milliseconds: $0))(language) }
    }
    public var handleBy: String? {
        status?.handleByMs.map { Strings.handleBy(TimeText.of(milliseconds: $0))(language) }
    }
    public var overdueText: String? { status?.overdue == true ? Strings.overdue(language) : nil }
    /// The city sent the report back (it needs the resident's attention), with its reason.
    public var attention: (title: String, reason: String)? {
        details?.attention.map { (Strings.attentionTitle(language), Phrase($0.message)(language)) }
    }
    /// The ward refused the report: its reason, in the city's words.
    public var refusal: (title: String, reason: String)? {
        guard let rejected = entries.last(where: { $0.kind == .rejected }) else { return nil }
        return (Strings.refusalTitle(language), rejected.text)
    }
    public var photosTitle: String { Strings.yourPhotos(language) }
    /// The resident's own photos, in the order the city gets them.
    public var photos: [ReportPhotoRow] {
        ownPhotos.map { photo in
            ReportPhotoRow(
                id: photo.id, thumbnailPath: photo.thumbnailPath, path: photo.path,
                accessibilityLabel: Strings.photoLabel(photo.position)(language))
        }
    }
    /// The photo on screen in full, nil when none.
    public private(set) var fullScreen: FullScreenPhoto?

    public var timelineTitle: String { Strings.timelineTitle(language) }
    public var timeline: [TimelineRow] {
        entries.map { entry in
            TimelineRow(
                id: entry.updateId, kind: entry.kind, label: Phrase(entry.label)(language),
                text: entry.text, time: TimeText.of(milliseconds: entry.updatedAtMs), unit: entry.unitName,
                unread: entry.unread,
                photos: entry.photos.map {
                    ResultPhotoRow(
                        updateId: entry.updateId, position: $0.position, thumbnailPath: $0.thumbnailPath,
                        accessibilityLabel: Strings.resultPhotoLabel(
                            $0.position, Phrase(entry.label))(language))
                })
        }
    }
    public var problem: String? { failure?(language) }

    /// Reads the report and marks its news read (the resident is looking at it).
    public func load() {
        do {
            details = try app.core.reportDetails(id: reportId)
            status = try app.core.reportStatus(reportId: reportId)
            entries = try app.core.timeline(reportId: reportId)
            ownPhotos = try app.core.photos(reportId: reportId)
            _ = try app.core.markReportRead(reportId: reportId)
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
    }

    /// Shows one of the resident's own photos full screen.
    public func showPhoto(_ photo: ReportPhotoRow) {
        present(photo.path, photo.accessibilityLabel)
    }

    /// Downloads a result photo in full (first time only) and shows it full screen.
    @discardableResult
    public func openPhoto(_ photo: ResultPhotoRow) async -> String? {
        if let path = fullPhotos[photo.id] {
            present(path, photo.accessibilityLabel)
            return path
        }
        let core = app.core
        do {
            let path = try await withCoreTask { task in
                try await core.resultPhoto(updateId: photo.updateId, position: photo.position, task: task)
            }
            fullPhotos[photo.id] = path
            present(path, photo.accessibilityLabel)
            return path
        } catch {
            failure = problemPhrase(for: error)
            return nil
        }
    }

    public func closePhoto() {
        fullScreen = nil
    }

    private func present(_ path: String, _ label: String) {
        fullScreen = FullScreenPhoto(path: path, accessibilityLabel: label, closeTitle: Strings.close(language))
    }
}
