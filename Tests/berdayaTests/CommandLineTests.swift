import BerdayaTestSupport
import Foundation
import Testing

/// Runs the built `berdaya` executable as a user would, in a temporary folder that goes (with
/// whatever a killed command left in it) with the last copy of this value.
struct CLI {
    let temporary: TemporaryFolder
    var folder: String { temporary.path }
    /// Whether backups and recovery sheets are sealed at the standard scrypt cost. Most tests
    /// seal at a cheap one (`BERDAYA_DEBUG_SCRYPT_LOG2N`, honoured by debug builds only), since
    /// a standard seal costs a second of CPU and the suite makes dozens; a round trip keeps the
    /// standard cost.
    let sealsAtStandardCost: Bool

    init(sealsAtStandardCost: Bool = false) throws {
        temporary = try TemporaryFolder("cli")
        self.sealsAtStandardCost = sealsAtStandardCost
    }

    /// The environment a command runs in: the test's own, without the settings that would
    /// point it at another database, key or language, plus `extra`.
    func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for name in ["BERDAYA_DB", "BERDAYA_KEY", "BERDAYA_LANG"] { environment.removeValue(forKey: name) }
        if !sealsAtStandardCost { environment["BERDAYA_DEBUG_SCRYPT_LOG2N"] = "12" }
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// The executable sits in the build products folder, which is the test bundle's folder on
    /// Linux and the folder holding the .xctest bundle on macOS.
    static var executable: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("berdaya") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    final class Marker {}

    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    @discardableResult
    func run(_ arguments: [String], environment extra: [String: String] = [:], input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = environment(extra)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData, as: UTF8.self))
    }

    func bytes(_ name: String) -> Data? { FileManager.default.contents(atPath: folder + "/" + name) }

    /// An initialised database with one site and one survivor.
    func prepared() throws {
        #expect(try run(["init", "--as", "admin"]).status == 0)
        #expect(try run(["site", "add", "--code", "KBM", "--name", "Kebumen", "--as", "admin"]).status == 0)
        let registered = try run(["survivor", "register", "--site", "KBM", "--identity-file", "-",
                                  "--sex", "perempuan", "--birth-year", "1984", "--consent-date", "2025-06-02",
                                  "--exploitation", "forced_labour,debt_bondage", "--baseline-income", "1.200.000",
                                  "--as", "bu.endah"], input: #"{"name": "Siti Aminah", "nik": "3305105412840001"}"#)
        #expect(registered.status == 0, "\(registered.err)")
        #expect(registered.out.contains("KBM-0001"))
    }
}

@Suite struct CommandLineTests {
    @Test func aMissingDatabaseSaysHowToCreateOneInTheUsersLanguage() throws {
        let cli = try CLI()
        let indonesian = try cli.run(["survivor", "list"])
        #expect(indonesian.status == 1)
        #expect(indonesian.err.contains("Basis data tidak ditemukan: berdaya.sqlite"))
        #expect(indonesian.err.contains("berdaya init"))
        let english = try cli.run(["survivor", "list", "--lang", "en"])
        #expect(english.status == 1)
        #expect(english.err.contains("Database not found") && english.err.contains("berdaya init"))
        let fromEnvironment = try cli.run(["cohort", "list"], environment: ["BERDAYA_LANG": "en", "BERDAYA_DB": "office.sqlite"])
        #expect(fromEnvironment.err.contains("Database not found: office.sqlite"))
        #expect(cli.bytes("berdaya.sqlite") == nil && cli.bytes("office.sqlite") == nil)
    }

