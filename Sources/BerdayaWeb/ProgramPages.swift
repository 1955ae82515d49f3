import BerdayaKit
import Foundation
import Hummingbird

extension Pages {
    // MARK: Survivors

    /// By code only: officers, admins and treasurers (who see survivors by code only).
    func survivors(_ request: Request, _ context: WebContext) throws -> Response {
        let user = try require(context) { $0.mayWorkProgram || $0 == .treasurer }
        let query = (request.uri.queryParameters.get("q") ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let list = try Registry.list(in: env.workspace(context))
            .filter { (query.isEmpty || $0.code.contains(query)) && context.sites.allows($0.site) }
        let rows = list.prefix(500).map { s in
            [TableCell(text: s.code, href: user.role.mayWorkProgram ? "/survivors/\(s.code)" : nil), TableCell(text: s.site),
             TableCell(text: s.caseStage.label(context.language)), TableCell(text: s.cohorts ?? "–"), TableCell(text: s.registeredOn.description),
             TableCell(text: s.erased ? context.text("identitas dihapus", "identity erased") : "")]
        }
        return table(context, title: context.text("Penyintas", "Survivors"), path: "/survivors",
                     headers: [context.text("Kode", "Code"), context.text("Situs", "Site"), context.text("Tahap", "Stage"),
                               context.text("Angkatan", "Cohorts"), context.text("Terdaftar", "Registered"), ""],
                     rows: Array(rows), search: (query, context.text("Cari kode, mis. KBM-0003", "Search a code, e.g. KBM-0003")),
                     actions: user.role.mayWorkProgram ? [("/survivors/new", context.text("Daftarkan penyintas", "Register a survivor"))] : [],
                     empty: context.text("Tidak ada penyintas dengan kode itu.", "No survivor with that code."))
    }

    private func registrationFields(_ context: WebContext, _ form: FormValues?) throws -> [Field] {
        let sites = try Sites.list(in: env.workspace(context)).filter { context.sites.allows($0.code) }
        func value(_ name: String, _ fallback: String = "") -> String { form?[name] ?? fallback }
        return [
            Field(name: "site", label: context.text("Situs", "Site"), kind: .select, value: value("site", sites.first?.code ?? ""), required: true,
                  options: sites.map { ($0.code, "\($0.code) · \($0.name)") }),
            Field(name: "name", label: context.text("Nama lengkap", "Full name"), value: value("name"), required: true,
                  hint: context.text("Disimpan terenkripsi; tidak pernah masuk laporan donor.", "Kept encrypted; never in a donor report.")),
            Field(name: "nik", label: "NIK", kind: .number, value: value("nik"), hint: context.text("16 angka, bila ada.", "16 digits, if she has one.")),
            Field(name: "phone", label: context.text("Telepon", "Phone"), kind: .number, value: value("phone")),
            Field(name: "address", label: context.text("Alamat", "Address"), kind: .textarea, value: value("address")),
            Field(name: "sex", label: context.text("Jenis kelamin", "Sex"), kind: .select, value: value("sex", "female"), required: true,
                  options: Sex.allCases.map { ($0.rawValue, $0.label(context.language)) }),
            Field(name: "birth-year", label: context.text("Tahun lahir", "Birth year"), kind: .number, value: value("birth-year")),
            Field(name: "consent-date", label: context.text("Tanggal persetujuan pemrosesan data", "Date she consented to data processing"),
                  kind: .date, value: value("consent-date", env.today().description), required: true),
            Field(name: "confirm", label: context.text("Sudah diperiksa: orang lain dari kode", "Checked: a different person from code"),
                  value: value("confirm"), hint: context.text("Isi hanya bila Berdaya menemukan kemiripan dan Anda sudah memastikan ia orang lain.",
                                                     "Only when Berdaya found a likeness and you made sure she is someone else.")),
        ]
    }

    func registerForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        return form(context, title: context.text("Daftarkan penyintas", "Register a survivor"), path: "/survivors", action: "/survivors",
                    fields: try registrationFields(context, nil), submit: context.text("Daftarkan", "Register"))
    }

