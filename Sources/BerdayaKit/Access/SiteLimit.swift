import Foundation
import GRDB

/// The sites a web user may work in: every site, or only those an admin gave her. Records
/// of other sites are refused to her and left out of her lists.
public struct SiteLimit: Sendable, Equatable {
    /// The site codes allowed; nil means every site (no limit was set).
    public let sites: Set<String>?

    /// No limit: every site is allowed.
    public static let everySite = SiteLimit(sites: nil)

    /// A limit to these site codes, compared case-insensitively; nil for every site.
    public init(sites: Set<String>?) {
        self.sites = sites.map { Set($0.map { $0.uppercased() }) }
    }

    /// Whether an admin gave her only some sites.
    public var isLimited: Bool { sites != nil }

    /// Whether records of `site` are open to her (case-insensitive); always true without a limit.
    public func allows(_ site: String) -> Bool { sites?.contains(site.uppercased()) ?? true }

    /// The allowed codes in order, for pages and the command line.
    public var sorted: [String] { (sites ?? []).sorted() }

    /// The site of a survivor, cohort or business named by its code; nil when there is no
    /// such record (the page then says "not found" as it would without a limit).
    public static func site(ofSurvivor code: String, in workspace: Workspace) throws -> String? {
        try siteCode("survivor", code, workspace)
    }

    /// The site of the cohort with `code`; nil when there is no such cohort.
    public static func site(ofCohort code: String, in workspace: Workspace) throws -> String? {
        try siteCode("cohort", code, workspace)
    }

    /// The site of the business with `code`; nil when there is no such business.
    public static func site(ofBusiness code: String, in workspace: Workspace) throws -> String? {
        try siteCode("business", code, workspace)
    }

    private static func siteCode(_ table: String, _ code: String, _ workspace: Workspace) throws -> String? {
        let code = code.trimmingCharacters(in: .whitespaces).uppercased()
        return try workspace.database.read { db in
            try String.fetchOne(db, sql: "SELECT site.code FROM \(table) JOIN site ON site.id = \(table).siteId WHERE \(table).code = ?",
                                arguments: [code])
        }
    }
}
