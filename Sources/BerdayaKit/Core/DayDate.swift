import Foundation
import GRDB

/// A calendar date with no time of day or time zone, as programs record them: a session
/// on 2025-03-14, an enrolment, a return home. Stored as `YYYY-MM-DD` text, which sorts.
public struct DayDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date, or nil when no such day exists (2025-02-29, 2025-13-01).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...DayDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`; `field` names the input in the error.
    public init(validating text: String, field: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              let date = DayDate(year: y, month: m, day: d)
        else { throw InputError.invalidDate(field: field, value: text) }
        self = date
    }

    /// Whether `year` has a 29 February in the Gregorian calendar.
    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days of `month` (1 to 12) in `year`, leap years included.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil), for date arithmetic
    /// without calendars or time zones.
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day `dayNumber` days after 1970-01-01 (negative before it): the inverse of `dayNumber`.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// The day `days` later (earlier when negative), across months and years.
    public func adding(days: Int) -> DayDate { DayDate(dayNumber: dayNumber + days) }

    /// The same day `months` later, clamped to the month's last day (Jan 31 + 1 month = Feb 28).
    public func adding(months: Int) -> DayDate {
        let index = year * 12 + (month - 1) + months
        let y = index / 12, m = index % 12 + 1
        return DayDate(year: y, month: m, day: min(day, DayDate.daysIn(month: m, year: y)))!
    }

    /// Today's date where the program works (the machine's time zone).
    public static func today(timeZone: TimeZone = .current) -> DayDate {
        let seconds = Int(Date().timeIntervalSince1970.rounded(.down)) + timeZone.secondsFromGMT()
        return DayDate(dayNumber: Int((Double(seconds) / 86_400).rounded(.down)))
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// Calendar order: earlier days first.
    public static func < (lhs: DayDate, rhs: DayDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension DayDate: Codable {
    /// Decodes `YYYY-MM-DD` text only, refusing an impossible date, so JSON cannot carry one in.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try DayDate(validating: text, field: "date")
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension DayDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }

    /// Nil for anything but a valid `YYYY-MM-DD` text, so a malformed stored date fails the fetch.
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> DayDate? {
        guard let text = String.fromDatabaseValue(dbValue) else { return nil }
        return try? DayDate(validating: text, field: "date")
    }
}

extension DayDate {
    /// Refuses a date after `today`, for things that must already have happened.
    public func requireNotAfter(_ today: DayDate, field: String) throws {
        if self > today { throw InputError.dateInFuture(field: field, value: self, today: today) }
    }
}
