import Foundation
import IhanoiCore
import Observation

/// A photo of the draft as its thumbnail shows it.
public struct PhotoRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let thumbnailPath: String
    public let label: String
    /// The review flags in words (older than 7 days, no capture time, edited).
    public let flags: [String]
    /// What VoiceOver reads: the photo and its flags.
    public var accessibilityLabel: String { ([label] + flags).joined(separator: ", ") }
}

/// A category the resident can pick, in the screen's language.
public struct CategoryOption: Equatable, Identifiable, Sendable {
    public let id: String
    public let name: String
    public let group: String
    public let description: String
}

/// The new-report flow: photos → position → category → description → review → queue. Every
/// change is saved by the core when it is made, so the app can be killed at any step.
@MainActor
@Observable
public final class NewReportModel: Identifiable {
    @ObservationIgnored unowned let app: AppModel
    public let reportId: String
    /// The position's map: the pin over the ward outlines around it, offline.
    @ObservationIgnored public private(set) lazy var map = PinMapModel(report: self)
    /// The report's id: a sheet shows one flow per draft.
    public nonisolated var id: String { reportId }
    private var details: ReportDetails?
    private var photoRecords: [Photo] = []
    private var location: ReportLocation?
    /// The chosen category's form and the draft's answers to it.
    private var form: [ServiceAttribute] = []
    private var answers: [AttributeValue] = []
    /// The city's open reports of the category near the draft: the answer the core keeps (read at
    /// each refresh, marked as kept), and the one just asked while it is for this category and place.
    private var keptNearby: NearbyCityReports?
    private var askedNearby: NearbyCityReports?
    private var nearby: NearbyCityReports? {
        guard let asked = askedNearby, asked.categoryCode == categoryCode, asked.latitude == location?.fix.lat,
            asked.longitude == location?.fix.lon
        else { return keptNearby }
        return asked
    }
    private var failure: Phrase?
    public private(set) var isWorking = false
    public private(set) var isQueued = false

    init(app: AppModel, reportId: String) {
        self.app = app
        self.reportId = reportId
        refresh()
    }

    var language: DisplayLanguage { app.language }
    /// The permission being explained while this flow is on screen (camera, position, notifications).
    public var permissions: PermissionsModel { app.permissions }
    private var core: IhanoiCore { app.core }

    // MARK: What the screen shows

    public var title: String { Strings.newReportTitle(language) }
    public var stepTitles: [String] {
        [Strings.photosStep, Strings.locationStep, Strings.categoryStep, Strings.descriptionStep, Strings.reviewStep]
            .map { $0(language) }
    }
    public var takePhotoTitle: String { Strings.takePhoto(language) }
    public var choosePhotoTitle: String { Strings.choosePhoto(language) }
    public var useMyPositionTitle: String { Strings.useMyPosition(language) }
    public var addressLabel: String { Strings.addressLabel(language) }
    public var queueTitle: String { Strings.queue(language) }
    public var problem: String? { failure?(language) }

    public var photos: [PhotoRow] {
        photoRecords.map { photo in
            PhotoRow(
                id: photo.id, thumbnailPath: photo.thumbnailPath,
                label: Strings.photoLabel(photo.position)(language),
                flags: reviewFlagLabels(flags: photo.flags).map { Phrase($0.label)(language) })
        }
    }

    /// What the resident typed to find a category ("ve sinh" finds "Vệ sinh môi trường").
    public var categoryQuery = ""
    public var categorySearchPrompt: String { Strings.categorySearch(language) }

    /// The categories matching `categoryQuery`, best first, as the core ranks them (diacritics,
    /// case and đ ignored, vi or en); every category in the city's order when it is empty.
    public var categories: [CategoryOption] {
        ((try? core.searchCategories(query: categoryQuery)) ?? []).map { category in
            CategoryOption(
                id: category.code, name: Phrase(category.name)(language),
                group: Phrase(category.group)(language),
                description: Phrase(category.description)(language))
        }
    }

