import Foundation
import GRDB
import Testing
@testable import BerdayaKit

@Suite struct TrainingTests {
    let start = DayDate(year: 2025, month: 7, day: 7)!
    let end = DayDate(year: 2025, month: 9, day: 26)!

    /// A cohort of three with two modules; `weeks` weekly sessions planned from the start.
    func prepared(weeks: Int = 4) throws -> (Fixture, [String], [SessionRef]) {
        let fixture = try Fixture()
        try fixture.addSites()
        var codes: [String] = []
        for name in ["Siti Aminah", "Sri Wahyuni", "Sumiati"] {
            codes.append(try Registry.register(sampleRegistration(name: name, nik: nil), in: fixture.workspace))
        }
        try Cohorts.create(CohortPlan(name: "Kue kering", program: "P", siteCode: "KBM", startDate: start, endDate: end),
                           in: fixture.workspace)
        try Curriculum.addModule(cohortCode: "KBM-2025-1", name: "Kue kering", category: .foodProduct, in: fixture.workspace)
        try Curriculum.addModule(cohortCode: "KBM-2025-1", name: "FGD", category: .psychosocial, isCore: false, in: fixture.workspace)
        try Cohorts.enrol(cohortCode: "KBM-2025-1", survivorCodes: Array(codes.prefix(2)), on: start, in: fixture.workspace)
        var refs: [SessionRef] = []
        for week in 0..<weeks {
            refs.append(try Curriculum.planSession(SessionPlan(cohortCode: "KBM-2025-1", moduleName: week == 0 ? "fgd" : "Kue kering",
                                                               date: start.adding(days: 7 * week)), in: fixture.workspace))
        }
        return (fixture, codes, refs)
    }

    func member(_ progress: CohortProgress, _ code: String) -> MemberProgress? {
        progress.members.first { $0.code == code }
    }

    @Test func withNoSessionsHeldNobodyCompletesAndNobodyIsAtRisk() throws {
        let (fixture, codes, _) = try prepared()
        let progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(progress.sessionsHeld == 0 && progress.sessionsPlanned == 4)
        let first = try #require(member(progress, codes[0]))
        #expect(first.sessionsHeld == 0 && first.attendancePercent == nil)
        #expect(!first.meetsRule && !first.atRisk)
    }

