import Foundation
import GRDB

/// What a treasurer fills in to open a fund.
public struct FundPlan: Sendable {
    public var code: String
    public var name: String
    public var kind: FundKind
    public var funderCode: String
    public var openedOn: DayDate
    public var award: Rupiah?
    public var awardForeign: ForeignAmount?
    public var period: Period?

    /// Takes the plan as typed; `Funds.open` checks it.
    public init(code: String, name: String, kind: FundKind, funderCode: String, openedOn: DayDate,
                award: Rupiah? = nil, awardForeign: ForeignAmount? = nil, period: Period? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.funderCode = funderCode
        self.openedOn = openedOn
        self.award = award
        self.awardForeign = awardForeign
        self.period = period
    }
}

/// Funders, funds and their budget lines.
public enum Funds {
    /// Records a funder; refuses a code that is not 2 to 20 letters, digits or dashes, an empty
    /// name, and a code already taken.
    @discardableResult
    public static func addFunder(code: String, name: String, kind: FunderKind, in workspace: Workspace) throws -> Funder {
        let code = try validCode(code)
        let name = try Text.required(name, field: "nama / name", limit: 120)
        return try workspace.database.write { db in
            if try Funder.filter({ $0.code == code }).fetchCount(db) > 0 { throw FundingError.funderExists(code) }
            var funder = Funder(code: code, name: name, kind: kind, createdOn: workspace.today)
            try funder.insert(db)
            try AuditLog.append(db, workspace, action: "funder.add", record: code)
            return funder
        }
    }

    /// Every funder, by code.
    public static func funders(in workspace: Workspace) throws -> [Funder] {
        try workspace.database.read { try Funder.order { $0.code }.fetchAll($0) }
    }

    /// Opens a fund. A restricted grant needs its award and period; its award may have come in
    /// another currency.
    @discardableResult
    public static func open(_ plan: FundPlan, in workspace: Workspace) throws -> Fund {
        let code = try validCode(plan.code)
        let name = try Text.required(plan.name, field: "nama / name", limit: 120)
        let award = plan.award ?? plan.awardForeign?.rupiah
        if plan.kind == .restricted, award == nil || plan.period == nil { throw FundingError.awardNeeded }
        if let award, award.amount <= 0 { throw FundingError.amountNotPositive }
        if plan.award != nil, plan.awardForeign != nil { throw FundingError.amountAndForeign(amount: "--award", foreign: "--award-foreign") }
        try award?.bounded(field: plan.award == nil ? "--foreign" : "--award")
        try plan.openedOn.requireNotAfter(workspace.today, field: "tanggal buka / opening date")
        return try workspace.database.write { db in
            let funder = try Funder.require(code: plan.funderCode, in: db)
            if try Fund.filter({ $0.code == code }).fetchCount(db) > 0 { throw FundingError.fundExists(code) }
            var fund = Fund(code: code, name: name, kind: plan.kind, funderId: funder.id!, openedOn: plan.openedOn,
                            awardAmount: award, awardCurrency: plan.awardForeign?.currency,
                            awardForeign: plan.awardForeign?.minorUnits, periodStart: plan.period?.start,
                            periodEnd: plan.period?.end, createdOn: workspace.today)
            try fund.insert(db)
            try AuditLog.append(db, workspace, action: "fund.open", record: code)
            return fund
        }
    }

