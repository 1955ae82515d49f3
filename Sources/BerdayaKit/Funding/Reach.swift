import Foundation
import GRDB

/// Which ledger entries a money figure covers by place. An entry belongs to the site of what it
/// names: its survivor, its business, its cohort or session, or its loan's site, in that order.
/// An entry that names none of them (a receipt, a transfer, a vendor's bill for no session, a
/// group's grant for no business) belongs to no site: it is a shared cost, shown apart.
public enum EntryPlace: Sendable, Equatable {
    /// Every entry.
    case all
    /// Entries linked to this site and, if given, to this cohort (its own id or a session of it,
    /// a survivor enrolled in it, a business of it, a loan to a member).
    case within(siteCode: String?, cohortCode: String?)
    /// Entries linked to no site at all: shared costs.
    case shared

    /// A SQL condition on the ledger entry aliased `alias`; ids are resolved here and written as
    /// numbers, so the condition takes no arguments.
    func condition(_ alias: String, in db: Database) throws -> String {
        let site = Reach.siteOfEntry(alias)
        switch self {
        case .all:
            return "1"
        case .shared:
            return "(\(site)) IS NULL"
        case let .within(siteCode, cohortCode):
            var parts: [String] = []
            if let siteCode { parts.append("(\(site)) = \(try Site.require(code: siteCode.uppercased(), in: db).id!)") }
            if let cohortCode {
                let id = try Cohort.require(code: cohortCode.uppercased(), in: db).id!
                let members = "(SELECT survivorId FROM enrolment WHERE cohortId = \(id))"
                parts.append("""
                    (\(alias).cohortId = \(id) OR \(alias).sessionId IN (SELECT id FROM training_session WHERE cohortId = \(id))
                     OR \(alias).survivorId IN \(members) OR \(alias).businessId IN (SELECT id FROM business WHERE cohortId = \(id))
                     OR \(alias).loanId IN (SELECT id FROM loan WHERE survivorId IN \(members)))
                    """)
            }
            return parts.isEmpty ? "1" : parts.joined(separator: " AND ")
        }
    }
}

/// What the money of some funds reached, and what a site or cohort holds: the survivors,
/// cohorts, training sessions and businesses a report covers. The one home of the rules
/// written in Templates/README.md, "What a filter covers".
public struct Reached: Sendable, Equatable {
    public var survivors: Set<String>
    public var cohorts: Set<String>
    public var sessions: Set<SessionRef>
    public var businesses: Set<String>

    /// These sets as given; `Reach` computes them from the ledger and the registers.
    public init(survivors: Set<String> = [], cohorts: Set<String> = [], sessions: Set<SessionRef> = [], businesses: Set<String> = []) {
        self.survivors = survivors
        self.cohorts = cohorts
        self.sessions = sessions
        self.businesses = businesses
    }
}

/// Where money went and what a place holds, as reports filter by them: the funds a report
/// names, what those funds reached up to a day, and the contents of a site or cohort.
public enum Reach {
    /// The site id an entry belongs to, as a SQL expression over the entry aliased `e` (NULL: shared).
    static func siteOfEntry(_ e: String) -> String {
        """
        coalesce((SELECT siteId FROM survivor WHERE id = \(e).survivorId), (SELECT siteId FROM business WHERE id = \(e).businessId),
          (SELECT siteId FROM cohort WHERE id = \(e).cohortId),
          (SELECT c.siteId FROM training_session t JOIN cohort c ON c.id = t.cohortId WHERE t.id = \(e).sessionId),
          (SELECT siteId FROM loan WHERE id = \(e).loanId))
        """
    }

    /// The funds a funder and/or fund parameter names (each checked), or nil when neither is given.
    /// With `zakatOnly`, only zakat funds (a BAZNAS report with no fund named covers every zakat fund).
    public static func funds(funderCode: String?, fundCode: String?, zakatOnly: Bool = false,
                             in workspace: Workspace) throws -> Set<String>? {
        guard funderCode != nil || fundCode != nil || zakatOnly else { return nil }
        return try workspace.database.read { db in
            let funderId = try funderCode.map { try Funder.require(code: $0.uppercased(), in: db).id! }
            let fundId = try fundCode.map { try Fund.require(code: $0.uppercased(), in: db).id! }
            return Set(try String.fetchAll(db, sql: """
                SELECT code FROM fund WHERE (?1 IS NULL OR funderId = ?1) AND (?2 IS NULL OR id = ?2) AND (?3 = 0 OR kind = 'zakat')
                """, arguments: [funderId, fundId, zakatOnly]))
        }
    }

