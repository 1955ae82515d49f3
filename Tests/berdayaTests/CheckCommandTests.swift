import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func aSoundDatabasePassesInEitherLanguageAndNoByteChanges() throws {
        let cli = try CLI()
        try cli.prepared()
        let before = [cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")]
        let indonesian = try cli.run(["check"])
        #expect(indonesian.status == 0, "\(indonesian.out)\(indonesian.err)")
        #expect(indonesian.out.contains("ok     Rantai hash buku kas"))
        #expect(indonesian.out.contains("Semua pemeriksaan lulus."))
        let english = try cli.run(["check", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.out.contains("ok     Hash chain of the audit log"))
        #expect(english.out.contains("Every check passed."))
        #expect([cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")] == before)
    }

    @Test func aWrongKeyIsAProblemWithANonZeroExitAndJSONForScripts() throws {
        let cli = try CLI()
        try cli.prepared()
        let other = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let text = try cli.run(["check", "--lang", "en"], environment: ["BERDAYA_KEY": other])
        #expect(text.status == 1)
        #expect(text.out.contains("PROBLEM The identity key belongs to this database"))
        #expect(text.out.contains("1 problem(s) found."))
        let json = try cli.run(["check", "--json", "--lang", "en"], environment: ["BERDAYA_KEY": other])
        #expect(json.status == 1)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any]
        #expect(decoded?["ok"] as? Bool == false)
        let checks = decoded?["checks"] as? [[String: Any]] ?? []
        #expect(checks.count == 8)
        #expect(checks.filter { $0["ok"] as? Bool == false }.map { $0["check"] as? String } == ["key"])
        let help = try cli.run(["check", "--help"])
        #expect(help.out.contains("hanya-baca"))
        #expect(try cli.run(["check", "--help", "--lang", "en"]).out.contains("read-only"))
    }

    @Test func aMissingDatabaseIsRefusedAndNotCreated() throws {
        let cli = try CLI()
        let result = try cli.run(["check", "--db", "none.sqlite"])
        #expect(result.status == 1)
        #expect(result.err.contains("none.sqlite"))
        #expect(cli.bytes("none.sqlite") == nil)
    }
}
