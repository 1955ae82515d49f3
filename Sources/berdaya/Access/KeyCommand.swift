import ArgumentParser
import BerdayaKit
import Foundation

/// `berdaya key ...`: the identity key's recovery sheet, its import, and its rotation.
struct KeyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "key",
            abstract: L("Kunci identitas: lembar pemulihan, impor, rotasi.",
                        "The identity key: recovery sheet, import, rotation."),
            discussion: L("""
                Kunci mengenkripsi identitas penyintas dan catatan kunjungan. Simpan berkas kunci JAUH dari basis \
                data (--key-file atau BERDAYA_KEY), salinannya di media kedua, dan lembar pemulihannya di kertas, \
                di brankas.
                """, """
                The key encrypts survivors' identity and visit notes. Keep the key file AWAY from the database \
                (--key-file or BERDAYA_KEY), a copy on a second medium, and its recovery sheet on paper, in a safe.
                """),
            subcommands: [Export.self, Import.self, Rotate.self])
    }

    struct Export: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mencetak lembar pemulihan kunci (kunci dikunci frasa sandi).",
                            "Print the key's recovery sheet (the key locked with a passphrase)."),
                discussion: L("""
                    Lembar teks untuk dicetak: kunci dienkripsi dengan frasa sandi (scrypt dan AES-GCM), ditulis \
                    sebagai baris pendek bernomor dengan dua huruf periksa, dan nilai periksa untuk seluruhnya, \
                    beserta nama basis data, tanggal dan petunjuk. Frasa sandi (paling sedikit \
                    \(SealedFile.minimumPassphraseLength) karakter) ditanyakan dua kali tanpa ditampilkan, atau dibaca \
                    dari --passphrase-file. Tanpa --out lembar dicetak ke keluaran standar.
                    Contoh: berdaya key export --recovery --out kunci-berdaya.txt
                    """, """
                    A text sheet to print: the key encrypted with a passphrase (scrypt and AES-GCM), written as \
                    short numbered lines with two check letters each, and a check value for the whole, with the \
                    database's name, the date and instructions. The passphrase (at least \
                    \(SealedFile.minimumPassphraseLength) characters) is asked twice without echo, or read from \
                    --passphrase-file. Without --out the sheet goes to standard output.
                    Example: berdaya key export --recovery --out berdaya-key.txt
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Flag(help: ArgumentHelp(L("Buat lembar pemulihan (wajib: kunci hanya diekspor dalam bentuk ini).",
                                   "Make a recovery sheet (required: the key is only exported in this form)."))) var recovery = false
        @Option(help: ArgumentHelp(L("Tulis lembar ke berkas ini (izin 0600) alih-alih ke keluaran standar.",
                                     "Write the sheet to this file (mode 0600) instead of standard output."), valueName: "path"))
        var out: String?
        @Flag(help: ArgumentHelp(L("Ganti berkas --out yang sudah ada.", "Replace an existing --out file."))) var force = false
        @OptionGroup var passphrase: PassphraseOptions

        func validate() throws {
            if !recovery {
                throw ValidationError(L("Beri --recovery: kunci hanya diekspor sebagai lembar pemulihan yang dikunci frasa sandi.",
                                        "Give --recovery: the key is only exported as a recovery sheet locked with a passphrase."))
            }
        }

        func execute(_ context: CommandContext) throws {
            _ = try context.workspace.vault()
            if let out { try AtomicFile.refuseOwnFiles(out, database: global.resolvedDatabasePath, keyPath: global.resolvedKeyPath) }
            if let out, !force, FileManager.default.fileExists(atPath: out) { throw BackupError.fileExists(path: out) }
            let secret = try passphrase.read(confirm: true)
            let sheet = try RecoverySheet.export(context.workspace, keyPath: global.resolvedKeyPath,
                                                 environment: global.environment, passphrase: secret, language: context.language,
                                                 cost: SealingCost.forThisRun(global.environment))
            if let out {
                try AtomicFile.write(Data(sheet.utf8), to: out, replacing: force)
                context.say(L("Lembar pemulihan ditulis: ", "Recovery sheet written: ") + out)
                context.say(L("Cetak, simpan di brankas, lalu hapus berkasnya dari komputer.",
                              "Print it, keep it in a safe, then delete the file from the computer."))
            } else {
                print(sheet, terminator: "")
            }
        }
    }

    struct Import: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "import",
                abstract: L("Memulihkan berkas kunci dari lembar pemulihan.", "Restore the key file from a recovery sheet."),
                discussion: L("""
                    Ketik baris-baris lembar (di antara BEGIN dan END, dengan nomor dan huruf periksanya) ke sebuah \
                    berkas teks. Kunci hanya dipasang bila cocok dengan basis data (--db), dan berkas kunci yang ada \
                    hanya diganti dengan --force.
                    Contoh: berdaya key import kunci-diketik.txt
                    """, """
                    Type the sheet's lines (between BEGIN and END, with their numbers and check letters) into a \
                    text file. The key is installed only if it matches the database (--db), and an existing key \
                    file is replaced only with --force.
                    Example: berdaya key import typed-key.txt
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Berkas teks lembar pemulihan.", "The recovery sheet's text file."), valueName: "file"))
        var file: String
        @Flag(help: ArgumentHelp(L("Ganti berkas kunci yang sudah ada.", "Replace an existing key file."))) var force = false
        @OptionGroup var passphrase: PassphraseOptions

        func run() throws {
            try runReportingErrors {
                let keyPath = global.resolvedKeyPath
                if !force, FileManager.default.fileExists(atPath: keyPath) { throw BackupError.fileExists(path: keyPath) }
                guard let data = FileManager.default.contents(atPath: file) else { throw BackupError.notReadable(path: file) }
                let text = String(decoding: data, as: UTF8.self)
                _ = try RecoverySheet.read(text)
                let database = try AppDatabase.open(at: global.resolvedDatabasePath)
                defer { try? database.close() }
                let secret = try passphrase.read(confirm: false)
                let check = try RecoverySheet.restoreKey(from: text, passphrase: secret, database: database, keyPath: keyPath,
                                                         force: force, actor: global.resolvedActor)
                if global.json { return try BerdayaCLI.printJSON(["keyFile": keyPath, "check": check]) }
                print(L("Berkas kunci dipulihkan: ", "Key file restored: ") + keyPath)
                print(L("Nilai periksa: ", "Check value: ") + check)
            }
        }
    }

    struct Rotate: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mengganti kunci identitas dengan kunci baru.", "Replace the identity key with a new one."),
                discussion: L("""
                    Semua identitas dan catatan kunjungan dienkripsi ulang, indeks pencarian NIK dan nama dihitung \
                    ulang, dan nilai periksa kunci diganti, dalam satu transaksi; sesudahnya kunci lama ditolak. Kode \
                    penyintas untuk pemberi dana tetap sama. Hentikan `berdaya serve` dulu. Kunci baru ditulis ke \
                    NAMA.key.new lalu menggantikan NAMA.key; bila terputus, perintah berikutnya menyelesaikannya.
                    Cadangan dan lembar pemulihan lama hanya terbaca dengan kunci lama: simpan kunci lama bersama \
                    cadangan lama bila masih dibutuhkan, lalu buat cadangan dan lembar pemulihan baru.
                    """, """
                    Every identity and visit note is re-encrypted, the NIK and name lookup indexes recomputed, and \
                    the key check replaced, in one transaction; afterwards the old key is refused. Survivors' codes \
                    for funders stay the same. Stop `berdaya serve` first. The new key is written to NAME.key.new and \
                    then replaces NAME.key; if cut short, the next command finishes it.
                    Old backups and recovery sheets can only be read with the old key: keep the old key with the old \
                    backups if they are still needed, then make a new backup and recovery sheet.
                    """))
        }

        @OptionGroup var global: GlobalOptions

        func execute(_ context: CommandContext) throws {
            if !(global.environment["BERDAYA_KEY"] ?? "").isEmpty { throw BackupError.keyFromEnvironment }
            let summary = try KeyRotation.rotate(context.workspace, keyPath: global.resolvedKeyPath)
            if context.json {
                return try context.printJSON(["keyFile": summary.keyPath, "identities": "\(summary.identities)",
                                              "notes": "\(summary.notes)"])
            }
            context.say(L("Kunci baru dipasang: ", "New key installed: ") + summary.keyPath)
            context.say(L("Dienkripsi ulang: \(summary.identities) identitas, \(summary.notes) catatan kunjungan.",
                          "Re-encrypted: \(summary.identities) identities, \(summary.notes) visit notes."))
            context.say(L("Buat cadangan dan lembar pemulihan baru sekarang (`berdaya backup`, `berdaya key export --recovery`); yang lama butuh kunci lama.",
                          "Make a new backup and recovery sheet now (`berdaya backup`, `berdaya key export --recovery`); the old ones need the old key."))
        }
    }
}
