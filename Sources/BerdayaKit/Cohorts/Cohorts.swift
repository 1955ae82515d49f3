import Foundation
import GRDB

/// What an officer fills in to create a cohort.
public struct CohortPlan: Sendable {
    public var code: String?
    public var name: String
    public var program: String
    public var siteCode: String
    public var startDate: DayDate
    public var endDate: DayDate
    public var facilitators: [String]
    public var partners: [String]
    public var status: CohortStatus

    /// Takes the plan as typed; `Cohorts.create` checks it.
    public init(code: String? = nil, name: String, program: String, siteCode: String, startDate: DayDate,
                endDate: DayDate, facilitators: [String] = [], partners: [String] = [], status: CohortStatus = .planned) {
        self.code = code
        self.name = name
        self.program = program
        self.siteCode = siteCode
        self.startDate = startDate
        self.endDate = endDate
        self.facilitators = facilitators
        self.partners = partners
        self.status = status
    }
}

/// Cohorts and their members: creation, status, enrolment and exit.
public enum Cohorts {
    /// Creates a cohort. Without a code it gets the next free `SITE-YEAR-N`, e.g. `MDN-2025-1`.
    @discardableResult
    public static func create(_ plan: CohortPlan, in workspace: Workspace) throws -> Cohort {
        let name = try Text.required(plan.name, field: "nama kelompok / cohort name", limit: 120)
        let program = try Text.required(plan.program, field: "program", limit: 120)
        guard plan.endDate >= plan.startDate else {
            throw InputError.datesOutOfOrder(first: "mulai / start", firstValue: plan.startDate,
                                             second: "selesai / end", secondValue: plan.endDate)
        }
        let facilitators = try plan.facilitators.compactMap { try Text.optional($0, field: "fasilitator / facilitator", limit: 80) }
        let partners = try plan.partners.compactMap { try Text.optional($0, field: "mitra / partner", limit: 120) }
        let requestedCode = try Text.optional(plan.code, field: "kode / code", limit: 20)?.uppercased()
        if let requestedCode, !(3...20).contains(requestedCode.count)
            || !requestedCode.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }) {
            throw CohortsError.invalidCohortCode(code: requestedCode)
        }
        return try workspace.database.write { db in
            let site = try Site.require(code: plan.siteCode, in: db)
            let code: String
            if let requestedCode {
                if try Cohort.filter({ $0.code == requestedCode }).fetchCount(db) > 0 {
                    throw CohortsError.cohortExists(code: requestedCode)
                }
                code = requestedCode
            } else {
                code = try nextCode(site: site.code, year: plan.startDate.year, in: db)
            }
            var cohort = Cohort(code: code, name: name, program: program, siteId: site.id!, startDate: plan.startDate,
                                endDate: plan.endDate, facilitators: facilitators, partners: partners,
                                status: plan.status, createdOn: workspace.today)
            try cohort.insert(db)
            try AuditLog.append(db, workspace, action: "cohort.create", record: code)
            return cohort
        }
    }

    /// Moves a cohort forward: planned → active → completed. Never back.
    public static func setStatus(code: String, to status: CohortStatus, in workspace: Workspace) throws {
        try workspace.database.write { db in
            var cohort = try Cohort.require(code: code, in: db)
            let order: [CohortStatus] = [.planned, .active, .completed]
            guard order.firstIndex(of: status)! >= order.firstIndex(of: cohort.status)! else {
                throw CohortsError.statusBackwards(from: cohort.status, to: status)
            }
            guard status != cohort.status else { return }
            cohort.status = status
            try cohort.update(db)
            try AuditLog.append(db, workspace, action: "cohort.status.\(status.rawValue)", record: cohort.code)
        }
    }

    /// Enrols survivors in a cohort on `date`, all or none. Refuses someone already in the
    /// cohort, in another open cohort of the same program, erased, or without data consent.
    public static func enrol(cohortCode: String, survivorCodes: [String], on date: DayDate,
                             in workspace: Workspace) throws {
        try date.requireNotAfter(workspace.today, field: "tanggal daftar / enrolment date")
        guard !survivorCodes.isEmpty else { throw InputError.empty(field: "penyintas / survivors") }
        try workspace.database.write { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            guard cohort.status != .completed else { throw CohortsError.cohortCompleted(code: cohort.code) }
            guard date <= cohort.endDate else { throw CohortsError.enrolmentAfterEnd(cohort: cohort.code, end: cohort.endDate) }
            for survivorCode in survivorCodes {
                let survivor = try Survivor.require(code: survivorCode, in: db)
                guard survivor.erasedOn == nil else { throw CohortsError.survivorErased(code: survivor.code) }
                guard try Registry.openConsent(.dataProcessing, of: survivor.id!, in: db) != nil else {
                    throw ParticipantsError.noDataConsent(code: survivor.code)
                }
                if try openEnrolment(survivorId: survivor.id!, cohortId: cohort.id!, in: db) != nil {
                    throw CohortsError.alreadyEnrolled(survivor: survivor.code, cohort: cohort.code)
                }
                if let other = try String.fetchOne(db, sql: """
                    SELECT cohort.code FROM enrolment JOIN cohort ON cohort.id = enrolment.cohortId
                    WHERE enrolment.survivorId = ? AND enrolment.exitedOn IS NULL AND cohort.status != 'completed'
                      AND cohort.id != ? AND lower(trim(cohort.program)) = lower(trim(?))
                    """, arguments: [survivor.id, cohort.id, cohort.program]) {
                    throw CohortsError.activeInSameProgram(survivor: survivor.code, otherCohort: other, program: cohort.program)
                }
                if let earlier = try Enrolment.filter({ $0.survivorId == survivor.id && $0.cohortId == cohort.id })
                    .order({ $0.exitedOn.desc }).fetchOne(db), let exited = earlier.exitedOn, date < exited {
                    throw InputError.datesOutOfOrder(first: "keluar sebelumnya / earlier exit", firstValue: exited,
                                                     second: "tanggal daftar / enrolment date", secondValue: date)
                }
                var enrolment = Enrolment(cohortId: cohort.id!, survivorId: survivor.id!, enrolledOn: date)
                try enrolment.insert(db)
                try AuditLog.append(db, workspace, action: "cohort.enrol", record: "\(cohort.code) \(survivor.code)")
            }
        }
    }

    /// Records that a survivor left a cohort on `date`, and why.
    public static func exit(cohortCode: String, survivorCode: String, on date: DayDate, reason: ExitReason,
                            in workspace: Workspace) throws {
        try date.requireNotAfter(workspace.today, field: "tanggal keluar / exit date")
        try workspace.database.write { db in
            let cohort = try Cohort.require(code: cohortCode, in: db)
            let survivor = try Survivor.require(code: survivorCode, in: db)
            guard var enrolment = try openEnrolment(survivorId: survivor.id!, cohortId: cohort.id!, in: db) else {
                throw CohortsError.notEnrolled(survivor: survivor.code, cohort: cohort.code)
            }
            guard date >= enrolment.enrolledOn else {
                throw InputError.datesOutOfOrder(first: "tanggal daftar / enrolment date", firstValue: enrolment.enrolledOn,
                                                 second: "tanggal keluar / exit date", secondValue: date)
            }
            enrolment.exitedOn = date
            enrolment.exitReason = reason
            try enrolment.update(db)
            try AuditLog.append(db, workspace, action: "cohort.exit.\(reason.rawValue)", record: "\(cohort.code) \(survivor.code)")
        }
    }

    /// Cohorts, optionally of one site or status, with member counts.
    public static func list(in workspace: Workspace, siteCode: String? = nil, status: CohortStatus? = nil) throws -> [CohortSummary] {
        try workspace.database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let siteCode {
                conditions.append("cohort.siteId = ?")
                _ = arguments.append(contentsOf: [try Site.require(code: siteCode, in: db).id])
            }
            if let status {
                conditions.append("cohort.status = ?")
                _ = arguments.append(contentsOf: [status.rawValue])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try CohortSummary.fetchAll(db, sql: """
                SELECT cohort.code, cohort.name, cohort.program, site.code AS site, cohort.startDate, cohort.endDate,
                       cohort.status,
                       (SELECT count(DISTINCT survivorId) FROM enrolment WHERE cohortId = cohort.id) AS enrolled,
                       (SELECT count(*) FROM enrolment WHERE cohortId = cohort.id AND exitedOn IS NULL) AS current
                FROM cohort JOIN site ON site.id = cohort.siteId
                \(filter)
                ORDER BY cohort.startDate, cohort.code
                """, arguments: arguments)
        }
    }

    /// A cohort with every enrolment, past and present.
    public static func details(code: String, in workspace: Workspace) throws -> CohortDetails {
        try workspace.database.read { db in
            let cohort = try Cohort.require(code: code, in: db)
            let site = try Site.fetchOne(db, key: cohort.siteId)!
            let members = try CohortMember.fetchAll(db, sql: """
                SELECT survivor.code, enrolment.enrolledOn, enrolment.exitedOn, enrolment.exitReason
                FROM enrolment JOIN survivor ON survivor.id = enrolment.survivorId
                WHERE enrolment.cohortId = ? ORDER BY survivor.code, enrolment.enrolledOn
                """, arguments: [cohort.id])
            return CohortDetails(code: cohort.code, name: cohort.name, program: cohort.program, site: site.code,
                                 startDate: cohort.startDate, endDate: cohort.endDate, facilitators: cohort.facilitators,
                                 partners: cohort.partners, status: cohort.status, members: members)
        }
    }

    static func openEnrolment(survivorId: Int64, cohortId: Int64, in db: Database) throws -> Enrolment? {
        try Enrolment.filter { $0.survivorId == survivorId && $0.cohortId == cohortId
            && $0.exitedOn == nil }.fetchOne(db)
    }

    private static func nextCode(site: String, year: Int, in db: Database) throws -> String {
        var number = 1
        while try Cohort.filter({ $0.code == "\(site)-\(year)-\(number)" }).fetchCount(db) > 0 { number += 1 }
        return "\(site)-\(year)-\(number)"
    }
}

/// A cohort as listed.
public struct CohortSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var name: String
    public var program: String
    public var site: String
    public var startDate: DayDate
    public var endDate: DayDate
    public var status: CohortStatus
    /// Everyone ever enrolled.
    public var enrolled: Int
    /// Members enrolled now (not exited).
    public var current: Int
}

/// A cohort with its members.
public struct CohortDetails: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var program: String
    public var site: String
    public var startDate: DayDate
    public var endDate: DayDate
    public var facilitators: [String]
    public var partners: [String]
    public var status: CohortStatus
    public var members: [CohortMember]
}

/// One enrolment of a cohort's details: the member's survivor code, with her exit if she has one.
public struct CohortMember: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var enrolledOn: DayDate
    public var exitedOn: DayDate?
    public var exitReason: ExitReason?
}
