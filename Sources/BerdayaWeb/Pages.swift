import BerdayaKit
import Foundation
import Hummingbird

/// A form field as shown: its value as typed and, after a refusal, what is wrong with it.
struct Field {
    enum Kind { case text, number, date, password, select, textarea }
    var name: String
    var label: String
    var kind: Kind = .text
    var value: String = ""
    var required = false
    var hint: String?
    var options: [(String, String)] = []
    var error: String?

    var view: [String: Any] {
        var view: [String: Any] = ["name": name, "label": label, "value": value, "required": required,
                                   "isSelect": kind == .select, "isTextarea": kind == .textarea,
                                   "isInput": kind != .select && kind != .textarea]
        switch kind {
        case .number: view["type"] = "text"; view["inputmode"] = "numeric"
        case .date: view["type"] = "date"
        case .password: view["type"] = "password"
        default: view["type"] = "text"
        }
        if let hint { view["hint"] = hint }
        if let error { view["error"] = error; view["errorText"] = Pages.runs(error) }
        // The error and the hint are tied to the control (aria-describedby), by ids on this page.
        view["errorId"] = "f-\(name)-error"
        view["hintId"] = "f-\(name)-hint"
        let describedBy = [error.map { _ in "f-\(name)-error" }, hint.map { _ in "f-\(name)-hint" }].compactMap { $0 }
        if !describedBy.isEmpty { view["describedBy"] = describedBy.joined(separator: " ") }
        view["options"] = options.map { ["value": $0.0, "label": $0.1, "selected": $0.0 == value] }
        return view
    }
}

/// A table cell with an optional link.
struct TableCell {
    var text: String
    var href: String?
    var number = false
    /// No key at all for a missing link: Mustache would read an empty Optional as a present value.
    var view: [String: Any] {
        // A link of one word (a date, a code) is never wrapped, so "2026-09-07" cannot break at a
        // hyphen; in a plain cell each date, code or sum is its own run, kept whole ("MDN-0004, MDN-0005").
        var view: [String: Any] = ["text": text, "number": number, "word": !text.isEmpty && !text.contains(where: \.isWhitespace),
                                   "runs": Pages.runs(text)]
        if let href { view["href"] = href }
        return view
    }
}

/// The pages. Each checks the role on the server before it reads anything.
struct Pages: Sendable {
    let env: WebEnvironment

    // MARK: Rendering

    func render(_ context: WebContext, template: String, title: String, data: [String: Any], path: String = "",
                status: HTTPResponse.Status = .ok, notice: String? = nil) -> Response {
        var data = data
        data["title"] = title
        data["csrf"] = context.session?.csrf ?? ""
        data["requiredLabel"] = context.text("wajib", "required")
        if let errors = data["errors"] as? [String] { data["errorLines"] = errors.map { ["runs": Self.runs($0)] } }
        if let forms = data["forms"] as? [[String: Any]] {
            data["forms"] = forms.map { form in
                var form = form
                if let errors = form["errors"] as? [String] { form["errorLines"] = errors.map { ["runs": Self.runs($0)] } }
                return form
            }
        }
        data = Self.labelledTable(data, action: context.text("Tindakan", "Action"))
        if let sections = data["sections"] as? [[String: Any]] {
            data["sections"] = sections.map { Self.labelledTable($0, action: context.text("Tindakan", "Action")) }
        }
        let content = env.views.render(data, withTemplate: template) ?? ""
        var layout: [String: Any] = ["title": title, "lang": context.language.rawValue, "content": content]
        let shownNotice = notice ?? context.savedNotice
        if let shownNotice { layout["notice"] = shownNotice }
        if let session = context.session {
            let role = session.user.role
            var nav: [(String, String)] = [("/", context.text("Beranda", "Home"))]
            if role.mayWorkProgram || role == .treasurer { nav.append(("/survivors", context.text("Penyintas", "Survivors"))) }
            if role.mayWorkProgram {
                nav += [("/cohorts", context.text("Angkatan", "Cohorts")), ("/businesses", context.text("Usaha", "Businesses")),
                        ("/visits", context.text("Kunjungan", "Visits"))]
            }
            if role.mayWorkMoney { nav += [("/funds", context.text("Dana", "Funds")), ("/loans", context.text("Pinjaman", "Loans"))] }
            nav.append(("/reports", context.text("Laporan", "Reports")))
            if role.mayManageUsers { nav.append(("/users", context.text("Pengguna", "Users"))) }
            layout["user"] = ["username": session.user.username, "role": role.label(context.language), "csrf": session.csrf, "path": path,
                              "nav": nav.map { ["href": $0.0, "label": $0.1, "active": !path.isEmpty && ($0.0 == "/" ? path == "/" : path.hasPrefix($0.0))] },
                              "back": context.pageAddress,
                              "otherLang": context.language == .id ? "en" : "id",
                              "otherLangLabel": context.language == .id ? "English" : "Bahasa Indonesia",
                              "signOut": context.text("Keluar", "Sign out")] as [String: Any]
        }
        let html = env.views.render(layout, withTemplate: "layout") ?? ""
        // The security headers are SecurityHeaders', on every response.
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        // A save's notice is said once: the page that shows it clears it.
        if context.savedNotice != nil {
            response.setCookie(Cookie(name: SavedNotice.cookie, value: "", maxAge: 0, path: "/", secure: env.secureCookies, httpOnly: true, sameSite: .strict))
        }
        return response
    }

