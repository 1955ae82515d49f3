import BerdayaTestSupport
import Foundation
import GRDB
import Testing
@testable import BerdayaKit

@Suite struct StorageTests {
    @Test func theDatabaseUsesWALAndForeignKeys() throws {
        let fixture = try Fixture()
        let (mode, keys) = try fixture.database.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(mode == "wal")
        #expect(keys == 1)
    }

    @Test func aMissingDatabaseSaysHowToCreateOne() throws {
        let temporary = try TemporaryFolder("storage")
        let path = temporary.file("nothing-here.sqlite")
        #expect(throws: StorageError.notFound(path: path)) { try AppDatabase.open(at: path) }
        #expect(StorageError.notFound(path: path).hint?(.en).contains("berdaya init") == true)
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func initRefusesToReplaceADatabaseOrAKey() throws {
        let fixture = try Fixture()
        #expect(throws: StorageError.alreadyExists(path: fixture.path)) {
            try Setup.createDatabase(at: fixture.path, keyPath: fixture.folder + "/other.key", useKeyFromEnvironment: nil, actor: "t")
        }
        let fresh = fixture.folder + "/fresh.sqlite"
        #expect(throws: AccessError.keyFileExists(path: fixture.keyPath)) {
            try Setup.createDatabase(at: fresh, keyPath: fixture.keyPath, useKeyFromEnvironment: nil, actor: "t")
        }
        #expect(!FileManager.default.fileExists(atPath: fresh))
    }

    @Test func aDatabaseFromANewerVersionIsRefused() throws {
        let fixture = try Fixture()
        try fixture.database.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try fixture.database.close()
        #expect(throws: StorageError.newerVersion(path: fixture.path)) { try AppDatabase.open(at: fixture.path) }

    }

    @Test func anotherSQLiteFileIsNotTakenForBerdayas() throws {
        let temporary = try TemporaryFolder("storage")
        let path = temporary.file("other.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        #expect(throws: StorageError.notBerdaya(path: path)) { try AppDatabase.open(at: path) }
        let junk = temporary.file("junk.sqlite")
        try Data("this is not a database at all, just text padding it out".utf8).write(to: URL(fileURLWithPath: junk))
        #expect(throws: StorageError.self) { try AppDatabase.open(at: junk) }
    }

    @Test func theSchemaRefusesWhatTheCodeShouldNeverWrite() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(), in: fixture.workspace)
        // Each statement with the rule that refuses it.
        let bad: [(String, ResultCode, String)] = [
            ("UPDATE survivor SET code = 'KBM-0009'", .SQLITE_CONSTRAINT_TRIGGER, "a survivor code never changes"),
            ("UPDATE survivor SET sex = 'unknown'", .SQLITE_CONSTRAINT_CHECK, "sex IN ('female', 'male')"),
            ("UPDATE survivor SET baselineIncome = -5", .SQLITE_CONSTRAINT_CHECK, "baselineIncome >= 0"),
            ("INSERT INTO enrolment(cohortId, survivorId, enrolledOn) VALUES (999, 1, '2025-01-01')",
             .SQLITE_CONSTRAINT_FOREIGNKEY, "FOREIGN KEY constraint failed"),
            ("INSERT INTO site(code, name, createdOn) VALUES ('mdn2', 'x', '2025-01-01')",
             .SQLITE_CONSTRAINT_CHECK, "length(code) BETWEEN 2 AND 5 AND code NOT GLOB '*[^A-Z]*'"),
        ]
        for (sql, code, rule) in bad {
            expectConstraint(code, rule, "\(sql)") { try fixture.database.pool.write { try $0.execute(sql: sql) } }
        }
    }
}
