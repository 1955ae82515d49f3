import Foundation

/// Free text as typed: trimmed, required or optional, with a length limit.
public enum Text {
    public static func required(_ value: String, field: String, limit: Int) throws -> String {
        guard let text = try optional(value, field: field, limit: limit) else { throw InputError.empty(field: field) }
        return text
    }

    public static func optional(_ value: String?, field: String, limit: Int) throws -> String? {
        guard let value else { return nil }
        let text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { return nil }
        if text.count > limit { throw InputError.tooLong(field: field, limit: limit) }
        return text
    }
}
