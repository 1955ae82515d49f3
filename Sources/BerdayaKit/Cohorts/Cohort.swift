import Foundation
import GRDB

/// Where a cohort is in its life: planned, running, or over.
public enum CohortStatus: String, Choice {
    case planned, active, completed

    public var label: Localized {
        switch self {
        case .planned: Localized(id: "direncanakan", en: "planned")
        case .active: Localized(id: "berjalan", en: "active")
        case .completed: Localized(id: "selesai", en: "completed")
        }
    }
}

/// Why a survivor left a cohort.
public enum ExitReason: String, Choice {
    case completed, droppedOut = "dropped_out", reMigrated = "re_migrated", moved, other

    public var label: Localized {
        switch self {
        case .completed: Localized(id: "lulus", en: "completed")
        case .droppedOut: Localized(id: "berhenti", en: "dropped out")
        case .reMigrated: Localized(id: "bermigrasi lagi", en: "re-migrated")
        case .moved: Localized(id: "pindah", en: "moved")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// Where a member stands in her cohort: the one place that decides who "left" it. Completing
/// is not leaving, and an exit for an "other" reason (such as a mistaken enrolment) is counted
/// apart; dropping out, migrating again and moving away are leaving.
public enum CohortStanding: String, Sendable, CaseIterable {
    case current, completed, left, other

    /// From an enrolment's exit reason (the schema keeps it set exactly when an exit date is).
    public init(exit reason: ExitReason?) {
        switch reason {
        case nil: self = .current
        case .completed: self = .completed
        case .other: self = .other
        case .droppedOut, .reMigrated, .moved: self = .left
        }
    }
}

/// A group of survivors trained together (kelompok, angkatan) within a program at one site.
public struct Cohort: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var name: String
    public var program: String
    public var siteId: Int64
    public var startDate: DayDate
    public var endDate: DayDate
    public var facilitators: [String]
    public var partners: [String]
    public var status: CohortStatus
    public var createdOn: DayDate
    /// Completion rule: the share of held sessions a member must attend (present or late)...
    public var completionPercent: Int = CompletionRule.defaultPercent
    /// ...and whether she needs a post assessment in every core module.
    public var completionNeedsPost: Bool = true

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Cohort {
    /// The table's columns, for requests that filter and sort Cohort records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let name = Column(CodingKeys.name)
        static let program = Column(CodingKeys.program)
        static let siteId = Column(CodingKeys.siteId)
        static let startDate = Column(CodingKeys.startDate)
        static let endDate = Column(CodingKeys.endDate)
        static let facilitators = Column(CodingKeys.facilitators)
        static let partners = Column(CodingKeys.partners)
        static let status = Column(CodingKeys.status)
        static let createdOn = Column(CodingKeys.createdOn)
        static let completionPercent = Column(CodingKeys.completionPercent)
        static let completionNeedsPost = Column(CodingKeys.completionNeedsPost)
    }
}

/// A survivor's membership of a cohort, from enrolment to exit.
public struct Enrolment: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var cohortId: Int64
    public var survivorId: Int64
    public var enrolledOn: DayDate
    public var exitedOn: DayDate?
    public var exitReason: ExitReason?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Whether she was a member on `date`: from her enrolment day through her exit day, both
    /// included (someone who completes on the last day counts at that day's session).
    /// `Attendance.enrolledMembers` asks SQLite the same question.
    public func covers(_ date: DayDate) -> Bool {
        enrolledOn <= date && (exitedOn.map { date <= $0 } ?? true)
    }
}

extension Enrolment {
    /// The table's columns, for requests that filter and sort Enrolment records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let cohortId = Column(CodingKeys.cohortId)
        static let survivorId = Column(CodingKeys.survivorId)
        static let enrolledOn = Column(CodingKeys.enrolledOn)
        static let exitedOn = Column(CodingKeys.exitedOn)
        static let exitReason = Column(CodingKeys.exitReason)
    }
}

extension Cohort: CodedRecord {
    static func unknown(code: String) -> any Error { CohortsError.unknownCohort(code: code) }
}
