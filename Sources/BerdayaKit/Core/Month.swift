import Foundation
import GRDB

/// A calendar month, `YYYY-MM`: the unit of monthly sales figures and snapshots.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Nil for a year outside 1900–9999 or a month outside 1–12.
    public init?(year: Int, month: Int) {
        guard (1900...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    /// The month `date` falls in.
    public init(_ date: DayDate) {
        year = date.year
        month = date.month
    }

    /// Parses `YYYY-MM` exactly (four digits, a dash, two digits); anything else is refused as an
    /// invalid month for `field`.
    public init(validating text: String, field: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let y = Int(parts[0]), let m = Int(parts[1]),
              let value = Month(year: y, month: m) else {
            throw InputError.invalidMonth(field: field, value: text)
        }
        self = value
    }

    /// The month's first day.
    public var first: DayDate { DayDate(year: year, month: month, day: 1)! }
    /// The month's last day, 29 February in a leap year.
    public var last: DayDate { DayDate(year: year, month: month, day: DayDate.daysIn(month: month, year: year))! }

    /// The month `months` later (earlier when negative), across years.
    public func adding(months: Int) -> Month { Month(first.adding(months: months)) }

    /// Every month from `start` to `end`, both included.
    public static func range(_ start: Month, _ end: Month) -> [Month] {
        guard start <= end else { return [] }
        var months: [Month] = [], month = start
        while month <= end {
            months.append(month)
            month = month.adding(months: 1)
        }
        return months
    }

    public var description: String { String(format: "%04d-%02d", year, month) }

    /// Calendar order: earlier months first.
    public static func < (lhs: Month, rhs: Month) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }
}

extension Month: Codable {
    /// Decodes `YYYY-MM` text only, refusing anything else.
    public init(from decoder: any Decoder) throws {
        self = try Month(validating: try decoder.singleValueContainer().decode(String.self), field: "month")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Month: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Nil for anything but a valid `YYYY-MM` text, so a malformed stored month fails the fetch.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Month? {
        String.fromDatabaseValue(dbValue).flatMap { try? Month(validating: $0, field: "month") }
    }
}
