import BerdayaTestSupport
import Foundation
import Testing
@testable import BerdayaDemo
@testable import BerdayaKit

@Suite struct DemoTests {
    struct Snapshot: Equatable {
        var survivors: [SurvivorDetails]
        var identities: [SurvivorIdentity?]
        var cohorts: [CohortDetails]
        var audit: [String]
    }

    /// The demo of `seed`: built here by `DemoBuilder` when `fresh`, else a copy of the one this
    /// test process built (another, independent build of the builder).
    func buildDemo(seed: UInt64, scale: Int = 1, fresh: Bool = false) throws -> (Snapshot, DemoBuilder.Summary) {
        let temporary = try TemporaryFolder("demo"), folder = temporary.path
        let path = folder + "/demo.sqlite"
        let summary = fresh ? try DemoBuilder.build(at: path, keyPath: folder + "/demo.key", seed: seed, scale: scale, actor: "demo")
                            : try DemoCache.copy(seed: seed, scale: scale, to: path, keyPath: folder + "/demo.key")
        #expect(DemoMark.isSet(at: path))
        let database = try AppDatabase.open(at: path)
        defer { try? database.close() }
        let workspace = try Workspace(database: database,
                                      vault: Workspace.loadVault(for: database, keyPath: folder + "/demo.key", environment: [:]),
                                      actor: "test", today: DemoScenario.today)
        let codes = try Registry.list(in: workspace).map(\.code)
        let survivors = try codes.map { try Registry.details(code: $0, in: workspace) }
        let audit = try AuditLog.entries(in: workspace, limit: 100_000).filter { $0.actor == "demo" }
            .map { "\($0.action) \($0.record ?? "") \($0.action == "database.init" ? "" : $0.at)" }
        let identities = survivors.map { try? Registry.revealIdentity(code: $0.code, in: workspace) }
        let cohorts = try Cohorts.list(in: workspace).map { try Cohorts.details(code: $0.code, in: workspace) }
        return (Snapshot(survivors: survivors, identities: identities, cohorts: cohorts, audit: audit), summary)
    }

    @Test func theDemoIsTheSameForTheSameSeed() throws {
        let (first, summary) = try buildDemo(seed: 7)
        let (second, _) = try buildDemo(seed: 7, fresh: true)
        #expect(first == second)
        let (other, _) = try buildDemo(seed: 5)
        #expect(first.identities != other.identities)
        #expect(summary.sites == 3 && summary.cohorts == 3)
    }

