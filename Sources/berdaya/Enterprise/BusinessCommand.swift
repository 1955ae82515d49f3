import ArgumentParser
import BerdayaKit

/// Which businesses a figure covers, as options.
struct ScopeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L("Hanya usaha di situs ini.", "Only businesses at this site."))) var site: String?
    @Option(help: ArgumentHelp(L("Hanya usaha dari angkatan ini.", "Only businesses from this cohort."))) var cohort: String?
    @Option(help: ArgumentHelp(L("Hanya usaha ini.", "Only this business."))) var business: String?

    var scope: BusinessScope { BusinessScope(siteCode: site, cohortCode: cohort, businessCode: business) }
}

/// `berdaya business ...`: survivors' businesses (UMKM) and KUBE.
struct BusinessCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "business",
                             abstract: L("Usaha penyintas (UMKM) dan KUBE: status, produk, izin, angka bulanan dan ketahanan usaha.",
                                         "Survivors' businesses (UMKM) and KUBE: status, products, licences, monthly figures and survival."),
                             subcommands: [Add.self, List.self, Show.self, Status.self, Product.self, Licence.self, Licences.self,
                                           Flags.self, Figures.self, Survival.self],
                             defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mendaftarkan usaha perorangan atau KUBE.", "Register an individual business or a KUBE."),
                                 discussion: L("Tanpa --started usaha tercatat 'direncanakan'. Contoh: berdaya business add --name \"Kue Kering Bu Siti\" --sector food --owner KBM-0003 --started 2025-12-10\nKUBE: berdaya business add --name \"KUBE Melati\" --sector craft --kube --owner MDN-0001 --owner MDN-0004",
                                               "Without --started the business is recorded as planned. Example: berdaya business add --name \"Siti's Cookies\" --sector food --owner KBM-0003 --started 2025-12-10\nKUBE: berdaya business add --name \"KUBE Melati\" --sector craft --kube --owner MDN-0001 --owner MDN-0004"))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Nama usaha.", "Business name."))) var name: String
        @Option(help: ArgumentHelp(L("Bidang", "Sector", choices: Sector.self))) var sector: String
        @Option(help: ArgumentHelp(L("Kode penyintas pemilik (ulangi untuk KUBE).", "Owner's survivor code (repeat for a KUBE)."))) var owner: [String] = []
        @Flag(help: ArgumentHelp(L("Usaha bersama (KUBE) milik dua penyintas atau lebih.", "A joint business (KUBE) of two or more survivors."))) var kube = false
        @Option(help: ArgumentHelp(L("Situs (bawaan: situs pemilik).", "Site (default: the owners' site)."))) var site: String?
        @Option(help: ArgumentHelp(L("Angkatan asal (bawaan: angkatan terakhir pemilik).", "Cohort it grew from (default: the owners' latest)."))) var cohort: String?
        @Option(help: ArgumentHelp(L("Tanggal mulai berjualan.", "Date it started trading."))) var started: String?

        func execute(_ context: CommandContext) throws {
            let business = try Businesses.register(BusinessPlan(name: name, sector: Sector(parsing: sector, field: "--sector"),
                                                                ownership: kube ? .kube : .individual, owners: owner, siteCode: site,
                                                                cohortCode: cohort, startedOn: context.date(started, field: "--started")),
                                                   in: context.workspace)
            if context.json { return try context.printJSON(business) }
            context.say(L("Usaha \(business.code) terdaftar: \(business.name).", "Business \(business.code) registered: \(business.name)."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar usaha dengan status, pemilik dan tanggal mulai.", "Businesses with status, owners and start date."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya angkatan ini.", "Only this cohort."))) var cohort: String?

        func execute(_ context: CommandContext) throws {
            let list = try Businesses.list(siteCode: site, cohortCode: cohort, in: context.workspace)
            if context.json { return try context.printJSON(list) }
            var table = Table(headers: [L("Kode", "Code"), L("Nama", "Name"), L("Bidang", "Sector"), L("Status", "Status"),
                                        L("Mulai", "Started"), L("Angkatan", "Cohort"), L("Pemilik", "Owners")])
            for b in list {
                table.add([b.code, b.name, b.sector.text, b.status.text, b.startedOn?.description ?? "–", b.cohort ?? "–",
                           (b.ownership == .kube ? "KUBE: " : "") + b.owners])
            }
            context.say(table.render())
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Satu usaha: riwayat status, produk, izin, modal dan angka 12 bulan terakhir.",
                                             "One business: status history, products, licences, capital and the last 12 months."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha, mis. KBM-U003.", "Business code, e.g. KBM-U003."))) var code: String

        func execute(_ context: CommandContext) throws {
            let d = try Businesses.details(code: code, in: context.workspace)
            let figures = try BusinessFigures.monthly(BusinessScope(businessCode: code), period: Period.lastTwelveMonths(through: context.workspace.today), in: context.workspace)
            if context.json {
                struct Output: Encodable { var business: BusinessDetails; var months: [MonthFigures] }
                return try context.printJSON(Output(business: d, months: figures))
            }
            let s = d.summary
            var fields = Fields()
            fields.add(L("Kode", "Code"), s.code)
            fields.add(L("Nama", "Name"), s.name)
            fields.add(L("Bidang", "Sector"), s.sector.text)
            fields.add(L("Kepemilikan", "Ownership"), s.ownership.text + ": " + s.owners)
            fields.add(L("Situs / angkatan", "Site / cohort"), s.site + " / " + (s.cohort ?? "–"))
            fields.add(L("Status", "Status"), s.status.text)
            fields.add(L("Mulai", "Started"), s.startedOn?.description)
            fields.add(L("Modal diterima", "Capital received"),
                       L("hibah \(context.money(d.capital.grants)), zakat \(context.money(d.capital.zakat)), pinjaman \(context.money(d.capital.loans))",
                         "grants \(context.money(d.capital.grants)), zakat \(context.money(d.capital.zakat)), loans \(context.money(d.capital.loans))"))
            fields.add(L("Mitra pemasaran", "Channel partners"), d.partners.isEmpty ? nil : d.partners.joined(separator: ", "))
            fields.add(L("Kegiatan pemasaran", "Market events"), d.events.isEmpty ? nil : d.events.joined(separator: ", "))
            context.say(fields.render())
            if let flag = d.withoutPIRT {
                context.say(L("⚠ Usaha pangan berjualan tanpa P-IRT yang berlaku: \(context.money(flag.amount)) (\(flag.first?.description ?? "") s.d. \(flag.last?.description ?? "")).",
                              "⚠ Food business selling without a valid P-IRT: \(context.money(flag.amount)) (\(flag.first?.description ?? "") to \(flag.last?.description ?? ""))."))
            }
            context.say("\n" + L("Riwayat status", "Status history"))
            var history = Table(headers: [L("Tanggal", "Date"), L("Status", "Status"), L("Alasan", "Reason"), L("Oleh", "By")])
            for change in d.history { history.add([change.date.description, change.status.text, change.reason ?? "–", change.recordedBy]) }
            context.say(history.render())
            if !d.products.isEmpty {
                context.say("\n" + L("Produk", "Products"))
                var products = Table(headers: [L("Produk", "Product"), L("Satuan", "Unit"), L("Harga biasa", "Usual price")])
                for p in d.products { products.add([p.name, p.unit, context.money(p.usualPrice)]) }
                context.say(products.render())
            }
            if !d.licences.isEmpty {
                context.say("\n" + L("Izin", "Licences"))
                var licences = Table(headers: [L("Jenis", "Kind"), L("Nomor", "Number"), L("Terbit", "Issued"), L("Berakhir", "Expires")])
                for l in d.licences { licences.add([l.kind.text, l.number, l.issuedOn.description, l.expiresOn?.description ?? L("tidak berakhir", "no expiry")]) }
                context.say(licences.render())
            }
            context.say("\n" + L("12 bulan terakhir", "Last 12 months"))
            context.say(monthTable(figures, context).render())
        }
    }

    struct Status: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mengubah status usaha dengan tanggal dan alasan.", "Change a business's status with a date and reason."),
                                 discussion: L("Urutan: planned → active ⇄ paused → closed. Contoh: berdaya business status KBM-U004 paused --date 2026-05-04 --reason \"Merawat orang tua\"",
                                               "Order: planned → active ⇄ paused → closed. Example: berdaya business status KBM-U004 paused --date 2026-05-04 --reason \"Caring for a parent\""))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var code: String
        @Argument(help: ArgumentHelp(L("Status baru", "New status", choices: BusinessStatus.self))) var status: String
        @Option(help: ArgumentHelp(L("Tanggal perubahan (bawaan: hari ini).", "Date of the change (default: today)."))) var date: String?
        @Option(help: ArgumentHelp(L("Alasan perubahan.", "Reason for the change."))) var reason: String = ""

        func execute(_ context: CommandContext) throws {
            let next = try BusinessStatus(parsing: status, field: "status")
            let day = try context.date(date, field: "--date") ?? context.workspace.today
            try Businesses.setStatus(code: code, to: next, on: day, reason: reason, in: context.workspace)
            context.say(L("\(code.uppercased()): \(next.text) sejak \(day).", "\(code.uppercased()): \(next.text) from \(day)."))
        }
    }

    struct Product: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menambah produk dengan satuan dan harga biasanya.", "Add a product with its unit and usual price."),
                                 discussion: L("Contoh: berdaya business product KBM-U003 --name Nastar --unit toples --price 85.000",
                                               "Example: berdaya business product KBM-U003 --name Nastar --unit jar --price 85000"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var code: String
        @Option(help: ArgumentHelp(L("Nama produk.", "Product name."))) var name: String
        @Option(help: ArgumentHelp(L("Satuan (toples, buah, paket...).", "Unit (jar, piece, pack...)."))) var unit: String
        @Option(help: ArgumentHelp(moneyHelp("Harga jual biasa.", "Usual selling price."))) var price: String

        func execute(_ context: CommandContext) throws {
            let product = try Businesses.addProduct(business: code, name: name, unit: unit,
                                                    usualPrice: context.rupiah(price, field: "--price"), in: context.workspace)
            if context.json { return try context.printJSON(product) }
            context.say(L("Produk '\(product.name)' ditambahkan: \(context.money(product.usualPrice)) per \(product.unit).",
                          "Product '\(product.name)' added: \(context.money(product.usualPrice)) per \(product.unit)."))
        }
    }

    struct Licence: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat NIB, P-IRT atau sertifikat halal (perpanjangan dicatat sebagai izin baru).",
                                             "Record an NIB, P-IRT or halal certificate (a renewal is recorded as a new licence)."),
                                 discussion: L("Contoh: berdaya business licence KBM-U003 --kind pirt --number 2063305010123-26 --issued 2026-02-10 --expires 2031-02-10",
                                               "Example: berdaya business licence KBM-U003 --kind pirt --number 2063305010123-26 --issued 2026-02-10 --expires 2031-02-10"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var code: String
        @Option(help: ArgumentHelp(L("Jenis", "Kind", choices: LicenceKind.self))) var kind: String
        @Option(help: ArgumentHelp(L("Nomor izin.", "Licence number."))) var number: String
        @Option(help: ArgumentHelp(L("Tanggal terbit.", "Issue date."))) var issued: String
        @Option(help: ArgumentHelp(L("Tanggal berakhir (wajib untuk P-IRT dan halal).", "Expiry date (needed for P-IRT and halal)."))) var expires: String?

        func execute(_ context: CommandContext) throws {
            let licence = try Businesses.addLicence(business: code, kind: LicenceKind(parsing: kind, field: "--kind"), number: number,
                                                    issuedOn: context.date(issued, field: "--issued"),
                                                    expiresOn: context.date(expires, field: "--expires"), in: context.workspace)
            if context.json { return try context.printJSON(licence) }
            context.say(L("\(licence.kind.text) \(licence.number) dicatat.", "\(licence.kind.text) \(licence.number) recorded."))
        }
    }

    struct Licences: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Izin yang habis dalam 60 hari ke depan atau sudah habis dan belum diperpanjang.",
                                             "Licences expiring in the next 60 days, or expired and not renewed."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Jangka hari ke depan.", "Days ahead."))) var days: Int = 60
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?

        func execute(_ context: CommandContext) throws {
            let due = try Businesses.licencesDue(within: days, siteCode: site, in: context.workspace)
            if context.json { return try context.printJSON(due) }
            if due.isEmpty { return context.say(L("Tidak ada izin yang habis dalam \(days) hari.", "No licence expires within \(days) days.")) }
            var table = Table(headers: [L("Usaha", "Business"), L("Nama", "Name"), L("Izin", "Licence"), L("Nomor", "Number"),
                                        L("Berakhir", "Expires"), L("Sisa hari", "Days left")])
            for l in due {
                table.add([l.business, l.name, l.kind.text, l.number, l.expiresOn.description,
                           l.daysLeft < 0 ? L("habis \(-l.daysLeft) hari lalu", "expired \(-l.daysLeft) days ago") : String(l.daysLeft)])
            }
            context.say(table.render())
        }
    }

    struct Flags: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Usaha pangan yang berjualan tanpa P-IRT yang berlaku (ditandai, tidak ditolak).",
                                             "Food businesses that sold without a valid P-IRT (flagged, not refused)."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?

        func execute(_ context: CommandContext) throws {
            let flags = try Businesses.foodWithoutPIRT(siteCode: site, in: context.workspace)
            if context.json { return try context.printJSON(flags) }
            if flags.isEmpty { return context.say(L("Tidak ada usaha pangan yang berjualan tanpa P-IRT.", "No food business sold without a P-IRT.")) }
            var table = Table(headers: [L("Usaha", "Business"), L("Nama", "Name"), L("Penjualan", "Sales"), L("Omzet", "Omzet"),
                                        L("Dari", "From"), L("Sampai", "To")])
            for f in flags {
                table.add([f.business, f.name, String(f.sales), context.money(f.amount), f.first?.description ?? "–", f.last?.description ?? "–"])
            }
            context.say(table.render())
            context.say(L("Saran: bantu pemiliknya mengurus P-IRT di Dinas Kesehatan, lalu catat dengan 'berdaya business licence'.",
                          "Hint: help the owner apply for a P-IRT at the health office, then record it with 'berdaya business licence'."))
        }
    }

    struct Figures: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Omzet, biaya dan laba kotor per bulan, dengan musim Lebaran ditandai.",
                                             "Omzet, costs and gross profit per month, with the Lebaran season marked."),
                                 discussion: L("Bulan dengan penjualan terinci memakai rincian itu; bulan tanpa rincian memakai ringkasan bulanan. Keduanya tidak pernah dijumlahkan.",
                                               "A month with itemised sales uses them; a month without uses its monthly snapshot. The two are never added."))
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: ScopeOptions
        @Option(help: ArgumentHelp(periodHelp("Periode, mis. 2026, 2026-H1, 2026-Q1", "Period, e.g. 2026, 2026-H1, 2026-Q1") + ".")) var period: String?

        func execute(_ context: CommandContext) throws {
            let figures = try BusinessFigures.monthly(scope.scope, period: context.period(period), in: context.workspace)
            if context.json { return try context.printJSON(figures) }
            context.say(monthTable(figures, context).render())
            context.say(L("☾ = Ramadan dan Idul Fitri; * = sebagian atau seluruhnya dari ringkasan bulanan.",
                          "☾ = Ramadan and Idul Fitri; * = partly or wholly from monthly snapshots."))
        }
    }

    struct Survival: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Usaha yang dimulai, masih berjalan, dan berjalan 6 dan 12 bulan sesudah mulai.",
                                             "Businesses started, active now, and active 6 and 12 months after they started."),
                                 discussion: L("Hanya usaha yang sudah dimulai paling sedikit 6 (atau 12) bulan yang dihitung; 'berhenti sementara' tidak dihitung berjalan.",
                                               "Only businesses started at least 6 (or 12) months ago count; 'paused' does not count as active."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Per site atau cohort.", "By site or cohort."))) var by: String = "site"

        func execute(_ context: CommandContext) throws {
            guard let grouping = SurvivalGrouping(rawValue: by.lowercased()) else {
                throw InputError.unknownChoice(field: "--by", value: by, choices: SurvivalGrouping.allCases.map(\.rawValue))
            }
            let rows = try BusinessFigures.survival(by: grouping, in: context.workspace)
            if context.json { return try context.printJSON(rows) }
            var table = Table(headers: [grouping == .site ? L("Situs", "Site") : L("Angkatan", "Cohort"), L("Dimulai", "Started"),
                                        L("Berjalan kini", "Active now"), L("Berjalan 6 bln", "Active 6 mo"), L("Berjalan 12 bln", "Active 12 mo")])
            for r in rows {
                func ratio(_ part: Int, _ whole: Int) -> String {
                    whole == 0 ? "–" : "\(part)/\(whole) (\(context.percent(Percent.of(Int64(part), Int64(whole)))))"
                }
                table.add([r.group, String(r.started), ratio(r.activeNow, r.started), ratio(r.active6, r.eligible6), ratio(r.active12, r.eligible12)])
            }
            context.say(table.render())
        }
    }
}

/// Months as rows: omzet, costs, profit, the biggest channels; Lebaran and snapshot marks.
func monthTable(_ figures: [MonthFigures], _ context: CommandContext) -> Table {
    var table = Table(headers: [L("Bulan", "Month"), L("Omzet", "Omzet"), L("Biaya", "Costs"), L("Laba kotor", "Gross profit"),
                                L("Usaha", "Businesses"), L("Saluran utama", "Main channels")])
    for m in figures {
        let channels = m.byChannel.sorted { $0.value > $1.value }.prefix(2).map { "\($0.key.text) \(context.money($0.value))" }
        let mark = (m.lebaranSeason ? " ☾" : "") + (m.fromSnapshots.amount > 0 ? " *" : "")
        table.add([m.month.description + mark, context.money(m.omzet), context.money(m.costs), context.money(m.grossProfit),
                   String(m.businesses), channels.joined(separator: ", ")])
    }
    return table
}
