import ArgumentParser
import BerdayaKit
import Foundation

/// `berdaya backup FILE`: the whole database, consistent while others write, sealed with a passphrase.
struct BackupCommand: BerdayaCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "backup",
            abstract: L("Mencadangkan seluruh basis data ke satu berkas terenkripsi.",
                        "Back up the whole database into one encrypted file."),
            discussion: L("""
                Cadangan diambil dengan backup daring SQLite dari satu potret yang konsisten, juga saat \
                `berdaya serve` dan perintah lain sedang menulis, lalu dienkripsi dengan frasa sandi (scrypt dan \
                AES-GCM) menjadi satu berkas (izin 0600). Berkas ditulis utuh atau tidak sama sekali. Frasa sandi \
                ditanyakan di terminal tanpa ditampilkan, atau dibaca dari --passphrase-file; paling sedikit \
                \(SealedFile.minimumPassphraseLength) karakter.
                Tanpa --with-key, kunci identitas TIDAK ikut: untuk membaca identitas setelah dipulihkan, Anda \
                butuh berkas kuncinya (simpan terpisah, atau lembar pemulihan dari `berdaya key export --recovery`). \
                Dengan --with-key, siapa pun yang tahu frasa sandinya dapat membaca identitas: jaga cadangan itu \
                seperti kuncinya sendiri.
                Setelah `berdaya key rotate`, cadangan lama hanya terbaca dengan kunci lama.
                Contoh: berdaya backup /media/usb/berdaya-2026-11-29.bak
                """, """
                The backup is taken with SQLite's online backup from one consistent snapshot, even while \
                `berdaya serve` and other commands are writing, then encrypted with a passphrase (scrypt and \
                AES-GCM) into one file (mode 0600). The file is written whole or not at all. The passphrase is \
                asked at the terminal without echo, or read from --passphrase-file; at least \
                \(SealedFile.minimumPassphraseLength) characters.
                Without --with-key the identity key is NOT inside: to read identities after a restore you need \
                its key file (kept apart, or the recovery sheet from `berdaya key export --recovery`). With \
                --with-key anyone who knows the passphrase can read identities: keep that backup as safe as the \
                key itself.
                After `berdaya key rotate`, old backups can only be read with the old key.
                Example: berdaya backup /media/usb/berdaya-2026-11-29.bak
                """))
    }

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp(L("Berkas cadangan yang ditulis.", "The backup file to write."), valueName: "file"))
    var file: String
    @Flag(help: ArgumentHelp(L("Sertakan kunci identitas di dalam cadangan (bawaan: tidak).",
                               "Put the identity key inside the backup (default: not)."))) var withKey = false
    @Flag(help: ArgumentHelp(L("Ganti berkas cadangan yang sudah ada.", "Replace an existing backup file."))) var force = false
    @OptionGroup var passphrase: PassphraseOptions

    func execute(_ context: CommandContext) throws {
        try AtomicFile.refuseOwnFiles(file, database: global.resolvedDatabasePath, keyPath: global.resolvedKeyPath)
        if !force, FileManager.default.fileExists(atPath: file) { throw BackupError.fileExists(path: file) }
        if withKey { _ = try context.workspace.vault() }
        let secret = try passphrase.read(confirm: true)
        let summary = try Backup.write(of: context.workspace, to: file, passphrase: secret,
                                       withKeyFrom: withKey ? global.resolvedKeyPath : nil,
                                       environment: global.environment, replacing: force,
                                       cost: SealingCost.forThisRun(global.environment))
        if context.json {
            return try context.printJSON(["file": summary.path, "bytes": "\(summary.bytes)", "withKey": "\(summary.withKey)",
                                          "created": summary.created])
        }
        context.say(L("Cadangan ditulis: ", "Backup written: ") + summary.path + " (\(summary.bytes) " + L("bita", "bytes") + ")")
        context.say(summary.withKey
            ? L("Kunci identitas ada di dalamnya: jaga berkas dan frasa sandinya seperti kunci itu sendiri.",
                "The identity key is inside: keep the file and its passphrase as safe as the key itself.")
            : L("Kunci identitas tidak ada di dalamnya: simpan berkas kunci atau lembar pemulihannya di tempat lain.",
                "The identity key is not inside: keep the key file or its recovery sheet somewhere else."))
    }
}
