import Foundation
import GRDB

/// The one SQLite file a program keeps everything in. Owns the connection pool and the one
/// migrator; every service reads and writes through it.
public final class AppDatabase: Sendable {
    /// Marks a file as Berdaya's (`PRAGMA application_id`), so another SQLite file is refused.
    static let applicationID: Int32 = 0x4244_5941 // "BDYA"

    /// The connections. Not public: every caller outside BerdayaKit goes through `read` and
    /// `write`, so no write escapes the one-transaction, audited path.
    let pool: DatabasePool
    public let path: String
    /// Work that rides in this handle's next write transaction (`claiming(_:)`); nil for the
    /// handle `create` and `open` return.
    private let claim: WriteClaim?

    private init(pool: DatabasePool, path: String, claim: WriteClaim? = nil) {
        self.pool = pool
        self.path = path
        self.claim = claim
    }

    /// The same database, whose next write transaction first runs `claim` and commits or rolls
    /// back with it. The web app passes such a handle to a service so that a form's one-time
    /// token is spent only if the booking commits; the services never need to know.
    public func claiming(_ claim: WriteClaim) -> AppDatabase {
        AppDatabase(pool: pool, path: path, claim: claim)
    }

    /// Creates a new database at `path`. Refuses to touch an existing file.
    public static func create(at path: String) throws -> AppDatabase {
        if FileManager.default.fileExists(atPath: path) {
            throw StorageError.alreadyExists(path: path)
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            throw StorageError.folderMissing(path: directory)
        }
        // The file holds people's data: it is made readable by its owner only before SQLite
        // writes a byte, and SQLite gives its -wal and -shm the same mode.
        let fd = Foundation.open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw StorageError.alreadyExists(path: path) }
            throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        Foundation.close(fd)
        let pool: DatabasePool
        do {
            pool = try makePool(path)
            try migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        return AppDatabase(pool: pool, path: path)
    }

