import Crypto
import Foundation
import GRDB
import GRDBSQLite

/// A backup: the whole database, copied with SQLite's online backup from one read snapshot
/// (so it is consistent while `berdaya serve` and other commands keep writing), sealed with a
/// passphrase into one file (`SealedFile`), optionally with the identity key inside.
public enum Backup {
    /// What a backup says about itself, sealed with it.
    struct Manifest: Codable {
        var format = 1
        /// The file name of the database it was taken from.
        var database: String
        /// When it was taken, UTC (`2026-11-29T10:30:00Z`).
        var created: String
        /// The identity key (base64), only with `--with-key`.
        var key: String?
    }

    /// What was written.
    public struct Summary: Sendable, Equatable {
        public var path: String
        /// The sealed file's size in bytes.
        public var bytes: Int
        /// Whether the identity key was sealed in with the database.
        public var withKey: Bool
        /// When it was made, in UTC (`2026-03-01T09:30:00Z`).
        public var created: String
    }

    /// Takes a backup of `workspace.database` into `path`. With `withKeyFrom` (the key file,
    /// or `BERDAYA_KEY` in `environment`) the key in use goes inside, once checked against the
    /// database. The file is written whole or
    /// not at all (`AtomicFile`), mode 0600; an existing file is replaced only with
    /// `replacing`. One `database.backup` audit entry records it.
    @discardableResult
    public static func write(of workspace: Workspace, to path: String, passphrase: String, withKeyFrom keyPath: String?,
                             environment: [String: String], replacing: Bool,
                             cost: SealedFile.Cost = .standard) throws -> Summary {
        try SealedFile.checkStrength(passphrase)
        var key: SymmetricKey?
        if let keyPath {
            _ = try workspace.vault()
            key = try KeyFile.load(path: keyPath, environment: environment)
        }
        if !replacing, FileManager.default.fileExists(atPath: path) { throw BackupError.fileExists(path: path) }
        let image = try DatabaseImage.snapshot(of: workspace.database)
        let created = AuditLog.timestamp(workspace.now())
        let manifest = Manifest(database: (workspace.database.path as NSString).lastPathComponent, created: created,
                                key: key.map(KeyFile.encoded))
        let sealed = try SealedFile.seal(try pack(manifest, image), kind: .backup, passphrase: passphrase, cost: cost)
        try AtomicFile.write(sealed, to: path, replacing: replacing)
        try workspace.database.write { db in
            try AuditLog.append(db, workspace, action: "database.backup",
                                record: (path as NSString).lastPathComponent + (key == nil ? "" : " with-key"))
        }
        return Summary(path: path, bytes: sealed.count, withKey: key != nil, created: created)
    }

    /// What a restore did.
    public struct Restored: Sendable, Equatable {
        public var databasePath: String
        /// The backup's own time.
        public var created: String
        /// The key file the backup's key was installed at, if it carried one and none was there.
        public var installedKey: String?
    }

