import Foundation
import GRDB

/// One source of a household's monthly income.
public struct IncomeLine: Codable, Sendable, Equatable {
    public var source: IncomeSource
    public var amount: Rupiah

    /// Takes the amount as given; `Visits.record` refuses a negative one, one beyond `Rupiah.maximum`
    /// and a source given twice.
    public init(source: IncomeSource, amount: Rupiah) {
        self.source = source
        self.amount = amount
    }

    /// Reads `business=1.200.000` as typed on the command line.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { throw OutcomesError.badIncome(text) }
        self.init(source: try IncomeSource(parsing: parts[0], field: "--income"),
                  amount: try Rupiah(parsing: parts[1], field: "--income \(parts[0])"))
    }
}

/// What an officer records at a household visit.
public struct VisitInput: Sendable {
    public var survivorCode: String
    public var kind: VisitKind
    public var date: DayDate
    /// Who visited; the acting user when not given.
    public var officer: String?
    public var householdSize: Int
    /// Monthly income by source; an empty list is a household with no income at all, nil is
    /// income not given (refused, so a forgotten field never reads as zero income).
    public var incomes: [IncomeLine]?
    /// Monthly needs as the household states them; nil takes the site's poverty line for the
    /// visit's year times the household size.
    public var needs: Rupiah?
    public var savings: Rupiah
    /// The business as the officer found it; nil takes the status of her registered businesses.
    public var businessStatus: VisitBusinessStatus?
    public var migration: MigrationIntention
    public var confidence: Int
    public var spiritual: SpiritualScores
    public var notes: String?
    /// The follow-up round (months after the cohort) this visit answers; nil picks the nearest open one.
    public var round: Int?

    /// Takes the visit as typed; `Visits.record` checks it.
    public init(survivorCode: String, kind: VisitKind, date: DayDate, officer: String? = nil, householdSize: Int,
                incomes: [IncomeLine]?, needs: Rupiah? = nil, savings: Rupiah = .zero,
                businessStatus: VisitBusinessStatus? = nil, migration: MigrationIntention = .none, confidence: Int,
                spiritual: SpiritualScores, notes: String? = nil, round: Int? = nil) {
        self.survivorCode = survivorCode
        self.kind = kind
        self.date = date
        self.officer = officer
        self.householdSize = householdSize
        self.incomes = incomes
        self.needs = needs
        self.savings = savings
        self.businessStatus = businessStatus
        self.migration = migration
        self.confidence = confidence
        self.spiritual = spiritual
        self.notes = notes
        self.round = round
    }
}

/// A visit as listed: coded, classified, never with its notes (those are revealed on their own).
public struct VisitSummary: Codable, Sendable, Equatable {
    public var ref: VisitRef
    public var site: String
    public var kind: VisitKind
    public var date: DayDate
    public var cohort: String?
    public var round: Int?
    public var officer: String
    public var householdSize: Int
    public var income: Rupiah
    public var incomes: [IncomeLine]
    public var needs: Rupiah
    public var needsBasis: NeedsBasis
    public var savings: Rupiah
    public var businessStatus: VisitBusinessStatus
    public var migration: MigrationIntention
    public var confidence: Int
    public var spiritual: SpiritualScores
    /// From income, needs and the spiritual scores at this visit.
    public var quadrant: CibestQuadrant
    /// Whether the visit carries sealed notes, which this summary does not open.
    public var hasNotes: Bool
    public var voidedOn: DayDate?
    public var voidReason: String?
}

/// A program's follow-up rounds, in months after a cohort ends.
public struct FollowUpSchedule: Codable, Sendable, Equatable {
    public var program: String
    /// Months after a cohort ends, ascending, each from 1 to 60.
    public var months: [Int]
    /// Whether the program kept the default (3, 6 and 12 months).
    public var isDefault: Bool

    /// The rounds of a program that has set none.
    public static let defaultMonths = [3, 6, 12]

    /// Reads `3,6,12`: whole months from 1 to 60, each once, in any order.
    public static func parse(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let months = parts.compactMap { Int($0) }
        guard !parts.isEmpty, months.count == parts.count, months.allSatisfy({ (1...60).contains($0) }),
              Set(months).count == months.count else { throw OutcomesError.badSchedule(text) }
        return months.sorted()
    }
}

