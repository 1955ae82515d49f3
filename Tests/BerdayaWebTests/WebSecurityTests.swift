@testable import BerdayaKit
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import BerdayaWeb

/// Plays clients at several addresses: a request's `X-Test-Address` header becomes the
/// context's address, as the socket's would be (the router test client has none).
struct ClientAddresses: HTTPResponderBuilder {
    static let header = HTTPFields.Element.Name("X-Test-Address")!
    let router: Router<WebContext>

    func buildResponder() -> Responder { Responder(inner: router.buildResponder()) }

    struct Responder: HTTPResponder {
        let inner: RouterResponder<WebContext>
        func respond(to request: Request, context: WebContext) async throws -> Response {
            var context = context
            if let address = request.headers[ClientAddresses.header] { context.address = address }
            return try await inner.respond(to: request, context: context)
        }
    }
}

extension Site {
    func testFromAddresses(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: ClientAddresses(router: WebApp.router(env)))
        try await app.test(.router) { client in try await body(client) }
    }

    /// A browser at `address`.
    func browser(_ client: any TestClientProtocol, at address: String) -> Browser {
        let browser = Browser(client)
        browser.address = address
        return browser
    }
}

/// Issue 18, item 4: sign-in throttled per address and per username (a capped backoff, never a
/// lock); redirects only to the app's own paths; the browser's protections on every response;
/// 413 for any oversized body; a sign-in form token the server issued; an invalid choice
/// refused beside its field.
@Suite struct WebSecurityTests {

    // MARK: Throttling

    @Test func aFloodFromOneAddressIsBlockedAcrossUsernamesKnownAndUnknown() async throws {
        let site = try await Site()
        try await site.testFromAddresses { client in
            let attacker = site.browser(client, at: "203.0.113.9")
            // Each name a few times only, so no username's backoff is what stops it.
            let names = ["admin", "bendahara", "pendamping", "peninjau"] + (0..<16).map { "tebakan-\($0)" }
            for name in names {
                let wrong = try await attacker.signIn(name, password: "salah-sekali")
                #expect(wrong.status == .unauthorized, "\(name): \(wrong.status)")
            }
            let attempts = try site.count("SELECT count(*) FROM login_attempt")
            // The address is spent: a new unknown name, and even a right password, are refused unchecked.
            for (name, password) in [("belum-pernah", "salah-sekali"), ("admin", "kata-sandi-admin")] {
                let blocked = try await attacker.signIn(name, password: password)
                #expect(blocked.status == .tooManyRequests, "\(name): \(blocked.status)")
                #expect(blocked.body.contains("dari alamat ini") && blocked.headers[.retryAfter] == "900", "\(blocked.headers)")
                #expect(!blocked.headers[values: .setCookie].contains { $0.hasPrefix("berdaya_session=") && !$0.hasPrefix("berdaya_session=;") })
            }
            #expect(try site.count("SELECT count(*) FROM login_attempt") == attempts, "a refused try was recorded")
            // Everyone else signs in as usual, the admin included.
            #expect(try await site.browser(client, at: "198.51.100.7").signIn("admin").status == .seeOther)
            // The window passes and the address may try again.
            site.clock.advance(Double(Users.throttleWindow) + 1)
            #expect(try await attacker.signIn("admin").status == .seeOther)
        }
    }

    @Test func anUnknownUsernameIsSlowedDownJustLikeAKnownOne() async throws {
        let site = try await Site()
        try await site.testFromAddresses { client in
            for name in ["admin", "tidak-ada-orangnya"] {
                // Each failure from another address, so only the username's rule applies.
                for index in 0..<Users.freeFailures {
                    let wrong = try await site.browser(client, at: "192.0.2.\(index)").signIn(name, password: "salah-sekali")
                    #expect(wrong.status == .unauthorized, "\(name) \(index): \(wrong.status)")
                }
                let slowed = try await site.browser(client, at: "192.0.2.99").signIn(name, password: "salah-sekali")
                #expect(slowed.status == .tooManyRequests, "\(name): \(slowed.status)")
                #expect(slowed.headers[.retryAfter] == "5" && slowed.body.contains("Tunggu 5 detik"), "\(name): \(slowed.headers)")
            }
        }
    }