    /// Restores the backup at `backupPath` into `databasePath`. Everything is checked before
    /// anything is replaced: the passphrase and the file (`SealedFile`), `PRAGMA
    /// integrity_check`, that it is a Berdaya database no newer than this program, and that the
    /// key (inside the backup, else the one in use from `keyPath` or `BERDAYA_KEY`) matches
    /// its key check. An existing database is replaced only with `force`; a key file is never
    /// overwritten with a different key. Then the new file is renamed into place (the old
    /// one's -wal and -shm removed first by SQLite itself), and the backup's key is installed
    /// if it carried one (`KeyFile.pendingPath`, so a kill in between is finished on open).
    public static func restore(from backupPath: String, to databasePath: String, keyPath: String,
                               environment: [String: String], passphrase: String, force: Bool,
                               actor: String, today: DayDate = .today()) throws -> Restored {
        let exists = FileManager.default.fileExists(atPath: databasePath)
        if exists, !force { throw BackupError.databaseExists(path: databasePath) }
        guard let file = FileManager.default.contents(atPath: backupPath) else {
            throw BackupError.notReadable(path: backupPath)
        }
        let (manifest, image) = try unpack(try SealedFile.open(file, kind: .backup, passphrase: passphrase))
        let keyCheck = try DatabaseImage.verify(image)

        // The key: the backup's own, or the one in use, must match the database inside.
        var keyToInstall: SymmetricKey?
        let environmentKey = environment["BERDAYA_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if let carried = manifest.key {
            guard let data = Data(base64Encoded: carried), data.count == 32 else { throw SealedFileError.damaged }
            let key = SymmetricKey(data: data)
            if let keyCheck, IdentityVault(masterKey: key).keyCheck != keyCheck { throw BackupError.backupKeyMismatch }
            if let environmentKey {
                guard environmentKey.trimmingCharacters(in: .whitespacesAndNewlines) == KeyFile.encoded(key) else {
                    throw BackupError.differentKeyInstalled(path: "BERDAYA_KEY")
                }
            } else if FileManager.default.fileExists(atPath: keyPath) {
                let existing = try KeyFile.load(path: keyPath, environment: [:])
                guard KeyFile.encoded(existing) == KeyFile.encoded(key) else {
                    throw BackupError.differentKeyInstalled(path: keyPath)
                }
            } else {
                keyToInstall = key
            }
        } else if let keyCheck {
            let source = environmentKey == nil ? keyPath : "BERDAYA_KEY"
            guard environmentKey != nil || FileManager.default.fileExists(atPath: keyPath) else {
                throw BackupError.noKeyForBackup(keyPath: keyPath)
            }
            let key = try KeyFile.load(path: keyPath, environment: environment)
            guard IdentityVault(masterKey: key).keyCheck == keyCheck else {
                throw BackupError.keyDoesNotMatchBackup(source: source)
            }
        }

        // Replace: the new file first sits, flushed, beside the old one.
        let temporary = try AtomicFile.writeTemporary(image, beside: databasePath)
        do {
            if exists { try quiesce(databasePath) }
            setAsideStaleFiles(of: databasePath)
            if let keyToInstall { try KeyFile.writePending(keyToInstall, for: keyPath) }
            try AtomicFile.commit(temporary, to: databasePath, replacing: true)
        } catch {
            unlink(temporary)
            if keyToInstall != nil { unlink(KeyFile.pendingPath(for: keyPath)) }
            throw error
        }
        // From here the restore has happened; opening settles the pending key and writes the audit.
        let database = try AppDatabase.open(at: databasePath)
        defer { try? database.close() }
        let vault = Workspace.loadVault(for: database, keyPath: keyPath, environment: environment)
        let workspace = try Workspace(database: database, vault: vault, actor: actor, today: today)
        try database.write { db in
            try AuditLog.append(db, workspace, action: "database.restore",
                                record: (backupPath as NSString).lastPathComponent + " " + manifest.created)
        }
        return Restored(databasePath: databasePath, created: manifest.created,
                        installedKey: keyToInstall == nil ? nil : keyPath)
    }

    /// Makes the old database a single self-contained file before it is replaced: switching
    /// it out of WAL mode checkpoints every committed page into it and lets SQLite delete its
    /// -wal and -shm, so no stale WAL can ever be replayed onto the restored file. It needs
    /// the database to itself: if another program (`berdaya serve`) holds it, the restore is
    /// refused. A file that is not SQLite at all has no WAL to keep and is just replaced.
    private static func quiesce(_ path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(2)
        let queue: DatabaseQueue
        do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch { return }
        defer { try? queue.close() }
        do {
            let mode = try queue.writeWithoutTransaction { db in
                try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            if mode?.lowercased() != "delete" { throw BackupError.databaseInUse(path: path) }
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                throw BackupError.databaseInUse(path: path)
            }
            // Not a database (garbage under its name, replaced with --force): nothing to keep.
        }
    }

    /// A -wal or -shm still beside the target (an old database's, when the database itself was
    /// deleted or could not be switched out of WAL) would be read as the restored file's own:
    /// the WAL is kept under another name, never replayed, and the -shm (an index, no data) removed.
    private static func setAsideStaleFiles(of path: String) {
        if FileManager.default.fileExists(atPath: path + "-wal") {
            rename(path + "-wal", path + "-wal.before-restore-\(getpid())")
        }
        unlink(path + "-shm")
    }

