import Foundation
import GRDB

/// How a grant's (or a budget line's) spending stands against the time gone in its period.
public enum BurnFlag: String, Sendable, Codable, CaseIterable {
    /// Spent more than the budget.
    case overBudget = "over_budget"
    /// The period is over and money is left: to be returned (or an extension agreed).
    case unspentAtEnd = "unspent_at_end"
    /// Less than three quarters of what the time gone would have spent.
    case slow
    /// More than a quarter ahead of the time gone.
    case ahead
    case onTrack = "on_track"
    /// No budget or no period to compare with.
    case noBenchmark = "no_benchmark"

    public var label: Localized {
        switch self {
        case .overBudget: Localized(id: "melebihi anggaran", en: "over budget")
        case .unspentAtEnd: Localized(id: "periode selesai, ada sisa dana", en: "period over, money left")
        case .slow: Localized(id: "serapan lambat", en: "spending behind time")
        case .ahead: Localized(id: "serapan mendahului waktu", en: "spending ahead of time")
        case .onTrack: Localized(id: "sesuai waktu", en: "on track")
        case .noBenchmark: Localized(id: "–", en: "–")
        }
    }

    /// The rule, in one place: `used` and `elapsed` in percent.
    static func of(used: Double?, elapsed: Double?, over: Bool, endedWithBalance: Bool) -> BurnFlag {
        if over { return .overBudget }
        if endedWithBalance { return .unspentAtEnd }
        guard let used, let elapsed, elapsed > 0 else { return .noBenchmark }
        if used < elapsed * 0.75 { return .slow }
        if used > elapsed * 1.25, used - elapsed > 10 { return .ahead }
        return .onTrack
    }
}

/// A grant (a fund with an award) as its funder checks it: award, money in and out to a date,
/// time gone in its period, what is left and what is to be returned.
public struct GrantStatus: Sendable, Equatable {
    public var fund: String
    public var name: String
    public var funder: String
    public var funderKind: FunderKind
    public var periodStart: DayDate?
    public var periodEnd: DayDate?
    public var award: Rupiah
    /// The award in its own currency (minor units), when it was made in one.
    public var awardCurrency: String?
    public var awardForeign: Int64?
    public var received: Rupiah
    /// Received in the award's currency (minor units), net of reversals.
    public var receivedForeign: Int64?
    /// What the foreign money received would have been at the award's rate.
    public var receivedAtAwardRate: Rupiah?
    public var spent: Rupiah
    public var balance: Rupiah
    /// Spent as a share of the award, in percent.
    public var spentPercent: Double?
    /// Days of the period gone by `asOf`, in percent (0 to 100).
    public var elapsedPercent: Double?
    /// Whether the period's last day is on or before `asOf`.
    public var periodEnded: Bool
    /// The balance left when the period is over: to be returned to the funder.
    public var toReturn: Rupiah
    public var flag: BurnFlag

    /// Rupiah received minus the same foreign money at the award's rate.
    public var exchangeDifference: Rupiah? { get throws { try receivedAtAwardRate.map { try received - $0 } } }
    /// The award in its currency as a number (12000.00 for USD 12,000.00).
    public var awardForeignAmount: Double? {
        guard let currency = awardCurrency, let foreign = awardForeign else { return nil }
        return Double(foreign) / Double(ForeignAmount.power(ForeignAmount.currencies[currency] ?? 2))
    }
    /// The award's rate, rupiah per unit of its currency.
    public var awardRate: Double? {
        guard let currency = awardCurrency, let foreign = awardForeign, foreign > 0 else { return nil }
        return Double(award.amount) * Double(ForeignAmount.power(ForeignAmount.currencies[currency] ?? 2)) / Double(foreign)
    }
}

/// A budget line against its cap and the time gone in its fund's period.
public struct BudgetLineStatus: Sendable, Equatable {
    public var fund: String
    public var line: String
    public var budget: Rupiah?
    public var actual: Rupiah
    /// Budget minus actual: negative when over.
    public var variance: Rupiah? { get throws { try budget.map { try $0 - actual } } }
    public var usedPercent: Double?
    public var elapsedPercent: Double?
    public var flag: BurnFlag
}

