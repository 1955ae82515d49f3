import Foundation
import GRDB

/// What a treasurer fills in to lend.
public struct LoanPlan: Sendable {
    public var fundCode: String
    public var borrower: Recipient
    public var principal: Rupiah
    public var startDate: DayDate
    public var frequency: LoanFrequency
    public var instalments: Int
    public var line: String
    public var asnaf: Asnaf?
    public var document: String
    /// For a group borrower: the site it works at (a survivor's site is known).
    public var siteCode: String?
    /// The business the loan is capital for, if any.
    public var business: String?

    /// Takes the plan as typed; `Loans.issue` checks it.
    public init(fundCode: String, borrower: Recipient, principal: Rupiah, startDate: DayDate, frequency: LoanFrequency,
                instalments: Int, line: String, asnaf: Asnaf? = nil, document: String, siteCode: String? = nil,
                business: String? = nil) {
        self.siteCode = siteCode
        self.business = business
        self.fundCode = fundCode
        self.borrower = borrower
        self.principal = principal
        self.startDate = startDate
        self.frequency = frequency
        self.instalments = instalments
        self.line = line
        self.asnaf = asnaf
        self.document = document
    }
}

/// Qard hasan: interest-free revolving loans. Repayments flow back into the fund and are
/// applied to the oldest instalment first.
public enum Loans {
    /// Pays a loan out of a fund and fixes its schedule: equal instalments, the last one taking
    /// the remainder, so the schedule always sums to the principal.
    @discardableResult
    public static func issue(_ plan: LoanPlan, in workspace: Workspace) throws -> Loan {
        guard plan.principal.amount > 0 else { throw FundingError.amountNotPositive }
        try plan.principal.bounded(field: "--principal")
        guard (1...260).contains(plan.instalments) else {
            throw InputError.outOfRange(field: "jumlah angsuran / instalments", value: plan.instalments, range: 1...260)
        }
        if case .cohort = plan.borrower { throw FundingError.recipientNeeded }
        return try workspace.database.write { db in
            let fund = try Fund.require(code: plan.fundCode, in: db)
            let line = try BudgetLine.require(fund: fund, code: plan.line, in: db)
            let number = (try Int.fetchOne(db, sql: "SELECT count(*) FROM loan") ?? 0) + 1
            var entry = try Ledger.draft(fund, .loanOut, try plan.principal.negated(),
                                         Voucher(date: plan.startDate, document: plan.document), workspace)
            entry.budgetLineId = line.id
            try Ledger.setRecipient(&entry, plan.borrower, fund: fund, asnaf: plan.asnaf, in: db)
            if let business = plan.business { try Businesses.link(&entry, business: business, in: db) }
            var loan = Loan(code: String(format: "QH-%04d", number), fundId: fund.id!, budgetLineId: line.id!,
                            survivorId: entry.survivorId, groupName: entry.survivorId == nil ? entry.counterparty : nil,
                            siteId: try entry.survivorId.map { try Survivor.fetchOne(db, key: $0)!.siteId }
                                ?? plan.siteCode.map { try Site.require(code: $0, in: db).id! },
                            principal: plan.principal, startDate: plan.startDate, frequency: plan.frequency,
                            instalments: plan.instalments, status: .active)
            try loan.insert(db)
            for instalment in schedule(loanId: loan.id!, principal: plan.principal, start: plan.startDate,
                                       frequency: plan.frequency, count: plan.instalments) {
                try instalment.insert(db)
            }
            entry.loanId = loan.id
            entry.memo = loan.code
            _ = try Ledger.book(&entry, fund: fund, in: db, workspace)
            try AuditLog.append(db, workspace, action: "loan.issue", record: loan.code)
            return loan
        }
    }

    /// A repayment into the loan's fund and budget line. More than is owed is refused.
    @discardableResult
    public static func repay(loanCode: String, amount: Rupiah, voucher: Voucher, in workspace: Workspace) throws -> LedgerEntry {
        guard amount.amount > 0 else { throw FundingError.amountNotPositive }
        try amount.bounded(field: "--amount")
        return try workspace.database.write { db in
            let loan = try Loan.require(code: loanCode, in: db)
            try Ledger.requireSummable(try Fund.fetchOne(db, key: loan.fundId)!, in: db)
            guard loan.status == .active else { throw FundingError.loanClosed(loan.code, loan.status) }
            guard voucher.date >= loan.startDate else {
                throw InputError.datesOutOfOrder(first: "pinjaman / loan", firstValue: loan.startDate,
                                                 second: "angsuran / repayment", secondValue: voucher.date)
            }
            let outstanding = try loan.principal - (try repaid(loanId: loan.id!, asOf: nil, in: db))
            guard amount <= outstanding else { throw FundingError.repaysMoreThanOwed(loan: loan.code, outstanding: outstanding) }
            let fund = try Fund.fetchOne(db, key: loan.fundId)!
            var entry = try Ledger.draft(fund, .loanRepayment, amount, voucher, workspace)
            entry.budgetLineId = loan.budgetLineId
            entry.loanId = loan.id
            entry.survivorId = loan.survivorId
            entry.counterpartyKind = loan.survivorId == nil ? "group" : "survivor"
            entry.counterparty = try loan.survivorId.map { try Survivor.code(id: $0, in: db) }
                ?? loan.groupName
            return try Ledger.book(&entry, fund: fund, in: db, workspace)
        }
    }

