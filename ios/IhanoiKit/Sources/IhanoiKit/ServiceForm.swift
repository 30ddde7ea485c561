import Foundation
import IhanoiCore

/// One question of the chosen category's form (the city's service definition), as the category
/// step shows it: which control, the city's label and help, the choices, what the draft holds,
/// and the core's problem with the answer, if any.
public struct AttributeField: Equatable, Identifiable, Sendable {
    /// The control a view draws for it.
    public enum Kind: Equatable, Sendable {
        /// One line of text.
        case line
        /// A number (the core accepts "1,5" as typed on a Vietnamese keyboard).
        case number
        /// A date and time (`setAttribute(_:date:)`).
        case dateTime
        /// Longer text.
        case text
        /// One of `options`.
        case oneOf
        /// Any of `options` (`toggleAttribute`).
        case anyOf
        /// The city's information, shown and never answered.
        case information
    }

    /// The attribute's code (what the answer is saved under).
    public let id: String
    public let kind: Kind
    public let label: String
    public let required: Bool
    /// "Bắt buộc" / "Required" beside a required question (nil otherwise).
    public let requirement: String?
    /// The city's hint about the expected value, if it wrote one.
    public let help: String?
    /// The choices of a list, in the city's order, those the draft holds selected.
    public let options: [ChoiceRow<String>]
    /// The answer the draft holds (a list's keys joined by ", "; empty when unanswered).
    public let value: String
    /// A date-time answer the core can read, for the date picker (nil otherwise).
    public var date: Date? {
        kind == .dateTime ? ISO8601DateFormatter().date(from: value) : nil
    }
    /// The label, marked when the city requires an answer ("Độ sâu nước · Bắt buộc").
    public var title: String {
        [label, requirement].compactMap { $0 }.joined(separator: " · ")
    }
    /// What the core says is wrong with it (missing while required, or not accepted).
    public let problem: String?
    /// What VoiceOver reads: the question, whether it is required, and the problem.
    public var accessibilityLabel: String {
        [label, requirement, problem].compactMap { $0 }.joined(separator: ", ")
    }
}

/// The form's fields in `language`: `form` is the category's definition, `answers` the draft's,
/// `problems` the report's readiness problems (those about an attribute name its code).
func formFields(
    form: [ServiceAttribute], answers: [AttributeValue], problems: [Problem], language: DisplayLanguage
) -> [AttributeField] {
    form.map { attribute in
        let held = answers.first { $0.code == attribute.code }?.values ?? []
        let kind = fieldKind(attribute)
        return AttributeField(
            id: attribute.code, kind: kind, label: Phrase(cityText(text: attribute.description))(language),
            required: attribute.required && kind != .information,
            requirement: attribute.required && kind != .information ? Strings.required(language) : nil,
            help: attribute.datatypeDescription.flatMap { $0.isEmpty ? nil : Phrase(cityText(text: $0))(language) },
            options: attribute.values.map { choice in
                ChoiceRow(
                    value: choice.key, label: Phrase(cityText(text: choice.name))(language),
                    selected: held.contains(choice.key))
            },
            value: held.joined(separator: ", "),
            problem: problems.first { $0.attributeCode == attribute.code }.map { Phrase($0.message)(language) })
    }
}

private func fieldKind(_ attribute: ServiceAttribute) -> AttributeField.Kind {
    guard attribute.variable else { return .information }
    switch attribute.datatype {
    case .string: return .line
    case .number: return .number
    case .datetime: return .dateTime
    case .text: return .text
    case .singleValueList: return .oneOf
    case .multiValueList: return .anyOf
    }
}

/// A date-time answer as the GeoReport standard wants it: W3C with the city's zone (Hanoi,
/// UTC+7, no daylight saving), whatever zone the phone is in.
func w3cHanoiTime(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
}
