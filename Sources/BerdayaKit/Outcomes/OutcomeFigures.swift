import Foundation
import GRDB

/// Which survivors an outcome figure covers: by her site, or by a cohort or program she was enrolled in.
/// With `survivorCodes`, only those survivors (the ones a funder's money reached, or a BAZNAS
/// report's mustahik).
public struct OutcomeScope: Sendable, Equatable, Codable {
    public var siteCode: String?
    public var cohortCode: String?
    public var program: String?
    public var survivorCodes: Set<String>?

    /// Nil fields do not narrow: the default scope is every survivor. Site and cohort codes are
    /// matched case-insensitively.
    public init(siteCode: String? = nil, cohortCode: String? = nil, program: String? = nil, survivorCodes: Set<String>? = nil) {
        self.siteCode = siteCode?.uppercased()
        self.cohortCode = cohortCode?.uppercased()
        self.program = program
        self.survivorCodes = survivorCodes
    }
}

/// How many households stand in each CIBEST quadrant, and the indices.
public struct QuadrantCounts: Codable, Sendable, Equatable {
    /// Households in quadrants I, II, III and IV.
    public var counts: [Int]
    /// N, the households counted.
    public var households: Int { counts.reduce(0, +) }
    /// Welfare W = I/N, material poverty Pm = II/N, spiritual poverty Ps = III/N, absolute poverty Pa = IV/N, in percent.
    public var welfare: Double? { share(0) }
    /// Pm = II/N in percent; nil with no household.
    public var materialPoverty: Double? { share(1) }
    /// Ps = III/N in percent; nil with no household.
    public var spiritualPoverty: Double? { share(2) }
    /// Pa = IV/N in percent; nil with no household.
    public var absolutePoverty: Double? { share(3) }

    /// Counts the households of these quadrants, one per element.
    public init(_ quadrants: [CibestQuadrant] = []) {
        counts = [0, 0, 0, 0]
        for quadrant in quadrants { counts[quadrant.rawValue - 1] += 1 }
    }

    /// Households in `quadrant`.
    public func count(_ quadrant: CibestQuadrant) -> Int { counts[quadrant.rawValue - 1] }

    private func share(_ index: Int) -> Double? { Percent.of(Int64(counts[index]), Int64(households)) }

    enum CodingKeys: String, CodingKey { case counts, households, welfare, materialPoverty, spiritualPoverty, absolutePoverty }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(counts, forKey: .counts)
        try container.encode(households, forKey: .households)
        try container.encode(welfare, forKey: .welfare)
        try container.encode(materialPoverty, forKey: .materialPoverty)
        try container.encode(spiritualPoverty, forKey: .spiritualPoverty)
        try container.encode(absolutePoverty, forKey: .absolutePoverty)
    }

    /// Decodes the counts only: the indices encoded beside them are derived, never read back.
    public init(from decoder: any Decoder) throws {
        counts = try decoder.container(keyedBy: CodingKeys.self).decode([Int].self, forKey: .counts)
    }
}

/// CIBEST before and after for a group, as of a day.
public struct CibestFigures: Codable, Sendable, Equatable {
    public var asOf: DayDate
    /// Every household with a baseline on or before `asOf`.
    public var before: QuadrantCounts
    /// The same baselines, of the households that have a follow-up: the fair comparison with `after`.
    public var beforeFollowedUp: QuadrantCounts
    /// Each followed-up household's latest follow-up on or before `asOf`.
    public var after: QuadrantCounts
    /// Households with a baseline and no follow-up yet: left out of `after`, counted here.
    public var withoutFollowUp: Int
    /// `transitions[from][to]`: households that moved from quadrant `from + 1` to `to + 1`.
    public var transitions: [[Int]]
}

/// Outcome indicators of one cohort, site or program (or of everyone).
public struct IndicatorRow: Codable, Sendable, Equatable {
    /// The cohort code, site code or program; empty on the total row.
    public var group: String
    /// The last row: every survivor.
    public var isTotal = false
    /// Survivors in the group (enrolled in the cohort or program, or registered at the site).
    public var survivors: Int
    public var baselines: Int
    public var followedUp: Int
    /// With a baseline but no follow-up yet.
    public var withoutFollowUp: Int
    /// Household income at the latest follow-up minus at the baseline, over the followed-up.
    public var incomeChangeMedian: Rupiah?
    public var incomeChangeMean: Rupiah?
    /// Followed-up households at or above the material line at their baseline and at their latest follow-up.
    public var aboveLineBefore: Int
    public var aboveLineAfter: Int
    /// Followed-up survivors whose business was active at their latest follow-up.
    public var businessActive: Int
    /// Considering or planning to migrate again: at the baseline (over all baselines) and at
    /// the latest follow-up (over the followed-up).
    public var migrationBefore: Int
    public var migrationAfter: Int
    /// Follow-ups (and missing baselines) overdue, and due within the calendar window.
    public var overdue: Int
    public var due: Int
}