    /// A table's headers as its view shows them ("columns"; an empty one, over the action links, named
    /// for screen readers) and each cell with its column's header, so a phone can stack a row as
    /// label and value without a sideways scroll. Data without "headers" and "rows" is left as it is.
    static func labelledTable(_ data: [String: Any], action: String) -> [String: Any] {
        guard let headers = data["headers"] as? [String], let rows = data["rows"] as? [[String: Any]] else { return data }
        var data = data
        // A column of figures has its header aligned with them.
        let numeric = headers.indices.map { index in
            !rows.isEmpty && rows.allSatisfy { row in
                guard let cells = row["cells"] as? [[String: Any]], index < cells.count else { return false }
                return cells[index]["number"] as? Bool == true
            }
        }
        data["columns"] = headers.enumerated().map { index, header in
            ["text": header.isEmpty ? action : header, "blank": header.isEmpty, "number": numeric[index]] as [String: Any]
        }
        data["rows"] = rows.map { row -> [String: Any] in
            guard let cells = row["cells"] as? [[String: Any]] else { return row }
            var row = row
            row["cells"] = cells.enumerated().map { index, cell -> [String: Any] in
                var cell = cell
                let header = index < headers.count ? headers[index] : ""
                if !header.isEmpty { cell["column"] = header }
                return cell
            }
            return row
        }
        return data
    }

    /// Dates (2026-09-07), codes (JBR-2026-1/3, KBM-0003) and sums (Rp 250.000) in a message.
    static let words = try! NSRegularExpression(pattern: #"\b\d{4}-\d{2}-\d{2}\b|\b[A-Z][A-Z0-9]*(?:[-/][A-Z0-9]+)+\b|[-−]?\b(?:Rp|IDR) ?\d[\d.,]*\d\b"#)

    /// A message as runs of text, each date, code or sum its own run (`nw`), which the view keeps on
    /// one line: a browser would otherwise break "JBR-0004" after its hyphen.
    static func runs(_ text: String) -> [[String: Any]] {
        var runs: [[String: Any]] = []
        var last = text.startIndex
        for match in words.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            guard let range = Range(match.range, in: text) else { continue }
            if last < range.lowerBound { runs.append(["text": String(text[last..<range.lowerBound]), "nw": false]) }
            runs.append(["text": String(text[range]), "nw": true])
            last = range.upperBound
        }
        if last < text.endIndex { runs.append(["text": String(text[last...]), "nw": false]) }
        return runs
    }

    func message(_ context: WebContext, status: HTTPResponse.Status, title: String, text: String, link: (String, String)? = nil) -> Response {
        var data: [String: Any] = ["text": text]
        data["link"] = link.map { ["href": $0.0, "label": $0.1] } ?? ["href": "/", "label": context.text("Ke beranda", "Go home")]
        return render(context, template: "message", title: title, data: data, status: status)
    }

    func table(_ context: WebContext, title: String, path: String, headers: [String], rows: [[TableCell]], intro: String? = nil,
               search: (String, String)? = nil, actions: [(String, String)] = [], empty: String? = nil, notice: String? = nil) -> Response {
        var data: [String: Any] = ["headers": headers, "rows": rows.map { ["cells": $0.map(\.view)] }, "hasRows": !rows.isEmpty,
                                   "empty": empty ?? context.text("Belum ada data.", "Nothing here yet.")]
        if let intro { data["intro"] = intro }
        if let search { data["search"] = ["value": search.0, "placeholder": search.1, "button": context.text("Cari", "Search")] }
        if !actions.isEmpty { data["actions"] = ["items": actions.map { ["href": $0.0, "label": $0.1] }] }
        return render(context, template: "table", title: title, data: data, path: path, notice: notice)
    }

    func form(_ context: WebContext, title: String, path: String, action: String, fields: [Field], submit: String,
              errors: [String] = [], once: String? = nil, intro: String? = nil, status: HTTPResponse.Status = .ok,
              notice: String? = nil) -> Response {
        var data: [String: Any] = ["action": action, "fields": fields.map(\.view), "submit": submit, "errors": errors,
                                   "once": once ?? Users.randomToken()]
        if let intro { data["intro"] = intro }
        return render(context, template: "form", title: title, data: data, path: path, status: status, notice: notice)
    }

    func redirect(_ location: String) -> Response { Response(status: .seeOther, headers: [.location: location]) }

    /// A redirect after a save, whose page then says what was saved (a cookie read once).
    func redirect(_ location: String, notice: String) -> Response {
        var response = redirect(location)
        response.setCookie(Cookie(name: SavedNotice.cookie, value: SavedNotice.encode(notice), maxAge: 120, path: "/", secure: env.secureCookies,
                                  httpOnly: true, sameSite: .strict))
        return response
    }

