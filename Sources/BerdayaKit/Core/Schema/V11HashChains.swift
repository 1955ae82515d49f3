import GRDB

// The schema of migration `v11-hash-chains`. Shipped: kept verbatim, never edited.
extension AppDatabase {
    static func migrateToHashChains(_ db: Database) throws {
        for (table, noUpdate) in [("ledger_entry", "ledger_entry_never_edited"), ("audit_log", "audit_log_no_update")] {
            try db.execute(sql: """
                ALTER TABLE \(table) ADD COLUMN chainHash BLOB CHECK (chainHash IS NULL OR length(chainHash) = 32);
                CREATE TRIGGER \(table)_chained BEFORE INSERT ON \(table) WHEN NEW.chainHash IS NULL
                BEGIN SELECT RAISE(ABORT, 'every row of \(table) carries its chain hash: write it through Berdaya'); END;
                """)
            try HashChain.backFill(table: table, noUpdateTrigger: noUpdate, in: db)
        }
    }
}
