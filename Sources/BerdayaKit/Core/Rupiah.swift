import Foundation
import GRDB

/// An amount of Indonesian rupiah, whole rupiah in an Int64. Money is never floating point.
public struct Rupiah: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let amount: Int64

    public init(_ amount: Int64) { self.amount = amount }

    public static let zero = Rupiah(0)

    /// Parses what a user types: `1250000`, `1.250.000`, `Rp 1.250.000`, `IDR 1,250,000`.
    /// Thousands separators must group by three; decimals are refused (no minor unit).
    public init(parsing text: String, field: String) throws {
        var body = text.trimmingCharacters(in: .whitespaces)
        for prefix in ["Rp.", "Rp", "rp", "IDR", "idr"] where body.hasPrefix(prefix) {
            body = String(body.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        var negative = false
        if body.hasPrefix("-") { negative = true; body.removeFirst() }
        let separators = Set(body.filter { $0 == "." || $0 == "," })
        guard !body.isEmpty, separators.count <= 1 else {
            throw InputError.invalidAmount(field: field, value: text)
        }
        if let separator = separators.first {
            let groups = body.split(separator: separator, omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { throw InputError.invalidAmount(field: field, value: text) }
            body = groups.joined()
        }
        guard body.allSatisfy(\.isASCIIDigit), let value = Int64(body) else {
            throw InputError.invalidAmount(field: field, value: text)
        }
        self.amount = negative ? -value : value
    }

    /// `Rp 1.250.000` in Indonesian, `IDR 1,250,000` in English.
    public func formatted(_ language: Language) -> String {
        let digits = String(amount.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(language == .id ? "." : ",") }
            grouped.append(digit)
        }
        let sign = amount < 0 ? "-" : ""
        return language == .id ? "\(sign)Rp \(grouped)" : "\(sign)IDR \(grouped)"
    }

    public var description: String { formatted(.id) }

    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }
    public static func + (lhs: Rupiah, rhs: Rupiah) -> Rupiah { Rupiah(lhs.amount + rhs.amount) }
    public static func - (lhs: Rupiah, rhs: Rupiah) -> Rupiah { Rupiah(lhs.amount - rhs.amount) }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Rupiah: Codable {
    public init(from decoder: any Decoder) throws {
        amount = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(amount)
    }
}

extension Rupiah: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { amount.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Rupiah? {
        Int64.fromDatabaseValue(dbValue).map(Rupiah.init)
    }
}
