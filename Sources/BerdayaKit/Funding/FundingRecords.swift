import Foundation
import GRDB

/// An organisation or person that gives money: BAZNAS, a Dinas, a bank program, a donor.
public struct Funder: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var name: String
    public var kind: FunderKind
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Funder {
    /// The table's columns, for requests that filter and sort Funder records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let name = Column(CodingKeys.name)
        static let kind = Column(CodingKeys.kind)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// A pot of money with one owner and one purpose. Funds never mix: every rupiah in and out
/// of the program belongs to exactly one.
public struct Fund: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var name: String
    public var kind: FundKind
    public var funderId: Int64
    /// No entry may be dated before this.
    public var openedOn: DayDate
    /// For a restricted grant: the award in rupiah and, if foreign, in its currency.
    public var awardAmount: Rupiah?
    /// The award's ISO 4217 currency, when it was made in one other than rupiah.
    public var awardCurrency: String?
    /// The award in that currency's minor units.
    public var awardForeign: Int64?
    /// For a restricted grant: the period its money may be spent in.
    public var periodStart: DayDate?
    public var periodEnd: DayDate?
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Fund {
    /// The table's columns, for requests that filter and sort Fund records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let name = Column(CodingKeys.name)
        static let kind = Column(CodingKeys.kind)
        static let funderId = Column(CodingKeys.funderId)
        static let openedOn = Column(CodingKeys.openedOn)
        static let awardAmount = Column(CodingKeys.awardAmount)
        static let awardCurrency = Column(CodingKeys.awardCurrency)
        static let awardForeign = Column(CodingKeys.awardForeign)
        static let periodStart = Column(CodingKeys.periodStart)
        static let periodEnd = Column(CodingKeys.periodEnd)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// What a fund's money may be spent on, with a cap for a restricted grant.
public struct BudgetLine: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "budget_line"
    public var id: Int64?
    public var fundId: Int64
    public var code: String
    /// Nil means no cap (only the fund's balance limits it).
    public var cap: Rupiah?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func require(fund: Fund, code: String, in db: Database) throws -> BudgetLine {
        guard let line = try BudgetLine.filter({ $0.fundId == fund.id && $0.code == code.lowercased() })
            .fetchOne(db) else { throw FundingError.unknownBudgetLine(fund: fund.code, line: code) }
        return line
    }
}

extension BudgetLine {
    /// The table's columns, for requests that filter and sort BudgetLine records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let fundId = Column(CodingKeys.fundId)
        static let code = Column(CodingKeys.code)
        static let cap = Column(CodingKeys.cap)
    }
}