    func register(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let posted = try await postedForm(request, context)
        try requireSite(context) { posted.optional("site")?.uppercased() }
        var fields = try registrationFields(context, posted)
        return try once(posted, context, alreadyDone: "/survivors") { w in
            do {
                try requireListedChoices(["site", "sex"], in: fields)
                var birth: Int?
                if let text = posted.optional("birth-year") {
                    guard let year = Int(text) else { throw InputError.outOfRange(field: "birth-year", value: 0, range: 1900...w.today.year) }
                    birth = year
                }
                var profile = SurvivorProfile(sex: try Sex(parsing: posted["sex"], field: "sex"), birthYear: birth)
                profile.caseStage = .engagement
                let code = try Registry.register(Registration(
                    siteCode: posted["site"], profile: profile,
                    identity: SurvivorIdentity(fullName: posted["name"], nik: posted.optional("nik"), phone: posted.optional("phone"),
                                               address: posted.optional("address")),
                    dataConsentOn: try DayDate(validating: posted["consent-date"], field: "consent-date"),
                    confirmedDifferentFrom: Set(posted.optional("confirm").map { [$0.uppercased()] } ?? [])), in: w)
                return redirect("/survivors/\(code)", notice: context.text("Terdaftar sebagai \(code).", "Registered as \(code)."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: form(context, title: context.text("Daftarkan penyintas", "Register a survivor"), path: "/survivors",
                                                 action: "/survivors", fields: fields, submit: context.text("Daftarkan", "Register"),
                                                 errors: errors, once: posted["_once"], status: .unprocessableContent))
            }
        }
    }

    func survivor(_ request: Request, _ context: WebContext, identity: SurvivorIdentity? = nil) throws -> Response {
        let user = try require(context) { $0.mayWorkProgram }
        let code = try context.parameters.require("code")
        let w = try env.workspace(context)
        try requireSite(context) { try SiteLimit.site(ofSurvivor: code, in: w) }
        let d = try Registry.details(code: code, in: w)
        var fields: [[String: String]] = [
            ["label": context.text("Kode", "Code"), "value": d.code], ["label": context.text("Situs", "Site"), "value": d.site],
            ["label": context.text("Terdaftar", "Registered"), "value": d.registeredOn.description],
            ["label": context.text("Tahap", "Stage"), "value": d.profile.caseStage.label(context.language)],
            ["label": context.text("Tahun lahir", "Birth year"), "value": d.profile.birthYear.map(String.init) ?? "–"],
        ]
        if let identity {
            fields += [["label": context.text("Nama lengkap", "Full name"), "value": identity.fullName],
                       ["label": "NIK", "value": identity.nik ?? "–"], ["label": context.text("Telepon", "Phone"), "value": identity.phone ?? "–"],
                       ["label": context.text("Alamat", "Address"), "value": identity.address ?? "–"]]
        }
        let visits = try Visits.list(survivorCode: d.code, in: w)
        var data: [String: Any] = ["fields": fields]
        if identity == nil && d.erasedOn == nil && user.role.mayRevealIdentity {
            data["actions"] = [["action": "/survivors/\(d.code)/reveal", "label": context.text("Tampilkan identitas (dicatat di log audit)", "Show identity (written to the audit log)"),
                                "csrf": context.session!.csrf]]
        }
        data["links"] = [["href": "/visits/new?survivor=\(d.code)", "label": context.text("Catat kunjungan", "Record a visit")]]
        data["sections"] = [
            ["title": context.text("Angkatan", "Cohorts"), "headers": [context.text("Angkatan", "Cohort"), context.text("Bergabung", "Enrolled"), context.text("Keluar", "Left")],
             "rows": d.enrolments.map { ["cells": [TableCell(text: $0.cohort, href: "/cohorts/\($0.cohort)").view, TableCell(text: $0.enrolledOn.description).view,
                                                   TableCell(text: $0.exitedOn?.description ?? "–").view]] }],
            ["title": context.text("Kunjungan", "Visits"), "headers": [context.text("Kunjungan", "Visit"), context.text("Tanggal", "Date"), context.text("Pendapatan", "Income"), context.text("Kuadran", "Quadrant")],
             "rows": visits.map { ["cells": [TableCell(text: $0.ref.description).view, TableCell(text: $0.date.description).view,
                                             TableCell(text: money($0.income, context), number: true).view, TableCell(text: $0.quadrant.label(context.language)).view]] }],
        ]
        return render(context, template: "detail", title: d.code, data: data, path: "/survivors")
    }

    func reveal(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayRevealIdentity }
        _ = try await postedForm(request, context)
        let code = try context.parameters.require("code")
        let w = try env.workspace(context)
        // Checked before the reveal: a refused one is neither decrypted nor audited.
        try requireSite(context) { try SiteLimit.site(ofSurvivor: code, in: w) }
        let identity = try Registry.revealIdentity(code: code, in: w)
        return try survivor(request, context, identity: identity)
    }

