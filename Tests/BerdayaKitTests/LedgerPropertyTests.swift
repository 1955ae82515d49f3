import Foundation
import GRDB
import PropertyBased
import Testing
@testable import BerdayaKit

/// One step of a treasurer's, as the property test generates it and as a counterexample
/// shows it: `receive Rp 750.000 into INFAQ`, `reverse entry 3 of those booked`...
/// Funds and amounts are generated as small numbers, so a failing sequence shrinks towards
/// fewer steps, the first fund and the smallest amounts.
enum LedgerOperation: Sendable, CustomStringConvertible {
    case receive(fund: String, amount: Rupiah)
    /// To the test's survivor; `asnaf` is given when the fund is a zakat fund.
    case disburse(fund: String, amount: Rupiah, asnaf: Asnaf)
    case expense(fund: String, amount: Rupiah)
    case transfer(from: String, to: String, amount: Rupiah)
    /// Reverses the entry at `entry` (modulo how many there are) of those booked so far.
    case reverse(entry: Int)
    /// A loan to the test's survivor.
    case lend(fund: String, principal: Rupiah, weekly: Bool, instalments: Int)
    /// Repays on the loan at `loan` (modulo how many there are) of those issued so far.
    case repay(loan: Int, amount: Rupiah)
    case writeOff(loan: Int)

    var description: String {
        switch self {
        case let .receive(fund, amount): "receive \(amount) into \(fund)"
        case let .disburse(fund, amount, asnaf): "disburse \(amount) from \(fund) (asnaf \(asnaf.rawValue) if zakat)"
        case let .expense(fund, amount): "expense \(amount) from \(fund)"
        case let .transfer(from, to, amount): "transfer \(amount) from \(from) to \(to)"
        case let .reverse(entry): "reverse entry \(entry) of those booked"
        case let .lend(fund, principal, weekly, instalments):
            "lend \(principal) from \(fund) in \(instalments) \(weekly ? "weekly" : "monthly") instalments"
        case let .repay(loan, amount): "repay \(amount) on loan \(loan) of those issued"
        case let .writeOff(loan): "write off loan \(loan) of those issued"
        }
    }

    static let funds = ["INFAQ", "ZAKAT", "ZAKAT2", "GRANT"]
    static let fund = Gen.int(in: 0...(funds.count - 1)).map { funds[$0] }
    /// Rp 250.000 to Rp 10.000.000 in steps of Rp 250.000.
    static let amount = Gen.int(in: 1...40).map { Rupiah(Int64($0) * 250_000) }
    static let asnaf = Gen.int(in: 0...(Asnaf.allCases.count - 1)).map { Asnaf.allCases[$0] }
    static let pick = Gen.int(in: 0...99)

    /// Every kind of step equally often, but a write-off a fifth as often, so most loans stay
    /// open to be repaid.
    static let generator = Gen<LedgerOperation>.frequency(
        (1, zip(fund, amount).map { LedgerOperation.receive(fund: $0, amount: Rupiah($1.amount * 3)) }),
        (1, zip(fund, amount, asnaf).map { LedgerOperation.disburse(fund: $0.0, amount: $0.1, asnaf: $0.2) }),
        (1, zip(fund, amount).map { LedgerOperation.expense(fund: $0, amount: $1) }),
        (1, zip(fund, fund, amount).map { LedgerOperation.transfer(from: $0.0, to: $0.1, amount: $0.2) }),
        (1, pick.map { LedgerOperation.reverse(entry: $0) }),
        (1, zip(fund, amount, Gen.bool, Gen.int(in: 1...12)).map {
            LedgerOperation.lend(fund: $0.0, principal: $0.1, weekly: $0.2, instalments: $0.3)
        }),
        (1, zip(pick, Gen.int(in: 1...40)).map { LedgerOperation.repay(loan: $0, amount: Rupiah(Int64($1) * 50_000)) }),
        (0.2, pick.map { LedgerOperation.writeOff(loan: $0) })
    )

    /// Takes the step on `money`'s ledger; a refusal is thrown.
    func run(on money: Money, step: Int) throws {
        let w = money.fixture.workspace
        let date = DayDate(year: 2025, month: 1, day: 5)!.adding(days: step * 3)
        let voucher = Voucher(date: date, document: "KW-\(step)")
        switch self {
        case let .receive(fund, amount):
            try Ledger.receive(fundCode: fund, amount: amount, voucher: voucher, in: w)
        case let .disburse(fund, amount, asnaf):
            try Ledger.disburse(fundCode: fund, to: .survivor(money.survivor), amount: amount, line: "micro_grants",
                                asnaf: fund.hasPrefix("ZAKAT") ? asnaf : nil, voucher: voucher, in: w)
        case let .expense(fund, amount):
            try Ledger.expense(fundCode: fund, amount: amount, line: "training", vendor: "Toko", voucher: voucher, in: w)
        case let .transfer(from, to, amount):
            try Ledger.transfer(from: from, to: to, amount: amount, voucher: voucher, in: w)
        case let .reverse(entry):
            let ids = try w.database.read { try Int64.fetchAll($0, sql: "SELECT id FROM ledger_entry") }
            if !ids.isEmpty {
                try Ledger.reverse(entry: ids[entry % ids.count], on: date, reason: "koreksi", in: w)
            }
        case let .lend(fund, principal, weekly, instalments):
            try Loans.issue(LoanPlan(fundCode: fund, borrower: .survivor(money.survivor), principal: principal,
                                     startDate: date, frequency: weekly ? .weekly : .monthly, instalments: instalments,
                                     line: "loan_capital", asnaf: fund.hasPrefix("ZAKAT") ? .gharimin : nil,
                                     document: "KW-\(step)"), in: w)
        case let .repay(loan, amount):
            let loans = try w.database.read { try String.fetchAll($0, sql: "SELECT code FROM loan") }
            if !loans.isEmpty {
                try Loans.repay(loanCode: loans[loan % loans.count], amount: amount, voucher: voucher, in: w)
            }
        case let .writeOff(loan):
            let loans = try w.database.read { try String.fetchAll($0, sql: "SELECT code FROM loan") }
            if !loans.isEmpty {
                try Loans.writeOff(loanCode: loans[loan % loans.count], on: date, reason: "pindah", document: "BA", in: w)
            }
        }
    }
}

/// Long random sequences of the treasurer's operations; after every step the ledger's
/// promises must hold, whether the step was booked or refused.
@Suite struct LedgerPropertyTests {
    static let funds = LedgerOperation.funds

    @Test func theLedgerKeepsItsPromisesUnderRandomSequences() async {
        await propertyCheck(count: 12, input: LedgerOperation.generator.array(of: 20...90)) { operations in
            let money = try Money()
            let w = money.fixture.workspace
            // Every fund starts with money, so a sequence without a receipt still books and
            // tests something (a sequence of refusals alone proved nothing and failed now and then).
            for fund in Self.funds {
                try Ledger.receive(fundCode: fund, amount: Rupiah(10_000_000),
                                   voucher: Voucher(date: DayDate(year: 2025, month: 1, day: 2)!, document: "SALDO-\(fund)"), in: w)
            }
            for (step, operation) in operations.enumerated() {
                do {
                    try operation.run(on: money, step: step)
                } catch {
                    #expect(error is any UserFacingError, "step \(step), \(operation): \(error)")
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
