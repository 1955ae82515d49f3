import Foundation
import Testing

@Suite struct RefusalMessageTests {
    @Test func aFileThatIsNoTemplateIsRefusedWithoutShowingAnyOfIt() throws {
        let cli = try CLI()
        try cli.prepared()
        let secrets = [
            "shadow": "root:$6$Sekret5alt$Hq0vLxKpW1:20228:0:99999:7:::\ndaemon:*:20228:0:99999:7:::\n",
            "config.yaml": "password: hunter2-rahasia\nhost: db.internal\n",
            "notes.txt": "Sandi bank: 7788-rahasia\n",
        ]
        for (name, content) in secrets {
            try Data(content.utf8).write(to: URL(fileURLWithPath: cli.folder + "/" + name))
            let refused = try cli.run(["report", "write", "--template", name, "--lang", "en"])
            #expect(refused.status == 1)
            #expect(refused.err.contains("is not a Berdaya report template") && refused.err.contains("--template"), "\(refused.err)")
            for secret in ["root", "Sekret5alt", "hunter2", "password", "db.internal", "7788", "rahasia"] {
                #expect(!refused.err.contains(secret) && !refused.out.contains(secret), "\(name) leaked '\(secret)': \(refused.err)")
            }
        }
        // A template with a stray key that is no field name: the key is not repeated either.
        let stray = "id: x\ntitle: X\naudience: donor\n\"pin 4321: rahasia\": 1\nsheets:\n  - name: A\n    kind: notes\n"
        try Data(stray.utf8).write(to: URL(fileURLWithPath: cli.folder + "/stray.yaml"))
        let refused = try cli.run(["report", "write", "--template", "stray.yaml", "--lang", "en"])
        #expect(refused.status == 1 && refused.err.contains("unknown key") && !refused.err.contains("4321"), "\(refused.err)")
        // A misspelt field name still is, so it can be corrected.
        let typo = "id: x\ntitel: X\naudience: donor\nsheets:\n  - name: A\n    kind: notes\n"
        try Data(typo.utf8).write(to: URL(fileURLWithPath: cli.folder + "/typo.yaml"))
        #expect(try cli.run(["report", "write", "--template", "typo.yaml", "--lang", "en"]).err.contains("'titel'"))
    }

    @Test func aNameFindsHerWithoutABirthYearAndABirthYearNarrows() throws {
        let cli = try CLI()
        try cli.prepared() // Siti Aminah, born 1984, KBM-0001
        let byName = try cli.run(["survivor", "find", "--identity-file", "-", "--lang", "en"], input: #"{"name": "siti  AMINAH"}"#)
        #expect(byName.status == 0 && byName.out.contains("KBM-0001"), "\(byName.out) \(byName.err)")
        let rightYear = try cli.run(["survivor", "find", "--identity-file", "-", "--birth-year", "1984"], input: #"{"name": "Siti Aminah"}"#)
        #expect(rightYear.out.contains("KBM-0001"))
        let wrongYear = try cli.run(["survivor", "find", "--identity-file", "-", "--birth-year", "1990", "--lang", "en"],
                                    input: #"{"name": "Siti Aminah"}"#)
        #expect(wrongYear.status == 0 && wrongYear.out.contains("Not found") && !wrongYear.out.contains("KBM-0001"))
        let someoneElse = try cli.run(["survivor", "find", "--identity-file", "-", "--lang", "en"], input: #"{"name": "Siti Rahma"}"#)
        #expect(someoneElse.out.contains("Not found"))
        let help = try cli.run(["survivor", "find", "--help", "--lang", "en"])
        #expect(help.out.contains("without it the name is searched in every birth year"), "\(help.out)")
        // Asking for help is not refused for the options not yet given.
        #expect(help.status == 0 && help.err.isEmpty, "\(help.err)")
        let indonesian = try cli.run(["survivor", "find", "-h"])
        #expect(indonesian.out.contains("tanpa ini nama dicari di semua tahun lahir") && indonesian.err.isEmpty, "\(indonesian.err)")
    }

    @Test func theFirstCommandAfterInitWritesNothingWhenRefused() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--as", "admin"]).status == 0)
        // Before, the WAL went with init's last connection and the next open wrote a new one.
        let before = [cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")]
        #expect(before[1] != nil)
        let refused = try cli.run(["site", "add", "--code", "k", "--name", "Kebumen", "--lang", "en"])
        #expect(refused.status == 1 && refused.err.contains("site code 'K'"), "\(refused.err)")
        #expect([cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")] == before)
    }
}
