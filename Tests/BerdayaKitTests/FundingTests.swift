import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// A program's money: a zakat fund, an infaq fund, a USD grant with capped lines, a loan fund.
struct Money {
    var fixture: Fixture
    static let opened = DayDate(year: 2025, month: 1, day: 2)!
    var opened: DayDate { Money.opened }
    var survivor = ""

    init() throws {
        fixture = try Fixture()
        try fixture.addSites()
        survivor = try Registry.register(sampleRegistration(), in: fixture.workspace)
        let w = fixture.workspace
        try Funds.addFunder(code: "BAZNAS-KBM", name: "BAZNAS Kebumen", kind: .baznas, in: w)
        try Funds.addFunder(code: "IOM", name: "IOM", kind: .international, in: w)
        try Funds.addFunder(code: "YAYASAN", name: "Yayasan", kind: .individual, in: w)
        try Funds.open(FundPlan(code: "ZAKAT", name: "Zakat produktif", kind: .zakat, funderCode: "BAZNAS-KBM", openedOn: opened), in: w)
        try Funds.open(FundPlan(code: "ZAKAT2", name: "Zakat 2", kind: .zakat, funderCode: "BAZNAS-KBM", openedOn: opened), in: w)
        try Funds.open(FundPlan(code: "INFAQ", name: "Infaq", kind: .infaq, funderCode: "YAYASAN", openedOn: opened), in: w)
        try Funds.open(FundPlan(code: "GRANT", name: "Hibah", kind: .restricted, funderCode: "IOM", openedOn: opened,
                                awardForeign: ForeignAmount(amount: "10000", currency: "USD", rate: "15800"),
                                period: Period(parsing: "2025")), in: w)
        for fund in ["ZAKAT", "ZAKAT2", "INFAQ"] {
            try Funds.addBudgetLine(fundCode: fund, line: "micro_grants", cap: nil, in: w)
            try Funds.addBudgetLine(fundCode: fund, line: "loan_capital", cap: nil, in: w)
        }
        try Funds.addBudgetLine(fundCode: "INFAQ", line: "training", cap: nil, in: w)
        try Funds.addBudgetLine(fundCode: "GRANT", line: "training", cap: Rupiah(5_000_000), in: w)
        try Funds.addBudgetLine(fundCode: "GRANT", line: "micro_grants", cap: Rupiah(100_000_000), in: w)
    }

    static func voucher(_ day: Int = 10, month: Int = 3, _ document: String = "KW-1") -> Voucher {
        Voucher(date: DayDate(year: 2025, month: month, day: day)!, document: document)
    }

    func balance(_ fund: String) throws -> Rupiah {
        try Funds.balances(asOf: Fixture.today, in: fixture.workspace).first { $0.code == fund }!.balance
    }
}

