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

    /// Shipped migrations are never edited: a fresh database's schema is exactly the one shipped
    /// (Fixtures/shipped-schema.sql, every table, index and trigger as SQLite stores it). A new
    /// migration adds to the fixture; a change to an old one fails here, since databases already
    /// in the field keep the old text and `berdaya check` would call them altered.
    @Test func aFreshDatabaseHasExactlyTheShippedSchema() throws {
        let fixture = try Fixture()
        let actual = try fixture.database.read { db in
            try Row.fetchAll(db, sql: "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
                .map { row -> String in
                    let type: String = row["type"], name: String = row["name"], sql: String = row["sql"]
                    return "-- \(type) \(name)\n\(sql);\n"
                }
                .joined(separator: "\n")
        }
        let shipped = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/shipped-schema.sql").path, encoding: .utf8)
        #expect(actual == shipped)
    }

    /// A confirmed booking survives a power cut: every write commits with synchronous = FULL (2),
    /// not WAL's usual NORMAL (1), which may lose the last commits when power fails.
    @Test func writesAreOnDiskWhenConfirmed() throws {
        let fixture = try Fixture()
        let level = try fixture.database.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(level == 2)
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

    /// Every file in `folder` with its bytes and mode, so a refusal can be shown to change none.
    static func files(in folder: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
            files[name] = (FileManager.default.contents(atPath: path) ?? Data()) + Data("mode \(mode)".utf8)
        }
        return files
    }

    @Test func anotherProgramsSQLiteFileIsRefusedWithoutChangingAByte() throws {
        let temporary = try TemporaryFolder("other")
        let folder = temporary.path
        // A rollback-journal file, readable by others, as most programs leave theirs.
        let path = folder + "/contacts.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE contact(name TEXT)")
            for n in 0..<200 { try db.execute(sql: "INSERT INTO contact VALUES (?)", arguments: ["person \(n)"]) }
        }
        try queue.close()
        chmod(path, 0o644)
        let before = try Self.files(in: folder)
        #expect(before.count == 1)
        #expect(throws: StorageError.notBerdaya(path: path)) { try AppDatabase.open(at: path) }
        #expect(try Self.files(in: folder) == before, "no WAL conversion, no -wal or -shm, no growth, no chmod")

        // Another program's WAL file, closed (no -wal left) and still open (its -wal in use).
        let wal = folder + "/notes.sqlite"
        var config = Configuration()
        config.journalMode = .wal
        let walQueue = try DatabaseQueue(path: wal, configuration: config)
        try walQueue.write { try $0.execute(sql: "CREATE TABLE note(text TEXT); INSERT INTO note VALUES ('x')") }
        let whileOpen = try Self.files(in: folder)
        #expect(whileOpen["notes.sqlite-wal"] != nil)
        #expect(throws: StorageError.notBerdaya(path: wal)) { try AppDatabase.open(at: wal) }
        // Its -shm is the live lock table every reader of a WAL file writes its read mark in;
        // the database, its WAL and the set of files are untouched.
        var after = try Self.files(in: folder)
        #expect(after.keys.sorted() == whileOpen.keys.sorted())
        after["notes.sqlite-shm"] = whileOpen["notes.sqlite-shm"]
        #expect(after == whileOpen)
        try walQueue.close()
        let closed = try Self.files(in: folder)
        #expect(throws: StorageError.notBerdaya(path: wal)) { try AppDatabase.open(at: wal) }
        #expect(try Self.files(in: folder) == closed)

        let junk = folder + "/junk.sqlite"
        try Data("this is not a database at all, just text padding it out".utf8).write(to: URL(fileURLWithPath: junk))
        let withJunk = try Self.files(in: folder)
        #expect(throws: StorageError.notBerdaya(path: junk)) { try AppDatabase.open(at: junk) }
        #expect(try Self.files(in: folder) == withJunk)
    }

    @Test func aNewerVersionsDatabaseIsRefusedWithoutChangingAByte() throws {
        let fixture = try Fixture()
        try fixture.database.pool.write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')") }
        try fixture.database.closeCheckpointed()
        // As it arrives when copied from another computer: the database file alone.
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fixture.path + suffix) }
        let before = try Self.files(in: fixture.folder)
        #expect(throws: StorageError.newerVersion(path: fixture.path)) { try AppDatabase.open(at: fixture.path) }
        #expect(try Self.files(in: fixture.folder) == before, "no -wal, no -shm, no schema write")
    }

    @Test func aDatabaseWhoseMarkIsStillInItsWALOpens() throws {
        let temporary = try TemporaryFolder("fresh")
        let path = temporary.file("fresh.sqlite")
        // Created and not yet closed: the mark is in the WAL, the main file's header lacks it,
        // as after a crash right after `init`.
        let created = try AppDatabase.create(at: path)
        let header = try #require(FileManager.default.contents(atPath: path))
        #expect(header.count < 72 || header[68..<72] != Data([0x42, 0x44, 0x59, 0x41]))
        let opened = try AppDatabase.open(at: path)
        #expect(try opened.read { try Int32.fetchOne($0, sql: "PRAGMA application_id") } == AppDatabase.applicationID)
        try opened.close()
        try created.close()
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

@Suite struct ContentionTests {
    @Test func aSecondWriterWaitsForTheFirstInsteadOfFailing() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        // Another connection, as another process would have, holds the write lock a while.
        let other = try AppDatabase.open(at: fixture.path)
        let holding = DispatchSemaphore(value: 0)
        let held = 1.5
        let holder = Thread {
            try? other.write { db in
                try db.execute(sql: "UPDATE site SET name = name || '' WHERE code = 'KBM'")
                holding.signal()
                Thread.sleep(forTimeInterval: held)
            }
        }
        holder.start()
        holding.wait()
        let start = Date()
        try fixture.database.write { db in
            try db.execute(sql: "UPDATE site SET name = 'Kebumen' WHERE code = 'KBM'")
        }
        let waited = Date().timeIntervalSince(start)
        #expect(waited > held - 0.3, "the write went through while the other held the lock: \(waited)")
        #expect(try fixture.database.read { try String.fetchOne($0, sql: "SELECT name FROM site WHERE code = 'KBM'") } == "Kebumen")
        try other.close()
    }

    @Test func aWriterWaitsMinutesNotSeconds() {
        // SQLite's own handler gave up after 10 s; fifty processes need more.
        #expect(AppDatabase.busyPatience >= 60)
    }
}
