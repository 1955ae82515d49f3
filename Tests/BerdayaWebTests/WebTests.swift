import BerdayaKit
import BerdayaTestSupport
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import BerdayaWeb

/// A clock the tests move forward.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value = Date(timeIntervalSince1970: 1_795_000_000)
    var now: Date { lock.withLock { value } }
    func advance(_ seconds: TimeInterval) { lock.withLock { value += seconds } }
}

/// The demo with one user per role, and the web app over it.
struct Site {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path
    let database: AppDatabase
    let env: WebEnvironment
    let clock = TestClock()
    let workspace: Workspace

    /// Where the web app writes workbooks before sending them: empty after every request.
    let reportsFolder: String
    /// Holds the database, its key and the reports folder; removed with the last copy of the site.
    let temporary: TemporaryFolder

    init(templates: String = Site.templates, passwordChecks: PasswordCheckGate = PasswordCheckGate()) async throws {
        temporary = try TemporaryFolder("web")
        let folder = temporary.path
        try DemoCache.copy(seed: 3, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        database = try AppDatabase.open(at: folder + "/demo.sqlite")
        let vault = Workspace.loadVault(for: database, keyPath: folder + "/demo.key", environment: [:])
        let today = DayDate(year: 2026, month: 11, day: 20)!
        workspace = try Workspace(database: database, vault: vault, actor: "setup", today: today)
        for (name, role) in [("admin", Role.admin), ("pendamping", .officer), ("bendahara", .treasurer), ("peninjau", .viewer)] {
            try Users.add(username: name, password: "kata-sandi-\(name)", role: role, cost: 4, in: workspace)
        }
        let clock = self.clock
        reportsFolder = folder + "/reports"
        try FileManager.default.createDirectory(atPath: reportsFolder, withIntermediateDirectories: true)
        env = try await WebEnvironment(database: database, vault: vault, templatesFolder: templates, clock: { clock.now },
                                       today: { today }, bcryptCost: 4, reportsFolder: reportsFolder, passwordChecks: passwordChecks)
    }

    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: WebApp.router(env))
        try await app.test(.router) { client in try await body(client) }
    }

    func count(_ sql: String) throws -> Int { try database.read { try Int.fetchOne($0, sql: sql)! } }
}

/// A browser: keeps its cookies, reads the CSRF and one-time tokens from the last page.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var lastPage = ""
    /// The client address to play (only where the site is tested with `Site.testFromAddresses`).
    var address: String?

    init(_ client: any TestClientProtocol) { self.client = client }

    struct Page { var status: HTTPResponse.Status; var body: String; var headers: HTTPFields; var bytes: Int }

    @discardableResult
    func get(_ path: String) async throws -> Page { try await send(path, method: .get, body: nil) }

    @discardableResult
    func post(_ path: String, _ fields: [String: String], csrf: Bool = true, once: String? = nil) async throws -> Page {
        var fields = fields
        if csrf, fields["_csrf"] == nil { fields["_csrf"] = token("_csrf") }
        if fields["_once"] == nil { fields["_once"] = once ?? token("_once") ?? UUID().uuidString }
        let body = fields.map { "\(escape($0.key))=\(escape($0.value))" }.joined(separator: "&")
        return try await send(path, method: .post, body: body)
    }

    func token(_ name: String) -> String? {
        guard let range = lastPage.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(lastPage[range.upperBound...].prefix { $0 != "\"" })
    }

    func signIn(_ user: String, password: String? = nil) async throws -> Page {
        try await get("/login")
        return try await post("/login", ["username": user, "password": password ?? "kata-sandi-\(user)"])
    }

    private func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }

    private func send(_ path: String, method: HTTPRequest.Method, body: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if body != nil { headers[.contentType] = "application/x-www-form-urlencoded" }
        if let address { headers[ClientAddresses.header] = address }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        for cookie in response.headers[values: .setCookie] {
            let pair = cookie.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if response.headers[.contentType]?.hasPrefix("text/html") == true { lastPage = text }
        return Page(status: response.status, body: text, headers: response.headers, bytes: response.body.readableBytes)
    }
}

@Suite struct WebTests {
    @Test func signingInSetsAStrictHttpOnlyCookieAndWrongPasswordsAreThrottled() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            let home = try await browser.get("/")
            #expect(home.status == .seeOther && home.headers[.location] == "/login")
            let wrong = try await browser.signIn("bendahara", password: "salah-sekali")
            #expect(wrong.status == .unauthorized && wrong.body.contains("Nama pengguna atau kata sandi salah"))
            let ok = try await browser.signIn("bendahara")
            #expect(ok.status == .seeOther)
            let cookie = ok.headers[values: .setCookie].first { $0.hasPrefix("berdaya_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"))
            #expect(try await browser.get("/").body.contains("bendahara"))

