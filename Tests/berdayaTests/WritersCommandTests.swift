@testable import BerdayaKit
import BerdayaTestSupport
import Foundation
import Testing

@Suite struct WritersCommandTests {
    @Test func manyProcessesWritingAtOnceAllSucceed() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--as", "admin"]).status == 0)
        let writers = 16
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: writers) { n in
            let code = "S" + String(UnicodeScalar(UInt8(65 + n))) + "X"
            let result = try? cli.run(["site", "add", "--code", code, "--name", "Site \(n)", "--as", "admin", "--lang", "en"])
            results.append(result?.status == 0 ? nil : (result?.err ?? "did not run"))
        }
        #expect(results.failures.isEmpty, "\(results.failures)")
        let listed = try cli.run(["site", "list", "--json"])
        let sites = try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]]
        #expect(sites?.count == writers)
    }
}

final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var failed: [String] = []
    func append(_ failure: String?) { lock.withLock { if let failure { failed.append(failure) } } }
    var failures: [String] { lock.withLock { failed } }
}

/// `berdaya demo` killed at random moments: its paths never name a database without its key.
@Suite struct DemoKillTests {
    struct SplitMix {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    /// Runs the demo and kills it with SIGKILL after `delay` seconds, unless it ended first.
    func demoKilled(after delay: Double, in cli: CLI) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["demo", "--db", "demo.sqlite", "--no-reports"]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning, Date() < deadline { usleep(2000) }
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    /// The invariant after any kill: a database at the demo's path opens with the key at its
    /// key path. A key alone may be left (a kill between placing the key and the database).
    func expectMatchingPair(in cli: CLI, _ comment: String) throws {
        let path = cli.folder + "/demo.sqlite", keyPath = cli.folder + "/demo.key"
        guard FileManager.default.fileExists(atPath: path) else { return }
        #expect(FileManager.default.fileExists(atPath: keyPath), "a database without its key \(comment)")
        let database = try AppDatabase.open(at: path)
        defer { try? database.close() }
        let vault = Workspace.loadVault(for: database, keyPath: keyPath, environment: [:])
        if case .failure(let error) = vault { Issue.record("the key does not open the database \(comment): \(error)") }
        #expect(try database.read { try Meta.value(for: Meta.demo, in: $0) } == "1", "\(comment)")
    }

    func leftovers(in cli: CLI) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cli.folder).filter { $0.contains(".building-") }
    }

    @Test func aKillAtAnyMomentLeavesADatabaseWithItsKeyAndTheNextRunCleansUp() throws {
        let cli = try CLI()
        // A whole run's length, as the later runs (which replace a demo) take it.
        var whole = Double.infinity
        for _ in 0..<2 {
            let started = Date()
            #expect(try !demoKilled(after: 600, in: cli))
            whole = min(whole, Date().timeIntervalSince(started))
        }
        try expectMatchingPair(in: cli, "after a whole run")
        var random = SplitMix(state: 20261129)
        var kills = 0
        for round in 0..<TestDepth.rounds(thorough: 12, quick: 6) {
            // Every third round starts from nothing, as a first demo on a new computer does.
            if round % 3 == 2 {
                for name in ["demo.sqlite", "demo.sqlite-wal", "demo.sqlite-shm", "demo.key"] {
                    try? FileManager.default.removeItem(atPath: cli.folder + "/" + name)
                }
            }
            let key = cli.bytes("demo.key")
            // Half the kills fall anywhere, half near the end where the files are moved.
            let delay = round % 2 == 0 ? 0.9 * random.next() * whole : whole * (0.6 + 0.4 * random.next())
            // A run that finished before its kill was faster than the timed ones (the rest of the
            // suite slowed those): later kills are drawn from a shorter run.
            if try demoKilled(after: delay, in: cli) { kills += 1 } else { whole *= 0.7 }
            let comment = "after a kill at \(String(format: "%.2f", delay)) s of \(String(format: "%.2f", whole)) s (round \(round))"
            try expectMatchingPair(in: cli, comment)
            if let key { #expect(cli.bytes("demo.key") == key, "the demo replaced a key \(comment)") }
        }
        #expect(kills >= TestDepth.rounds(thorough: 6, quick: 3), "too few runs were killed to prove anything: \(kills)")
        #expect(try !demoKilled(after: 600, in: cli))
        try expectMatchingPair(in: cli, "after the last whole run")
        #expect(try leftovers(in: cli) == [], "the next run removes what killed runs left")
    }

    @Test func aLiveRunsBuildingFolderIsLeftAlone() throws {
        let cli = try CLI()
        // This test process is alive: its "building folder" must survive another run.
        let live = cli.folder + "/demo.sqlite.building-\(getpid())"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: false)
        // A dead process's: pid 2^22+1 is beyond Linux's default pid_max.
        let dead = cli.folder + "/demo.sqlite.building-4194305"
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: false)
        #expect(try cli.run(["demo", "--db", "demo.sqlite", "--no-reports"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: live))
        #expect(!FileManager.default.fileExists(atPath: dead))
    }

    @Test func aRefusedDemoChangesNoFile() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--db", "demo.sqlite", "--as", "admin"]).status == 0)
        let dead = cli.folder + "/demo.sqlite.building-4194305"
        try FileManager.default.createDirectory(atPath: dead, withIntermediateDirectories: false)
        try FileManager.default.createDirectory(atPath: cli.folder + "/open", withIntermediateDirectories: false)
        // Every file's bytes but the -shm's, SQLite's live lock table, where a reader writes its read mark.
        let before = try FileManager.default.contentsOfDirectory(atPath: cli.folder).sorted()
            .map { ($0, $0.hasSuffix("-shm") ? nil : cli.bytes($0)) }.map { "\($0.0) \($0.1?.count ?? -1) \($0.1?.hashValue ?? 0)" }
        let real = try cli.run(["demo", "--db", "demo.sqlite", "--no-reports", "--lang", "en"])
        #expect(real.status == 1 && real.err.contains("is a real database") && real.err.contains("--db"), "\(real.err)")
        // Another folder: a demo whose key file others can read is refused too.
        try Data("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n".utf8).write(to: URL(fileURLWithPath: cli.folder + "/open/demo.key"))
        chmod(cli.folder + "/open/demo.key", 0o644)
        try FileManager.default.createDirectory(atPath: cli.folder + "/open/demo.sqlite.building-4194305", withIntermediateDirectories: false)
        let open = try cli.run(["demo", "--db", "open/demo.sqlite", "--no-reports", "--lang", "en"])
        #expect(open.status == 1, "\(open.out)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder + "/open").sorted() == ["demo.key", "demo.sqlite.building-4194305"])
        let after = try FileManager.default.contentsOfDirectory(atPath: cli.folder).sorted()
            .map { ($0, $0.hasSuffix("-shm") ? nil : cli.bytes($0)) }.map { "\($0.0) \($0.1?.count ?? -1) \($0.1?.hashValue ?? 0)" }
        #expect(after == before, "the refused demo changed the folder")
    }
}
