import Foundation
import GRDB

/// A module of a cohort's curriculum ("Merangkai bunga", "Literasi keuangan").
public struct TrainingModule: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "training_module"
    public var id: Int64?
    public var cohortId: Int64
    public var name: String
    public var category: ModuleCategory
    /// Core modules count for completion (a post assessment in each).
    public var isCore: Bool

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func require(cohortId: Int64, cohortCode: String, name: String, in db: Database) throws -> TrainingModule {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        guard let module = try TrainingModule.fetchOne(db, sql: """
            SELECT * FROM training_module WHERE cohortId = ? AND lower(name) = lower(?)
            """, arguments: [cohortId, wanted]) else {
            throw TrainingError.unknownModule(cohort: cohortCode, name: wanted)
        }
        return module
    }
}

/// One meeting of a cohort, numbered within it (`MDN-2025-1/3`).
public struct TrainingSession: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "training_session"
    public var id: Int64?
    public var cohortId: Int64
    public var number: Int
    public var moduleId: Int64
    public var date: DayDate
    public var startTime: String?
    public var durationMinutes: Int?
    public var facilitators: [String]
    public var location: String?
    public var materials: String?
    public var notes: String?
    public var status: SessionStatus
    /// Why it was moved or cancelled.
    public var changeReason: String?
    /// The date it had before the last move.
    public var previousDate: DayDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A session's reference as users write it: the cohort code, a slash, the session number.
public struct SessionRef: Hashable, Sendable, CustomStringConvertible {
    public let cohort: String
    public let number: Int

    public init(cohort: String, number: Int) {
        self.cohort = cohort.uppercased()
        self.number = number
    }

    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 2, let number = Int(parts[1]), number >= 1 else {
            throw TrainingError.invalidSessionRef(text)
        }
        self.init(cohort: String(parts[0]), number: number)
    }

    public var description: String { "\(cohort)/\(number)" }
}

struct AttendanceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attendance"
    var sessionId: Int64
    var survivorId: Int64
    var mark: AttendanceMark
}

struct AttendanceCorrection: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "attendance_correction"
    var sessionId: Int64
    var survivorId: Int64
    var fromMark: AttendanceMark
    var toMark: AttendanceMark
    var reason: String
    var actor: String
    var at: String
}

/// A pre or post skills score of one survivor in one module.
public struct Assessment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var survivorId: Int64
    public var moduleId: Int64
    public var phase: AssessmentPhase
    /// 0-100; from a rubric level it is level × 100 / levels, rounded.
    public var score: Int
    public var rubricLevel: Int?
    public var rubricMax: Int?
    public var assessedOn: DayDate
}
