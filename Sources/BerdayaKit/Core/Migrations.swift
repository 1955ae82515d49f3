import GRDB

extension AppDatabase {
    /// The schema, one named migration per step, in order. Each step's SQL lives in its own
    /// file in `Core/Schema/` (V01Foundation.swift …). A shipped migration is never edited:
    /// later modules append their own.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: foundationSchema)
        }
        migrator.registerMigration("v2-training") { db in
            try db.execute(sql: trainingSchema)
        }
        migrator.registerMigration("v3-funding") { db in
            try db.execute(sql: fundingSchema)
        }
        migrator.registerMigration("v4-enterprise") { db in
            try db.execute(sql: enterpriseSchema)
        }
        migrator.registerMigration("v5-outcomes") { db in
            try db.execute(sql: outcomesSchema)
        }
        migrator.registerMigration("v6-web-access") { db in
            try db.execute(sql: webAccessSchema)
        }
        // Found by profiling the donor report over a million sales: budget lines and cohort
        // progress scanned whole tables once per line and per cohort.
        migrator.registerMigration("v7-report-indexes") { db in
            try db.execute(sql: reportIndexesSchema)
        }
        // Found by the web benchmark: every register counted each member's corrections by
        // scanning all corrections, so the page slowed as corrections accumulated.
        migrator.registerMigration("v8-correction-index") { db in
            try db.execute(sql: correctionIndexSchema)
        }
        // An officer can be limited to some sites: she sees and works only their survivors,
        // cohorts, attendance, businesses and visits. No row: every site.
        migrator.registerMigration("v9-user-sites") { db in
            try db.execute(sql: userSitesSchema)
        }
        // Every money column is bounded by Rupiah.maximum, in the schema as well as in Swift, so
        // that no sum over fewer than Rupiah.summable rows can overflow a read (issue 16). Rows
        // written before stay as they are (the ledger's triggers forbid edits); reads that meet one
        // name it (StoredMoney.requireSummable).
        migrator.registerMigration("v10-money-bounds") { db in
            try db.execute(sql: moneyBoundsSchema)
        }
        // The ledger and the audit log become hash chains (HashChain), so that a row inserted,
        // deleted or changed by hand is found by `berdaya check` (issue 16). Rows already there
        // are chained in id order; from now on a row without its hash is refused.
        migrator.registerMigration("v11-hash-chains", migrate: migrateToHashChains)
        // Sign-in is throttled per address as well as per username (issue 18): the failures of
        // one address, and where a username signed in before, are read on every sign-in.
        migrator.registerMigration("v12-sign-in-throttle") { db in
            try db.execute(sql: signInThrottleSchema)
        }
        return migrator
    }
}
