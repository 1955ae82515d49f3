import BerdayaDemo
import BerdayaKit
import Foundation

/// The demo database, built once per test process for each seed and scale, and copied into
/// each test's own folder: building it takes seconds, copying it a few milliseconds.
///
/// A copy is byte for byte what `DemoBuilder.build` leaves: the database file and, when the
/// closed database kept them (it opens once in place, as `init` does, so the first command after
/// it writes no WAL of its own), its `-wal` and `-shm` beside it. Tests of the
/// builder itself (the same seed gives the same data, scale) still build with `DemoBuilder`.
public enum DemoCache {
    /// Copies the demo of `seed` and `scale` (actor "demo") to `databasePath` and `keyPath`,
    /// building it first if this process has not yet. Returns the builder's summary with the
    /// copy's paths.
    @discardableResult
    public static func copy(seed: UInt64, scale: Int = 1, to databasePath: String, keyPath: String) throws -> DemoBuilder.Summary {
        let built = try store.built(Key(seed: seed, scale: scale))
        guard FileManager.default.createFile(atPath: databasePath, contents: built.database,
                                             attributes: [.posixPermissions: built.databaseMode]),
              FileManager.default.createFile(atPath: keyPath, contents: built.key, attributes: [.posixPermissions: built.keyMode])
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: databasePath]) }
        for (suffix, contents) in built.companions {
            guard FileManager.default.createFile(atPath: databasePath + suffix, contents: contents,
                                                 attributes: [.posixPermissions: built.databaseMode])
            else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: databasePath + suffix]) }
        }
        var summary = built.summary
        summary.databasePath = databasePath
        summary.keyPath = keyPath
        return summary
    }

    /// Copies the demo into `folder` as demo.sqlite and demo.key.
    @discardableResult
    public static func copy(seed: UInt64, scale: Int = 1, into folder: TemporaryFolder) throws -> DemoBuilder.Summary {
        try copy(seed: seed, scale: scale, to: folder.file("demo.sqlite"), keyPath: folder.file("demo.key"))
    }

    struct Key: Hashable {
        var seed: UInt64
        var scale: Int
    }

    struct Built: Sendable {
        var database: Data
        var databaseMode: Int
        /// The closed database's `-wal` and `-shm`, when it kept them.
        var companions: [String: Data]
        var key: Data
        var keyMode: Int
        var summary: DemoBuilder.Summary
    }

    /// One entry per seed and scale; each has its own lock, so different demos build side by
    /// side and a second test asking for the same demo waits for the first build.
    final class Entry: @unchecked Sendable {
        let lock = NSLock()
        var built: Built?
    }

    final class Store: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [Key: Entry] = [:]

        func built(_ key: Key) throws -> Built {
            let entry = lock.withLock {
                if let entry = entries[key] { return entry }
                let entry = Entry()
                entries[key] = entry
                return entry
            }
            entry.lock.lock()
            defer { entry.lock.unlock() }
            if let built = entry.built { return built }
            let built = try withTemporaryFolder("demo-cache") { folder in
                let path = folder.file("demo.sqlite"), keyPath = folder.file("demo.key")
                let summary = try DemoBuilder.build(at: path, keyPath: keyPath, seed: key.seed, scale: key.scale, actor: "demo")
                // The database is closed; its WAL (if kept) may hold pages the main file lacks,
                // so it is copied with it.
                var companions: [String: Data] = [:]
                for suffix in ["-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                    companions[suffix] = try Data(contentsOf: URL(fileURLWithPath: path + suffix))
                }
                func mode(_ file: String) throws -> Int {
                    (try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? NSNumber)?.intValue ?? 0o600
                }
                return Built(database: try Data(contentsOf: URL(fileURLWithPath: path)), databaseMode: try mode(path),
                             companions: companions, key: try Data(contentsOf: URL(fileURLWithPath: keyPath)), keyMode: try mode(keyPath), summary: summary)
            }
            entry.built = built
            return built
        }
    }

    static let store = Store()
}