    /// What entries of these funds dated up to `upTo` reached. An entry counts unless it is a
    /// reversal or was reversed by then. It reaches the survivor, cohort, session and business it
    /// names, and a loan's borrower; a cohort reached directly (not through a session) brings all
    /// its sessions. Survivors reached also take in the members of cohorts reached and the owners
    /// of businesses reached; businesses reached also take in those owned by survivors reached;
    /// cohorts reached also take in those the survivors reached were enrolled in (their sessions
    /// are not reached unless named: money for a survivor's grant did not pay for her training).
    /// With `zakatRecipientsOnly`, only zakat payments with an asnaf count, and they reach their
    /// mustahik and her businesses: no cohort, no session.
    public static func ofFunds(_ fundCodes: Set<String>, upTo: DayDate, zakatRecipientsOnly: Bool = false,
                               in workspace: Workspace) throws -> Reached {
        try workspace.database.read { db in
            let funds = try json(Array(fundCodes))
            let entries = """
                SELECT e.* FROM ledger_entry e JOIN fund f ON f.id = e.fundId
                WHERE f.code IN (SELECT value FROM json_each(?1)) AND e.date <= ?2 AND e.kind != 'reversal'
                  AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversesId = e.id AND r.date <= ?2)
                  AND (?3 = 0 OR (e.asnaf IS NOT NULL AND e.kind IN ('disbursement', 'loan_out')))
                """
            let arguments: StatementArguments = [funds, upTo, zakatRecipientsOnly]
            var reached = Reached()
            // Cohorts named directly or through a session; sessions named, or all of a cohort named without one.
            for row in try Row.fetchAll(db, sql: """
                WITH e AS (\(entries))
                SELECT c.code AS cohort, t.number AS session FROM e JOIN training_session t ON t.id = e.sessionId
                  JOIN cohort c ON c.id = t.cohortId
                UNION SELECT c.code, t.number FROM e JOIN cohort c ON c.id = e.cohortId JOIN training_session t ON t.cohortId = c.id
                  WHERE e.sessionId IS NULL
                UNION SELECT c.code, NULL FROM e JOIN cohort c ON c.id = e.cohortId
                """, arguments: arguments) {
                let cohort: String = row["cohort"]
                reached.cohorts.insert(cohort)
                if let number: Int = row["session"] { reached.sessions.insert(SessionRef(cohort: cohort, number: number)) }
            }
            let survivorIds = """
                SELECT e.survivorId FROM e WHERE e.survivorId IS NOT NULL
                UNION SELECT l.survivorId FROM e JOIN loan l ON l.id = e.loanId WHERE l.survivorId IS NOT NULL
                UNION SELECT en.survivorId FROM e JOIN enrolment en ON en.cohortId = e.cohortId
                UNION SELECT o.survivorId FROM e JOIN business_owner o ON o.businessId = e.businessId
                """
            reached.survivors = Set(try String.fetchAll(db, sql: """
                WITH e AS (\(entries)), ids AS (\(survivorIds))
                SELECT code FROM survivor WHERE id IN (SELECT survivorId FROM ids)
                """, arguments: arguments))
            reached.cohorts.formUnion(try String.fetchAll(db, sql: """
                WITH e AS (\(entries)), ids AS (\(survivorIds))
                SELECT DISTINCT c.code FROM enrolment n JOIN cohort c ON c.id = n.cohortId WHERE n.survivorId IN (SELECT survivorId FROM ids)
                """, arguments: arguments))
            reached.businesses = Set(try String.fetchAll(db, sql: """
                WITH e AS (\(entries)), ids AS (\(survivorIds))
                SELECT code FROM business WHERE id IN (SELECT businessId FROM e)
                  OR id IN (SELECT businessId FROM business_owner WHERE survivorId IN (SELECT survivorId FROM ids))
                """, arguments: arguments))
            return reached
        }
    }

    /// What a site, a cohort or both hold: the site's survivors, cohorts (with all their sessions)
    /// and businesses; a cohort's members, its sessions and the businesses started in it.
    public static func ofPlace(siteCode: String?, cohortCode: String?, in workspace: Workspace) throws -> Reached {
        try workspace.database.read { db in
            let siteId = try siteCode.map { try Site.require(code: $0.uppercased(), in: db).id! }
            let cohortId = try cohortCode.map { try Cohort.require(code: $0.uppercased(), in: db).id! }
            let arguments: StatementArguments = [siteId, cohortId]
            var reached = Reached()
            reached.survivors = Set(try String.fetchAll(db, sql: """
                SELECT code FROM survivor s WHERE (?1 IS NULL OR s.siteId = ?1)
                  AND (?2 IS NULL OR s.id IN (SELECT survivorId FROM enrolment WHERE cohortId = ?2))
                """, arguments: arguments))
            reached.cohorts = Set(try String.fetchAll(db, sql: """
                SELECT code FROM cohort c WHERE (?1 IS NULL OR c.siteId = ?1) AND (?2 IS NULL OR c.id = ?2)
                """, arguments: arguments))
            for row in try Row.fetchAll(db, sql: """
                SELECT c.code, t.number FROM training_session t JOIN cohort c ON c.id = t.cohortId
                WHERE (?1 IS NULL OR c.siteId = ?1) AND (?2 IS NULL OR c.id = ?2)
                """, arguments: arguments) {
                reached.sessions.insert(SessionRef(cohort: row[0], number: row[1]))
            }
            reached.businesses = Set(try String.fetchAll(db, sql: """
                SELECT code FROM business b WHERE (?1 IS NULL OR b.siteId = ?1) AND (?2 IS NULL OR b.cohortId = ?2)
                """, arguments: arguments))
            return reached
        }
    }

    static func json(_ values: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(values), as: UTF8.self)
    }
}
