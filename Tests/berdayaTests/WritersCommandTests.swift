import BerdayaKit
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