    /// Writes off what is still owed, with the reason. No cash moves: the entry records the
    /// principal given up, and the loan leaves the portfolio.
    public static func writeOff(loanCode: String, on date: DayDate, reason: String, document: String,
                                in workspace: Workspace) throws {
        let reason = try Text.required(reason, field: "alasan / reason", limit: 300)
        try workspace.database.write { db in
            var loan = try Loan.require(code: loanCode, in: db)
            guard loan.status == .active else { throw FundingError.loanClosed(loan.code, loan.status) }
            try Ledger.requireSummable(try Fund.fetchOne(db, key: loan.fundId)!, in: db)
            let outstanding = try loan.principal - (try repaid(loanId: loan.id!, asOf: nil, in: db))
            guard outstanding.amount > 0 else { throw FundingError.repaysMoreThanOwed(loan: loan.code, outstanding: outstanding) }
            let fund = try Fund.fetchOne(db, key: loan.fundId)!
            var entry = try Ledger.draft(fund, .writeOff, .zero, Voucher(date: date, document: document, memo: reason), workspace)
            entry.writtenOff = outstanding
            entry.loanId = loan.id
            entry.budgetLineId = loan.budgetLineId
            _ = try Ledger.book(&entry, fund: fund, in: db, workspace)
            loan.status = .writtenOff
            loan.closedOn = date
            loan.closeReason = reason
            try loan.update(db)
            try AuditLog.append(db, workspace, action: "loan.write_off", record: loan.code)
        }
    }

    /// A loan's schedule on `asOf`, with what each instalment has received (oldest first),
    /// its arrears and how many days the oldest unpaid instalment is late.
    public static func statement(loanCode: String, asOf: DayDate, in workspace: Workspace) throws -> LoanStatement {
        try workspace.database.read { db in try statement(Loan.require(code: loanCode, in: db), asOf: asOf, in: db) }
    }

    /// The loan portfolio on `asOf`, per fund and site: outstanding, arrears, PAR30, repaid.
    /// Narrowed, when given, to a set of funds, a site (the loan's), and a set of borrowers (survivor
    /// codes: a group's loan then falls outside).
    public static func portfolio(asOf: DayDate, fundCode: String? = nil, fundCodes: Set<String>? = nil, siteCode: String? = nil,
                                 borrowerCodes: Set<String>? = nil, in workspace: Workspace) throws -> LoanPortfolio {
        try workspace.database.read { db in
            var request = Loan.order { $0.id }
            if let fundCode {
                let fundId = try Fund.require(code: fundCode, in: db).id
                request = request.filter { $0.fundId == fundId }
            }
            try Ledger.requireSummable(in: db)
            if let siteCode { _ = try Site.require(code: siteCode.uppercased(), in: db) }
            let statements = try request.fetchAll(db).filter { $0.startDate <= asOf }.map { try statement($0, asOf: asOf, in: db) }
                .filter { (s: LoanStatement) -> Bool in
                    if let fundCodes, !fundCodes.contains(s.fund) { return false }
                    if let siteCode, s.site != siteCode.uppercased() { return false }
                    if let borrowerCodes, !borrowerCodes.contains(s.borrower) { return false }
                    return true
                }
            var groups: [String: LoanPortfolio.Group] = [:]
            for s in statements where s.status == .active {
                let key = "\(s.fund)|\(s.site ?? "–")"
                var group = groups[key] ?? LoanPortfolio.Group(fund: s.fund, site: s.site ?? "–", loans: 0, principal: .zero,
                                                               repaid: .zero, outstanding: .zero, arrears: .zero, atRisk30: .zero,
                                                               par30Percent: nil)
                group.loans += 1
                group.principal = try group.principal + s.principal
                group.repaid = try group.repaid + s.repaid
                group.outstanding = try group.outstanding + s.outstanding
                group.arrears = try group.arrears + s.arrears
                if s.daysLate > 30 { group.atRisk30 = try group.atRisk30 + s.outstanding }
                group.par30Percent = Percent.of(group.atRisk30.amount, group.outstanding.amount)
                groups[key] = group
            }
            return LoanPortfolio(asOf: asOf, groups: groups.values.sorted { ($0.fund, $0.site) < ($1.fund, $1.site) },
                                 loans: statements)
        }
    }

    // MARK: - Internals

