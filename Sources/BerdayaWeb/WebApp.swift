import BerdayaKit
import BerdayaReports
import Foundation
import Hummingbird
import Mustache

/// Everything the web app needs, shared by every request.
public struct WebEnvironment: Sendable {
    public let database: AppDatabase
    public let vault: Result<IdentityVault, AccessError>
    public let templatesFolder: String
    /// Where a workbook is written before it is sent (each in a folder of its own, removed after).
    public let reportsFolder: String
    let views: MustacheLibrary
    let stylesheet: String
    /// The clock, in seconds; tests move it to expire sessions and throttles.
    public let clock: @Sendable () -> Date
    public let today: @Sendable () -> DayDate
    /// Bcrypt cost for users added in the app (tests use a low one).
    public let bcryptCost: UInt8
    /// Send cookies with the Secure attribute (behind HTTPS).
    public let secureCookies: Bool
    /// Bounds the bcrypt checks running at once (sign-ins, new users' passwords).
    public let passwordChecks: PasswordCheckGate
    /// Whether the database file at the path is still the one opened (refuses every request if not).
    public let fileWatch: DatabaseFileWatch
    /// Where requests run, off Swift's cooperative threads.
    public let blockingPool: BlockingWorkPool
    /// Signs the sign-in form's tokens (kept in the database's meta, made on first use).
    let loginFormKey: LoginFormKey

    /// Everything the pages need, loaded once when the server starts: the views, the stylesheet,
    /// the sign-in form's key; refuses a build whose views are missing.
    public init(database: AppDatabase, vault: Result<IdentityVault, AccessError>, templatesFolder: String,
                clock: @escaping @Sendable () -> Date = { Date() }, today: (@Sendable () -> DayDate)? = nil,
                bcryptCost: UInt8 = 12, secureCookies: Bool = false, reportsFolder: String = NSTemporaryDirectory(),
                passwordChecks: PasswordCheckGate = PasswordCheckGate(), blockingPool: BlockingWorkPool = .shared) async throws {
        self.database = database
        fileWatch = DatabaseFileWatch(path: database.path)
        self.passwordChecks = passwordChecks
        self.blockingPool = blockingPool
        loginFormKey = try Users.loginFormKey(in: database)
        self.vault = vault
        self.templatesFolder = templatesFolder
        self.reportsFolder = reportsFolder
        guard let folder = Bundle.module.path(forResource: "Views", ofType: nil) else {
            throw WebSetupError.viewsMissing
        }
        views = try await MustacheLibrary(directory: folder)
        stylesheet = (try? String(contentsOfFile: folder + "/style.css", encoding: .utf8)) ?? ""
        self.clock = clock
        self.today = today ?? { DayDate.today() }
        self.bcryptCost = bcryptCost
        self.secureCookies = secureCookies
    }

    var now: Int64 { Int64(clock().timeIntervalSince1970) }

    /// What the signed-in user's services work with. A booking made once per form passes its
    /// form's claim, so the one-time token is spent in the booking's own transaction.
    func workspace(_ context: WebContext, claim: AppDatabase.WriteClaim? = nil) throws -> Workspace {
        guard let user = context.session?.user else { throw WebError.signInNeeded }
        let workspace = try Workspace(database: database, vault: vault, actor: user.username, today: today(), clock: clock)
        return claim.map(workspace.claiming) ?? workspace
    }
}

/// Why the web app cannot start: said to whoever ran `berdaya serve`, in English (a build fault).
public enum WebSetupError: Error, CustomStringConvertible {
    case viewsMissing
    public var description: String { "The web app's views are missing from the build (Views resource)." }
}

