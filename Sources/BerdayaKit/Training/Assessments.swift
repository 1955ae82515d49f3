import Foundation
import GRDB

/// Pre and post skills scores per survivor per module, so reports can show skill gain.
public enum Assessments {
    /// A score as entered: 0-100, or a rubric level out of a number of levels.
    public enum Score: Sendable, Equatable {
        case points(Int)
        case rubric(level: Int, levels: Int)

        func stored() throws -> (score: Int, level: Int?, levels: Int?) {
            switch self {
            case let .points(points):
                guard (0...100).contains(points) else {
                    throw InputError.outOfRange(field: "nilai / score", value: points, range: 0...100)
                }
                return (points, nil, nil)
            case let .rubric(level, levels):
                guard (2...10).contains(levels), (1...levels).contains(level) else {
                    throw TrainingError.invalidRubric(level: level, levels: levels)
                }
                return ((level * 100 + levels / 2) / levels, level, levels)
            }
        }
    }

    /// Records a score. A second score for the same phase is refused unless `replace`, which
    /// is audited as a correction.
    public static func record(cohortCode: String, moduleName: String, survivorCode: String, phase: AssessmentPhase,
                              score: Score, on date: DayDate, replace: Bool = false, in workspace: Workspace) throws {
        let stored = try score.stored()
        try date.requireNotAfter(workspace.today, field: "tanggal penilaian / assessment date")
        try workspace.database.write { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            let module = try TrainingModule.require(cohortId: cohort.id!, cohortCode: cohort.code, name: moduleName, in: db)
            let survivor = try Survivor.require(code: survivorCode, in: db)
            guard try Enrolment.filter({ $0.cohortId == cohort.id && $0.survivorId == survivor.id }).fetchCount(db) > 0 else {
                throw CohortsError.notEnrolled(survivor: survivor.code, cohort: cohort.code)
            }
            let assessment = Assessment(survivorId: survivor.id!, moduleId: module.id!, phase: phase, score: stored.score,
                                        rubricLevel: stored.level, rubricMax: stored.levels, assessedOn: date)
            if try assessment.exists(db) {
                guard replace else { throw TrainingError.assessmentExists(survivor: survivor.code, module: module.name, phase: phase) }
                try assessment.update(db)
                try AuditLog.append(db, workspace, action: "assessment.correct.\(phase.rawValue)", record: "\(cohort.code) \(survivor.code)")
            } else {
                try assessment.insert(db)
                try AuditLog.append(db, workspace, action: "assessment.\(phase.rawValue)", record: "\(cohort.code) \(survivor.code)")
            }
        }
    }
}
