import Foundation
import Testing

/// `berdaya serve`'s refusals: a port out of range, a port in use, no users yet. Each says what
/// was wrong in the words of the command line, exits non-zero, never claims to be running,
/// and leaves the database as it was.
@Suite struct ServeCommandTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path

    /// Every file in the folder with its bytes and modification time. A `-shm` file counts by its
    /// presence only: it is SQLite's shared-memory index of the WAL, not data, and any reader of
    /// a database in WAL mode writes its read mark there (`init` leaves its database in WAL mode).
    static func snapshot(_ cli: CLI) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: cli.folder) {
            if name.hasSuffix("-shm") { files[name] = "present"; continue }
            let attributes = try FileManager.default.attributesOfItem(atPath: cli.folder + "/" + name)
            let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            files[name] = "\(cli.bytes(name)?.hashValue ?? 0) \(modified)"
        }
        return files
    }

    @Test(arguments: ["99999", "0", "65536"])
    func aPortOutOfRangeIsRefusedNamingTheFlagAndTheRange(_ port: String) throws {
        let cli = try CLI()
        let refused = try cli.run(["serve", "--port", port])
        #expect(refused.status != 0)
        #expect(refused.err.contains("--port") && refused.err.contains("1") && refused.err.contains("65535"), "\(refused.err)")
        #expect(!refused.out.contains("berjalan") && !refused.out.contains("running"))
        let english = try cli.run(["serve", "--port", port, "--lang", "en"])
        #expect(english.status != 0 && english.err.contains("a port is between 1 and 65535"), "\(english.err)")
    }

    @Test func servingWithoutUsersIsRefusedAndChangesNoFile() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        let before = try Self.snapshot(cli)
        let refused = try cli.run(["serve", "--templates", Self.templates])
        #expect(refused.status == 1)
        #expect(refused.err.contains("Belum ada pengguna") && refused.err.contains("berdaya user add"), "\(refused.err)")
        #expect(!refused.out.contains("berjalan"))
        #expect(try Self.snapshot(cli) == before, "a refused serve changed or created a file")
    }

    @Test func aPortInUseIsSaidWithTheFlagAndServeExitsWithoutClaimingToRun() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["user", "add", "--username", "admin", "--role", "admin"], environment: ["BERDAYA_PASSWORD": "kata-sandi-admin-1"]).status == 0)
        let (socket, port) = try Self.listeningSocket()
        defer { close(socket) }
        let refused = try cli.run(["serve", "--port", String(port), "--templates", Self.templates])
        #expect(refused.status == 1)
        #expect(refused.err.contains("Port \(port)") && refused.err.contains("sudah dipakai") && refused.err.contains("--port"), "\(refused.err)")
        #expect(!refused.out.contains("berjalan"), "\(refused.out)")
        let english = try cli.run(["serve", "--port", String(port), "--templates", Self.templates, "--lang", "en"])
        #expect(english.status == 1 && english.err.contains("already in use") && !english.out.contains("running"), "\(english.err)")
    }

    @Test func runningIsSaidOnceTheSocketIsBoundAndConnectable() throws {
        let cli = try CLI()
        #expect(try cli.run(["init"]).status == 0)
        #expect(try cli.run(["user", "add", "--username", "admin", "--role", "admin"], environment: ["BERDAYA_PASSWORD": "kata-sandi-admin-1"]).status == 0)
        let (probe, port) = try Self.listeningSocket()
        close(probe) // a port that was free a moment ago
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["serve", "--port", String(port), "--templates", Self.templates]
        process.currentDirectoryURL = URL(fileURLWithPath: cli.folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { process.terminate(); process.waitUntilExit() }
        // A server that never says it runs is stopped after a minute, which ends the read below.
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { [process] in if process.isRunning { process.terminate() } }
        var said = ""
        while !said.contains("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            said += String(decoding: chunk, as: UTF8.self)
        }
        #expect(said.contains("Berdaya berjalan di http://127.0.0.1:\(port)"), "\(said)")
        // Said only after the bind: a connection is accepted at once.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        #expect(connected)
    }

    /// A socket listening on a free loopback port, as another program would hold it.
    static func listeningSocket() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw CocoaError(.fileWriteUnknown) }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
