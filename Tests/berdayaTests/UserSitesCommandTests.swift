import Foundation
import Testing

@Suite struct UserSitesCommandTests {
    @Test func anOfficerIsLimitedToSitesFromTheCommandLineAndBadRequestsChangeNothing() throws {
        let cli = try CLI()
        #expect(try cli.run(["init", "--as", "admin"]).status == 0)
        for (code, name) in [("KBM", "Kebumen"), ("MDN", "Medan")] {
            #expect(try cli.run(["site", "add", "--code", code, "--name", name, "--as", "admin"]).status == 0)
        }
        for (user, role) in [("admin", "admin"), ("sari", "officer"), ("budi", "treasurer")] {
            let added = try cli.run(["user", "add", "--username", user, "--role", role, "--as", "admin"],
                                    environment: ["BERDAYA_PASSWORD": "kata-sandi-panjang"])
            #expect(added.status == 0, "\(added.err)")
        }
        let before = try cli.run(["user", "list", "--json"]).out
        let refusals: [([String], String)] = [
            (["user", "sites", "sari", "--site", "KBM", "--site", "XYZ"], "XYZ"),
            (["user", "sites", "budi", "--site", "KBM"], "only program officers"),
            (["user", "sites", "nobody", "--all"], "nobody"),
            (["user", "sites", "sari"], "--site"),
        ]
        for (arguments, expected) in refusals {
            let result = try cli.run(arguments + ["--lang", "en", "--as", "admin"])
            #expect(result.status != 0, "\(arguments)")
            #expect(result.err.contains(expected), "\(arguments): \(result.err)")
        }
        #expect(try cli.run(["user", "list", "--json"]).out == before, "a refusal changed a user")

        let limited = try cli.run(["user", "sites", "sari", "--site", "MDN", "--site", "kbm", "--as", "admin"])
        #expect(limited.status == 0 && limited.out.contains("sari kini hanya bekerja di situs KBM, MDN"), "\(limited.out) \(limited.err)")
        let list = try cli.run(["user", "list", "--lang", "en"])
        #expect(list.out.contains("KBM, MDN"), "\(list.out)")
        #expect(try cli.run(["audit", "--record", "sari", "--lang", "en"]).out.contains("user.sites"))
        let lifted = try cli.run(["user", "sites", "sari", "--all", "--lang", "en", "--as", "admin"])
        #expect(lifted.status == 0 && lifted.out.contains("every site"))
        #expect(!(try cli.run(["user", "list", "--json"]).out.contains("KBM")))
    }
}
