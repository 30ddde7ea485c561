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

    init(core: IhanoiCore, services: PlatformServices) {
        self.core = core
        self.services = services
    }

    public var title: String { Strings.settingsTitle(language) }
    public var problem: String? { failure?(language) }

    // MARK: Language

    public var languageTitle: String { Strings.languageTitle(language) }
    /// The settings the core keeps (the defaults when they cannot be read).
    var preferences: Preferences {
        (try? core.preferences())
            ?? Preferences(firstRunDone: false, language: .system, photoSize: .standard, photosOnlyOnWifi: false)
    }
    var languageOverride: DisplayLanguage? {
        switch preferences.language {
        case .system: nil
        case .vi: .vi
        case .en: .en
        }
    }
    /// nil follows the phone; the rows and their words are the core's.
    public var languageChoices: [ChoiceRow<DisplayLanguage?>] {
        let chosen = preferences.language
        return languageOptions().map { option in
            let value: DisplayLanguage? =
                switch option.choice {
                case .system: nil
                case .vi: .vi
                case .en: .en
                }
            return ChoiceRow(value: value, label: Phrase(option.label)(language), selected: option.choice == chosen)
        }
    }

    public func chooseLanguage(_ choice: DisplayLanguage?) {
        let core: LanguageChoice =
            switch choice {
            case nil: .system
            case .vi: .vi
            case .en: .en
            }
        save(.language(choice: core))
        guard let app else { return }
        app.setLanguage(choice ?? app.systemLanguage)
    }

    // MARK: Photos

    public var photoSizeTitle: String { Strings.photoSizeTitle(language) }
    public var photoSize: SizePreset { preferences.photoSize }
    public var photoSizeChoices: [ChoiceRow<SizePreset>] {
        let chosen = photoSize
        return photoSizeOptions().map {
            ChoiceRow(value: $0.preset, label: Phrase($0.label)(language), selected: $0.preset == chosen)
        }
    }

    public func choosePhotoSize(_ preset: SizePreset) {
        save(.photoSize(preset: preset))
    }

    /// The compression the new-report flow uses.
    public var compressOptions: CompressOptions {
        var options = defaultCompressOptions()
        options.preset = photoSize
        return options
    }

    public var photosOnlyOnWifiTitle: String { Strings.photosOnlyOnWifi(language) }
    public var photosOnlyOnWifi: Bool { preferences.photosOnlyOnWifi }

    public func setPhotosOnlyOnWifi(_ on: Bool) {
        save(.photosOnlyOnWifi(on: on))
    }

    /// Saves one setting in the core; the screen shows the core's values, read back.
    func save(_ change: PreferenceChange) {
        do {
            _ = try core.setPreference(change: change)
            failure = nil
        } catch {
            failure = problemPhrase(for: error)
        }
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