@Suite struct FundingTests {
    @Test func foreignMoneyIsConvertedToWholeRupiahByTheStatedRule() throws {
        #expect(try ForeignAmount(amount: "1,250.50", currency: "usd", rate: "15750.25").rupiah == Rupiah(19_695_688))
        // 0.01 × 15750.5 = 157.505 → 158 (half away from zero)
        #expect(try ForeignAmount(amount: "0.01", currency: "USD", rate: "15750.5").rupiah == Rupiah(158))
        #expect(try ForeignAmount(amount: "1000", currency: "JPY", rate: "104.5").rupiah == Rupiah(104_500))
        #expect(try ForeignAmount(amount: "10000000", currency: "EUR", rate: "17500.123456").rupiah == Rupiah(175_001_234_560))
        // EUR 10 billion is Rp 175 trillion: beyond one entry's bound, refused rather than booked.
        #expect(throws: InputError.amountTooLarge(field: "--foreign × --rate", value: "EUR 10000000000 × 17500.123456",
                                                  limit: Rupiah.maximum)) {
            try ForeignAmount(amount: "10000000000", currency: "EUR", rate: "17500.123456")
        }
        #expect(throws: FundingError.self) { try ForeignAmount(amount: "10", currency: "XYZ", rate: "1") }
        #expect(throws: FundingError.self) { try ForeignAmount(amount: "10", currency: "USD", rate: "0") }
        #expect(throws: InputError.self) { try ForeignAmount(amount: "10.001", currency: "USD", rate: "15000") }
        #expect(throws: InputError.self) { try ForeignAmount(amount: "1.5", currency: "JPY", rate: "100") }
        #expect(try ForeignAmount(amount: "1250.5", currency: "USD", rate: "1").formatted == "USD 1,250.50")
    }

    @Test func periodsParseAsFundersWriteThem() throws {
        #expect(try Period(parsing: "2025-Q3").description == "2025-07-01..2025-09-30")
        #expect(try Period(parsing: "2024-H1").description == "2024-01-01..2024-06-30")
        #expect(try Period(parsing: "2024-02").end.description == "2024-02-29")
        #expect(try Period(parsing: "2025").start.description == "2025-01-01")
        #expect(throws: InputError.self) { try Period(parsing: "2025-Q5") }
        #expect(throws: InputError.self) { try Period(parsing: "2025-06-01..2025-01-01") }
    }

    @Test func theBalanceIsTheSumOfEntriesAndTheCashBookRunsFromTheOpening() throws {
        let money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(10_000_000), voucher: Money.voucher(5, month: 2), in: money.fixture.workspace)
        try Ledger.disburse(fundCode: "INFAQ", to: .survivor(money.survivor), amount: Rupiah(2_500_000), line: "micro_grants",
                            voucher: Money.voucher(10), in: money.fixture.workspace)
        try Ledger.expense(fundCode: "INFAQ", amount: Rupiah(750_000), line: "training", vendor: "Toko Bahan Kue",
                           voucher: Money.voucher(20), in: money.fixture.workspace)
        #expect(try money.balance("INFAQ") == Rupiah(6_750_000))
        let book = try Ledger.cashBook(fundCode: "INFAQ", period: Period(parsing: "2025-03"), in: money.fixture.workspace)
        #expect(book.opening == Rupiah(10_000_000))
        #expect(book.rows.map(\.balance) == [Rupiah(7_500_000), Rupiah(6_750_000)])
        #expect(book.closing == Rupiah(6_750_000))
    }

    @Test func overdrawingAFundIsRefusedAndWritesNothing() throws {
        var money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(1_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        let error = try money.fixture.expectRefusalChangesNothing {
            try Ledger.disburse(fundCode: "INFAQ", to: .group("KUBE Melati"), amount: Rupiah(1_000_001), line: "micro_grants",
                                voucher: Money.voucher(2), in: $0)
        }
        #expect(error as? FundingError == .overdraft(fund: "INFAQ", balance: Rupiah(-1), on: DayDate(year: 2025, month: 3, day: 2)!))
        // A backdated payment that the balance of its own day cannot carry is refused too, though today's could.
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5_000_000), voucher: Money.voucher(20), in: money.fixture.workspace)
        try money.fixture.expectRefusalChangesNothing {
            try Ledger.disburse(fundCode: "INFAQ", to: .group("KUBE Melati"), amount: Rupiah(2_000_000), line: "micro_grants",
                                voucher: Money.voucher(5), in: $0)
        }
    }

    @Test func aBudgetLineCapAndTheGrantPeriodHold() throws {
        var money = try Money()
        try Ledger.receive(fundCode: "GRANT", amount: nil, foreign: ForeignAmount(amount: "10000", currency: "USD", rate: "15800"),
                           voucher: Money.voucher(15, month: 1), in: money.fixture.workspace)
        #expect(try money.balance("GRANT") == Rupiah(158_000_000))
        try Ledger.expense(fundCode: "GRANT", amount: Rupiah(4_000_000), line: "training", vendor: nil, voucher: Money.voucher(1), in: money.fixture.workspace)
        let over = try money.fixture.expectRefusalChangesNothing {
            try Ledger.expense(fundCode: "GRANT", amount: Rupiah(1_000_001), line: "training", vendor: nil, voucher: Money.voucher(2), in: $0)
        }
        #expect(over as? FundingError == .overCap(fund: "GRANT", line: "training", cap: Rupiah(5_000_000), spent: Rupiah(5_000_001)))
        try Ledger.expense(fundCode: "GRANT", amount: Rupiah(1_000_000), line: "training", vendor: nil, voucher: Money.voucher(2), in: money.fixture.workspace)
        // outside the grant's period, on a line the grant does not have, without a line
        let late = try money.fixture.on(DayDate(year: 2026, month: 1, day: 10)!)
        try money.fixture.expectRefusalChangesNothing { _ in
            try Ledger.disburse(fundCode: "GRANT", to: .group("KUBE"), amount: Rupiah(1), line: "micro_grants",
                                voucher: Voucher(date: DayDate(year: 2026, month: 1, day: 5)!, document: "KW-9"), in: late)
        }
        try money.fixture.expectRefusalChangesNothing {
            try Ledger.expense(fundCode: "GRANT", amount: Rupiah(1), line: "staff", vendor: nil, voucher: Money.voucher(3), in: $0)
        }
        let budget = try Funds.budget(fundCode: "GRANT", asOf: Fixture.today, in: money.fixture.workspace)
        #expect(budget.lines.first { $0.line == "training" }?.remaining == .zero)
        #expect(budget.award == Rupiah(158_000_000) && budget.awardCurrency == "USD")
    }

    @Test func zakatGoesOnlyToASurvivorWithHerAsnafAndStaysAmongZakatFunds() throws {
        var money = try Money()
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(20_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(20_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        let survivor = money.survivor
        let refusals: [(Workspace) throws -> Void] = [
            { _ = try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(survivor), amount: Rupiah(1_000_000), line: "micro_grants",
                                      voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.disburse(fundCode: "ZAKAT", to: .group("KUBE Melati"), amount: Rupiah(1_000_000), line: "micro_grants",
                                      asnaf: .miskin, voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.expense(fundCode: "ZAKAT", amount: Rupiah(100_000), line: "micro_grants", vendor: "Toko",
                                     voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.transfer(from: "ZAKAT", to: "INFAQ", amount: Rupiah(1), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.transfer(from: "INFAQ", to: "ZAKAT", amount: Rupiah(1), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.transfer(from: "GRANT", to: "INFAQ", amount: Rupiah(1), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.disburse(fundCode: "INFAQ", to: .survivor(survivor), amount: Rupiah(1), line: "micro_grants",
                                      asnaf: .riqab, voucher: Money.voucher(2), in: $0) },
        ]
        for refusal in refusals { try money.fixture.expectRefusalChangesNothing(refusal) }
        try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(survivor), amount: Rupiah(2_000_000), line: "micro_grants",
                            asnaf: .riqab, voucher: Money.voucher(2), in: money.fixture.workspace)
        try Ledger.transfer(from: "ZAKAT", to: "ZAKAT2", amount: Rupiah(3_000_000), voucher: Money.voucher(3), in: money.fixture.workspace)
        #expect(try money.balance("ZAKAT2") == Rupiah(3_000_000))
        let asnaf = try TreasurerReports.perAsnaf(period: Period(parsing: "2025"), in: money.fixture.workspace)
        #expect(asnaf.map(\.asnaf) == [.riqab] && asnaf.first?.amount == Rupiah(2_000_000))
    }

    @Test func aReversalMirrorsOneEntryOnceAndBookedEntriesCannotBeEdited() throws {
        var money = try Money()
        let receipt = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        let wrong = try Ledger.disburse(fundCode: "INFAQ", to: .survivor(money.survivor), amount: Rupiah(1_500_000),
                                        line: "micro_grants", voucher: Money.voucher(2), in: money.fixture.workspace)
        let mirror = try Ledger.reverse(entry: wrong.id!, on: Money.voucher(3).date, reason: "Salah nominal", in: money.fixture.workspace)
        #expect(mirror.count == 1 && mirror[0].amount == Rupiah(1_500_000) && mirror[0].reversesId == wrong.id)
        #expect(try money.balance("INFAQ") == Rupiah(5_000_000))
        let twice = try money.fixture.expectRefusalChangesNothing {
            _ = try Ledger.reverse(entry: wrong.id!, on: Money.voucher(4).date, reason: "lagi", in: $0)
        }
        #expect(twice as? FundingError == .alreadyReversed(entry: wrong.id!, by: mirror[0].id!))
        try money.fixture.expectRefusalChangesNothing { _ = try Ledger.reverse(entry: mirror[0].id!, on: Money.voucher(4).date, reason: "x", in: $0) }
        try money.fixture.expectRefusalChangesNothing { _ = try Ledger.reverse(entry: 9999, on: Money.voucher(4).date, reason: "x", in: $0) }
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "booked entries are never edited; book a reversal") {
            try money.fixture.database.pool.write { try $0.execute(sql: "UPDATE ledger_entry SET amount = 1 WHERE id = ?", arguments: [receipt.id]) }
        }
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "booked entries are never deleted; book a reversal") {
            try money.fixture.database.pool.write { try $0.execute(sql: "DELETE FROM ledger_entry") }
        }
        // Reversing a transfer reverses both legs.
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(1_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        let (out, into) = try Ledger.transfer(from: "ZAKAT", to: "ZAKAT2", amount: Rupiah(400_000), voucher: Money.voucher(5), in: money.fixture.workspace)
        let legs = try Ledger.reverse(entry: into.id!, on: Money.voucher(6).date, reason: "Salah dana", in: money.fixture.workspace)
        #expect(Set(legs.compactMap(\.reversesId)) == [out.id!, into.id!])
        #expect(try money.balance("ZAKAT") == Rupiah(1_000_000) && money.balance("ZAKAT2") == .zero)
    }

    @Test func badAmountsDatesAndCodesAreRefused() throws {
        var money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5_000_000), voucher: Money.voucher(1), in: money.fixture.workspace)
        let refusals: [(Workspace) throws -> Void] = [
            { _ = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(0), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(-5), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.receive(fundCode: "NOPE", amount: Rupiah(5), voucher: Money.voucher(2), in: $0) },
            { _ = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5), voucher: Voucher(date: DayDate(year: 2024, month: 12, day: 31)!, document: "X"), in: $0) },
            { _ = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5), voucher: Voucher(date: Fixture.today.adding(days: 1), document: "X"), in: $0) },
            { _ = try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5), voucher: Voucher(date: Money.opened, document: " "), in: $0) },
            { _ = try Ledger.disburse(fundCode: "INFAQ", to: .survivor("KBM-0404"), amount: Rupiah(5), line: "micro_grants", voucher: Money.voucher(2), in: $0) },
            { _ = try Funds.addBudgetLine(fundCode: "INFAQ", line: "training", cap: nil, in: $0) },
            { _ = try Funds.open(FundPlan(code: "G2", name: "G", kind: .restricted, funderCode: "IOM", openedOn: Money.opened), in: $0) },
            { _ = try Funds.open(FundPlan(code: "INFAQ", name: "G", kind: .infaq, funderCode: "IOM", openedOn: Money.opened), in: $0) },
            { _ = try Funds.addFunder(code: "a b", name: "x", kind: .csr, in: $0) },
        ]
        for refusal in refusals { try money.fixture.expectRefusalChangesNothing(refusal) }
    }
}