    // MARK: Cohorts and attendance

    func cohorts(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let list = try Cohorts.list(in: env.workspace(context)).filter { context.sites.allows($0.site) }
        return table(context, title: context.text("Angkatan", "Cohorts"), path: "/cohorts",
                     headers: [context.text("Kode", "Code"), context.text("Nama", "Name"), context.text("Situs", "Site"), context.text("Status", "Status"),
                               context.text("Anggota", "Members")],
                     rows: list.map { [TableCell(text: $0.code, href: "/cohorts/\($0.code)"), TableCell(text: $0.name), TableCell(text: $0.site),
                                       TableCell(text: $0.status.label(context.language)), TableCell(text: "\($0.current)/\($0.enrolled)", number: true)] })
    }

    func cohort(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let code = try context.parameters.require("code")
        let w = try env.workspace(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: code, in: w) }
        let progress = try TrainingProgress.of(cohortCode: code, in: w)
        let sessions = try Curriculum.sessions(cohortCode: code, in: w)
        var data: [String: Any] = [
            "fields": [["label": context.text("Nama", "Name"), "value": progress.name],
                       ["label": context.text("Sesi", "Sessions"), "value": context.text("\(progress.sessionsHeld) terlaksana, \(progress.sessionsPlanned) direncanakan",
                                                                             "\(progress.sessionsHeld) held, \(progress.sessionsPlanned) planned")],
                       ["label": context.text("Memenuhi syarat", "Meeting the rule"), "value": "\(progress.meetingRule)/\(progress.members.count)"]],
            "sections": [
                ["title": context.text("Sesi (ketuk untuk mengisi daftar hadir)", "Sessions (tap to take attendance)"),
                 "headers": ["#", context.text("Tanggal", "Date"), context.text("Modul", "Module"), context.text("Status", "Status")],
                 "rows": sessions.map { s in ["cells": [TableCell(text: "\(s.number)", href: s.status == .cancelled ? nil : "/attendance/\(code.uppercased())/\(s.number)").view,
                                                         TableCell(text: s.date.description).view, TableCell(text: s.module).view,
                                                         TableCell(text: s.status.label(context.language)).view]] }],
                ["title": context.text("Anggota", "Members"),
                 "headers": [context.text("Kode", "Code"), context.text("Hadir", "Attended"), "%", context.text("Syarat", "Rule"), context.text("Risiko", "Risk")],
                 "rows": progress.members.map { m in ["cells": [TableCell(text: m.code, href: "/survivors/\(m.code)").view,
                                                                 TableCell(text: "\(m.attended)/\(m.sessionsHeld)", number: true).view,
                                                                 TableCell(text: m.attendancePercent.map { String(format: "%.0f", $0) } ?? "–", number: true).view,
                                                                 TableCell(text: m.meetsRule ? "✓" : "").view,
                                                                 TableCell(text: m.risks.map { $0.label(context.language) }.joined(separator: "; ")).view]] }],
            ],
        ]
        data["links"] = [["href": "/cohorts/\(progress.cohort)/sessions/new", "label": context.text("Rencanakan sesi", "Plan a session")]]
        return render(context, template: "detail", title: "\(progress.cohort) · \(progress.name)", data: data, path: "/cohorts")
    }

    // MARK: Moving and cancelling a planned session

    private func sessionChangeFields(_ context: WebContext, move: Bool, _ values: (String) -> String?) -> [Field] {
        (move ? [Field(name: "date", label: context.text("Tanggal baru", "New date"), kind: .date, value: values("date") ?? "", required: true)] : [])
            + [Field(name: "reason", label: context.text("Alasan", "Reason"), value: values("reason") ?? "", required: true,
                     hint: context.text("Disimpan bersama sesi (misalnya: libur nasional, hujan lebat).", "Kept with the session (a holiday, heavy rain)."))]
    }

    /// The move or cancel form, as first shown and as shown again after a refusal.
    private func sessionChangePage(_ context: WebContext, _ ref: SessionRef, move: Bool, fields: [Field], errors: [String] = [],
                                   once: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        form(context, title: move ? context.text("Pindahkan sesi \(ref)", "Move session \(ref)") : context.text("Batalkan sesi \(ref)", "Cancel session \(ref)"),
             path: "/cohorts", action: "/sessions/\(ref.cohort)/\(ref.number)/\(move ? "move" : "cancel")", fields: fields,
             submit: move ? context.text("Pindahkan", "Move it") : context.text("Batalkan sesi", "Cancel the session"),
             errors: errors, once: once, status: status)
    }

    /// The form to move (`move`) or cancel a planned session, with the reason kept beside it.
    func sessionChangeForm(_ request: Request, _ context: WebContext, move: Bool) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let ref = try sessionRef(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: ref.cohort, in: env.workspace(context)) }
        _ = try Attendance.register(ref, in: env.workspace(context)) // an unknown session is a 404 page
        return sessionChangePage(context, ref, move: move, fields: sessionChangeFields(context, move: move) { request.uri.queryParameters.get($0) })
    }

    /// Moves or cancels through `Curriculum.moveSession` / `cancelSession`: only a planned
    /// session, within the cohort's dates, never without a reason.
    func changeSession(_ request: Request, _ context: WebContext, move: Bool) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let ref = try sessionRef(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: ref.cohort, in: env.workspace(context)) }
        let posted = try await postedForm(request, context)
        var fields = sessionChangeFields(context, move: move) { posted[$0] }
        return try once(posted, context, alreadyDone: "/cohorts/\(ref.cohort)") { w in
            do {
                if move {
                    let date = try DayDate(validating: posted["date"], field: "date")
                    try Curriculum.moveSession(ref, to: date, reason: posted["reason"], in: w)
                    return redirect("/cohorts/\(ref.cohort)", notice: context.text("Sesi \(ref) dipindah ke \(date).", "Session \(ref) moved to \(date)."))
                }
                try Curriculum.cancelSession(ref, reason: posted["reason"], in: w)
                return redirect("/cohorts/\(ref.cohort)", notice: context.text("Sesi \(ref) dibatalkan.", "Session \(ref) cancelled."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: sessionChangePage(context, ref, move: move, fields: fields, errors: errors, once: posted["_once"],
                                                              status: .unprocessableContent))
            }
        }
    }

    // MARK: Planning a session

    private func sessionFields(_ context: WebContext, modules: [TrainingModule], _ values: (String) -> String?) -> [Field] {
        [
            Field(name: "module", label: context.text("Modul", "Module"), kind: .select, value: values("module") ?? "", required: true,
                  options: [("", context.text("— pilih —", "— choose —"))] + modules.map { ($0.name, $0.name) }),
            Field(name: "date", label: context.text("Tanggal", "Date"), kind: .date, value: values("date") ?? "", required: true),
            Field(name: "start", label: context.text("Jam mulai (JJ:MM)", "Start time (HH:MM)"), value: values("start") ?? ""),
            Field(name: "duration", label: context.text("Lama (menit)", "Length (minutes)"), kind: .number, value: values("duration") ?? ""),
            Field(name: "location", label: context.text("Tempat", "Place"), value: values("location") ?? ""),
            Field(name: "facilitators", label: context.text("Fasilitator (pisahkan dengan koma)", "Facilitators (separate with commas)"),
                  value: values("facilitators") ?? "", hint: context.text("Kosong: fasilitator kelompok.", "Empty: the cohort's facilitators.")),
        ]
    }

    /// The plan form, as first shown and as shown again after a refusal.
    private func sessionPlanPage(_ context: WebContext, _ code: String, fields: [Field], errors: [String] = [], once: String? = nil,
                                 status: HTTPResponse.Status = .ok) -> Response {
        form(context, title: context.text("Rencanakan sesi \(code.uppercased())", "Plan a session of \(code.uppercased())"), path: "/cohorts",
             action: "/cohorts/\(code.uppercased())/sessions", fields: fields, submit: context.text("Rencanakan", "Plan it"),
             errors: errors, once: once, status: status)
    }

    /// The form to plan a session of a cohort, from one of its modules.
    func sessionForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let code = try context.parameters.require("code")
        let w = try env.workspace(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: code, in: w) }
        let modules = try Curriculum.modules(cohortCode: code, in: w)
        return sessionPlanPage(context, code, fields: sessionFields(context, modules: modules) { request.uri.queryParameters.get($0) })
    }

    /// Plans the session through `Curriculum.planSession`, the command line's rule; a refusal
    /// stands beside its field.
    func planSession(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let code = try context.parameters.require("code")
        try requireSite(context) { try SiteLimit.site(ofCohort: code, in: env.workspace(context)) }
        let posted = try await postedForm(request, context)
        let modules = try Curriculum.modules(cohortCode: code, in: env.workspace(context))
        var fields = sessionFields(context, modules: modules) { posted[$0] }
        return try once(posted, context, alreadyDone: "/cohorts/\(code.uppercased())") { w in
            do {
                try requireListedChoices(["module"], in: fields)
                guard !posted["module"].isEmpty else { throw InputError.empty(field: "module") }
                var duration: Int?
                if let text = posted.optional("duration") {
                    guard let minutes = Int(text) else { throw InputError.notANumber(field: "duration", value: text) }
                    duration = minutes
                }
                let ref = try Curriculum.planSession(SessionPlan(
                    cohortCode: code, moduleName: posted["module"], date: try DayDate(validating: posted["date"], field: "date"),
                    startTime: posted.optional("start"), durationMinutes: duration,
                    facilitators: posted["facilitators"].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                    location: posted.optional("location")), in: w)
                return redirect("/cohorts/\(ref.cohort)", notice: context.text("Sesi \(ref) direncanakan: \(posted["module"]), \(posted["date"]).",
                                                                               "Session \(ref) planned: \(posted["module"]), \(posted["date"])."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: sessionPlanPage(context, code, fields: fields, errors: errors, once: posted["_once"], status: .unprocessableContent))
            }
        }
    }

    /// One list of the members enrolled on the session's day, a tap per person: made for a phone.
    /// Nobody starts marked: a mark is what the officer saw, so an unmarked member is asked for,
    /// not assumed present. "All present" (`?all=present`) fills the members not yet marked with
    /// present, to be corrected before saving. An officer or admin sees the women's names (one
    /// audit entry per register shown); other roles, and a server without the key, see codes.
    func attendanceForm(_ request: Request, _ context: WebContext, posted: FormValues? = nil, errors: [String] = [],
                        unmarked: Set<String> = [], status: HTTPResponse.Status = .ok) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let ref = try sessionRef(context)
        let w = try env.workspace(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: ref.cohort, in: w) }
        let register = try Attendance.register(ref, in: w)
        let recorded = register.lines.contains { $0.mark != nil }
        let allPresent = posted == nil && request.uri.queryParameters.get("all") == "present"
        var names: [String: String] = [:]
        if context.session?.user.role.mayRevealIdentity == true, (try? w.vault()) != nil {
            names = try Registry.revealNames(codes: register.lines.map(\.code), purpose: "\(ref)", in: w)
        }
        // One flat row per member (four marks written out in the view): this page is the
        // busiest on a training day, and nested sections cost most of its rendering.
        let members: [[String: Any]] = register.lines.map { line in
            let current = posted.map { $0["m-\(line.code)"] } ?? line.mark?.rawValue ?? (allPresent ? AttendanceMark.present.rawValue : "")
            let name = names[line.code]
            return ["code": line.code, "name": name ?? "", "who": name.map { "\($0) (\(line.code))" } ?? line.code,
                    "present": current == "present", "late": current == "late", "excused": current == "excused",
                    "absent": current == "absent", "unmarked": unmarked.contains(line.code)]
        }
        var data: [String: Any] = ["subtitle": "\(register.date) · \(register.module) · \(register.status.label(context.language))",
                                   "members": members, "errors": errors, "action": "/attendance/\(ref.cohort)/\(ref.number)",
                                   "once": posted?["_once"] ?? Users.randomToken(), "needsReason": recorded,
                                   "reasonLabel": context.text("Alasan perubahan", "Reason for the change"), "reason": posted?["reason"] ?? "",
                                   "reasonHint": context.text("Wajib bila mengubah tanda yang sudah dicatat.", "Needed when changing a mark already recorded."),
                                   "allPresentHref": "/attendance/\(ref.cohort)/\(ref.number)?all=present",
                                   "allPresentLabel": context.text("Semua hadir", "All present"),
                                   "allPresentHint": context.text("Menandai hadir setiap anggota yang belum ditandai; ubah yang tidak hadir, lalu simpan.",
                                                       "Marks everyone not yet marked as present; change those who are not, then save."),
                                   "unmarkedLabel": context.text("belum ditandai", "not marked"),
                                   "hasChangeLinks": register.status == .planned,
                                   "changeLinks": register.status == .planned
                                       ? [["href": "/sessions/\(ref.cohort)/\(ref.number)/move", "label": context.text("Pindahkan sesi", "Move the session")],
                                          ["href": "/sessions/\(ref.cohort)/\(ref.number)/cancel", "label": context.text("Batalkan sesi", "Cancel the session")]]
                                       : [[String: String]](),
                                   "submit": context.text("Simpan daftar hadir", "Save attendance")]
        for mark in AttendanceMark.allCases { data["\(mark.rawValue)Label"] = mark.label(context.language) }
        return render(context, template: "attendance", title: context.text("Daftar hadir \(ref)", "Attendance \(ref)"), data: data,
                      path: "/cohorts", status: status)
    }

    func attendance(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let ref = try sessionRef(context)
        try requireSite(context) { try SiteLimit.site(ofCohort: ref.cohort, in: env.workspace(context)) }
        let posted = try await postedForm(request, context)
        return try once(posted, context, alreadyDone: "/cohorts/\(ref.cohort)") { w in
            do {
                let register = try Attendance.register(ref, in: w)
                // A register is saved whole: a member left unmarked is asked for, never taken as present.
                let unmarked = register.lines.filter { posted["m-\($0.code)"].isEmpty }.map(\.code)
                guard unmarked.isEmpty else {
                    let message = context.text("Belum ditandai: \(unmarked.joined(separator: ", ")). Tandai setiap anggota (atau ketuk Semua hadir lalu ubah yang tidak hadir), lalu simpan lagi. Belum ada yang dicatat.",
                                    "Not marked: \(unmarked.joined(separator: ", ")). Mark every member (or tap All present and change those who are not), then save again. Nothing was recorded.")
                    throw FormRefusal(response: try attendanceForm(request, context, posted: posted, errors: [message], unmarked: Set(unmarked),
                                                                   status: .unprocessableContent))
                }
                let marks = try register.lines.map { line in
                    (code: line.code, mark: try AttendanceMark(parsing: posted["m-\(line.code)"], field: line.code))
                }
                // Attendance.record tells new marks from corrections (which need the reason) and
                // writes nothing for a register submitted unchanged.
                let outcome = marks.isEmpty ? nil : try Attendance.record(ref, allPresent: false, marks: marks, reason: posted.optional("reason"), in: w)
                let changed = (outcome?.marked ?? 0) + (outcome?.corrected ?? 0)
                let present = marks.filter { $0.mark == .present || $0.mark == .late }.count
                return redirect("/cohorts/\(ref.cohort)", notice: changed == 0
                    ? context.text("Daftar hadir \(ref) tidak berubah; tidak ada yang dicatat.", "Attendance \(ref) is unchanged; nothing was recorded.")
                    : context.text("Daftar hadir \(ref) tersimpan: \(present) dari \(marks.count) hadir; \(changed) tanda dicatat.",
                        "Attendance \(ref) saved: \(present) of \(marks.count) present; \(changed) marks recorded."))
            } catch let error as any UserFacingError {
                throw FormRefusal(response: try attendanceForm(request, context, posted: posted, errors: [ErrorPages.explained(error, context)],
                                                               status: .unprocessableContent))
            }
        }
    }

    private func sessionRef(_ context: WebContext) throws -> SessionRef {
        guard let number = Int(try context.parameters.require("number")), number > 0 else { throw WebError.notFound }
        return SessionRef(cohort: try context.parameters.require("cohort"), number: number)
    }
}
