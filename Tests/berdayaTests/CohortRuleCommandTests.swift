import Foundation
import Testing

/// `berdaya cohort rule` changes only what it is given.
@Suite struct CohortRuleCommandTests {
    func rule(_ cli: CLI) throws -> (percent: Int?, needsPost: Bool?) {
        let progress = try cli.run(["cohort", "progress", "KBM-2025-1", "--json"])
        let json = try JSONSerialization.jsonObject(with: Data(progress.out.utf8)) as? [String: Any]
        let rule = json?["rule"] as? [String: Any]
        return (rule?["percent"] as? Int, rule?["needsPostAssessment"] as? Bool)
    }

    @Test func settingOnePartOfTheRuleKeepsTheOther() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["cohort", "create", "--site", "KBM", "--name", "Kue kering", "--program", "P",
                             "--start", "2025-07-01", "--end", "2025-10-31"]).status == 0)
        #expect(try rule(cli) == (75, true))
        #expect(try cli.run(["cohort", "rule", "KBM-2025-1", "--percent", "80"]).status == 0)
        #expect(try rule(cli) == (80, true))
        // Used to reset the percent to 75.
        #expect(try cli.run(["cohort", "rule", "KBM-2025-1", "--post-assessment", "no"]).status == 0)
        #expect(try rule(cli) == (80, false))
        // Used to reset the post assessment to yes.
        #expect(try cli.run(["cohort", "rule", "KBM-2025-1", "--percent", "90"]).status == 0)
        #expect(try rule(cli) == (90, false))
    }

    @Test func aRuleWithNothingToChangeOrOutOfBoundsIsRefusedAndWritesNothing() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["cohort", "create", "--site", "KBM", "--name", "Kue kering", "--program", "P",
                             "--start", "2025-07-01", "--end", "2025-10-31"]).status == 0)
        let before = cli.bytes("berdaya.sqlite")
        for (arguments, expected) in [(["--lang", "en"], "--percent / --post-assessment is required"),
                                      (["--percent", "0", "--lang", "en"], "outside 1–100"),
                                      (["--percent", "101", "--lang", "en"], "outside 1–100"),
                                      (["--post-assessment", "maybe", "--lang", "en"], "--post-assessment")] {
            let result = try cli.run(["cohort", "rule", "KBM-2025-1"] + arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(cli.bytes("berdaya.sqlite") == before)
    }
}
