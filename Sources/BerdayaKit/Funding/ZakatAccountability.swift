import Foundation
import GRDB

/// A zakat fund over a period: received, distributed, still held, and how long money waited
/// between arriving and reaching a mustahik.
public struct ZakatFlow: Sendable, Equatable {
    public var fund: String
    public var name: String
    public var opening: Rupiah
    public var received: Rupiah
    /// Paid to mustahik (disbursements and qard hasan loans), net of reversals.
    public var distributed: Rupiah
    /// Transfers, loan repayments and anything else that moved the balance.
    public var other: Rupiah
    /// Still held at the period's end.
    public var held: Rupiah
    /// Payments to mustahik in the period that the waiting time is measured over.
    public var payments: Int
    /// Days from receipt to distribution per payment (first in, first out), mean and median.
    public var meanDays: Double?
    public var medianDays: Double?
}

/// The statement of changes in zakat funds in the shape PSAK 109 gives it.
public struct ZakatStatement: Sendable, Equatable {
    /// Money into the zakat funds from one source.
    public struct Receipt: Sendable, Equatable {
        /// Where zakat money came from.
        public enum Source: Sendable, Equatable {
            /// From a funder (a zakat body or muzakki), by its code and name.
            case funder(code: String, name: String)
            /// Moved in from another zakat fund.
            case transferIn(fund: String)
            /// Qard hasan loans repaid into the fund.
            case loanRepayments
        }
        public var source: Source
        public var amount: Rupiah
    }

    public var funds: [String]
    public var opening: Rupiah
    public var receipts: [Receipt]
    /// Throws rather than overflow an Int64.
    public var receiptsTotal: Rupiah { get throws { try receipts.reduce(.zero) { try $0 + $1.amount } } }
    /// Every asnaf, in the order of the Qur'an (at-Tawbah 60), amil among them; zero where none.
    public var distribution: [(asnaf: Asnaf, amount: Rupiah)]
    /// Throws rather than overflow an Int64.
    public var distributionTotal: Rupiah { get throws { try distribution.reduce(.zero) { try $0 + $1.amount } } }
    /// The amil share: what went to asnaf amil. Zero when none was recorded.
    public var amil: Rupiah { distribution.first { $0.asnaf == .amil }?.amount ?? .zero }
    /// What else moved the balance (transfers out to other zakat funds, corrections).
    public var other: Rupiah
    public var closing: Rupiah

    /// Written out because tuples are not Equatable: the distribution compares by asnaf and amount.
    public static func == (a: ZakatStatement, b: ZakatStatement) -> Bool {
        a.funds == b.funds && a.opening == b.opening && a.receipts == b.receipts && a.other == b.other && a.closing == b.closing
            && a.distribution.map(\.asnaf) == b.distribution.map(\.asnaf) && a.distribution.map(\.amount) == b.distribution.map(\.amount)
    }
}

/// Zakat money as PSAK 109 and BAZNAS ask for it: flows per fund and the statement of changes
/// in zakat funds. Refuses a fund that is not a zakat fund.
public enum ZakatAccountability {
    /// Asnaf in the order of at-Tawbah 60, as PSAK 109 statements list them.
    public static let asnafOrder: [Asnaf] = [.fakir, .miskin, .amil, .muallaf, .riqab, .gharimin, .fisabilillah, .ibnuSabil]

    static func zakatFunds(_ fundCode: String?, in db: Database) throws -> [Fund] {
        if let fundCode {
            let fund = try Fund.require(code: fundCode, in: db)
            guard fund.kind == .zakat else { throw FundingError.notAZakatFund(fund.code) }
            return [fund]
        }
        return try Fund.filter { $0.kind == FundKind.zakat.rawValue }.order { $0.code }.fetchAll(db)
    }