    /// Adds a budget line (training, materials, micro_grants, loan_capital, staff, monitoring ...)
    /// with an optional cap. The caps of a restricted grant may not add up to more than its award.
    @discardableResult
    public static func addBudgetLine(fundCode: String, line: String, cap: Rupiah?, in workspace: Workspace) throws -> BudgetLine {
        let code = line.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: "_")
        guard (2...30).contains(code.count), code.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }) else {
            throw FundingError.invalidCode(line)
        }
        if let cap, cap.amount <= 0 { throw FundingError.amountNotPositive }
        try cap?.bounded(field: "--cap")
        return try workspace.database.write { db in
            let fund = try Fund.require(code: fundCode, in: db)
            if try BudgetLine.filter({ $0.fundId == fund.id && $0.code == code }).fetchCount(db) > 0 {
                throw FundingError.budgetLineExists(fund: fund.code, line: code)
            }
            var budgetLine = BudgetLine(fundId: fund.id!, code: code, cap: cap)
            try budgetLine.insert(db)
            try AuditLog.append(db, workspace, action: "fund.line.add", record: fund.code)
            return budgetLine
        }
    }

    /// Every fund's budget lines, by fund code, in code order: what a payment form offers to
    /// choose from (the ledger still refuses a line the chosen fund does not have).
    public static func budgetLines(in workspace: Workspace) throws -> [String: [String]] {
        try workspace.database.read { db in
            var lines: [String: [String]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT f.code AS fund, l.code AS line FROM budget_line l JOIN fund f ON f.id = l.fundId ORDER BY f.code, l.code
                """) {
                lines[row["fund"], default: []].append(row["line"])
            }
            return lines
        }
    }

    /// Every fund, by code, without adding anything up: what a form lists even when one fund's
    /// balance cannot be computed (a row stored beyond the bound before v10).
    public static func list(in workspace: Workspace) throws -> [Fund] {
        try workspace.database.read { try Fund.order { $0.code }.fetchAll($0) }
    }

    /// Every fund with its funder and balance on `asOf`.
    public static func balances(asOf: DayDate, in workspace: Workspace) throws -> [FundBalance] {
        try workspace.database.read { db in
            try Ledger.requireSummable(in: db)
            return try FundBalance.fetchAll(db, sql: """
                SELECT fund.code, fund.name, fund.kind, funder.code AS funder, fund.awardAmount AS award,
                       \(Balance.sql(funds: "= fund.id", .through, day: "?")) AS balance
                FROM fund JOIN funder ON funder.id = fund.funderId ORDER BY fund.code
                """, arguments: [asOf])
        }
    }

    /// A fund's budget lines: cap, spent so far (net of reversals and loan repayments) and what is left.
    /// `place` narrows what each line has spent to a site's or cohort's entries, or the shared ones.
    public static func budget(fundCode: String, asOf: DayDate, place: EntryPlace = .all, in workspace: Workspace) throws -> FundBudget {
        try workspace.database.read { db in
            let fund = try Fund.require(code: fundCode, in: db)
            try Ledger.requireSummable(fund, in: db)
            let inPlace = try place.condition("e", in: db)
            let lines = try BudgetUse.fetchAll(db, sql: """
                SELECT budget_line.code AS line, budget_line.cap,
                       -coalesce((SELECT sum(amount) FROM ledger_entry e WHERE e.budgetLineId = budget_line.id AND e.date <= ?
                                  AND \(inPlace)), 0) AS spent
                FROM budget_line WHERE fundId = ? ORDER BY budget_line.id
                """, arguments: [asOf, fund.id])
            let balance = try Balance.of([fund.id!], .through, asOf, in: db)
            return FundBudget(fund: fund.code, name: fund.name, kind: fund.kind, award: fund.awardAmount,
                              awardCurrency: fund.awardCurrency, awardForeign: fund.awardForeign,
                              periodStart: fund.periodStart, periodEnd: fund.periodEnd, balance: balance, lines: lines)
        }
    }

    static func validCode(_ text: String) throws -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...20).contains(code.count),
              code.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) else {
            throw FundingError.invalidCode(text)
        }
        return code
    }
}

/// A fund with its funder and its balance on a day.
public struct FundBalance: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var name: String
    public var kind: FundKind
    public var funder: String
    public var award: Rupiah?
    public var balance: Rupiah
}

/// One budget line of a fund: its cap if it has one, and what was spent on it.
public struct BudgetUse: Codable, Sendable, Equatable, FetchableRecord {
    public var line: String
    public var cap: Rupiah?
    public var spent: Rupiah
    /// Both within an Int64 and the cap positive, so the difference fits: the cap is at most
    /// `Rupiah.maximum` and spent is a sum the ledger's bound keeps far from Int64.min.
    public var remaining: Rupiah? { cap.map { Rupiah($0.amount.subtractingReportingOverflow(spent.amount).partialValue) } }
}

/// A fund's award, grant period, balance and budget lines on a day.
public struct FundBudget: Codable, Sendable, Equatable {
    public var fund: String
    public var name: String
    public var kind: FundKind
    public var award: Rupiah?
    public var awardCurrency: String?
    public var awardForeign: Int64?
    public var periodStart: DayDate?
    public var periodEnd: DayDate?
    public var balance: Rupiah
    public var lines: [BudgetUse]
}
