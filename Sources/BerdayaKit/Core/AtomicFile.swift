import Foundation

/// Writing a whole file so that a kill at any moment leaves either the old file (or none) or
/// the whole new one under its name, never half of one: the bytes go to a temporary file
/// beside the target, owner-only, are flushed to disk, and are then renamed over it; the
/// folder is flushed too, so the rename itself survives a power cut.
public enum AtomicFile {
    /// The temporary name a write by this process uses beside `path`. Leftovers of killed
    /// writers carry the same shape with another process id (`removeLeftovers`).
    static func temporaryPath(for path: String) -> String {
        path + ".partial-\(getpid())"
    }

    /// Writes `data` to `path` (mode 0600). With `replacing: false` an existing file is
    /// refused (`StorageError.alreadyExists`); the check is repeated at the rename.
    public static func write(_ data: Data, to path: String, replacing: Bool) throws {
        let temporary = try writeTemporary(data, beside: path)
        do {
            try commit(temporary, to: path, replacing: replacing)
        } catch {
            unlink(temporary)
            throw error
        }
    }

    /// Writes and flushes the temporary file; the caller renames it with `commit`.
    static func writeTemporary(_ data: Data, beside path: String) throws -> String {
        removeLeftovers(of: path)
        let temporary = temporaryPath(for: path)
        unlink(temporary)
        let fd = Foundation.open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw BackupError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { ok = false; return }
                offset += written
            }
        }
        let reason = String(cString: strerror(errno))
        if ok, fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok else {
            unlink(temporary)
            throw BackupError.cannotWrite(path: path, reason: reason)
        }
        return temporary
    }

    /// Renames a flushed temporary file onto `path`, then flushes the folder.
    static func commit(_ temporary: String, to path: String, replacing: Bool) throws {
        if replacing {
            guard rename(temporary, path) == 0 else {
                throw BackupError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        } else {
            // link() fails if the name is taken, so two writers never replace each other's file.
            if link(temporary, path) == 0 {
                unlink(temporary)
            } else if errno == EEXIST {
                throw BackupError.fileExists(path: path)
            } else {
                // A file system without hard links (FAT on a USB stick): check, then rename.
                if FileManager.default.fileExists(atPath: path) { throw BackupError.fileExists(path: path) }
                guard rename(temporary, path) == 0 else {
                    throw BackupError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                }
            }
        }
        syncFolder(of: path)
    }

    /// Refuses a target that is one of `own` (a database, its -wal or -shm, its key): `--force`
    /// must never let a backup or a sheet overwrite what it is a copy of.
    public static func refuseOwnFiles(_ target: String, database: String, keyPath: String) throws {
        func canonical(_ path: String) -> String {
            URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        let own = [database, database + "-wal", database + "-shm", keyPath, KeyFile.pendingPath(for: keyPath)].map(canonical)
        if own.contains(canonical(target)) { throw BackupError.wouldReplaceOwnFile(path: target) }
    }

    /// Flushes the folder holding `path`, so a rename or an unlink in it reaches the disk.
    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let fd = Foundation.open(folder.isEmpty ? "." : folder, O_RDONLY)
        guard fd >= 0 else { return }
        fsync(fd)
        close(fd)
    }

    /// Removes temporary files beside `path` left by writers that were killed (their process
    /// is gone); a running writer's file is left alone.
    static func removeLeftovers(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + ".partial-"
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH {
                unlink(folder.isEmpty ? name : folder + "/" + name)
            }
        }
    }
}
