import Foundation
import GRDB

/// Summaries a treasurer reports to funders: money in and out per funder, zakat per asnaf.
public enum TreasurerReports {
    /// Received and spent per funder in a period. Spending counts disbursements, expenses and
    /// loans paid out, net of their reversals; transfers between funds are shown apart.
    public static func perFunder(period: Period, in workspace: Workspace) throws -> [FunderMoney] {
        try workspace.database.read { db in
            try FunderMoney.fetchAll(db, sql: """
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
    public static func perAsnaf(period: Period, fundCode: String? = nil, in workspace: Workspace) throws -> [AsnafMoney] {
        try workspace.database.read { db in
            let fundId = try fundCode.map { try Fund.require(code: $0, in: db).id! }
            return try AsnafMoney.fetchAll(db, sql: """
                SELECT e.asnaf, count(DISTINCT e.survivorId) AS recipients, -sum(e.amount) AS amount
                FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE e.asnaf IS NOT NULL AND coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out')
                  AND e.date BETWEEN ? AND ? AND (? IS NULL OR e.fundId = ?)
                GROUP BY e.asnaf HAVING sum(e.amount) != 0 ORDER BY e.asnaf
                """, arguments: [period.start, period.end, fundId, fundId])
        }
    }
}

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

public struct AsnafMoney: Codable, Sendable, Equatable, FetchableRecord {
    public var asnaf: Asnaf
    /// Distinct survivors (a reversed payment still counts its recipient).
    public var recipients: Int
    public var amount: Rupiah
}
