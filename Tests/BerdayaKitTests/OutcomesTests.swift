import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// The Shop's Kebumen cohort (4 Aug to 28 Nov 2025) with three more members, and a poverty
/// line of Rp 500.000 per person, so a household of four needs exactly Rp 2.000.000.
struct Households {
    var shop: Shop
    var members: [String] = []

    init() throws {
        shop = try Shop()
        var extra: [String] = []
        for name in ["Sumiati Rahayu", "Tuminah Lestari", "Wartini Suryani"] {
            extra.append(try Registry.register(sampleRegistration(name: name, nik: nil, phone: nil), in: shop.w))
        }
        try Cohorts.enrol(cohortCode: shop.cohort, survivorCodes: extra, on: day(2025, 8, 4), in: shop.w)
        members = [shop.siti, shop.sri] + extra
        for year in [2025, 2026] {
            try Visits.setPovertyLine(siteCode: "KBM", year: year, perPerson: Rupiah(500_000), source: "BPS", in: shop.w)
        }
    }

    var w: Workspace { shop.w }

    @discardableResult
    func visit(_ code: String, _ kind: VisitKind, on date: DayDate, income: Int64, spirit: Int, household: Int = 4,
               round: Int? = nil, notes: String? = nil, business: VisitBusinessStatus? = nil,
               migration: MigrationIntention = .none) throws -> VisitRef {
        try Visits.record(input(code, kind, on: date, income: income, spirit: spirit, household: household, round: round,
                                notes: notes, business: business, migration: migration), in: w)
    }

    func input(_ code: String, _ kind: VisitKind, on date: DayDate, income: Int64, spirit: Int, household: Int = 4,
               round: Int? = nil, notes: String? = nil, business: VisitBusinessStatus? = nil,
               migration: MigrationIntention = .none) -> VisitInput {
        VisitInput(survivorCode: code, kind: kind, date: date, householdSize: household,
                   incomes: income == 0 ? [] : [IncomeLine(source: .wage, amount: Rupiah(income))], businessStatus: business,
                   migration: migration, confidence: 3, spiritual: SpiritualScores(all: spirit), notes: notes, round: round)
    }
}

@Suite struct OutcomesTests {
    @Test func cibestPlacesAHouseholdOnTheLinesAsTheModelSays() {
        let needs = Rupiah(2_000_000)
        // Exactly at the material line is not poor; exactly an average of 3 is not spiritually poor.
        #expect(CibestQuadrant(income: needs, needs: needs, spiritual: SpiritualScores(all: 3)) == .prosperous)
        #expect(CibestQuadrant(income: Rupiah(1_999_999), needs: needs, spiritual: SpiritualScores(all: 3)) == .materiallyPoor)
        // 3, 3, 3, 3, 2 averages 2.8: spiritually poor even though four items are at 3.
        let justBelow = SpiritualScores(prayer: 3, fasting: 3, giving: 3, environment: 3, fifth: 2)
        #expect(CibestQuadrant(income: needs, needs: needs, spiritual: justBelow) == .spirituallyPoor)
        #expect(CibestQuadrant(income: Rupiah(1_999_999), needs: needs, spiritual: justBelow) == .absolutelyPoor)
        // 5, 1, 3, 3, 3 averages exactly 3.
        #expect(SpiritualScores(prayer: 5, fasting: 1, giving: 3, environment: 3, fifth: 3).meetsLine)
    }

    @Test func aRecordedVisitPricesNeedsFromThePovertyLineAndKeepsThemWhenTheLineChanges() throws {
        let h = try Households()
        let ref = try h.visit(h.shop.siti, .baseline, on: day(2025, 8, 4), income: 2_000_000, spirit: 3)
        var visit = try Visits.show(ref, in: h.w)
        #expect(visit.needs == Rupiah(2_000_000) && visit.needsBasis == .povertyLine)
        #expect(visit.quadrant == .prosperous)
        // A corrected line applies to visits recorded afterwards, never reclassifies this one.
        try Visits.setPovertyLine(siteCode: "KBM", year: 2025, perPerson: Rupiah(600_000), source: nil, in: h.w)
        visit = try Visits.show(ref, in: h.w)
        #expect(visit.needs == Rupiah(2_000_000) && visit.quadrant == .prosperous)
        // Stated needs win over the line.
        var input = h.input(h.shop.sri, .baseline, on: day(2025, 8, 4), income: 1_500_000, spirit: 4)
        input.needs = Rupiah(1_400_000)
        let stated = try Visits.show(try Visits.record(input, in: h.w), in: h.w)
        #expect(stated.needs == Rupiah(1_400_000) && stated.needsBasis == .stated && stated.quadrant == .prosperous)
    }

