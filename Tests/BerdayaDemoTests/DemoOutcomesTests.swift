import BerdayaTestSupport
import Foundation
import GRDB
import Testing
@testable import BerdayaDemo
@testable import BerdayaKit

@Suite struct DemoOutcomesTests {
    @Test func theDemoHouseholdsMoveTheWayRealOnesDo() throws {
        let temporary = try TemporaryFolder("demo"), folder = temporary.path
        try DemoCache.copy(seed: 5, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        let database = try AppDatabase.open(at: folder + "/demo.sqlite")
        defer { try? database.close() }
        let w = try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: folder + "/demo.key", environment: [:]),
                              actor: "t", today: DemoScenario.today)

        // Every woman who enrolled has a baseline dated the day she enrolled.
        let missing = try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM enrolment e WHERE NOT EXISTS (
                    SELECT 1 FROM visit v WHERE v.survivorId = e.survivorId AND v.kind = 'baseline' AND v.date = e.enrolledOn)
                """)!
        }
        #expect(missing == 0)
        // Follow-ups only after a finished cohort: none yet for Jember's running one.
        let visits = try Visits.list(in: w)
        #expect(!visits.filter { $0.kind == .followUp && $0.site == "KBM" }.isEmpty)
        #expect(!visits.filter { $0.kind == .followUp && $0.site == "MDN" }.isEmpty)
        #expect(visits.filter { $0.kind == .followUp && $0.site == "JBR" }.isEmpty)

        // Believable, not uniform: most improve, some stay, someone falls back; incomes move both ways.
        let cibest = try OutcomeFigures.cibest(in: w)
        #expect(cibest.after.households >= 12 && cibest.withoutFollowUp >= 10)
        #expect(cibest.after.welfare! > cibest.beforeFollowedUp.welfare!)
        let moved = cibest.transitions.enumerated().flatMap { from, row in row.enumerated().filter { $0.element > 0 && $0.offset != from } }
        let stayed = (0..<4).map { cibest.transitions[$0][$0] }.reduce(0, +)
        #expect(moved.count >= 3 && stayed >= 2, "\(cibest.transitions)")
        // Someone fell into a poorer quadrant (from I, or from II or III into IV).
        let worse = cibest.transitions[0][1...].reduce(0, +) + cibest.transitions[1][3] + cibest.transitions[2][3]
        #expect(worse >= 1, "\(cibest.transitions)")
        let total = try #require(try OutcomeFigures.indicators(by: .site, in: w).last)
        #expect(total.incomeChangeMedian!.amount > 0 && total.aboveLineAfter > total.aboveLineBefore)
        let changes = try database.read { db in
            try Int64.fetchAll(db, sql: """
                SELECT f.income - b.income FROM visit f JOIN visit b ON b.survivorId = f.survivorId AND b.kind = 'baseline'
                WHERE f.kind = 'follow_up'
                """)
        }
        #expect(changes.contains { $0 < 0 } && changes.contains { $0 > 1_000_000 } && Set(changes).count > changes.count / 2)
        #expect(total.migrationAfter < total.migrationBefore)

        // The calendar has something overdue and the Kebumen 12-month round coming up on 28 Nov 2026.
        let due = try OutcomeFigures.due(in: w)
        #expect(due.contains { $0.status == .overdue })
        #expect(due.contains { $0.status == .due && $0.round == 12 && $0.dueOn == DayDate(year: 2026, month: 11, day: 28)! })
        // Some notes were written, all sealed, and erased women's notes are gone.
        #expect(visits.contains { $0.hasNotes })
        let erasedWithNotes = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM visit v JOIN survivor s ON s.id = v.survivorId WHERE s.erasedOn IS NOT NULL AND v.sealedNotes IS NOT NULL")!
        }
        #expect(erasedWithNotes == 0)
    }
}
