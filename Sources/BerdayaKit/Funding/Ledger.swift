import Foundation
import GRDB

/// Who money goes to.
public enum Recipient: Sendable, Equatable {
    case survivor(String)
    case cohort(String)
    /// A group such as a KUBE, by name.
    case group(String)
}

/// The common fields of an entry as the treasurer types them.
public struct Voucher: Sendable {
    public var date: DayDate
    /// The kwitansi (receipt) number.
    public var document: String
    public var memo: String?

    /// Takes the voucher as typed; the ledger checks it when it books.
    public init(date: DayDate, document: String, memo: String? = nil) {
        self.date = date
        self.document = document
        self.memo = memo
    }
}

/// The treasurer's ledger. Every function checks and books in one immediate transaction, so
/// two treasurers paying out at once can never overdraw a fund; every entry is final, and a
/// mistake is corrected by a reversal that points at it.
public enum Ledger {
    /// Money in: from the fund's funder unless said otherwise, in rupiah or converted from a
    /// foreign currency at the rate given.
    @discardableResult
    public static func receive(fundCode: String, amount: Rupiah?, foreign: ForeignAmount? = nil, line: String? = nil,
                               voucher: Voucher, in workspace: Workspace) throws -> LedgerEntry {
        if amount != nil, foreign != nil { throw FundingError.amountAndForeign(amount: "--amount", foreign: "--foreign") }
        guard let rupiah = foreign?.rupiah ?? amount, rupiah.amount > 0 else { throw FundingError.amountNotPositive }
        try rupiah.bounded(field: foreign == nil ? "--amount" : "--foreign")
        return try workspace.database.write { db in
            let fund = try Fund.require(code: fundCode, in: db)
            let funder = try Funder.fetchOne(db, key: fund.funderId)!
            var entry = try draft(fund, .receipt, rupiah, voucher, workspace)
            entry.budgetLineId = try line.map { try BudgetLine.require(fund: fund, code: $0, in: db).id! }
            entry.foreignCurrency = foreign?.currency
            entry.foreignAmount = foreign?.minorUnits
            entry.rate = foreign?.rate
            entry.counterpartyKind = "funder"
            entry.counterparty = funder.code
            return try book(&entry, fund: fund, in: db, workspace)
        }
    }

    /// Cash or goods to a survivor or a group. Zakat goes only to a survivor, with her asnaf.
    /// Capital for a business names it: the recipient must own it (or be its KUBE).
    @discardableResult
    public static func disburse(fundCode: String, to recipient: Recipient, amount: Rupiah, line: String,
                                asnaf: Asnaf? = nil, inKind: Bool = false, business: String? = nil, voucher: Voucher,
                                in workspace: Workspace) throws -> LedgerEntry {
        guard amount.amount > 0 else { throw FundingError.amountNotPositive }
        try amount.bounded(field: "--amount")
        return try workspace.database.write { db in
            let fund = try Fund.require(code: fundCode, in: db)
            var entry = try draft(fund, .disbursement, Rupiah(-amount.amount), voucher, workspace)
            entry.budgetLineId = try BudgetLine.require(fund: fund, code: line, in: db).id
            entry.inKind = inKind
            try setRecipient(&entry, recipient, fund: fund, asnaf: asnaf, in: db)
            if let business { try Businesses.link(&entry, business: business, in: db) }
            return try book(&entry, fund: fund, in: db, workspace)
        }
    }