/// A receipt in a foreign currency, against the rate of the award it belongs to.
public struct ForeignTranche: Sendable, Equatable {
    public var fund: String
    public var date: DayDate
    public var document: String
    public var memo: String?
    public var currency: String
    /// In minor units; negative for a reversal.
    public var foreignMinor: Int64
    /// Rupiah per unit, as the treasurer typed it.
    public var rate: String
    /// What the tranche was booked as.
    public var rupiah: Rupiah
    /// The same foreign money at the award's rate, when the award was made in this currency.
    public var atAwardRate: Rupiah?
    /// What the booked rupiah gained (positive) or lost against the award's rate; nil unless the
    /// award was made in this currency.
    public var difference: Rupiah? { get throws { try atAwardRate.map { try rupiah - $0 } } }
    /// The foreign amount in whole units (`1250.5`), for display only.
    public var foreignAmount: Double {
        Double(foreignMinor) / Double(ForeignAmount.power(ForeignAmount.currencies[currency] ?? 2))
    }
}

/// A budget line in a grant accountability report (LPJ): money and what it bought.
public struct LineRealisation: Sendable, Equatable {
    public var line: String
    public var budget: Rupiah?
    public var actual: Rupiah
    /// Budget minus actual: negative when the line is overspent; nil for a line without a budget.
    public var variance: Rupiah? { get throws { try budget.map { try $0 - actual } } }
    /// Actual as a percent of budget, one decimal; nil for a line without a budget or with a zero one.
    public var usedPercent: Double? { budget.flatMap { Percent.of(actual.amount, $0.amount) } }
    /// Spending vouchers on the line (net of reversed ones).
    public var vouchers: Int
    /// Training sessions the line paid for.
    public var sessions: Int
    /// Survivors who received money or goods from the line.
    public var recipients: Int
    /// Groups (KUBE) and cohorts that received money or goods.
    public var groups: Int
    public var inKind: Int
}

/// A spending voucher of a fund, for the list of vouchers a grant report attaches.
public struct SpendingVoucher: Sendable, Equatable {
    public var date: DayDate
    public var document: String
    public var line: String
    public var kind: EntryKind
    public var counterparty: String?
    /// `survivor`, `cohort`, `group` or `vendor`: a survivor's code is replaced by the funder's pseudonym in outgoing rows.
    public var counterpartyKind: String?
    public var memo: String?
    /// Positive for money out, negative for a reversal of it.
    public var amount: Rupiah
}

/// Figures a grant's funder asks for: budget versus actual against time, foreign tranches and
/// their exchange difference, the unspent balance to return, realisation per budget line.
public enum GrantAccountability {
    /// Spending kinds, and reversals of them, in SQL.
    static let spendingKinds = "('disbursement', 'expense', 'loan_out')"

    /// Days of `start...end` gone by `asOf`, in percent with one decimal.
    public static func elapsed(start: DayDate, end: DayDate, asOf: DayDate) -> Double {
        let total = end.dayNumber - start.dayNumber + 1
        let gone = min(max(asOf.dayNumber - start.dayNumber + 1, 0), total)
        return Percent.of(Int64(gone), Int64(total)) ?? 0
    }

