import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Issue 16: every amount is bounded where it is parsed and where a service takes it; a row
/// stored beyond the bound (before the bound existed) gives a clear error on every read, never
/// a trap or SQLite's "integer overflow".
@Suite struct MoneyBoundsTests {
    static let huge: [Int64] = [Int64.max, Int64.min, Int64.min + 1, Rupiah.maximum.amount + 1, -Rupiah.maximum.amount - 1]

    @Test func theParserRefusesAnythingBeyondTheBoundAndNamesTheField() throws {
        #expect(try Rupiah(parsing: "1.000.000.000.000", field: "--amount") == Rupiah.maximum)
        #expect(try Rupiah(parsing: "-1000000000000", field: "--amount") == Rupiah(-1_000_000_000_000))
        #expect(try Rupiah(parsing: "0000000000000000000000001", field: "--amount") == Rupiah(1))
        for text in ["1.000.000.000.001", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
                     "Rp 99.999.999.999.999.999.999", String(repeating: "9", count: 10_000)] {
            #expect(throws: InputError.amountTooLarge(field: "--amount", value: text, limit: Rupiah.maximum)) {
                try Rupiah(parsing: text, field: "--amount")
            }
        }
        let message = InputError.amountTooLarge(field: "--amount", value: String(repeating: "9", count: 10_000), limit: Rupiah.maximum)
        #expect(message.message(.id).contains("--amount") && message.message(.id).count < 200)
        #expect(message.message(.en).contains("the most allowed is IDR 1,000,000,000,000"))
        #expect(message.hint?(.id).contains("beberapa transaksi") == true)
        #expect(throws: FundingError.foreignTooLarge("1000000000001", currency: "USD")) {
            try ForeignAmount(amount: "1000000000001", currency: "USD", rate: "1")
        }
        #expect(throws: FundingError.rateTooLarge("1000000.5")) { try ForeignAmount(amount: "1", currency: "USD", rate: "1000000.5") }
        #expect(throws: FundingError.rateTooLarge("99999999999999999999999")) {
            try ForeignAmount(amount: "1", currency: "USD", rate: "99999999999999999999999")
        }
        #expect(throws: InputError.self) { try ForeignAmount(amount: "99999999", currency: "USD", rate: "16250") }
    }

    @Test func checkedArithmeticReportsOverflowInsteadOfTrapping() throws {
        #expect(throws: InputError.sumTooLarge) { try Rupiah(Int64.max) + Rupiah(1) }
        #expect(throws: InputError.sumTooLarge) { try Rupiah(Int64.min) - Rupiah(1) }
        #expect(throws: InputError.sumTooLarge) { try Rupiah(Int64.min).negated() }
        #expect(throws: InputError.sumTooLarge) { try Rupiah(Int64.max / 2).times(3) }
        #expect(Percent.of(Int64.max, Int64.max) == 100)
        #expect(OutcomeFigures.mean([Int64.max, Int64.max, Int64.max]) == Int64.max)
        #expect(OutcomeFigures.median([Int64.max, Int64.max]) == Int64.max)
    }

    @Test func aHugeAmountIsRefusedByEveryMoneyServiceAndChangesNothing() throws {
        var money = try Money()
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(50_000_000), voucher: Money.voucher(), in: money.fixture.workspace)
        let loan = try Loans.issue(LoanPlan(fundCode: "INFAQ", borrower: .survivor(money.survivor), principal: Rupiah(1_000_000),
                                            startDate: DayDate(year: 2025, month: 3, day: 11)!, frequency: .monthly, instalments: 4,
                                            line: "loan_capital", document: "KW-L"), in: money.fixture.workspace)
        let survivor = money.survivor
        let voucher = Money.voucher(12)
        for value in Self.huge {
            let amount = Rupiah(value)
            let refusals: [(Workspace) throws -> Void] = [
                { try Ledger.receive(fundCode: "INFAQ", amount: amount, voucher: voucher, in: $0) },
                { try Ledger.disburse(fundCode: "INFAQ", to: .survivor(survivor), amount: amount, line: "micro_grants", voucher: voucher, in: $0) },
                { try Ledger.expense(fundCode: "INFAQ", amount: amount, line: "training", vendor: nil, voucher: voucher, in: $0) },
                { try Ledger.transfer(from: "INFAQ", to: "ZAKAT", amount: amount, voucher: voucher, in: $0) },
                { try Loans.issue(LoanPlan(fundCode: "INFAQ", borrower: .survivor(survivor), principal: amount, startDate: voucher.date,
                                           frequency: .monthly, instalments: 3, line: "loan_capital", document: "KW-9"), in: $0) },
                { try Loans.repay(loanCode: loan.code, amount: amount, voucher: voucher, in: $0) },
                { try Funds.open(FundPlan(code: "BESAR", name: "Besar", kind: .infaq, funderCode: "IOM", openedOn: Money.opened,
                                          award: amount), in: $0) },
                { try Funds.addBudgetLine(fundCode: "INFAQ", line: "besar", cap: amount, in: $0) },
                { try Visits.setPovertyLine(siteCode: "KBM", year: 2025, perPerson: amount, source: nil, in: $0) },
            ]
            for refusal in refusals { try money.fixture.expectRefusalChangesNothing(refusal) }
        }
        // Both a rupiah amount and a foreign one: neither is booked.
        try money.fixture.expectRefusalChangesNothing {
            try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(1_000), foreign: ForeignAmount(amount: "10", currency: "USD", rate: "16000"),
                               voucher: voucher, in: $0)
        }
    }

    @Test func aHugeSaleCostOrSnapshotIsRefusedAndChangesNothing() throws {
        var shop = try Shop()
        let code = try shop.business()
        for value in Self.huge {
            let amount = Rupiah(value)
            let refusals: [(Workspace) throws -> Void] = [
                { try Sales.record([SaleInput(business: code, date: day(2026, 1, 5), product: "Nastar", quantity: 1, unitPrice: amount,
                                              channel: .direct)], in: $0) },
                { try Sales.recordCost(business: code, date: day(2026, 1, 5), category: .rawMaterials, amount: amount, note: nil, in: $0) },
                { try Sales.snapshot(business: code, month: month(2026, 2), omzet: amount, costs: .zero, reportedOn: day(2026, 3, 1), in: $0) },
                { try Sales.snapshot(business: code, month: month(2026, 2), omzet: .zero, costs: amount, reportedOn: day(2026, 3, 1), in: $0) },
                { try Businesses.addProduct(business: code, name: "Mahal", unit: "toples", usualPrice: amount, in: $0) },
            ]
            for refusal in refusals { try shop.fixture.expectRefusalChangesNothing(refusal) }
        }
        // Many of the largest price: the product is refused before it can overflow.
        try shop.fixture.expectRefusalChangesNothing {
            try Sales.record([SaleInput(business: code, date: day(2026, 1, 5), product: "Nastar", quantity: Int64.max,
                                        unitPrice: Rupiah.maximum, channel: .direct)], in: $0)
        }
    }

    @Test func aHugeIncomeNeedsOrSavingsIsRefusedWithoutAWrappedFigure() throws {
        var h = try Households()
        let code = h.shop.siti
        var twoHalves = h.input(code, .baseline, on: day(2025, 8, 4), income: 0, spirit: 3)
        twoHalves.incomes = [IncomeLine(source: .wage, amount: Rupiah(600_000_000_000)),
                             IncomeLine(source: .business, amount: Rupiah(600_000_000_000))]
        let thrown = try h.shop.fixture.expectRefusalChangesNothing { try Visits.record(twoHalves, in: $0) }
        let text = (thrown as? any UserFacingError)?.message(.en) ?? ""
        #expect(text.contains("1,200,000,000,000") && !text.contains("-9223372036854775808"), "\(text)")
        for value in Self.huge {
            var income = h.input(code, .baseline, on: day(2025, 8, 4), income: 0, spirit: 3)
            income.incomes = [IncomeLine(source: .wage, amount: Rupiah(value))]
            var needs = h.input(code, .baseline, on: day(2025, 8, 4), income: 1_000, spirit: 3)
            needs.needs = Rupiah(value)
            var savings = h.input(code, .baseline, on: day(2025, 8, 4), income: 1_000, spirit: 3)
            savings.savings = Rupiah(value)
            for input in [income, needs, savings] {
                try h.shop.fixture.expectRefusalChangesNothing { try Visits.record(input, in: $0) }
            }
        }
        _ = h
    }

    // MARK: - Rows stored before the bound

    /// Writes a row the services would refuse, as an older Berdaya or a hand in SQLite could
    /// have: the v10 trigger is dropped first, as it did not exist then (nor v11's demand for a
    /// chain hash, for a hand without Berdaya's code).
    static func storeUnbounded(_ database: AppDatabase, table: String, column: String, _ sql: String,
                               arguments: StatementArguments = []) throws {
        try database.write { db in
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_\(column)_bounded_insert")
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(table)_chained")
            try db.execute(sql: sql, arguments: arguments)
        }
    }

    @Test func aStoredHugeEntryGivesAClearErrorOnEveryReadAndBreaksNoOtherFund() throws {
        let money = try Money()
        let w = money.fixture.workspace
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(10_000_000), voucher: Money.voucher(), in: w)
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(10_000_000), voucher: Money.voucher(), in: w)
        let fundId = try w.database.read { try Int64.fetchOne($0, sql: "SELECT id FROM fund WHERE code = 'INFAQ'")! }
        // Since v10 the schema itself refuses such a row, even by hand.
        #expect(throws: StorageError.sqlite(path: w.database.path, reason: "amount out of bounds: ledger_entry.amount")) {
            try w.database.write { db in
                try db.execute(sql: """
                    INSERT INTO ledger_entry (fundId, date, kind, amount, document, bookedBy, bookedAt, chainHash)
                    VALUES (?, '2025-04-01', 'receipt', ?, 'KW-X', 'old', '2025-04-01T00:00:00Z', randomblob(32))
                    """, arguments: [fundId, Int64.max])
            }
        }
        for (index, huge) in [Int64.max, Int64.max].enumerated() {
            try Self.storeUnbounded(w.database, table: "ledger_entry", column: "amount", """
                INSERT INTO ledger_entry (fundId, date, kind, amount, document, bookedBy, bookedAt, counterpartyKind, counterparty)
                VALUES (?, '2025-04-01', 'receipt', ?, ?, 'old', '2025-04-01T00:00:00Z', 'funder', 'YAYASAN')
                """, arguments: [fundId, huge, "KW-OLD-\(index)"])
        }
        let badId = try w.database.read { try Int64.fetchOne($0, sql: "SELECT min(id) FROM ledger_entry WHERE amount = ?", arguments: [Int64.max])! }
        let period = try Period(parsing: "2025")
        let reads: [(String, () throws -> Void)] = [
            ("fund list", { _ = try Funds.balances(asOf: Fixture.today, in: w) }),
            ("fund show", { _ = try Funds.budget(fundCode: "INFAQ", asOf: Fixture.today, in: w) }),
            ("cash book", { _ = try Ledger.cashBook(fundCode: "INFAQ", period: period, in: w) }),
            ("entries", { _ = try Ledger.entries(fundCode: "INFAQ", period: period, in: w) }),
            ("funders", { _ = try TreasurerReports.perFunder(period: period, in: w) }),
            ("per fund", { _ = try TreasurerReports.perFund(period: period, in: w) }),
            ("asnaf", { _ = try TreasurerReports.perAsnaf(period: period, in: w) }),
            ("zakat payments", { _ = try TreasurerReports.zakatPayments(period: period, in: w) }),
            ("portfolio", { _ = try Loans.portfolio(asOf: Fixture.today, in: w) }),
            ("disburse", { try Ledger.disburse(fundCode: "INFAQ", to: .survivor(money.survivor), amount: Rupiah(1_000), line: "micro_grants",
                                               voucher: Money.voucher(12), in: w) }),
            ("receive", { try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(1_000), voucher: Money.voucher(12), in: w) }),
            ("reverse", { try Ledger.reverse(entry: badId, on: DayDate(year: 2025, month: 5, day: 1)!, reason: "salah", in: w) }),
        ]
        for (name, read) in reads {
            #expect(throws: StoredAmountError.self, "\(name)") { try read() }
            do { try read() } catch let error as StoredAmountError {
                #expect(error.message(.id).contains("Transaksi #\(badId) di dana INFAQ"), "\(name): \(error.message(.id))")
                #expect(error.hint != nil)
            } catch { Issue.record("\(name): \(error)") }
        }
        // The other funds still work, one by one.
        #expect(try Funds.budget(fundCode: "ZAKAT", asOf: Fixture.today, in: w).balance == Rupiah(10_000_000))
        #expect(try Ledger.cashBook(fundCode: "ZAKAT", period: period, in: w).closing == Rupiah(10_000_000))
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(1_000), voucher: Money.voucher(12), in: w)
    }

    @Test func aStoredHugeSaleSnapshotOrPovertyLineGivesAClearErrorNotATrap() throws {
        let shop = try Shop()
        let code = try shop.business()
        try shop.sell(code, day(2026, 1, 5))
        let (businessId, productId) = try shop.w.database.read { db in
            (try Int64.fetchOne(db, sql: "SELECT id FROM business WHERE code = ?", arguments: [code])!,
             try Int64.fetchOne(db, sql: "SELECT id FROM product")!)
        }
        try Self.storeUnbounded(shop.w.database, table: "sale", column: "amount", """
            DROP TRIGGER sale_unitPrice_bounded_insert;
            INSERT INTO sale (businessId, date, productId, quantity, unitPrice, amount, channel, recordedBy)
            VALUES (?, '2026-01-06', ?, 1, ?, ?, 'direct', 'old');
            INSERT INTO sale (businessId, date, productId, quantity, unitPrice, amount, channel, recordedBy)
            VALUES (?, '2026-01-07', ?, 1, ?, ?, 'direct', 'old')
            """, arguments: [businessId, productId, Int64.max, Int64.max, businessId, productId, Int64.max, Int64.max])
        let period = try Period(parsing: "2026")
        let scope = BusinessScope()
        let reads: [(String, () throws -> Void)] = [
            ("figures", { _ = try BusinessFigures.monthly(scope, period: period, in: shop.w) }),
            ("channels", { _ = try BusinessFigures.channels(scope, period: period, in: shop.w) }),
            ("gaps", { _ = try BusinessFigures.disagreements(scope, period: period, in: shop.w) }),
            ("show", { _ = try Businesses.details(code: code, in: shop.w) }),
            ("flags", { _ = try Businesses.foodWithoutPIRT(in: shop.w) }),
            ("events", { _ = try MarketAccess.events(in: shop.w) }),
            ("partners", { _ = try MarketAccess.partners(in: shop.w) }),
        ]
        for (name, read) in reads {
            do { try read() } catch let error as any UserFacingError {
                #expect(error is StoredAmountError || error as? InputError == .sumTooLarge, "\(name): \(error)")
            } catch { Issue.record("\(name): not a user-facing error: \(error)") }
        }

        let h = try Households()
        let siteId = try h.w.database.read { try Int64.fetchOne($0, sql: "SELECT id FROM site WHERE code = 'KBM'")! }
        try Self.storeUnbounded(h.w.database, table: "poverty_line", column: "perPerson", """
            INSERT OR REPLACE INTO poverty_line (siteId, year, perPerson, setOn) VALUES (?, 2025, ?, '2025-01-01')
            """, arguments: [siteId, Int64.max])
        #expect(throws: InputError.self) { try h.visit(h.shop.siti, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3) }
    }
}