    @Test func initCreatesTheDatabaseAndAPrivateKeyOnce() throws {
        let cli = try CLI()
        let first = try cli.run(["init"])
        #expect(first.status == 0)
        #expect(first.out.contains("berdaya.key"))
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.folder + "/berdaya.key")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let key = cli.bytes("berdaya.key")
        let again = try cli.run(["init", "--lang", "en"])
        #expect(again.status == 1)
        #expect(again.err.contains("already exists"))
        #expect(cli.bytes("berdaya.key") == key)
    }

    @Test func registerShowAndRevealWithAudit() throws {
        let cli = try CLI()
        try cli.prepared()
        let shown = try cli.run(["survivor", "show", "KBM-0001", "--json"])
        #expect(shown.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(shown.out.utf8)) as? [String: Any]
        let survivor = json?["survivor"] as? [String: Any]
        #expect(survivor?["code"] as? String == "KBM-0001")
        #expect((survivor?["profile"] as? [String: Any])?["baselineIncome"] as? Int == 1_200_000)
        #expect(json?["identity"] == nil)
        #expect(!shown.out.contains("Siti"))

        let revealed = try cli.run(["survivor", "show", "kbm-0001", "--identity", "--as", "bu.endah"])
        #expect(revealed.out.contains("Siti Aminah") && revealed.out.contains("3305105412840001"))
        let audit = try cli.run(["audit", "--record", "KBM-0001", "--json"])
        let entries = try JSONSerialization.jsonObject(with: Data(audit.out.utf8)) as? [[String: Any]]
        #expect(entries?.first?["action"] as? String == "identity.read")
        #expect(entries?.first?["actor"] as? String == "bu.endah")
        #expect(!audit.out.contains("Siti"))
    }

    @Test func aMalformedNIKIsRefusedNamingTheDigitsAndNothingIsWritten() throws {
        let cli = try CLI()
        try cli.prepared()
        let before = cli.bytes("berdaya.sqlite")
        let refused = try cli.run(["survivor", "register", "--site", "KBM", "--identity-file", "-",
                                   "--sex", "female", "--consent-date", "2025-06-02"],
                                  input: #"{"name": "Sri Wahyuni", "nik": "3305105413840002"}"#)
        #expect(refused.status == 1)
        #expect(refused.err.contains("digit 9-10"))
        #expect(refused.err.contains("Saran:"))
        let english = try cli.run(["survivor", "register", "--site", "KBM", "--identity-file", "-",
                                   "--sex", "male", "--consent-date", "2025-06-02", "--lang", "en"],
                                  input: "name,nik\nSri Wahyuni,3305105412840002\n")
        #expect(english.status == 1)
        #expect(english.err.contains("digits 7-8 say female"))
        #expect(cli.bytes("berdaya.sqlite") == before)
    }

    @Test func refusalsExitNonZeroAndChangeNothing() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["cohort", "create", "--site", "KBM", "--name", "Kue kering", "--program", "P",
                             "--start", "2025-07-01", "--end", "2025-10-31"]).status == 0)
        #expect(try cli.run(["cohort", "enrol", "KBM-2025-1", "KBM-0001", "--date", "2025-07-01"]).status == 0)
        let before = cli.bytes("berdaya.sqlite")
        let cases: [([String], String, String?)] = [
            (["site", "add", "--code", "KBM", "--name", "Lagi"], "already exists", nil),
            (["survivor", "register", "--site", "XYZ", "--identity-file", "-", "--sex", "female", "--consent-date", "2025-01-01"],
             "Unknown site 'XYZ'", #"{"name": "A"}"#),
            (["survivor", "register", "--site", "KBM", "--identity-file", "-", "--sex", "female", "--birth-year", "1984",
              "--consent-date", "2025-01-01"], "KBM-0001", #"{"name": "Siti  AMINAH"}"#),
            (["cohort", "enrol", "KBM-2025-1", "KBM-0001", "--date", "2025-07-02"], "already enrolled", nil),
            (["cohort", "enrol", "KBM-2099-1", "KBM-0001", "--date", "2025-07-02"], "Unknown cohort", nil),
            (["cohort", "create", "--site", "KBM", "--name", "X", "--program", "P", "--start", "2025-10-01", "--end", "2025-07-01"], "is before", nil),
            (["cohort", "create", "--site", "KBM", "--name", "X", "--program", "P", "--start", "2025-02-30", "--end", "2025-07-01"], "not a valid date", nil),
            (["survivor", "update", "KBM-0001", "--stage", "flying"], "not known", nil),
            (["survivor", "consent", "KBM-0001", "--kind", "data_processing", "--date", "2099-01-01"], "future", nil),
            (["survivor", "erase", "KBM-0001"], "still consents", nil),
        ]
        for (arguments, expected, input) in cases {
            let result = try cli.run(arguments + ["--lang", "en"], input: input)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before)
    }

    @Test func withoutTheKeyFileIdentityIsRefusedButListsWork() throws {
        let cli = try CLI()
        try cli.prepared()
        try FileManager.default.moveItem(atPath: cli.folder + "/berdaya.key", toPath: cli.folder + "/elsewhere.key")
        let list = try cli.run(["survivor", "list"])
        #expect(list.status == 0 && list.out.contains("KBM-0001"))
        let reveal = try cli.run(["survivor", "show", "KBM-0001", "--identity", "--lang", "en"])
        #expect(reveal.status == 1)
        #expect(reveal.err.contains("key file is missing"))
        let withKey = try cli.run(["survivor", "show", "KBM-0001", "--identity", "--key-file", "elsewhere.key"])
        #expect(withKey.status == 0 && withKey.out.contains("Siti Aminah"))
    }

    @Test func helpIsInIndonesianByDefaultAndEnglishOnRequest() throws {
        let cli = try CLI()
        let indonesian = try cli.run(["survivor", "register", "--help"])
        #expect(indonesian.status == 0)
        #expect(indonesian.out.contains("Mendaftarkan penyintas"))
        let english = try cli.run(["survivor", "register", "--help", "--lang", "en"])
        #expect(english.out.contains("Register a survivor"))
    }

    @Test func theDemoBuildsTheThreeCohortsAndIsReproducible() throws {
        let cli = try CLI()
        let demo = try cli.run(["demo", "--seed", "11", "--json"])
        #expect(demo.status == 0, "\(demo.err)")
        let cohorts = try cli.run(["cohort", "list", "--db", "demo.sqlite", "--json"])
        let list = try JSONSerialization.jsonObject(with: Data(cohorts.out.utf8)) as? [[String: Any]]
        #expect(Set(list?.compactMap { $0["site"] as? String } ?? []) == ["MDN", "KBM", "JBR"])
        let first = try cli.run(["survivor", "show", "MDN-0003", "--identity", "--db", "demo.sqlite", "--json"]).out
        #expect(try cli.run(["demo", "--seed", "11"]).status == 0)
        let second = try cli.run(["survivor", "show", "MDN-0003", "--identity", "--db", "demo.sqlite", "--json"]).out
        #expect(first == second && first.contains("fullName"))
        // the demo never replaces a real database
        #expect(try cli.run(["init"]).status == 0)
        let refused = try cli.run(["demo", "--db", "berdaya.sqlite", "--lang", "en"])
        #expect(refused.status == 1 && refused.err.contains("real database"))
    }

    @Test func anOfficerRecordsAWeekOfTrainingFromTheCommandLine() throws {
        let cli = try CLI()
        try cli.prepared()
        let steps: [[String]] = [
            ["cohort", "create", "--site", "KBM", "--name", "Kue kering", "--program", "P", "--start", "2025-07-07", "--end", "2025-09-26"],
            ["cohort", "enrol", "KBM-2025-1", "KBM-0001", "--date", "2025-07-07"],
            ["training", "module", "add", "KBM-2025-1", "--name", "Kue kering", "--category", "food_product"],
            ["training", "session", "plan", "KBM-2025-1", "--module", "Kue kering", "--date", "2025-07-07", "--start", "9:00",
             "--duration", "120", "--location", "Balai desa"],
            ["training", "session", "plan", "KBM-2025-1", "--module", "Kue kering", "--date", "2025-07-14"],
            ["attendance", "mark", "KBM-2025-1/1", "--all-present"],
            ["attendance", "mark", "KBM-2025-1/2", "--late", "KBM-0001"],
            ["training", "assess", "KBM-2025-1", "KBM-0001", "--module", "Kue kering", "--phase", "post", "--score", "80",
             "--date", "2025-07-14"],
        ]
        for step in steps {
            let result = try cli.run(step)
            #expect(result.status == 0, "\(step): \(result.err)")
        }
        let before = cli.bytes("berdaya.sqlite")
        let correction = try cli.run(["attendance", "mark", "KBM-2025-1/2", "--absent", "KBM-0001", "--lang", "en"])
        #expect(correction.status == 1 && correction.err.contains("needs a reason"))
        let outside = try cli.run(["training", "session", "plan", "KBM-2025-1", "--module", "Kue kering", "--date", "2025-10-01"])
        #expect(outside.status == 1 && outside.err.contains("di luar masa kelompok"))
        #expect(cli.bytes("berdaya.sqlite") == before)

        let progress = try cli.run(["cohort", "progress", "KBM-2025-1", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(progress.out.utf8)) as? [String: Any]
        let member = (json?["members"] as? [[String: Any]])?.first
        #expect(member?["attended"] as? Int == 2)
        #expect(member?["late"] as? Int == 1)
        #expect(member?["meetsRule"] as? Bool == true)
        let screen = try cli.run(["cohort", "progress", "KBM-2025-1"])
        #expect(screen.out.contains("Memenuhi aturan: 1 dari 1"))
    }

    @Test func aTreasurerBooksPaysCorrectsAndLendsFromTheCommandLine() throws {
        let cli = try CLI()
        try cli.prepared()
        let steps: [[String]] = [
            ["funder", "add", "--code", "BAZNAS-KBM", "--name", "BAZNAS Kebumen", "--kind", "baznas"],
            ["fund", "open", "--code", "ZAKAT", "--name", "Zakat produktif", "--kind", "zakat", "--funder", "BAZNAS-KBM", "--opened", "2025-06-01"],
            ["fund", "line", "ZAKAT", "micro_grants"],
            ["ledger", "receive", "ZAKAT", "--amount", "Rp 10.000.000", "--date", "2025-06-10", "--document", "KW-1"],
            ["ledger", "disburse", "ZAKAT", "--survivor", "KBM-0001", "--asnaf", "riqab", "--amount", "2.500.000", "--line", "micro_grants",
             "--date", "2025-06-12", "--document", "KW-2"],
            ["ledger", "reverse", "#2", "--date", "2025-06-13", "--reason", "Salah nominal"],
            ["loan", "issue", "ZAKAT", "--survivor", "KBM-0001", "--asnaf", "gharimin", "--principal", "1.200.000", "--start", "2025-07-01",
             "--frequency", "monthly", "--instalments", "4", "--line", "micro_grants", "--document", "KW-3"],
            ["loan", "repay", "QH-0001", "--amount", "300.000", "--date", "2025-08-01", "--document", "KW-4"],
        ]
        for step in steps {
            let result = try cli.run(step)
            #expect(result.status == 0, "\(step): \(result.err)")
        }
        let before = cli.bytes("berdaya.sqlite")
        let refusals: [([String], String)] = [
            (["ledger", "disburse", "ZAKAT", "--survivor", "KBM-0001", "--amount", "1000", "--line", "micro_grants",
              "--date", "2025-08-02", "--document", "KW-5"], "asnaf"),
            (["ledger", "disburse", "ZAKAT", "--survivor", "KBM-0001", "--asnaf", "miskin", "--amount", "99.000.000",
              "--line", "micro_grants", "--date", "2025-08-02", "--document", "KW-5"], "below zero"),
            (["ledger", "reverse", "2", "--date", "2025-08-02", "--reason", "again"], "already reversed"),
            (["ledger", "receive", "ZAKAT", "--foreign", "100", "--currency", "XYZ", "--rate", "1", "--date", "2025-08-02",
              "--document", "KW-6"], "Unknown currency"),
            (["ledger", "receive", "ZAKAT", "--amount", "0", "--date", "2025-08-02", "--document", "KW-6"], "more than zero"),
            (["ledger", "receive", "ZAKAT", "--amount", "10", "--date", "2025-05-31", "--document", "KW-6"], "opened on"),
            (["loan", "repay", "QH-0001", "--amount", "900.001", "--date", "2025-08-02", "--document", "KW-7"], "more than what is owed"),
        ]
        for (arguments, expected) in refusals {
            let result = try cli.run(arguments + ["--lang", "en"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before)
        let book = try cli.run(["ledger", "cashbook", "ZAKAT", "--period", "2025", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(book.out.utf8)) as? [String: Any]
        #expect(json?["closing"] as? Int == 10_000_000 - 1_200_000 + 300_000)
        let schedule = try cli.run(["loan", "schedule", "QH-0001", "--as-of", "2025-10-15"])
        #expect(schedule.out.contains("tunggakan Rp 600.000"))
    }

    @Test func anOfficerRecordsABusinessItsSalesAndAnExhibition() throws {
        let cli = try CLI()
        try cli.prepared()
        let steps: [[String]] = [
            ["business", "add", "--name", "Kue Kering Sekar", "--sector", "food", "--owner", "KBM-0001", "--started", "2025-12-10"],
            ["business", "product", "KBM-U001", "--name", "Nastar", "--unit", "toples", "--price", "85.000"],
            ["event", "add", "--kind", "exhibition", "--name", "Pameran UMKM Ramadan", "--start", "2026-03-05", "--end", "2026-03-07",
             "--place", "Alun-alun Kebumen", "--organiser", "Dinas Koperasi UKM", "--cost", "750.000", "--site", "KBM"],
            ["event", "join", "EV-0001", "--business", "KBM-U001"],
            ["sale", "add", "KBM-U001", "--date", "2026-03-10", "--product", "Nastar", "--quantity", "2", "--channel", "media sosial/WhatsApp"],
            ["sale", "snapshot", "KBM-U001", "--month", "2026-02", "--omzet", "1.000.000", "--costs", "400.000", "--reported", "2026-03-02"],
            ["sale", "cost", "KBM-U001", "--date", "2026-03-01", "--category", "raw_materials", "--amount", "200.000"],
        ]
        for step in steps {
            let result = try cli.run(step)
            #expect(result.status == 0, "\(step): \(result.err)")
        }
        // A food business without a P-IRT: the sale is recorded and flagged.
        let atFair = try cli.run(["sale", "add", "KBM-U001", "--date", "2026-03-06", "--product", "nastar", "--quantity", "4",
                                  "--channel", "exhibition", "--event", "EV-0001"])
        #expect(atFair.status == 0 && atFair.out.contains("Rp 340.000") && atFair.out.contains("P-IRT"), "\(atFair.out)")

        let before = cli.bytes("berdaya.sqlite")
        let refusals: [([String], String)] = [
            (["sale", "add", "KBM-U001", "--date", "2025-12-09", "--product", "Nastar", "--quantity", "1", "--channel", "direct"],
             "before the business KBM-U001 started"),
            (["sale", "add", "KBM-U001", "--date", "2026-03-09", "--product", "Nastar", "--quantity=-1", "--channel", "direct"], "more than zero"),
            (["sale", "add", "KBM-U001", "--date", "2026-03-09", "--product", "Nastar", "--quantity", "1", "--price=-5",
              "--channel", "direct"], "more than zero"),
            (["sale", "add", "KBM-U001", "--date", "2026-03-09", "--product", "Nastar", "--quantity", "1", "--channel", "tiktok"], "is not known"),
            (["sale", "add", "KBM-U001", "--date", "2026-03-09", "--product", "Nastar", "--quantity", "1", "--channel", "exhibition",
              "--event", "EV-0001"], "must be dated 2026-03-05 to 2026-03-07"),
            (["sale", "snapshot", "KBM-U001", "--month", "2026-02", "--omzet", "5", "--costs", "0", "--reported", "2026-03-03"],
             "already has a snapshot for 2026-02"),
            (["sale", "snapshot", "KBM-U001", "--month", "2026-13", "--omzet", "5", "--costs", "0"], "not a valid month"),
            (["business", "status", "KBM-U001", "planned", "--reason", "x"], "cannot move"),
            (["business", "add", "--name", "KUBE", "--sector", "food", "--kube", "--owner", "KBM-0001"], "at least two"),
        ]
        for (arguments, expected) in refusals {
            let result = try cli.run(arguments + ["--lang", "en"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before)

        let channels = try cli.run(["sale", "channels", "--business", "KBM-U001", "--period", "2026", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(channels.out.utf8)) as? [String: Any]
        #expect(json?["total"] as? Int == 1_000_000 + 170_000 + 340_000)
        #expect(json?["eventShare"] as? Double == 66.7)
        let figures = try cli.run(["business", "figures", "--business", "KBM-U001", "--period", "2026-Q1", "--json"])
        let months = try JSONSerialization.jsonObject(with: Data(figures.out.utf8)) as? [[String: Any]]
        #expect(months?.map { $0["omzet"] as? Int } == [0, 1_000_000, 510_000])
        #expect(months?.map { $0["source"] as? String } == ["none", "snapshot", "itemised"])
        let flags = try cli.run(["business", "flags", "--lang", "en"])
        #expect(flags.out.contains("KBM-U001") && flags.out.contains("P-IRT"))
        let show = try cli.run(["event", "show", "EV-0001"])
        #expect(show.out.contains("Rp 340.000"))
    }

    @Test func anOfficerRecordsVisitsAndSeesWhoMovedOutOfPoverty() throws {
        let cli = try CLI()
        try cli.prepared()
        let scores = ["--confidence", "2", "--prayer", "4", "--fasting", "4", "--giving", "2", "--environment", "3", "--fifth", "3"]
        let steps: [[String]] = [
            ["cohort", "create", "--site", "KBM", "--name", "Kue kering", "--program", "PEP", "--start", "2025-07-01", "--end", "2025-10-31"],
            ["cohort", "enrol", "KBM-2025-1", "KBM-0001", "--date", "2025-07-01"],
            ["visit", "poverty-line", "--site", "KBM", "--year", "2025", "--per-person", "500.000", "--source", "BPS"],
            ["visit", "poverty-line", "--site", "KBM", "--year", "2026", "--per-person", "520.000"],
            ["visit", "baseline", "KBM-0001", "--date", "2025-07-01", "--household", "4", "--income", "wage=900.000",
             "--income", "social_assistance=300.000", "--migration", "considering", "--note-file", "-"] + scores,
        ]
        // Notes never as an option's value: refused, saying how, and nothing is booked.
        for step in steps.prefix(4) { #expect(try cli.run(step).status == 0, "\(step)") }
        let untouched = [cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")]
        let refused = try cli.run(steps[4].filter { $0 != "--note-file" && $0 != "-" } + ["--note", "Utang ke sponsor belum lunas", "--lang", "en"])
        #expect(refused.status != 0 && refused.err.contains("not taken as --note") && refused.err.contains("--note-file"))
        #expect([cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")] == untouched)
        for step in steps.suffix(1) {
            let result = try cli.run(step, input: step.contains("--note-file") ? "Utang ke sponsor belum lunas\n" : nil)
            #expect(result.status == 0, "\(step): \(result.err)")
        }
        // Rp 1.200.000 against 4 × Rp 520.000 = Rp 2.080.000 in 2026: still materially poor at 3 months;
        // Rp 2.100.000 at 6 months is above the line.
        let first = try cli.run(["visit", "follow-up", "KBM-0001", "--date", "2026-02-03", "--household", "4",
                                 "--income", "business=400.000", "--income", "wage=900.000"] + scores)
        #expect(first.status == 0 && first.out.contains("KBM-0001/2") && first.out.contains("putaran 3 bulan")
                && first.out.contains("II miskin material"), "\(first.out) \(first.err)")
        let second = try cli.run(["visit", "follow-up", "KBM-0001", "--date", "2026-04-30", "--household", "4",
                                  "--income", "business=1.200.000", "--income", "wage=900.000", "--lang", "en"] + scores)
        #expect(second.out.contains("6-month round") && second.out.contains("I prosperous"), "\(second.out) \(second.err)")

        let before = cli.bytes("berdaya.sqlite")
        let refusals: [([String], String)] = [
            (["visit", "follow-up", "KBM-0001", "--date", "2025-06-30", "--household", "4", "--income", "wage=1"] + scores,
             "cannot be on or before her baseline"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "0", "--income", "wage=1"] + scores, "--household"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4", "--income", "wage=-1"] + scores, "cannot be negative"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4", "--income", "wage=1", "--confidence", "2",
              "--prayer", "6", "--fasting", "4", "--giving", "2", "--environment", "3", "--fifth", "3"], "--prayer"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4"] + scores, "monthly income is missing"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4", "--income", "gaji=1"] + scores, "is not known"),
            (["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4", "--income", "wage=1", "--round", "6"] + scores,
             "already answered by visit KBM-0001/3"),
            (["visit", "baseline", "KBM-0001", "--date", "2025-07-02", "--household", "4", "--income", "0"] + scores,
             "already has a baseline"),
            (["visit", "show", "KBM-0001-2"], "not a visit reference"),
            (["outcomes", "cibest", "--as-of", "2026-01-01", "--period", "2026"], "Choose one"),
        ]
        for (arguments, expected) in refusals {
            let result = try cli.run(arguments + ["--lang", "en"])
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before)
        let indonesian = try cli.run(["visit", "follow-up", "KBM-0001", "--date", "2026-05-01", "--household", "4", "--income", "wage=1",
                                      "--round", "5"] + scores)
        #expect(indonesian.status == 1 && indonesian.err.contains("tidak ada dalam jadwal program 'PEP'"), "\(indonesian.err)")

        let cibest = try cli.run(["outcomes", "cibest", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(cibest.out.utf8)) as? [String: Any]
        #expect((json?["before"] as? [String: Any])?["counts"] as? [Int] == [0, 1, 0, 0])
        #expect((json?["after"] as? [String: Any])?["welfare"] as? Double == 100)
        #expect(json?["transitions"] as? [[Int]] == [[0, 0, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])
        let indicators = try cli.run(["outcomes", "indicators", "--by", "site", "--lang", "en"])
        #expect(indicators.out.contains("+IDR 900,000") && indicators.out.contains("0 (0.0%) → 1 (100.0%)"), "\(indicators.out)")
        // The notes are sealed; showing them is a deliberate, audited act.
        #expect(cli.bytes("berdaya.sqlite")?.range(of: Data("sponsor".utf8)) == nil)
        let plain = try cli.run(["visit", "show", "KBM-0001/1", "--lang", "en"])
        #expect(plain.out.contains("open with --notes") && !plain.out.contains("sponsor"))
        let revealed = try cli.run(["visit", "show", "KBM-0001/1", "--notes", "--lang", "en"])
        #expect(revealed.out.contains("Utang ke sponsor belum lunas"))
        #expect(try cli.run(["audit", "--record", "KBM-0001/1"]).out.contains("visit.notes.read"))
        // The 12-month round falls due on 31 Oct 2026.
        let due = try cli.run(["outcomes", "due", "--within", "366", "--json"])
        let calendar = try JSONSerialization.jsonObject(with: Data(due.out.utf8)) as? [[String: Any]]
        #expect(calendar?.map { $0["round"] as? Int } == [12] && calendar?.first?["dueOn"] as? String == "2026-10-31", "\(due.out)")
    }

    @Test func aTreasurerWritesWorkbooksAndBadRequestsWriteNothing() throws {
        let cli = try CLI()
        let demo = try cli.run(["demo", "--db", "demo.sqlite", "--out", "Demo reports"])
        #expect(demo.status == 0 && demo.out.contains("14 laporan"), "\(demo.out) \(demo.err)")
        let written = try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/Demo reports").sorted()
        #expect(written.contains("donor-report_2025_2026_en.xlsx") && written.contains("baznas-zakat_2025_2026_id.xlsx")
                && written.contains("attendance-register_2025_2026_jbr-2026-1_id.xlsx") && written.count == 14, "\(written)")
        let list = try cli.run(["report", "list", "--db", "demo.sqlite", "--lang", "en"])
        #expect(list.out.contains("donor-report") && list.out.contains("--period*"), "\(list.out)")
        let report = try cli.run(["report", "donor-report", "--period", "2026-H1", "--funder", "GFSM", "--db", "demo.sqlite", "--lang", "en"])
        #expect(report.status == 0 && report.out.contains("Reports/donor-report_2026-H1_gfsm_en.xlsx"), "\(report.out) \(report.err)")
        #expect(FileManager.default.fileExists(atPath: cli.folder + "/Reports/donor-report_2026-H1_gfsm_en.xlsx"))

        FileManager.default.createFile(atPath: cli.folder + "/a-file", contents: Data())
        let refusals: [([String], String)] = [
            (["report", "laporan-x", "--period", "2026"], "There is no template 'laporan-x'"),
            (["report", "donor-report", "--period", "2026-Q5"], "2026-Q5"),
            (["report", "donor-report"], "needs --period"),
            (["report", "donor-report", "--period", "2026", "--cohort", "KBM-2025-1"], "does not take --cohort"),
            (["report", "cash-book", "--period", "2026"], "needs --fund"),
            (["report", "donor-report", "--period", "2026", "--out", "a-file"], "cannot be written to"),
            (["report", "donor-report", "--period", "2026", "--funder", "NOPE"], "NOPE"),
        ]
        for (arguments, expected) in refusals {
            let result = try cli.run(arguments + ["--db", "demo.sqlite", "--lang", "en"] + (arguments.contains("--out") ? [] : ["--out", "Refused"]))
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(!FileManager.default.fileExists(atPath: cli.folder + "/Refused"))
    }
}