    /// Every fund with an award (restricted grants), on `asOf`.
    public static func grants(asOf: DayDate, funderCode: String? = nil, fundCode: String? = nil,
                              in workspace: Workspace) throws -> [GrantStatus] {
        try workspace.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT fund.code, fund.name, funder.code AS funder, funder.kind AS funderKind, fund.periodStart, fund.periodEnd,
                  fund.awardAmount, fund.awardCurrency, fund.awardForeign,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) = 'receipt' THEN e.amount END), 0) AS received,
                  sum(CASE WHEN coalesce(r.kind, e.kind) = 'receipt' AND e.foreignCurrency = fund.awardCurrency
                      THEN CASE WHEN e.amount < 0 THEN -e.foreignAmount ELSE e.foreignAmount END END) AS receivedForeign,
                  -coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) IN \(spendingKinds) THEN e.amount END), 0) AS spent,
                  \(Balance.sql(funds: "= fund.id", .through, day: "?1")) AS balance
                FROM fund JOIN funder ON funder.id = fund.funderId
                LEFT JOIN ledger_entry e ON e.fundId = fund.id AND e.date <= ?1
                LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE fund.awardAmount IS NOT NULL AND (?2 IS NULL OR funder.code = ?2) AND (?3 IS NULL OR fund.code = ?3)
                GROUP BY fund.id ORDER BY fund.code
                """, arguments: [asOf, funderCode?.uppercased(), fundCode?.uppercased()]).map { row in
                let award: Rupiah = row["awardAmount"]
                let start: DayDate? = row["periodStart"], end: DayDate? = row["periodEnd"]
                let spent: Rupiah = row["spent"], balance: Rupiah = row["balance"]
                let awardForeign: Int64? = row["awardForeign"]
                let receivedForeign: Int64? = row["receivedForeign"]
                let atAwardRate = awardForeign.flatMap { af in
                    receivedForeign.map { Rupiah(Int64((Int128($0) * Int128(award.amount) + Int128(af) / 2) / Int128(af))) }
                }
                let elapsed = start.flatMap { s in end.map { GrantAccountability.elapsed(start: s, end: $0, asOf: asOf) } }
                let ended = end.map { $0 <= asOf } ?? false
                let used = Percent.of(spent.amount, award.amount)
                return GrantStatus(fund: row["code"], name: row["name"], funder: row["funder"], funderKind: FunderKind(rawValue: row["funderKind"]) ?? .individual,
                                   periodStart: start, periodEnd: end, award: award, awardCurrency: row["awardCurrency"],
                                   awardForeign: awardForeign, received: row["received"], receivedForeign: receivedForeign,
                                   receivedAtAwardRate: atAwardRate, spent: spent, balance: balance, spentPercent: used,
                                   elapsedPercent: elapsed, periodEnded: ended,
                                   toReturn: ended && balance.amount > 0 ? balance : .zero,
                                   flag: BurnFlag.of(used: used, elapsed: elapsed, over: spent > award,
                                                     endedWithBalance: ended && balance.amount > 0))
            }
        }
    }

    /// Every budget line of the funds chosen, spent to `asOf` against its cap and the time gone
    /// in its fund's period (funds without a period have no time to compare with).
    public static func lines(asOf: DayDate, funderCode: String? = nil, fundCode: String? = nil,
                             in workspace: Workspace) throws -> [BudgetLineStatus] {
        try workspace.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT fund.code AS fund, bl.code AS line, bl.cap, fund.periodStart, fund.periodEnd,
                  -coalesce((SELECT sum(e.amount) FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                             WHERE e.budgetLineId = bl.id AND e.date <= ?1 AND coalesce(r.kind, e.kind) IN \(spendingKinds)), 0) AS actual
                FROM budget_line bl JOIN fund ON fund.id = bl.fundId JOIN funder ON funder.id = fund.funderId
                WHERE (?2 IS NULL OR funder.code = ?2) AND (?3 IS NULL OR fund.code = ?3)
                ORDER BY fund.code, bl.id
                """, arguments: [asOf, funderCode?.uppercased(), fundCode?.uppercased()]).map { row in
                let cap: Rupiah? = row["cap"], actual: Rupiah = row["actual"]
                let start: DayDate? = row["periodStart"], end: DayDate? = row["periodEnd"]
                let elapsed = start.flatMap { s in end.map { GrantAccountability.elapsed(start: s, end: $0, asOf: asOf) } }
                let used = cap.flatMap { Percent.of(actual.amount, $0.amount) }
                // A line of a finished grant with money left says so, as the grant does.
                let ended = end.map { $0 <= asOf } ?? false
                return BudgetLineStatus(fund: row["fund"], line: row["line"], budget: cap, actual: actual, usedPercent: used,
                                        elapsedPercent: cap == nil ? nil : elapsed,
                                        flag: cap == nil ? .noBenchmark
                                            : BurnFlag.of(used: used, elapsed: elapsed, over: actual > cap!, endedWithBalance: ended && actual < cap!))
            }
        }
    }

    /// Receipts in a foreign currency in a period, with the award's rate where the award was
    /// made in the same currency.
    public static func foreignTranches(period: Period, funderCode: String? = nil, fundCode: String? = nil,
                                       in workspace: Workspace) throws -> [ForeignTranche] {
        try workspace.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT fund.code AS fund, e.date, e.document, e.memo, e.foreignCurrency, e.foreignAmount, e.rate, e.amount,
                  fund.awardAmount, fund.awardCurrency, fund.awardForeign
                FROM ledger_entry e JOIN fund ON fund.id = e.fundId JOIN funder ON funder.id = fund.funderId
                LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE e.foreignCurrency IS NOT NULL AND coalesce(r.kind, e.kind) = 'receipt' AND e.date BETWEEN ?1 AND ?2
                  AND (?3 IS NULL OR funder.code = ?3) AND (?4 IS NULL OR fund.code = ?4)
                ORDER BY fund.code, e.date, e.id
                """, arguments: [period.start, period.end, funderCode?.uppercased(), fundCode?.uppercased()]).map { row in
                let amount: Int64 = row["amount"], foreign: Int64 = row["foreignAmount"]
                let currency: String = row["foreignCurrency"]
                let signed = amount < 0 ? -foreign : foreign
                var atAward: Rupiah?
                if let awardCurrency: String = row["awardCurrency"], awardCurrency == currency,
                   let awardForeign: Int64 = row["awardForeign"], let award: Int64 = row["awardAmount"], awardForeign > 0 {
                    let value = (Int128(abs(signed)) * Int128(award) + Int128(awardForeign) / 2) / Int128(awardForeign)
                    atAward = Rupiah(signed < 0 ? -Int64(value) : Int64(value))
                }
                return ForeignTranche(fund: row["fund"], date: row["date"], document: row["document"], memo: row["memo"],
                                      currency: currency, foreignMinor: signed, rate: row["rate"], rupiah: Rupiah(amount),
                                      atAwardRate: atAward)
            }
        }
    }

    /// Per budget line of one fund, spent to `asOf`: money (net of reversals) and what it
    /// bought: vouchers, sessions paid for, survivors and groups who received it.
    public static func realisation(fundCode: String, asOf: DayDate, in workspace: Workspace) throws -> [LineRealisation] {
        try workspace.database.read { db in
            let fund = try Fund.require(code: fundCode, in: db)
            return try Row.fetchAll(db, sql: """
                SELECT bl.code AS line, bl.cap,
                  -coalesce(sum(CASE WHEN s.id IS NOT NULL THEN s.amount END), 0) AS actual,
                  count(DISTINCT CASE WHEN s.kind != 'reversal' AND s.reversed = 0 THEN s.id END) AS vouchers,
                  count(DISTINCT CASE WHEN s.reversed = 0 AND s.kind != 'reversal' THEN s.sessionId END) AS sessions,
                  count(DISTINCT CASE WHEN s.reversed = 0 AND s.kind != 'reversal' THEN s.survivorId END) AS recipients,
                  count(DISTINCT CASE WHEN s.reversed = 0 AND s.kind != 'reversal' AND s.counterpartyKind IN ('group', 'cohort')
                                      THEN s.counterpartyKind || ':' || s.counterparty END) AS groups,
                  count(DISTINCT CASE WHEN s.reversed = 0 AND s.kind != 'reversal' AND s.inKind = 1 THEN s.id END) AS inKind
                FROM budget_line bl
                LEFT JOIN (SELECT e.*, EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reversesId = e.id AND x.date <= ?1) AS reversed
                           FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                           WHERE e.date <= ?1 AND coalesce(r.kind, e.kind) IN \(spendingKinds)) s ON s.budgetLineId = bl.id
                WHERE bl.fundId = ?2
                GROUP BY bl.id ORDER BY bl.id
                """, arguments: [asOf, fund.id]).map { row in
                LineRealisation(line: row["line"], budget: row["cap"], actual: row["actual"], vouchers: row["vouchers"],
                                sessions: row["sessions"], recipients: row["recipients"], groups: row["groups"], inKind: row["inKind"])
            }
        }
    }

    /// Every spending voucher of one fund in a period (and the reversals of spending), oldest first.
    public static func spendingVouchers(fundCode: String, period: Period, in workspace: Workspace) throws -> [SpendingVoucher] {
        try Ledger.entries(fundCode: fundCode, period: period, in: workspace).compactMap { e in
            guard e.amount.amount != 0, let line = e.line else { return nil }
            let spending: Set<EntryKind> = [.disbursement, .expense, .loanOut]
            guard spending.contains(e.kind) || (e.kind == .reversal && e.amount.amount > 0) else { return nil }
            return SpendingVoucher(date: e.date, document: e.document, line: line, kind: e.kind, counterparty: e.counterparty,
                                   counterpartyKind: e.counterpartyKind, memo: e.memo, amount: Rupiah(-e.amount.amount))
        }
    }
}