    public var categoryCode: String? { details?.report.categoryCode }
    public var categoryName: String? {
        details?.category.map { Phrase($0.name)(language) }
    }
    /// The chosen category's own questions (none when the city publishes no form for it), each
    /// with the core's problem beside it; the same problems are in `problems` for the review.
    public var attributeFields: [AttributeField] {
        formFields(form: form, answers: answers, problems: details?.problems ?? [], language: language)
    }
    public var descriptionText: String { details?.report.description ?? "" }
    public var address: String { details?.report.address ?? "" }
    public var urgency: Urgency { details?.report.urgency ?? .normal }
    public var urgencyTitle: String { Strings.urgencyTitle(language) }
    /// The urgency picker's rows, in the core's order and words.
    public var urgencyChoices: [ChoiceRow<Urgency>] {
        let chosen = urgency
        return urgencyOptions().map {
            ChoiceRow(value: $0.urgency, label: Phrase($0.label)(language), selected: $0.urgency == chosen)
        }
    }
    public var urgencyLabel: String {
        details.map { Phrase($0.urgencyLabel)(language) } ?? ""
    }

    /// Where the report is: the ward's name, or that none is known yet.
    public var positionText: String {
        guard let location else { return Strings.noPosition(language) }
        return location.areaName ?? Strings.unitUnknown(language)
    }

    /// How far to trust the position (good / fair / poor), in the core's words.
    public var positionQuality: String? {
        location.map { Phrase($0.verdict.qualityLabel)(language) }
    }

    public var positionSource: String? {
        location.map { Phrase($0.sourceLabel)(language) }
    }

    public var positionNeedsConfirmation: Bool { location?.verdict.needsConfirmation ?? false }

    /// Everything that stops the report from being sent, listed at once.
    public var problems: [String] { phrases(details?.problems ?? []).map { $0(language) } }
    /// What to know before sending (never stops it).
    public var warnings: [String] { phrases(details?.warnings ?? []).map { $0(language) } }
    public var canQueue: Bool {
        guard let details, !isWorking else { return false }
        return details.actions.canQueue
    }
    public var queuedText: String? { isQueued ? Strings.queued(language) : nil }

    /// Others' open reports of this category within 50 m, for the review (never a blocker): the
    /// core's heading ("2 phản ánh tương tự…", none, or that the city offers no search), how old a
    /// kept answer is when the city could not be asked, and the reports, nearest first.
    public var nearbyTitle: String? { nearby.map { Phrase($0.heading)(language) } }
    public var nearbyFreshness: String? { nearby?.freshness.map { Phrase($0)(language) } }
    public var nearbyReports: [NearbyReportRow] { nearbyRows(nearby, language) }
    /// Changes when what the search depends on changes (category, position): a view asks again then.
    public var nearbySearchKey: String {
        [categoryCode ?? "", location.map { "\($0.fix.lat),\($0.fix.lon)" } ?? ""].joined(separator: "|")
    }

    // MARK: What a tap does

    /// Attaches the photo the camera or the picker wrote at `url` (a JPEG in one of the app's
    /// photo folders). Cancelling the calling Task stops the compression.
    public func addPhoto(at url: URL, source: PhotoSource, options: CompressOptions = defaultCompressOptions()) async {
        await work {
            let core = self.core
            let reportId = self.reportId
            _ = try await withCoreTask { task in
                try await core.attachPhoto(
                    reportId: reportId, path: url.path, source: source, options: options, task: task)
            }
        }
    }

    /// Before the camera opens: true once the camera may be used (its reason and the system's
    /// prompt shown first if it never was asked); false leaves the picker as the way to add photos.
    public func prepareCamera() async -> Bool {
        await app.permissions.ensure(.camera)
    }

    public func removePhoto(id: String) {
        perform { try self.core.removePhoto(reportId: self.reportId, photoId: id) }
    }

