import IhanoiCore
import Observation

public struct CheckRow: Equatable, Identifiable, Sendable {
    public let id: String
    public let status: CheckStatus
    public let label: String
    /// What to do about it (empty when all is well).
    public let action: String
}

public struct ChoiceRow<Value: Equatable & Sendable>: Equatable, Identifiable, Sendable {
    public var id: String { label }
    public let value: Value
    public let label: String
    public let selected: Bool
}

/// Settings: language, photo size, photos on Wi-Fi only, sign out (drafts kept), the device
/// check for install teams, and About (version, data licences).
@MainActor
@Observable
public final class SettingsModel {
    let core: IhanoiCore
    let services: PlatformServices
    @ObservationIgnored weak var app: AppModel?
    var language: DisplayLanguage = .vi
    private var checks: DeviceCheckReport?
    public private(set) var isChecking = false
    private var failure: Phrase?

    static let languageKey = "language"
    static let sizeKey = "photo_size"
    static let wifiOnlyKey = "photos_only_on_wifi"

    init(core: IhanoiCore, services: PlatformServices) {
        self.core = core
        self.services = services
    }

    public var title: String { Strings.settingsTitle(language) }
    public var problem: String? { failure?(language) }

    // MARK: Language

    public var languageTitle: String { Strings.languageTitle(language) }
    var languageOverride: DisplayLanguage? {
        services.preferences.string(Self.languageKey).flatMap(DisplayLanguage.init(rawValue:))
    }
    /// nil follows the phone.
    public var languageChoices: [ChoiceRow<DisplayLanguage?>] {
        [
            ChoiceRow(value: nil, label: Strings.languageSystem(language), selected: languageOverride == nil),
            ChoiceRow(value: .vi, label: "Tiếng Việt", selected: languageOverride == .vi),
            ChoiceRow(value: .en, label: "English", selected: languageOverride == .en),
        ]
    }

    public func chooseLanguage(_ choice: DisplayLanguage?) {
        services.preferences.set(Self.languageKey, choice?.rawValue)
        guard let app else { return }
        app.setLanguage(choice ?? app.systemLanguage)
    }

    // MARK: Photos

    public var photoSizeTitle: String { Strings.photoSizeTitle(language) }
    public var photoSize: SizePreset {
        switch services.preferences.string(Self.sizeKey) {
        case "small": .small
        case "large": .large
        default: .standard
        }
    }
    public var photoSizeChoices: [ChoiceRow<SizePreset>] {
        [(SizePreset.small, Strings.sizeSmall), (.standard, Strings.sizeStandard), (.large, Strings.sizeLarge)]
            .map { ChoiceRow(value: $0.0, label: $0.1(language), selected: $0.0 == photoSize) }
    }

    public func choosePhotoSize(_ preset: SizePreset) {
        let names: [SizePreset: String] = [.small: "small", .standard: "standard", .large: "large"]
        services.preferences.set(Self.sizeKey, names[preset])
    }

    /// The compression the new-report flow uses.
    public var compressOptions: CompressOptions {
        var options = defaultCompressOptions()
        options.preset = photoSize
        return options
    }

    public var photosOnlyOnWifiTitle: String { Strings.photosOnlyOnWifi(language) }
    public var photosOnlyOnWifi: Bool { services.preferences.string(Self.wifiOnlyKey) == "1" }

    public func setPhotosOnlyOnWifi(_ on: Bool) {
        services.preferences.set(Self.wifiOnlyKey, on ? "1" : nil)
    }

    // MARK: Account

    public var signOutTitle: String { Strings.signOut(language) }
    public var signOutNote: String { Strings.signOutNote(language) }
    public var canSignOut: Bool { app?.session == .signedIn }

    public func signOut() async {
        do {
            try await core.signOut()
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
        app?.sessionChanged()
    }

    // MARK: Device check

    public var deviceCheckTitle: String { Strings.deviceCheckTitle(language) }
    public var runCheckTitle: String { Strings.runDeviceCheck(language) }
    public var verdict: CheckStatus? { checks?.verdict }
    public var checkRows: [CheckRow] {
        (checks?.checks ?? []).map { check in
            CheckRow(
                id: checkCodeName(code: check.code), status: check.status,
                label: Phrase(check.label)(language),
                action: Phrase(check.action)(language))
        }
    }

    public func runDeviceCheck() async {
        isChecking = true
        defer { isChecking = false }
        let facts = await services.deviceFacts.facts()
        do {
            checks = try await core.deviceCheck(facts: facts)
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
    }

    // MARK: About

    public var aboutTitle: String { Strings.aboutTitle(language) }
    public var versionText: String { Strings.version(coreVersion())(language) }
    /// The data the app ships and under which licence ("Ranh giới phường, xã — MIT").
    public var licences: [String] {
        dataLicences().map { "\(Phrase($0.name)(language)) — \($0.spdx)" }
    }
}
