import IhanoiCore

/// What a screen says when a core call failed: the core words every error (`text()`);
/// the report's problems are listed one per line, and the two states the app shows
/// the same way everywhere (offline, sign-in needed) use the app's words; a cancel is worded by the
/// core for what was cancelled ("Đã huỷ đính kèm ảnh.").
public func problemPhrase(for error: Error) -> Phrase {
    guard let error = error as? IhanoiError else { return Strings.unexpected }
    switch error {
    case .NotReady(let problems, _, _):
        return Phrase(
            vi: problems.map(\.message.vi).joined(separator: "\n"),
            en: problems.map(\.message.en).joined(separator: "\n"))
    case .Network:
        return Strings.offline
    case .SignInNeeded:
        return Strings.signInNeeded
    default:
        return Phrase(error.text())
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
    problems.map { Phrase($0.message) }
}

func phrases(_ warnings: [Warning]) -> [Phrase] {
    warnings.map { Phrase($0.message) }
}
