import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import BerdayaKit
@testable import BerdayaWeb

/// Issue 16, item 7: the server stays up and honest under load and accidents. Requests run off
/// the cooperative threads; bcrypt checks wait at a bounded gate; a database file deleted or
/// replaced under the server refuses everything; a body over the limit gets a 413 page.
@Suite struct ServerLimitsTests {

    @Test func everyRequestRunsOnTheBlockingPoolNotOnTheCooperativeThreads() async throws {
        let site = try await Site()
        let router = WebApp.router(site.env)
        router.get("/thread-name") { _, _ in BlockingWorkPool.isCurrentThreadInPool ? "pool" : "elsewhere" }
        let app = Application(router: router)
        try await app.test(.router) { client in
            let response = try await client.execute(uri: "/thread-name", method: .get)
            #expect(String(buffer: response.body) == "pool")
        }
    }

    @Test func theGateLetsAFewThroughQueuesSomeAndRefusesTheRest() async throws {
        let gate = PasswordCheckGate(atOnce: 1, queue: 1)
        try await gate.enter()
        let waiter = Task { try await gate.enter(); await gate.leave() }
        while await gate.load.waiting == 0 { try await Task.sleep(for: .milliseconds(5)) }
        await #expect(throws: WebError.self) { try await gate.enter() }
        await gate.leave()
        try await waiter.value
        let load = await gate.load
        #expect(load.running == 0 && load.waiting == 0)
    }

    @Test func signInsPastTheQueueGetATryAgainPageAndAKnownAndAnUnknownNameAlike() async throws {
        let gate = PasswordCheckGate(atOnce: 1, queue: 0)
        let site = try await Site(passwordChecks: gate)
        let attempts = try site.count("SELECT count(*) FROM login_attempt")
        try await site.test { client in
            try await gate.enter() // a sign-in in progress holds the only place
            for name in ["admin", "nobody-here"] {
                let browser = Browser(client)
                let busy = try await browser.signIn(name, password: "salah-sekali")
                #expect(busy.status == .serviceUnavailable, "\(name): \(busy.status)")
                #expect(busy.headers[.retryAfter] == "5" && busy.body.contains("coba lagi"), "\(name)")
            }
            #expect(try site.count("SELECT count(*) FROM login_attempt") == attempts, "a refused sign-in was counted")
            await gate.leave()
            let browser = Browser(client)
            #expect(try await browser.signIn("admin").status == .seeOther)
            #expect(try await Browser(client).signIn("nobody-here").status == .unauthorized)
        }
    }

    @Test func anUnknownNameIsCheckedAgainstAHashOfTheStoredCost() throws {
        // The test users are hashed at cost 4: a cost-12 dummy would make unknown names slower.
        #expect(DummyHashes.cost(of: "$2b$04$abcdefghijklmnopqrstuv") == 4)
        #expect(DummyHashes.cost(of: nil) == 12 && DummyHashes.cost(of: "garbage") == 12)
        #expect(Users.dummyHashes.hash(costOf: "$2b$04$abcdefghijklmnopqrstuv").hasPrefix("$2b$04$"))
        #expect(Users.dummyHashes.hash(costOf: "$2b$05$abcdefghijklmnopqrstuv").hasPrefix("$2b$05$"))
    }

