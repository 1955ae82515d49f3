import Foundation
import Testing

@Suite struct ThresholdCommandTests {
    @Test func theThresholdIsShownSetWithinBoundsAndARefusalChangesNothing() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let shown = try cli.run(["report", "threshold"])
        #expect(shown.status == 0 && shown.out.contains("Ambang: 5") && shown.out.contains("ditulis x"))
        let before = [cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")]
        let refused = try cli.run(["report", "threshold", "2", "--lang", "en"])
        #expect(refused.status == 1 && refused.err.contains("2 is outside 3–50"))
        #expect([cli.bytes("berdaya.sqlite"), cli.bytes("berdaya.sqlite-wal")] == before)
        let set = try cli.run(["report", "threshold", "11", "--lang", "en", "--json"])
        #expect(set.status == 0)
        #expect(set.out.replacingOccurrences(of: " ", with: "").contains("\"threshold\":11"))
        #expect(try cli.run(["report", "threshold", "--lang", "en"]).out.contains("counts of 1 to 10 people are hidden"))
    }
}
