import BerdayaKit
import Foundation
import Testing

/// Identity never on a command line; files with people's data only for their owner.
@Suite struct IdentityInputTests {
    static func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue
    }

    @Test(arguments: ["--name", "--nik", "--kk", "--phone", "--address", "--notes"])
    func theOldIdentityOptionsAreRefusedSayingHowAndChangeNothing(flag: String) throws {
        let cli = try CLI()
        try cli.prepared()
        let before = cli.bytes("berdaya.sqlite"), wal = cli.bytes("berdaya.sqlite-wal")
        let value = flag == "--nik" ? "3305105412840002" : "Sri Wahyuni"
        let register = try cli.run(["survivor", "register", "--site", "KBM", flag, value, "--sex", "female",
                                    "--consent-date", "2025-06-02"])
        #expect(register.status == 1)
        #expect(register.err.contains("Identitas tidak lagi diterima sebagai opsi (\(flag))"), "\(register.err)")
        #expect(register.err.contains("--ask") && register.err.contains("--identity-file"))
        let update = try cli.run(["survivor", "update", "KBM-0001", flag, value, "--lang", "en"])
        #expect(update.status == 1)
        #expect(update.err.contains("Identity is no longer taken as an option (\(flag))") && update.err.contains("Nothing was changed"))
        #expect(update.err.contains("--identity-file FILE"))
        if flag == "--nik" || flag == "--name" {
            let find = try cli.run(["survivor", "find", flag, value, "--lang", "en"])
            #expect(find.status == 1 && find.err.contains("no longer taken as an option (\(flag))"))
        }
        #expect(cli.bytes("berdaya.sqlite") == before && cli.bytes("berdaya.sqlite-wal") == wal)
        #expect(!(try cli.run(["audit", "--json"]).out.contains("identity.lookup")))
    }

    @Test func helpSaysIdentityComesFromAPromptOrAFile() throws {
        let cli = try CLI()
        for command in ["register", "update", "find"] {
            let help = try cli.run(["survivor", command, "--help", "--lang", "en"])
            #expect(help.status == 0)
            #expect(help.out.contains("--identity-file") && help.out.contains("--ask"), "\(command)")
            #expect(help.out.contains("refused"), "\(command) says the old options are refused")
            for old in ["--nik <", "--name <", "--phone <", "--kk <", "--address <", "--notes <"] {
                #expect(!help.out.contains(old), "\(command) --help still offers \(old)")
            }
        }
        #expect(try cli.run(["survivor", "find", "--help"]).out.contains("--funder-code"))
        #expect(try cli.run(["survivor", "register", "--help"]).out.contains("ditolak"))
    }

    @Test func identityComesFromAJSONOrCSVFileStandardInputOrAPrompt() throws {
        let cli = try CLI()
        try cli.prepared()
        // CSV with a quoted address holding commas and a quote.
        let csv = "name,nik,kk,phone,address,notes\n"
            + "Sri Wahyuni,3305106107900123,3305101203150007,085712345678,\"Jl. Melati 3, RT 02, \"\"Gang Buntu\"\"\",Pulang dari Riyadh\n"
        FileManager.default.createFile(atPath: cli.folder + "/sri.csv", contents: Data(csv.utf8))
        let registered = try cli.run(["survivor", "register", "--site", "KBM", "--sex", "female", "--consent-date", "2025-06-02",
                                      "--identity-file", "sri.csv", "--json"])
        #expect(registered.status == 0, "\(registered.err)")
        #expect(registered.out.contains("KBM-0002"))
        var shown = try cli.run(["survivor", "show", "KBM-0002", "--identity", "--json"]).out
        #expect(shown.contains("Jl. Melati 3, RT 02, \\\"Gang Buntu\\\"") && shown.contains("085712345678") && shown.contains("Riyadh"))

        // An update from standard input changes what it names and keeps the rest.
        let update = try cli.run(["survivor", "update", "KBM-0002", "--identity-file", "-"], input: #"{"phone": "081311112222", "notes": null}"#)
        #expect(update.status == 0, "\(update.err)")
        shown = try cli.run(["survivor", "show", "KBM-0002", "--identity", "--json"]).out
        #expect(shown.contains("081311112222") && !shown.contains("085712345678") && shown.contains("Riyadh") && shown.contains("Sri Wahyuni"))

        // Typed at the prompt, one line per field; an empty line leaves a field out.
        let asked = try cli.run(["survivor", "register", "--site", "KBM", "--sex", "female", "--birth-year", "1990",
                                 "--consent-date", "2025-06-02", "--ask"], input: "Tuminah Lestari\n\n\n\nDusun Kidul\n\n")
        #expect(asked.status == 0, "\(asked.err)")
        #expect(try cli.run(["survivor", "show", "KBM-0003", "--identity"]).out.contains("Dusun Kidul"))

        // find: NIK from standard input, name at the prompt.
        let byNIK = try cli.run(["survivor", "find", "--identity-file", "-", "--json"], input: "nik\n3305106107900123\n")
        #expect(byNIK.status == 0 && byNIK.out.contains("KBM-0002"), "\(byNIK.err)")
        let byName = try cli.run(["survivor", "find", "--ask", "--birth-year", "1990"], input: "\nTuminah  LESTARI\n")
        #expect(byName.status == 0 && byName.out.contains("KBM-0003"), "\(byName.err)")
        let audit = try cli.run(["audit", "--json"]).out
        #expect(audit.contains("identity.lookup") && !audit.contains("Tuminah") && !audit.contains("3305106107900123"))
    }

    @Test func aBadIdentityFileIsRefusedNamingWhatIsWrongAndChangesNothing() throws {
        let cli = try CLI()
        try cli.prepared()
        let before = cli.bytes("berdaya.sqlite"), wal = cli.bytes("berdaya.sqlite-wal")
        let register = ["survivor", "register", "--site", "KBM", "--sex", "female", "--consent-date", "2025-06-02", "--identity-file", "-", "--lang", "en"]
        let cases: [([String], String?, String)] = [
            (register, #"{"name": "Sri", "nama": "Sri"}"#, "unknown key 'nama'"),
            (register, #"{"name": "Sri", "nik": 3305106107900123}"#, "'nik' must be text in quotes"),
            (register, "name,nik\nSri,3305106107900123\nTuti,3305106107900124\n", "exactly one data row (it has 2"),
            (register, "name,nik\nSri\n", "line 2 has 1 columns"),
            (register, "", "not given"),
            (["survivor", "register", "--site", "KBM", "--sex", "female", "--consent-date", "2025-06-02", "--lang", "en"], nil, "not given"),
            (["survivor", "register", "--site", "KBM", "--sex", "female", "--consent-date", "2025-06-02", "--identity-file", "missing.json",
              "--lang", "en"], nil, "Cannot read the identity file missing.json"),
            (["survivor", "register", "--site", "KBM", "--sex", "female", "--consent-date", "2025-06-02", "--identity-file", "-", "--ask",
              "--lang", "en"], "x", "both read standard input"),
            (["survivor", "update", "KBM-0001", "--identity-file", "-", "--lang", "en"], #"{"kk": "12"}"#, "KK"),
            (["survivor", "find", "--lang", "en"], nil, "Nothing to look for"),
            (["survivor", "find", "--funder-code", "BZ-00000000", "--ask", "--lang", "en"], nil, "on its own"),
        ]
        for (arguments, input, expected) in cases {
            let result = try cli.run(arguments, input: input)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before && cli.bytes("berdaya.sqlite-wal") == wal)
    }

    @Test func findByAFundersCodeIsAuditedAndAnUnknownCodeIsRefused() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["funder", "add", "--code", "BAZNAS-KBM", "--name", "BAZNAS Kebumen", "--kind", "baznas"]).status == 0)
        let database = try AppDatabase.open(at: cli.folder + "/berdaya.sqlite")
        let workspace = try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: cli.folder + "/berdaya.key",
                                                                                    environment: [:]), actor: "test")
        let pseudonym = try #require(try FunderCode.book(funderCode: "BAZNAS-KBM", in: workspace).pseudonym(for: "KBM-0001"))
        try database.close()
        #expect(pseudonym.hasPrefix("BZ-") && pseudonym.count == 11)
        let found = try cli.run(["survivor", "find", "--funder-code", pseudonym, "--as", "bendahara", "--lang", "en"])
        #expect(found.status == 0 && found.out.contains("KBM-0001") && found.out.contains("BAZNAS-KBM"), "\(found.err)")
        let audit = try cli.run(["audit", "--record", "KBM-0001", "--json"]).out
        #expect(audit.contains("funder-code.lookup") && audit.contains("bendahara") && !audit.contains(pseudonym))
        let unknown = try cli.run(["survivor", "find", "--funder-code", "BZ-00000000"])
        #expect(unknown.status == 1 && unknown.err.contains("bukan kode penyintas"))
        let malformed = try cli.run(["survivor", "find", "--funder-code", "KBM-0001", "--lang", "en"])
        #expect(malformed.status == 1 && malformed.err.contains("is not a funder's code"))
    }

    @Test func theDatabaseItsLogsAndItsKeyAreTheOwnersAlone() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["survivor", "update", "KBM-0001", "--stage", "assessment"]).status == 0)
        for name in ["berdaya.sqlite", "berdaya.sqlite-wal", "berdaya.sqlite-shm", "berdaya.key"] {
            #expect(Self.mode(cli.folder + "/" + name) == 0o600, "\(name)")
        }
        // A database made loose by hand (or by an older Berdaya) is tightened when next opened.
        for name in ["berdaya.sqlite", "berdaya.sqlite-wal", "berdaya.sqlite-shm"] { chmod(cli.folder + "/" + name, 0o644) }
        #expect(try cli.run(["survivor", "list"]).status == 0)
        for name in ["berdaya.sqlite", "berdaya.sqlite-wal", "berdaya.sqlite-shm"] {
            #expect(Self.mode(cli.folder + "/" + name) == 0o600, "\(name)")
        }
    }
}