    /// The manifest's length (4 bytes, big-endian), the manifest as JSON, then the database.
    static func pack(_ manifest: Manifest, _ image: Data) throws -> Data {
        let json = try JSONEncoder().encode(manifest)
        var payload = Data(withUnsafeBytes(of: UInt32(json.count).bigEndian, Array.init))
        payload.append(json)
        payload.append(image)
        return payload
    }

    static func unpack(_ payload: Data) throws -> (Manifest, Data) {
        let bytes = [UInt8](payload.prefix(4))
        guard bytes.count == 4 else { throw SealedFileError.damaged }
        let length = Int(bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        guard payload.count >= 4 + length,
              let manifest = try? JSONDecoder().decode(Manifest.self, from: payload.subdata(in: 4..<(4 + length)))
        else { throw SealedFileError.damaged }
        guard manifest.format <= 1 else { throw SealedFileError.newerFormat(version: manifest.format) }
        return (manifest, payload.subdata(in: (4 + length)..<payload.count))
    }
}

/// A whole database as bytes, never as a plaintext file on the way: the online backup copies
/// it into memory, `sqlite3_serialize` turns it into bytes, and `sqlite3_deserialize` brings
/// a restored image back into memory to be checked before it is written anywhere.
enum DatabaseImage {
    /// Every page of `database` as of one read snapshot.
    static func snapshot(of database: AppDatabase) throws -> Data {
        let memory = try DatabaseQueue()
        do {
            try database.pool.backup(to: memory)
        } catch let error as DatabaseError {
            throw StorageError.sqlite(path: database.path, reason: error.message ?? "\(error.resultCode)")
        }
        var image = try memory.inDatabase { db -> Data in
            var size: sqlite3_int64 = 0
            guard let pointer = sqlite3_serialize(db.sqliteConnection, "main", &size, 0) else {
                throw StorageError.sqlite(path: database.path, reason: "sqlite3_serialize")
            }
            defer { sqlite3_free(pointer) }
            return Data(bytes: pointer, count: Int(size))
        }
        // The file format bytes say "WAL" as in the source; the image is a plain file (1, 1),
        // which SQLite can read in memory, and which `AppDatabase.open` turns back to WAL.
        if image.count > 19 { image[18] = 1; image[19] = 1 }
        return image
    }

    /// Checks an image before it replaces anything: SQLite's integrity check, Berdaya's
    /// application id, a schema no newer than this program's. Returns its key check.
    static func verify(_ image: Data) throws -> String? {
        guard image.count >= 100, image.prefix(16) == Data("SQLite format 3\0".utf8) else {
            throw BackupError.notBerdayaBackup
        }
        let memory = try DatabaseQueue()
        return try memory.inDatabase { db -> String? in
            guard let buffer = sqlite3_malloc64(sqlite3_uint64(image.count)) else {
                throw BackupError.integrityFailed(detail: "out of memory")
            }
            image.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress!, byteCount: image.count) }
            let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
            guard sqlite3_deserialize(db.sqliteConnection, "main", buffer.assumingMemoryBound(to: UInt8.self),
                                      sqlite3_int64(image.count), sqlite3_int64(image.count), flags) == SQLITE_OK
            else { throw BackupError.notBerdayaBackup }
            do {
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard id == AppDatabase.applicationID else { throw BackupError.notBerdayaBackup }
                let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard problems == ["ok"] else {
                    throw BackupError.integrityFailed(detail: problems.prefix(3).joined(separator: "; "))
                }
                if try AppDatabase.migrator.hasBeenSuperseded(db) { throw BackupError.newerVersion }
                return try Meta.value(for: Meta.keyCheck, in: db)
            } catch let error as DatabaseError {
                throw BackupError.integrityFailed(detail: error.message ?? "\(error.resultCode)")
            }
        }
    }
}
