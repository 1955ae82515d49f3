import Foundation

/// Notices that the database file the app opened is no longer the file at its path: deleted,
/// or replaced (a restore, a copy over it, a `mv`). SQLite keeps writing to the file it has
/// open, so without this every booking after that would be confirmed and then lost at the
/// next start. The file's device and inode are taken when the app starts; each request costs
/// one `stat` of the path. The open file keeps its inode allocated, so a new file at the path
/// cannot be given the same number.
public struct DatabaseFileWatch: Sendable {
    public let path: String
    private let device: UInt64
    private let inode: UInt64

    /// Remembers the device and inode of the file at `path` as the server opened it.
    public init(path: String) {
        self.path = path
        let found = Self.identity(of: path)
        device = found?.device ?? 0
        inode = found?.inode ?? 0
    }

    /// Whether the path still names the file that was opened.
    public var isSameFile: Bool {
        guard let now = Self.identity(of: path) else { return false }
        return now.device == device && now.inode == inode && inode != 0
    }

    private static func identity(of path: String) -> (device: UInt64, inode: UInt64)? {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        return (UInt64(status.st_dev), UInt64(status.st_ino))
    }
}