/// The web app: routes, middleware and pages over the same BerdayaKit services as the command line.
public enum WebApp {
    /// Every route, behind the middleware that runs requests off the cooperative threads, turns
    /// failures into pages and sets the security headers; `berdaya serve` and the tests share it.
    public static func router(_ env: WebEnvironment) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        // Outermost, so that every response gets them, whatever made it.
        router.add(middleware: SecurityHeaders())
        // Then, so that everything after it (the session read, every handler) runs off the cooperative threads.
        router.add(middleware: OffBlockingPool(pool: env.blockingPool))
        router.add(middleware: ErrorPages(env: env))
        router.add(middleware: BodyLimit())
        let pages = Pages(env: env)
        router.get("/style.css") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=86400"],
                     body: .init(byteBuffer: ByteBuffer(string: env.stylesheet)))
        }
        router.get("/login") { request, context in try pages.loginForm(request, context) }
        router.post("/login") { request, context in try await pages.login(request, context) }
        router.post("/logout") { request, context in try await pages.logout(request, context) }
        router.post("/language") { request, context in try await pages.language(request, context) }
        router.get("/") { request, context in try pages.dashboard(request, context) }
        router.get("/survivors") { request, context in try pages.survivors(request, context) }
        router.get("/survivors/new") { request, context in try pages.registerForm(request, context) }
        router.post("/survivors") { request, context in try await pages.register(request, context) }
        router.get("/survivors/:code") { request, context in try pages.survivor(request, context) }
        router.post("/survivors/:code/reveal") { request, context in try await pages.reveal(request, context) }
        router.get("/cohorts") { request, context in try pages.cohorts(request, context) }
        router.get("/cohorts/:code") { request, context in try pages.cohort(request, context) }
        router.get("/cohorts/:code/sessions/new") { request, context in try pages.sessionForm(request, context) }
        router.post("/cohorts/:code/sessions") { request, context in try await pages.planSession(request, context) }
        router.get("/sessions/:cohort/:number/move") { request, context in try pages.sessionChangeForm(request, context, move: true) }
        router.post("/sessions/:cohort/:number/move") { request, context in try await pages.changeSession(request, context, move: true) }
        router.get("/sessions/:cohort/:number/cancel") { request, context in try pages.sessionChangeForm(request, context, move: false) }
        router.post("/sessions/:cohort/:number/cancel") { request, context in try await pages.changeSession(request, context, move: false) }
        router.get("/attendance/:cohort/:number") { request, context in try pages.attendanceForm(request, context) }
        router.post("/attendance/:cohort/:number") { request, context in try await pages.attendance(request, context) }
        router.get("/funds") { request, context in try pages.funds(request, context) }
        router.get("/funds/:code") { request, context in try pages.cashBook(request, context) }
        router.get("/ledger/disburse") { request, context in try pages.disburseForm(request, context) }
        router.post("/ledger/disburse") { request, context in try await pages.disburse(request, context) }
        router.get("/loans") { request, context in try pages.loans(request, context) }
        router.get("/loans/:code/repay") { request, context in try pages.repayForm(request, context) }
        router.post("/loans/:code/repay") { request, context in try await pages.repay(request, context) }
        router.get("/businesses") { request, context in try pages.businesses(request, context) }
        router.get("/sales/new") { request, context in try pages.saleForm(request, context) }
        router.post("/sales") { request, context in try await pages.sale(request, context) }
        router.get("/visits") { request, context in try pages.visitsDue(request, context) }
        router.get("/visits/new") { request, context in try pages.visitForm(request, context) }
        router.post("/visits") { request, context in try await pages.visit(request, context) }
        router.get("/reports") { request, context in try pages.reportForm(request, context) }
        router.post("/reports") { request, context in try await pages.report(request, context) }
        router.get("/users") { request, context in try pages.users(request, context) }
        router.post("/users") { request, context in try await pages.addUser(request, context) }
        router.post("/users/sites") { request, context in try await pages.limitSites(request, context) }
        return router
    }

    /// The app on a socket. `onListening` runs once the socket is bound, with the port bound.
    public static func application(_ env: WebEnvironment, host: String, port: Int,
                                   onListening: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        Application(router: router(env), configuration: .init(address: .hostname(host, port: port), serverName: "Berdaya"),
                    onServerRunning: { channel in await onListening(channel.localAddress?.port ?? port) })
    }
}

/// Loads the session named by the cookie, if it is live (ErrorPages calls it, to know the user).
enum SessionLoader {
    static func load(_ request: Request, _ context: inout WebContext, _ env: WebEnvironment) throws {
        if let token = request.cookies["berdaya_session"]?.value, !token.isEmpty {
            context.session = try Users.session(token: token, now: env.now, in: env.database)
            context.sessionToken = context.session == nil ? nil : token
        }
    }
}

