import BerdayaKit
import Foundation

/// What a dataset exposes. Funder and donor workbooks never take an identified one.
public enum PrivacyClass: String, Sendable, Codable, CaseIterable {
    /// Counts, sums and shares; no row stands for one person.
    case aggregate
    /// Rows keyed by survivor code, never a name or number that identifies her.
    case pseudonymous
    /// Names allowed: internal registers only.
    case identified
}

/// One value in a dataset row. `people` is a count of persons: the one that is hidden below 5.
public enum Cell: Sendable, Equatable {
    case text(String)
    case integer(Int64)
    case people(Int)
    case money(Rupiah)
    case date(DayDate)
    case month(Month)
    /// Percent as people read it (32.4 for 32.4%); nil when there is nothing to divide by.
    case percent(Double?)
    case decimal(Double?)
    case empty

    /// The number a spreadsheet holds for this cell, if it is one.
    public var number: Double? {
        switch self {
        case let .integer(value): Double(value)
        case let .people(value): Double(value)
        case let .money(value): Double(value.amount)
        case let .percent(value): value.map { $0 / 100 }
        case let .decimal(value): value
        default: nil
        }
    }

    /// What a sort compares.
    var sortKey: String {
        switch self {
        case let .text(text): Self.natural(text)
        case let .integer(value): String(format: "%020lld", value + Int64(1) << 62)
        case let .people(value): String(format: "%020d", value)
        case let .money(value): String(format: "%020lld", value.amount + Int64(1) << 62)
        case let .date(date): date.description
        case let .month(month): month.description
        case let .percent(value), let .decimal(value): String(format: "%020.4f", (value ?? -1) + 1e9)
        case .empty: ""
        }
    }

    /// Text with its runs of digits padded, so `JBR-2026-1/2` sorts before `JBR-2026-1/10`.
    static func natural(_ text: String) -> String {
        var result = "", digits = ""
        func flush() {
            if !digits.isEmpty { result += String(repeating: "0", count: max(0, 12 - digits.count)) + digits; digits = "" }
        }
        for character in text {
            if character.isASCII && character.isNumber { digits.append(character) } else { flush(); result.append(character) }
        }
        flush()
        return result
    }

    var naturalFormat: ColumnFormat {
        switch self {
        case .text, .empty: .text
        case .integer: .integer
        case .people: .people
        case .money: .rupiah
        case .date: .date
        case .month: .month
        case .percent: .percent
        case .decimal: .decimal
        }
    }
}

/// One row of a dataset: each field's name to its value.
public typealias DataRow = [String: Cell]

/// What a report is asked for: its period and any of funder, fund, cohort and site.
public struct ReportParameters: Sendable, Equatable {
    public var period: Period
    /// The period as the user wrote it (`2025-H1`), for the file name and the document properties.
    public var periodLabel: String
    public var funder: String?
    public var fund: String?
    public var cohort: String?
    public var site: String?
    public var language: Language
    /// Set from the template by the report writer: whom the people figures cover.
    public var covers: Coverage = .reach

    /// A period as typed (`2026-H1`, `2025..2026`) and its label for the file name; none means
    /// the default every layer shares (`Period.given`: the last 12 months), labelled by its dates.
    public static func period(_ text: String?, today: DayDate) throws -> (Period, String) {
        let period = try Period.given(text, today: today)
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return (period, period.description) }
        return (period, text)
    }

    /// Codes are upper-cased, so a report asked for `kbm` covers site KBM; nil leaves that filter off.
    public init(period: Period, periodLabel: String, funder: String? = nil, fund: String? = nil, cohort: String? = nil,
                site: String? = nil, language: Language = .id) {
        self.period = period
        self.periodLabel = periodLabel
        self.funder = funder?.uppercased()
        self.fund = fund?.uppercased()
        self.cohort = cohort?.uppercased()
        self.site = site?.uppercased()
        self.language = language
    }
}

/// A dataset defined in code: its fields, what it exposes, and how it reads BerdayaKit's services.
public struct DatasetDefinition: Sendable {
    /// The name templates give in `dataset:`.
    public let name: String
    /// What its rows may reveal, which decides who may run it and for which audience.
    public let privacy: PrivacyClass
    /// What its rows are, in both languages.
    public let summary: Localized
    /// Field names in order; the parameters it needs to run.
    public let fields: [String]
    /// The parameters it cannot run without.
    public let needs: [ParameterName]
    let load: @Sendable (ReportParameters, Workspace) throws -> [DataRow]

    /// Reads the dataset's rows for these parameters through BerdayaKit's services, which refuse an
    /// unknown code; an identified dataset audits every name it reads.
    public func rows(_ parameters: ReportParameters, in workspace: Workspace) throws -> [DataRow] {
        try load(parameters, workspace)
    }
}
