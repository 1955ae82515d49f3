import Foundation

/// Creating a new database together with the key that seals its identity data.
public enum Setup {
    /// Where the new database and its key file were written.
    public struct Created: Sendable {
        public var databasePath: String
        /// Nil when the key comes from `BERDAYA_KEY`.
        public var keyPath: String?
    }

    /// Creates the database and, unless a key is given in the environment, a new key file.
    /// Refuses if either already exists; on failure leaves neither behind.
    @discardableResult
    public static func createDatabase(at path: String, keyPath: String, useKeyFromEnvironment: String?,
                                      actor: String, today: DayDate = .today()) throws -> Created {
        if FileManager.default.fileExists(atPath: path) { throw StorageError.alreadyExists(path: path) }
        let fromEnvironment = useKeyFromEnvironment.map { !$0.isEmpty } ?? false
        if !fromEnvironment, FileManager.default.fileExists(atPath: keyPath) {
            throw AccessError.keyFileExists(path: keyPath)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StorageError.folderMissing(path: directory)
        }
        let key = fromEnvironment
            ? try KeyFile.load(path: keyPath, environment: ["BERDAYA_KEY": useKeyFromEnvironment!])
            : try KeyFile.create(at: keyPath)
        do {
            let database = try AppDatabase.create(at: path)
            do {
                let vault = IdentityVault(masterKey: key)
                let workspace = try Workspace(database: database, vault: .success(vault), actor: actor, today: today)
                try database.write { db in
                    try Meta.set(vault.keyCheck, for: Meta.keyCheck, in: db)
                    try AuditLog.append(db, workspace, action: "database.init", record: nil)
                }
            } catch {
                try? database.close()
                throw error
            }
            // Its only connection closed last and took the WAL with it; opened once more (its
            // readers close last and keep it), the WAL is there, so the first command, even a
            // refused one, writes nothing of its own.
            try database.close()
            try AppDatabase.open(at: path).close()
        } catch {
            if !fromEnvironment { try? FileManager.default.removeItem(atPath: keyPath) }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw error
        }
        return Created(databasePath: path, keyPath: fromEnvironment ? nil : keyPath)
    }
}
