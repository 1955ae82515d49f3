import BerdayaKit
import Foundation
import Hummingbird

extension Pages {
    // MARK: Sign-in

    func loginForm(_ request: Request, _ context: WebContext, errors: [String] = [], username: String = "",
                   status: HTTPResponse.Status = .ok) throws -> Response {
        if context.session != nil && errors.isEmpty { return redirect("/") }
        // Before sign-in the CSRF token is one this server issued (Users.issueLoginFormToken),
        // in a cookie of its own and in the form. A valid one is kept while it is young, so two
        // tabs of the sign-in page both work; an old, forged or missing one is replaced.
        let now = env.now
        var token = Users.issueLoginFormToken(now: now, key: env.loginFormKey)
        if let given = request.cookies["berdaya_login"]?.value,
           let issued = Users.loginFormTokenIssued(given, now: now, key: env.loginFormKey), now - issued < Users.loginFormLifetime / 2 {
            token = given
        }
        var ctx = context
        ctx.session = nil
        let language = Language(setting: request.cookies["berdaya_lang"]?.value ?? "") ?? .id
        func t(_ id: String, _ en: String) -> String { language == .id ? id : en }
        var data: [String: Any] = ["usernameLabel": t("Nama pengguna", "Username"), "passwordLabel": t("Kata sandi", "Password"),
                                   "submit": t("Masuk", "Sign in"), "errors": errors, "username": username,
                                   "otherLang": language == .id ? "en" : "id", "otherLangLabel": language == .id ? "English" : "Bahasa Indonesia"]
        data["csrf"] = token
        var html = env.views.render(data.merging(["title": t("Masuk ke Berdaya", "Sign in to Berdaya")]) { $1 }, withTemplate: "login") ?? ""
        html = env.views.render(["title": t("Masuk", "Sign in"), "lang": language.rawValue, "content": html], withTemplate: "layout") ?? ""
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.setCookie(Cookie(name: "berdaya_login", value: token, path: "/", secure: env.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    func login(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = try await FormValues.read(request, context: context)
        let language = Language(setting: request.cookies["berdaya_lang"]?.value ?? "") ?? .id
        guard isIssuedLoginForm(request, form) else {
            return try loginForm(request, context, errors: [language == .id
                ? "Formulir masuk ini tidak dikeluarkan oleh server ini atau sudah kedaluwarsa. Tidak ada yang diperiksa. Masukkan lagi nama pengguna dan kata sandi di formulir baru ini."
                : "This sign-in form was not issued by this server or has expired. Nothing was checked. Enter your username and password again in this new form."],
                                 username: form["username"], status: .forbidden)
        }
        do {
            // Before the gate: a try that must wait costs no bcrypt run and takes no place in the queue.
            try Users.checkSignInThrottle(username: form["username"], address: context.address, now: env.now, in: env.database)
            // Through the gate whatever the name: a known and an unknown one wait alike.
            let (token, session) = try await env.passwordChecks.run {
                try Users.signIn(username: form["username"], password: form.all("password").first ?? "",
                                 address: context.address, now: env.now, in: env.database)
            }
            var response = redirect("/")
            response.setCookie(Cookie(name: "berdaya_session", value: token, path: "/", secure: env.secureCookies, httpOnly: true, sameSite: .strict))
            _ = session
            return response
        } catch let error as UsersError {
            var response = try loginForm(request, context, errors: [error.message(language)], username: form["username"], status: .unauthorized)
            switch error {
            case let .throttled(minutes): response.status = .tooManyRequests; response.headers[.retryAfter] = String(minutes * 60)
            case let .slowedDown(seconds): response.status = .tooManyRequests; response.headers[.retryAfter] = String(seconds)
            default: break
            }
            return response
        }
    }

    /// Whether a form posted before sign-in carries a token this server issued and that has not
    /// expired, the same in its cookie and its field (so another site can neither make one nor
    /// plant one it fetched: the SameSite cookie is not sent with a cross-site post).
    private func isIssuedLoginForm(_ request: Request, _ form: FormValues) -> Bool {
        guard let cookie = request.cookies["berdaya_login"]?.value, !cookie.isEmpty, cookie == form["_csrf"] else { return false }
        return Users.loginFormTokenIssued(cookie, now: env.now, key: env.loginFormKey) != nil
    }

    /// A path of this app to go back to, taken from a request: one `/` then a path with no
    /// second `/` at its start and no backslash anywhere (browsers read `//host` and `/\host`
    /// as another site), no control character or space, no scheme, and nothing that
    /// percent-decodes to any of these; anything else is `/`.
    static func appPath(_ target: String) -> String {
        func isAppPath(_ path: String) -> Bool {
            guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.contains("\\"), path.count <= 2_000 else { return false }
            return !path.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F || $0.properties.generalCategory == .control
                || $0.properties.generalCategory == .format || $0.properties.isWhitespace }
        }
        guard isAppPath(target) else { return "/" }
        // Percent-decoded (as often as it decodes) it must still be one: /%5Cevil, /%2F/evil.
        var decoded = target
        for _ in 0..<5 {
            guard let next = decoded.removingPercentEncoding, next != decoded else { break }
            guard isAppPath(next) else { return "/" }
            decoded = next
        }
        return target
    }

    func logout(_ request: Request, _ context: WebContext) async throws -> Response {
        _ = try await postedForm(request, context)
        if let token = context.sessionToken { try Users.signOut(token: token, in: env.database) }
        var response = redirect("/login")
        response.setCookie(Cookie(name: "berdaya_session", value: "", maxAge: 0, path: "/", secure: env.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    /// The language switch: remembered per user (and in a cookie before sign-in).
    func language(_ request: Request, _ context: WebContext) async throws -> Response {
        let form = try await FormValues.read(request, context: context)
        let language = Language(setting: form["lang"]) ?? .id
        let back = Self.appPath(form.all("back").first ?? "/")
        if let session = context.session {
            guard form["_csrf"] == session.csrf else { throw WebError.badCSRF }
            try Users.setLanguage(language, userId: session.user.id!, in: env.database)
        } else {
            guard isIssuedLoginForm(request, form) else { throw WebError.badCSRF }
        }
        var response = redirect(back)
        response.setCookie(Cookie(name: "berdaya_lang", value: language.rawValue, path: "/", secure: env.secureCookies, httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Dashboard

    /// The home page. An officer starts her day here: today's sessions and the week's, each with
    /// its time, place and facilitator and one tap to its register; then the month's figures her
    /// role may act on. Money totals are for the roles that keep the books.
    func dashboard(_ request: Request, _ context: WebContext) throws -> Response {
        let user = try require(context) { _ in true }
        let w = try env.workspace(context)
        let today = w.today
        let month = try Period(start: Month(today).first, end: today)
        var cards: [[String: Any]] = []
        func card(_ value: String, _ label: String, _ href: String?) {
            var card: [String: Any] = ["value": value, "label": label]
            if let href { card["href"] = href }
            cards.append(card)
        }
        let program = user.role.mayWorkProgram
        var data: [String: Any] = ["subtitle": context.text("Bulan \(Month(today)), sampai \(today).", "Month \(Month(today)), up to \(today).")]
        if program {
            let week = try Curriculum.agenda(from: today, through: today.adding(days: 6), sites: context.sites.isLimited ? Set(context.sites.sorted) : nil, in: w)
            func item(_ session: AgendaSession) -> [String: Any] {
                let time = session.startTime.map { start in session.durationMinutes.map { "\(start) · \($0) \(context.text("menit", "min"))" } ?? start }
                var item: [String: Any] = ["ref": session.ref.description, "cohort": session.cohortName, "module": session.module,
                                           "when": [session.date == today ? nil : session.date.description, time].compactMap { $0 }.joined(separator: " · "),
                                           "place": session.location ?? "", "facilitators": session.facilitators.joined(separator: ", "),
                                           "href": "/attendance/\(session.cohort)/\(session.number)",
                                           "action": session.marked > 0 ? context.text("Lihat daftar hadir", "See the register")
                                                                        : context.text("Isi daftar hadir", "Take attendance")]
                if session.marked > 0 { item["done"] = context.text("\(session.marked) ditandai", "\(session.marked) marked") }
                return item
            }
            data["agenda"] = [
                ["title": context.text("Hari ini", "Today"), "items": week.filter { $0.date == today }.map(item),
                 "empty": context.text("Tidak ada sesi hari ini.", "No session today.")],
                ["title": context.text("Minggu ini", "This week"), "items": week.filter { $0.date > today }.map(item),
                 "empty": context.text("Tidak ada sesi lain dalam tujuh hari ke depan.", "No other session in the next seven days.")],
            ]
        }
        // Someone limited to some sites sees their figures only (money is not kept per site).
        let cohorts = try Cohorts.list(in: w).filter { context.sites.allows($0.site) }
        // A session lies within its cohort's dates (fixed when it is created), so only cohorts overlapping the month are read.
        let attendance = AttendanceRate.over(try cohorts.filter { $0.startDate <= today && $0.endDate >= month.start }
                                                .map { try TrainingProgress.of(cohortCode: $0.code, in: w) }, in: month)
        card(String(attendance.held), context.text("sesi bulan ini", "sessions this month"), program ? "/cohorts" : nil)
        card(attendance.percent.map { String(format: "%.0f%%", $0) } ?? "–",
             context.text("kehadiran bulan ini", "attendance this month"), program ? "/cohorts" : nil)
        // A figure that cannot be added up (a row stored beyond the bound before v10) shows as
        // "!" on its card; the page it links to names the row. The rest of the page stands.
        func sum(_ figure: () throws -> Rupiah) throws -> String {
            do { return try figure().formatted(context.language) } catch is StoredAmountError { return "!" } catch InputError.sumTooLarge { return "!" }
        }
        if user.role.mayWorkMoney {
            card(try sum { try TreasurerReports.perFund(period: month, in: w).reduce(Rupiah.zero) { try $0 + $1.received } },
                 context.text("dana masuk bulan ini", "money in this month"), "/funds")
            card(try sum { try TreasurerReports.perFund(period: month, in: w).reduce(Rupiah.zero) { try $0 + $1.spent } },
                 context.text("dana keluar bulan ini", "money out this month"), "/funds")
        }
        let scopes = context.sites.isLimited ? context.sites.sorted.map { BusinessScope(siteCode: $0) } : [BusinessScope()]
        card(try sum { try scopes.flatMap { try BusinessFigures.monthly($0, period: month, in: w) }.reduce(Rupiah.zero) { try $0 + $1.omzet } },
             context.text("omzet usaha bulan ini", "business omzet this month"), program ? "/businesses" : nil)
        let due = try OutcomeFigures.due(in: w).filter { context.sites.allows($0.site) }
        card(String(due.filter { $0.status == .overdue }.count) + " / " + String(due.filter { $0.status == .due }.count),
             context.text("kunjungan terlambat / jatuh tempo", "visits overdue / due"), program ? "/visits" : nil)
        data["cards"] = cards
        data["figuresTitle"] = context.text("Angka bulan ini", "This month's figures")
        return render(context, template: "dashboard", title: context.text("Beranda", "Home"), data: data, path: "/")
    }

    // MARK: Users (admins)

    private func userFields(_ context: WebContext, _ posted: FormValues?) -> [Field] {
        [
            Field(name: "username", label: context.text("Nama pengguna", "Username"), value: posted?["username"] ?? "", required: true),
            Field(name: "password", label: context.text("Kata sandi (paling sedikit 10 karakter)", "Password (at least 10 characters)"), kind: .password, required: true),
            Field(name: "role", label: context.text("Peran", "Role"), kind: .select, value: posted?["role"] ?? "officer",
                  options: Role.allCases.map { ($0.rawValue, $0.label(context.language)) }),
        ]
    }

    private func siteFields(_ context: WebContext, _ officers: [AppUser], _ posted: FormValues?) -> [Field] {
        [
            Field(name: "officer", label: context.text("Pendamping", "Program officer"), kind: .select, value: posted?["officer"] ?? "",
                  required: true, options: officers.map { ($0.username, $0.username) }),
            Field(name: "sites", label: context.text("Situs", "Sites"), value: posted?["sites"] ?? "",
                  hint: context.text("Kode situs dipisah koma, mis. MDN, KBM. Kosong: semua situs.", "Site codes separated by commas, e.g. MDN, KBM. Empty: every site.")),
        ]
    }

    /// The users with their roles and sites, a form to add one, and one to limit an officer to some sites.
    func users(_ request: Request, _ context: WebContext, addFields: [Field]? = nil, addErrors: [String] = [], siteFields given: [Field]? = nil,
               siteErrors: [String] = [], notice: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        try require(context) { $0.mayManageUsers }
        let w = try env.workspace(context)
        let list = try Users.list(in: w)
        let limits = try Users.siteLimits(in: w)
        var add = addFields ?? userFields(context, nil)
        for index in add.indices where add[index].name == "password" { add[index].value = "" }
        let officers = list.filter { $0.role == .officer && $0.disabledOn == nil }
        var forms: [[String: Any]] = [
            ["anchor": "tambah", "heading": context.text("Tambah pengguna", "Add a user"), "action": "/users", "fields": add.map(\.view),
             "submit": context.text("Tambah pengguna", "Add user"), "errors": addErrors, "once": Users.randomToken(), "csrf": context.session!.csrf],
        ]
        if !officers.isEmpty {
            forms.append(["anchor": "situs", "heading": context.text("Situs pendamping", "An officer's sites"), "action": "/users/sites",
                          "intro": context.text("Pendamping yang dibatasi hanya melihat dan mencatat penyintas, angkatan, daftar hadir, usaha, kunjungan dan laporan situsnya.",
                                     "A limited officer sees and records only her sites' survivors, cohorts, attendance, businesses, visits and reports."),
                          "fields": (given ?? siteFields(context, officers, nil)).map(\.view), "submit": context.text("Simpan situs", "Save sites"),
                          "errors": siteErrors, "once": Users.randomToken(), "csrf": context.session!.csrf])
        }
        let rows: [[String: Any]] = list.map { user in
            let sites = limits[user.username].map { $0.sorted.joined(separator: ", ") }
                ?? (user.role == .officer ? context.text("semua situs", "every site") : "–")
            return ["cells": [["text": user.username], ["text": user.role.label(context.language)], ["text": sites]]]
        }
        return render(context, template: "users", title: context.text("Pengguna", "Users"),
                      data: ["headers": [context.text("Nama pengguna", "Username"), context.text("Peran", "Role"), context.text("Situs", "Sites")],
                             "rows": rows, "forms": forms], path: "/users", status: status, notice: notice)
    }

    func addUser(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayManageUsers }
        let form = try await postedForm(request, context)
        var fields = userFields(context, form)
        // A role not on the list is refused beside its field, before any password is hashed.
        let role: Role
        do {
            try requireListedChoices(["role"], in: fields)
            role = try Role(parsing: form["role"], field: "role")
        } catch let error as any UserFacingError {
            _ = attach(error, to: &fields, context)
            // Shown again on the least powerful working role, never on the list's first (admin).
            if let index = fields.firstIndex(where: { $0.name == "role" }) { fields[index].value = Role.officer.rawValue }
            throw FormRefusal(response: try users(request, context, addFields: fields, status: .unprocessableContent))
        }
        // Hashing the new password is a bcrypt run like a sign-in's: it waits at the same gate.
        return try await env.passwordChecks.run { try once(form, context, alreadyDone: "/users") { w in
            do {
                let user = try Users.add(username: form["username"], password: form.all("password").first ?? "", role: role,
                                         cost: env.bcryptCost, in: w)
                return try users(request, context, notice: context.text("Pengguna \(user.username) ditambahkan.", "User \(user.username) added."))
            } catch let error as UsersError {
                switch error {
                case .weakPassword: fields[1].error = error.message(context.language)
                default: fields[0].error = error.message(context.language)
                }
                throw FormRefusal(response: try users(request, context, addFields: fields, status: .unprocessableContent))
            }
        } }
    }

    /// Limits an officer to the sites typed, or lifts the limit when none is.
    func limitSites(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayManageUsers }
        let form = try await postedForm(request, context)
        let officers = try Users.list(in: env.workspace(context)).filter { $0.role == .officer && $0.disabledOn == nil }
        var fields = siteFields(context, officers, form)
        return try once(form, context, alreadyDone: "/users") { w in
            do {
                let codes = form["sites"].split(whereSeparator: { $0 == "," || $0 == " " }).map { String($0).uppercased() }
                let limit = try Users.limitSites(username: form["officer"], to: codes, in: w)
                let name = form["officer"].lowercased()
                return try users(request, context, notice: limit.isLimited
                                 ? context.text("\(name) kini hanya bekerja di situs \(limit.sorted.joined(separator: ", ")).",
                                     "\(name) now works only in sites \(limit.sorted.joined(separator: ", ")).")
                                 : context.text("\(name) kini bekerja di semua situs.", "\(name) now works in every site."))
            } catch let error as any UserFacingError {
                let text = ErrorPages.explained(error, context)
                if case ParticipantsError.unknownSite = error { fields[1].error = text } else { fields[0].error = text }
                throw FormRefusal(response: try users(request, context, siteFields: fields, status: .unprocessableContent))
            }
        }
    }
}

/// A refused form, re-rendered with its messages: thrown so `once` gives the token back.
struct FormRefusal: Error {
    let response: Response
}
