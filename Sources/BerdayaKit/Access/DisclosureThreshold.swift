import GRDB

/// The organisation's threshold k for workbooks that leave it: counts of 1 to k−1 people are
/// hidden. 5 by default; 11 is the Counter Trafficking Data Collaborative's rule for survivor
/// data shared with counter-trafficking partners. Kept in the database, so every report and
/// every user of one database use the same.
public enum DisclosureThreshold {
    /// k until someone sets another.
    public static let standard = 5
    /// The values `set` accepts.
    public static let allowed = 3...50
    static let key = "disclosure_threshold"

    /// k as this database keeps it; `standard` when nobody has set one.
    public static func value(in workspace: Workspace) throws -> Int {
        try workspace.database.read { db in try Meta.value(for: key, in: db).flatMap(Int.init) } ?? standard
    }

    /// Sets k, with an audit entry; refuses a value outside 3 to 50.
    public static func set(_ value: Int, in workspace: Workspace) throws {
        guard allowed.contains(value) else {
            throw InputError.outOfRange(field: "K", value: value, range: allowed)
        }
        try workspace.database.write { db in
            try Meta.set(String(value), for: key, in: db)
            try AuditLog.append(db, workspace, action: "disclosure.threshold", record: String(value))
        }
    }
}
