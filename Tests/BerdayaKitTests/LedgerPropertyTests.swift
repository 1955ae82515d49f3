import Foundation
import GRDB
import PropertyBased
import Testing
@testable import BerdayaKit

/// Long random sequences of the treasurer's operations; after every step the ledger's
/// promises must hold, whether the step was booked or refused.
@Suite struct LedgerPropertyTests {
    static let funds = ["INFAQ", "ZAKAT", "ZAKAT2", "GRANT"]

    @Test func theLedgerKeepsItsPromisesUnderRandomSequences() async {
        await propertyCheck(count: 12, input: Gen.int(in: 0...9_999_999).array(of: 20...90)) { operations in
            let money = try Money()
            let w = money.fixture.workspace
            let asnafs = Asnaf.allCases
            // Every fund starts with money, so a sequence without a receipt still books and
            // tests something (a sequence of refusals alone proved nothing and failed now and then).
            for fund in Self.funds {
                try Ledger.receive(fundCode: fund, amount: Rupiah(10_000_000),
                                   voucher: Voucher(date: DayDate(year: 2025, month: 1, day: 2)!, document: "SALDO-\(fund)"), in: w)
            }
            for (step, op) in operations.enumerated() {
                let date = DayDate(year: 2025, month: 1, day: 5)!.adding(days: step * 3)
                let fund = Self.funds[(op / 8) % Self.funds.count]
                let other = Self.funds[(op / 32) % Self.funds.count]
                let amount = Rupiah(Int64((op / 128) % 40 + 1) * 250_000)
                let voucher = Voucher(date: date, document: "KW-\(step)")
                let zakat = fund.hasPrefix("ZAKAT")
                do {
                    switch op % 8 {
                    case 0:
                        try Ledger.receive(fundCode: fund, amount: Rupiah(amount.amount * 3), voucher: voucher, in: w)
                    case 1:
                        try Ledger.disburse(fundCode: fund, to: .survivor(money.survivor), amount: amount, line: "micro_grants",
                                            asnaf: zakat ? asnafs[op % asnafs.count] : nil, voucher: voucher, in: w)
                    case 2:
                        try Ledger.expense(fundCode: fund, amount: amount, line: "training", vendor: "Toko", voucher: voucher, in: w)
                    case 3:
                        try Ledger.transfer(from: fund, to: other, amount: amount, voucher: voucher, in: w)
                    case 4:
                        let ids = try w.database.read { try Int64.fetchAll($0, sql: "SELECT id FROM ledger_entry") }
                        if !ids.isEmpty {
                            try Ledger.reverse(entry: ids[(op / 8) % ids.count], on: date, reason: "koreksi", in: w)
                        }
                    case 5:
                        try Loans.issue(LoanPlan(fundCode: fund, borrower: .survivor(money.survivor), principal: amount,
                                                 startDate: date, frequency: op % 3 == 0 ? .weekly : .monthly,
                                                 instalments: (op / 64) % 12 + 1, line: "loan_capital",
                                                 asnaf: zakat ? .gharimin : nil, document: "KW-\(step)"), in: w)
                    case 6:
                        let loans = try w.database.read { try String.fetchAll($0, sql: "SELECT code FROM loan") }
                        if !loans.isEmpty {
                            try Loans.repay(loanCode: loans[(op / 8) % loans.count], amount: Rupiah(amount.amount / 5),
                                            voucher: voucher, in: w)
                        }
                    default:
                        let loans = try w.database.read { try String.fetchAll($0, sql: "SELECT code FROM loan") }
                        if !loans.isEmpty, op % 5 == 0 {
                            try Loans.writeOff(loanCode: loans[(op / 8) % loans.count], on: date, reason: "pindah", document: "BA", in: w)
                        }
                    }
                } catch {
                    #expect(error is any UserFacingError, "step \(step): \(error)")
                    if case StorageError.sqlite = error { Issue.record("a raw database error reached the service: \(error)") }
                }
                try Self.checkInvariants(money, step: step)
            }
            let booked = try w.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM ledger_entry") ?? 0 }
            #expect(booked > Self.funds.count, "the sequence booked nothing after the opening receipts, so it proved nothing")
        }
    }

