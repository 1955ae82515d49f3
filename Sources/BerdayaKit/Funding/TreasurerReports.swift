import Foundation
import GRDB

/// Summaries a treasurer reports to funders: money in and out per funder, zakat per asnaf.
public enum TreasurerReports {
    /// Received and spent per funder in a period. Spending counts disbursements, expenses and
    /// loans paid out, net of their reversals; transfers between funds are shown apart.
    public static func perFunder(period: Period, in workspace: Workspace) throws -> [FunderMoney] {
        try workspace.database.read { db in
            try Ledger.requireSummable(in: db)
            return try FunderMoney.fetchAll(db, sql: """
                SELECT funder.code AS funder, funder.name, funder.kind,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) = 'receipt' THEN e.amount END), 0) AS received,
                  -coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) IN ('disbursement', 'expense', 'loan_out') THEN e.amount END), 0) AS spent,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) = 'loan_repayment' THEN e.amount END), 0) AS repaid,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) IN ('transfer_in', 'transfer_out') THEN e.amount END), 0) AS transfers
                FROM funder JOIN fund ON fund.funderId = funder.id
                LEFT JOIN ledger_entry e ON e.fundId = fund.id AND e.date BETWEEN ? AND ?
                LEFT JOIN ledger_entry r ON r.id = e.reversesId
                GROUP BY funder.id ORDER BY funder.code
                """, arguments: [period.start, period.end])
        }
    }

    /// Zakat disbursed (and lent) per asnaf in a period, net of reversals, with how many
    /// different survivors received it.
    /// `fundCodes` narrows it to a set of funds, `survivorCodes` to a set of mustahik.
    public static func perAsnaf(period: Period, fundCode: String? = nil, fundCodes: Set<String>? = nil,
                                survivorCodes: Set<String>? = nil, in workspace: Workspace) throws -> [AsnafMoney] {
        try workspace.database.read { db in
            try Ledger.requireSummable(in: db)
            let fundId = try fundCode.map { try Fund.require(code: $0, in: db).id! }
            return try AsnafMoney.fetchAll(db, sql: """
                SELECT e.asnaf, count(DISTINCT e.survivorId) AS recipients, -sum(e.amount) AS amount
                FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE e.asnaf IS NOT NULL AND coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out')
                  AND e.date BETWEEN ?1 AND ?2 AND (?3 IS NULL OR e.fundId = ?3)
                  AND (?4 IS NULL OR e.fundId IN (SELECT id FROM fund WHERE code IN (SELECT value FROM json_each(?4))))
                  AND (?5 IS NULL OR e.survivorId IN (SELECT id FROM survivor WHERE code IN (SELECT value FROM json_each(?5))))
                GROUP BY e.asnaf HAVING sum(e.amount) != 0 ORDER BY e.asnaf
                """, arguments: [period.start, period.end, fundId, try fundCodes.map { try Reach.json(Array($0)) },
                                 try survivorCodes.map { try Reach.json(Array($0)) }])
        }
    }
}

/// What one funder's funds received, spent and had repaid over a period.
public struct FunderMoney: Codable, Sendable, Equatable, FetchableRecord {
    public var funder: String
    public var name: String
    public var kind: FunderKind
    public var received: Rupiah
    public var spent: Rupiah
    public var repaid: Rupiah
    /// Net transfers into this funder's funds (negative when money moved out).
    public var transfers: Rupiah
}

/// What went to one asnaf over a period.
public struct AsnafMoney: Codable, Sendable, Equatable, FetchableRecord {
    public var asnaf: Asnaf
    /// Distinct survivors (a reversed payment still counts its recipient).
    public var recipients: Int
    public var amount: Rupiah
}

