import Foundation
import GRDB

/// A month of a fund's cash book.
public struct CashMonth: Sendable, Equatable {
    public var month: Month
    public var opening: Rupiah
    /// Entries into the fund in the month.
    public var moneyIn: Rupiah
    /// Entries out of the fund in the month, as a positive sum.
    public var moneyOut: Rupiah
    public var closing: Rupiah
    public var entries: Int
}

/// One numbered series of vouchers (`KW/0001`, `KW/0002` ...) as the treasurer wrote them.
public struct VoucherSeries: Sendable, Equatable {
    /// What comes before the number (`KW/`); empty for vouchers with no number at their end.
    public var series: String
    public var first: String?
    public var last: String?
    /// Distinct voucher numbers in the scope.
    public var vouchers: Int
    /// Numbers between the first and the last that no entry anywhere in the ledger carries.
    public var missing: [String]
    /// Numbers carried by more than one booking (a reversal and the two legs of a transfer
    /// share their original's number and do not count), with how many bookings carry each.
    public var duplicates: [(document: String, bookings: Int)]

    /// Written out because tuples are not Equatable: duplicates compare by document and count.
    public static func == (a: VoucherSeries, b: VoucherSeries) -> Bool {
        a.series == b.series && a.first == b.first && a.last == b.last && a.vouchers == b.vouchers && a.missing == b.missing
            && a.duplicates.map(\.document) == b.duplicates.map(\.document) && a.duplicates.map(\.bookings) == b.duplicates.map(\.bookings)
    }
}

/// Checks a treasurer and an auditor run over a cash book.
public enum CashChecks {
    /// Opening, in, out and closing of a fund for every month of a period (up to `asOf`),
    /// from the month the fund opened if that is later.
    public static func months(fundCode: String, period: Period, asOf: DayDate, in workspace: Workspace) throws -> [CashMonth] {
        let book = try Ledger.cashBook(fundCode: fundCode, period: period, in: workspace)
        let opened = try workspace.database.read { try Fund.require(code: fundCode, in: $0).openedOn }
        let first = max(period.start, opened), last = min(period.end, asOf)
        guard first <= last else { return [] }
        var balance = book.opening
        return try Month.range(Month(first), Month(last)).map { month in
            let rows = book.rows.filter { Month($0.entry.date) == month }
            let moneyIn = try rows.filter { $0.entry.amount.amount > 0 }.reduce(Rupiah.zero) { try $0 + $1.entry.amount }
            let moneyOut = try rows.filter { $0.entry.amount.amount < 0 }.reduce(Rupiah.zero) { try $0 - $1.entry.amount }
            let opening = balance
            balance = try balance + moneyIn - moneyOut
            return CashMonth(month: month, opening: opening, moneyIn: moneyIn, moneyOut: moneyOut, closing: balance, entries: rows.count)
        }
    }

    /// `KW/0012` → (`KW/`, 12, 4 digits); nil when the document does not end in digits.
    static func split(_ document: String) -> (series: String, number: Int, width: Int)? {
        let digits = document.reversed().prefix { $0.isASCIIDigit }
        guard !digits.isEmpty, digits.count <= 12, let number = Int(String(digits.reversed())) else { return nil }
        return (String(document.dropLast(digits.count)), number, digits.count)
    }

