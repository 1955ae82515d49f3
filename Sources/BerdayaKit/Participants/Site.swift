import Foundation
import GRDB

/// A branch office (Medan, Kebumen, Jember, Kulon Progo). Its short code starts every
/// survivor code issued there.
public struct Site: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var name: String
    public var province: String?
    public var regency: String?
    /// The serial the next survivor registered here receives; it only grows, so codes are never reused.
    public var nextSerial: Int
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func filter(code: String) -> QueryInterfaceRequest<Site> {
        Site.filter { $0.code == code.uppercased() }
    }
}

extension Site {
    /// The table's columns, for requests that filter and sort Site records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let name = Column(CodingKeys.name)
        static let province = Column(CodingKeys.province)
        static let regency = Column(CodingKeys.regency)
        static let nextSerial = Column(CodingKeys.nextSerial)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// Adding and listing sites.
public enum Sites {
    /// Adds a site. The code is 2-5 capital letters (MDN, KBM, JBR, KLP) and is unique.
    @discardableResult
    public static func add(code: String, name: String, province: String?, regency: String?,
                           in workspace: Workspace) throws -> Site {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...5).contains(code.count), code.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw ParticipantsError.invalidSiteCode(code: code)
        }
        let name = try Text.required(name, field: "nama situs / site name", limit: 80)
        let province = try Text.optional(province, field: "provinsi / province", limit: 80)
        let regency = try Text.optional(regency, field: "kabupaten/kota / regency", limit: 80)
        return try workspace.database.write { db in
            if try Site.filter(code: code).fetchCount(db) > 0 { throw ParticipantsError.siteExists(code: code) }
            var site = Site(id: nil, code: code, name: name, province: province, regency: regency,
                            nextSerial: 1, createdOn: workspace.today)
            try site.insert(db)
            try AuditLog.append(db, workspace, action: "site.add", record: code)
            return site
        }
    }

    /// Every site with how many survivors and cohorts it has.
    public static func list(in workspace: Workspace) throws -> [SiteSummary] {
        try workspace.database.read { db in
            try SiteSummary.fetchAll(db, sql: """
                SELECT site.code, site.name, site.province, site.regency,
                       (SELECT count(*) FROM survivor WHERE survivor.siteId = site.id) AS survivors,
                       (SELECT count(*) FROM cohort WHERE cohort.siteId = site.id) AS cohorts
                FROM site ORDER BY site.code
                """)
        }
    }
}

/// A site as listed.
public struct SiteSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var name: String
    public var province: String?
    public var regency: String?
    public var survivors: Int
    public var cohorts: Int
}

extension Site: CodedRecord {
    static func unknown(code: String) -> any Error { ParticipantsError.unknownSite(code: code) }
}
