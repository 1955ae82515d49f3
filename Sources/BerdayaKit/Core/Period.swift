import Foundation

/// A span of days a report or a cash book covers: `2025`, `2025-H1`, `2025-Q3`, `2025-03`,
/// or `2025-01-01..2025-06-30`. Both ends are included.
public struct Period: Hashable, Sendable, Codable, CustomStringConvertible {
    public let start: DayDate
    public let end: DayDate

    /// Both days included; refuses an end before the start.
    public init(start: DayDate, end: DayDate) throws {
        guard end >= start else {
            throw InputError.datesOutOfOrder(first: "awal / start", firstValue: start, second: "akhir / end", secondValue: end)
        }
        self.start = start
        self.end = end
    }

    /// Parses a year (`2025`), a half (`2025-H1`), a quarter (`2025-Q3`), a month (`2025-03`), or a
    /// range `a..b` of these or of dates, from the start of `a` to the end of `b`; refuses anything else.
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let invalid = InputError.unknownChoice(field: "periode / period", value: text,
                                               choices: ["2025", "2025-H1", "2025-Q3", "2025-03", "2025-01-01..2025-06-30", "2025..2026"])
        if t.contains("..") {
            // Either side is a date or a period of its own: 2025-01-01..2025-06-30, 2025..2026, 2025-07..2026-06.
            let parts = t.components(separatedBy: "..")
            guard parts.count == 2, !parts[0].contains(".."), !parts[0].isEmpty, !parts[1].isEmpty else { throw invalid }
            func side(_ text: String, start: Bool) throws -> DayDate {
                if text.count == 10 { return try DayDate(validating: text, field: "periode / period") }
                let period = try Period(parsing: text)
                return start ? period.start : period.end
            }
            try self.init(start: side(parts[0], start: true), end: side(parts[1], start: false))
            return
        }
        let parts = t.split(separator: "-").map(String.init)
        guard let first = parts.first, first.count == 4, let year = Int(first), (1900...9999).contains(year) else { throw invalid }
        func months(_ from: Int, _ to: Int) throws -> Period {
            try Period(start: DayDate(year: year, month: from, day: 1)!,
                       end: DayDate(year: year, month: to, day: DayDate.daysIn(month: to, year: year))!)
        }
        switch parts.count {
        case 1:
            self = try months(1, 12)
        case 2 where parts[1].hasPrefix("H"):
            guard let half = Int(parts[1].dropFirst()), (1...2).contains(half) else { throw invalid }
            self = try months(half * 6 - 5, half * 6)
        case 2 where parts[1].hasPrefix("Q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { throw invalid }
            self = try months(quarter * 3 - 2, quarter * 3)
        case 2:
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { throw invalid }
            self = try months(month, month)
        default:
            throw invalid
        }
    }

    /// Whether `date` lies in the period, both ends included.
    public func contains(_ date: DayDate) -> Bool { start <= date && date <= end }

    /// What "no period given" means on the command line, on the web and in reports alike: the
    /// last twelve months, in whole months (the current month up to `today` and the eleven
    /// before it). Always a full year of figures whatever the date (the year to date would be a
    /// few days in January), the window a month-by-month table or chart needs, and the same
    /// length every time it is run; a calendar or grant year is one `--period 2026` away.
    public static func lastTwelveMonths(through today: DayDate) -> Period {
        Period(checkedStart: Month(today).adding(months: -11).first, end: today)
    }

    /// A period as typed, or the default when none is given (nil or blank).
    public static func given(_ text: String?, today: DayDate) throws -> Period {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return lastTwelveMonths(through: today) }
        return try Period(parsing: text)
    }

    /// The default, said the same way in every help text and form hint that takes a period.
    public static let defaultHelp = Localized(id: "bawaan: 12 bulan terakhir", en: "default: the last 12 months")

    private init(checkedStart start: DayDate, end: DayDate) {
        self.start = start
        self.end = end
    }

    public var description: String { "\(start)..\(end)" }
}