    /// A program cost (training, materials, transport), linked to a training session where there is one.
    @discardableResult
    public static func expense(fundCode: String, amount: Rupiah, line: String, vendor: String?, session: SessionRef? = nil,
                               voucher: Voucher, in workspace: Workspace) throws -> LedgerEntry {
        guard amount.amount > 0 else { throw FundingError.amountNotPositive }
        try amount.bounded(field: "--amount")
        let vendor = try Text.optional(vendor, field: "--vendor", limit: 120)
        return try workspace.database.write { db in
            let fund = try Fund.require(code: fundCode, in: db)
            if fund.kind == .zakat { throw FundingError.zakatOnlyToSurvivors(kind: .expense) }
            var entry = try draft(fund, .expense, Rupiah(-amount.amount), voucher, workspace)
            entry.budgetLineId = try BudgetLine.require(fund: fund, code: line, in: db).id
            entry.counterpartyKind = vendor == nil ? nil : "vendor"
            entry.counterparty = vendor
            if let session {
                let (cohort, found) = try Curriculum.requireSession(session, in: db)
                entry.sessionId = found.id
                entry.cohortId = cohort.id
            }
            return try book(&entry, fund: fund, in: db, workspace)
        }
    }

    /// Moves money between funds where both allow it: zakat stays among zakat funds, and a
    /// restricted grant's money never leaves it.
    @discardableResult
    public static func transfer(from sourceCode: String, to targetCode: String, amount: Rupiah, line: String? = nil,
                                voucher: Voucher, in workspace: Workspace) throws -> (out: LedgerEntry, in: LedgerEntry) {
        guard amount.amount > 0 else { throw FundingError.amountNotPositive }
        try amount.bounded(field: "--amount")
        return try workspace.database.write { db in
            let source = try Fund.require(code: sourceCode, in: db)
            let target = try Fund.require(code: targetCode, in: db)
            try checkTransfer(from: source, to: target)
            var out = try draft(source, .transferOut, Rupiah(-amount.amount), voucher, workspace)
            out.budgetLineId = try line.map { try BudgetLine.require(fund: source, code: $0, in: db).id! }
            out.counterpartyKind = "fund"
            out.counterparty = target.code
            let booked = try book(&out, fund: source, in: db, workspace)
            var into = try draft(target, .transferIn, amount, voucher, workspace)
            into.counterpartyKind = "fund"
            into.counterparty = source.code
            into.transferPeerId = booked.id
            return (booked, try book(&into, fund: target, in: db, workspace))
        }
    }

    /// Books the mirror of entry `id` on `date`: the same fund, line and counterparty, the
    /// opposite amount. Both legs of a transfer are reversed together. An entry is reversed once.
    @discardableResult
    public static func reverse(entry id: Int64, on date: DayDate, reason: String, in workspace: Workspace) throws -> [LedgerEntry] {
        let reason = try Text.required(reason, field: "alasan / reason", limit: 300)
        return try workspace.database.write { db in
            guard let original = try LedgerEntry.fetchOne(db, key: id) else { throw FundingError.unknownEntry(id) }
            var legs = [original]
            if original.kind == .transferIn, let peer = original.transferPeerId { legs.insert(try LedgerEntry.fetchOne(db, key: peer)!, at: 0) }
            if original.kind == .transferOut, let peer = try LedgerEntry.filter({ $0.transferPeerId == id }).fetchOne(db) { legs.append(peer) }
            var booked: [LedgerEntry] = []
            for leg in legs {
                guard leg.kind != .reversal, leg.kind != .writeOff else { throw FundingError.cannotReverse(entry: leg.id!, kind: leg.kind) }
                if let earlier = try LedgerEntry.filter({ $0.reversesId == leg.id }).fetchOne(db) {
                    throw FundingError.alreadyReversed(entry: leg.id!, by: earlier.id!)
                }
                guard date >= leg.date else {
                    throw InputError.datesOutOfOrder(first: "transaksi / entry", firstValue: leg.date,
                                                     second: "pembalikan / reversal", secondValue: date)
                }
                if leg.kind == .loanOut, let loanId = leg.loanId {
                    var loan = try Loan.fetchOne(db, key: loanId)!
                    if try Loans.repaid(loanId: loanId, asOf: nil, in: db).amount > 0 { throw FundingError.loanHasRepayments(loan.code) }
                    loan.status = .cancelled
                    loan.closedOn = date
                    loan.closeReason = reason
                    try loan.update(db)
                }
                let fund = try Fund.fetchOne(db, key: leg.fundId)!
                var mirror = leg
                mirror.id = nil
                mirror.kind = .reversal
                try Ledger.requireSummable(fund, in: db)
                mirror.amount = try leg.amount.negated()
                mirror.date = date
                mirror.memo = reason
                mirror.reversesId = leg.id
                mirror.transferPeerId = nil
                mirror.bookedBy = workspace.actor
                mirror.bookedAt = AuditLog.timestamp(workspace.now())
                booked.append(try book(&mirror, fund: fund, in: db, workspace, isReversal: true))
            }
            return booked
        }
    }

