import Foundation
import GRDB

/// Taking attendance for a held session: the whole cohort present with named exceptions, or
/// one survivor at a time. A changed mark is a correction, kept with the old mark and a reason.
public enum Attendance {
    /// What one `record` did to a session: marks new, marks corrected, and marks already as stored.
    public struct Outcome: Codable, Sendable, Equatable {
        public var session: String
        public var marked: Int
        public var corrected: Int
        public var unchanged: Int
    }

    /// Records marks for `ref`. With `allPresent`, every member enrolled on the session's date
    /// is present unless named in `marks`. A planned session that has taken place becomes held.
    /// All or nothing: one survivor not enrolled on that date refuses the whole entry. Marks
    /// may mix new ones and corrections (which need `reason`); a mark as already stored counts
    /// as unchanged, and when nothing changes nothing is written.
    @discardableResult
    public static func record(_ ref: SessionRef, allPresent: Bool, marks: [(code: String, mark: AttendanceMark)],
                              reason: String? = nil, in workspace: Workspace) throws -> Outcome {
        let reason = try Text.optional(reason, field: "alasan / reason", limit: 300)
        guard allPresent || !marks.isEmpty else { throw TrainingError.nothingToMark }
        return try workspace.database.write { db in
            let (_, found) = try Curriculum.requireSession(ref, in: db)
            var session = found
            guard session.status != .cancelled else { throw TrainingError.sessionCancelled(ref.description) }
            guard session.date <= workspace.today else { throw TrainingError.sessionInFuture(ref.description, date: session.date) }

            let enrolled = try enrolledMembers(cohortId: session.cohortId, on: session.date, in: db)
            var wanted: [Int64: AttendanceMark] = [:]
            var codes: [Int64: String] = [:]
            // The whole register's codes in one cached statement (a register is submitted whole).
            let typed = marks.map { Survivor.normalized(code: $0.code) }
            var ids: [String: Int64] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, code FROM survivor WHERE code IN (SELECT value FROM json_each(?))"),
                                           arguments: [String(decoding: try JSONEncoder().encode(Array(Set(typed)).sorted()), as: UTF8.self)])
            while let row = try rows.next() { ids[row["code"]] = row["id"] }
            for ((given, mark), code) in zip(marks, typed) {
                guard let id = ids[code] else { throw Survivor.unknown(code: given) }
                guard enrolled.contains(id) else {
                    throw TrainingError.notEnrolledOnDate(survivor: code, session: ref.description, date: session.date)
                }
                if let earlier = wanted[id], earlier != mark { throw TrainingError.markedTwice(survivor: code) }
                wanted[id] = mark
                codes[id] = code
            }
            if allPresent {
                for id in enrolled where wanted[id] == nil { wanted[id] = .present }
            }

            let existing = Dictionary(uniqueKeysWithValues: try AttendanceRecord
                .filter { $0.sessionId == session.id }.fetchAll(db).map { ($0.survivorId, $0.mark) })
            let changes = wanted.filter { existing[$0.key] != nil && existing[$0.key] != $0.value }
            if !changes.isEmpty, reason == nil {
                let changed = try changes.keys.map { id in try codes[id] ?? Survivor.code(id: id, in: db) }
                throw TrainingError.correctionNeedsReason(survivors: changed.sorted())
            }
            var outcome = Outcome(session: ref.description, marked: 0, corrected: 0, unchanged: 0)
            for (survivorId, mark) in wanted.sorted(by: { $0.key < $1.key }) {
                switch existing[survivorId] {
                case nil:
                    try AttendanceRecord(sessionId: session.id!, survivorId: survivorId, mark: mark).insert(db)
                    outcome.marked += 1
                case let old? where old != mark:
                    try AttendanceRecord(sessionId: session.id!, survivorId: survivorId, mark: mark).update(db)
                    try AttendanceCorrection(sessionId: session.id!, survivorId: survivorId, fromMark: old, toMark: mark,
                                             reason: reason!, actor: workspace.actor,
                                             at: AuditLog.timestamp(workspace.now())).insert(db)
                    let code = try Survivor.code(id: survivorId, in: db)
                    try AuditLog.append(db, workspace, action: "attendance.correct", record: "\(ref) \(code)")
                    outcome.corrected += 1
                default:
                    outcome.unchanged += 1
                }
            }
            // A register submitted again unchanged writes nothing.
            guard outcome.marked + outcome.corrected > 0 || session.status == .planned else { return outcome }
            if session.status == .planned {
                session.status = .held
                try session.update(db)
            }
            try AuditLog.append(db, workspace, action: "attendance.mark", record: ref.description)
            return outcome
        }
    }

    /// Marks a session as held without taking attendance now (the register comes later).
    public static func hold(_ ref: SessionRef, in workspace: Workspace) throws {
        try workspace.database.write { db in
            var session = try Curriculum.requireSession(ref, in: db).1
            guard session.status != .cancelled else { throw TrainingError.sessionCancelled(ref.description) }
            guard session.date <= workspace.today else { throw TrainingError.sessionInFuture(ref.description, date: session.date) }
            guard session.status == .planned else { return }
            session.status = .held
            try session.update(db)
            try AuditLog.append(db, workspace, action: "training.session.hold", record: ref.description)
        }
    }

    /// The register of one session: every member enrolled on its date, with her mark if any.
    public static func register(_ ref: SessionRef, in workspace: Workspace) throws -> SessionRegister {
        try workspace.database.read { db in
            let (_, session) = try Curriculum.requireSession(ref, in: db)
            let lines = try RegisterLine.fetchAll(db, sql: """
                SELECT survivor.code, attendance.mark,
                       (SELECT count(*) FROM attendance_correction c
                         WHERE c.sessionId = ? AND c.survivorId = survivor.id) AS corrections
                FROM enrolment JOIN survivor ON survivor.id = enrolment.survivorId
                LEFT JOIN attendance ON attendance.sessionId = ? AND attendance.survivorId = survivor.id
                WHERE enrolment.cohortId = ? AND enrolment.enrolledOn <= ?
                  AND (enrolment.exitedOn IS NULL OR enrolment.exitedOn >= ?)
                GROUP BY survivor.id ORDER BY survivor.code
                """, arguments: [session.id, session.id, session.cohortId, session.date, session.date])
            let module = try TrainingModule.fetchOne(db, key: session.moduleId)!
            return SessionRegister(session: ref.description, date: session.date, module: module.name,
                                   status: session.status, lines: lines)
        }
    }

    /// Survivors enrolled in a cohort on a date (enrolment day and exit day included).
    static func enrolledMembers(cohortId: Int64, on date: DayDate, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: """
            SELECT survivorId FROM enrolment
            WHERE cohortId = ? AND enrolledOn <= ? AND (exitedOn IS NULL OR exitedOn >= ?)
            """, arguments: [cohortId, date, date]))
    }
}

/// A session's attendance register.
public struct SessionRegister: Codable, Sendable, Equatable {
    public var session: String
    public var date: DayDate
    public var module: String
    public var status: SessionStatus
    public var lines: [RegisterLine]
}

/// One member on a session's register, with her mark (nil while unmarked).
public struct RegisterLine: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var mark: AttendanceMark?
    /// How many times her mark was corrected.
    public var corrections: Int
}
