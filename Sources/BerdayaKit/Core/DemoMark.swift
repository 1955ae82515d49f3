import GRDB

/// The mark `berdaya demo` leaves in a database it built: a later demo may replace a file
/// that carries it, and never a real program's database.
public enum DemoMark {
    /// Marks `database` as a demo built from `seed`, both facts in one transaction. Not in the
    /// audit log: it describes the file, not a program's records.
    public static func set(seed: UInt64, in database: AppDatabase) throws {
        try database.write { db in
            try Meta.set("1", for: Meta.demo, in: db)
            try Meta.set(String(seed), for: Meta.demoSeed, in: db)
        }
    }

    /// True when the file at `path` is a Berdaya database carrying the mark. Looked at without
    /// writing a byte where this SQLite can (`AppDatabase.peek`), else opened and closed again.
    /// False for any file that is not, or cannot be read as, a marked demo.
    public static func isSet(at path: String) -> Bool {
        if let demo = try? AppDatabase.peek(at: path, { try Meta.value(for: Meta.demo, in: $0) }) {
            return demo == "1"
        }
        guard let existing = try? AppDatabase.open(at: path) else { return false }
        defer { try? existing.close() }
        return (try? existing.read { try Meta.value(for: Meta.demo, in: $0) }) == "1"
    }
}