    /// Entries of a fund in a period, oldest first.
    public static func entries(fundCode: String, period: Period? = nil, in workspace: Workspace) throws -> [LedgerLine] {
        try workspace.database.read { db in
            let fund = try Fund.require(code: fundCode, in: db)
            try requireSummable(fund, in: db)
            return try lines(fund: fund, period: period, in: db)
        }
    }

    /// The cash book (buku kas umum) of a fund for a period: opening balance, every entry with
    /// its running balance, and the closing balance.
    public static func cashBook(fundCode: String, period: Period, in workspace: Workspace) throws -> CashBook {
        try workspace.database.read { db in
            let fund = try Fund.require(code: fundCode, in: db)
            try requireSummable(fund, in: db)
            let opening = try Balance.of([fund.id!], .before, period.start, in: db)
            var running = opening
            var rows: [CashBook.Row] = []
            for line in try lines(fund: fund, period: period, in: db) {
                running = try running + line.amount
                rows.append(CashBook.Row(entry: line, balance: running))
            }
            return CashBook(fund: fund.code, name: fund.name, period: period, opening: opening, rows: rows, closing: running)
        }
    }

    // MARK: - Booking

    static func draft(_ fund: Fund, _ kind: EntryKind, _ amount: Rupiah, _ voucher: Voucher, _ workspace: Workspace) throws -> LedgerEntry {
        LedgerEntry(fundId: fund.id!, date: voucher.date, kind: kind, amount: amount,
                    document: try Text.required(voucher.document, field: "kwitansi / document", limit: 60),
                    memo: try Text.optional(voucher.memo, field: "keterangan / memo", limit: 500),
                    bookedBy: workspace.actor, bookedAt: AuditLog.timestamp(workspace.now()))
    }

    static func setRecipient(_ entry: inout LedgerEntry, _ recipient: Recipient, fund: Fund, asnaf: Asnaf?, in db: Database) throws {
        switch recipient {
        case let .survivor(code):
            let survivor = try Survivor.require(code: code, in: db)
            guard survivor.erasedOn == nil else { throw CohortsError.survivorErased(code: survivor.code) }
            entry.survivorId = survivor.id
            entry.counterpartyKind = "survivor"
            entry.counterparty = survivor.code
        case let .cohort(code):
            let cohort = try Cohort.require(code: code, in: db)
            entry.cohortId = cohort.id
            entry.counterpartyKind = "cohort"
            entry.counterparty = cohort.code
        case let .group(name):
            entry.counterpartyKind = "group"
            entry.counterparty = try Text.required(name, field: "--group", limit: 120)
        }
        if fund.kind == .zakat {
            guard entry.survivorId != nil else { throw FundingError.zakatNeedsSurvivor }
            guard let asnaf else { throw FundingError.zakatNeedsAsnaf }
            entry.asnaf = asnaf
        } else if asnaf != nil {
            throw FundingError.asnafOnlyForZakat
        }
    }