    @Test func theDemoHoldsTheThreeCohortsOfTheFieldPapers() throws {
        let (demo, summary) = try buildDemo(seed: 2025)
        #expect(demo.cohorts.map(\.site).sorted() == ["JBR", "KBM", "MDN"])
        let medan = try #require(demo.cohorts.first { $0.site == "MDN" })
        #expect((8...12).contains(medan.members.count))
        #expect(demo.survivors.allSatisfy { $0.profile.sex == .female })
        #expect(demo.cohorts.contains { $0.status == .active } && demo.cohorts.contains { $0.status == .completed })
        // exits are dated within the cohort and after enrolment
        for cohort in demo.cohorts {
            for member in cohort.members {
                #expect(member.enrolledOn <= cohort.endDate)
                if let exited = member.exitedOn { #expect(exited >= member.enrolledOn && exited <= cohort.endDate) }
            }
        }
        // every identity opens, except those erased on withdrawal of consent, and every NIK is valid
        for (survivor, identity) in zip(demo.survivors, demo.identities) {
            if survivor.erasedOn != nil { #expect(identity == nil); continue }
            let nik = try #require(identity?.nik)
            _ = try NIK(validating: nik, sex: survivor.profile.sex, birthYear: survivor.profile.birthYear, today: DemoScenario.today)
        }
        #expect(demo.survivors.contains { $0.erasedOn != nil })
        #expect(summary.survivors == demo.survivors.count)
    }

    @Test func scaleMultipliesSitesCohortsAndSurvivors() throws {
        let (one, _) = try buildDemo(seed: 3)
        let (three, summary) = try buildDemo(seed: 3, scale: 3, fresh: true)
        #expect(summary.sites == 9 && summary.cohorts == 9)
        #expect(three.survivors.count == 3 * one.survivors.count)
        #expect(Set(three.survivors.map(\.site)).count == 9)
    }

    @Test func theDemoNeverReplacesARealDatabase() throws {
        let temporary = try TemporaryFolder("test")
        let path = temporary.file("test.sqlite"), keyPath = temporary.file("test.key")
        try Setup.createDatabase(at: path, keyPath: keyPath, useKeyFromEnvironment: nil, actor: "tester",
                                 today: DayDate(year: 2026, month: 1, day: 15)!)
        #expect(throws: DemoError.wouldReplaceRealDatabase(path: path)) {
            try DemoBuilder.build(at: path, keyPath: keyPath, seed: 1, scale: 1, actor: "demo")
        }
        #expect(!DemoMark.isSet(at: path))
        #expect(try AppDatabase.open(at: path).read { try Meta.value(for: Meta.demo, in: $0) } == nil)
    }
}

@Suite struct DemoTrainingTests {
    @Test func demoAttendanceIsOnlyForMembersEnrolledOnTheDayAndOnlyForHeldSessions() throws {
        let temporary = try TemporaryFolder("demo"), folder = temporary.path
        try DemoCache.copy(seed: 3, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        let database = try AppDatabase.open(at: folder + "/demo.sqlite")
        defer { try? database.close() }
        try database.read { db in
            let outside = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.sessionId
                WHERE NOT EXISTS (SELECT 1 FROM enrolment e WHERE e.survivorId = a.survivorId AND e.cohortId = s.cohortId
                                  AND e.enrolledOn <= s.date AND (e.exitedOn IS NULL OR e.exitedOn >= s.date))
                """)
            #expect(outside == 0)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM attendance a JOIN training_session s ON s.id = a.sessionId WHERE s.status != 'held'
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM attendance") ?? 0 > 300)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM training_session WHERE status = 'cancelled'") == 3)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM assessment WHERE phase = 'post'") ?? 0 > 50)
        }
        // Everyone who left a finished cohort as "completed" meets its rule.
        let workspace = try Workspace(database: database, vault: .failure(.wrongKey), actor: "t", today: DemoScenario.today)
        for cohort in try Cohorts.list(in: workspace) {
            let progress = try TrainingProgress.of(cohortCode: cohort.code, in: workspace)
            for member in progress.members where member.exitReason == .completed { #expect(member.meetsRule) }
            if cohort.status == .active { #expect(progress.atRisk >= 1) }
        }
    }
}

@Suite struct DemoFundingTests {
    @Test func theDemoMoneyTellsABelievableAndRuleAbidingStory() throws {
        let temporary = try TemporaryFolder("demo"), folder = temporary.path
        try DemoCache.copy(seed: 5, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        let database = try AppDatabase.open(at: folder + "/demo.sqlite")
        defer { try? database.close() }
        let workspace = try Workspace(database: database, vault: .failure(.wrongKey), actor: "t", today: DemoScenario.today)
        let funds = try Funds.balances(asOf: DemoScenario.today, in: workspace)
        #expect(Set(funds.map(\.kind)) == [.zakat, .infaq, .restricted, .unrestricted])
        #expect(funds.allSatisfy { $0.balance.amount >= 0 })
        let grant = try Funds.budget(fundCode: "HIBAH-GFSM", asOf: DemoScenario.today, in: workspace)
        #expect(grant.awardCurrency == "USD" && grant.lines.allSatisfy { $0.spent <= $0.cap! })
        try database.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry WHERE foreignCurrency = 'USD'") == 2)
            #expect(try Int.fetchOne(db, sql: """
                SELECT count(*) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
                WHERE f.kind = 'zakat' AND e.kind = 'disbursement' AND (e.asnaf IS NULL OR e.survivorId IS NULL)
                """) == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry WHERE kind = 'expense' AND sessionId IS NOT NULL") ?? 0 > 30)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry WHERE kind = 'reversal'") == 1)
            // micro-grants reached most of the survivors who were enrolled
            let granted = try Int.fetchOne(db, sql: "SELECT count(DISTINCT survivorId) FROM ledger_entry WHERE kind = 'disbursement'") ?? 0
            let enrolled = try Int.fetchOne(db, sql: "SELECT count(DISTINCT survivorId) FROM enrolment") ?? 0
            #expect(granted * 3 >= enrolled * 2)
        }
        let loans = try Loans.portfolio(asOf: DemoScenario.today, in: workspace).loans
        #expect(loans.count >= 5)
        #expect(loans.filter { $0.daysLate > 30 }.count >= 1)
        #expect(loans.filter { $0.daysLate == 0 }.count * 2 > loans.count)
    }
}