    /// Takes the phone's fix, or the first photo's GPS when there is none, and routes the report.
    /// Asks for the position permission first if it never was (with its reason); without it,
    /// the first photo's GPS is offered instead, or the resident places the pin.
    public func locate() async {
        let allowed = await app.permissions.ensure(.location)
        let fix = allowed ? await app.services.location.currentFix() : nil
        perform {
            guard let offered = try self.core.offeredReportLocation(id: self.reportId, device: fix) else { return }
            _ = try self.core.setReportLocation(id: self.reportId, fix: offered)
        }
    }

    /// The resident moved the pin.
    public func setPin(lat: Double, lon: Double) {
        let fix = LocationFix(
            lat: lat, lon: lon, accuracyM: 0, timeMs: nowMilliseconds(), source: .manualPin, mocked: false)
        perform { _ = try self.core.setReportLocation(id: self.reportId, fix: fix) }
    }

    public func chooseCategory(_ code: String?) {
        perform { _ = try self.core.updateDraft(id: self.reportId, field: .category(code: code)) }
    }

    /// Saves the answer to a one-value question (text, number, date as typed, a list's key);
    /// empty clears it. Whether it fits the form is a problem the core words, not an error.
    public func setAttribute(_ code: String, value: String) {
        let values = value.isEmpty ? [] : [value]
        perform { _ = try self.core.setDraftAttribute(reportId: self.reportId, code: code, values: values) }
    }

    /// Saves a date-time answer in the city's zone.
    public func setAttribute(_ code: String, date: Date) {
        setAttribute(code, value: w3cHanoiTime(date))
    }

    /// Adds or removes one choice of a many-value question.
    public func toggleAttribute(_ code: String, key: String) {
        var values = answers.first { $0.code == code }?.values ?? []
        if let index = values.firstIndex(of: key) {
            values.remove(at: index)
        } else {
            values.append(key)
        }
        perform { _ = try self.core.setDraftAttribute(reportId: self.reportId, code: code, values: values) }
    }

    public func setDescription(_ text: String) {
        perform { _ = try self.core.updateDraft(id: self.reportId, field: .description(text: text)) }
    }

    public func setAddress(_ text: String) {
        perform { _ = try self.core.updateDraft(id: self.reportId, field: .address(text: text.isEmpty ? nil : text)) }
    }

    public func setUrgency(_ urgency: Urgency) {
        perform { _ = try self.core.updateDraft(id: self.reportId, field: .urgency(urgency: urgency)) }
    }

    /// Asks the city for its open reports of the category near the draft (the kept answer shows
    /// meanwhile, and stays when the city cannot be reached). Without a category or a position
    /// there is nothing to ask; a failure only leaves the kept answer.
    public func loadNearby() async {
        guard categoryCode != nil, location != nil else { return }
        let core = self.core
        let reportId = self.reportId
        if let answer = try? await withCoreTask({ task in
            try await core.nearbyCityReports(reportId: reportId, task: task)
        }) {
            askedNearby = answer
        }
        refresh()
    }

    /// Puts the report in the outbox and asks for a background send.
    public func queue() {
        perform {
            _ = try self.core.queueReport(id: self.reportId)
            self.isQueued = true
            self.app.nudgeOutbox()
            // Now there is a reply to wait for: the moment notifications make sense.
            self.app.permissions.offer(.notifications)
        }
    }

    // MARK: Plumbing

    private func perform(_ body: () throws -> Void) {
        do {
            try body()
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
        refresh()
    }

    private func work(_ body: () async throws -> Void) async {
        isWorking = true
        failure = await failurePhrase(of: body)
        isWorking = false
        refresh()
    }

    private func refresh() {
        do {
            details = try core.reportDetails(id: reportId)
            photoRecords = try core.photos(reportId: reportId)
            location = try core.reportLocation(id: reportId)
            form = try details?.report.categoryCode.map { try core.serviceAttributes(categoryCode: $0) } ?? []
            answers = form.isEmpty ? [] : try core.draftAttributes(reportId: reportId)
            keptNearby = try core.cachedNearbyCityReports(reportId: reportId)
            map.show(pin: location.map { MapPoint(lat: $0.fix.lat, lon: $0.fix.lon) })
        } catch {
            failure = problemPhrase(for: error)
        }
    }
}