extension TreasurerReports {
    /// Per fund: opening balance, received, spent (net of reversals) and closing balance over a
    /// period; transfers and loan repayments are the rest of the movement.
    /// `place` narrows it to the entries of a site or cohort, or to the shared ones (see `EntryPlace`);
    /// `fundCodes` to a set of funds.
    public static func perFund(period: Period, funderCode: String? = nil, fundCode: String? = nil, fundCodes: Set<String>? = nil,
                               place: EntryPlace = .all, in workspace: Workspace) throws -> [FundMoney] {
        try workspace.database.read { db in
            try Ledger.requireSummable(in: db)
            let (o, c, e) = (try place.condition("o", in: db), try place.condition("c", in: db), try place.condition("e", in: db))
            return try FundMoney.fetchAll(db, sql: """
                SELECT fund.code AS fund, fund.name, fund.kind, funder.code AS funder, fund.awardAmount AS award,
                  \(Balance.sql(funds: "= fund.id", .before, day: "?1", alias: "o", place: o)) AS opening,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) = 'receipt' THEN e.amount END), 0) AS received,
                  -coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) IN ('disbursement', 'expense', 'loan_out') THEN e.amount END), 0) AS spent,
                  coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) NOT IN ('receipt', 'disbursement', 'expense', 'loan_out') THEN e.amount END), 0) AS other,
                  \(Balance.sql(funds: "= fund.id", .through, day: "?2", alias: "c", place: c)) AS closing
                FROM fund JOIN funder ON funder.id = fund.funderId
                LEFT JOIN ledger_entry e ON e.fundId = fund.id AND e.date BETWEEN ?1 AND ?2 AND \(e)
                LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE (?3 IS NULL OR funder.code = ?3) AND (?4 IS NULL OR fund.code = ?4)
                  AND (?5 IS NULL OR fund.code IN (SELECT value FROM json_each(?5)))
                GROUP BY fund.id ORDER BY fund.code
                """, arguments: [period.start, period.end, funderCode?.uppercased(), fundCode?.uppercased(),
                                 try fundCodes.map { try Reach.json(Array($0)) }])
        }
    }

    /// Every zakat payment to a survivor (disbursements and loans with an asnaf) in a period,
    /// by her code, net of reversals, with her site and latest cohort.
    /// `fundCodes` narrows it to a set of funds, `survivorCodes` to a set of mustahik.
    public static func zakatPayments(period: Period, fundCode: String? = nil, fundCodes: Set<String>? = nil,
                                     survivorCodes: Set<String>? = nil, in workspace: Workspace) throws -> [ZakatPayment] {
        try workspace.database.read { db in
            try Ledger.requireSummable(in: db)
            let fundId = try fundCode.map { try Fund.require(code: $0, in: db).id! }
            return try ZakatPayment.fetchAll(db, sql: """
                SELECT e.date, fund.code AS fund, s.code AS survivor, site.code AS site, e.asnaf, e.document,
                  -(e.amount + coalesce((SELECT r.amount FROM ledger_entry r WHERE r.reversesId = e.id AND r.date <= ?2), 0)) AS amount,
                  (SELECT c.code FROM enrolment en JOIN cohort c ON c.id = en.cohortId WHERE en.survivorId = s.id
                   ORDER BY en.enrolledOn DESC, en.id DESC LIMIT 1) AS cohort,
                  (SELECT c.program FROM enrolment en JOIN cohort c ON c.id = en.cohortId WHERE en.survivorId = s.id
                   ORDER BY en.enrolledOn DESC, en.id DESC LIMIT 1) AS program
                FROM ledger_entry e JOIN fund ON fund.id = e.fundId JOIN survivor s ON s.id = e.survivorId
                JOIN site ON site.id = s.siteId
                WHERE e.asnaf IS NOT NULL AND e.kind IN ('disbursement', 'loan_out') AND e.date BETWEEN ?1 AND ?2
                  AND (?3 IS NULL OR e.fundId = ?3)
                ORDER BY e.date, e.id
                """, arguments: [period.start, period.end, fundId]).filter { (payment: ZakatPayment) -> Bool in
                    guard payment.amount.amount != 0 else { return false }
                    if let fundCodes, !fundCodes.contains(payment.fund) { return false }
                    if let survivorCodes, !survivorCodes.contains(payment.survivor) { return false }
                    return true
                }
        }
    }
}

/// One fund's movement over a period, from opening to closing balance.
public struct FundMoney: Codable, Sendable, Equatable, FetchableRecord {
    public var fund: String
    public var name: String
    public var kind: FundKind
    public var funder: String
    public var award: Rupiah?
    public var opening: Rupiah
    public var received: Rupiah
    public var spent: Rupiah
    /// Transfers, loan repayments and write-offs: what else moved the balance.
    public var other: Rupiah
    public var closing: Rupiah
}

/// One zakat payment to a survivor, with the asnaf she received it as.
public struct ZakatPayment: Codable, Sendable, Equatable, FetchableRecord {
    public var date: DayDate
    public var fund: String
    public var survivor: String
    public var site: String
    public var asnaf: Asnaf
    public var document: String
    /// Net of any reversal booked by the period's end.
    public var amount: Rupiah
    public var cohort: String?
    public var program: String?
}
