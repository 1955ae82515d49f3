/// The languages every user-facing text comes in: Bahasa Indonesia by default, English on request.
public enum Language: String, Sendable, CaseIterable, Codable {
    case id
    case en

    /// Reads a language from a user's setting such as `en`, `EN`, `id` or `in`.
    public init?(setting: String) {
        switch setting.lowercased() {
        case "id", "in", "ind", "indonesia", "bahasa": self = .id
        case "en", "eng", "english": self = .en
        default: return nil
        }
    }
}

/// A text a user reads, written once in both languages. Modules keep their texts as
/// static members of their own enums so that every string is reviewed in one place.
public struct Localized: Sendable, Hashable {
    public let id: String
    public let en: String

    /// Both texts are required, so no message exists in one language only.
    public init(id: String, en: String) {
        self.id = id
        self.en = en
    }

    /// The text in `language`.
    public func callAsFunction(_ language: Language) -> String {
        switch language {
        case .id: id
        case .en: en
        }
    }
}

/// Something with a name a user reads, such as an enum case shown in a table.
public protocol Labelled {
    var label: Localized { get }
}
