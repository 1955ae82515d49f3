import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Rules that live in one place (issue 17): every caller that asks gets the same answer.
@Suite struct OneHomeTests {
    @Test func everyBalanceAFundShowsIsTheOneBalanceRule() throws {
        let money = try Money()
        let w = money.fixture.workspace
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(10_000_000), voucher: Money.voucher(5, month: 2), in: w)
        try Ledger.disburse(fundCode: "INFAQ", to: .survivor(money.survivor), amount: Rupiah(2_500_000), line: "micro_grants",
                            voucher: Money.voucher(10), in: w)
        try Ledger.expense(fundCode: "INFAQ", amount: Rupiah(750_000), line: "training", vendor: "Toko", voucher: Money.voucher(20), in: w)
        try Ledger.receive(fundCode: "GRANT", amount: Rupiah(10_000_000), voucher: Money.voucher(5, month: 2), in: w)
        try Ledger.expense(fundCode: "GRANT", amount: Rupiah(2_500_000), line: "micro_grants", vendor: "Toko", voucher: Money.voucher(10), in: w)
        try Ledger.expense(fundCode: "GRANT", amount: Rupiah(750_000), line: "training", vendor: "Toko", voucher: Money.voucher(20), in: w)
        let fundId = try w.database.read { try Fund.require(code: "INFAQ", in: $0).id! }
        let expected: [(DayDate, Rupiah)] = [(DayDate(year: 2025, month: 2, day: 4)!, .zero),
                                             (DayDate(year: 2025, month: 2, day: 5)!, Rupiah(10_000_000)),
                                             (DayDate(year: 2025, month: 3, day: 10)!, Rupiah(7_500_000)),
                                             (DayDate(year: 2025, month: 3, day: 31)!, Rupiah(6_750_000))]
        for (day, balance) in expected {
            let next = day.adding(days: 1)
            let shared = try w.database.read { db in
                (try Balance.of([fundId], .through, day, in: db), try Balance.of([fundId], .before, next, in: db))
            }
            #expect(shared.0 == balance && shared.1 == balance, "\(day)")
            #expect(try Funds.balances(asOf: day, in: w).first { $0.code == "INFAQ" }?.balance == balance, "\(day)")
            #expect(try Funds.budget(fundCode: "INFAQ", asOf: day, in: w).balance == balance, "\(day)")
            let upToDay = try Period(start: Money.opened, end: day)
            #expect(try TreasurerReports.perFund(period: upToDay, fundCode: "INFAQ", in: w).first?.closing == balance, "\(day)")
            #expect(try Ledger.cashBook(fundCode: "INFAQ", period: upToDay, in: w).closing == balance, "\(day)")
            // The grant got the same money on the same days.
            #expect(try GrantAccountability.grants(asOf: day, fundCode: "GRANT", in: w).first?.balance == balance, "\(day)")
            let after = try Period(start: next, end: next)
            #expect(try Ledger.cashBook(fundCode: "INFAQ", period: after, in: w).opening == balance, "\(day)")
            #expect(try TreasurerReports.perFund(period: after, fundCode: "INFAQ", in: w).first?.opening == balance, "\(day)")
        }
    }

    @Test func noPeriodMeansTheLastTwelveWholeMonthsUpToToday() throws {
        let today = DayDate(year: 2026, month: 1, day: 15)!
        let expected = try Period(parsing: "2025-02-01..2026-01-15")
        #expect(Period.lastTwelveMonths(through: today) == expected)
        #expect(try Period.given(nil, today: today) == expected)
        #expect(try Period.given("  ", today: today) == expected)
        #expect(try Period.given("2025-H2", today: today) == Period(parsing: "2025-H2"))
        // The first of a month still covers twelve months, not eleven and a day.
        #expect(Period.lastTwelveMonths(through: DayDate(year: 2026, month: 3, day: 1)!) == (try Period(parsing: "2025-04-01..2026-03-01")))
        #expect(throws: InputError.self) { try Period.given("2025-Q5", today: today) }
    }

    @Test func theCompletionDefaultIsTheSchemasAndARuleChangesOnlyWhatIsGiven() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let w = fixture.workspace
        try Cohorts.create(CohortPlan(name: "Kue kering", program: "P", siteCode: "KBM", startDate: DayDate(year: 2025, month: 7, day: 1)!,
                                      endDate: DayDate(year: 2025, month: 10, day: 31)!), in: w)
        // The schema's column default (an ALTER in a shipped migration) and Swift's agree.
        let stored = try w.database.read { try Int.fetchOne($0, sql: "SELECT dflt_value FROM pragma_table_info('cohort') WHERE name = 'completionPercent'") }
        #expect(stored == CompletionRule.defaultPercent)
        #expect(try TrainingProgress.of(cohortCode: "KBM-2025-1", in: w).rule == CompletionRule(percent: CompletionRule.defaultPercent, needsPostAssessment: true))
        try TrainingProgress.setRule(cohortCode: "KBM-2025-1", percent: 80, in: w)
        try TrainingProgress.setRule(cohortCode: "KBM-2025-1", needsPost: false, in: w)
        #expect(try TrainingProgress.of(cohortCode: "KBM-2025-1", in: w).rule == CompletionRule(percent: 80, needsPostAssessment: false))
        for percent in [CompletionRule.percentRange.lowerBound - 1, CompletionRule.percentRange.upperBound + 1] {
            try fixture.expectRefusalChangesNothing { try TrainingProgress.setRule(cohortCode: "KBM-2025-1", percent: percent, in: $0) }
        }
        for percent in [CompletionRule.percentRange.lowerBound, CompletionRule.percentRange.upperBound] {
            try TrainingProgress.setRule(cohortCode: "KBM-2025-1", percent: percent, in: fixture.workspace)
            #expect(try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace).rule.percent == percent)
        }
    }

    @Test func anEntryIsDescribedOnceInEachLanguage() throws {
        let money = try Money()
        let w = money.fixture.workspace
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(10_000_000), voucher: Money.voucher(5, month: 2), in: w)
        let paid = try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(money.survivor), amount: Rupiah(2_500_000), line: "micro_grants",
                                       asnaf: .fakir, voucher: Voucher(date: DayDate(year: 2025, month: 3, day: 10)!, document: "KW-2",
                                                                       memo: "modal warung"), in: w)
        try Ledger.reverse(entry: paid.id!, on: DayDate(year: 2025, month: 3, day: 11)!, reason: "salah orang", in: w)
        let lines = try Ledger.entries(fundCode: "ZAKAT", in: w)
        #expect(lines[1].description(.id) == "penyaluran · Hibah modal usaha · fakir · modal warung")
        #expect(lines[1].description(.en) == "disbursement · Micro-grants · fakir (destitute) · modal warung")
        #expect(lines[2].description(.en).contains("reverses #\(paid.id!)"), "\(lines[2].description(.en))")
    }

    @Test func leavingACohortIsDroppingOutMigratingAgainOrMoving() {
        #expect(CohortStanding(exit: nil) == .current)
        let standings = Dictionary(uniqueKeysWithValues: ExitReason.allCases.map { ($0, CohortStanding(exit: $0)) })
        #expect(standings == [.completed: .completed, .droppedOut: .left, .reMigrated: .left, .moved: .left, .other: .other])
    }

    @Test func theVisitCalendarLooksThirtyDaysAheadUnlessToldOtherwise() throws {
        #expect(OutcomeFigures.dueHorizon == 30 && OutcomeFigures.dueHorizons.contains(OutcomeFigures.dueHorizon))
        let fixture = try Fixture()
        #expect(throws: InputError.outOfRange(field: "--within", value: 367, range: OutcomeFigures.dueHorizons)) {
            try OutcomeFigures.due(within: 367, in: fixture.workspace)
        }
    }
}
