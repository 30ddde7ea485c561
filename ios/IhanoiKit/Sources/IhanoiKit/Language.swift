import Foundation
import IhanoiCore

/// The language a screen is shown in. Vietnamese first: anything that is not English is
/// shown in Vietnamese (the core's rule for OS language tags, `Language::from_tag`).
public enum DisplayLanguage: String, Sendable, CaseIterable {
    case vi
    case en

    /// From the OS's preferred language tag ("vi-VN", "en_US").
    public init(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first ?? ""
        self = primary.lowercased() == "en" ? .en : .vi
    }
}

/// A text in both languages: the core's labels arrive as pairs and the few words the shell
/// owns (screen titles, buttons) are written the same way, Vietnamese first.
public struct Phrase: Equatable, Sendable {
    public let vi: String
    public let en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// A text the core worded.
    init(_ text: Bilingual) {
        self.init(vi: text.vi, en: text.en)
    }

    public func callAsFunction(_ language: DisplayLanguage) -> String {
        language == .vi ? vi : en
    }
}
