import BerdayaKit
import Foundation

/// What one report covers, resolved once from its parameters: the funds whose money it shows,
/// the survivors, cohorts, training sessions and businesses it may speak of, and which ledger
/// entries by place. Every dataset filters by it; the rules are in Templates/README.md, "What a
/// filter covers", and their one home is BerdayaKit's `Reach`.
public struct ReportScope: Sendable, Equatable {
    /// The funds whose money the report shows; nil: every fund.
    public var funds: Set<String>?
    /// Nil: everyone (no filter narrows it).
    public var survivors: Set<String>?
    public var cohorts: Set<String>?
    public var sessions: Set<SessionRef>?
    public var businesses: Set<String>?
    /// The ledger entries by place: all of them, or a site's or cohort's (shared costs shown apart).
    public var place: EntryPlace

    /// Whether money is split into the place's own entries and shared costs.
    public var splitsMoney: Bool { place != .all }

    /// The scope these parameters ask for: narrowed to what the named funds reached by the period's
    /// end (only zakat recipients for a mustahik report), then to the named site or cohort; refuses
    /// an unknown code.
    public static func resolve(_ p: ReportParameters, in workspace: Workspace) throws -> ReportScope {
        var scope = ReportScope(place: p.site == nil && p.cohort == nil ? .all : .within(siteCode: p.site, cohortCode: p.cohort))
        let mustahik = p.covers == .mustahik
        if let funds = try Reach.funds(funderCode: p.funder, fundCode: p.fund, zakatOnly: mustahik, in: workspace) {
            scope.funds = funds
            scope.narrow(to: try Reach.ofFunds(funds, upTo: p.period.end, zakatRecipientsOnly: mustahik, in: workspace))
        }
        if p.site != nil || p.cohort != nil {
            scope.narrow(to: try Reach.ofPlace(siteCode: p.site, cohortCode: p.cohort, in: workspace))
        }
        return scope
    }

    mutating func narrow(to reached: Reached) {
        survivors = survivors.map { $0.intersection(reached.survivors) } ?? reached.survivors
        cohorts = cohorts.map { $0.intersection(reached.cohorts) } ?? reached.cohorts
        sessions = sessions.map { $0.intersection(reached.sessions) } ?? reached.sessions
        businesses = businesses.map { $0.intersection(reached.businesses) } ?? reached.businesses
    }

    /// Whether the report may speak of this survivor; true when no filter narrows it.
    public func covers(survivor code: String) -> Bool { survivors?.contains(code) ?? true }
    /// Whether the report may speak of this cohort; true when no filter narrows it.
    public func covers(cohort code: String) -> Bool { cohorts?.contains(code) ?? true }
    /// Whether the report may speak of this session (`KBM-A1/3`); true when no filter narrows it,
    /// false for a reference that does not parse.
    public func covers(session ref: String) -> Bool {
        guard let sessions else { return true }
        return (try? SessionRef(parsing: ref)).map(sessions.contains) ?? false
    }
    /// Whether the report may speak of this business; true when no filter narrows it.
    public func covers(business code: String) -> Bool { businesses?.contains(code) ?? true }
    /// Whether the report shows this fund's money; true when no funder or fund was named.
    public func covers(fund code: String) -> Bool { funds?.contains(code) ?? true }

    var businessScope: BusinessScope { BusinessScope(businessCodes: businesses) }
    var outcomeScope: OutcomeScope { OutcomeScope(survivorCodes: survivors) }
}