    /// The voucher sequence of the entries in a period (of one fund, or all): per series the
    /// numbers missing between its first and last and the numbers used twice. Numbering is the
    /// organisation's, across funds, so a number counts as missing only if no entry of any fund
    /// on any date carries it.
    public static func voucherSequence(period: Period, fundCode: String? = nil, in workspace: Workspace) throws -> [VoucherSeries] {
        try workspace.database.read { db in
            let fundId = try fundCode.map { try Fund.require(code: $0, in: db).id! }
            let all = try Row.fetchAll(db, sql: """
                SELECT id, fundId, date, kind, document, reversesId, transferPeerId FROM ledger_entry ORDER BY id
                """)
            var byId: [Int64: Row] = [:]
            for row in all { byId[row["id"]] = row }
            // The booking an entry belongs to: a reversal to what it reverses, a transfer's in-leg to its out-leg.
            func root(_ id: Int64) -> Int64 {
                guard let row = byId[id] else { return id }
                if let reversed: Int64 = row["reversesId"] { return root(reversed) }
                if let peer: Int64 = row["transferPeerId"] { return root(peer) }
                return id
            }
            var bookings: [String: Set<Int64>] = [:]
            var everywhere: [String: Set<Int>] = [:]
            for row in all {
                let document: String = row["document"]
                bookings[document, default: []].insert(root(row["id"]))
                if let (series, number, _) = split(document) { everywhere[series, default: []].insert(number) }
            }
            var inScope: [String: [String: Int]] = [:]
            var unnumbered = Set<String>()
            for row in all {
                let date: DayDate = row["date"]
                guard period.contains(date), fundId == nil || row["fundId"] == fundId else { continue }
                let document: String = row["document"]
                if let (series, number, _) = split(document) { inScope[series, default: [:]][document] = number }
                else { unnumbered.insert(document) }
            }
            var result: [VoucherSeries] = inScope.keys.sorted().map { series in
                let documents = inScope[series]!
                let ordered = documents.sorted { ($0.value, $0.key) < ($1.value, $1.key) }
                let width = split(ordered.first!.key)!.width
                let low = ordered.first!.value, high = ordered.last!.value
                let used = everywhere[series] ?? []
                let missing = (high - low < 1_000_000 ? Array(low...high) : []).filter { !used.contains($0) }.map {
                    series + String(format: "%0\(width)d", $0)
                }
                let duplicates = ordered.compactMap { document, _ -> (document: String, bookings: Int)? in
                    let count = bookings[document]?.count ?? 0
                    return count > 1 ? (document, count) : nil
                }
                return VoucherSeries(series: series, first: ordered.first!.key, last: ordered.last!.key, vouchers: documents.count,
                                     missing: missing, duplicates: duplicates)
            }
            if !unnumbered.isEmpty {
                let sorted = unnumbered.sorted()
                result.append(VoucherSeries(series: "", first: sorted.first, last: sorted.last, vouchers: sorted.count, missing: [],
                                            duplicates: sorted.compactMap { document in
                                                let count = bookings[document]?.count ?? 0
                                                return count > 1 ? (document, count) : nil
                                            }))
            }
            return result
        }
    }
}

/// Who signs the organisation's financial reports: the treasurer (bendahara) and the chair
/// (ketua). Kept in the database; a report leaves a blank line to sign when a name is not set.
public enum Signatories {
    /// Who signs: each role's name is kept under its own key.
    public enum Role: String, Sendable, CaseIterable {
        case treasurer, chair

        public var label: Localized {
            switch self {
            case .treasurer: Localized(id: "Bendahara", en: "Treasurer")
            case .chair: Localized(id: "Ketua", en: "Chair")
            }
        }

        var key: String { "signatory_\(rawValue)" }
    }

    /// The names set, by role; a role with no name is absent.
    public static func names(in workspace: Workspace) throws -> [Role: String] {
        try workspace.database.read { db in
            var names: [Role: String] = [:]
            for role in Role.allCases {
                if let name = try Meta.value(for: role.key, in: db), !name.isEmpty { names[role] = name }
            }
            return names
        }
    }

    /// Sets (or, with nil, clears) the name that signs for a role; audited.
    public static func set(_ role: Role, name: String?, in workspace: Workspace) throws {
        let name = try Text.optional(name, field: "nama / name", limit: 120)
        try workspace.database.write { db in
            try Meta.set(name ?? "", for: role.key, in: db)
            try AuditLog.append(db, workspace, action: "signatory.set", record: role.rawValue)
        }
    }
}