/// A poverty line as listed.
public struct PovertyLineRow: Codable, Sendable, Equatable {
    public var site: String
    public var year: Int
    public var perPerson: Rupiah
    public var source: String?
    public var setOn: DayDate
}

/// Household visits: the baseline at enrolment and the follow-ups after a cohort, the
/// poverty lines that price a household's needs, and each program's follow-up schedule.
public enum Visits {
    /// Records a visit in one transaction. A follow-up needs a baseline dated before it; a
    /// survivor has one baseline. Notes are sealed with the identity key.
    @discardableResult
    public static func record(_ input: VisitInput, in workspace: Workspace) throws -> VisitRef {
        guard (1...30).contains(input.householdSize) else {
            throw InputError.outOfRange(field: "--household", value: input.householdSize, range: 1...30)
        }
        guard (1...5).contains(input.confidence) else {
            throw InputError.outOfRange(field: "--confidence", value: input.confidence, range: 1...5)
        }
        try input.spiritual.validate()
        guard let incomes = input.incomes else { throw OutcomesError.incomeNeeded }
        var seen = Set<IncomeSource>()
        for line in incomes {
            guard seen.insert(line.source).inserted else { throw OutcomesError.duplicateSource(line.source) }
            if line.amount.amount < 0 { throw InputError.negativeAmount(field: "--income \(line.source.rawValue)") }
            try line.amount.bounded(field: "--income \(line.source.rawValue)")
        }
        let lines = incomes.filter { $0.amount.amount > 0 }
        // At most one line per source, each within Rupiah.maximum: the sum cannot overflow.
        let income = try lines.reduce(Rupiah.zero) { try $0 + $1.amount }.amount
        guard income <= Rupiah.maximum.amount else {
            throw InputError.amountTooLarge(field: "--income (total)", value: Rupiah(income).formatted(.en), limit: Rupiah.maximum)
        }
        if let needs = input.needs, needs.amount <= 0 { throw InputError.notPositive(field: "--needs") }
        try input.needs?.bounded(field: "--needs")
        if input.savings.amount < 0 { throw InputError.negativeAmount(field: "--savings") }
        try input.savings.bounded(field: "--savings")
        let notes = try Text.optional(input.notes, field: "catatan / notes", limit: 4000)
        let officer = try Text.optional(input.officer, field: "--officer", limit: 120) ?? workspace.actor
        try input.date.requireNotAfter(workspace.today, field: "--date")
        let vault = try notes.map { _ in try workspace.vault() }

        return try workspace.database.write { db in
            try vault?.requireCurrent(in: db)
            let survivor = try Survivor.require(code: input.survivorCode, in: db)
            guard survivor.erasedOn == nil else { throw CohortsError.survivorErased(code: survivor.code) }
            guard try Registry.openConsent(.dataProcessing, of: survivor.id!, in: db) != nil else {
                throw ParticipantsError.noDataConsent(code: survivor.code)
            }
            let standing = try Visit.all().of(survivorId: survivor.id).standing()
                .order { [$0.date, $0.number] }.fetchAll(db)
            let baseline = standing.first { $0.kind == .baseline }
            var cohortId: Int64?
            var round: Int?
            switch input.kind {
            case .baseline:
                if let baseline { throw OutcomesError.baselineExists(survivor: survivor.code, ref: ref(baseline, survivor.code).description) }
                if let first = standing.first(where: { $0.kind == .followUp }), first.date <= input.date {
                    throw OutcomesError.baselineAfterFollowUp(survivor: survivor.code, followUp: first.date)
                }
                if input.round != nil { throw OutcomesError.noCohortEnded(survivor: survivor.code) }
            case .followUp:
                guard let baseline else { throw OutcomesError.noBaseline(survivor: survivor.code) }
                guard input.date > baseline.date else {
                    throw OutcomesError.followUpBeforeBaseline(survivor: survivor.code, baseline: baseline.date, date: input.date)
                }
                (cohortId, round) = try followUpRound(survivor: survivor, date: input.date, asked: input.round, in: db)
            }

            let needs: Rupiah
            let basis: NeedsBasis
            if let stated = input.needs {
                (needs, basis) = (stated, .stated)
            } else {
                guard let line = try PovertyLine.fetchOne(db, key: ["siteId": survivor.siteId, "year": input.date.year]) else {
                    let site = try Site.fetchOne(db, key: survivor.siteId)!
                    throw OutcomesError.noNeeds(site: site.code, year: input.date.year)
                }
                let priced = try Rupiah(checking: line.perPerson.amount, field: "garis kemiskinan / poverty line \(input.date.year)")
                    .times(Int64(input.householdSize))
                (needs, basis) = (try priced.bounded(field: "--per-person × --household"), .povertyLine)
            }
            let business = try input.businessStatus ?? businessStatus(of: survivor.id!, on: input.date, in: db)
            let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM visit WHERE survivorId = ?",
                                           arguments: [survivor.id]) ?? 0) + 1
            let visitRef = VisitRef(survivor: survivor.code, number: number)
            let sealed = try notes.map { try vault!.sealNote($0, context: visitRef.description) }
            var visit = Visit(survivorId: survivor.id!, number: number, kind: input.kind, date: input.date, cohortId: cohortId,
                              round: round, officer: officer, householdSize: input.householdSize, income: Rupiah(income),
                              needs: needs, needsBasis: basis, savings: input.savings, businessStatus: business,
                              migration: input.migration, confidence: input.confidence, prayer: input.spiritual.prayer,
                              fasting: input.spiritual.fasting, giving: input.spiritual.giving,
                              environment: input.spiritual.environment, fifth: input.spiritual.fifth, sealedNotes: sealed,
                              recordedBy: workspace.actor, recordedOn: workspace.today)
            try visit.insert(db)
            for line in lines {
                try db.execute(sql: "INSERT INTO visit_income(visitId, source, amount) VALUES (?, ?, ?)",
                               arguments: [visit.id, line.source, line.amount])
            }
            try AuditLog.append(db, workspace, action: "visit.\(input.kind.rawValue)", record: "\(visitRef) \(survivor.code)")
            return visitRef
        }
    }

    /// Voids a visit recorded by mistake; it stays, marked, and counts nowhere.
    public static func void(_ ref: VisitRef, reason: String, in workspace: Workspace) throws {
        guard let reason = try Text.optional(reason, field: "--reason", limit: 300) else { throw OutcomesError.reasonNeeded }
        try workspace.database.write { db in
            var visit = try require(ref, in: db)
            guard visit.voidedOn == nil else { throw OutcomesError.alreadyVoided(ref.description) }
            visit.voidedOn = workspace.today
            visit.voidReason = reason
            try visit.update(db, columns: ["voidedOn", "voidReason"])
            try AuditLog.append(db, workspace, action: "visit.void", record: "\(ref) \(ref.survivor)")
        }
    }

    /// Opens a visit's notes (nil when it has none, or they were erased with her identity).
    /// Every reveal is written to the audit log.
    public static func revealNotes(_ ref: VisitRef, in workspace: Workspace) throws -> String? {
        let vault = try workspace.vault()
        return try workspace.database.write { db in
            let visit = try require(ref, in: db)
            guard let sealed = visit.sealedNotes else { return nil }
            let text = try vault.openNote(sealed, context: ref.description)
            try AuditLog.append(db, workspace, action: "visit.notes.read", record: "\(ref) \(ref.survivor)")
            return text
        }
    }

    /// Visits, newest first, for one survivor, site or cohort (voided ones only when asked).
    public static func list(survivorCode: String? = nil, siteCode: String? = nil, cohortCode: String? = nil,
                            includeVoided: Bool = false, in workspace: Workspace) throws -> [VisitSummary] {
        try workspace.database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let survivorCode {
                let survivor = try Survivor.require(code: survivorCode, in: db)
                conditions.append("v.survivorId = ?")
                _ = arguments.append(contentsOf: [survivor.id])
            }
            if let siteCode {
                let site = try Site.require(code: siteCode, in: db)
                conditions.append("s.siteId = ?")
                _ = arguments.append(contentsOf: [site.id])
            }
            if let cohortCode {
                let cohort = try Cohort.require(code: cohortCode, in: db)
                conditions.append("v.survivorId IN (SELECT survivorId FROM enrolment WHERE cohortId = ?)")
                _ = arguments.append(contentsOf: [cohort.id])
            }
            if !includeVoided { conditions.append("v.voidedOn IS NULL") }
            let rows = try Row.fetchAll(db, sql: """
                SELECT v.*, s.code AS survivorCode, site.code AS siteCode, c.code AS cohortCode
                FROM visit v JOIN survivor s ON s.id = v.survivorId JOIN site ON site.id = s.siteId
                LEFT JOIN cohort c ON c.id = v.cohortId
                \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                ORDER BY v.date DESC, s.code, v.number DESC
                """, arguments: arguments)
            // Only the listed visits' incomes: one survivor's visits must not read every visit's.
            var incomes: [Int64: [IncomeLine]] = [:]
            let ids: [Int64] = rows.map { $0["id"] }
            for chunk in stride(from: 0, to: ids.count, by: 500).map({ Array(ids[$0..<min($0 + 500, ids.count)]) }) {
                for row in try Row.fetchAll(db, sql: """
                    SELECT visitId, source, amount FROM visit_income
                    WHERE visitId IN (\(chunk.map { _ in "?" }.joined(separator: ","))) ORDER BY visitId, source
                    """, arguments: StatementArguments(chunk)) {
                    incomes[row["visitId"], default: []].append(IncomeLine(source: row["source"], amount: row["amount"]))
                }
            }
            return try rows.map { row in
                let visit = try Visit(row: row)
                return VisitSummary(ref: VisitRef(survivor: row["survivorCode"], number: visit.number), site: row["siteCode"],
                                    kind: visit.kind, date: visit.date, cohort: row["cohortCode"], round: visit.round,
                                    officer: visit.officer, householdSize: visit.householdSize, income: visit.income,
                                    incomes: incomes[visit.id!] ?? [], needs: visit.needs, needsBasis: visit.needsBasis,
                                    savings: visit.savings, businessStatus: visit.businessStatus, migration: visit.migration,
                                    confidence: visit.confidence, spiritual: visit.spiritual, quadrant: visit.quadrant,
                                    hasNotes: visit.sealedNotes != nil, voidedOn: visit.voidedOn, voidReason: visit.voidReason)
            }
        }
    }

    /// One visit, voided or not.
    public static func show(_ ref: VisitRef, in workspace: Workspace) throws -> VisitSummary {
        guard let visit = try list(survivorCode: ref.survivor, includeVoided: true, in: workspace)
            .first(where: { $0.ref == ref }) else { throw OutcomesError.unknownVisit(ref.description) }
        return visit
    }

    // MARK: Poverty lines and schedules

    /// Sets a site's poverty line for a year (per person per month). A correction replaces it
    /// for visits recorded afterwards; visits already recorded keep the needs they were classified with.
    public static func setPovertyLine(siteCode: String, year: Int, perPerson: Rupiah, source: String?,
                                      in workspace: Workspace) throws {
        guard (2000...2100).contains(year) else { throw InputError.outOfRange(field: "--year", value: year, range: 2000...2100) }
        guard perPerson.amount > 0 else { throw InputError.notPositive(field: "--per-person") }
        try perPerson.bounded(field: "--per-person")
        let source = try Text.optional(source, field: "--source", limit: 200)
        try workspace.database.write { db in
            let site = try Site.require(code: siteCode, in: db)
            try PovertyLine(siteId: site.id!, year: year, perPerson: perPerson, source: source, setOn: workspace.today).save(db)
            try AuditLog.append(db, workspace, action: "poverty_line.set", record: "\(site.code) \(year)")
        }
    }

    /// Every poverty line set, by site and year.
    public static func povertyLines(in workspace: Workspace) throws -> [PovertyLineRow] {
        try workspace.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT site.code, p.year, p.perPerson, p.source, p.setOn FROM poverty_line p JOIN site ON site.id = p.siteId
                ORDER BY site.code, p.year
                """).map { PovertyLineRow(site: $0[0], year: $0[1], perPerson: $0[2], source: $0[3], setOn: $0[4]) }
        }
    }

    /// Sets the follow-up rounds of a program (a program named on at least one cohort).
    public static func setSchedule(program: String, months: [Int], in workspace: Workspace) throws {
        let program = try Text.required(program, field: "--program", limit: 120)
        guard !months.isEmpty, months.allSatisfy({ (1...60).contains($0) }), Set(months).count == months.count else {
            throw OutcomesError.badSchedule(months.map(String.init).joined(separator: ","))
        }
        try workspace.database.write { db in
            guard let known = try String.fetchOne(db, sql: "SELECT program FROM cohort WHERE program = ? COLLATE NOCASE LIMIT 1",
                                                  arguments: [program]) else {
                throw OutcomesError.unknownProgram(program)
            }
            let json = "[" + months.sorted().map(String.init).joined(separator: ",") + "]"
            try db.execute(sql: "INSERT INTO follow_up_schedule(program, months) VALUES (?, ?) ON CONFLICT(program) DO UPDATE SET months = excluded.months",
                           arguments: [known, json])
            try AuditLog.append(db, workspace, action: "follow_up_schedule.set", record: nil)
        }
    }

    /// Every program named on a cohort, with its rounds.
    public static func schedules(in workspace: Workspace) throws -> [FollowUpSchedule] {
        try workspace.database.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT program FROM cohort ORDER BY program").map { program in
                let months = try schedule(program: program, in: db)
                return FollowUpSchedule(program: program, months: months ?? FollowUpSchedule.defaultMonths, isDefault: months == nil)
            }
        }
    }

    static func schedule(program: String, in db: Database) throws -> [Int]? {
        guard let json = try String.fetchOne(db, sql: "SELECT months FROM follow_up_schedule WHERE program = ?",
                                             arguments: [program]) else { return nil }
        return try JSONDecoder().decode([Int].self, from: Data(json.utf8))
    }

    // MARK: Helpers

    static func require(_ ref: VisitRef, in db: Database) throws -> Visit {
        let survivor = try Survivor.require(code: ref.survivor, in: db)
        guard let visit = try Visit.filter({ $0.survivorId == survivor.id && $0.number == ref.number }).fetchOne(db) else {
            throw OutcomesError.unknownVisit(ref.description)
        }
        return visit
    }

    private static func ref(_ visit: Visit, _ code: String) -> VisitRef { VisitRef(survivor: code, number: visit.number) }

    /// The cohort a follow-up belongs to (her latest ended on or before the visit) and the
    /// round it answers: the one asked for, or the open round whose due date is nearest.
    private static func followUpRound(survivor: Survivor, date: DayDate, asked: Int?, in db: Database) throws -> (Int64?, Int?) {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT c.id, c.code, c.program, c.endDate FROM enrolment e JOIN cohort c ON c.id = e.cohortId
            WHERE e.survivorId = ? AND c.endDate <= ? ORDER BY c.endDate DESC, c.id DESC LIMIT 1
            """, arguments: [survivor.id, date]) else {
            if asked != nil { throw OutcomesError.noCohortEnded(survivor: survivor.code) }
            return (nil, nil)
        }
        let cohortId: Int64 = row[0], code: String = row[1], program: String = row[2], end: DayDate = row[3]
        let schedule = try Visits.schedule(program: program, in: db) ?? FollowUpSchedule.defaultMonths
        let done = try Visit.all().of(survivorId: survivor.id).standing()
            .filter { $0.cohortId == cohortId && $0.round != nil }.fetchAll(db)
        if let asked {
            guard schedule.contains(asked) else { throw OutcomesError.roundNotInSchedule(round: asked, program: program, schedule: schedule) }
            if let answered = done.first(where: { $0.round == asked }) {
                throw OutcomesError.roundDone(round: asked, cohort: code, ref: VisitRef(survivor: survivor.code, number: answered.number).description)
            }
            return (cohortId, asked)
        }
        let open = schedule.filter { month in !done.contains { $0.round == month } }
        let nearest = open.min { a, b in
            abs(end.adding(months: a).dayNumber - date.dayNumber) < abs(end.adding(months: b).dayNumber - date.dayNumber)
        }
        return (cohortId, nearest)
    }

    /// The business status a visit on `date` records when none is given: active if any of
    /// her registered businesses is active then, then paused, planned, closed; none if she
    /// owned none then. Reads only.
    public static func businessStatus(survivorCode: String, on date: DayDate, in workspace: Workspace) throws -> VisitBusinessStatus {
        try workspace.database.read { db in
            try businessStatus(of: Survivor.require(code: survivorCode, in: db).id!, on: date, in: db)
        }
    }

    /// What her registered businesses show on `date`: active if any is active, then paused,
    /// planned, closed; none if she owned none then.
    static func businessStatus(of survivorId: Int64, on date: DayDate, in db: Database) throws -> VisitBusinessStatus {
        let ids = try Int64.fetchAll(db, sql: "SELECT businessId FROM business_owner WHERE survivorId = ?", arguments: [survivorId])
        let statuses = try ids.compactMap { try Business.status(businessId: $0, on: date, in: db) }
        for status in [BusinessStatus.active, .paused, .planned, .closed] where statuses.contains(status) {
            return VisitBusinessStatus(status)
        }
        return .none
    }
}