    @Test func theBackoffGrowsAndIsCappedSoTheOwnerGetsInAfterAShortWait() async throws {
        let site = try await Site()
        try await site.testFromAddresses { client in
            // Attackers at many addresses fail for the admin as fast as the backoff lets them.
            var waits: [Int] = []
            for index in 0..<14 {
                let attacker = site.browser(client, at: "203.0.113.\(index)")
                var wrong = try await attacker.signIn("admin", password: "salah-sekali")
                if wrong.status == .tooManyRequests {
                    let wait = try #require(Int(wrong.headers[.retryAfter] ?? ""))
                    waits.append(wait)
                    site.clock.advance(Double(wait))
                    wrong = try await attacker.signIn("admin", password: "salah-sekali")
                }
                #expect(wrong.status == .unauthorized, "\(index): \(wrong.status)")
            }
            #expect(waits == [5, 10, 20, 40, 60, 60, 60, 60, 60, 60, 60], "\(waits)")
            // The owner, at an address of her own, is told to wait at most the cap, and then gets in.
            let owner = site.browser(client, at: "198.51.100.20")
            let told = try await owner.signIn("admin")
            #expect(told.status == .tooManyRequests && Int(told.headers[.retryAfter] ?? "") ?? 99 <= Int(Users.backoffCap))
            #expect(told.body.contains("Tunggu") && told.body.contains("detik"))
            site.clock.advance(Double(Users.backoffCap))
            #expect(try await owner.signIn("admin").status == .seeOther)
        }
    }

    @Test func anAttackerAtOneAddressIsBrakedAndCannotKeepTheOwnerOutFromElsewhere() async throws {
        let site = try await Site()
        try await site.testFromAddresses { client in
            let attacker = site.browser(client, at: "203.0.113.66")
            let victim = site.browser(client, at: "198.51.100.30")
            // One address tries the admin every five seconds for an hour, as soon as it may.
            var answered: [HTTPResponse.Status: Int] = [:]
            for _ in 0..<720 {
                answered[try await attacker.signIn("admin", password: "salah-sekali").status, default: 0] += 1
                site.clock.advance(5)
            }
            let checked = try site.count("SELECT count(*) FROM login_attempt WHERE address = '203.0.113.66'")
            // Its own backoff lets it check about one password a minute, and never more than the address's allowance.
            #expect(checked <= 4 * Users.maxFailuresPerAddress && checked < 80, "\(checked) passwords checked in an hour")
            #expect(answered[.unauthorized] == checked && (answered[.tooManyRequests] ?? 0) > 600, "\(answered)")
            // It goes on, each time the moment its wait ends, and the admin, elsewhere, gets in
            // at her first try: one address cannot hold her name's wait.
            for _ in 0..<60 {
                let attack = try await attacker.signIn("admin", password: "salah-sekali")
                if attack.status == .unauthorized { break }
                site.clock.advance(Double(attack.headers[.retryAfter].flatMap { Int($0) } ?? 1))
            }
            let signedIn = try await victim.signIn("admin")
            #expect(signedIn.status == .seeOther, "\(signedIn.status) \(signedIn.headers[.retryAfter] ?? "")")
        }
    }