    @Test func aBodyOverTheLimitGetsA413PageAndBooksNothing() async throws {
        let site = try await Site()
        let survivor = try Registry.list(in: site.workspace).first { !$0.erased && $0.code.hasPrefix("KBM") }!.code
        let visits = try site.count("SELECT count(*) FROM visit")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            try await browser.get("/visits/new")
            let fields = ["survivor": survivor, "kind": "follow_up", "date": "2026-11-19", "household": "4", "income-other": "0",
                          "note": String(repeating: "catatan ", count: 40_000)]
            let refused = try await browser.post("/visits", fields)
            #expect(refused.status == .contentTooLarge, "\(refused.status)")
            #expect(refused.body.contains("Formulir terlalu besar") && refused.body.contains("256 KB") && refused.body.contains("Tidak ada yang dicatat"))
            // In English for someone who chose it.
            try await browser.post("/language", ["lang": "en", "back": "/"])
            try await browser.get("/visits/new")
            let english = try await browser.post("/visits", fields)
            #expect(english.status == .contentTooLarge && english.body.contains("The form is too large"))
            #expect(try await browser.get("/").status == .ok, "still serving")
        }
        #expect(try site.count("SELECT count(*) FROM visit") == visits)
    }

    /// The 500 the fuzzer found on POST /visits (seed 20261129, 60 s): nineteen hostile values of
    /// thousands of characters each, over 256 KB together; reading the body threw
    /// NIOTooManyBytesError, which became a 500. The shape of that input, kept.
    @Test func theFuzzersFiveHundredOnVisitsIsNowA413() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            try await browser.get("/visits/new")
            var fields: [String: String] = [:]
            let long = String(repeating: "<script>x</script>9", count: 3_000)
            for name in ["giving", "note", "kind", "income-business", "survivor", "environment", "fifth", "prayer", "confidence",
                         "income-wage", "income-other", "migration", "household", "date", "fasting", "savings"] {
                fields[name] = name == "migration" ? "present" : long
            }
            let response = try await browser.post("/visits", fields)
            #expect(response.status == .contentTooLarge, "\(response.status)")
        }
    }

    @Test func aDeletedDatabaseFileRefusesEveryRequestAndNothingIsClaimedSaved() async throws {
        let site = try await Site()
        let survivor = try Registry.list(in: site.workspace).first { !$0.erased }!.code
        let entries = try site.count("SELECT count(*) FROM ledger_entry")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("bendahara")
            try await browser.get("/ledger/disburse")
            // SQLite keeps the deleted file open and would go on writing to it.
            try FileManager.default.removeItem(atPath: site.database.path)
            let refused = try await browser.post("/ledger/disburse", ["fund": "INFAQ-KBM", "survivor": survivor, "amount": "1000",
                                                                      "line": "micro_grants", "date": "2026-11-19", "document": "KW-GONE"])
            #expect(refused.status == .serviceUnavailable, "\(refused.status)")
            #expect(refused.body.contains("dihapus atau diganti") && refused.body.contains("berdaya serve")
                    && refused.body.contains("Tidak ada yang dicatat"), "\(refused.body.prefix(500))")
            #expect(!refused.body.contains("tercatat.") && !refused.body.contains("KW-GONE"))
            #expect(try await browser.get("/").status == .serviceUnavailable)
            #expect(try await browser.signIn("admin").status == .serviceUnavailable)
        }
        // The open (deleted) file got nothing either.
        #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries)
    }

    @Test func aReplacedDatabaseFileRefusesEveryPostInTheUsersLanguage() async throws {
        let site = try await Site()
        let survivor = try Registry.list(in: site.workspace).first { !$0.erased }!.code
        let entries = try site.count("SELECT count(*) FROM ledger_entry")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("bendahara")
            try await browser.get("/")
            #expect(try await browser.post("/language", ["lang": "en", "back": "/"]).status == .seeOther)
            try await browser.get("/ledger/disburse")
            // A restore or a copy put over it: a new file at the same path.
            let copy = site.database.path + ".copy"
            try FileManager.default.copyItem(atPath: site.database.path, toPath: copy)
            #expect(rename(copy, site.database.path) == 0)
            let refused = try await browser.post("/ledger/disburse", ["fund": "INFAQ-KBM", "survivor": survivor, "amount": "1000",
                                                                      "line": "micro_grants", "date": "2026-11-19", "document": "KW-GONE"])
            #expect(refused.status == .serviceUnavailable, "\(refused.status)")
            #expect(refused.body.contains("deleted or replaced") && refused.body.contains("restart berdaya serve"), "\(refused.body.prefix(500))")
        }
        #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries)
    }
}
