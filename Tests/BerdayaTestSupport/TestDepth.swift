import Foundation

/// How hard the time-consuming tests press: quick by default, so `swift test` on a developer's
/// machine stays near a minute, and thorough with `BERDAYA_THOROUGH=1` (set by `.ci/run`): more
/// seeded kill moments, longer fuzzing. Both run the same checks; only the number of draws
/// differs. `BERDAYA_FUZZ_SECONDS` still sets the fuzzers' time outright.
public enum TestDepth {
    /// Whether this run asked for the thorough depth.
    public static let thorough = ProcessInfo.processInfo.environment["BERDAYA_THOROUGH"] == "1"

    /// The number of rounds of a repeated attack (kills at seeded moments): `thorough` in a
    /// thorough run, else `quick`.
    public static func rounds(thorough full: Int, quick: Int) -> Int { thorough ? full : quick }

    /// Seconds a time-budgeted fuzzer runs: `BERDAYA_FUZZ_SECONDS` if given, else `thorough` in
    /// a thorough run and `quick` otherwise.
    public static func fuzzSeconds(thorough full: TimeInterval, quick: TimeInterval) -> TimeInterval {
        if let given = Double(ProcessInfo.processInfo.environment["BERDAYA_FUZZ_SECONDS"] ?? "") { return given }
        return thorough ? full : quick
    }
}