    @Test func attackersElsewhereCannotSlowTheOwnerWhereSheSignedInBefore() async throws {
        let site = try await Site()
        try await site.testFromAddresses { client in
            let office = site.browser(client, at: "10.0.0.5")
            #expect(try await office.signIn("admin").status == .seeOther)
            site.clock.advance(60)
            for index in 0..<8 {
                _ = try await site.browser(client, at: "203.0.113.\(index)").signIn("admin", password: "salah-sekali")
                site.clock.advance(1)
            }
            #expect(try await site.browser(client, at: "198.51.100.40").signIn("admin").status == .tooManyRequests)
            #expect(try await site.browser(client, at: "10.0.0.5").signIn("admin").status == .seeOther)
            // Her own typos there still slow her down there.
            let typing = site.browser(client, at: "10.0.0.5")
            for _ in 0..<Users.freeFailures { #expect(try await typing.signIn("admin", password: "salah-ketik").status == .unauthorized) }
            #expect(try await typing.signIn("admin").status == .tooManyRequests)
        }
    }

    // MARK: Redirects

    @Test(arguments: ["/\\evil.example", "//evil.example", "https://evil.example", "/%5Cevil", "/%5cevil.example", "/%2F/evil.example",
                      "/\t/evil.example", "\\\\evil.example", "javascript:alert(1)", "/\u{0}x", " /cohorts", "evil.example", "///evil.example"])
    func theLanguageSwitchRedirectsOnlyToAPathOfTheApp(target: String) async throws {
        let site = try await Site()
        try await site.test { client in
            let signedOut = Browser(client)
            try await signedOut.get("/login")
            let before = try await signedOut.post("/language", ["lang": "en", "back": target])
            #expect(before.status == .seeOther && before.headers[.location] == "/", "\(target.debugDescription) → \(before.headers[.location] ?? "")")
            let signedIn = Browser(client)
            _ = try await signedIn.signIn("pendamping")
            try await signedIn.get("/")
            let after = try await signedIn.post("/language", ["lang": "en", "back": target])
            #expect(after.status == .seeOther && after.headers[.location] == "/", "\(target.debugDescription) → \(after.headers[.location] ?? "")")
        }
    }

    @Test func theLanguageSwitchKeepsAPathOfTheApp() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            try await browser.get("/")
            for path in ["/cohorts", "/cohorts/KBM-2025-1", "/login", "/visits/new?survivor=KBM-0001&kind=follow_up"] {
                try await browser.get("/cohorts")
                let switched = try await browser.post("/language", ["lang": "en", "back": path])
                #expect(switched.headers[.location] == path)
            }
        }
    }

    // MARK: Headers

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            var responses: [(String, Browser.Page)] = []
            responses.append(("login 200", try await browser.get("/login")))
            responses.append(("css 200", try await browser.get("/style.css")))
            responses.append(("signed out 303", try await browser.get("/funds")))
            responses.append(("forged sign-in 403", try await browser.post("/login", ["_csrf": "x", "username": "admin", "password": "x"])))
            responses.append(("413", try await browser.post("/login", ["note": String(repeating: "x", count: 300 * 1024)])))
            _ = try await browser.signIn("pendamping")
            responses.append(("home 200", try await browser.get("/")))
            responses.append(("404", try await browser.get("/tidak-ada")))
            responses.append(("record 404", try await browser.get("/survivors/KBM-9999")))
            responses.append(("403", try await browser.get("/funds")))
            #expect(responses.map(\.1.status.code) == [200, 200, 303, 403, 413, 200, 404, 404, 403])
            for (what, response) in responses {
                #expect(response.headers[HTTPFields.Element.Name("Content-Security-Policy")!] == SecurityHeaders.contentSecurityPolicy, "\(what)")
                #expect(response.headers[values: HTTPFields.Element.Name("X-Frame-Options")!] == ["DENY"], "\(what)")
                #expect(response.headers[values: HTTPFields.Element.Name("X-Content-Type-Options")!] == ["nosniff"], "\(what)")
                #expect(response.headers[HTTPFields.Element.Name("Referrer-Policy")!] == "same-origin", "\(what)")
            }
        }
        let policy = SecurityHeaders.contentSecurityPolicy
        for directive in ["default-src 'self'", "script-src 'self'", "style-src 'self'", "frame-ancestors 'none'", "base-uri 'none'",
                          "object-src 'none'", "form-action 'self'"] {
            #expect(policy.contains(directive))
        }
        #expect(!policy.contains("unsafe") && !policy.contains("http") && !policy.contains("*"))
    }

    /// The policy allows no inline script or style: no view may carry one.
    @Test func noViewHasAnInlineScriptOrStyle() throws {
        let views = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/BerdayaWeb/Views")
        let files = try FileManager.default.contentsOfDirectory(atPath: views.path).filter { $0.hasSuffix(".mustache") }
        #expect(files.count >= 5)
        for file in files {
            let text = try String(contentsOf: views.appendingPathComponent(file), encoding: .utf8).lowercased()
            for bad in ["<script", "<style", "style=", "javascript:", "http://", "https://", "//cdn"] {
                #expect(!text.contains(bad), "\(file) has \(bad)")
            }
            #expect(text.range(of: #"\son[a-z]+\s*="#, options: .regularExpression) == nil, "\(file) has an event handler")
        }
    }

    // MARK: Body limit

    @Test func aBodyOver256KBGetsA413OnEveryPostRouteSignedInOrNot() async throws {
        let site = try await Site()
        let routes = ["/login", "/logout", "/language", "/survivors", "/survivors/KBM-0001/reveal", "/attendance/JBR-2026-1/2",
                      "/ledger/disburse", "/loans/X/repay", "/sales", "/visits", "/reports", "/users", "/users/sites", "/tidak-ada"]
        let entries = try site.count("SELECT count(*) FROM ledger_entry")
        let attempts = try site.count("SELECT count(*) FROM login_attempt")
        try await site.test { client in
            let large = ["username": "admin", "password": "kata-sandi-admin", "note": String(repeating: "catatan ", count: 300 * 1024 / 8)]
            let signedOut = Browser(client)
            try await signedOut.get("/login")
            let signedIn = Browser(client)
            _ = try await signedIn.signIn("admin")
            for route in routes {
                for (who, browser) in [("signed out", signedOut), ("admin", signedIn)] {
                    let response = try await browser.post(route, large)
                    #expect(response.status == .contentTooLarge, "\(who) \(route): \(response.status)")
                    #expect(response.body.contains("Formulir terlalu besar"), "\(who) \(route)")
                }
            }
            // And with no Content-Length to go by: the body is read up to the limit and no further.
            let chunked = try await client.execute(uri: "/sales", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                                                   body: ByteBuffer(string: String(repeating: "a", count: 300 * 1024)))
            #expect(chunked.status == .contentTooLarge)
            #expect(try await signedIn.get("/").status == .ok)
        }
        #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries)
        #expect(try site.count("SELECT count(*) FROM login_attempt") == attempts + 1, "only the admin's own sign-in")
    }

    // MARK: The sign-in form's token

    @Test func aForgedSignInTokenPairIsRefusedAndAServerIssuedOneAccepted() async throws {
        let site = try await Site()
        try await site.test { client in
            // What an attacker can set: any equal cookie and field.
            let forged = Browser(client)
            forged.cookies["berdaya_login"] = "forged-token-of-my-own"
            let refused = try await forged.post("/login", ["_csrf": "forged-token-of-my-own", "username": "admin", "password": "kata-sandi-admin"])
            #expect(refused.status == .forbidden && refused.body.contains("tidak dikeluarkan oleh server ini"), "\(refused.status)")
            #expect(!refused.headers[values: .setCookie].contains { $0.hasPrefix("berdaya_session=") })
            // Shaped like a real one, with a MAC of another key.
            let otherKey = LoginFormKey(bytes: Array(repeating: 7, count: 32))
            let alien = Users.issueLoginFormToken(now: site.env.now, key: otherKey)
            forged.cookies["berdaya_login"] = alien
            #expect(try await forged.post("/login", ["_csrf": alien, "username": "admin", "password": "kata-sandi-admin"]).status == .forbidden)
            // A real one with its time changed.
            let real = Users.issueLoginFormToken(now: site.env.now, key: site.env.loginFormKey)
            let parts = real.split(separator: ".")
            let retimed = "\(site.env.now + 3600).\(parts[1]).\(parts[2])"
            forged.cookies["berdaya_login"] = retimed
            #expect(try await forged.post("/login", ["_csrf": retimed, "username": "admin", "password": "kata-sandi-admin"]).status == .forbidden)
            // A real one in the field but another in the cookie.
            forged.cookies["berdaya_login"] = real
            let other = Users.issueLoginFormToken(now: site.env.now, key: site.env.loginFormKey)
            #expect(try await forged.post("/login", ["_csrf": other, "username": "admin", "password": "kata-sandi-admin"]).status == .forbidden)
            // The language switch before sign-in holds to the same token.
            let switched = Browser(client)
            switched.cookies["berdaya_login"] = "forged-token-of-my-own"
            #expect(try await switched.post("/language", ["_csrf": "forged-token-of-my-own", "lang": "en", "back": "/login"]).status == .forbidden)
            #expect(try site.count("SELECT count(*) FROM login_attempt") == 0, "a refused form checked a password")

            // The form the server gave: accepted.
            let browser = Browser(client)
            try await browser.get("/login")
            let token = try #require(browser.token("_csrf"))
            #expect(browser.cookies["berdaya_login"] == token && Users.loginFormTokenIssued(token, now: site.env.now, key: site.env.loginFormKey) != nil)
            #expect(try await browser.post("/login", ["username": "admin", "password": "kata-sandi-admin"]).status == .seeOther)
            // The refusal in English for someone who chose it.
            let english = Browser(client)
            english.cookies["berdaya_lang"] = "en"
            english.cookies["berdaya_login"] = "forged"
            let englishRefusal = try await english.post("/login", ["_csrf": "forged", "username": "admin", "password": "x"])
            #expect(englishRefusal.status == .forbidden && englishRefusal.body.contains("was not issued by this server or has expired"))
        }
    }

    @Test func anExpiredSignInTokenIsRefusedAndTheNewFormWorks() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            try await browser.get("/login")
            let old = try #require(browser.token("_csrf"))
            site.clock.advance(Double(Users.loginFormLifetime) + 1)
            let expired = try await browser.post("/login", ["username": "admin", "password": "kata-sandi-admin"])
            #expect(expired.status == .forbidden && expired.body.contains("sudah kedaluwarsa"))
            #expect(try site.count("SELECT count(*) FROM login_attempt") == 0)
            // The page that said so carries a fresh token, in the form and the cookie.
            let fresh = try #require(browser.token("_csrf"))
            #expect(fresh != old && browser.cookies["berdaya_login"] == fresh)
            #expect(try await browser.post("/login", ["username": "admin", "password": "kata-sandi-admin"]).status == .seeOther)
        }
    }

    @Test func theSignInKeyIsKeptInTheDatabaseAcrossRestarts() async throws {
        let site = try await Site()
        let token = Users.issueLoginFormToken(now: site.env.now, key: site.env.loginFormKey)
        let again = try Users.loginFormKey(in: site.database)
        #expect(Users.loginFormTokenIssued(token, now: site.env.now, key: again) != nil)
        #expect(try site.count("SELECT count(*) FROM meta WHERE key = 'login_form_key'") == 1)
    }

    // MARK: Invalid choices

    @Test func aRoleNotOnTheListIsRefusedBesideItsFieldAndWritesNothing() async throws {
        let site = try await Site()
        let users = try site.count("SELECT count(*) FROM app_user")
        let audit = try site.count("SELECT count(*) FROM audit_log")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            try await browser.get("/users")
            let refused = try await browser.post("/users", ["username": "bu.super", "password": "kata-sandi-panjang", "role": "superuser"])
            #expect(refused.status == .unprocessableContent, "\(refused.status)")
            #expect(Self.invalidField("role", in: refused.body)?.contains("Peran: &#39;superuser&#39; tidak dikenal") == true, "\(Self.invalidField("role", in: refused.body) ?? refused.body)")
            #expect(refused.body.contains("value=\"bu.super\""), "what was typed is kept")
            #expect(refused.body.contains("<option value=\"officer\" selected>"), "not shown again as admin")
            try await browser.post("/language", ["lang": "en", "back": "/users"])
            try await browser.get("/users")
            let english = try await browser.post("/users", ["username": "bu.super", "password": "kata-sandi-panjang", "role": "superuser"])
            #expect(english.status == .unprocessableContent && Self.invalidField("role", in: english.body)?.contains("Role: &#39;superuser&#39; is not known") == true)
        }
        #expect(try site.count("SELECT count(*) FROM app_user") == users)
        #expect(try site.count("SELECT count(*) FROM audit_log") == audit)
    }

    /// Every select of every form, given a value not among its options: refused beside it.
    @Test(arguments: [
        ("/sales/new", "/sales", "channel", ["business": "", "product": "x", "quantity": "1"], "pendamping"),
        ("/visits/new", "/visits", "kind", ["survivor": "KBM-0001", "household": "4", "income-other": "0", "kind": "follow_up", "migration": "none", "confidence": "3", "prayer": "3", "fasting": "3", "giving": "3", "environment": "3", "fifth": "3"], "pendamping"),
        ("/visits/new", "/visits", "migration", ["survivor": "KBM-0001", "household": "4", "income-other": "0", "kind": "follow_up", "migration": "none", "confidence": "3", "prayer": "3", "fasting": "3", "giving": "3", "environment": "3", "fifth": "3"], "pendamping"),
        ("/visits/new", "/visits", "confidence", ["survivor": "KBM-0001", "household": "4", "income-other": "0", "kind": "follow_up", "migration": "none", "confidence": "3", "prayer": "3", "fasting": "3", "giving": "3", "environment": "3", "fifth": "3"], "pendamping"),
        ("/visits/new", "/visits", "fifth", ["survivor": "KBM-0001", "household": "4", "income-other": "0", "kind": "follow_up", "migration": "none", "confidence": "3", "prayer": "3", "fasting": "3", "giving": "3", "environment": "3", "fifth": "3"], "pendamping"),
        ("/ledger/disburse", "/ledger/disburse", "fund", ["survivor": "KBM-0001", "amount": "1000", "line": "micro_grants", "document": "KW-X"], "bendahara"),
        ("/ledger/disburse", "/ledger/disburse", "asnaf", ["fund": "ZAKAT-PROD", "survivor": "KBM-0001", "amount": "1000", "line": "micro_grants", "document": "KW-X"], "bendahara"),
        ("/survivors/new", "/survivors", "site", ["name": "Siti Contoh", "sex": "female"], "pendamping"),
        ("/survivors/new", "/survivors", "sex", ["name": "Siti Contoh", "site": "KBM"], "pendamping"),
        ("/reports", "/reports", "template", ["period": "2026", "language": "id"], "admin"),
        ("/reports", "/reports", "site", ["template": "donor-report", "period": "2026", "language": "id"], "admin"),
        ("/reports", "/reports", "language", ["template": "donor-report", "period": "2026"], "admin"),
        ("/users", "/users/sites", "officer", ["sites": ""], "admin"),
    ] as [(String, String, String, [String: String], String)])
    func aValueNotAmongASelectsOptionsIsRefusedBesideIt(form: String, action: String, field: String, values: [String: String], user: String) async throws {
        let site = try await Site()
        let before = try Self.rowCounts(site)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn(user)
            try await browser.get(form)
            var fields = values
            fields[field] = "bukan-pilihan-<b>9</b>"
            let refused = try await browser.post(action, fields)
            #expect(refused.status == .unprocessableContent || refused.status == .badRequest, "\(action) \(field): \(refused.status)")
            let message = Self.invalidField(field, in: refused.body)
            #expect(message != nil, "\(action) \(field): no message beside it\n\(refused.body.prefix(3000))")
            #expect(!refused.body.contains("<b>9</b>"), "escaped")
        }
        #expect(try Self.rowCounts(site) == before, "\(action) \(field) wrote something")
    }

    // MARK: Helpers

    /// The message beside the field named `name`, if the page marks it invalid.
    static func invalidField(_ name: String, in page: String) -> String? {
        guard let start = page.range(of: "<div class=\"field invalid\">\n  <label for=\"f-\(name)\">"),
              let end = page.range(of: "</div>", range: start.upperBound..<page.endIndex) else { return nil }
        let block = page[start.upperBound..<end.lowerBound]
        guard let message = block.range(of: "<span class=\"message\">"),
              let close = block.range(of: "</span>", range: message.upperBound..<block.endIndex) else { return nil }
        return String(block[message.upperBound..<close.lowerBound])
    }

    static func rowCounts(_ site: Site) throws -> [Int] {
        try ["app_user", "user_site", "survivor", "visit", "sale", "ledger_entry", "audit_log", "form_submission"].map {
            try site.count("SELECT count(*) FROM \($0)")
        }
    }
}
