import BerdayaKit
import BerdayaTestSupport
import Foundation
import GRDB
import Testing
@testable import BerdayaReports

extension DemoReports {
    /// The demo as `berdaya demo` builds it (seed 2025), whose figures the issue quotes.
    init(seed: UInt64) throws {
        temporary = try TemporaryFolder("reports")
        try DemoCache.copy(seed: seed, into: temporary)
        database = try AppDatabase.open(at: temporary.file("demo.sqlite"))
        workspace = try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: temporary.file("demo.key"), environment: [:]),
                                  actor: "bendahara", today: DayDate(year: 2026, month: 11, day: 20)!)
        catalog = try TemplateCatalog(folder: Self.templates)
    }

    /// The shipped demo.
    static func shipped() throws -> DemoReports { try DemoReports(seed: 2025) }
}

/// The content each reader looks for (issue 15, builds 4 and 5), checked on the demo that
/// `berdaya demo` writes against SQL written independently of the services that compute it.
@Suite struct ContentTests {
    static let today = DayDate(year: 2026, month: 11, day: 20)!

    func sql<T: DatabaseValueConvertible>(_ demo: DemoReports, _ query: String, _ arguments: StatementArguments = []) throws -> T? {
        try demo.database.read { try T.fetchOne($0, sql: query, arguments: arguments) }
    }

    func rows(_ demo: DemoReports, _ dataset: String, period: String = "2025..2026", fund: String? = nil, funder: String? = nil,
              site: String? = nil, language: Language = .id) throws -> [DataRow] {
        try Datasets.named(dataset)!.rows(ReportParameters(period: Period(parsing: period), periodLabel: period, funder: funder, fund: fund,
                                                           site: site, language: language), in: demo.workspace)
    }

    // MARK: Grants

