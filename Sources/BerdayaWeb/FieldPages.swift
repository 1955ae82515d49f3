import BerdayaKit
import BerdayaReports
import Foundation
import Hummingbird

extension Pages {
    // MARK: Businesses and sales (officers and admins)

    func businesses(_ request: Request, _ context: WebContext, notice: String? = nil) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let list = try Businesses.list(in: env.workspace(context)).filter { context.sites.allows($0.site) }
        return table(context, title: context.text("Usaha", "Businesses"), path: "/businesses",
                     headers: [context.text("Kode", "Code"), context.text("Nama", "Name"), context.text("Bidang", "Sector"), context.text("Status", "Status"),
                               context.text("Pemilik", "Owners"), ""],
                     rows: list.map { b in [TableCell(text: b.code), TableCell(text: b.name), TableCell(text: b.sector.label(context.language)),
                                            TableCell(text: b.status.label(context.language)), TableCell(text: b.owners),
                                            TableCell(text: context.text("Catat penjualan", "Record a sale"), href: "/sales/new?business=\(b.code)")] },
                     notice: notice)
    }

    private func saleFields(_ context: WebContext, _ values: (String) -> String?) -> [Field] {
        [
            Field(name: "business", label: context.text("Kode usaha", "Business code"), value: values("business") ?? "", required: true),
            Field(name: "date", label: context.text("Tanggal", "Date"), kind: .date, value: values("date") ?? env.today().description, required: true),
            Field(name: "product", label: context.text("Produk", "Product"), value: values("product") ?? "", required: true),
            Field(name: "quantity", label: context.text("Jumlah", "Quantity"), kind: .number, value: values("quantity") ?? "1", required: true),
            Field(name: "price", label: context.text("Harga satuan (kosong: harga biasa)", "Unit price (empty: the usual price)"), kind: .number,
                  value: values("price") ?? ""),
            Field(name: "channel", label: context.text("Saluran", "Channel"), kind: .select, value: values("channel") ?? "direct",
                  options: SalesChannel.allCases.map { ($0.rawValue, $0.label(context.language)) }),
        ]
    }

    func saleForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        if let business = request.uri.queryParameters.get("business") {
            try requireSite(context) { try SiteLimit.site(ofBusiness: String(business), in: env.workspace(context)) }
        }
        return form(context, title: context.text("Catat penjualan", "Record a sale"), path: "/businesses", action: "/sales",
                    fields: saleFields(context) { request.uri.queryParameters.get($0) }, submit: context.text("Simpan", "Save"))
    }

    func sale(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let posted = try await postedForm(request, context)
        try requireSite(context) { try SiteLimit.site(ofBusiness: posted["business"], in: env.workspace(context)) }
        var fields = saleFields(context) { posted[$0] }
        return try once(posted, context, alreadyDone: "/businesses") { w in
            do {
                try requireListedChoices(["channel"], in: fields)
                guard let quantity = Int64(posted["quantity"]) else { throw InputError.notANumber(field: "quantity", value: posted["quantity"]) }
                let recorded = try Sales.record([SaleInput(business: posted["business"], date: try DayDate(validating: posted["date"], field: "date"),
                                                           product: posted["product"], quantity: quantity,
                                                           unitPrice: try posted.optional("price").map { try Rupiah(parsing: $0, field: "price") },
                                                           channel: try SalesChannel(parsing: posted["channel"], field: "channel"))],
                                                in: w)
                let amount = try recorded.sales.reduce(Rupiah.zero) { try $0 + $1.amount }
                return try businesses(request, context, notice: context.text("Penjualan \(money(amount, context)) tercatat.",
                                                                  "Sale of \(money(amount, context)) recorded."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: form(context, title: context.text("Catat penjualan", "Record a sale"), path: "/businesses", action: "/sales",
                                                 fields: fields, submit: context.text("Simpan", "Save"), errors: errors, once: posted["_once"],
                                                 status: .unprocessableContent))
            }
        }
    }

    // MARK: Visits (officers and admins)

    func visitsDue(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let due = try OutcomeFigures.due(in: env.workspace(context)).filter { context.sites.allows($0.site) }
        return table(context, title: context.text("Kunjungan yang perlu dilakukan", "Visits to make"), path: "/visits",
                     headers: [context.text("Penyintas", "Survivor"), context.text("Angkatan", "Cohort"), context.text("Kunjungan", "Visit"),
                               context.text("Jatuh tempo", "Due"), context.text("Keadaan", "Status"), ""],
                     rows: due.map { d in
                         [TableCell(text: d.survivor, href: "/survivors/\(d.survivor)"), TableCell(text: d.cohort),
                          TableCell(text: d.round.map { context.text("tindak lanjut \($0) bulan", "\($0)-month follow-up") } ?? d.kind.label(context.language)),
                          TableCell(text: d.dueOn.description),
                          TableCell(text: d.daysLate > 0 ? context.text("terlambat \(d.daysLate) hari", "\(d.daysLate) days late") : context.text("\(-d.daysLate) hari lagi", "in \(-d.daysLate) days")),
                          TableCell(text: context.text("Catat", "Record"), href: "/visits/new?survivor=\(d.survivor)&kind=\(d.kind.rawValue)")]
                     }, empty: context.text("Tidak ada kunjungan yang terlambat atau jatuh tempo dalam \(OutcomeFigures.dueHorizon) hari.",
                                      "No visit is overdue or due within \(OutcomeFigures.dueHorizon) days."))
    }

    /// The visit form. No answer is filled in for the officer: a score, the kind of visit and the
    /// intention to migrate start at "choose", so a question never asked is never saved as an answer.
    private func visitFields(_ context: WebContext, kind: String? = nil, _ values: (String) -> String?) -> [Field] {
        let choose = ("", context.text("— pilih —", "— choose —"))
        func score(_ name: String, _ label: String) -> Field {
            Field(name: name, label: label, kind: .select, value: values(name) ?? "", required: true,
                  options: [choose] + (1...5).map { (String($0), String($0)) })
        }
        return [
            Field(name: "survivor", label: context.text("Kode penyintas", "Survivor code"), value: values("survivor") ?? "", required: true),
            Field(name: "kind", label: context.text("Jenis kunjungan", "Kind of visit"), kind: .select, value: values("kind") ?? kind ?? "",
                  required: true, options: [choose] + VisitKind.allCases.map { ($0.rawValue, $0.label(context.language)) }),
            Field(name: "date", label: context.text("Tanggal", "Date"), kind: .date, value: values("date") ?? env.today().description, required: true),
            Field(name: "household", label: context.text("Anggota rumah tangga", "Household size"), kind: .number, value: values("household") ?? "", required: true),
            Field(name: "income-business", label: context.text("Pendapatan dari usaha sendiri / bulan", "Income from her business / month"), kind: .number, value: values("income-business") ?? ""),
            Field(name: "income-wage", label: context.text("Upah/gaji / bulan", "Wages / month"), kind: .number, value: values("income-wage") ?? ""),
            Field(name: "income-other", label: context.text("Pendapatan lain / bulan (tani, kiriman, bantuan)", "Other income / month (farming, remittances, aid)"),
                  kind: .number, value: values("income-other") ?? "", hint: context.text("Bila rumah tangga tidak berpendapatan sama sekali, tulis 0; ketiganya kosong ditolak.", "When the household has no income at all, write 0; all three empty is refused.")),
            Field(name: "savings", label: context.text("Tabungan", "Savings"), kind: .number, value: values("savings") ?? "0"),
            Field(name: "migration", label: context.text("Niat bermigrasi lagi", "Intention to migrate again"), kind: .select, value: values("migration") ?? "",
                  required: true, options: [choose] + MigrationIntention.allCases.map { ($0.rawValue, $0.label(context.language)) }),
            score("confidence", context.text("Rasa percaya diri", "Self-confidence")),
            score("prayer", context.text("Shalat", "Prayer")), score("fasting", context.text("Puasa", "Fasting")),
            score("giving", context.text("Zakat, infak, sedekah", "Giving")), score("environment", context.text("Lingkungan keluarga", "Household environment")),
            score("fifth", context.text("Butir kelima program", "The program's fifth item")),
            Field(name: "note", label: context.text("Catatan (disimpan terenkripsi)", "Notes (kept encrypted)"), kind: .textarea, value: values("note") ?? ""),
        ]
    }

    func visitForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkProgram }
        // From a survivor's page the kind follows her history: a baseline first, follow-ups after it.
        var kind: String?
        if let survivor = request.uri.queryParameters.get("survivor") {
            try requireSite(context) { try SiteLimit.site(ofSurvivor: String(survivor), in: env.workspace(context)) }
            let visits = try Visits.list(survivorCode: String(survivor), in: env.workspace(context))
            kind = visits.contains { $0.kind == .baseline } ? VisitKind.followUp.rawValue : VisitKind.baseline.rawValue
        }
        return form(context, title: context.text("Catat kunjungan", "Record a visit"), path: "/visits", action: "/visits",
                    fields: visitFields(context, kind: kind) { request.uri.queryParameters.get($0) }, submit: context.text("Simpan", "Save"))
    }

    func visit(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkProgram }
        let posted = try await postedForm(request, context)
        try requireSite(context) { try SiteLimit.site(ofSurvivor: posted["survivor"], in: env.workspace(context)) }
        var fields = visitFields(context) { posted[$0] }
        return try once(posted, context, alreadyDone: "/visits") { w in
            do {
                try requireListedChoices(["kind", "migration", "confidence", "prayer", "fasting", "giving", "environment", "fifth"], in: fields)
                func int(_ name: String) throws -> Int {
                    guard !posted[name].isEmpty else { throw InputError.empty(field: name) }
                    guard let value = Int(posted[name]) else { throw InputError.notANumber(field: name, value: posted[name]) }
                    return value
                }
                func choice<C: Choice>(_ name: String) throws -> C {
                    guard !posted[name].isEmpty else { throw InputError.empty(field: name) }
                    return try C(parsing: posted[name], field: name)
                }
                var incomes: [IncomeLine]?
                let sources: [(String, IncomeSource)] = [("income-business", .business), ("income-wage", .wage), ("income-other", .other)]
                for (name, source) in sources {
                    guard let text = posted.optional(name) else { continue }
                    let amount = try Rupiah(parsing: text, field: name)
                    incomes = (incomes ?? []) + (amount.amount == 0 ? [] : [IncomeLine(source: source, amount: amount)])
                }
                let ref = try Visits.record(VisitInput(
                    survivorCode: posted["survivor"], kind: try choice("kind"),
                    date: try DayDate(validating: posted["date"], field: "date"), householdSize: try int("household"), incomes: incomes,
                    savings: try Rupiah(parsing: posted.optional("savings") ?? "0", field: "savings"),
                    migration: try choice("migration"), confidence: try int("confidence"),
                    spiritual: SpiritualScores(prayer: try int("prayer"), fasting: try int("fasting"), giving: try int("giving"),
                                               environment: try int("environment"), fifth: try int("fifth")),
                    notes: posted.optional("note")), in: w)
                return redirect("/survivors/\(ref.survivor)", notice: context.text("Kunjungan \(ref) tersimpan.", "Visit \(ref) saved."))
            } catch let error as any UserFacingError {
                var errors = attach(error, to: &fields, context)
                if case OutcomesError.incomeNeeded = error, let index = fields.firstIndex(where: { $0.name == "income-other" }) {
                    fields[index].error = errors.first
                    errors = []
                }
                throw FormRefusal(response: form(context, title: context.text("Catat kunjungan", "Record a visit"), path: "/visits", action: "/visits",
                                                 fields: fields, submit: context.text("Simpan", "Save"), errors: errors, once: posted["_once"],
                                                 status: .unprocessableContent))
            }
        }
    }

    // MARK: Reports (each role only what ReportAccess lets it run)

    private func reader(_ context: WebContext) -> ReportAccess.Reader {
        ReportAccess.Reader(role: context.session!.user.role, sites: context.sites)
    }

    private func reportFields(_ context: WebContext, _ catalog: TemplateCatalog, _ values: (String) -> String?) throws -> [Field] {
        let allowed = catalog.templates.filter { ReportAccess.mayRun($0, reader(context)) }
        let sites = try Sites.list(in: env.workspace(context)).filter { context.sites.allows($0.code) }
        // Someone limited to sites picks one of hers; the others may leave it empty for every site.
        let siteOptions = (context.sites.isLimited ? [] : [("", context.text("semua situs", "every site"))]) + sites.map { ($0.code, "\($0.code) · \($0.name)") }
        return [
            Field(name: "template", label: context.text("Laporan", "Report"), kind: .select, value: values("template") ?? allowed.first?.id ?? "",
                  options: allowed.map { ($0.id, $0.title(context.language)) }),
            Field(name: "period", label: context.text("Periode", "Period"), value: values("period") ?? String(env.today().year),
                  hint: context.text("2026, 2026-H1, 2026-Q1, 2026-03 atau 2025..2026; kosong: \(Period.defaultHelp.id)",
                          "2026, 2026-H1, 2026-Q1, 2026-03 or 2025..2026; empty: \(Period.defaultHelp.en)")),
            Field(name: "fund", label: context.text("Dana (untuk buku kas)", "Fund (for the cash book)"), value: values("fund") ?? ""),
            Field(name: "cohort", label: context.text("Angkatan (untuk daftar hadir)", "Cohort (for registers)"), value: values("cohort") ?? ""),
            Field(name: "site", label: context.text("Situs", "Site"), kind: .select, value: values("site") ?? "",
                  hint: context.text("Untuk laporan yang dapat dibatasi ke satu situs.", "For reports that can be limited to one site."),
                  options: siteOptions),
            Field(name: "language", label: context.text("Bahasa laporan", "Report language"), kind: .select, value: values("language") ?? context.language.rawValue,
                  options: [("id", "Bahasa Indonesia"), ("en", "English")]),
        ]
    }

    func reportForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { _ in true }
        let catalog = try TemplateCatalog(folder: env.templatesFolder)
        let fields = try reportFields(context, catalog) { request.uri.queryParameters.get($0) }
        if fields[0].options.isEmpty {
            return message(context, status: .ok, title: context.text("Laporan", "Reports"),
                           text: context.text("Tidak ada laporan yang boleh dibuat dengan peran dan situs Anda.", "There is no report your role and sites may run."))
        }
        return form(context, title: context.text("Laporan", "Reports"), path: "/reports", action: "/reports",
                    fields: fields, submit: context.text("Unduh buku kerja", "Download the workbook"))
    }

    func report(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { _ in true }
        let posted = try await postedForm(request, context)
        let catalog = try TemplateCatalog(folder: env.templatesFolder)
        var fields = try reportFields(context, catalog) { posted[$0] }
        do {
            // Values that are no choice at all are refused beside their fields; a template or a
            // site that exists but is not hers is ReportAccess's to refuse (403).
            if !catalog.templates.contains(where: { $0.id == posted["template"] }) {
                throw InputError.unknownChoice(field: "template", value: String(posted["template"].prefix(60)), choices: fields[0].options.map(\.1))
            }
            if let site = posted.optional("site"), !(try Sites.list(in: env.workspace(context)).contains { $0.code == site.uppercased() }) {
                throw InputError.unknownChoice(field: "site", value: String(site.prefix(60)), choices: try Sites.list(in: env.workspace(context)).map(\.code))
            }
            try requireListedChoices(["language"], in: fields.map { var field = $0; if field.value.isEmpty { field.value = context.language.rawValue }; return field })
            let template = try catalog.template(posted["template"])
            // The role alone first: a template it may not run is refused whatever was asked with it.
            try ReportAccess.check(template, for: reader(context))
            let language = Language(setting: posted["language"]) ?? context.language
            var parameters = [String: String]()
            for name in ["fund", "cohort", "site"] {
                if let value = posted.optional(name), template.parameters.contains(ParameterName(rawValue: name)!) { parameters[name] = value }
            }
            let (period, label) = try ReportParameters.period(posted.optional("period"), today: env.today())
            let asked = ReportParameters(period: period, periodLabel: label, fund: parameters["fund"], cohort: parameters["cohort"],
                                         site: parameters["site"], language: language)
            let w = try env.workspace(context)
            // Then what was asked: a cohort or site she is limited away from. Before any file is begun.
            try ReportAccess.check(template, for: reader(context), parameters: asked, in: w)
            let folder = (env.reportsFolder as NSString).appendingPathComponent("berdaya-web-" + UUID().uuidString)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let written = try ReportWriter.write(template, parameters: asked, folder: folder, in: w)
            let data = try Data(contentsOf: URL(fileURLWithPath: written.path))
            let name = (written.path as NSString).lastPathComponent
            return Response(status: .ok, headers: [.contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                                   .contentDisposition: "attachment; filename=\"\(name)\"", .cacheControl: "no-store"],
                            body: .init(byteBuffer: ByteBuffer(bytes: data)))
        } catch let error as ReportAccessError {
            throw error
        } catch let error as any UserFacingError {
            let errors = attach(error, to: &fields, context)
            return form(context, title: context.text("Laporan", "Reports"), path: "/reports", action: "/reports", fields: fields,
                        submit: context.text("Unduh buku kerja", "Download the workbook"), errors: errors, status: .unprocessableContent)
        }
    }
}