/// One booked movement of money. Never edited, never deleted.
public struct LedgerEntry: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "ledger_entry"
    public var id: Int64?
    public var fundId: Int64
    public var date: DayDate
    public var kind: EntryKind
    /// Signed: positive into the fund, negative out of it; zero only for a write-off.
    public var amount: Rupiah
    /// For a write-off: the principal no longer expected back (no cash moves).
    public var writtenOff: Rupiah?
    /// The budget line it is charged to, if any.
    public var budgetLineId: Int64?
    /// For money that arrived in another currency: its ISO 4217 code (set together with
    /// `foreignAmount` and `rate`).
    public var foreignCurrency: String?
    /// That money in the currency's minor units.
    public var foreignAmount: Int64?
    /// Rupiah per unit of the currency, as the treasurer typed it.
    public var rate: String?
    /// Who the money came from or went to: survivor, cohort, group, vendor, funder or fund.
    public var counterpartyKind: String?
    /// That counterparty's code or name as booked.
    public var counterparty: String?
    public var survivorId: Int64?
    public var cohortId: Int64?
    public var sessionId: Int64?
    public var asnaf: Asnaf?
    public var inKind: Bool = false
    public var document: String
    public var memo: String?
    /// For a reversal: the entry it cancels; an entry is reversed at most once.
    public var reversesId: Int64?
    /// For the receiving leg of a transfer: the paying leg in the other fund.
    public var transferPeerId: Int64?
    public var loanId: Int64?
    /// The user who booked it.
    public var bookedBy: String
    /// When it was booked, in UTC (`2026-03-01T09:30:00Z`).
    public var bookedAt: String
    /// The survivor's business the money went to, when it was capital for one.
    public var businessId: Int64?
    /// The entry's link in the ledger's hash chain (`HashChain`), set when it is booked.
    public var chainHash: Data?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension LedgerEntry {
    /// The table's columns, for requests that filter and sort LedgerEntry records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let fundId = Column(CodingKeys.fundId)
        static let date = Column(CodingKeys.date)
        static let kind = Column(CodingKeys.kind)
        static let amount = Column(CodingKeys.amount)
        static let writtenOff = Column(CodingKeys.writtenOff)
        static let budgetLineId = Column(CodingKeys.budgetLineId)
        static let foreignCurrency = Column(CodingKeys.foreignCurrency)
        static let foreignAmount = Column(CodingKeys.foreignAmount)
        static let rate = Column(CodingKeys.rate)
        static let counterpartyKind = Column(CodingKeys.counterpartyKind)
        static let counterparty = Column(CodingKeys.counterparty)
        static let survivorId = Column(CodingKeys.survivorId)
        static let cohortId = Column(CodingKeys.cohortId)
        static let sessionId = Column(CodingKeys.sessionId)
        static let asnaf = Column(CodingKeys.asnaf)
        static let inKind = Column(CodingKeys.inKind)
        static let document = Column(CodingKeys.document)
        static let memo = Column(CodingKeys.memo)
        static let reversesId = Column(CodingKeys.reversesId)
        static let transferPeerId = Column(CodingKeys.transferPeerId)
        static let loanId = Column(CodingKeys.loanId)
        static let bookedBy = Column(CodingKeys.bookedBy)
        static let bookedAt = Column(CodingKeys.bookedAt)
        static let businessId = Column(CodingKeys.businessId)
        static let chainHash = Column(CodingKeys.chainHash)
    }
}

/// A qard hasan (interest-free) loan from a fund to a survivor or a group.
public struct Loan: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var fundId: Int64
    /// The budget line the loan's capital is charged to.
    public var budgetLineId: Int64
    public var survivorId: Int64?
    /// For a group's loan (a KUBE's): the group's name; nil for a survivor's.
    public var groupName: String?
    /// The borrower's site: a survivor's own, or the one given for a group.
    public var siteId: Int64?
    public var principal: Rupiah
    public var startDate: DayDate
    public var frequency: LoanFrequency
    public var instalments: Int
    public var status: LoanStatus
    /// When it was written off or cancelled; nil while active.
    public var closedOn: DayDate?
    public var closeReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Loan {
    /// The table's columns, for requests that filter and sort Loan records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let fundId = Column(CodingKeys.fundId)
        static let budgetLineId = Column(CodingKeys.budgetLineId)
        static let survivorId = Column(CodingKeys.survivorId)
        static let groupName = Column(CodingKeys.groupName)
        static let siteId = Column(CodingKeys.siteId)
        static let principal = Column(CodingKeys.principal)
        static let startDate = Column(CodingKeys.startDate)
        static let frequency = Column(CodingKeys.frequency)
        static let instalments = Column(CodingKeys.instalments)
        static let status = Column(CodingKeys.status)
        static let closedOn = Column(CodingKeys.closedOn)
        static let closeReason = Column(CodingKeys.closeReason)
    }
}

/// One instalment of a loan's schedule, fixed when the loan is issued.
public struct LoanInstalment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "loan_instalment"
    public var loanId: Int64
    public var number: Int
    public var dueDate: DayDate
    public var amount: Rupiah
}

extension LoanInstalment {
    /// The table's columns, for requests that filter and sort LoanInstalment records.
    public enum Columns {
        static let loanId = Column(CodingKeys.loanId)
        static let number = Column(CodingKeys.number)
        static let dueDate = Column(CodingKeys.dueDate)
        static let amount = Column(CodingKeys.amount)
    }
}

extension Funder: CodedRecord {
    static func unknown(code: String) -> any Error { FundingError.unknownFunder(code) }
}

extension Fund: CodedRecord {
    static func unknown(code: String) -> any Error { FundingError.unknownFund(code) }
}

extension Loan: CodedRecord {
    static func unknown(code: String) -> any Error { FundingError.unknownLoan(code) }
}
