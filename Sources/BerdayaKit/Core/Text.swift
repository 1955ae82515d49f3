import Foundation

/// Free text as typed: trimmed, required or optional, with a length limit.
public enum Text {
    /// The trimmed text; refuses one that is empty after trimming or longer than `limit` characters.
    public static func required(_ value: String, field: String, limit: Int) throws -> String {
        guard let text = try optional(value, field: field, limit: limit) else { throw InputError.empty(field: field) }
        return text
    }

    /// The trimmed text, nil when absent or empty; refuses one longer than `limit` characters.
    public static func optional(_ value: String?, field: String, limit: Int) throws -> String? {
        guard let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        if text.count > limit { throw InputError.tooLong(field: field, limit: limit) }
        return text
    }
}