@Suite struct LoanTests {
    func prepared() throws -> (Money, Loan) {
        let money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(10_000_000), voucher: Money.voucher(3, month: 1), in: money.fixture.workspace)
        let loan = try Loans.issue(LoanPlan(fundCode: "INFAQ", borrower: .survivor(money.survivor), principal: Rupiah(1_000_000),
                                            startDate: DayDate(year: 2025, month: 1, day: 31)!, frequency: .monthly, instalments: 3,
                                            line: "loan_capital", document: "KW-L1"), in: money.fixture.workspace)
        return (money, loan)
    }

    @Test func theScheduleSumsToThePrincipalAndRepaymentsPayTheOldestFirst() throws {
        let (money, loan) = try prepared()
        var statement = try Loans.statement(loanCode: loan.code, asOf: DayDate(year: 2025, month: 2, day: 1)!, in: money.fixture.workspace)
        #expect(statement.instalments.map(\.amount) == [Rupiah(333_333), Rupiah(333_333), Rupiah(333_334)])
        #expect(statement.instalments.map(\.dueDate.description) == ["2025-02-28", "2025-03-31", "2025-04-30"])
        #expect(try money.balance("INFAQ") == Rupiah(9_000_000))
        try Loans.repay(loanCode: loan.code, amount: Rupiah(400_000), voucher: Money.voucher(1, month: 3), in: money.fixture.workspace)
        statement = try Loans.statement(loanCode: loan.code, asOf: DayDate(year: 2025, month: 5, day: 10)!, in: money.fixture.workspace)
        #expect(statement.instalments.map(\.paid) == [Rupiah(333_333), Rupiah(66_667), .zero])
        #expect(statement.arrears == Rupiah(600_000))
        #expect(statement.daysLate == 40) // 31 March to 10 May
        #expect(statement.outstanding == Rupiah(600_000))
        #expect(try money.balance("INFAQ") == Rupiah(9_400_000))
        let portfolio = try Loans.portfolio(asOf: DayDate(year: 2025, month: 5, day: 10)!, in: money.fixture.workspace)
        #expect(portfolio.groups.first?.par30Percent == 100.0)
        #expect(portfolio.groups.first?.site == "KBM")
        let onTime = try Loans.portfolio(asOf: DayDate(year: 2025, month: 4, day: 15)!, in: money.fixture.workspace)
        #expect(onTime.groups.first?.par30Percent == 0.0) // 15 days late is not PAR30
    }

    @Test func repayingMoreThanOwedIsRefusedAndAWriteOffClosesTheLoan() throws {
        var (money, loan) = try prepared()
        let error = try money.fixture.expectRefusalChangesNothing {
            try Loans.repay(loanCode: loan.code, amount: Rupiah(1_000_001), voucher: Money.voucher(1, month: 3), in: $0)
        }
        #expect(error as? FundingError == .repaysMoreThanOwed(loan: loan.code, outstanding: Rupiah(1_000_000)))
        try Loans.repay(loanCode: loan.code, amount: Rupiah(250_000), voucher: Money.voucher(1, month: 3), in: money.fixture.workspace)
        try Loans.writeOff(loanCode: loan.code, on: DayDate(year: 2025, month: 9, day: 1)!, reason: "Peminjam pindah ke luar negeri",
                           document: "BA-01", in: money.fixture.workspace)
        #expect(try money.balance("INFAQ") == Rupiah(9_250_000)) // no cash moved
        let entries = try Ledger.entries(fundCode: "INFAQ", in: money.fixture.workspace)
        #expect(entries.last?.kind == .writeOff && entries.last?.writtenOff == Rupiah(750_000))
        try money.fixture.expectRefusalChangesNothing {
            try Loans.repay(loanCode: loan.code, amount: Rupiah(1), voucher: Money.voucher(2, month: 9), in: $0)
        }
        #expect(try Loans.portfolio(asOf: Fixture.today, in: money.fixture.workspace).groups.isEmpty)
    }

    @Test func aLoanPayoutCanBeReversedOnlyBeforeAnyRepayment() throws {
        var (money, loan) = try prepared()
        try Loans.repay(loanCode: loan.code, amount: Rupiah(100_000), voucher: Money.voucher(1, month: 3), in: money.fixture.workspace)
        let payout = try Ledger.entries(fundCode: "INFAQ", in: money.fixture.workspace).first { $0.kind == .loanOut }!
        try money.fixture.expectRefusalChangesNothing {
            _ = try Ledger.reverse(entry: payout.id, on: Money.voucher(2, month: 3).date, reason: "x", in: $0)
        }
        let repayment = try Ledger.entries(fundCode: "INFAQ", in: money.fixture.workspace).first { $0.kind == .loanRepayment }!
        try Ledger.reverse(entry: repayment.id, on: Money.voucher(2, month: 3).date, reason: "Salah catat", in: money.fixture.workspace)
        try Ledger.reverse(entry: payout.id, on: Money.voucher(2, month: 3).date, reason: "Batal", in: money.fixture.workspace)
        #expect(try money.balance("INFAQ") == Rupiah(10_000_000))
        #expect(try Loans.statement(loanCode: loan.code, asOf: Fixture.today, in: money.fixture.workspace).status == .cancelled)
    }
}