    static func checkTransfer(from source: Fund, to target: Fund) throws {
        let refuse = { (reason: Localized) in FundingError.transferNotAllowed(from: source.code, to: target.code, reason: reason) }
        if source.id == target.id {
            throw refuse(Localized(id: "dana asal dan tujuan sama.", en: "it is the same fund."))
        }
        if source.kind == .restricted {
            throw refuse(Localized(id: "dana hibah terikat hanya dibelanjakan pada mata anggarannya.",
                                   en: "a restricted grant is spent only on its own budget lines."))
        }
        if source.kind == .zakat, target.kind != .zakat {
            throw refuse(Localized(id: "zakat tidak boleh masuk ke dana selain zakat.", en: "zakat cannot go into a non-zakat fund."))
        }
        if target.kind == .zakat, source.kind != .zakat {
            throw refuse(Localized(id: "dana zakat hanya menerima zakat.", en: "a zakat fund takes only zakat."))
        }
    }

    /// The one place an entry is written. Checks, in the caller's immediate transaction: the
    /// date (not in the future, not before the fund opened, within a grant's period when money
    /// goes out), the budget line (needed for spending, within its cap), and the balance (never
    /// below zero on the entry's date or any later date).
    static func book(_ entry: inout LedgerEntry, fund: Fund, in db: Database, _ workspace: Workspace,
                     isReversal: Bool = false) throws -> LedgerEntry {
        try entry.amount.bounded(field: "--amount")
        // With every entry of the fund within Rupiah.maximum, the sums below cannot overflow.
        try requireSummable(fund, in: db)
        try entry.date.requireNotAfter(workspace.today, field: "tanggal / date")
        guard entry.date >= fund.openedOn else { throw FundingError.beforeFundOpened(fund: fund.code, opened: fund.openedOn) }
        let spending = [.disbursement, .expense, .loanOut].contains(entry.kind)
        if spending, entry.budgetLineId == nil { throw FundingError.budgetLineNeeded(fund: fund.code) }
        if fund.kind == .restricted, entry.amount.amount < 0, !isReversal,
           let start = fund.periodStart, let end = fund.periodEnd, !(start...end).contains(entry.date) {
            throw FundingError.outsideGrantPeriod(fund: fund.code, start: start, end: end)
        }
        if entry.amount.amount < 0 {
            if let lineId = entry.budgetLineId, let line = try BudgetLine.fetchOne(db, key: lineId), let cap = line.cap {
                let used = -(try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE budgetLineId = ?",
                                                arguments: [lineId]) ?? 0)
                let after = try Rupiah(used) - entry.amount
                if after > cap { throw FundingError.overCap(fund: fund.code, line: line.code, cap: cap, spent: after) }
            }
            // The balance on the entry's date and on every later date must stay at or above zero.
            let before = try Balance.of([fund.id!], .through, entry.date, in: db)
            var lowest = (try (before + entry.amount).amount, entry.date)
            var running = lowest.0
            for row in try Row.fetchAll(db, sql: """
                SELECT date, sum(amount) AS amount FROM ledger_entry WHERE fundId = ? AND date > ? GROUP BY date ORDER BY date
                """, arguments: [fund.id, entry.date]) {
                running = try (Rupiah(running) + Rupiah(row["amount"] as Int64)).amount
                if running < lowest.0 { lowest = (running, row["date"]) }
            }
            if lowest.0 < 0 { throw FundingError.overdraft(fund: fund.code, balance: Rupiah(lowest.0), on: lowest.1) }
        }
        try HashChain.append(&entry, in: db)
        try AuditLog.append(db, workspace, action: "ledger.\(entry.kind.rawValue)", record: "#\(entry.id!) \(fund.code)")
        return entry
    }

    /// Refuses to add up a fund whose entries include one stored beyond `Rupiah.maximum`
    /// (from before amounts were bounded), naming it; otherwise every sum over the fund fits.
    static func requireSummable(_ fund: Fund, in db: Database) throws {
        try StoredMoney.requireSummable(db, table: "ledger_entry", columns: ["amount", "coalesce(writtenOff, 0)"],
                                        where: "fundId = ?", arguments: [fund.id]) { id in
            Localized(id: "Transaksi #\(id) di dana \(fund.code)", en: "Entry #\(id) of fund \(fund.code)")
        }
    }

    /// The same for every fund at once, for summaries across the whole ledger.
    static func requireSummable(in db: Database) throws {
        try StoredMoney.requireSummable(db, table: "ledger_entry", columns: ["amount", "coalesce(writtenOff, 0)"]) { id in
            let code = try String.fetchOne(db, sql: "SELECT fund.code FROM ledger_entry e JOIN fund ON fund.id = e.fundId WHERE e.id = ?",
                                           arguments: [id]) ?? "?"
            return Localized(id: "Transaksi #\(id) di dana \(code)", en: "Entry #\(id) of fund \(code)")
        }
    }

    static func lines(fund: Fund, period: Period?, in db: Database) throws -> [LedgerLine] {
        var sql = """
            SELECT e.id, e.date, e.kind, e.amount, e.writtenOff, bl.code AS line, e.counterpartyKind, e.counterparty,
                   e.asnaf, e.inKind, e.document, e.memo, e.reversesId, e.foreignCurrency, e.foreignAmount, e.rate,
                   loan.code AS loan, e.bookedBy
            FROM ledger_entry e LEFT JOIN budget_line bl ON bl.id = e.budgetLineId LEFT JOIN loan ON loan.id = e.loanId
            WHERE e.fundId = ?
            """
        var arguments: StatementArguments = [fund.id]
        if let period {
            sql += " AND e.date BETWEEN ? AND ?"
            _ = arguments.append(contentsOf: [period.start, period.end])
        }
        return try LedgerLine.fetchAll(db, sql: sql + " ORDER BY e.date, e.id", arguments: arguments)
    }
}