/// A visit an officer should make: a baseline not yet taken, or a follow-up round not yet answered.
public struct DueVisit: Codable, Sendable, Equatable {
    public var survivor: String
    public var site: String
    public var cohort: String
    public var kind: VisitKind
    /// Months after the cohort ended; nil for a baseline.
    public var round: Int?
    public var dueOn: DayDate
    public var status: DueStatus
    /// Days past due (negative: days still to go).
    public var daysLate: Int
}

/// Outcomes over many survivors: CIBEST, indicators, and the follow-up calendar.
public enum OutcomeFigures {
    /// CIBEST indices before (baseline) and after (latest follow-up), with the transition table.
    public static func cibest(_ scope: OutcomeScope = OutcomeScope(), asOf: DayDate? = nil,
                              in workspace: Workspace) throws -> CibestFigures {
        let asOf = asOf ?? workspace.today
        let panel = try workspace.database.read { try Panel(asOf: asOf, today: workspace.today, in: $0) }
        let members = try panel.members(of: scope)
        var before: [CibestQuadrant] = [], pairedBefore: [CibestQuadrant] = [], after: [CibestQuadrant] = []
        var transitions = Array(repeating: Array(repeating: 0, count: 4), count: 4)
        var without = 0
        for id in members {
            guard let baseline = panel.baseline[id] else { continue }
            before.append(baseline.quadrant)
            guard let latest = panel.latest[id] else { without += 1; continue }
            pairedBefore.append(baseline.quadrant)
            after.append(latest.quadrant)
            transitions[baseline.quadrant.rawValue - 1][latest.quadrant.rawValue - 1] += 1
        }
        return CibestFigures(asOf: asOf, before: QuadrantCounts(before), beforeFollowedUp: QuadrantCounts(pairedBefore),
                             after: QuadrantCounts(after), withoutFollowUp: without, transitions: transitions)
    }

    /// Indicators per cohort, site or program, with a last row for everyone.
    /// With `survivorCodes`, each group (and the total) counts only those survivors.
    public static func indicators(by grouping: OutcomeGrouping, asOf: DayDate? = nil, dueWithin: Int = 30,
                                  survivorCodes: Set<String>? = nil, in workspace: Workspace) throws -> [IndicatorRow] {
        let asOf = asOf ?? workspace.today
        return try workspace.database.read { db in
            let panel = try Panel(asOf: asOf, today: workspace.today, in: db)
            let calendar = Dictionary(grouping: try panel.calendar(within: dueWithin), by: \.survivor)
            var groups: [(String, Set<Int64>)]
            switch grouping {
            case .cohort:
                let members = Dictionary(grouping: panel.enrolments, by: \.cohortId)
                groups = panel.cohorts.sorted { $0.code < $1.code }.map { cohort in
                    (cohort.code, Set((members[cohort.id] ?? []).map(\.survivorId)))
                }
            case .site:
                groups = panel.sites.sorted { $0.value < $1.value }.map { site in
                    (site.value, Set(panel.survivors.values.filter { $0.siteId == site.key }.map(\.id)))
                }
            case .program:
                groups = Set(panel.cohorts.map(\.program)).sorted().map { program in
                    let ids = Set(panel.cohorts.filter { $0.program == program }.map(\.id))
                    return (program, Set(panel.enrolments.filter { ids.contains($0.cohortId) }.map(\.survivorId)))
                }
            }
            let chosen = try panel.members(of: OutcomeScope(survivorCodes: survivorCodes))
            var rows = groups.map { name, members in row(name, members: members.intersection(chosen), panel: panel, calendar: calendar) }
            var total = row("", members: chosen, panel: panel, calendar: calendar)
            total.isTotal = true
            rows.append(total)
            return rows
        }
    }

    /// How many days ahead "due" looks unless told otherwise: the visit calendar on the command
    /// line, the web dashboard's card and its visits page all show this horizon.
    public static let dueHorizon = 30
    /// The horizons `due(within:)` accepts: up to a year ahead.
    public static let dueHorizons = 0...366