    /// Per zakat fund (one, or all): the period's money and the days from receipt to distribution.
    /// Waiting time: money leaves in the order it came (first in, first out); each payment's days
    /// are the rupiah-weighted days since the receipts it drew on. Reversed entries and their
    /// reversals are left out of the matching.
    public static func flows(period: Period, fundCode: String? = nil, in workspace: Workspace) throws -> [ZakatFlow] {
        try workspace.database.read { db in
            try zakatFunds(fundCode, in: db).map { fund in
                let money = try Row.fetchOne(db, sql: """
                    SELECT
                      \(Balance.sql(funds: "= ?1", .before, day: "?2")) AS opening,
                      \(Balance.sql(funds: "= ?1", .through, day: "?3")) AS closing,
                      coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) = 'receipt' THEN e.amount END), 0) AS received,
                      -coalesce(sum(CASE WHEN coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out') THEN e.amount END), 0) AS distributed
                    FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                    WHERE e.fundId = ?1 AND e.date BETWEEN ?2 AND ?3
                    """, arguments: [fund.id, period.start, period.end])!
                let opening: Rupiah = money["opening"], closing: Rupiah = money["closing"]
                let received: Rupiah = money["received"], distributed: Rupiah = money["distributed"]
                // First in, first out, over the fund's whole history up to the period's end.
                let entries = try Row.fetchAll(db, sql: """
                    SELECT e.date, e.kind, e.amount FROM ledger_entry e
                    WHERE e.fundId = ? AND e.date <= ? AND e.kind != 'reversal' AND e.kind != 'write_off'
                      AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversesId = e.id)
                    ORDER BY e.date, CASE WHEN e.amount > 0 THEN 0 ELSE 1 END, e.id
                    """, arguments: [fund.id, period.end])
                var pool: [(date: DayDate, left: Int64)] = []
                var days: [Double] = []
                for row in entries {
                    let date: DayDate = row["date"], amount: Int64 = row["amount"], kind: String = row["kind"]
                    if amount > 0 { pool.append((date, amount)); continue }
                    var need = -amount, weighted = 0.0, drawn: Int64 = 0
                    while need > 0, !pool.isEmpty {
                        let take = min(need, pool[0].left)
                        weighted += Double(take) * Double(date.dayNumber - pool[0].date.dayNumber)
                        drawn += take
                        need -= take
                        pool[0].left -= take
                        if pool[0].left == 0 { pool.removeFirst() }
                    }
                    if ["disbursement", "loan_out"].contains(kind), period.contains(date), drawn > 0 {
                        days.append(weighted / Double(drawn))
                    }
                }
                let sorted = days.sorted()
                let median: Double? = sorted.isEmpty ? nil : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
                    : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
                return ZakatFlow(fund: fund.code, name: fund.name, opening: opening, received: received, distributed: distributed,
                                 other: try closing - opening - received + distributed, held: closing, payments: days.count,
                                 meanDays: days.isEmpty ? nil : days.reduce(0, +) / Double(days.count), medianDays: median)
            }
        }
    }

    /// The PSAK 109 statement of changes in zakat funds for a period, over one zakat fund or all.
    public static func statement(period: Period, fundCode: String? = nil, in workspace: Workspace) throws -> ZakatStatement {
        try workspace.database.read { db in
            let funds = try zakatFunds(fundCode, in: db)
            let ids = funds.compactMap(\.id)
            guard !ids.isEmpty else {
                return ZakatStatement(funds: [], opening: .zero, receipts: [],
                                      distribution: asnafOrder.map { ($0, Rupiah.zero) }, other: .zero, closing: .zero)
            }
            let list = ids.map(String.init).joined(separator: ",")
            let opening = try Balance.of(ids, .before, period.start, in: db)
            let closing = try Balance.of(ids, .through, period.end, in: db)
            let scope = """
                FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE e.fundId IN (\(list)) AND e.date BETWEEN ?1 AND ?2
                """
            var receipts: [ZakatStatement.Receipt] = []
            for row in try Row.fetchAll(db, sql: """
                SELECT funder.code, funder.name, sum(e.amount) AS amount
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId JOIN funder ON funder.id = f.funderId
                LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE e.fundId IN (\(list)) AND e.date BETWEEN ?1 AND ?2 AND coalesce(r.kind, e.kind) = 'receipt'
                GROUP BY funder.id HAVING sum(e.amount) != 0 ORDER BY funder.code
                """, arguments: [period.start, period.end]) {
                receipts.append(.init(source: .funder(code: row["code"], name: row["name"]), amount: row["amount"]))
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT e.counterparty, sum(e.amount) AS amount \(scope) AND coalesce(r.kind, e.kind) = 'transfer_in'
                GROUP BY e.counterparty HAVING sum(e.amount) != 0 ORDER BY e.counterparty
                """, arguments: [period.start, period.end]) {
                receipts.append(.init(source: .transferIn(fund: row["counterparty"] ?? "?"), amount: row["amount"]))
            }
            let repaid = try Rupiah.fetchOne(db, sql: "SELECT coalesce(sum(e.amount), 0) \(scope) AND coalesce(r.kind, e.kind) = 'loan_repayment'",
                                             arguments: [period.start, period.end]) ?? .zero
            if repaid.amount != 0 { receipts.append(.init(source: .loanRepayments, amount: repaid)) }
            var perAsnaf: [Asnaf: Rupiah] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT e.asnaf, -sum(e.amount) AS amount \(scope) AND e.asnaf IS NOT NULL
                  AND coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out') GROUP BY e.asnaf
                """, arguments: [period.start, period.end]) {
                if let asnaf = Asnaf(rawValue: row["asnaf"]) { perAsnaf[asnaf] = row["amount"] }
            }
            let distribution = asnafOrder.map { ($0, perAsnaf[$0] ?? .zero) }
            let received = try receipts.reduce(Rupiah.zero) { try $0 + $1.amount }
            let distributed = try distribution.reduce(Rupiah.zero) { try $0 + $1.1 }
            return ZakatStatement(funds: funds.map(\.code), opening: opening, receipts: receipts, distribution: distribution,
                                  other: try closing - opening - received + distributed, closing: closing)
        }
    }
}