    static func checkInvariants(_ money: Money, step: Int) throws {
        let w = money.fixture.workspace
        try w.database.read { db in
            // No fund is below zero on any day.
            for fundId in try Int64.fetchAll(db, sql: "SELECT id FROM fund") {
                var running: Int64 = 0
                for amount in try Int64.fetchAll(db, sql: """
                    SELECT sum(amount) FROM ledger_entry WHERE fundId = ? GROUP BY date ORDER BY date
                    """, arguments: [fundId]) {
                    running += amount
                    #expect(running >= 0, "step \(step): fund \(fundId) went to \(running)")
                }
            }
            // Every reversal mirrors exactly one entry of the same fund, and no entry is reversed twice.
            for row in try Row.fetchAll(db, sql: """
                SELECT r.amount AS reversal, o.amount AS original, r.fundId = o.fundId AS sameFund, o.kind AS kind
                FROM ledger_entry r JOIN ledger_entry o ON o.id = r.reversesId WHERE r.kind = 'reversal'
                """) {
                #expect((row["reversal"] as Int64) == -(row["original"] as Int64))
                #expect(row["sameFund"] as Bool)
                #expect(row["kind"] as String != "reversal")
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry WHERE kind = 'reversal'")
                == Int.fetchOne(db, sql: "SELECT count(DISTINCT reversesId) FROM ledger_entry WHERE kind = 'reversal'"))
            // Zakat never reaches a non-zakat fund.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ledger_entry i JOIN fund fi ON fi.id = i.fundId
                JOIN ledger_entry o ON o.id = i.transferPeerId JOIN fund fo ON fo.id = o.fundId
                WHERE (fo.kind = 'zakat') != (fi.kind = 'zakat')
                """) == 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
                WHERE f.kind = 'zakat' AND e.kind IN ('disbursement', 'loan_out') AND (e.asnaf IS NULL OR e.survivorId IS NULL)
                """) == 0)
            // Loan schedules sum to their principals; nobody owes less than nothing.
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM loan WHERE principal != (SELECT sum(amount) FROM loan_instalment WHERE loanId = loan.id)
                """) == 0)
        }
        // The cash book's running balance ends where the fund's balance is.
        let balances = try Funds.balances(asOf: Fixture.today, in: w)
        for fund in funds {
            let book = try Ledger.cashBook(fundCode: fund, period: Period(parsing: "2024-01-01..2026-01-15"), in: w)
            #expect(book.closing == balances.first { $0.code == fund }?.balance)
        }
        for loan in try Loans.portfolio(asOf: Fixture.today, in: w).loans {
            #expect(loan.outstanding.amount >= 0 && loan.outstanding <= loan.principal, "step \(step): \(loan.code)")
        }
    }

    @Test func simultaneousDisbursementsNeverOverdrawAFund() throws {
        let money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(10_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        // Four separate connection pools on one file stand in for four treasurers' processes.
        let workspaces = try (0..<4).map { index in
            try Workspace(database: AppDatabase.open(at: money.fixture.path),
                          vault: .failure(.keyMissing(path: "")), actor: "bendahara-\(index)", today: Fixture.today)
        }
        let booked = LockedCounter()
        DispatchQueue.concurrentPerform(iterations: 40) { index in
            do {
                try Ledger.disburse(fundCode: "INFAQ", to: .group("KUBE \(index)"), amount: Rupiah(500_000), line: "micro_grants",
                                    voucher: Money.voucher(2, month: 3, "KW-\(index)"), in: workspaces[index % 4])
                booked.increment()
            } catch FundingError.overdraft {
                // expected once the money is gone
            } catch {
                Issue.record("unexpected: \(error)")
            }
        }
        #expect(booked.value == 20)
        #expect(try money.balance("INFAQ") == .zero)
        for workspace in workspaces { try workspace.database.close() }
    }
}

final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
