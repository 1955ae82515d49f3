import Crypto
import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Backup, restore, the recovery sheet and key rotation, on real files.
@Suite struct SafekeepingTests {
    static let passphrase = "correct horse battery staple"

    /// Households with a visit whose notes are sealed, and a funder whose codes must survive a rotation.
    struct Sealed {
        var h: Households
        var note: VisitRef
        init() throws {
            h = try Households()
            note = try h.visit(h.shop.siti, .baseline, on: day(2025, 8, 4), income: 1_000_000, spirit: 3,
                               notes: "Suami masih di Johor; takut agen datang lagi")
            _ = try Funds.addFunder(code: "BAZNAS-KBM", name: "BAZNAS Kebumen", kind: .baznas, in: h.w)
        }
        var fixture: Fixture { h.shop.fixture }
        var w: Workspace { h.w }
    }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    func workspace(_ path: String, keyPath: String, environment: [String: String] = [:]) throws -> Workspace {
        let database = try AppDatabase.open(at: path)
        return try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: keyPath, environment: environment),
                             actor: "tester", today: Shop.today)
    }

    func backup(_ s: Sealed, withKey: Bool = false) throws -> String {
        let path = s.fixture.folder + "/backup-\(UUID().uuidString).bak"
        try Backup.write(of: s.w, to: path, passphrase: Self.passphrase, withKeyFrom: withKey ? s.fixture.keyPath : nil,
                         environment: [:], replacing: false, cost: .testing)
        return path
    }

    @Test func aBackupRestoredElsewhereReadsEveryIdentityAndNote() throws {
        let s = try Sealed()
        let file = try backup(s)
        let sealed = try #require(bytes(file))
        #expect(sealed.range(of: Data("Siti Aminah".utf8)) == nil)
        #expect(sealed.range(of: Data("SQLite format 3".utf8)) == nil, "the database must not be readable in the file")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)

        let target = s.fixture.folder + "/restored.sqlite"
        _ = try Backup.restore(from: file, to: target, keyPath: s.fixture.keyPath, environment: [:],
                               passphrase: Self.passphrase, force: false, actor: "tester")
        let restored = try workspace(target, keyPath: s.fixture.keyPath)
        #expect(try AuditLog.entries(in: restored, limit: 1).map(\.action) == ["database.restore"])
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: restored).fullName == "Siti Aminah")
        #expect(try Visits.revealNotes(s.note, in: restored) == "Suami masih di Johor; takut agen datang lagi")
        #expect(try restored.database.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        #expect(try AuditLog.entries(in: s.w, limit: 1).first?.action == "database.backup")
    }

    @Test func aBackupWithItsKeyInstallsTheKeyWhereNoneWas() throws {
        let s = try Sealed()
        let file = try backup(s, withKey: true)
        let folder = s.fixture.folder + "/elsewhere"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let restored = try Backup.restore(from: file, to: folder + "/b.sqlite", keyPath: folder + "/b.key", environment: [:],
                                          passphrase: Self.passphrase, force: false, actor: "tester")
        #expect(restored.installedKey == folder + "/b.key")
        #expect(bytes(folder + "/b.key") == bytes(s.fixture.keyPath))
        #expect(!FileManager.default.fileExists(atPath: folder + "/b.key.new"))
        let w = try workspace(folder + "/b.sqlite", keyPath: folder + "/b.key")
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: w).fullName == "Siti Aminah")
    }

    /// Each refusal, and the proof that no file changed: the database, its key, and nothing
    /// new beside them.
    @Test func everyBadRestoreIsRefusedAndChangesNoFile() throws {
        let s = try Sealed()
        let file = try backup(s)
        let withKey = try backup(s, withKey: true)
        let good = try #require(bytes(file))
        let folder = s.fixture.folder
        func variant(_ name: String, _ data: Data) throws -> String {
            try data.write(to: URL(fileURLWithPath: folder + "/" + name))
            return folder + "/" + name
        }
        var flipped = good
        flipped[good.count / 2] ^= 0x01
        var flippedHeader = good
        flippedHeader[11] ^= 0x01
        let otherKey = folder + "/other.key"
        _ = try KeyFile.create(at: otherKey)
        let target = folder + "/target.sqlite"
        try s.fixture.database.close()

        let cases: [(String, String, String, Bool, String, any Error)] = [
            ("wrong passphrase", file, target, false, "the wrong passphrase!", SealedFileError.wrongPassphrase),
            ("truncated", try variant("cut.bak", good.prefix(good.count - 100)), target, false, Self.passphrase, SealedFileError.truncated),
            ("a flipped byte", try variant("flip.bak", flipped), target, false, Self.passphrase, SealedFileError.damaged),
            ("a flipped header byte", try variant("flip2.bak", flippedHeader), target, false, Self.passphrase, SealedFileError.damaged),
            ("not a backup", try variant("note.bak", Data("hello".utf8)), target, false, Self.passphrase, SealedFileError.notSealed),
            ("over the database without --force", file, s.fixture.path, false, Self.passphrase,
             BackupError.databaseExists(path: s.fixture.path)),
        ]
        for (name, backupPath, targetPath, force, passphrase, expected) in cases {
            let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            let database = bytes(s.fixture.path), key = bytes(s.fixture.keyPath)
            do {
                _ = try Backup.restore(from: backupPath, to: targetPath, keyPath: s.fixture.keyPath, environment: [:],
                                       passphrase: passphrase, force: force, actor: "tester")
                Issue.record("\(name) was not refused")
            } catch {
                #expect("\(error)" == "\(expected)", "\(name)")
                #expect(error is any UserFacingError)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before, "\(name) left a file")
            #expect(bytes(s.fixture.path) == database, "\(name) changed the database")
            #expect(bytes(s.fixture.keyPath) == key, "\(name) changed the key")
        }

        // The wrong key: the backup holds none, and the key named is another database's.
        let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(throws: BackupError.keyDoesNotMatchBackup(source: otherKey)) {
            try Backup.restore(from: file, to: target, keyPath: otherKey, environment: [:], passphrase: Self.passphrase,
                               force: false, actor: "tester")
        }
        // A backup with its key, over a folder whose key file is another: never overwritten.
        let listed = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(throws: BackupError.differentKeyInstalled(path: otherKey)) {
            try Backup.restore(from: withKey, to: target, keyPath: otherKey, environment: [:], passphrase: Self.passphrase,
                               force: false, actor: "tester")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == listed)
        #expect(before.allSatisfy { listed.contains($0) })
        // And the right one still works afterwards.
        _ = try Backup.restore(from: file, to: target, keyPath: s.fixture.keyPath, environment: [:],
                               passphrase: Self.passphrase, force: false, actor: "tester")
    }

    /// The database being replaced has a WAL with changes never checkpointed (as after a
    /// crash). Restore must not let SQLite replay that WAL onto the restored file: it is
    /// checkpointed into the old file and removed before the rename.
    @Test func aRestoreNeverReplaysTheOldFilesWAL() throws {
        let s = try Sealed()
        let file = try backup(s)
        try s.fixture.database.close()
        let wal = s.fixture.path + "-wal"
        let queue = try DatabaseQueue(path: s.fixture.path)
        var stale = Data()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
            try db.execute(sql: "UPDATE site SET name = 'Stale WAL' WHERE code = 'KBM'")
            try db.execute(sql: "CREATE TABLE filler(x BLOB); INSERT INTO filler SELECT randomblob(2000) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200) SELECT i FROM n)")
            stale = try Data(contentsOf: URL(fileURLWithPath: wal))
        }
        try queue.close()
        // As a crash leaves it: the WAL with its frames, no -shm.
        try? FileManager.default.removeItem(atPath: s.fixture.path + "-shm")
        try stale.write(to: URL(fileURLWithPath: wal))
        #expect(stale.count > 100_000)

        _ = try Backup.restore(from: file, to: s.fixture.path, keyPath: s.fixture.keyPath, environment: [:],
                               passphrase: Self.passphrase, force: true, actor: "tester")
        let restored = try workspace(s.fixture.path, keyPath: s.fixture.keyPath)
        let (integrity, name, filler) = try restored.database.read { db in
            (try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try String.fetchOne(db, sql: "SELECT name FROM site WHERE code = 'KBM'"),
             try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE name = 'filler'"))
        }
        #expect(integrity == ["ok"])
        #expect(name == "Kebumen")
        #expect(filler == 0)
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: restored).fullName == "Siti Aminah")

        // The same WAL left behind by a database file that was deleted: kept aside, never replayed.
        let orphan = s.fixture.folder + "/orphan.sqlite"
        try stale.write(to: URL(fileURLWithPath: orphan + "-wal"))
        _ = try Backup.restore(from: file, to: orphan, keyPath: s.fixture.keyPath, environment: [:],
                               passphrase: Self.passphrase, force: false, actor: "tester")
        let second = try workspace(orphan, keyPath: s.fixture.keyPath)
        #expect(try second.database.read { try String.fetchOne($0, sql: "SELECT name FROM site WHERE code = 'KBM'") } == "Kebumen")
        let kept = try FileManager.default.contentsOfDirectory(atPath: s.fixture.folder).filter { $0.hasPrefix("orphan.sqlite-wal.before-restore-") }
        #expect(kept.count == 1)
    }

    @Test func aShortPassphraseIsRefusedBeforeAnythingIsWritten() throws {
        let s = try Sealed()
        let path = s.fixture.folder + "/short.bak"
        #expect(throws: SealedFileError.passphraseTooShort(minimum: 12)) {
            try Backup.write(of: s.w, to: path, passphrase: "short", withKeyFrom: nil, environment: [:], replacing: false, cost: .testing)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    /// A writer on another connection adds sites, each with its audit entry in the same
    /// transaction, while backups are taken: every backup holds as many sites as `site.add`
    /// entries, so none caught a transaction half-way.
    @Test func aBackupTakenWhileAnotherConnectionWritesIsConsistent() throws {
        let s = try Sealed()
        let writerDatabase = try AppDatabase.open(at: s.fixture.path)
        let writer = try Workspace(database: writerDatabase, vault: .failure(.wrongKey), actor: "writer", today: Shop.today)
        let done = ManagedAtomicFlag()
        let thread = Thread {
            var n = 0
            while !done.isSet {
                n += 1
                let letters = (0..<4).map { Character(UnicodeScalar(UInt8(65 + (n / Int(pow(26.0, Double($0)))) % 26))) }
                try? Sites.add(code: "W" + String(letters), name: "Site \(n)", province: "Jawa Tengah", regency: nil, in: writer)
            }
        }
        thread.start()
        defer { done.set() }
        var seen: Set<Int> = []
        for round in 0..<6 {
            let file = try backup(s)
            let target = s.fixture.folder + "/round\(round).sqlite"
            _ = try Backup.restore(from: file, to: target, keyPath: s.fixture.keyPath, environment: [:],
                                   passphrase: Self.passphrase, force: false, actor: "tester")
            let queue = try DatabaseQueue(path: target)
            try queue.read { db in
                #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
                let sites = try Int.fetchOne(db, sql: "SELECT count(*) FROM site WHERE code LIKE 'W%'")!
                let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM audit_log WHERE action = 'site.add' AND record LIKE 'W%'")!
                #expect(sites == entries)
                seen.insert(sites)
            }
            try queue.close()
        }
        done.set()
        while !thread.isFinished { usleep(1000) }
        #expect(seen.count > 1, "the writer never wrote between backups: \(seen)")
    }

    @Test func aRecoverySheetBringsBackALostKey() throws {
        let s = try Sealed()
        let sheet = try RecoverySheet.export(s.w, keyPath: s.fixture.keyPath, environment: [:], passphrase: Self.passphrase,
                                             language: .en, cost: .testing)
        let original = try #require(bytes(s.fixture.keyPath))
        #expect(!sheet.contains(original.base64EncodedString()))
        #expect(sheet.contains("test.sqlite") && sheet.contains("2026-11-20") && sheet.contains("berdaya key import"))
        #expect(sheet.split(separator: "\n").allSatisfy { $0.count <= 100 })
        try FileManager.default.removeItem(atPath: s.fixture.keyPath)
        #expect(throws: AccessError.self) { try workspace(s.fixture.path, keyPath: s.fixture.keyPath).vault() }

        // A typed copy with lower case, O for 0 and a missing CHECK line still reads.
        let typed = sheet.lowercased().replacingOccurrences(of: "0", with: "o")
            .split(separator: "\n").filter { !$0.hasPrefix("check") }.joined(separator: "\n")
        #expect(throws: SealedFileError.wrongPassphrase) {
            try RecoverySheet.restoreKey(from: typed, passphrase: "not the passphrase", database: s.w.database,
                                         keyPath: s.fixture.keyPath, force: false, actor: "tester")
        }
        #expect(!FileManager.default.fileExists(atPath: s.fixture.keyPath))
        try RecoverySheet.restoreKey(from: typed, passphrase: Self.passphrase, database: s.w.database,
                                     keyPath: s.fixture.keyPath, force: false, actor: "tester")
        #expect(bytes(s.fixture.keyPath) == original)
        let w = try workspace(s.fixture.path, keyPath: s.fixture.keyPath)
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: w).fullName == "Siti Aminah")
        // Never over an existing key file without force.
        #expect(throws: BackupError.fileExists(path: s.fixture.keyPath)) {
            try RecoverySheet.restoreKey(from: sheet, passphrase: Self.passphrase, database: s.w.database,
                                         keyPath: s.fixture.keyPath, force: false, actor: "tester")
        }
    }

    @Test func aMistypedSheetNamesTheLineAndAnotherDatabasesSheetIsRefused() throws {
        let s = try Sealed()
        let sheet = try RecoverySheet.export(s.w, keyPath: s.fixture.keyPath, environment: [:], passphrase: Self.passphrase,
                                             language: .id, cost: .testing)
        #expect(sheet.contains("Petunjuk"))
        var lines = sheet.components(separatedBy: "\n")
        let third = try #require(lines.firstIndex { $0.hasPrefix("03  ") })
        var chars = Array(lines[third])
        chars[4] = chars[4] == "A" ? "B" : "A"
        lines[third] = String(chars)
        #expect(throws: BackupError.sheetLineMistyped(line: 3)) { try RecoverySheet.read(lines.joined(separator: "\n")) }

        let other = try Fixture(today: Shop.today)
        let foreign = try RecoverySheet.export(other.workspace, keyPath: other.keyPath, environment: [:],
                                               passphrase: Self.passphrase, language: .en, cost: .testing)
        let keyBefore = bytes(s.fixture.keyPath)
        #expect(throws: BackupError.keyDoesNotMatchDatabase) {
            try RecoverySheet.restoreKey(from: foreign, passphrase: Self.passphrase, database: s.w.database,
                                         keyPath: s.fixture.keyPath, force: true, actor: "tester")
        }
        #expect(bytes(s.fixture.keyPath) == keyBefore)
    }

    @Test func rotationReSealsEverythingKeepsFunderCodesAndRefusesTheOldKey() throws {
        let s = try Sealed()
        let codesBefore = try FunderCode.book(funderCode: "BAZNAS-KBM", in: s.w)
        let triggerBefore = try s.w.database.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'visit_only_voided'") }
        let sealedBefore = try s.w.database.read { try Data.fetchAll($0, sql: "SELECT sealed FROM survivor_identity ORDER BY survivorId") }
        let oldKey = try #require(bytes(s.fixture.keyPath))
        let oldKeyPath = s.fixture.folder + "/old.key"
        FileManager.default.createFile(atPath: oldKeyPath, contents: oldKey, attributes: [.posixPermissions: 0o600])

        let summary = try KeyRotation.rotate(s.w, keyPath: s.fixture.keyPath)
        #expect(summary.identities == 6 && summary.notes == 1)
        #expect(bytes(s.fixture.keyPath) != oldKey)
        #expect(!FileManager.default.fileExists(atPath: KeyFile.pendingPath(for: s.fixture.keyPath)))

        let old = try workspace(s.fixture.path, keyPath: oldKeyPath)
        #expect(throws: AccessError.wrongKey) { try old.vault() }
        // A process that loaded the old key before the rotation (a running `serve`) can no
        // longer seal anything with it.
        let count = try s.w.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM survivor_identity") }
        #expect(throws: AccessError.wrongKey) {
            try Registry.register(sampleRegistration(name: "Wartinah Baru", nik: nil, phone: nil), in: s.w)
        }
        #expect(throws: AccessError.wrongKey) {
            try s.h.visit(s.h.shop.sri, .baseline, on: day(2025, 8, 5), income: 900_000, spirit: 3, notes: "catatan")
        }
        #expect(try s.w.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM survivor_identity") } == count)
        let new = try workspace(s.fixture.path, keyPath: s.fixture.keyPath)
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: new).fullName == "Siti Aminah")
        #expect(try Visits.revealNotes(s.note, in: new) == "Suami masih di Johor; takut agen datang lagi")
        let sealedAfter = try new.database.read { try Data.fetchAll($0, sql: "SELECT sealed FROM survivor_identity ORDER BY survivorId") }
        #expect(sealedAfter.count == sealedBefore.count && zip(sealedAfter, sealedBefore).allSatisfy { $0 != $1 })
        // Blind indexes: found by name and birth year, and a re-registration is still a duplicate.
        #expect(try Registry.find(nik: nil, fullName: "Siti Aminah", birthYear: 1984, in: new).map(\.code) == [s.h.shop.siti])
        #expect(throws: ParticipantsError.self) { try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil), in: new) }
        let codesAfter = try FunderCode.book(funderCode: "BAZNAS-KBM", in: new)
        for code in s.h.members { #expect(codesAfter.pseudonym(for: code) == codesBefore.pseudonym(for: code)) }
        #expect(try new.database.read { try String.fetchOne($0, sql: "SELECT sql FROM sqlite_master WHERE name = 'visit_only_voided'") }
                == triggerBefore)
        // Twice: the funders' key is carried over again.
        try KeyRotation.rotate(new, keyPath: s.fixture.keyPath)
        let third = try workspace(s.fixture.path, keyPath: s.fixture.keyPath)
        #expect(try FunderCode.book(funderCode: "BAZNAS-KBM", in: third).pseudonym(for: s.h.shop.siti)
                == codesBefore.pseudonym(for: s.h.shop.siti))
        #expect(try Visits.revealNotes(s.note, in: third) != nil)
    }

    /// The two moments a kill can leave behind: the new key pending before the commit (the old
    /// pair is whole; the stale key is dropped), and after it (the pending key is installed).
    @Test func aRotationCutShortLeavesAPairThatOpens() throws {
        let s = try Sealed()
        let keyPath = s.fixture.keyPath
        let oldKey = try #require(bytes(keyPath))
        // Before the commit: a pending key that seals nothing.
        try KeyFile.writePending(SymmetricKey(size: .bits256), for: keyPath)
        let before = try workspace(s.fixture.path, keyPath: keyPath)
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: before).fullName == "Siti Aminah")
        #expect(!FileManager.default.fileExists(atPath: KeyFile.pendingPath(for: keyPath)))
        #expect(bytes(keyPath) == oldKey)
        // After the commit, before the rename: put the old key back in place of the new one.
        try KeyRotation.rotate(before, keyPath: keyPath)
        let newKey = try #require(bytes(keyPath))
        FileManager.default.createFile(atPath: KeyFile.pendingPath(for: keyPath), contents: newKey, attributes: [.posixPermissions: 0o600])
        try FileManager.default.removeItem(atPath: keyPath)
        FileManager.default.createFile(atPath: keyPath, contents: oldKey, attributes: [.posixPermissions: 0o600])
        let after = try workspace(s.fixture.path, keyPath: keyPath)
        #expect(try Registry.revealIdentity(code: s.h.shop.siti, in: after).fullName == "Siti Aminah")
        #expect(bytes(keyPath) == newKey)
        #expect(!FileManager.default.fileExists(atPath: KeyFile.pendingPath(for: keyPath)))
    }

    @Test func aSealedFileTellsItsFailuresApart() throws {
        let sealed = try SealedFile.seal(Data("payload".utf8), kind: .key, passphrase: Self.passphrase, cost: .testing)
        #expect(try SealedFile.open(sealed, kind: .key, passphrase: Self.passphrase) == Data("payload".utf8))
        #expect(throws: SealedFileError.wrongKind(expected: .backup, found: .key)) {
            try SealedFile.open(sealed, kind: .backup, passphrase: Self.passphrase)
        }
        #expect(throws: SealedFileError.wrongPassphrase) { try SealedFile.open(sealed, kind: .key, passphrase: Self.passphrase + "x") }
        #expect(throws: SealedFileError.truncated) { try SealedFile.open(sealed.prefix(30), kind: .key, passphrase: Self.passphrase) }
        for index in [12, 20, 45, sealed.count - 1] {
            var changed = sealed
            changed[index] ^= 0x40
            #expect(throws: SealedFileError.damaged) { try SealedFile.open(changed, kind: .key, passphrase: Self.passphrase) }
        }
        var newer = sealed
        newer[8] = 9
        #expect(throws: SealedFileError.newerFormat(version: 9)) { try SealedFile.open(newer, kind: .key, passphrase: Self.passphrase) }
        // Two seals of the same bytes differ (fresh salt and nonce).
        #expect(try SealedFile.seal(Data("payload".utf8), kind: .key, passphrase: Self.passphrase, cost: .testing) != sealed)
    }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
