import GRDB

/// A closed set of values stored by their raw (English, snake_case) name and shown by their
/// label. Users may type the raw name, either label, or the raw name with dashes.
public protocol Choice: RawRepresentable<String>, CaseIterable, Labelled, Codable, Sendable, Hashable,
    DatabaseValueConvertible {}

extension Choice {
    /// The value a user typed: its raw name (dashes allowed for underscores) or either label,
    /// ignoring case; anything else is refused with the list of choices for `field`.
    public init(parsing text: String, field: String) throws {
        let wanted = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        let match = Self.allCases.first { value in
            value.rawValue == wanted || value.label.id.lowercased() == wanted || value.label.en.lowercased() == wanted
        }
        guard let match else {
            throw InputError.unknownChoice(field: field, value: text, choices: Self.allCases.map(\.rawValue))
        }
        self = match
    }
}