            // Three failures slow the name down (a short, capped wait, never a lock); even the
            // right password waits its turn (WebSecurityTests has the rules in full).
            let other = Browser(client)
            for _ in 0..<Users.freeFailures { _ = try await other.signIn("pendamping", password: "tebak-tebakan") }
            let slowed = try await other.signIn("pendamping")
            #expect(slowed.status == .tooManyRequests && slowed.body.contains("Terlalu banyak percobaan"))
            site.clock.advance(Double(Users.backoffBase))
            #expect(try await other.signIn("pendamping").status == .seeOther)
            // A session ends after 30 minutes without a request.
            site.clock.advance(31 * 60)
            #expect(try await browser.get("/").status == .seeOther)
        }
    }

    @Test func everyRoleIsDeniedWhatItMustNotSeeEvenByGuessingTheURL() async throws {
        let site = try await Site()
        let survivor = try Registry.list(in: site.workspace).first { !$0.erased }!.code
        let loan = try Loans.portfolio(asOf: site.workspace.today, in: site.workspace).loans.first!.code
        let pages = ["/", "/survivors", "/survivors/new", "/survivors/\(survivor)", "/cohorts", "/cohorts/KBM-2025-1", "/attendance/JBR-2026-1/2",
                     "/funds", "/funds/ZAKAT-PROD", "/ledger/disburse", "/loans", "/loans/\(loan)/repay", "/businesses", "/sales/new",
                     "/visits", "/visits/new", "/reports", "/users"]
        let program: Set = ["/survivors/new", "/survivors/\(survivor)", "/cohorts", "/cohorts/KBM-2025-1", "/attendance/JBR-2026-1/2",
                            "/businesses", "/sales/new", "/visits", "/visits/new"]
        let money: Set = ["/funds", "/funds/ZAKAT-PROD", "/ledger/disburse", "/loans", "/loans/\(loan)/repay"]
        try await site.test { client in
            for user in ["admin", "pendamping", "bendahara", "peninjau"] {
                let browser = Browser(client)
                _ = try await browser.signIn(user)
                for page in pages {
                    let allowed: Bool = switch user {
                    case "admin": true
                    case "pendamping": !money.contains(page) && page != "/users"
                    case "bendahara": !program.contains(page) && page != "/users"
                    default: ["/", "/reports"].contains(page)
                    }
                    let response = try await browser.get(page)
                    #expect(response.status == (allowed ? .ok : .forbidden), "\(user) \(page): \(response.status)")
                    #expect(response.bytes < 100_000, "\(page) weighs \(response.bytes) bytes")
                    // Not bare "SQL": a random form token may spell it.
                    #expect(!response.body.contains("Error") && !response.body.contains("SQLite") && !response.body.contains("sqlite"), "\(user) \(page)")
                    #expect(!response.body.contains("href=\"\""), "\(page) links a cell to nowhere")
                }
            }
        }
    }

    @Test func unknownPagesAndRecordsGetA404PageAndNothingLeaks() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let missing = try await browser.get("/tidak-ada")
            #expect(missing.status == .notFound && missing.body.contains("Halaman tidak ditemukan"))
            let record = try await browser.get("/survivors/KBM-9999")
            #expect(record.status == .notFound && record.body.contains("KBM-9999"))
            let session = try await browser.get("/attendance/JBR-2026-1/abc")
            #expect(session.status == .notFound)
        }
    }

    @Test func formsRefuseWithoutTheCSRFTokenAndKeepWhatWasTypedWhenInvalid() async throws {
        let site = try await Site()
        let entries = try site.count("SELECT count(*) FROM ledger_entry")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("bendahara")
            try await browser.get("/ledger/disburse")
            let forged = try await browser.post("/ledger/disburse", ["_csrf": "forged", "fund": "ZAKAT-PROD", "survivor": "KBM-0001",
                                                                     "amount": "100000", "line": "micro_grants", "date": "2026-11-19", "document": "KW-1"])
            #expect(forged.status == .forbidden && forged.body.contains("Formulir kedaluwarsa"))
            try await browser.get("/ledger/disburse")
            let invalid = try await browser.post("/ledger/disburse", ["fund": "ZAKAT-PROD", "survivor": "KBM-0001", "amount": "seratus ribu",
                                                                      "line": "micro_grants", "asnaf": "fakir", "date": "2026-11-19", "document": "KW-77"])
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.body.contains("value=\"seratus ribu\"") && invalid.body.contains("value=\"KW-77\""))
            #expect(invalid.body.contains("class=\"field invalid\"") && invalid.body.contains("bukan jumlah"), "\(invalid.body)")
            #expect(invalid.body.contains("<span class=\"message\">Jumlah (rupiah):"), "the message names the field as the form does")
        }
        #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries)
    }

    @Test func aDoubleSubmittedFormBooksOnce() async throws {
        let site = try await Site()
        let entries = try site.count("SELECT count(*) FROM ledger_entry")
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("bendahara")
            try await browser.get("/ledger/disburse")
            let once = try #require(browser.token("_once"))
            let fields = ["fund": "INFAQ", "survivor": "KBM-0002", "amount": "150.000", "line": "micro_grants", "date": "2026-11-19",
                          "document": "KW-900"]
            let first = try await browser.post("/ledger/disburse", fields, once: once)
            #expect(first.status == .seeOther, "\(first.body)")
            let second = try await browser.post("/ledger/disburse", fields, once: once)
            #expect(second.status == .ok && second.body.contains("tidak dicatat dua kali"))
        }
        #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries + 1)
    }

    @Test func anOfficerTakesAttendanceOnAPhoneAndRevealsIdentityWithAnAudit() async throws {
        let site = try await Site()
        let sessions = try Curriculum.sessions(cohortCode: "JBR-2026-1", in: site.workspace)
        let planned = try #require(sessions.first { $0.status == .planned && $0.date <= site.workspace.today } ?? sessions.first { $0.status == .held })
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            let page = try await browser.get("/attendance/JBR-2026-1/\(planned.number)")
            #expect(page.status == .ok && page.body.contains("type=\"radio\""))
            let members = try Attendance.register(SessionRef(cohort: "JBR-2026-1", number: planned.number), in: site.workspace).lines
            var marks = [String: String]()
            for (index, line) in members.enumerated() { marks["m-\(line.code)"] = index == 0 ? "absent" : "present" }
            marks["reason"] = "Koreksi daftar hadir"
            let saved = try await browser.post("/attendance/JBR-2026-1/\(planned.number)", marks)
            #expect(saved.status == .seeOther, "\(saved.body)")
            let register = try Attendance.register(SessionRef(cohort: "JBR-2026-1", number: planned.number), in: site.workspace)
            #expect(register.lines.first?.mark == .absent && register.lines.dropFirst().allSatisfy { $0.mark == .present })

            let code = members[1].code
            let name = try Registry.revealIdentity(code: code, in: site.workspace).fullName
            let profile = try await browser.get("/survivors/\(code)")
            #expect(!profile.body.contains(name))
            let revealed = try await browser.post("/survivors/\(code)/reveal", [:])
            #expect(revealed.status == .ok && revealed.body.contains(name))
            let audit = try AuditLog.entries(in: site.workspace, record: code)
            #expect(audit.contains { $0.action == "identity.read" && $0.actor == "pendamping" })

            let treasurer = Browser(client)
            _ = try await treasurer.signIn("bendahara")
            try await treasurer.get("/survivors")
            #expect(try await treasurer.post("/survivors/\(code)/reveal", [:]).status == .forbidden)
        }
    }

    @Test func aViewerDownloadsADonorWorkbookButNoRegisterWithNames() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("peninjau")
            let form = try await browser.get("/reports")
            #expect(form.body.contains("donor-report") && !form.body.contains("attendance-register"))
            let workbook = try await browser.post("/reports", ["template": "donor-report", "period": "2026", "language": "en"])
            #expect(workbook.status == .ok && workbook.headers[.contentDisposition]?.contains("donor-report_2026_en.xlsx") == true)
            #expect(workbook.bytes > 5_000)
            try await browser.get("/reports")
            let names = try await browser.post("/reports", ["template": "attendance-register", "cohort": "JBR-2026-1", "language": "id"])
            #expect(names.status == .forbidden)
            try await browser.get("/reports")
            let bad = try await browser.post("/reports", ["template": "donor-report", "period": "2026-Q7"])
            #expect(bad.status == .unprocessableContent && bad.body.contains("2026-Q7"))
        }
    }

    @Test func theLanguageSwitchIsRememberedPerUser() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            #expect(try await browser.get("/").body.contains("Beranda"))
            try await browser.post("/language", ["lang": "en", "back": "/"])
            #expect(try await browser.get("/").body.contains("Home"))
            let again = Browser(client)
            _ = try await again.signIn("pendamping")
            #expect(try await again.get("/cohorts").body.contains("Cohorts"))
        }
    }

    @Test func anAdminAddsAUserAndBadInputIsSaidNextToTheField() async throws {
        let site = try await Site()
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            try await browser.get("/users")
            let short = try await browser.post("/users", ["username": "bu.endah", "password": "pendek", "role": "officer"])
            #expect(short.status == .unprocessableContent && short.body.contains("paling sedikit 10 karakter") && short.body.contains("value=\"bu.endah\""))
            try await browser.get("/users")
            let added = try await browser.post("/users", ["username": "bu.endah", "password": "kata-sandi-panjang", "role": "officer"])
            #expect(added.status == .ok && added.body.contains("bu.endah"))
        }
        #expect(try Users.list(in: site.workspace).contains { $0.username == "bu.endah" && $0.role == .officer })
    }
}
