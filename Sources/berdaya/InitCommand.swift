import Foundation
import ArgumentParser
import BerdayaKit

/// `berdaya init`: a new, empty database and its key file.
struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "init",
            abstract: L("Membuat basis data baru dan berkas kuncinya.", "Create a new database and its key file."),
            discussion: L("""
                Berkas kunci (izin 0600) mengenkripsi identitas penyintas. Simpan cadangannya di tempat aman \
                yang terpisah dari basis data: tanpa kunci, identitas tidak bisa dibaca lagi.
                """, """
                The key file (mode 0600) encrypts survivors' identity. Keep a backup of it somewhere safe, \
                apart from the database: without the key, identity cannot be read again.
                """))
    }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runReportingErrors {
            let created = try Setup.createDatabase(at: global.resolvedDatabasePath, keyPath: global.resolvedKeyPath,
                                                   useKeyFromEnvironment: global.environment["BERDAYA_KEY"],
                                                   actor: global.resolvedActor)
            if global.json {
                try BerdayaCLI.printJSON(["database": created.databasePath, "keyFile": created.keyPath ?? "BERDAYA_KEY"])
            } else {
                print(L("Basis data dibuat: ", "Database created: ") + created.databasePath)
                if let keyPath = created.keyPath {
                    print(L("Berkas kunci dibuat: ", "Key file created: ") + keyPath)
                    print(L("Simpan cadangan berkas kunci di tempat aman; tanpa kunci identitas penyintas tidak bisa dibaca.",
                            "Back up the key file somewhere safe; without it survivors' identity cannot be read."))
                    print(L("Cetak lembar pemulihannya untuk brankas: berdaya key export --recovery --out lembar-kunci.txt",
                            "Print its recovery sheet for a safe: berdaya key export --recovery --out key-sheet.txt"))
                } else {
                    print(L("Kunci diambil dari BERDAYA_KEY.", "The key comes from BERDAYA_KEY."))
                }
            }
        }
    }
}
