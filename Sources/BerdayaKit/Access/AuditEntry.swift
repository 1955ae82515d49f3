import Foundation
import GRDB

/// One line of the append-only audit log: who did what to which record, and when.
/// Holds codes only (survivor, cohort, site), never personal data.
public struct AuditEntry: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "audit_log"

    public var id: Int64?
    public var at: String
    public var actor: String
    public var action: String
    public var record: String?
    /// The entry's link in the audit log's hash chain (`HashChain`).
    public var chainHash: Data?
}

extension AuditEntry {
    /// The table's columns, for requests that filter and sort AuditEntry records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let at = Column(CodingKeys.at)
        static let actor = Column(CodingKeys.actor)
        static let action = Column(CodingKeys.action)
        static let record = Column(CodingKeys.record)
        static let chainHash = Column(CodingKeys.chainHash)
    }
}

/// Writing to and reading the audit log.
public enum AuditLog {
    /// Appends an entry inside the caller's transaction, so the entry lands with the change.
    public static func append(_ db: Database, _ workspace: Workspace, action: String, record: String?) throws {
        var entry = AuditEntry(id: nil, at: timestamp(workspace.now()), actor: workspace.actor,
                               action: action, record: record)
        try HashChain.append(&entry, in: db)
    }

    /// The newest entries first, optionally for one record or since a date.
    public static func entries(in workspace: Workspace, record: String? = nil, actor: String? = nil,
                               since: DayDate? = nil, limit: Int = 100) throws -> [AuditEntry] {
        try workspace.database.read { db in
            var request = AuditEntry.order { $0.id.desc }.limit(limit)
            if let record {
                // A record may name several codes ("MDN-2025-1 MDN-0001"); match whole codes.
                request = request.filter(sql: "(' ' || record || ' ') LIKE ('% ' || ? || ' %')", arguments: [record])
            }
            if let actor { request = request.filter { $0.actor == actor } }
            if let since { request = request.filter { $0.at >= since.description } }
            return try request.fetchAll(db)
        }
    }

    /// `2026-11-24T03:30:00Z`, computed directly: a formatter per entry cost more than the
    /// entry's whole write on a busy web server.
    static func timestamp(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                      Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}
