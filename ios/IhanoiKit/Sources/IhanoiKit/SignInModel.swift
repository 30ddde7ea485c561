import IhanoiCore
import Observation

/// Sign-in with a phone number and the one-time code the city texts to it.
@MainActor
@Observable
public final class SignInModel: Identifiable {
    public enum Step: Equatable, Sendable {
        case phone
        case code(phone: String)
        case done
    }

    @ObservationIgnored private unowned let app: AppModel
    public var phone = ""
    public var code = ""
    public private(set) var step: Step = .phone
    public private(set) var isWorking = false
    private var failure: Phrase?

    init(app: AppModel) {
        self.app = app
    }

    private var language: DisplayLanguage { app.language }
    public var title: String { Strings.signInTitle(language) }
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
