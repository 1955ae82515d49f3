import BerdayaKit
import BerdayaTestSupport
import Foundation
import GRDB
import Testing

/// `berdaya backup`, `restore` and `key`, run as a user would, and killed as a power cut would.
@Suite struct BackupCommandTests {
    static let passphrase = "correct horse battery staple"

    /// SplitMix64: the same delays on every run.
    struct Delays {
        var state: UInt64
        mutating func next(below limit: UInt64) -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return (z ^ (z >> 31)) % limit
        }
    }

    /// Starts the command, kills it with SIGKILL after `microseconds`, and waits for it.
    /// Returns whether it had already finished on its own.
    @discardableResult
    func runKilled(_ cli: CLI, _ arguments: [String], after microseconds: UInt64) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.environment = cli.environment()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        usleep(UInt32(microseconds))
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return finished
    }

    func passphraseFile(_ cli: CLI) throws -> String {
        let path = cli.folder + "/pass"
        FileManager.default.createFile(atPath: path, contents: Data((Self.passphrase + "\n").utf8),
                                       attributes: [.posixPermissions: 0o600])
        return path
    }

    /// The database opens as Berdaya's, SQLite finds nothing wrong, its identity opens with its key, and `berdaya check` passes.
    func expectWhole(_ cli: CLI, db: String = "berdaya.sqlite", key: String = "berdaya.key", survivors: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let database = try AppDatabase.open(at: cli.folder + "/" + db)
        defer { try? database.close() }
        try database.read { db in
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"], sourceLocation: sourceLocation)
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM survivor") ?? -1
            #expect(survivors.contains(count), "\(count) survivors", sourceLocation: sourceLocation)
        }
        let shown = try cli.run(["survivor", "show", "KBM-0001", "--identity", "--db", db, "--key-file", key, "--as", "tester"])
        #expect(shown.status == 0 && shown.out.contains("Siti Aminah"), "\(shown.err)", sourceLocation: sourceLocation)
        // And every check Berdaya keeps passes: schema and triggers, ledger rules, audit coverage, both hash chains, the key.
        let checked = try cli.run(["check", "--db", db, "--key-file", key, "--lang", "en"])
        #expect(checked.status == 0 && checked.out.contains("Every check passed"), "\(checked.out)\(checked.err)", sourceLocation: sourceLocation)
    }

    @Test func backupAndRestoreRoundTripAndRefuseWithClearMessages() throws {
        let cli = try CLI(sealsAtStandardCost: true)
        try cli.prepared()
        let pass = try passphraseFile(cli)
        let made = try cli.run(["backup", "copy.bak", "--passphrase-file", pass, "--as", "admin", "--lang", "en"])
        #expect(made.status == 0, "\(made.err)")
        #expect(made.out.contains("The identity key is not inside"))

        let overwrite = try cli.run(["backup", "copy.bak", "--passphrase-file", pass, "--lang", "en"])
        #expect(overwrite.status == 1 && overwrite.err.contains("--force"))

        let before = cli.bytes("berdaya.sqlite")
        let key = cli.bytes("berdaya.key")
        for own in ["berdaya.sqlite", "./berdaya.key", "berdaya.sqlite-wal"] {
            let ontoItself = try cli.run(["backup", own, "--force", "--passphrase-file", pass, "--lang", "en"])
            #expect(ontoItself.status == 1 && ontoItself.err.contains("will not write over it"), "\(own): \(ontoItself.err)")
        }
        let sheetOverKey = try cli.run(["key", "export", "--recovery", "--out", "berdaya.key", "--force", "--passphrase-file", pass])
        #expect(sheetOverKey.status == 1)
        #expect(cli.bytes("berdaya.sqlite") == before && cli.bytes("berdaya.key") == key)
        let refused = try cli.run(["restore", "copy.bak", "--passphrase-file", pass])
        #expect(refused.status == 1)
        #expect(refused.err.contains("--force") && refused.err.contains("sudah ada"))
        #expect(cli.bytes("berdaya.sqlite") == before)

        FileManager.default.createFile(atPath: cli.folder + "/short", contents: Data("short\n".utf8))
        let short = try cli.run(["backup", "b.bak", "--passphrase-file", cli.folder + "/short", "--lang", "en"])
        #expect(short.status == 1 && short.err.contains("at least 12 characters"))
        #expect(cli.bytes("b.bak") == nil)

        let piped = try cli.run(["backup", "piped.bak", "--passphrase-file", "-", "--as", "admin"], input: Self.passphrase + "\n")
        #expect(piped.status == 0, "\(piped.err)")
        let fromPipe = try cli.run(["restore", "piped.bak", "--passphrase-file", pass, "--db", "piped.sqlite", "--key-file", "berdaya.key"])
        #expect(fromPipe.status == 0, "\(fromPipe.err)")

        let noTerminal = try cli.run(["backup", "b.bak", "--lang", "en"])
        #expect(noTerminal.status == 1 && noTerminal.err.contains("--passphrase-file"))

        let restored = try cli.run(["restore", "copy.bak", "--passphrase-file", pass, "--db", "again.sqlite",
                                    "--key-file", "berdaya.key", "--as", "admin"])
        #expect(restored.status == 0, "\(restored.err)")
        try expectWhole(cli, db: "again.sqlite", survivors: [1])
    }

    @Test func helpSaysWhatABackupHoldsInBothLanguages() throws {
        let cli = try CLI()
        let id = try cli.run(["backup", "--help"])
        #expect(id.out.contains("--with-key") && id.out.contains("kunci identitas TIDAK ikut") && id.out.contains("kunci lama"))
        let en = try cli.run(["backup", "--help", "--lang", "en"])
        #expect(en.out.contains("the identity key is NOT inside") && en.out.contains("old key"))
        let rotate = try cli.run(["key", "rotate", "--help", "--lang", "en"])
        #expect(rotate.out.contains("Old backups and recovery sheets can only be read with the old key"))
    }

    /// Kills `berdaya backup` at random moments (a fixed seed): the database always opens whole,
    /// and the backup is either absent or whole, never half a file under its name.
    @Test func aBackupKilledAtAnyMomentLeavesNoHalfFile() throws {
        let cli = try CLI()
        try cli.prepared()
        let pass = try passphraseFile(cli)
        // One whole run first: its length sets the range the kills are drawn from, so they
        // land in every phase (opening, the snapshot, scrypt, the write and the rename).
        let start = Date()
        #expect(try cli.run(["backup", "first.bak", "--passphrase-file", pass, "--as", "admin"]).status == 0)
        var span = UInt64(Date().timeIntervalSince(start) * 1_200_000)
        var delays = Delays(state: 16)
        var finished = 0, killed = 0, rounds = 0
        // Eight rounds in a thorough run, three otherwise; more (up to 24) while no kill has
        // landed. A run that finished on its own halves the range: the timed run may have been
        // slowed by the rest of the suite.
        while rounds < TestDepth.rounds(thorough: 8, quick: 3) || (killed == 0 && rounds < 24) {
            let round = rounds
            rounds += 1
            let name = "kill\(round).bak"
            let done = try runKilled(cli, ["backup", name, "--passphrase-file", pass, "--as", "admin"],
                                     after: 20_000 + delays.next(below: span))
            if done { finished += 1; span = max(span / 2, 100_000) } else { killed += 1 }
            if let bytes = cli.bytes(name) {
                #expect(throws: Never.self, "round \(round)") { try SealedFile.verify(bytes, kind: .backup) }
            }
            try expectWhole(cli, survivors: [1])
        }
        #expect(killed > 0, "no run was killed (\(finished) finished): the delays are too long")
        // The last whole backup restores.
        let whole = (0..<rounds).map { "kill\($0).bak" }.last { cli.bytes($0) != nil } ?? "first.bak"
        let restored = try cli.run(["restore", whole, "--passphrase-file", pass, "--db", "whole.sqlite", "--key-file", "berdaya.key"])
        #expect(restored.status == 0, "\(restored.err)")
        try expectWhole(cli, db: "whole.sqlite", survivors: [1])
    }

    /// Kills `berdaya restore --force` at random moments while it replaces a database of one
    /// survivor with a backup of two: the database always opens whole, as one or the other.
    @Test func aRestoreKilledAtAnyMomentLeavesOneWholeDatabase() throws {
        let cli = try CLI()
        try cli.prepared()
        let pass = try passphraseFile(cli)
        #expect(try cli.run(["backup", "one.bak", "--passphrase-file", pass, "--as", "admin"]).status == 0)
        let second = try cli.run(["survivor", "register", "--site", "KBM", "--identity-file", "-", "--sex", "perempuan",
                                  "--birth-year", "1990", "--consent-date", "2025-06-02", "--exploitation", "forced_labour",
                                  "--baseline-income", "900.000", "--as", "admin"], input: #"{"name": "Sri Wahyuni"}"#)
        #expect(second.status == 0, "\(second.err)")
        #expect(try cli.run(["backup", "two.bak", "--passphrase-file", pass, "--as", "admin"]).status == 0)
        let start = Date()
        let first = try cli.run(["restore", "one.bak", "--force", "--passphrase-file", pass, "--as", "admin"])
        #expect(first.status == 0, "\(first.err)")
        var span = UInt64(Date().timeIntervalSince(start) * 1_200_000)
        try expectWhole(cli, survivors: [1])
        var delays = Delays(state: 42)
        var killed = 0, rounds = 0
        // As for backups: eight rounds (three when quick), more while no kill has landed, the
        // range halved by a run that finished on its own.
        while rounds < TestDepth.rounds(thorough: 8, quick: 3) || (killed == 0 && rounds < 24) {
            let backup = rounds % 2 == 0 ? "two.bak" : "one.bak"
            rounds += 1
            let done = try runKilled(cli, ["restore", backup, "--force", "--passphrase-file", pass, "--as", "admin"],
                                     after: 20_000 + delays.next(below: span))
            if done { span = max(span / 2, 100_000) } else { killed += 1 }
            try expectWhole(cli, survivors: [1, 2])
        }
        #expect(killed > 0)

        // Into a new folder, with the key inside the backup: the pair that results always opens.
        #expect(try cli.run(["backup", "keyed.bak", "--with-key", "--passphrase-file", pass, "--as", "admin"]).status == 0)
        for round in 0..<TestDepth.rounds(thorough: 6, quick: 2) {
            let db = "fresh\(round).sqlite", key = "fresh\(round).key"
            try runKilled(cli, ["restore", "keyed.bak", "--db", db, "--key-file", key, "--passphrase-file", pass, "--as", "admin"],
                          after: 20_000 + delays.next(below: span))
            #expect(!FileManager.default.fileExists(atPath: cli.folder + "/" + db) || cli.bytes(db)?.prefix(15) == Data("SQLite format 3".utf8))
            if FileManager.default.fileExists(atPath: cli.folder + "/" + db) {
                let shown = try cli.run(["survivor", "show", "KBM-0001", "--identity", "--db", db, "--key-file", key])
                #expect(shown.status == 0 && shown.out.contains("Siti Aminah"), "round \(round): \(shown.err)")
            }
        }
    }

    /// Kills `berdaya key rotate` at random moments: the database and its key always open
    /// together, and the pending key never outlives the next command.
    @Test func aRotationKilledAtAnyMomentLeavesAPairThatOpens() throws {
        let cli = try CLI()
        try cli.prepared()
        var delays = Delays(state: 7)
        for _ in 0..<TestDepth.rounds(thorough: 10, quick: 4) {
            try runKilled(cli, ["key", "rotate", "--as", "admin"], after: 20_000 + delays.next(below: 400_000))
            try expectWhole(cli, survivors: [1])
            #expect(cli.bytes("berdaya.key.new") == nil)
            let found = try cli.run(["survivor", "find", "--identity-file", "-"], input: #"{"nik": "3305105412840001"}"#)
            #expect(found.status == 0 && found.out.contains("KBM-0001"), "\(found.err)")
        }
    }

    @Test func aKeyExportedToASheetComesBackAfterTheKeyIsLost() throws {
        let cli = try CLI()
        try cli.prepared()
        let pass = try passphraseFile(cli)
        let exported = try cli.run(["key", "export", "--recovery", "--out", "sheet.txt", "--passphrase-file", pass, "--lang", "en"])
        #expect(exported.status == 0, "\(exported.err)")
        let sheet = String(decoding: try #require(cli.bytes("sheet.txt")), as: UTF8.self)
        #expect(sheet.contains("RECOVERY SHEET") && sheet.contains("berdaya.sqlite") && sheet.contains("Check value"))
        let key = try #require(cli.bytes("berdaya.key"))
        try FileManager.default.removeItem(atPath: cli.folder + "/berdaya.key")
        #expect(try cli.run(["survivor", "show", "KBM-0001", "--identity"]).status == 1)
        let imported = try cli.run(["key", "import", "sheet.txt", "--passphrase-file", pass])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(cli.bytes("berdaya.key") == key)
        try expectWhole(cli, survivors: [1])
        let again = try cli.run(["key", "import", "sheet.txt", "--passphrase-file", pass, "--lang", "en"])
        #expect(again.status == 1 && again.err.contains("--force"))
        let noRecovery = try cli.run(["key", "export", "--passphrase-file", pass, "--lang", "en"])
        #expect(noRecovery.status != 0 && noRecovery.err.contains("--recovery"))
        let fromEnvironment = try cli.run(["key", "rotate", "--lang", "en"],
                                          environment: ["BERDAYA_KEY": String(decoding: key, as: UTF8.self)])
        #expect(fromEnvironment.status == 1 && fromEnvironment.err.contains("BERDAYA_KEY"))
    }
}