/// Turns every failure into a page in the user's language: 404, 403, 413, 503, a sign-in
/// redirect, or a plain 500 that never shows a stack trace or SQL. It loads the session
/// itself, so that its pages know the user and her language.
struct ErrorPages: RouterMiddleware {
    let env: WebEnvironment

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.chosenLanguage = request.cookies["berdaya_lang"].flatMap { Language(setting: $0.value) }
        context.savedNotice = request.cookies[SavedNotice.cookie].flatMap { SavedNotice.decode($0.value) }
        context.pageAddress = request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
        do {
            // A file deleted or replaced under the server: nothing it saves now would be kept.
            if request.uri.path != "/style.css", !env.fileWatch.isSameFile { throw WebError.databaseFileGone }
            try SessionLoader.load(request, &context, env)
            return try await next(request, context)
        } catch let refusal as FormRefusal {
            return refusal.response
        } catch WebError.databaseFileGone {
            context.logger.error("the database file \(env.database.path) was deleted or replaced; refusing every request until restarted")
            var response = Pages(env: env).message(
                context, status: .serviceUnavailable, title: context.text("Basis data berubah", "The database has changed"),
                text: context.text("Berkas basis data yang dibuka server ini telah dihapus atau diganti. Supaya tidak ada yang tampak tersimpan lalu hilang, server tidak menerima apa pun lagi. Tidak ada yang dicatat dari permintaan ini. Minta admin menjalankan ulang berdaya serve.",
                        "The database file this server opened has been deleted or replaced. So that nothing seems saved and is then lost, the server accepts nothing more. Nothing was recorded from this request. Ask your admin to restart berdaya serve."))
            response.headers[.retryAfter] = "60"
            return response
        } catch WebError.busy {
            var response = Pages(env: env).message(
                context, status: .serviceUnavailable, title: context.text("Sedang sibuk", "Busy"),
                text: context.text("Terlalu banyak orang masuk pada saat yang sama. Tidak ada yang dicatat. Tunggu sebentar lalu coba lagi.",
                        "Too many people are signing in at the same moment. Nothing was recorded. Wait a moment and try again."),
                link: ("/login", context.text("Coba lagi", "Try again")))
            response.headers[.retryAfter] = "5"
            return response
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            return Pages(env: env).message(
                context, status: .contentTooLarge, title: context.text("Formulir terlalu besar", "The form is too large"),
                text: context.text("Formulir yang dikirim lebih dari \(context.maxUploadSize / 1024) KB. Tidak ada yang dicatat. Perpendek isinya (misalnya catatan) lalu kirim lagi.",
                        "The form sent is over \(context.maxUploadSize / 1024) KB. Nothing was recorded. Shorten what was typed (a note, say) and send it again."))
        } catch WebError.signInNeeded {
            return Response(status: .seeOther, headers: [.location: "/login"])
        } catch WebError.forbidden {
            return Pages(env: env).message(context, status: .forbidden, title: context.text("Tidak diizinkan", "Not allowed"),
                                           text: context.text("Peran Anda tidak boleh membuka halaman ini.", "Your role may not open this page."))
        } catch let WebError.refused(reason) {
            return Pages(env: env).message(context, status: .forbidden, title: context.text("Tidak diizinkan", "Not allowed"),
                                           text: reason(context.language))
        } catch let refusal as ReportAccessError {
            var text = refusal.message(context.language)
            if let hint = refusal.formHint { text += " " + hint(context.language) }
            return Pages(env: env).message(context, status: .forbidden, title: context.text("Tidak diizinkan", "Not allowed"), text: text)
        } catch WebError.badCSRF {
            return Pages(env: env).message(context, status: .forbidden, title: context.text("Formulir kedaluwarsa", "Form expired"),
                                           text: context.text("Formulir ini tidak dapat diterima. Muat ulang halaman lalu coba lagi.",
                                                   "This form could not be accepted. Reload the page and try again."))
        } catch WebError.notFound {
            return notFound(context)
        } catch let error as HTTPError where error.status == .notFound {
            return notFound(context)
        } catch let error as StorageError {
            // Its text names the database file and SQLite's own words: for the log, not the page.
            context.logger.error("request failed: storage error \(String(describing: error).prefix(80))")
            return Pages(env: env).message(context, status: .internalServerError, title: context.text("Terjadi kesalahan", "Something went wrong"),
                                           text: context.text("Basis data tidak dapat menyelesaikan permintaan ini. Tidak ada yang dicatat. Coba lagi, atau hubungi admin.",
                                                   "The database could not complete this request. Nothing was recorded. Try again, or ask your admin."))
        } catch let error as StoredAmountError {
            // A row from before amounts were bounded: the page says which, and how to get past it.
            return Pages(env: env).message(context, status: .conflict, title: context.text("Jumlah tersimpan di luar batas", "A stored amount is out of bounds"),
                                           text: Self.explained(error, context))
        } catch let error as InputError {
            // A query parameter as typed in the address bar (a period, a month): the request was bad, the page exists.
            return Pages(env: env).message(context, status: .badRequest, title: context.text("Permintaan tidak sah", "Bad request"),
                                           text: Self.explained(error, context))
        } catch let error as any UserFacingError {
            // A record named in the URL that does not exist reads as "not found".
            return Pages(env: env).message(context, status: .notFound, title: context.text("Tidak ditemukan", "Not found"),
                                           text: error.message(context.language))
        } catch {
            context.logger.error("request failed: \(String(describing: type(of: error)))")
            return Pages(env: env).message(context, status: .internalServerError, title: context.text("Terjadi kesalahan", "Something went wrong"),
                                           text: context.text("Permintaan ini tidak dapat diselesaikan. Tidak ada yang dicatat. Coba lagi, atau hubungi admin.",
                                                   "This request could not be completed. Nothing was recorded. Try again, or ask your admin."))
        }
    }

    static func explained(_ error: any UserFacingError, _ context: WebContext) -> String {
        error.message(context.language) + (error.formHint.map { " " + $0(context.language) } ?? "")
    }

    private func notFound(_ context: WebContext) -> Response {
        Pages(env: env).message(context, status: .notFound, title: context.text("Halaman tidak ditemukan", "Page not found"),
                                text: context.text("Alamat ini tidak ada di Berdaya.", "There is no such page in Berdaya."))
    }
}

