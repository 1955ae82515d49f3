import Foundation

/// A new, empty folder under the system's temporary folder (`TMPDIR`), removed with everything
/// in it when the last reference to it goes. A test keeps it (directly or in a fixture that
/// holds it) for as long as it uses the files inside, and leaves nothing behind in /tmp. A
/// folder that lives as long as the process (held by a `static`) is removed when it exits.
public final class TemporaryFolder: Sendable {
    public let path: String

    /// Creates `berdaya-<label>-<UUID>` in the temporary folder.
    public init(_ label: String = "test") throws {
        path = URL(fileURLWithPath: NSTemporaryDirectory(), isDirectory: true)
            .appendingPathComponent("berdaya-\(label)-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        Live.shared.insert(path)
    }

    /// The path of `name` inside the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    deinit {
        Live.shared.remove(path)
        Self.remove(path)
    }

    static func remove(_ path: String) {
        // A test may have taken permissions away from something inside; give them back so
        // everything can be removed.
        if let walker = FileManager.default.enumerator(atPath: path) {
            for case let name as String in walker { chmod(path + "/" + name, 0o700) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The folders not yet removed, removed when the process exits.
    final class Live: @unchecked Sendable {
        static let shared: Live = {
            atexit { for path in Live.shared.lock.withLock({ Live.shared.paths }) { TemporaryFolder.remove(path) } }
            return Live()
        }()
        private let lock = NSLock()
        private var paths: Set<String> = []
        func insert(_ path: String) { _ = lock.withLock { paths.insert(path) } }
        func remove(_ path: String) { _ = lock.withLock { paths.remove(path) } }
    }
}

/// Runs `body` with a new temporary folder and removes the folder when `body` returns or throws.
public func withTemporaryFolder<T>(_ label: String = "test", _ body: (TemporaryFolder) throws -> T) throws -> T {
    let folder = try TemporaryFolder(label)
    return try withExtendedLifetime(folder) { try body(folder) }
}

/// The same for an asynchronous `body`.
public func withTemporaryFolder<T>(_ label: String = "test", _ body: (TemporaryFolder) async throws -> T) async throws -> T {
    let folder = try TemporaryFolder(label)
    defer { withExtendedLifetime(folder) {} }
    return try await body(folder)
}
