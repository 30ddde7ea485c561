import Foundation
import IhanoiCore
import Observation

/// Sign-in with a phone number and the one-time code the city texts to it; or, on a city server
/// without the sign-in extension, the resident's optional personal fields (the GeoReport
/// standard's email, name and phone), which the core keeps and sends with each report.
@MainActor
@Observable
public final class SignInModel: Identifiable {
    public enum Step: Equatable, Sendable {
        case phone
        case code(phone: String)
        case done
    }

    /// What the screen offers, from what the server is known to offer (`load` asks it again).
    public enum Mode: Equatable, Sendable {
        /// Phone number and one-time code.
        case signIn
        /// The optional personal fields: the server has no sign-in.
        case contactFields
    }

    @ObservationIgnored private unowned let app: AppModel
    public var phone = ""
    public var code = ""
    public private(set) var step: Step = .phone
    public private(set) var mode: Mode
    public private(set) var isWorking = false
    private var failure: Phrase?

    // The personal fields (contact mode); what the core holds once saved. Never logged. An edit
    // after saving takes "saved" away until saved again.
    public var email = "" { didSet { isSaved = false } }
    public var firstName = "" { didSet { isSaved = false } }
    public var lastName = "" { didSet { isSaved = false } }
    public var contactPhone = "" { didSet { isSaved = false } }
    public private(set) var isSaved = false
    @ObservationIgnored private var deviceId: String?

    init(app: AppModel) {
        self.app = app
        mode = app.offersSignIn ? .signIn : .contactFields
        if mode == .contactFields { readContact() }
    }

    private var language: DisplayLanguage { app.language }
    public var title: String {
        mode == .signIn ? Strings.signInTitle(language) : Strings.yourDetailsTitle(language)
    }
    public var phoneLabel: String { Strings.phoneLabel(language) }
    public var codeLabel: String { Strings.codeLabel(language) }
    public var sendCodeTitle: String { Strings.sendCode(language) }
    public var signInTitle: String { Strings.signIn(language) }
    public var problem: String? { failure?(language) }
    public var canSendCode: Bool { step == .phone && !isWorking && !phone.isEmpty }
    public var canSignIn: Bool {
        if case .code = step { return !isWorking && !code.isEmpty }
        return false
    }

    // The personal fields' words.
    public var contactNote: String { Strings.yourDetailsNote(language) }
    public var emailLabel: String { Strings.emailLabel(language) }
    public var firstNameLabel: String { Strings.firstNameLabel(language) }
    public var lastNameLabel: String { Strings.lastNameLabel(language) }
    public var contactPhoneLabel: String { Strings.contactPhoneLabel(language) }
    public var saveTitle: String { Strings.save(language) }
    public var savedText: String? { isSaved ? Strings.saved(language) : nil }
    public var canSave: Bool { mode == .contactFields && !isWorking }

    /// Asks the city what it offers (the profile the core learned may be older than the server)
    /// and shows the matching form; offline, what the core last learned stands.
    public func load() async {
        let core = app.core
        _ = try? await core.refreshServerProfile()
        app.serverProfileChanged()
        mode = app.offersSignIn ? .signIn : .contactFields
        if mode == .contactFields { readContact() }
    }

    /// Keeps the personal fields in the core (each optional; a blank one is cleared).
    public func saveContact() {
        func given(_ text: String) -> String? {
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        }
        let contact = ResidentContact(
            email: given(email), firstName: given(firstName), lastName: given(lastName), phone: given(contactPhone),
            deviceId: deviceId)
        do {
            try app.core.setResidentContact(contact: contact)
            failure = nil
            isSaved = true
            app.nudgeOutbox()
        } catch {
            failure = problemPhrase(for: error)
            isSaved = false
        }
    }

    private func readContact() {
        guard let contact = try? app.core.residentContact() else { return }
        email = contact.email ?? ""
        firstName = contact.firstName ?? ""
        lastName = contact.lastName ?? ""
        contactPhone = contact.phone ?? ""
        deviceId = contact.deviceId
    }

    public func sendCode() async {
        await work {
            let core = self.app.core
            let phone = self.phone
            let sent = try await core.requestSignInCode(phone: phone)
            self.step = .code(phone: sent.phone)
        }
    }

    public func signIn() async {
        guard case .code(let phone) = step else { return }
        await work {
            let core = self.app.core
            let code = self.code
            let state = try await withCoreTask { task in
                try await core.signIn(phone: phone, code: code, task: task)
            }
            self.app.sessionChanged()
            if state == .signedIn {
                self.step = .done
                self.app.nudgeOutbox()
            }
        }
    }

    private func work(_ body: () async throws -> Void) async {
        isWorking = true
        failure = await failurePhrase(of: body)
        isWorking = false
    }
}