    @Test func indicesAndTransitionsMatchAHandWorkedExample() throws {
        let h = try Households()
        let m = h.members
        let start = day(2025, 8, 4), later = day(2026, 3, 2)
        // Before → after, households of four needing Rp 2.000.000:
        try h.visit(m[0], .baseline, on: start, income: 1_500_000, spirit: 2)        // IV → I
        try h.visit(m[0], .followUp, on: later, income: 2_500_000, spirit: 3)
        try h.visit(m[1], .baseline, on: start, income: 1_500_000, spirit: 4)        // II → I (exactly at the line)
        try h.visit(m[1], .followUp, on: later, income: 2_000_000, spirit: 4)
        try h.visit(m[2], .baseline, on: start, income: 1_900_000, spirit: 3)        // II → II (a rupiah short)
        try h.visit(m[2], .followUp, on: later, income: 1_999_999, spirit: 3)
        try h.visit(m[3], .baseline, on: start, income: 2_200_000, spirit: 2)        // III → IV
        try h.visit(m[3], .followUp, on: later, income: 1_000_000, spirit: 2)
        try h.visit(m[4], .baseline, on: start, income: 3_000_000, spirit: 5)        // I, no follow-up yet

        let figures = try OutcomeFigures.cibest(OutcomeScope(cohortCode: h.shop.cohort), in: h.w)
        #expect(figures.before.counts == [1, 2, 1, 1])
        #expect(figures.before.welfare == 20 && figures.before.materialPoverty == 40)
        #expect(figures.before.spiritualPoverty == 20 && figures.before.absolutePoverty == 20)
        #expect(figures.beforeFollowedUp.counts == [0, 2, 1, 1])
        #expect(figures.after.counts == [2, 1, 0, 1])
        #expect(figures.after.welfare == 50 && figures.after.materialPoverty == 25)
        #expect(figures.after.spiritualPoverty == 0 && figures.after.absolutePoverty == 25)
        // The survivor without a follow-up is left out of 'after' and counted as such.
        #expect(figures.withoutFollowUp == 1 && figures.after.households == 4)
        #expect(figures.transitions == [[0, 0, 0, 0],
                                        [1, 1, 0, 0],
                                        [0, 0, 0, 1],
                                        [1, 0, 0, 0]])

        // Income changes +1.000.000, +500.000, +99.999, −1.200.000: median (99.999 + 500.000) / 2
        // rounds half away to 300.000; mean 399.999 / 4 rounds to 100.000.
        let rows = try OutcomeFigures.indicators(by: .cohort, in: h.w)
        let row = try #require(rows.first { $0.group == h.shop.cohort })
        #expect(row.survivors == 5 && row.baselines == 5 && row.followedUp == 4 && row.withoutFollowUp == 1)
        #expect(row.incomeChangeMedian == Rupiah(300_000) && row.incomeChangeMean == Rupiah(100_000))
        #expect(row.aboveLineBefore == 1 && row.aboveLineAfter == 2)
        #expect(rows.last?.isTotal == true && rows.last?.followedUp == 4)

        // As of before the follow-ups, nobody has an 'after'.
        let earlier = try OutcomeFigures.cibest(OutcomeScope(siteCode: "KBM"), asOf: day(2026, 1, 1), in: h.w)
        #expect(earlier.before.households == 5 && earlier.after.households == 0 && earlier.withoutFollowUp == 5)
        // Medan has no one visited.
        #expect(try OutcomeFigures.cibest(OutcomeScope(siteCode: "MDN"), in: h.w).before.households == 0)
    }

    @Test func followUpsAnswerTheirRoundsAndTheCalendarShowsWhatAnOfficerCanStillDo() throws {
        var h = try Households()
        let m = h.members
        // The cohort ended 28 Nov 2025: rounds fall due 28 Feb, 28 May and 28 Nov 2026.
        for code in m where code != m[1] { try h.visit(code, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3) }
        let first = try h.visit(m[0], .followUp, on: day(2026, 3, 5), income: 1_500_000, spirit: 3)
        let second = try h.visit(m[0], .followUp, on: day(2026, 5, 20), income: 1_800_000, spirit: 3)
        #expect(try Visits.show(first, in: h.w).round == 3 && Visits.show(second, in: h.w).round == 6)
        #expect(try Visits.show(second, in: h.w).cohort == h.shop.cohort)
        let again = h.input(m[0], .followUp, on: day(2026, 6, 1), income: 1, spirit: 3, round: 6)
        var unknownRound = again
        unknownRound.round = 5
        try h.shop.fixture.expectRefusalChangesNothing { w in try Visits.record(again, in: w) }
        try h.shop.fixture.expectRefusalChangesNothing { w in try Visits.record(unknownRound, in: w) }
        // m[3] left to work abroad again: no visit is asked of the officer for her.
        try Cohorts.exit(cohortCode: h.shop.cohort, survivorCode: m[3], on: day(2025, 10, 1), reason: .reMigrated, in: h.w)

        let due = try OutcomeFigures.due(within: 30, in: h.w)
        let listed = due.map { "\($0.survivor) \($0.round.map(String.init) ?? "baseline") \($0.status.rawValue)" }
        // m[1] never had a baseline; m[2] and m[4] missed 3 months (6 has fallen due since) and are overdue for 6;
        // everyone still here is due for 12 on 28 Nov, in 8 days.
        #expect(Set(listed) == Set(["\(m[1]) baseline overdue", "\(m[2]) 6 overdue", "\(m[4]) 6 overdue",
                                    "\(m[0]) 12 due", "\(m[1]) 12 due", "\(m[2]) 12 due", "\(m[4]) 12 due",
                                    "\(m[1]) 6 overdue"]))
        #expect(due.first { $0.survivor == m[0] }?.daysLate == -8)
        #expect(due.first?.kind == .baseline)
        // A shorter window leaves out what is not yet due.
        #expect(try OutcomeFigures.due(within: 7, in: h.w).allSatisfy { $0.status == .overdue })

        // A program may visit on its own rounds.
        try Visits.setSchedule(program: "PEP", months: [2, 4], in: h.w)
        #expect(try Visits.schedules(in: h.w) == [FollowUpSchedule(program: "PEP", months: [2, 4], isDefault: false)])
        #expect(throws: OutcomesError.self) { try FollowUpSchedule.parse("3,3") }
        #expect(throws: OutcomesError.self) { try FollowUpSchedule.parse("0,6") }
        try h.shop.fixture.expectRefusalChangesNothing { w in try Visits.setSchedule(program: "Nothing", months: [3], in: w) }
    }

    @Test func notesAreSealedRevealedWithAnAuditAndErasedWithHerIdentity() throws {
        var h = try Households()
        let secret = "Suami kembali ke Johor; utang ke sponsor Rp 7 juta"
        let ref = try h.visit(h.shop.siti, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3, notes: secret)
        let bytes = try h.shop.fixture.closedBytes()
        #expect(bytes.range(of: Data("Johor".utf8)) == nil, "notes must never be stored in clear")
        #expect(try Visits.list(survivorCode: h.shop.siti, in: h.w).first?.hasNotes == true)
        #expect(try Visits.revealNotes(ref, in: h.w) == secret)
        #expect(try AuditLog.entries(in: h.w, record: ref.description).contains { $0.action == "visit.notes.read" })
        // Without the key the notes stay shut.
        let keyless = try Workspace(database: h.shop.fixture.database, vault: .failure(.keyMissing(path: "x")), actor: "t", today: Shop.today)
        #expect(throws: AccessError.self) { try Visits.revealNotes(ref, in: keyless) }
        // Erasing her identity erases the notes; the figures stay.
        try Registry.withdrawConsent(code: h.shop.siti, kind: .dataProcessing, on: Shop.today, in: h.w)
        try Registry.erase(code: h.shop.siti, in: h.w)
        #expect(try Visits.revealNotes(ref, in: h.w) == nil)
        #expect(try Visits.show(ref, in: h.w).income == Rupiah(1_000_000))
        // A visit is never edited, even by hand.
        #expect(throws: StorageError.sqlite(path: h.w.database.path, reason: "a visit is never edited; void it and record it again")) {
            try h.w.database.write { try $0.execute(sql: "UPDATE visit SET income = 5000000") }
        }
        #expect(throws: StorageError.sqlite(path: h.w.database.path, reason: "a visit is never deleted; void it")) {
            try h.w.database.write { try $0.execute(sql: "DELETE FROM visit") }
        }
    }

    @Test func aVoidedVisitCountsNowhereAndItsRoundOpensAgain() throws {
        let h = try Households()
        let s = h.shop.siti
        try h.visit(s, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3)
        let wrong = try h.visit(s, .followUp, on: day(2026, 3, 1), income: 9_000_000, spirit: 5)
        try Visits.void(wrong, reason: "salah rumah tangga", in: h.w)
        #expect(try OutcomeFigures.cibest(in: h.w).after.households == 0)
        let again = try h.visit(s, .followUp, on: day(2026, 3, 2), income: 1_200_000, spirit: 3)
        #expect(try Visits.show(again, in: h.w).round == 3)
        #expect(throws: OutcomesError.alreadyVoided(wrong.description)) { try Visits.void(wrong, reason: "lagi", in: h.w) }
    }

    @Test func badVisitsAreRefusedAndChangeNothing() throws {
        var h = try Households()
        let s = h.shop.siti
        try h.visit(s, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3)
        let make = h
        let refusals: [(String, (Workspace) throws -> Void)] = [
            ("follow-up before the baseline", { try Visits.record(make.input(s, .followUp, on: day(2025, 8, 1), income: 1, spirit: 3), in: $0) }),
            ("follow-up on the baseline's day", { try Visits.record(make.input(s, .followUp, on: day(2025, 8, 4), income: 1, spirit: 3), in: $0) }),
            ("a second baseline", { try Visits.record(make.input(s, .baseline, on: day(2025, 9, 1), income: 1, spirit: 3), in: $0) }),
            ("a follow-up without baseline", { try Visits.record(make.input(make.shop.sri, .followUp, on: day(2026, 3, 1), income: 1, spirit: 3), in: $0) }),
            ("a score of 6", { try Visits.record(make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 6), in: $0) }),
            ("a score of 0", { try Visits.record(make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 0), in: $0) }),
            ("a negative income", { try Visits.record(make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: -5, spirit: 3), in: $0) }),
            ("a household of zero", { try Visits.record(make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 3, household: 0), in: $0) }),
            ("confidence 9", {
                var input = make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 3)
                input.confidence = 9
                try Visits.record(input, in: $0)
            }),
            ("income not given", {
                var input = make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 3)
                input.incomes = nil
                try Visits.record(input, in: $0)
            }),
            ("a source twice", {
                var input = make.input(make.shop.sri, .baseline, on: day(2025, 8, 4), income: 1, spirit: 3)
                input.incomes = [IncomeLine(source: .wage, amount: Rupiah(1)), IncomeLine(source: .wage, amount: Rupiah(2))]
                try Visits.record(input, in: $0)
            }),
            ("no poverty line for Medan", { try Visits.record(make.input(make.shop.rosda, .baseline, on: day(2025, 8, 4), income: 1, spirit: 3), in: $0) }),
            ("a visit in the future", { try Visits.record(make.input(make.shop.sri, .baseline, on: day(2027, 1, 1), income: 1, spirit: 3), in: $0) }),
            ("an unknown survivor", { try Visits.record(make.input("KBM-0999", .baseline, on: day(2025, 8, 4), income: 1, spirit: 3), in: $0) }),
            ("a void without reason", { try Visits.void(VisitRef(survivor: s, number: 1), reason: " ", in: $0) }),
            ("a poverty line of zero", { try Visits.setPovertyLine(siteCode: "MDN", year: 2026, perPerson: .zero, source: nil, in: $0) }),
        ]
        for (name, refusal) in refusals {
            let error = try h.shop.fixture.expectRefusalChangesNothing(refusal)
            #expect(error != nil, "\(name)")
        }
        #expect(throws: OutcomesError.followUpBeforeBaseline(survivor: s, baseline: day(2025, 8, 4), date: day(2025, 8, 1))) {
            try Visits.record(h.input(s, .followUp, on: day(2025, 8, 1), income: 1, spirit: 3), in: h.w)
        }
        #expect(throws: InputError.outOfRange(field: "--household", value: 0, range: 1...30)) {
            try Visits.record(h.input(s, .followUp, on: day(2026, 3, 1), income: 1, spirit: 3, household: 0), in: h.w)
        }
        #expect(throws: InputError.outOfRange(field: "--prayer", value: 6, range: 1...5)) {
            try Visits.record(h.input(s, .followUp, on: day(2026, 3, 1), income: 1, spirit: 6), in: h.w)
        }
    }
}
