import Foundation
import Testing
@testable import BerdayaKit

@Suite struct CohortTests {
    let start = DayDate(year: 2025, month: 7, day: 1)!
    let end = DayDate(year: 2025, month: 10, day: 31)!

    func prepared() throws -> (Fixture, Cohort, [String]) {
        let fixture = try Fixture()
        try fixture.addSites()
        var codes: [String] = []
        for name in ["Siti Aminah", "Sri Wahyuni", "Sumiati"] {
            codes.append(try Registry.register(sampleRegistration(name: name, nik: nil), in: fixture.workspace))
        }
        let cohort = try Cohorts.create(CohortPlan(name: "Kue kering Kebumen", program: "Pemberdayaan 2025", siteCode: "KBM",
                                                   startDate: start, endDate: end, facilitators: ["Bu Endah"],
                                                   partners: ["DESBUMI"]), in: fixture.workspace)
        return (fixture, cohort, codes)
    }

    @Test func cohortCodesDefaultToSiteYearAndNumber() throws {
        let (fixture, cohort, _) = try prepared()
        #expect(cohort.code == "KBM-2025-1")
        let second = try Cohorts.create(CohortPlan(name: "Batik", program: "Lain", siteCode: "kbm", startDate: start,
                                                   endDate: end), in: fixture.workspace)
        #expect(second.code == "KBM-2025-2")
    }

    @Test func enrolmentAndExitAreRecordedWithDates() throws {
        let (fixture, cohort, codes) = try prepared()
        try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: codes, on: start, in: fixture.workspace)
        try Cohorts.exit(cohortCode: cohort.code, survivorCode: codes[1], on: DayDate(year: 2025, month: 8, day: 15)!,
                         reason: .droppedOut, in: fixture.workspace)
        let details = try Cohorts.details(code: cohort.code, in: fixture.workspace)
        #expect(details.members.count == 3)
        #expect(details.members.first { $0.code == codes[1] }?.exitReason == .droppedOut)
        #expect(try Cohorts.list(in: fixture.workspace).first.map { ($0.enrolled, $0.current) } ?? (0, 0) == (3, 2))
        #expect(try Registry.list(in: fixture.workspace, cohortCode: cohort.code).count == 3)
    }

    @Test func enrolmentIsAllOrNothing() throws {
        var (fixture, cohort, codes) = try prepared()
        let error = try fixture.expectRefusalChangesNothing { workspace in
            try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[0], "KBM-0042"], on: start, in: workspace)
        }
        #expect(error as? ParticipantsError == .unknownSurvivor(code: "KBM-0042"))
    }

    @Test func aSurvivorIsInOneActiveCohortPerProgram() throws {
        var (fixture, cohort, codes) = try prepared()
        let other = try Cohorts.create(CohortPlan(name: "Kue basah", program: " pemberdayaan 2025", siteCode: "KBM",
                                                  startDate: start, endDate: end), in: fixture.workspace)
        let elsewhere = try Cohorts.create(CohortPlan(name: "Literasi", program: "Program lain", siteCode: "KBM",
                                                      startDate: start, endDate: end), in: fixture.workspace)
        try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[0]], on: start, in: fixture.workspace)
        let error = try fixture.expectRefusalChangesNothing { workspace in
            try Cohorts.enrol(cohortCode: other.code, survivorCodes: [codes[0]], on: start, in: workspace)
        }
        #expect(error as? CohortsError == .activeInSameProgram(survivor: codes[0], otherCohort: cohort.code,
                                                              program: "pemberdayaan 2025"))
        // Another program is fine, and after her exit so is the same program.
        try Cohorts.enrol(cohortCode: elsewhere.code, survivorCodes: [codes[0]], on: start, in: fixture.workspace)
        try Cohorts.exit(cohortCode: cohort.code, survivorCode: codes[0], on: start.adding(days: 10), reason: .moved,
                         in: fixture.workspace)
        try Cohorts.enrol(cohortCode: other.code, survivorCodes: [codes[0]], on: start.adding(days: 10), in: fixture.workspace)
    }

    @Test func cohortRefusalsChangeNothing() throws {
        var (fixture, cohort, codes) = try prepared()
        try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[0]], on: start, in: fixture.workspace)
        let refusals: [(Workspace) throws -> Void] = [
            { try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[0]], on: start, in: $0) },
            { try Cohorts.enrol(cohortCode: "KBM-2030-9", survivorCodes: [codes[1]], on: start, in: $0) },
            { try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[1]], on: end.adding(days: 1), in: $0) },
            { try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[1]], on: Fixture.today.adding(days: 1), in: $0) },
            { try Cohorts.exit(cohortCode: cohort.code, survivorCode: codes[1], on: start, reason: .completed, in: $0) },
            { try Cohorts.exit(cohortCode: cohort.code, survivorCode: codes[0], on: start.adding(days: -1), reason: .completed, in: $0) },
            { _ = try Cohorts.create(CohortPlan(name: "X", program: "P", siteCode: "KBM", startDate: end, endDate: start), in: $0) },
            { _ = try Cohorts.create(CohortPlan(name: "X", program: "P", siteCode: "ZZZ", startDate: start, endDate: end), in: $0) },
            { _ = try Cohorts.create(CohortPlan(code: "KBM-2025-1", name: "X", program: "P", siteCode: "KBM", startDate: start, endDate: end), in: $0) },
            { _ = try Cohorts.create(CohortPlan(code: "a b", name: "X", program: "P", siteCode: "KBM", startDate: start, endDate: end), in: $0) },
            { _ = try Cohorts.create(CohortPlan(name: " ", program: "P", siteCode: "KBM", startDate: start, endDate: end), in: $0) },
        ]
        for refusal in refusals { try fixture.expectRefusalChangesNothing(refusal) }

        try Cohorts.setStatus(code: cohort.code, to: .completed, in: fixture.workspace)
        try fixture.expectRefusalChangesNothing { try Cohorts.setStatus(code: cohort.code, to: .active, in: $0) }
        try fixture.expectRefusalChangesNothing {
            try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[2]], on: start, in: $0)
        }
    }

    @Test func anErasedSurvivorOrOneWithoutConsentCannotBeEnrolled() throws {
        var (fixture, cohort, codes) = try prepared()
        try Registry.withdrawConsent(code: codes[1], kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        let noConsent = try fixture.expectRefusalChangesNothing {
            try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[1]], on: start, in: $0)
        }
        #expect(noConsent as? ParticipantsError == .noDataConsent(code: codes[1]))
        try Registry.erase(code: codes[1], in: fixture.workspace)
        let erased = try fixture.expectRefusalChangesNothing {
            try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [codes[1]], on: start, in: $0)
        }
        #expect(erased as? CohortsError == .survivorErased(code: codes[1]))
    }
}
