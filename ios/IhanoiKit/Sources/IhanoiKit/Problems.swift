import IhanoiCore

/// What a screen says when a core call failed. The core words the report's problems, photo
/// errors, a position outside Hanoi and the city's refusals; the other kinds are named here
/// until the core words every error itself.
public func problemPhrase(for error: Error) -> Phrase {
    guard let error = error as? IhanoiError else { return Strings.unexpected }
    switch error {
    case .NotReady(let problems):
        return Phrase(
            vi: problems.map(\.messageVi).joined(separator: "\n"),
            en: problems.map(\.messageEn).joined(separator: "\n"))
    case .Photo(_, let vi, let en), .OutsideHanoi(let vi, let en):
        return Phrase(vi: vi, en: en)
    case .Refused(_, let description):
        return Phrase(vi: description, en: description)
    case .Network:
        return Strings.offline
    case .SignInNeeded:
        return Strings.signInNeeded
    case .Cancelled:
        return Strings.cancelled
    case .NotFound, .WrongState, .InvalidArgument, .Storage, .SecretStore, .AreasUnavailable,
        .Unexpected:
        return Strings.unexpected
    }
}

/// Runs `body`; what the screen says if it failed (nil when it did not).
@MainActor
func failurePhrase(of body: () async throws -> Void) async -> Phrase? {
    do {
        try await body()
        return nil
    } catch {
        return problemPhrase(for: error)
    }
}

/// The problems that stop a report from being queued, in the core's words.
func phrases(_ problems: [Problem]) -> [Phrase] {
    problems.map { Phrase(vi: $0.messageVi, en: $0.messageEn) }
}

func phrases(_ warnings: [Warning]) -> [Phrase] {
    warnings.map { Phrase(vi: $0.messageVi, en: $0.messageEn) }
}
