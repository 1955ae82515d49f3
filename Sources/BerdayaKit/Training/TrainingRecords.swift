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

extension TrainingModule {
    /// The table's columns, for requests that filter and sort TrainingModule records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let cohortId = Column(CodingKeys.cohortId)
        static let name = Column(CodingKeys.name)
        static let category = Column(CodingKeys.category)
        static let isCore = Column(CodingKeys.isCore)
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

extension TrainingSession {
    /// The table's columns, for requests that filter and sort TrainingSession records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let cohortId = Column(CodingKeys.cohortId)
        static let number = Column(CodingKeys.number)
        static let moduleId = Column(CodingKeys.moduleId)
        static let date = Column(CodingKeys.date)
        static let startTime = Column(CodingKeys.startTime)
        static let durationMinutes = Column(CodingKeys.durationMinutes)
        static let facilitators = Column(CodingKeys.facilitators)
        static let location = Column(CodingKeys.location)
        static let materials = Column(CodingKeys.materials)
        static let notes = Column(CodingKeys.notes)
        static let status = Column(CodingKeys.status)
        static let changeReason = Column(CodingKeys.changeReason)
        static let previousDate = Column(CodingKeys.previousDate)
    }
}

/// A session's reference as users write it: the cohort code, a slash, the session number.
public struct SessionRef: Hashable, Sendable, CustomStringConvertible {
    public let cohort: String
    public let number: Int

    /// The cohort code is upper-cased, so `kbm-a1/3` names the same session.
    public init(cohort: String, number: Int) {
        self.cohort = cohort.uppercased()
        self.number = number
    }

    /// Reads `KBM-A1/3`; refuses anything without one slash and a session number of 1 or more.
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

extension AttendanceRecord {
    /// The table's columns, for requests that filter and sort AttendanceRecord records.
    enum Columns {
        static let sessionId = Column(CodingKeys.sessionId)
        static let survivorId = Column(CodingKeys.survivorId)
        static let mark = Column(CodingKeys.mark)
    }
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

extension AttendanceCorrection {
    /// The table's columns, for requests that filter and sort AttendanceCorrection records.
    enum Columns {
        static let sessionId = Column(CodingKeys.sessionId)
        static let survivorId = Column(CodingKeys.survivorId)
        static let fromMark = Column(CodingKeys.fromMark)
        static let toMark = Column(CodingKeys.toMark)
        static let reason = Column(CodingKeys.reason)
        static let actor = Column(CodingKeys.actor)
        static let at = Column(CodingKeys.at)
    }
}

/// A pre or post skills score of one survivor in one module.
public struct Assessment: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public var survivorId: Int64
    public var moduleId: Int64
    public var phase: AssessmentPhase
    /// 0-100; from a rubric level it is level × 100 / levels, rounded.
    public var score: Int
    /// The rubric level given, when the score came from a rubric.
    public var rubricLevel: Int?
    /// The rubric's number of levels.
    public var rubricMax: Int?
    public var assessedOn: DayDate
}

extension Assessment {
    /// The table's columns, for requests that filter and sort Assessment records.
    public enum Columns {
        static let survivorId = Column(CodingKeys.survivorId)
        static let moduleId = Column(CodingKeys.moduleId)
        static let phase = Column(CodingKeys.phase)
        static let score = Column(CodingKeys.score)
        static let rubricLevel = Column(CodingKeys.rubricLevel)
        static let rubricMax = Column(CodingKeys.rubricMax)
        static let assessedOn = Column(CodingKeys.assessedOn)
    }
}