/// An entry as the treasurer reads it.
public struct LedgerLine: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var date: DayDate
    public var kind: EntryKind
    public var amount: Rupiah
    /// For a write-off: the principal no longer expected back (no cash moves).
    public var writtenOff: Rupiah?
    public var line: String?
    public var counterpartyKind: String?
    public var counterparty: String?
    public var asnaf: Asnaf?
    public var inKind: Bool
    public var document: String
    public var memo: String?
    public var reversesId: Int64?
    public var foreignCurrency: String?
    public var foreignAmount: Int64?
    public var rate: String?
    /// The code of the loan it belongs to, for loan entries.
    public var loan: String?
    public var bookedBy: String
}

extension LedgerLine {
    /// The one description of an entry, as the command line, the web and the cash-book
    /// workbook show it: its kind, budget line, asnaf, the entry it reverses, its foreign amount
    /// and rate, what was written off, then the memo. The date, document, counterparty and
    /// amount stand in columns of their own.
    public func description(_ language: Language) -> String {
        var parts = [kind.label(language)]
        if let line { parts.append(BudgetLineLabels.label(line, language)) }
        if let asnaf { parts.append(asnaf.label(language)) }
        if let reversesId { parts.append(Localized(id: "membalik #\(reversesId)", en: "reverses #\(reversesId)")(language)) }
        if let foreignCurrency, let foreignAmount, let rate {
            parts.append(ForeignAmount.format(currency: foreignCurrency, minorUnits: foreignAmount) + " @ \(rate)")
        }
        if let writtenOff {
            parts.append(Localized(id: "dihapus \(writtenOff.formatted(.id))", en: "written off \(writtenOff.formatted(.en))")(language))
        }
        if let memo { parts.append(memo) }
        return parts.joined(separator: " · ")
    }
}

/// A fund's entries over a period, each with the running balance after it, between the opening
/// and closing balances.
public struct CashBook: Codable, Sendable, Equatable {
    /// An entry and the fund's balance after it.
    public struct Row: Codable, Sendable, Equatable {
        public var entry: LedgerLine
        public var balance: Rupiah
    }

    public var fund: String
    public var name: String
    public var period: Period
    public var opening: Rupiah
    public var rows: [Row]
    public var closing: Rupiah
}
