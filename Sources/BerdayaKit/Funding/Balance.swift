import GRDB

/// The one definition of a fund's balance: the sum of its ledger entries (receipts positive,
/// money out negative, reversals cancelling what they reverse) up to a day. The cash book,
/// the overdraft check, the fund list, the budget page, the grants' accountability and the
/// treasurer's and zakat reports all ask here, so they cannot disagree on what a balance is.
public enum Balance {
    /// Which entries of the bounding day count.
    public enum Bound: Sendable {
        /// Entries dated before the day: the opening balance of a period starting that day.
        case before
        /// Entries dated on or before the day: the balance at the end of that day.
        case through

        var comparison: String {
            switch self {
            case .before: "<"
            case .through: "<="
            }
        }
    }

    /// The balance as an SQL expression, for queries that list many funds at once.
    /// `funds` is what the fund id is matched with (`= fund.id`, `= ?1`, `IN (3,4)`), `day` the
    /// SQL of the bounding date, `alias` a name for `ledger_entry` unused elsewhere in the
    /// query, `place` a further condition on that alias (a site's or a cohort's entries).
    static func sql(funds: String, _ bound: Bound, day: String, alias: String = "b", place: String = "1") -> String {
        "coalesce((SELECT sum(\(alias).amount) FROM ledger_entry \(alias) WHERE \(alias).fundId \(funds)"
            + " AND \(alias).date \(bound.comparison) \(day) AND \(place)), 0)"
    }

    /// The balance of the funds with these ids (one fund, or a group such as every zakat fund).
    /// Call it only after `Ledger.requireSummable`, which guarantees the sum fits.
    static func of(_ fundIds: [Int64], _ bound: Bound, _ day: DayDate, in db: Database) throws -> Rupiah {
        guard !fundIds.isEmpty else { return .zero }
        let list = fundIds.map(String.init).joined(separator: ",")
        return try Rupiah.fetchOne(db, sql: "SELECT " + sql(funds: "IN (\(list))", bound, day: "?"), arguments: [day]) ?? .zero
    }
}
