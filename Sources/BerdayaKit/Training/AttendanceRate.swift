/// The one attendance rate over many cohorts: of the members expected at the sessions held in
/// a period (those enrolled on each session's day), the share who attended (present or late).
/// Every cohort's held sessions in the period count, whatever the cohort's status now, so a
/// cohort that finished during the period still counts for the sessions it held. The web
/// dashboard and the reports' key figures both ask here; which cohorts and sessions are in view
/// (a site limit, a report's scope) is the caller's to say.
public struct AttendanceRate: Sendable, Equatable {
    /// Sessions held in the period.
    public var held = 0
    /// Members expected, summed over those sessions.
    public var expected = 0
    /// Present or late, summed over those sessions.
    public var attended = 0

    /// Attended out of expected, nil when nobody was expected.
    public var percent: Double? { Percent.of(Int64(attended), Int64(expected)) }

    /// The rate over these cohorts' sessions held in `period`; `including` narrows the sessions
    /// further (a report's scope).
    public static func over(_ cohorts: [CohortProgress], in period: Period,
                            including: (SessionRate) -> Bool = { _ in true }) -> AttendanceRate {
        var rate = AttendanceRate()
        for session in cohorts.flatMap(\.sessions) where period.contains(session.date) && including(session) {
            rate.held += 1
            rate.expected += session.expected
            rate.attended += session.attended
        }
        return rate
    }
}
