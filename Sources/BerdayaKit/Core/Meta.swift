import GRDB

/// Small facts about the database itself, kept in the `meta` table.
enum Meta {
    static let keyCheck = "key_check"
    /// After a key rotation: the funders' pseudonym key, sealed under the current key
    /// (base64), so funders' codes outlive the rotation (`IdentityVault.rotated`).
    static let funderPseudonymKey = "funder_pseudonym_key"
    static let demo = "demo"
    static let demoSeed = "demo_seed"
    /// Set by an erasure until its old pages are swept from the WAL (`AppDatabase.scrubErasedPages`).
    static let unsweptErasure = "unswept_erasure"

    static func value(for key: String, in db: Database) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key])
    }

    static func set(_ value: String, for key: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