    // MARK: Guards

    /// The signed-in user, who must hold one of `roles`.
    @discardableResult
    func require(_ context: WebContext, _ allowed: (Role) -> Bool) throws -> AppUser {
        guard let user = context.session?.user else { throw WebError.signInNeeded }
        guard allowed(user.role) else { throw WebError.forbidden }
        return user
    }

    /// Refuses a record of a site the user is limited away from, before anything of it is
    /// read or written. A record that does not exist (no site) is left to its page's "not found".
    /// The site is looked up only for a limited user: the others' pages cost no extra read.
    func requireSite(_ context: WebContext, _ siteOfRecord: () throws -> String?) throws {
        guard context.sites.isLimited, let site = try siteOfRecord(), !context.sites.allows(site) else { return }
        let mine = context.sites.sorted.joined(separator: ", ")
        throw WebError.refused(Localized(id: "Data ini milik situs \(site); Anda hanya bekerja di situs \(mine). Admin dapat mengubahnya di halaman Pengguna.",
                                         en: "This belongs to site \(site); you work only in sites \(mine). An admin can change that on the Users page."))
    }

    /// A POST's form, after its CSRF token is checked against the session's.
    func postedForm(_ request: Request, _ context: WebContext) async throws -> FormValues {
        let form = try await FormValues.read(request, context: context)
        guard let session = context.session else { throw WebError.signInNeeded }
        guard !form["_csrf"].isEmpty, constantTimeEqual(form["_csrf"], session.csrf) else { throw WebError.badCSRF }
        return form
    }

    /// Runs a booking once per form: `work` books through the workspace it is given, whose
    /// database spends the form's one-time token in the booking's own transaction, so a second
    /// submission (a second tap on a slow connection) books nothing and says so, and a refused
    /// booking leaves the token unspent for the corrected form.
    func once(_ form: FormValues, _ context: WebContext, alreadyDone: String,
              _ work: (Workspace) throws -> Response) throws -> Response {
        let token = form["_once"]
        guard !token.isEmpty, let user = context.session?.user else { throw WebError.badCSRF }
        let claim = Users.formClaim(token, userId: user.id!, now: env.now)
        do {
            return try work(env.workspace(context, claim: claim))
        } catch where claim.refusal != nil {
            // Whatever the page made of it, the form had been sent before.
            return message(context, status: .ok, title: context.text("Sudah tercatat", "Already recorded"),
                           text: context.text("Formulir ini sudah dikirim sebelumnya; tidak dicatat dua kali.",
                                   "This form was already sent; nothing was recorded twice."), link: (alreadyDone, context.text("Lanjut", "Continue")))
        }
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Which field a refusal is about, so the message stands next to it.
    func fieldOf(_ error: any Error, _ names: [String]) -> (name: String, raw: String)? {
        switch error {
        case let InputError.invalidDate(field, _), let InputError.dateInFuture(field, _, _), let InputError.invalidAmount(field, _),
             let InputError.negativeAmount(field), let InputError.outOfRange(field, _, _), let InputError.empty(field),
             let InputError.tooLong(field, _), let InputError.unknownChoice(field, _, _), let InputError.notPositive(field),
             let InputError.invalidMonth(field, _), let InputError.amountTooLarge(field, _, _), let InputError.notANumber(field, _):
            let clean = field.replacingOccurrences(of: "--", with: "")
            return names.first { clean == $0 || clean.hasSuffix($0) || clean.hasPrefix($0) || clean.contains(" \($0)") }.map { ($0, field) }
        default:
            return nil
        }
    }

    /// A value posted for one of the selects `names` that is not among its options (a tampered
    /// form, a stale page) is refused as an unknown choice, which `attach` puts beside its field,
    /// before any service is asked (so nothing is written). A value left out is the service's
    /// to refuse, as before.
    func requireListedChoices(_ names: [String], in fields: [Field]) throws {
        for field in fields where field.kind == .select && names.contains(field.name) && !field.value.isEmpty
            && !field.options.contains(where: { $0.0 == field.value }) {
            throw InputError.unknownChoice(field: field.name, value: String(field.value.prefix(60)), choices: field.options.map(\.1))
        }
    }

    /// Puts a refusal's message next to its field, or above the form when it belongs to none.
    func attach(_ error: any Error, to fields: inout [Field], _ context: WebContext) -> [String] {
        guard let refusal = error as? any UserFacingError else { return [context.text("Tidak dapat disimpan.", "Could not be saved.")] }
        var text = refusal.message(context.language)
        if let hint = refusal.formHint { text += " " + hint(context.language) }
        if let (name, raw) = fieldOf(error, fields.map(\.name)), let index = fields.firstIndex(where: { $0.name == name }) {
            // The message names the field as the command line does; next to the field it reads as its label.
            if text.hasPrefix(raw) { text = fields[index].label + text.dropFirst(raw.count) }
            fields[index].error = text
            return []
        }
        return [text]
    }

    func money(_ value: Rupiah?, _ context: WebContext) -> String { value?.formatted(context.language) ?? "–" }
}