    @Test func theMedanGovernmentGrantEndsWithRp18350000ToReturn() throws {
        let demo = try DemoReports.shipped()
        let unspent: Int64? = try sql(demo, """
            SELECT sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
            WHERE f.code = 'HIBAH-PPPA' AND e.date <= f.periodEnd
            """)
        #expect(unspent == 18_350_000)
        let atEnd = try #require(GrantAccountability.grants(asOf: DayDate(year: 2025, month: 12, day: 31)!, fundCode: "HIBAH-PPPA",
                                                            in: demo.workspace).first)
        #expect(atEnd.periodEnded && atEnd.toReturn == Rupiah(18_350_000) && atEnd.flag == .unspentAtEnd)
        #expect(try GrantAccountability.lines(asOf: DayDate(year: 2025, month: 12, day: 31)!, fundCode: "HIBAH-PPPA", in: demo.workspace)
            .map(\.flag) == [.unspentAtEnd, .unspentAtEnd])
        // A year later nothing has changed: still to be returned.
        let now = try #require(GrantAccountability.grants(asOf: Self.today, funderCode: "PPPA-MDN", in: demo.workspace).first)
        #expect(now.toReturn == Rupiah(18_350_000))
        // Before its end the balance is not yet "to return".
        let midway = try #require(GrantAccountability.grants(asOf: DayDate(year: 2025, month: 6, day: 30)!, fundCode: "HIBAH-PPPA",
                                                             in: demo.workspace).first)
        #expect(!midway.periodEnded && midway.toReturn == .zero)

        // The LPJ the demo writes says so, in both languages, on its summary page.
        for (language, sheet, label) in [(Language.id, "Ringkasan", "Sisa dana yang harus dikembalikan"),
                                         (.en, "Summary", "Unspent balance to be returned")] {
            let lpj = try WorkbookReader(path: try demo.write("lpj-hibah", period: "2025", fund: "HIBAH-PPPA", language: language).path)
            let row = try #require(lpj.rows(sheet).first { $0.first == label }, "\(lpj.rows(sheet))")
            #expect(row.dropFirst().first == "18350000")
        }
    }

    @Test func theGFSMGrantIs16Point8PercentSpentAndSaysItIsBehindTime() throws {
        let demo = try DemoReports.shipped()
        let spent: Int64 = try #require(try sql(demo, """
            SELECT -sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
            WHERE f.code = 'HIBAH-GFSM' AND e.date <= ? AND (e.kind IN ('disbursement', 'expense', 'loan_out')
              OR (e.kind = 'reversal' AND (SELECT o.kind FROM ledger_entry o WHERE o.id = e.reversesId) IN ('disbursement', 'expense', 'loan_out')))
            """, [Self.today]))
        let award: Int64 = try #require(try sql(demo, "SELECT awardAmount FROM fund WHERE code = 'HIBAH-GFSM'"))
        let elapsed: Double = try #require(try sql(demo, """
            SELECT round((julianday(?) - julianday(periodStart) + 1) * 1000.0 / (julianday(periodEnd) - julianday(periodStart) + 1)) / 10.0
            FROM fund WHERE code = 'HIBAH-GFSM'
            """, [Self.today]))
        #expect((Double(spent * 1000) / Double(award)).rounded() / 10 == 16.8)
        let grant = try #require(GrantAccountability.grants(asOf: Self.today, fundCode: "HIBAH-GFSM", in: demo.workspace).first)
        #expect(grant.spent == Rupiah(spent) && grant.spentPercent == 16.8 && grant.elapsedPercent == elapsed)
        #expect(grant.flag == .slow && !grant.periodEnded && grant.toReturn == .zero)

        // The dataset carries the same figures, and the flag in words.
        let row = try #require(try rows(demo, "grant-burn").first { $0["fund"] == .text("HIBAH-GFSM") })
        #expect(row["spent_share"] == .percent(16.8) && row["elapsed"] == .percent(elapsed))
        #expect(row["flag"] == .text("serapan lambat"))

        // Per budget line: actual against SQL, variance = budget − actual.
        for line in try GrantAccountability.lines(asOf: Self.today, fundCode: "HIBAH-GFSM", in: demo.workspace) {
            let actual: Int64 = try #require(try sql(demo, """
                SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN budget_line bl ON bl.id = e.budgetLineId
                JOIN fund f ON f.id = bl.fundId WHERE f.code = 'HIBAH-GFSM' AND bl.code = ? AND e.date <= ? AND e.amount < 0
                """, [line.line, Self.today]))
            #expect(line.actual == Rupiah(actual), "\(line.line)")
            let expectedVariance = try line.budget.map { try $0 - Rupiah(actual) }
            let variance = try line.variance
            #expect(variance == expectedVariance && line.elapsedPercent == elapsed)
        }
    }

    @Test func foreignTranchesShowTheirRateAndTheExchangeDifference() throws {
        let demo = try DemoReports.shipped()
        let expected = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.date, e.foreignAmount, e.rate, e.amount,
                  CAST(round(e.foreignAmount * f.awardAmount * 1.0 / f.awardForeign) AS INTEGER) AS atAward
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE e.foreignCurrency IS NOT NULL ORDER BY e.date, e.id
                """)
        }
        let tranches = try GrantAccountability.foreignTranches(period: Period(parsing: "2025..2026"), in: demo.workspace)
        #expect(tranches.count == expected.count && tranches.count == 2)
        for (tranche, row) in zip(tranches, expected) {
            #expect(tranche.date == row["date"] && tranche.foreignMinor == row["foreignAmount"] && tranche.rate == row["rate"])
            #expect(tranche.rupiah == Rupiah(row["amount"]) && tranche.atAwardRate == Rupiah(row["atAward"]))
        }
        // USD 6,000 at 16,482.5 against the award's 16,250: Rp 1.395.000 more than the award's rate gives.
        #expect(try tranches.compactMap { try $0.difference }.reduce(.zero) { try $0 + $1 } == Rupiah(1_395_000))
        let grant = try #require(GrantAccountability.grants(asOf: Self.today, fundCode: "HIBAH-GFSM", in: demo.workspace).first)
        #expect(grant.awardCurrency == "USD" && grant.awardForeignAmount == 12_000 && grant.awardRate == 16_250)
        let difference = try grant.exchangeDifference
        #expect(difference == Rupiah(1_395_000) && grant.receivedForeign == 1_200_000)
        let row = try #require(try rows(demo, "foreign-tranches").last)
        #expect(row["foreign"] == .decimal(6000) && row["rate"] == .decimal(16482.5) && row["difference"] == .money(Rupiah(1_395_000)))
    }

    // MARK: Outcomes

    @Test func thePovertyLinesUsedPerSiteAndYear() throws {
        let demo = try DemoReports.shipped()
        let set = try demo.database.read { db in
            try Row.fetchAll(db, sql: "SELECT site.code, p.year, p.perPerson FROM poverty_line p JOIN site ON site.id = p.siteId")
                .map { "\($0["code"] as String) \($0["year"] as Int) \($0["perPerson"] as Int64)" }
        }
        let used = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT site.code, substr(v.date, 1, 4) AS year, min(v.needs / v.householdSize) AS low
                FROM visit v JOIN survivor s ON s.id = v.survivorId JOIN site ON site.id = s.siteId
                WHERE v.voidedOn IS NULL AND v.needsBasis = 'poverty_line' GROUP BY site.code, year
                """).map { "\($0["code"] as String) \($0["year"] as String) \($0["low"] as Int64)" }
        }
        #expect(!set.isEmpty && !used.isEmpty)
        let uses = try Visits.povertyLineUse(asOf: Self.today, in: demo.workspace)
        #expect(Set(uses.compactMap { u in u.perPerson.map { "\(u.site) \(u.year) \($0.amount)" } }) == Set(set))
        #expect(Set(uses.compactMap { u in u.usedLowest.map { "\(u.site) \(u.year) \($0.amount)" } }) == Set(used))
        // Households are people: the disclosure engine sees them as counts to protect.
        for row in try rows(demo, "poverty-lines") {
            guard case .people = row["households_line"], case .people = row["households_stated"] else {
                Issue.record("households are not people counts: \(row)")
                continue
            }
        }
        #expect(try rows(demo, "poverty-lines", site: "MDN").allSatisfy { $0["site"] == .text("MDN") })
        // A report's scope narrows the households counted: the BAZNAS fund reached no one in Medan.
        let baznas = try rows(demo, "poverty-lines", funder: "BAZNAS-KBM")
        #expect(baznas.filter { $0["site"] != .text("KBM") }.allSatisfy { $0["households_line"] == .people(0) && $0["households_stated"] == .people(0) })
        #expect(baznas.contains { $0["site"] == .text("KBM") && $0["households_line"] != .people(0) })
    }

    // MARK: Loans

    @Test func loansAgeAndALoanMonthsLateIsNotShownAsActive() throws {
        let demo = try DemoReports.shipped()
        let late = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                WITH paid AS (
                  SELECT l.id, coalesce((SELECT sum(e.amount) FROM ledger_entry e WHERE e.loanId = l.id AND e.kind = 'loan_repayment'
                                         AND e.date <= ?1), 0) AS repaid FROM loan l),
                cum AS (SELECT i.loanId, i.dueDate, i.amount, sum(i.amount) OVER (PARTITION BY i.loanId ORDER BY i.number) AS upto
                        FROM loan_instalment i)
                SELECT l.code, l.principal - p.repaid AS outstanding, p.repaid,
                  CAST(coalesce(julianday(?1) - julianday((SELECT min(c.dueDate) FROM cum c WHERE c.loanId = l.id AND c.upto > p.repaid
                                                           AND c.dueDate < ?1)), 0) AS INTEGER) AS daysLate,
                  (SELECT coalesce(sum(c.amount), 0) FROM cum c WHERE c.loanId = l.id AND c.dueDate <= ?1) AS due,
                  (SELECT max(c.dueDate) FROM cum c WHERE c.loanId = l.id) AS maturity
                FROM loan l JOIN paid p ON p.id = l.id WHERE l.status = 'active' AND l.startDate <= ?1 ORDER BY l.id
                """, arguments: [Self.today])
        }
        let positions = try LoanAgeing.positions(asOf: Self.today, in: demo.workspace)
        #expect(positions.count == late.count)
        for (position, row) in zip(positions, late) {
            #expect(position.code == row["code"] && position.daysLate == row["daysLate"] && position.outstanding == Rupiah(row["outstanding"]))
            #expect(position.due == Rupiah(row["due"]) && position.maturity == row["maturity"], "\(position.code)")
        }
        // The loan that stopped paying is months behind: its standing says so, in both languages.
        let worst = try #require(positions.max { $0.daysLate < $1.daysLate })
        #expect(worst.daysLate > 90 && worst.bucket == .over90 && worst.standing == .over90)
        let book = try rows(demo, "loan-book")
        let row = try #require(book.first { $0["loan"] == .text(worst.code) })
        #expect(row["standing"] == .text("macet (> 90 hari)") && row["standing"] != .text(LoanStatus.active.label.id))
        #expect(try rows(demo, "loan-book", language: .en).first { $0["loan"] == .text(worst.code) }?["standing"]
                == .text("non-performing (over 90 days)"))

        // Buckets add up to the outstanding principal, per SQL's days late.
        let ageing = try LoanAgeing.ageing(positions)
        for bucket in AgeingBucket.allCases {
            let expected = late.filter { AgeingBucket(daysLate: $0["daysLate"]) == bucket && ($0["outstanding"] as Int64) > 0 }
                .reduce(Int64(0)) { $0 + ($1["outstanding"] as Int64) }
            #expect(ageing.filter { $0.bucket == bucket }.reduce(Int64(0)) { $0 + $1.outstanding.amount } == expected, "\(bucket)")
        }
        // Repayment rate: what came back of what fell due, capped per loan at what fell due.
        let capped = late.reduce(Int64(0)) { $0 + min($1["repaid"] as Int64, $1["due"] as Int64) }
        let due = late.reduce(Int64(0)) { $0 + ($1["due"] as Int64) }
        let repayment = try #require(LoanAgeing.repayment(positions).first)
        #expect(repayment.repaymentPercent == Percent.of(capped, due) && repayment.writtenOff == .zero)
        #expect((repayment.repaymentPercent ?? 100) < 100)
    }

    @Test func aWriteOffLeavesThePortfolioAndIsCounted() throws {
        let demo = try DemoReports.shipped()
        let before = try LoanAgeing.positions(asOf: Self.today, in: demo.workspace)
        let worst = try #require(before.max { $0.daysLate < $1.daysLate })
        let over90 = { (positions: [LoanPosition]) throws in try LoanAgeing.ageing(positions).first { $0.bucket == .over90 }!.outstanding }
        try Loans.writeOff(loanCode: worst.code, on: Self.today, reason: "Usaha tutup, peminjam pindah", document: "KW/WO/0001",
                           in: demo.workspace)
        let after = try LoanAgeing.positions(asOf: Self.today, in: demo.workspace)
        let written = try #require(after.first { $0.code == worst.code })
        #expect(written.standing == .writtenOff && written.bucket == nil && written.writtenOff == worst.outstanding)
        let repayment = try #require(LoanAgeing.repayment(after).first)
        #expect(repayment.writtenOff == worst.outstanding && repayment.writtenOffLoans == 1)
        let expectedOver90 = try over90(before) - worst.outstanding
        #expect(try over90(after) == expectedOver90)
    }

    // MARK: Cash book

    @Test func theCashBookHasMonthlyBalancesAndItsVoucherSequenceIsChecked() throws {
        let demo = try DemoReports.shipped()
        let period = try Period(parsing: "2025..2026")
        let perMonth = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(e.date, 1, 7) AS month, coalesce(sum(CASE WHEN e.amount > 0 THEN e.amount END), 0) AS moneyIn,
                  -coalesce(sum(CASE WHEN e.amount < 0 THEN e.amount END), 0) AS moneyOut
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'INFAQ' GROUP BY month
                """).reduce(into: [String: (Int64, Int64)]()) { $0[$1["month"]] = ($1["moneyIn"], $1["moneyOut"]) }
        }
        let balance: Int64 = try #require(try sql(demo, "SELECT sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'INFAQ'"))
        let months = try CashChecks.months(fundCode: "INFAQ", period: period, asOf: Self.today, in: demo.workspace)
        #expect(months.count == 23 && months.first?.opening == .zero && months.last?.closing == Rupiah(balance))
        for (index, month) in months.enumerated() {
            let (moneyIn, moneyOut) = perMonth[month.month.description] ?? (0, 0)
            #expect(month.moneyIn == Rupiah(moneyIn) && month.moneyOut == Rupiah(moneyOut), "\(month.month)")
            let closing = try month.opening + month.moneyIn - month.moneyOut
            #expect(month.closing == closing)
            if index > 0 { #expect(month.opening == months[index - 1].closing) }
        }

        // The demo's receipts run KW/0001 on without a gap or a number used twice (a reversal
        // and a transfer's two legs share their original's number).
        let numbers: [Int] = try demo.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT document FROM ledger_entry WHERE document GLOB 'KW/[0-9]*'").compactMap { Int($0.dropFirst(3)) }
        }
        let doubled: Int = try #require(try sql(demo, """
            SELECT count(*) FROM (SELECT document FROM ledger_entry WHERE kind NOT IN ('reversal', 'transfer_in')
                                  GROUP BY document HAVING count(*) > 1)
            """))
        let all = try CashChecks.voucherSequence(period: period, in: demo.workspace)
        let kw = try #require(all.first { $0.series == "KW/" })
        #expect(kw.vouchers == numbers.count && kw.missing.count == (numbers.max()! - numbers.min()! + 1 - numbers.count))
        #expect(kw.duplicates.count == doubled)

        // A gap and a number used twice are found; a reversal keeps its original's number.
        let ws = demo.workspace
        for number in ["TEST/0001", "TEST/0003", "TEST/0003", "TEST/0004"] {
            try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(100_000), voucher: Voucher(date: Self.today, document: number), in: ws)
        }
        let last = try #require(try Ledger.entries(fundCode: "INFAQ", in: ws).last)
        try Ledger.reverse(entry: last.id, on: Self.today, reason: "salah catat", in: ws)
        let test = try #require(try CashChecks.voucherSequence(period: period, fundCode: "INFAQ", in: ws).first { $0.series == "TEST/" })
        #expect(test.missing == ["TEST/0002"] && test.duplicates.map(\.document) == ["TEST/0003"] && test.duplicates.first?.bookings == 2)
        let row = try #require(try rows(demo, "voucher-check", fund: "INFAQ").first { $0["series"] == .text("TEST/") })
        #expect(row["result"] == .text("nomor hilang: TEST/0002; nomor ganda: TEST/0003 (2×)"))
    }

    @Test func theSignatureBlockTakesNamesFromTheSettingsOrLeavesALineToSign() throws {
        let demo = try DemoReports.shipped()
        #expect(try rows(demo, "signatories").map { $0["name"] } == [.text("(.................................)"), .text("(.................................)")])
        try Signatories.set(.treasurer, name: "Siti Aminah", in: demo.workspace)
        let signed = try rows(demo, "signatories", language: .en)
        #expect(signed.map { $0["role"] } == [.text("Treasurer"), .text("Chair")])
        #expect(signed.first?["name"] == .text("Siti Aminah"))
        let audited: Int = try #require(try sql(demo, "SELECT count(*) FROM audit_log WHERE action = 'signatory.set'"))
        #expect(audited == 1)
        // The cash book ends with the block and its signature column.
        let cash = try WorkbookReader(path: try demo.write("cash-book", fund: "ZAKAT-PROD").path)
        #expect(cash.rows("Pengesahan").contains { $0.contains("Siti Aminah") })
    }

    // MARK: Zakat

    @Test func zakatReceivedDistributedHeldAndTheDaysBetween() throws {
        let demo = try DemoReports.shipped()
        let receipts: Int = try #require(try sql(demo, """
            SELECT count(*) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'ZAKAT-PROD' AND e.amount > 0
            """))
        #expect(receipts == 1)  // one receipt: every payment's days are counted from it
        let days: [Double] = try demo.database.read { db in
            try Double.fetchAll(db, sql: """
                SELECT julianday(e.date) - julianday((SELECT min(r.date) FROM ledger_entry r WHERE r.fundId = e.fundId AND r.kind = 'receipt'))
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId
                WHERE f.code = 'ZAKAT-PROD' AND e.kind IN ('disbursement', 'loan_out')
                  AND NOT EXISTS (SELECT 1 FROM ledger_entry x WHERE x.reversesId = e.id) ORDER BY 1
                """)
        }
        let distributed: Int64 = try #require(try sql(demo, """
            SELECT -sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'ZAKAT-PROD' AND e.amount < 0
            """))
        let held: Int64 = try #require(try sql(demo, "SELECT sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'ZAKAT-PROD'"))
        let flow = try #require(try ZakatAccountability.flows(period: Period(parsing: "2025..2026"), in: demo.workspace).first)
        #expect(flow.fund == "ZAKAT-PROD" && flow.received == Rupiah(60_000_000) && flow.distributed == Rupiah(distributed))
        #expect(flow.held == Rupiah(held) && flow.held == Rupiah(60_000_000 - distributed) && flow.payments == days.count)
        let mean = days.reduce(0, +) / Double(days.count)
        let median = days.count % 2 == 1 ? days[days.count / 2] : (days[days.count / 2 - 1] + days[days.count / 2]) / 2
        #expect(abs(flow.meanDays! - mean) < 1e-9 && flow.medianDays == median)
    }

    @Test func thePSAK109StatementBalancesAndShowsTheAmilShare() throws {
        let demo = try DemoReports.shipped()
        let perAsnaf = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.asnaf, -sum(e.amount) AS amount FROM ledger_entry e JOIN fund f ON f.id = e.fundId
                WHERE f.kind = 'zakat' AND e.asnaf IS NOT NULL GROUP BY e.asnaf
                """).reduce(into: [String: Int64]()) { $0[$1["asnaf"]] = $1["amount"] }
        }
        let closing: Int64 = try #require(try sql(demo, "SELECT sum(e.amount) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.kind = 'zakat'"))
        let statement = try ZakatAccountability.statement(period: Period(parsing: "2025..2026"), in: demo.workspace)
        let receiptsTotal = try statement.receiptsTotal
        #expect(statement.opening == .zero && receiptsTotal == Rupiah(60_000_000) && statement.closing == Rupiah(closing))
        #expect(statement.distribution.map(\.asnaf) == ZakatAccountability.asnafOrder)
        for (asnaf, amount) in statement.distribution { #expect(amount == Rupiah(perAsnaf[asnaf.rawValue] ?? 0), "\(asnaf)") }
        #expect(statement.amil == .zero && statement.other == .zero)
        let balance = try statement.opening + statement.receiptsTotal - statement.distributionTotal
        #expect(balance == statement.closing)
        // Refused for a fund that is not zakat.
        #expect(throws: FundingError.notAZakatFund("INFAQ")) {
            try ZakatAccountability.statement(period: Period(parsing: "2025"), fundCode: "INFAQ", in: demo.workspace)
        }

        // In a workbook, a fund that is not zakat or a funder without one gets a sentence, not a table.
        #expect(try rows(demo, "zakat-statement", fund: "INFAQ").map { $0["item"] }
                == [.text("Dana INFAQ bukan dana zakat: laporan ini hanya untuk dana zakat.")])
        #expect(try rows(demo, "zakat-statement", funder: "GFSM", language: .en).map { $0["item"] } == [.text("GFSM has no zakat fund.")])
        #expect(try rows(demo, "zakat-statement", funder: "BAZNAS-KBM").last?["amount"] == .money(Rupiah(closing)))

        let rows = try rows(demo, "zakat-statement")
        let amil = try #require(rows.first { $0["key"] == .text("asnaf_amil") })
        #expect(amil["amount"] == .money(.zero) && amil["note"] != .text(""))
        #expect(rows.last?["amount"] == .money(Rupiah(closing)))
        let psak = try WorkbookReader(path: try demo.write("psak-109", language: .en).path)
        #expect(psak.rows("Changes in funds").contains { $0.first == "Closing balance" && $0.contains(String(closing)) })
    }

    /// The new rows about one person that leave (the loan book, an LPJ's vouchers) carry the
    /// funder's pseudonyms, as the loans and mustahik lists do.
    @Test func newRowsThatLeaveCarryTheFundersCodes() throws {
        let demo = try DemoReports.shipped()
        let internalCodes = Set(try demo.database.read { try String.fetchAll($0, sql: "SELECT code FROM survivor") })
        for (dataset, field, fund, period) in [("loan-book", "borrower", nil, "2025..2026"), ("spending-vouchers", "counterparty", "HIBAH-GFSM", "2025..2026"),
                                               ("spending-vouchers", "counterparty", "ZAKAT-PROD", "2025..2026")] as [(String, String, String?, String)] {
            let definition = try #require(Datasets.named(dataset))
            let p = ReportParameters(period: try Period(parsing: period), periodLabel: period, fund: fund)
            let leaving = try Datasets.$audience.withValue(.funder) { try definition.rows(p, in: demo.workspace) }
            let inside = try Datasets.$audience.withValue(.internal) { try definition.rows(p, in: demo.workspace) }
            #expect(leaving.count == inside.count && !leaving.isEmpty, "\(dataset) \(fund ?? "")")
            #expect(inside.contains { if case let .text(code) = $0[field] { internalCodes.contains(code) } else { false } }, "\(dataset)")
            #expect(!leaving.contains { if case let .text(code) = $0[field] { internalCodes.contains(code) } else { false } },
                    "\(dataset): an internal code leaves")
        }
    }

    // MARK: The new formats

    @Test func theNewTemplatesRunForTheDemoInBothLanguages() throws {
        let demo = try DemoReports.shipped()
        for language in [Language.id, .en] {
            let lpj = try demo.write("lpj-hibah", period: "2025", fund: "HIBAH-PPPA", language: language)
            #expect(lpj.path.hasSuffix("lpj-hibah_2025_hibah-pppa_\(language.rawValue).xlsx"), "\(lpj.path)")
            _ = try demo.write("psak-109", language: language)
        }
        // The LPJ needs its fund, like the cash book.
        #expect(throws: ReportError.parameterNeeded(template: "lpj-hibah", parameter: .fund)) {
            try demo.write("lpj-hibah", period: "2025", out: demo.folder + "/refused")
        }
        // Realisation per line adds up to the fund's spending; recipients are people.
        let lines = try rows(demo, "lpj-lines", period: "2025", fund: "HIBAH-PPPA")
        #expect(lines.map { $0["line"] } == [.text("training"), .text("materials")])
        let spent = lines.reduce(Int64(0)) { total, row in if case let .money(m) = row["actual"] { total + m.amount } else { total } }
        #expect(spent == 25_000_000 - 18_350_000)
        #expect(lines.allSatisfy { if case .people = $0["recipients"] { true } else { false } })
        let vouchers = try rows(demo, "spending-vouchers", period: "2025", fund: "HIBAH-PPPA")
        let count: Int = try #require(try sql(demo, """
            SELECT count(*) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = 'HIBAH-PPPA' AND e.amount < 0
            """))
        #expect(vouchers.count == count)
    }
}