    @Test func completionNeedsThePercentAndEveryCorePostScore() throws {
        let (fixture, codes, refs) = try prepared()
        for ref in refs { try Attendance.record(ref, allPresent: true, marks: [(codes[1], .absent)], in: fixture.workspace) }
        try Attendance.record(refs[3], allPresent: false, marks: [(codes[1], .late)], reason: "came after the break",
                              in: fixture.workspace)
        var progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        // 4 of 4 but no post score in the core module yet; FGD is not core.
        #expect(member(progress, codes[0])?.missingPostAssessments == ["Kue kering"])
        #expect(member(progress, codes[0])?.meetsRule == false)
        try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "kue KERING", survivorCode: codes[0], phase: .post,
                               score: .points(70), on: end, in: fixture.workspace)
        try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[1], phase: .post,
                               score: .rubric(level: 3, levels: 4), on: end, in: fixture.workspace)
        progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(member(progress, codes[0])?.meetsRule == true)
        // 1 of 4 (late counts as attended) is 25%: below 75%.
        #expect(member(progress, codes[1])?.attended == 1)
        #expect(member(progress, codes[1])?.meetsRule == false)
        #expect(progress.modules.first { $0.module == "Kue kering" }?.meanPost == 72.5) // 70 and 75 (3 of 4)
        // Exactly at the rule: 3 of 4 is 75%, which meets a 75% rule.
        try TrainingProgress.setRule(cohortCode: "KBM-2025-1", percent: 75, needsPost: false, in: fixture.workspace)
        try Attendance.record(refs[1], allPresent: false, marks: [(codes[1], .present)], reason: "register was wrong",
                              in: fixture.workspace)
        try Attendance.record(refs[2], allPresent: false, marks: [(codes[1], .present)], reason: "register was wrong",
                              in: fixture.workspace)
        progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(member(progress, codes[1])?.attendancePercent == 75.0)
        #expect(member(progress, codes[1])?.meetsRule == true)
    }

    @Test func someoneWhoEnrolledMidwayIsJudgedOnlyOnSessionsAfterward() throws {
        let (fixture, codes, refs) = try prepared()
        try Attendance.record(refs[0], allPresent: true, marks: [], in: fixture.workspace)
        try Attendance.record(refs[1], allPresent: true, marks: [], in: fixture.workspace)
        try Cohorts.enrol(cohortCode: "KBM-2025-1", survivorCodes: [codes[2]], on: start.adding(days: 10), in: fixture.workspace)
        try Attendance.record(refs[2], allPresent: true, marks: [], in: fixture.workspace)
        try Attendance.record(refs[3], allPresent: true, marks: [(codes[2], .excused)], in: fixture.workspace)
        let progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        let late = try #require(member(progress, codes[2]))
        #expect(late.sessionsHeld == 2 && late.attended == 1 && late.excused == 1)
        #expect(late.attendancePercent == 50.0)
        #expect(progress.sessions.map(\.expected) == [2, 2, 3, 3])
    }

    @Test func aCancelledSessionDoesNotCount() throws {
        let (fixture, codes, refs) = try prepared()
        try Curriculum.cancelSession(refs[1], reason: "Banjir", in: fixture.workspace)
        try Attendance.record(refs[0], allPresent: true, marks: [], in: fixture.workspace)
        try Attendance.record(refs[2], allPresent: true, marks: [(codes[0], .absent)], in: fixture.workspace)
        try Attendance.record(refs[3], allPresent: true, marks: [], in: fixture.workspace)
        let progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(progress.sessionsHeld == 3 && progress.sessionsCancelled == 1)
        #expect(member(progress, codes[0])?.sessionsHeld == 3)
        #expect(member(progress, codes[0])?.attendancePercent == 66.7)
    }

    @Test func atRiskAfterMissingTheLastTwoOrFallingBehind() throws {
        let (fixture, codes, refs) = try prepared(weeks: 8)
        try Attendance.record(refs[0], allPresent: true, marks: [], in: fixture.workspace)
        try Attendance.record(refs[1], allPresent: true, marks: [], in: fixture.workspace)
        try Attendance.record(refs[2], allPresent: true, marks: [(codes[1], .absent)], in: fixture.workspace)
        try Attendance.record(refs[3], allPresent: true, marks: [(codes[1], .excused)], in: fixture.workspace)
        var progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(member(progress, codes[1])?.risks == [.missedLastTwo, .belowPace])
        #expect(member(progress, codes[0])?.atRisk == false)
        // Missing all of the rest she could not reach 75% any more; an exit ends the warning.
        try Curriculum.cancelSession(refs[7], reason: "Libur", in: fixture.workspace)
        for ref in refs[4...6] { try Attendance.record(ref, allPresent: true, marks: [(codes[1], .absent)], in: fixture.workspace) }
        progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(member(progress, codes[1])?.risks.contains(.cannotReachRule) == true)
        try Cohorts.exit(cohortCode: "KBM-2025-1", survivorCode: codes[1], on: end, reason: .droppedOut, in: fixture.workspace)
        progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(member(progress, codes[1])?.atRisk == false)
        #expect(progress.atRisk == 0)
    }

    @Test func aCorrectionKeepsTheOldMarkTheReasonAndTheActor() throws {
        var (fixture, codes, refs) = try prepared()
        try Attendance.record(refs[0], allPresent: true, marks: [(codes[1], .absent)], in: fixture.workspace)
        let refused = try fixture.expectRefusalChangesNothing {
            try Attendance.record(refs[0], allPresent: false, marks: [(codes[1], .present)], in: $0)
        }
        #expect(refused as? TrainingError == .correctionNeedsReason(survivors: [codes[1]]))
        let outcome = try Attendance.record(refs[0], allPresent: false, marks: [(codes[1], .present)],
                                            reason: "Datang setelah daftar diedarkan",
                                            in: fixture.on(Fixture.today, actor: "bu.endah"))
        #expect(outcome.corrected == 1)
        let row = try #require(try fixture.database.read { try Row.fetchOne($0, sql: "SELECT * FROM attendance_correction") })
        #expect(row["fromMark"] as String == "absent" && row["toMark"] as String == "present")
        #expect(row["actor"] as String == "bu.endah" && row["reason"] as String == "Datang setelah daftar diedarkan")
        #expect(try AuditLog.entries(in: fixture.workspace).contains { $0.action == "attendance.correct" && $0.record == "\(refs[0]) \(codes[1])" })
        #expect(try Attendance.register(refs[0], in: fixture.workspace).lines.first { $0.code == codes[1] }?.corrections == 1)
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "corrections are append-only") {
            try fixture.database.pool.write { try $0.execute(sql: "DELETE FROM attendance_correction") }
        }
    }

    @Test func attendanceRefusalsChangeNothing() throws {
        var (fixture, codes, refs) = try prepared()
        try Curriculum.cancelSession(refs[3], reason: "Banjir", in: fixture.workspace)
        let future = try Curriculum.planSession(SessionPlan(cohortCode: "KBM-2025-1", moduleName: "Kue kering", date: end),
                                                in: fixture.on(Fixture.today))
        let early = try fixture.on(start.adding(days: 8))
        var cases: [(Workspace) throws -> Void] = []
        cases.append { _ = try Attendance.record(refs[0], allPresent: true, marks: [(codes[2], .present)], in: $0) }
        cases.append { _ = try Attendance.record(refs[3], allPresent: true, marks: [], in: $0) }
        cases.append { _ in _ = try Attendance.record(refs[2], allPresent: true, marks: [], in: early) }
        cases.append { _ = try Attendance.record(refs[0], allPresent: true, marks: [("KBM-0099", .late)], in: $0) }
        cases.append { _ = try Attendance.record(SessionRef(cohort: "KBM-2025-1", number: 42), allPresent: true, marks: [], in: $0) }
        cases.append { _ = try Attendance.record(refs[0], allPresent: false, marks: [], in: $0) }
        cases.append { _ = try Attendance.record(refs[0], allPresent: false, marks: [(codes[0], .late), (codes[0], .absent)], in: $0) }
        cases.append { _ = try Curriculum.planSession(SessionPlan(cohortCode: "KBM-2025-1", moduleName: "Kue kering", date: end.adding(days: 1)), in: $0) }
        cases.append { _ = try Curriculum.planSession(SessionPlan(cohortCode: "KBM-2025-1", moduleName: "Batik", date: end), in: $0) }
        cases.append { _ = try Curriculum.planSession(SessionPlan(cohortCode: "KBM-2025-1", moduleName: "FGD", date: end, startTime: "25:00"), in: $0) }
        cases.append { try Curriculum.moveSession(refs[3], to: end, reason: "x", in: $0) }
        cases.append { try Curriculum.moveSession(future, to: end.adding(days: 3), reason: "x", in: $0) }
        cases.append { _ = try Curriculum.addModule(cohortCode: "KBM-2025-1", name: "kue kering", category: .craft, in: $0) }
        cases.append { try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[0], phase: .pre, score: .points(101), on: start, in: $0) }
        cases.append { try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[0], phase: .pre, score: .rubric(level: 5, levels: 4), on: start, in: $0) }
        cases.append { try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[2], phase: .pre, score: .points(50), on: start, in: $0) }
        cases.append { try TrainingProgress.setRule(cohortCode: "KBM-2025-1", percent: 0, needsPost: true, in: $0) }
        for refusal in cases { try fixture.expectRefusalChangesNothing(refusal) }

        // She left on day 10: a session on day 14 is not hers.
        try Cohorts.exit(cohortCode: "KBM-2025-1", survivorCode: codes[1], on: start.adding(days: 10), reason: .moved,
                         in: fixture.workspace)
        let error = try fixture.expectRefusalChangesNothing {
            try Attendance.record(refs[2], allPresent: false, marks: [(codes[1], .present)], in: $0)
        }
        #expect(error as? TrainingError == .notEnrolledOnDate(survivor: codes[1], session: refs[2].description,
                                                              date: start.adding(days: 14)))
        // and --all-present leaves her out
        try Attendance.record(refs[2], allPresent: true, marks: [], in: fixture.workspace)
        #expect(try Attendance.register(refs[2], in: fixture.workspace).lines.map(\.code) == [codes[0]])
    }

    @Test func aSecondScoreNeedsReplaceAndIsAudited() throws {
        let (fixture, codes, _) = try prepared()
        try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[0], phase: .pre,
                               score: .points(40), on: start, in: fixture.workspace)
        #expect(throws: TrainingError.assessmentExists(survivor: codes[0], module: "Kue kering", phase: .pre)) {
            try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[0], phase: .pre,
                                   score: .points(45), on: start, in: fixture.workspace)
        }
        try Assessments.record(cohortCode: "KBM-2025-1", moduleName: "Kue kering", survivorCode: codes[0], phase: .pre,
                               score: .points(45), on: start, replace: true, in: fixture.workspace)
        let progress = try TrainingProgress.of(cohortCode: "KBM-2025-1", in: fixture.workspace)
        #expect(progress.modules.first?.meanPre == 45)
        #expect(try AuditLog.entries(in: fixture.workspace, limit: 1).first?.action == "assessment.correct.pre")
    }

    @Test func movingASessionKeepsTheOldDateAndReason() throws {
        let (fixture, _, refs) = try prepared()
        try Curriculum.moveSession(refs[1], to: start.adding(days: 9), reason: "Hari libur", in: fixture.workspace)
        let moved = try #require(try Curriculum.sessions(cohortCode: "KBM-2025-1", in: fixture.workspace).first { $0.number == 2 })
        #expect(moved.date == start.adding(days: 9) && moved.previousDate == start.adding(days: 7))
        #expect(moved.changeReason == "Hari libur")
    }
}
