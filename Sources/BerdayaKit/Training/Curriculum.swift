import Foundation
import GRDB

/// What an officer fills in to plan a session.
public struct SessionPlan: Sendable {
    public var cohortCode: String
    public var moduleName: String
    public var date: DayDate
    public var startTime: String?
    public var durationMinutes: Int?
    public var facilitators: [String]
    public var location: String?
    public var materials: String?
    public var notes: String?

    /// Takes the plan as typed; `Curriculum.planSession` checks it.
    public init(cohortCode: String, moduleName: String, date: DayDate, startTime: String? = nil,
                durationMinutes: Int? = nil, facilitators: [String] = [], location: String? = nil,
                materials: String? = nil, notes: String? = nil) {
        self.cohortCode = cohortCode
        self.moduleName = moduleName
        self.date = date
        self.startTime = startTime
        self.durationMinutes = durationMinutes
        self.facilitators = facilitators
        self.location = location
        self.materials = materials
        self.notes = notes
    }
}

/// A cohort's modules and sessions: planned ahead, then held, moved or cancelled.
public enum Curriculum {
    /// Adds a module to a cohort's curriculum.
    @discardableResult
    public static func addModule(cohortCode: String, name: String, category: ModuleCategory, isCore: Bool = true,
                                 in workspace: Workspace) throws -> TrainingModule {
        let name = try Text.required(name, field: "nama modul / module name", limit: 120)
        return try workspace.database.write { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            if try Int.fetchOne(db, sql: "SELECT count(*) FROM training_module WHERE cohortId = ? AND lower(name) = lower(?)",
                                arguments: [cohort.id, name]) ?? 0 > 0 {
                throw TrainingError.moduleExists(cohort: cohort.code, name: name)
            }
            var module = TrainingModule(cohortId: cohort.id!, name: name, category: category, isCore: isCore)
            try module.insert(db)
            try AuditLog.append(db, workspace, action: "training.module.add", record: cohort.code)
            return module
        }
    }

    /// A cohort's modules, in the order they were added.
    public static func modules(cohortCode: String, in workspace: Workspace) throws -> [TrainingModule] {
        try workspace.database.read { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            return try TrainingModule.filter { $0.cohortId == cohort.id }.order { $0.id }.fetchAll(db)
        }
    }

