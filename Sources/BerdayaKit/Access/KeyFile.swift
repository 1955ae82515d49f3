import Crypto
import Foundation

/// Where the master key lives: a key file with 0600 permissions beside the database, or the
/// `BERDAYA_KEY` environment variable (base64 of 32 bytes).
public enum KeyFile {
    /// The key file that belongs to a database: `berdaya.sqlite` → `berdaya.key`.
    public static func defaultPath(forDatabase databasePath: String) -> String {
        ((databasePath as NSString).deletingPathExtension) + ".key"
    }

    /// Makes a new random key and writes it to `path`, readable by the owner only.
    /// Refuses to replace an existing key file: losing a key loses every identity sealed with it.
    public static func create(at path: String) throws -> SymmetricKey {
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw AccessError.keyFileExists(path: path) }
            throw AccessError.keyFileUnwritable(path: path)
        }
        defer { close(fd) }
        let bytes = Array(text.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else {
            throw AccessError.keyFileUnwritable(path: path)
        }
        return key
    }

    /// Reads the key from `environment["BERDAYA_KEY"]` if set, else from the key file.
    public static func load(path: String, environment: [String: String]) throws -> SymmetricKey {
        if let encoded = environment["BERDAYA_KEY"], !encoded.isEmpty {
            return try decode(encoded, source: "BERDAYA_KEY")
        }
        guard FileManager.default.fileExists(atPath: path) else {
            throw AccessError.keyMissing(path: path)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue, mode & 0o077 != 0 {
            throw AccessError.keyFileTooOpen(path: path, mode: String(mode, radix: 8))
        }
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8)
        else { throw AccessError.keyFileUnreadable(path: path) }
        return try decode(text, source: path)
    }

    /// Where a new key waits, flushed to disk, while a rotation or a restore commits: the
    /// database is changed first, then this file is renamed onto the key file. Whoever opens
    /// the database in between finishes the job (`settlePending`).
    public static func pendingPath(for keyPath: String) -> String {
        keyPath + ".new"
    }

    /// The key as it is written in a key file (and in `BERDAYA_KEY`).
    public static func encoded(_ key: SymmetricKey) -> String {
        key.withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// Writes `key` to `path` whole or not at all (0600, flushed, renamed into place).
    public static func install(_ key: SymmetricKey, at path: String, replacing: Bool) throws {
        try AtomicFile.write(Data((encoded(key) + "\n").utf8), to: path, replacing: replacing)
    }

    /// Writes `key` as the pending key beside `keyPath`, replacing a stale one.
    static func writePending(_ key: SymmetricKey, for keyPath: String) throws {
        try install(key, at: pendingPath(for: keyPath), replacing: true)
    }

    /// Finishes a rotation or restore that was cut short. If a pending key (`NAME.key.new`)
    /// matches the database's key check, it becomes the key file; if the key file already
    /// matches, the pending key was never used (its transaction did not commit) and is removed.
    /// If neither matches, nothing is touched and the caller says so.
    static func settlePending(keyPath: String, keyCheck stored: String) throws {
        let pending = pendingPath(for: keyPath)
        guard FileManager.default.fileExists(atPath: pending) else { return }
        let pendingKey = try? load(path: pending, environment: [:])
        if let pendingKey, IdentityVault(masterKey: pendingKey).keyCheck == stored {
            guard rename(pending, keyPath) == 0 else { throw AccessError.keyFileUnwritable(path: keyPath) }
            AtomicFile.syncFolder(of: keyPath)
            return
        }
        if let current = try? load(path: keyPath, environment: [:]), IdentityVault(masterKey: current).keyCheck == stored {
            unlink(pending)
            AtomicFile.syncFolder(of: keyPath)
            return
        }
        throw AccessError.pendingKeyUnresolved(path: pending)
    }

    private static func decode(_ text: String, source: String) throws -> SymmetricKey {
        guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
              data.count == 32
        else { throw AccessError.keyMalformed(source: source) }
        return SymmetricKey(data: data)
    }
}
