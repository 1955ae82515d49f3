import Foundation
import GRDB

/// An amount of Indonesian rupiah, whole rupiah in an Int64. Money is never floating point.
public struct Rupiah: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let amount: Int64

    /// Any amount, unchecked: typed figures are bounded by `maximum` where they are read.
    public init(_ amount: Int64) { self.amount = amount }

    public static let zero = Rupiah(0)

    /// The largest amount any one typed figure may have: Rp 1.000.000.000.000 (one trillion
    /// rupiah), for a ledger entry, a fund's award, a budget cap, a loan, a price, a sale, a
    /// cost, a snapshot, an income, needs, savings or a poverty line. Far above anything an NGO
    /// books, and low enough that 9 million such figures still add up inside an Int64, so a sum
    /// of stored figures cannot overflow a read (see `Rupiah.summable`).
    public static let maximum = Rupiah(1_000_000_000_000)

    /// How many figures of at most `maximum` can be added in an Int64 without overflow.
    public static let summable = Int64.max / maximum.amount

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
        guard body.allSatisfy(\.isASCIIDigit) else {
            throw InputError.invalidAmount(field: field, value: text)
        }
        // Any run of digits longer than the bound's (13) is above it, however long: never trap or
        // wrap on a 40-digit paste.
        let significant = body.drop { $0 == "0" }
        guard significant.count <= 13, let value = significant.isEmpty ? 0 : Int64(String(significant)),
              value <= Rupiah.maximum.amount
        else { throw InputError.amountTooLarge(field: field, value: text, limit: Rupiah.maximum) }
        self.amount = negative ? -value : value
    }

    /// An amount handed to a service as a number (not typed): refused when beyond
    /// `Rupiah.maximum` either way, with the same message as a typed one.
    public init(checking amount: Int64, field: String) throws {
        guard amount >= -Rupiah.maximum.amount, amount <= Rupiah.maximum.amount else {
            throw InputError.amountTooLarge(field: field, value: String(amount), limit: Rupiah.maximum)
        }
        self.amount = amount
    }

    /// Refuses this amount when it is beyond `Rupiah.maximum` either way.
    @discardableResult
    public func bounded(field: String) throws -> Rupiah { try Rupiah(checking: amount, field: field) }

    /// Whether the amount is within `Rupiah.maximum` either way.
    public var isBounded: Bool { amount >= -Rupiah.maximum.amount && amount <= Rupiah.maximum.amount }

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

    /// By amount, negative amounts first.
    public static func < (lhs: Rupiah, rhs: Rupiah) -> Bool { lhs.amount < rhs.amount }
    /// Checked: a sum beyond an Int64 is an error a user can read, never a trap.
    public static func + (lhs: Rupiah, rhs: Rupiah) throws -> Rupiah {
        let (sum, overflow) = lhs.amount.addingReportingOverflow(rhs.amount)
        if overflow { throw InputError.sumTooLarge }
        return Rupiah(sum)
    }

    /// Checked: a difference beyond an Int64 is an error a user can read, never a trap.
    public static func - (lhs: Rupiah, rhs: Rupiah) throws -> Rupiah {
        let (difference, overflow) = lhs.amount.subtractingReportingOverflow(rhs.amount)
        if overflow { throw InputError.sumTooLarge }
        return Rupiah(difference)
    }

    /// Checked: `self` times a count (a quantity, a household size).
    public func times(_ factor: Int64) throws -> Rupiah {
        let (product, overflow) = amount.multipliedReportingOverflow(by: factor)
        if overflow { throw InputError.sumTooLarge }
        return Rupiah(product)
    }

    /// The opposite amount; checked, as `-Int64.min` does not exist.
    public func negated() throws -> Rupiah { try Rupiah.zero - self }
}

extension Character {
    /// One ASCII digit: a digit with a combining mark ("5\u{303}") sorts between "0" and "9" but is not one.
    var isASCIIDigit: Bool { isASCII && ("0"..."9").contains(self) }
}

extension Rupiah: Codable {
    /// Decodes a plain whole number of rupiah, as `encode(to:)` writes it.
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

    /// Reads the whole-rupiah integer the column stores.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Rupiah? {
        Int64.fromDatabaseValue(dbValue).map(Rupiah.init)
    }
}