    /// Plans a session on a date within the cohort's dates; it gets the cohort's next number.
    @discardableResult
    public static func planSession(_ plan: SessionPlan, in workspace: Workspace) throws -> SessionRef {
        let startTime = try plan.startTime.map(validTime)
        if let minutes = plan.durationMinutes, !(1...720).contains(minutes) {
            throw InputError.outOfRange(field: "durasi (menit) / duration (minutes)", value: minutes, range: 1...720)
        }
        let facilitators = try plan.facilitators.compactMap { try Text.optional($0, field: "fasilitator / facilitator", limit: 80) }
        let location = try Text.optional(plan.location, field: "lokasi / location", limit: 200)
        let materials = try Text.optional(plan.materials, field: "bahan / materials", limit: 1000)
        let notes = try Text.optional(plan.notes, field: "catatan / notes", limit: 2000)
        return try workspace.database.write { db in
            let cohort = try Cohort.require(code: plan.cohortCode, in: db)
            try requireWithin(cohort, plan.date)
            let module = try TrainingModule.require(cohortId: cohort.id!, cohortCode: cohort.code, name: plan.moduleName, in: db)
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM training_session WHERE cohortId = ?",
                                           arguments: [cohort.id]) ?? 0) + 1
            var session = TrainingSession(cohortId: cohort.id!, number: number, moduleId: module.id!, date: plan.date,
                                          startTime: startTime, durationMinutes: plan.durationMinutes,
                                          facilitators: facilitators, location: location, materials: materials,
                                          notes: notes, status: .planned)
            try session.insert(db)
            let ref = SessionRef(cohort: cohort.code, number: number)
            try AuditLog.append(db, workspace, action: "training.session.plan", record: ref.description)
            return ref
        }
    }

    /// Moves a planned session to another date within the cohort, keeping the old date and why.
    public static func moveSession(_ ref: SessionRef, to date: DayDate, reason: String, in workspace: Workspace) throws {
        let reason = try Text.required(reason, field: "alasan / reason", limit: 300)
        try workspace.database.write { db in
            let (cohort, found) = try requireSession(ref, in: db)
            var session = found
            guard session.status == .planned else {
                throw session.status == .held ? TrainingError.sessionAlreadyHeld(ref.description)
                                              : TrainingError.sessionCancelled(ref.description)
            }
            try requireWithin(cohort, date)
            session.previousDate = session.date
            session.date = date
            session.changeReason = reason
            try session.update(db)
            try AuditLog.append(db, workspace, action: "training.session.move", record: ref.description)
        }
    }

    /// Cancels a planned session with the reason; it no longer counts anywhere.
    public static func cancelSession(_ ref: SessionRef, reason: String, in workspace: Workspace) throws {
        let reason = try Text.required(reason, field: "alasan / reason", limit: 300)
        try workspace.database.write { db in
            var session = try requireSession(ref, in: db).1
            guard session.status == .planned else {
                throw session.status == .held ? TrainingError.sessionAlreadyHeld(ref.description)
                                              : TrainingError.sessionCancelled(ref.description)
            }
            session.status = .cancelled
            session.changeReason = reason
            try session.update(db)
            try AuditLog.append(db, workspace, action: "training.session.cancel", record: ref.description)
        }
    }

    /// A cohort's sessions by date, with their module and attendance counts.
    public static func sessions(cohortCode: String, in workspace: Workspace) throws -> [SessionSummary] {
        try workspace.database.read { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            return try SessionSummary.fetchAll(db, sql: """
                SELECT ? AS cohort, s.number, m.name AS module, m.category, s.date, s.startTime, s.durationMinutes, s.location,
                       s.status, s.changeReason, s.previousDate,
                       (SELECT count(*) FROM attendance a WHERE a.sessionId = s.id AND a.mark IN ('present', 'late')) AS attended,
                       (SELECT count(*) FROM attendance a WHERE a.sessionId = s.id) AS marked
                FROM training_session s JOIN training_module m ON m.id = s.moduleId
                WHERE s.cohortId = ? ORDER BY s.date, s.number
                """, arguments: [cohort.code, cohort.id])
        }
    }

    /// The sessions not cancelled from `start` through `end` in every cohort (of `sites`, when
    /// given), in the order of the day: what an officer's home page lists for today and the week.
    public static func agenda(from start: DayDate, through end: DayDate, sites: Set<String>? = nil,
                              in workspace: Workspace) throws -> [AgendaSession] {
        try workspace.database.read { db in
            let rows = try AgendaSession.Row.fetchAll(db, sql: """
                SELECT c.code AS cohort, c.name AS cohortName, t.code AS site, s.number, m.name AS module, s.date, s.startTime,
                       s.durationMinutes, s.location, s.status, s.facilitators AS sessionFacilitators,
                       c.facilitators AS cohortFacilitators,
                       (SELECT count(*) FROM attendance a WHERE a.sessionId = s.id) AS marked
                FROM training_session s JOIN training_module m ON m.id = s.moduleId
                JOIN cohort c ON c.id = s.cohortId JOIN site t ON t.id = c.siteId
                WHERE s.date BETWEEN ? AND ? AND s.status != 'cancelled'
                ORDER BY s.date, s.startTime IS NULL, s.startTime, c.code, s.number
                """, arguments: [start, end])
            return rows.filter { sites?.contains($0.site) ?? true }.map(AgendaSession.init)
        }
    }

    static func requireSession(_ ref: SessionRef, in db: Database) throws -> (Cohort, TrainingSession) {
        let cohort = try Cohort.require(code: ref.cohort, in: db)
        guard let session = try TrainingSession.filter({ $0.cohortId == cohort.id && $0.number == ref.number })
            .fetchOne(db) else { throw TrainingError.unknownSession(ref.description) }
        return (cohort, session)
    }

    private static func requireWithin(_ cohort: Cohort, _ date: DayDate) throws {
        guard date >= cohort.startDate, date <= cohort.endDate else {
            throw TrainingError.sessionOutsideCohort(date: date, start: cohort.startDate, end: cohort.endDate)
        }
    }

    private static func validTime(_ text: String) throws -> String {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, parts[1].count == 2, let hour = Int(parts[0]), let minute = Int(parts[1]),
              (0...23).contains(hour), (0...59).contains(minute) else { throw TrainingError.invalidTime(text) }
        return String(format: "%02d:%02d", hour, minute)
    }
}

/// A session as listed.
public struct SessionSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var cohort: String
    public var number: Int
    public var module: String
    public var category: ModuleCategory
    public var date: DayDate
    public var startTime: String?
    public var durationMinutes: Int?
    public var location: String?
    public var status: SessionStatus
    public var changeReason: String?
    public var previousDate: DayDate?
    /// Members marked present or late.
    public var attended: Int
    /// Members with any mark.
    public var marked: Int

    /// The session's reference as users write it, `KBM-A1/3`.
    public var ref: String { "\(cohort)/\(number)" }
}

/// A session on an officer's agenda: when and where, who runs it, and whether its register is taken.
public struct AgendaSession: Sendable, Equatable {
    public var cohort: String
    public var cohortName: String
    public var site: String
    public var number: Int
    public var module: String
    public var date: DayDate
    /// `HH:MM`, when planned with a time.
    public var startTime: String?
    public var durationMinutes: Int?
    public var location: String?
    public var status: SessionStatus
    /// The session's own facilitators, else its cohort's.
    public var facilitators: [String]
    /// Members with a mark: 0 until the register is taken.
    public var marked: Int

    /// The session's reference as users write it, `KBM-2025-1/3`.
    public var ref: SessionRef { SessionRef(cohort: cohort, number: number) }

    struct Row: Decodable, FetchableRecord {
        var cohort: String, cohortName: String, site: String, number: Int, module: String, date: DayDate
        var startTime: String?, durationMinutes: Int?, location: String?, status: SessionStatus
        var sessionFacilitators: [String], cohortFacilitators: [String], marked: Int
    }

    init(_ row: Row) {
        (cohort, cohortName, site, number, module, date) = (row.cohort, row.cohortName, row.site, row.number, row.module, row.date)
        (startTime, durationMinutes, location, status, marked) = (row.startTime, row.durationMinutes, row.location, row.status, row.marked)
        facilitators = row.sessionFacilitators.isEmpty ? row.cohortFacilitators : row.sessionFacilitators
    }
}