    /// Overdue follow-ups and missing baselines, then those due within `within` days, oldest first.
    public static func due(within: Int = dueHorizon, siteCode: String? = nil, in workspace: Workspace) throws -> [DueVisit] {
        guard dueHorizons.contains(within) else { throw InputError.outOfRange(field: "--within", value: within, range: dueHorizons) }
        return try workspace.database.read { db in
            let site = try siteCode.map { try Site.require(code: $0, in: db) }
            let panel = try Panel(asOf: workspace.today, today: workspace.today, in: db)
            return try panel.calendar(within: within).filter { site == nil || $0.site == site!.code }
        }
    }

    private static func row(_ name: String, members: Set<Int64>, panel: Panel, calendar: [String: [DueVisit]]) -> IndicatorRow {
        var changes: [Int64] = []
        var row = IndicatorRow(group: name, survivors: members.count, baselines: 0, followedUp: 0, withoutFollowUp: 0,
                               aboveLineBefore: 0, aboveLineAfter: 0, businessActive: 0, migrationBefore: 0,
                               migrationAfter: 0, overdue: 0, due: 0)
        for id in members {
            guard let baseline = panel.baseline[id] else { continue }
            row.baselines += 1
            if baseline.migration.intends { row.migrationBefore += 1 }
            guard let latest = panel.latest[id] else { row.withoutFollowUp += 1; continue }
            row.followedUp += 1
            // Both at zero or above (schema CHECK), so the difference fits.
            changes.append(latest.income.amount - baseline.income.amount)
            if baseline.income >= baseline.needs { row.aboveLineBefore += 1 }
            if latest.income >= latest.needs { row.aboveLineAfter += 1 }
            if latest.businessStatus == .active { row.businessActive += 1 }
            if latest.migration.intends { row.migrationAfter += 1 }
        }
        row.incomeChangeMedian = median(changes).map(Rupiah.init)
        row.incomeChangeMean = mean(changes).map(Rupiah.init)
        for item in members.flatMap({ panel.survivors[$0].flatMap { calendar[$0.code] } ?? [] }) {
            if item.status == .overdue { row.overdue += 1 } else { row.due += 1 }
        }
        return row
    }

    /// The middle value; for an even count the mean of the two middle ones, rounded half away from zero.
    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : roundedHalf(Int128(sorted[middle - 1]) + Int128(sorted[middle]), 2)
    }

    static func mean(_ values: [Int64]) -> Int64? {
        // In 128 bits: no count of Int64 values a database can hold overflows it, and the mean fits back.
        values.isEmpty ? nil : roundedHalf(values.reduce(Int128(0)) { $0 + Int128($1) }, Int128(values.count))
    }

    /// `numerator / denominator` rounded half away from zero, in whole numbers.
    /// The result lies between the smallest and largest Int64 averaged, so it fits in an Int64.
    static func roundedHalf(_ numerator: Int128, _ denominator: Int128) -> Int64 {
        let quotient = numerator / denominator, remainder = numerator % denominator
        guard 2 * abs(remainder) >= denominator else { return Int64(quotient) }
        return Int64(quotient + (numerator < 0 ? -1 : 1))
    }
}

/// Everything the outcome figures read, loaded once: survivors, enrolments, cohorts and the
/// standing visits up to a day.
struct Panel {
    struct SurvivorRow { var id: Int64; var code: String; var siteId: Int64; var erased: Bool }
    struct CohortRow { var id: Int64; var code: String; var program: String; var siteId: Int64; var endDate: DayDate }
    struct EnrolmentRow { var survivorId: Int64; var cohortId: Int64; var enrolledOn: DayDate; var exitReason: ExitReason? }

    var survivors: [Int64: SurvivorRow] = [:]
    var sites: [Int64: String] = [:]
    var cohorts: [CohortRow] = []
    var enrolments: [EnrolmentRow] = []
    var baseline: [Int64: Visit] = [:]
    /// The latest follow-up on or before `asOf`, per survivor.
    var latest: [Int64: Visit] = [:]
    /// Answered rounds: survivor, cohort, round.
    var answered: Set<[Int64]> = []
    /// Survivors with a standing baseline on any date (the calendar is about today, not `asOf`).
    var hasBaseline: Set<Int64> = []
    var schedules: [String: [Int]] = [:]
    let today: DayDate

