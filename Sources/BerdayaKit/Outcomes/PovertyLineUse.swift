import Foundation
import GRDB

/// The poverty line per person a site and year's CIBEST classification used: the line set now,
/// and what the visits recorded in that year actually priced a person at (a visit keeps the
/// needs it was classified with, so a line corrected later shows as a difference here).
public struct PovertyLineUse: Sendable, Equatable {
    public var site: String
    public var year: Int
    /// The line set for the site and year, if any.
    public var perPerson: Rupiah?
    public var source: String?
    /// Households whose needs came from the poverty line in visits of that year.
    public var householdsOnLine: Int
    /// Households whose needs they stated themselves.
    public var householdsStated: Int
    /// The smallest and largest per-person line those visits used (needs ÷ household size).
    public var usedLowest: Rupiah?
    public var usedHighest: Rupiah?

    /// The visits used a line other than the one set now.
    public var differs: Bool {
        guard let low = usedLowest, let high = usedHighest else { return false }
        return perPerson.map { $0 != low || $0 != high } ?? true
    }
}

extension Visits {
    /// Per site and year: the poverty line set and the one visits used, up to `asOf`; the
    /// households counted are those of `survivorCodes` when given (a report's scope).
    public static func povertyLineUse(asOf: DayDate, siteCode: String? = nil, survivorCodes: Set<String>? = nil,
                                      in workspace: Workspace) throws -> [PovertyLineUse] {
        let survivors = try survivorCodes.map { String(decoding: try JSONEncoder().encode($0.sorted()), as: UTF8.self) }
        return try workspace.database.read { db in
            let site = siteCode?.uppercased()
            var rows: [String: PovertyLineUse] = [:]
            func key(_ site: String, _ year: Int) -> String { "\(site)|\(year)" }
            for row in try Row.fetchAll(db, sql: """
                SELECT site.code, p.year, p.perPerson, p.source FROM poverty_line p JOIN site ON site.id = p.siteId
                WHERE (?1 IS NULL OR site.code = ?1)
                """, arguments: [site]) {
                let code: String = row["code"], year: Int = row["year"]
                rows[key(code, year)] = PovertyLineUse(site: code, year: year, perPerson: row["perPerson"], source: row["source"],
                                                       householdsOnLine: 0, householdsStated: 0, usedLowest: nil, usedHighest: nil)
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT site.code, CAST(substr(v.date, 1, 4) AS INTEGER) AS year,
                  count(DISTINCT CASE WHEN v.needsBasis = 'poverty_line' THEN v.survivorId END) AS onLine,
                  count(DISTINCT CASE WHEN v.needsBasis = 'stated' THEN v.survivorId END) AS stated,
                  min(CASE WHEN v.needsBasis = 'poverty_line' THEN v.needs / v.householdSize END) AS low,
                  max(CASE WHEN v.needsBasis = 'poverty_line' THEN v.needs / v.householdSize END) AS high
                FROM visit v JOIN survivor s ON s.id = v.survivorId JOIN site ON site.id = s.siteId
                WHERE v.voidedOn IS NULL AND v.date <= ?2 AND (?1 IS NULL OR site.code = ?1)
                  AND (?3 IS NULL OR s.code IN (SELECT value FROM json_each(?3)))
                GROUP BY site.code, year
                """, arguments: [site, asOf, survivors]) {
                let code: String = row["code"], year: Int = row["year"]
                var use = rows[key(code, year)] ?? PovertyLineUse(site: code, year: year, perPerson: nil, source: nil, householdsOnLine: 0,
                                                                  householdsStated: 0, usedLowest: nil, usedHighest: nil)
                use.householdsOnLine = row["onLine"]
                use.householdsStated = row["stated"]
                use.usedLowest = row["low"]
                use.usedHighest = row["high"]
                rows[key(code, year)] = use
            }
            return rows.values.sorted { ($0.site, $0.year) < ($1.site, $1.year) }
        }
    }
}