    /// Opens an existing database, bringing its schema up to date. Refuses a missing file,
    /// a file that is not Berdaya's, and a database written by a newer version of Berdaya.
    public static func open(at path: String) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StorageError.notFound(path: path)
        }
        // Opening a pool turns the file to WAL and may write to it, so another program's file
        // is refused before SQLite opens it for writing, and keeps every byte and its mode.
        try refuseUnlessBerdaya(path)
        makePrivate(path)
        do {
            let pool = try makePool(path)
            try pool.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard id == applicationID else { throw StorageError.notBerdaya(path: path) }
                if try migrator.hasBeenSuperseded(db) { throw StorageError.newerVersion(path: path) }
            }
            if try pool.read({ try !migrator.hasCompletedMigrations($0) }) {
                try migrator.migrate(pool)
            }
            let database = AppDatabase(pool: pool, path: path)
            // An erasure whose sweep another program blocked is swept now, if it can be.
            if try pool.read({ try Meta.value(for: Meta.unsweptErasure, in: $0) }) != nil {
                try? database.scrubErasedPages()
            }
            return database
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB { throw StorageError.notBerdaya(path: path) }
            throw StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// Copies everything from the WAL into the main file, then closes every connection. GRDB's
    /// readers close last and do not checkpoint, so it is done here. The WAL is left in place,
    /// not truncated: on an empty WAL the next open writes a dummy schema change, and then even
    /// a refused command would change the file's bytes.
    ///
    /// The checkpoint is PASSIVE: it copies what it can without waiting. A FULL checkpoint
    /// blocks every new writer until all readers are done, and with many processes closing
    /// at once that queue made writers wait past their timeout ("database is locked"); and
    /// Litestream (scripts/replicate) holds a read transaction on the file while it replicates,
    /// so a FULL checkpoint waited the whole busy timeout for it at the end of every command
    /// (Litestream checkpoints the WAL itself). With no other process on the file, a passive
    /// checkpoint copies everything all the same.
    public func close() throws {
        do {
            try pool.writeWithoutTransaction { _ = try $0.checkpoint(.passive) }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            // Another process is checkpointing; the pages are copied by it or by a later close.
        }
        try pool.close()
    }

    /// Copies every page from the WAL into the main file and empties the WAL, waiting for
    /// other connections if it must, then closes. For a file about to be moved or copied
    /// without its -wal (the demo moving its freshly built database into place).
    public func closeCheckpointed() throws {
        try wrapped {
            try pool.writeWithoutTransaction { db in
                let result = try db.checkpoint(.truncate)
                guard result.walFrameCount <= 0 || result.checkpointedFrameCount == result.walFrameCount else {
                    throw StorageError.sqlite(path: path, reason: "checkpoint incomplete")
                }
            }
        }
        try pool.close()
    }

    /// Erasure's second half, run right after its transaction commits. `secure_delete` has
    /// already zeroed the freed cells and pages in the pages the transaction wrote, but the
    /// WAL still holds earlier images of those pages with the sealed bytes in them. A TRUNCATE
    /// checkpoint copies the zeroed pages into the main file and cuts the WAL to nothing (the
    /// -shm index holds page numbers only and is reset with it). Then the erasure's mark
    /// (`Meta.unsweptErasure`) is cleared: that write is the WAL's first frame again, so the
    /// next open finds a non-empty WAL and writes no schema change of its own (which would
    /// make the next refused command change the file). If another program keeps the WAL in
    /// use, the mark stays, and the next open sweeps.
    ///
    /// Another program's long read (Litestream replicating, a reader left open) keeps the WAL
    /// pages its snapshot needs. The sweep waits for it at most `sweepPatience`, copying what it
    /// can without waiting, rather than the two minutes a write waits for a lock: the erasure
    /// itself has committed, and an officer's page should not hang on a sweep the next open does.
    public func scrubErasedPages() throws {
        try wrapped {
            try pool.writeWithoutTransaction { db in
                do {
                    let deadline = Date().addingTimeInterval(Self.sweepPatience)
                    while true {
                        let copied = try db.checkpoint(.passive)
                        if copied.walFrameCount <= 0 || copied.checkpointedFrameCount == copied.walFrameCount { break }
                        guard Date() < deadline else { throw StorageError.erasureNotScrubbed(path: path) }
                        usleep(20_000)
                    }
                    _ = try db.checkpoint(.truncate)
                } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
                    throw StorageError.erasureNotScrubbed(path: path)
                }
                try db.inTransaction(.immediate) {
                    try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [Meta.unsweptErasure])
                    return .commit
                }
            }
        }
    }

    /// Tightens a database made by an older Berdaya (or copied with a loose mode) to 0600,
    /// with its -wal and -shm: each holds people's data, sealed or not.
    private static func makePrivate(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] {
            var status = stat()
            if stat(file, &status) == 0, status.st_mode & 0o077 != 0 { chmod(file, 0o600) }
        }
    }

    /// How long a write waits for other processes' writes before it gives up, in seconds.
    static let busyPatience = 120.0

    /// How long an erasure's sweep waits for other programs' readers before it leaves the sweep
    /// to the next open, in seconds.
    static let sweepPatience = 5.0

    /// Waits for another connection's lock in short, random naps. SQLite's own timeout handler
    /// naps longer the longer it has waited (up to 100 ms a try), so among fifty processes the
    /// ones that have waited longest try least often and lose to newcomers until their timeout
    /// runs out: that was the "database is locked" of many command-line writers. Here it is the
    /// other way round: a newcomer naps 1–8 ms, a writer that has waited a quarter of a second
    /// 0.5–2 ms, so the longest waiters try most often and usually come next. The patience is
    /// long because a command that waits is better than one that fails.
    static let busyMode: Database.BusyMode = .callback { tries in
        // The first 50 naps take about 0.225 s, each later one 1.25 ms: the tries measure the wait.
        let waited = tries < 50 ? Double(tries) * 0.0045 : 0.225 + Double(tries - 50) * 0.00125
        guard waited < busyPatience else { return false }
        usleep(tries < 50 ? UInt32.random(in: 1000...8000) : UInt32.random(in: 500...2000))
        return true
    }

    /// Refuses a file that is not Berdaya's, or that a newer Berdaya wrote, before any SQLite
    /// connection that could write opens it: opening a pool turns a file to WAL and writes to
    /// it, and even a read-only connection leaves a -wal and -shm beside a WAL file. The header
    /// (`application_id` at byte 68) answers for another program's file without SQLite. A file
    /// with no WAL content is then read with `immutable=1`, which creates nothing; one with WAL
    /// content already has its -wal and -shm, and is read through a read-only connection.
    static func refuseUnlessBerdaya(_ path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        let header = (try? handle.read(upToCount: 100)) ?? Data()
        try? handle.close()
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\u{0}".utf8) else {
            throw StorageError.notBerdaya(path: path)
        }
        let mark = Int32(bitPattern: header[68..<72].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        // Only a WAL can hold a newer header than the main file's.
        guard mark == applicationID || walSize > 0 else { throw StorageError.notBerdaya(path: path) }
        let (id, superseded): (Int32, Bool)
        do {
            guard let queue = try readOnlyQueue(path, walSize: walSize) else {
                return // SQLite without URI names: the pool's own checks answer
            }
            (id, superseded) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0, try migrator.hasBeenSuperseded(db))
            }
            try queue.close()
        } catch {
            throw StorageError.notBerdaya(path: path)
        }
        guard id == applicationID else { throw StorageError.notBerdaya(path: path) }
        if superseded { throw StorageError.newerVersion(path: path) }
    }

    /// A connection that writes nothing to the file or beside it: `immutable=1` when the WAL
    /// is empty or absent, read-only when it has content (its -wal and -shm exist already).
    private static func readOnlyQueue(_ path: String, walSize: Int) throws -> DatabaseQueue? {
        var readOnly = Configuration()
        readOnly.readonly = true
        readOnly.busyMode = busyMode
        if walSize > 0 { return try DatabaseQueue(path: path, configuration: readOnly) }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let immutable = "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? absolute) + "?immutable=1"
        return try? DatabaseQueue(path: immutable, configuration: readOnly)
    }

    /// Reads a Berdaya database without writing a byte to it or beside it, for a check made
    /// before a refusal (the demo asking whether a file is a demo). Nil when this SQLite
    /// cannot read without writing.
    public static func peek<T>(at path: String, _ read: (Database) throws -> T) throws -> T? {
        try refuseUnlessBerdaya(path)
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        do {
            guard let queue = try readOnlyQueue(path, walSize: walSize) else { return nil }
            defer { try? queue.close() }
            return try queue.read(read)
        } catch let error as DatabaseError {
            throw StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// The pool with its writer at `synchronous = FULL`: a booking confirmed is on disk, also
    /// through a power cut (village offices have them). GRDB sets WAL's usual NORMAL when it opens
    /// the writer, which may lose the last commits when power fails, so it is raised here.
    private static func makePool(_ path: String) throws -> DatabasePool {
        let pool = try DatabasePool(path: path, configuration: configuration())
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        return pool
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = busyMode
        config.journalMode = .wal
        config.prepareDatabase { db in
            // Erased identity must not linger in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
        }
        return config
    }

    /// Work that must commit or roll back with the next write through a `claiming(_:)` handle:
    /// the web app's one-time form token rides in the booking's own transaction. It runs at
    /// most once, however many writes the handle makes.
    public final class WriteClaim: @unchecked Sendable {
        private let lock = NSLock()
        private var taken = false
        private var failure: (any Error)?
        private let work: (Database) throws -> Void

        /// `work` runs inside the next write's transaction, so it commits or rolls back with it.
        public init(_ work: @escaping (Database) throws -> Void) { self.work = work }

        /// Why the claim itself refused the write, if it did (not the booking's own refusals).
        public var refusal: (any Error)? { lock.withLock { failure } }

        func take() -> Bool { lock.withLock { defer { taken = true }; return !taken } }

        func run(_ db: Database) throws {
            do { try work(db) } catch {
                lock.withLock { failure = error }
                throw error
            }
        }
    }

    /// Runs `work` in one immediate write transaction: it lands whole or not at all, and two
    /// writers never interleave their checks and writes.
    public func write<T>(_ work: (Database) throws -> T) throws -> T {
        try wrapped { try pool.writeWithoutTransaction { db in
            var result: T?
            try db.inTransaction(.immediate) {
                if let claim, claim.take() { try claim.run(db) }
                result = try work(db)
                return .commit
            }
            return result!
        } }
    }

    /// Reads from a consistent snapshot.
    public func read<T>(_ work: (Database) throws -> T) throws -> T {
        try wrapped { try pool.read(work) }
    }

    /// A user-facing error passes through; a raw SQLite error is wrapped so the user never
    /// sees it bare.
    private func wrapped<T>(_ work: () throws -> T) throws -> T {
        do {
            return try work()
        } catch let error as any UserFacingError {
            throw error
        } catch let error as DatabaseError {
            throw StorageError.sqlite(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
