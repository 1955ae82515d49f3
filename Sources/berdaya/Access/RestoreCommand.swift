import ArgumentParser
import BerdayaKit
import Foundation

/// `berdaya restore FILE`: a backup back into place, checked whole before anything is replaced.
struct RestoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "restore",
            abstract: L("Memulihkan basis data dari berkas cadangan.", "Restore the database from a backup file."),
            discussion: L("""
                Sebelum mengganti apa pun, Berdaya membuka cadangan dengan frasa sandinya, menjalankan \
                PRAGMA integrity_check, memastikan isinya basis data Berdaya, dan bahwa kuncinya (di dalam cadangan, \
                atau berkas kunci / BERDAYA_KEY yang dipakai) cocok dengan basis data itu. Basis data yang ada hanya \
                diganti dengan --force, dan hanya bila tidak ada program lain (mis. `berdaya serve`) yang memakainya; \
                penggantiannya atomik. Bila cadangan membawa kunci dan belum ada berkas kunci, kunci itu dipasang; \
                kunci lain yang sudah ada tidak pernah ditimpa.
                Cadangan dari sebelum `berdaya key rotate` butuh kunci lama.
                Contoh: berdaya restore /media/usb/berdaya-2026-11-29.bak --db berdaya.sqlite
                """, """
                Before replacing anything, Berdaya opens the backup with its passphrase, runs PRAGMA \
                integrity_check, makes sure it holds a Berdaya database, and that its key (inside the backup, or \
                the key file / BERDAYA_KEY in use) matches that database. An existing database is replaced only \
                with --force, and only when no other program (e.g. `berdaya serve`) is using it; the replacement \
                is atomic. When the backup carries a key and there is no key file yet, that key is installed; a \
                different existing key is never overwritten.
                Backups from before `berdaya key rotate` need the old key.
                Example: berdaya restore /media/usb/berdaya-2026-11-29.bak --db berdaya.sqlite
                """))
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("Berkas cadangan.", "The backup file."), valueName: "file"))
    var file: String
    @Flag(help: ArgumentHelp(L("Ganti basis data yang sudah ada.", "Replace an existing database."))) var force = false
    @OptionGroup var passphrase: PassphraseOptions

    func run() throws {
        try runReportingErrors {
            let target = global.resolvedDatabasePath
            if !force, FileManager.default.fileExists(atPath: target) { throw BackupError.databaseExists(path: target) }
            guard FileManager.default.isReadableFile(atPath: file) else { throw BackupError.notReadable(path: file) }
            let secret = try passphrase.read(confirm: false)
            let restored = try Backup.restore(from: file, to: target, keyPath: global.resolvedKeyPath,
                                              environment: global.environment, passphrase: secret, force: force,
                                              actor: global.resolvedActor)
            if global.json {
                return try BerdayaCLI.printJSON(["database": restored.databasePath, "backupCreated": restored.created,
                                                 "installedKey": restored.installedKey ?? ""])
            }
            print(L("Basis data dipulihkan: ", "Database restored: ") + restored.databasePath
                  + L(" (cadangan dari ", " (backup of ") + restored.created + ")")
            if let key = restored.installedKey {
                print(L("Kunci dari cadangan dipasang: ", "The backup's key was installed: ") + key)
            }
        }
    }
}