    static func schedule(loanId: Int64, principal: Rupiah, start: DayDate, frequency: LoanFrequency, count: Int) -> [LoanInstalment] {
        let base = principal.amount / Int64(count)
        return (1...count).map { number in
            let due = frequency == .weekly ? start.adding(days: 7 * number) : start.adding(months: number)
            let amount = number == count ? principal.amount - base * Int64(count - 1) : base
            return LoanInstalment(loanId: loanId, number: number, dueDate: due, amount: Rupiah(amount))
        }
    }

    /// Repayments net of reversed repayments, up to `asOf` (all when nil).
    static func repaid(loanId: Int64, asOf: DayDate?, in db: Database) throws -> Rupiah {
        try Rupiah.fetchOne(db, sql: """
            SELECT coalesce(sum(e.amount), 0) FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
            WHERE e.loanId = ? AND (e.kind = 'loan_repayment' OR r.kind = 'loan_repayment') AND (? IS NULL OR e.date <= ?)
            """, arguments: [loanId, asOf, asOf]) ?? .zero
    }

    static func statement(_ loan: Loan, asOf: DayDate, in db: Database) throws -> LoanStatement {
        let fund = try Fund.fetchOne(db, key: loan.fundId)!
        // The loan's entries are all in its fund: bounded there, every sum below fits.
        try Ledger.requireSummable(fund, in: db)
        let instalments = try LoanInstalment.filter { $0.loanId == loan.id }.order { $0.number }.fetchAll(db)
        let repaidSoFar = try repaid(loanId: loan.id!, asOf: asOf, in: db)
        var left = repaidSoFar.amount
        var lines: [LoanStatement.Line] = []
        var arrears: Int64 = 0
        var oldestLate: DayDate?
        for instalment in instalments {
            let paid = min(left, instalment.amount.amount)
            left -= paid
            let unpaid = try (instalment.amount - Rupiah(paid)).amount
            let late = unpaid > 0 && instalment.dueDate < asOf
            if late {
                arrears = try (Rupiah(arrears) + Rupiah(unpaid)).amount
                if oldestLate == nil { oldestLate = instalment.dueDate }
            }
            lines.append(LoanStatement.Line(number: instalment.number, dueDate: instalment.dueDate, amount: instalment.amount,
                                            paid: Rupiah(paid), daysLate: late ? asOf.dayNumber - instalment.dueDate.dayNumber : 0))
        }
        let borrower = try loan.survivorId.map { try Survivor.code(id: $0, in: db) }
        let site = try loan.siteId.flatMap { try String.fetchOne(db, sql: "SELECT code FROM site WHERE id = ?", arguments: [$0]) }
        let active = loan.status == .active
        return LoanStatement(code: loan.code, fund: fund.code, borrower: borrower ?? loan.groupName ?? "?", site: site,
                             principal: loan.principal, startDate: loan.startDate, frequency: loan.frequency,
                             status: loan.status, repaid: repaidSoFar,
                             outstanding: active ? try loan.principal - repaidSoFar : .zero,
                             arrears: active ? Rupiah(arrears) : .zero,
                             daysLate: active ? oldestLate.map { asOf.dayNumber - $0.dayNumber } ?? 0 : 0,
                             instalments: lines)
    }
}

/// A loan on a day: what was repaid, what is outstanding and overdue, and how each instalment
/// stands. Repayments pay instalments oldest first.
public struct LoanStatement: Codable, Sendable, Equatable {
    /// One instalment, what of it was paid, and the days it is overdue (zero unless due before
    /// the day and unpaid).
    public struct Line: Codable, Sendable, Equatable {
        public var number: Int
        public var dueDate: DayDate
        public var amount: Rupiah
        /// What of it the repayments covered, paying instalments oldest first.
        public var paid: Rupiah
        public var daysLate: Int
    }

    public var code: String
    public var fund: String
    public var borrower: String
    public var site: String?
    public var principal: Rupiah
    public var startDate: DayDate
    public var frequency: LoanFrequency
    public var status: LoanStatus
    public var repaid: Rupiah
    /// What is still owed (zero once written off or cancelled).
    public var outstanding: Rupiah
    /// The unpaid part of instalments already due.
    public var arrears: Rupiah
    /// Days since the oldest unpaid instalment fell due.
    public var daysLate: Int
    public var instalments: [Line]
}

/// Every loan started by a day (within the scope asked for), with totals and PAR30 per fund and site.
public struct LoanPortfolio: Codable, Sendable, Equatable {
    /// The loans of one fund at one site ("–" for loans with no site).
    public struct Group: Codable, Sendable, Equatable {
        public var fund: String
        public var site: String
        public var loans: Int
        public var principal: Rupiah
        public var repaid: Rupiah
        public var outstanding: Rupiah
        public var arrears: Rupiah
        /// Outstanding principal of loans with an instalment more than 30 days late.
        public var atRisk30: Rupiah
        /// PAR30 in percent with one decimal; nil with nothing outstanding.
        public var par30Percent: Double?
    }

    public var asOf: DayDate
    public var groups: [Group]
    public var loans: [LoanStatement]
}