    init(asOf: DayDate, today: DayDate, in db: Database) throws {
        self.today = today
        for row in try Row.fetchAll(db, sql: "SELECT id, code FROM site") { sites[row[0]] = row[1] }
        for row in try Row.fetchAll(db, sql: "SELECT id, code, siteId, erasedOn IS NOT NULL FROM survivor") {
            survivors[row[0]] = SurvivorRow(id: row[0], code: row[1], siteId: row[2], erased: row[3])
        }
        cohorts = try Row.fetchAll(db, sql: "SELECT id, code, program, siteId, endDate FROM cohort").map {
            CohortRow(id: $0[0], code: $0[1], program: $0[2], siteId: $0[3], endDate: $0[4])
        }
        enrolments = try Row.fetchAll(db, sql: "SELECT survivorId, cohortId, enrolledOn, exitReason FROM enrolment").map {
            EnrolmentRow(survivorId: $0[0], cohortId: $0[1], enrolledOn: $0[2], exitReason: $0[3])
        }
        for program in Set(cohorts.map(\.program)) {
            schedules[program] = try Visits.schedule(program: program, in: db) ?? FollowUpSchedule.defaultMonths
        }
        let visits = try Visit.filter { $0.voidedOn == nil }.order { [$0.date, $0.number] }.fetchAll(db)
        for visit in visits {
            if let round = visit.round, let cohort = visit.cohortId { answered.insert([visit.survivorId, cohort, Int64(round)]) }
            if visit.kind == .baseline { hasBaseline.insert(visit.survivorId) }
            guard visit.date <= asOf else { continue }
            switch visit.kind {
            case .baseline: baseline[visit.survivorId] = visit
            case .followUp: latest[visit.survivorId] = visit
            }
        }
        // A follow-up counts only after its baseline (a baseline voided and taken again later).
        for (id, visit) in latest where baseline[id].map({ visit.date <= $0.date }) ?? true { latest[id] = nil }
    }

    func members(of scope: OutcomeScope) throws -> Set<Int64> {
        var ids = Set(survivors.keys)
        if let code = scope.siteCode {
            guard let site = sites.first(where: { $0.value == code }) else { throw ParticipantsError.unknownSite(code: code) }
            ids = ids.filter { survivors[$0]?.siteId == site.key }
        }
        if let code = scope.cohortCode {
            guard let cohort = cohorts.first(where: { $0.code == code }) else { throw CohortsError.unknownCohort(code: code) }
            ids.formIntersection(enrolments.filter { $0.cohortId == cohort.id }.map(\.survivorId))
        }
        if let program = scope.program {
            let chosen = Set(cohorts.filter { $0.program.lowercased() == program.lowercased() }.map(\.id))
            guard !chosen.isEmpty else { throw OutcomesError.unknownProgram(program) }
            ids.formIntersection(enrolments.filter { chosen.contains($0.cohortId) }.map(\.survivorId))
        }
        if let codes = scope.survivorCodes { ids = ids.filter { survivors[$0].map { codes.contains($0.code) } ?? false } }
        return ids
    }

    /// Missing baselines (due on enrolment) and unanswered follow-up rounds (due the cohort's
    /// end plus the round's months, until the next round falls due), overdue ones and those
    /// due within `within` days. Not for
    /// a survivor whose data is erased, nor for one who left the cohort to migrate again or move away.
    func calendar(within: Int) throws -> [DueVisit] {
        var items: [DueVisit] = []
        let horizon = today.adding(days: within)
        var baselineListed = Set<Int64>()
        let cohortById = Dictionary(uniqueKeysWithValues: cohorts.map { ($0.id, $0) })
        for enrolment in enrolments {
            guard let survivor = survivors[enrolment.survivorId], !survivor.erased,
                  let cohort = cohortById[enrolment.cohortId] else { continue }
            if let reason = enrolment.exitReason, reason == .reMigrated || reason == .moved { continue }
            func add(_ kind: VisitKind, round: Int?, dueOn: DayDate) {
                guard dueOn <= horizon else { return }
                items.append(DueVisit(survivor: survivor.code, site: sites[survivor.siteId] ?? "", cohort: cohort.code,
                                      kind: kind, round: round, dueOn: dueOn, status: dueOn < today ? .overdue : .due,
                                      daysLate: today.dayNumber - dueOn.dayNumber))
            }
            if !hasBaseline.contains(survivor.id), baselineListed.insert(survivor.id).inserted {
                add(.baseline, round: nil, dueOn: enrolment.enrolledOn)
            }
            // A round not answered by the time the next one falls due is missed, not overdue:
            // no one can make a 3-month visit at 7 months, and listing it would bury what can be done.
            let rounds = schedules[cohort.program] ?? FollowUpSchedule.defaultMonths
            for (index, month) in rounds.enumerated() where !answered.contains([survivor.id, cohort.id, Int64(month)]) {
                if index + 1 < rounds.count, cohort.endDate.adding(months: rounds[index + 1]) <= today { continue }
                add(.followUp, round: month, dueOn: cohort.endDate.adding(months: month))
            }
        }
        return items.sorted { ($0.dueOn, $0.survivor, $0.round ?? 0) < ($1.dueOn, $1.survivor, $1.round ?? 0) }
    }
}
