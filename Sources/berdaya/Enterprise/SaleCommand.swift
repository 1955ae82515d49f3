import ArgumentParser
import BerdayaKit

/// `berdaya sale ...`: itemised sales and costs, monthly snapshots, channels.
struct SaleCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "sale",
                             abstract: L("Penjualan dan biaya usaha, ringkasan bulanan, dan saluran penjualan.",
                                         "Business sales and costs, monthly snapshots, and sales channels."),
                             subcommands: [Add.self, List.self, Cost.self, Snapshot.self, VoidRecord.self, Channels.self, Gaps.self],
                             defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat satu penjualan terinci.", "Record one itemised sale."),
                                 discussion: L("""
                                     Saluran: direct, exhibition, consignment, cooperative, marketplace, social_media, abroad, other.
                                     Tanpa --price dipakai harga biasa produk. Usaha pangan tanpa P-IRT tetap dicatat, dengan peringatan.
                                     Contoh: berdaya sale add KBM-U003 --date 2026-03-06 --product Nastar --quantity 4 --channel exhibition --event EV-0001
                                     """, """
                                     Channels: direct, exhibition, consignment, cooperative, marketplace, social_media, abroad, other.
                                     Without --price the product's usual price is used. A food business without a P-IRT is recorded, with a warning.
                                     Example: berdaya sale add KBM-U003 --date 2026-03-06 --product Nastar --quantity 4 --channel exhibition --event EV-0001
                                     """))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var business: String
        @Option(help: ArgumentHelp(L("Tanggal jual (bawaan: hari ini).", "Date of sale (default: today)."))) var date: String?
        @Option(help: ArgumentHelp(L("Nama produk.", "Product name."))) var product: String
        @Option(help: ArgumentHelp(L("Jumlah satuan.", "Quantity in units."))) var quantity: Int64
        @Option(help: ArgumentHelp(moneyHelp("Harga satuan; jumlah × harga paling banyak sama.", "Unit price; quantity × price is bounded the same."))) var price: String?
        @Option(help: ArgumentHelp(L("Saluran penjualan.", "Sales channel."))) var channel: String
        @Option(help: ArgumentHelp(L("Jenis pembeli", "Buyer type", choices: BuyerType.self))) var buyer: String?
        @Option(help: ArgumentHelp(L("Kode kegiatan pemasaran tempat menjual.", "Market event it was sold at."))) var event: String?
        @Option(help: ArgumentHelp(L("Kode mitra pemasaran yang menyalurkan.", "Channel partner it went through."))) var partner: String?

        func execute(_ context: CommandContext) throws {
            let input = SaleInput(business: business, date: try context.date(date, field: "--date") ?? context.workspace.today,
                                  product: product, quantity: quantity, unitPrice: try price.map { try context.rupiah($0, field: "--price") },
                                  channel: try SalesChannel(parsing: channel, field: "--channel"),
                                  buyerType: try context.choice(buyer, field: "--buyer"), event: event, partner: partner)
            let recorded = try Sales.record([input], in: context.workspace)
            if context.json { return try context.printJSON(recorded.sales) }
            for sale in recorded.sales {
                context.say(L("Penjualan #\(sale.id!) dicatat: \(sale.quantity) × \(context.money(sale.unitPrice)) = \(context.money(sale.amount)).",
                              "Sale #\(sale.id!) recorded: \(sale.quantity) × \(context.money(sale.unitPrice)) = \(context.money(sale.amount))."))
            }
            for warning in recorded.warnings { context.say(L("Peringatan: ", "Warning: ") + warning.text) }
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Penjualan terinci satu usaha, termasuk yang dibatalkan.", "A business's itemised sales, voided ones included."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var business: String
        @Option(help: ArgumentHelp(L("Hanya penjualan dalam periode ini, mis. 2026-03 (tanpa ini: semua).",
                                     "Only sales in this period, e.g. 2026-03 (without it: all)."))) var period: String?

        func execute(_ context: CommandContext) throws {
            let lines = try Sales.list(business: business, period: period.map(Period.init(parsing:)), in: context.workspace)
            if context.json { return try context.printJSON(lines) }
            var table = Table(headers: ["#", L("Tanggal", "Date"), L("Produk", "Product"), L("Jml", "Qty"), L("Harga", "Price"),
                                        L("Jumlah", "Amount"), L("Saluran", "Channel"), L("Kegiatan/mitra", "Event/partner")])
            for s in lines {
                let voided = s.voidedOn.map { _ in L(" (batal: \(s.voidReason ?? ""))", " (void: \(s.voidReason ?? ""))") } ?? ""
                table.add([String(s.id), s.date.description, s.product, "\(s.quantity) \(s.unit)", context.money(s.unitPrice),
                           context.money(s.amount) + voided, s.channel.text, [s.event, s.partner].compactMap { $0 }.joined(separator: " ")])
            }
            context.say(table.render())
        }
    }

    struct Cost: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat biaya usaha: \(choiceList(CostCategory.self)).",
                                             "Record a business cost: \(choiceList(CostCategory.self))."),
                                 discussion: L("Contoh: berdaya sale cost KBM-U003 --date 2026-03-01 --category raw_materials --amount 450.000 --note \"Terigu, mentega\"",
                                               "Example: berdaya sale cost KBM-U003 --date 2026-03-01 --category raw_materials --amount 450000 --note \"Flour, butter\""))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var business: String
        @Option(help: ArgumentHelp(L("Tanggal (bawaan: hari ini).", "Date (default: today)."))) var date: String?
        @Option(help: ArgumentHelp(L("Jenis biaya.", "Cost category."))) var category: String
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String
        @Option(help: ArgumentHelp(L("Catatan.", "Note."))) var note: String?

        func execute(_ context: CommandContext) throws {
            let cost = try Sales.recordCost(business: business, date: try context.date(date, field: "--date") ?? context.workspace.today,
                                            category: CostCategory(parsing: category, field: "--category"),
                                            amount: context.rupiah(amount, field: "--amount"), note: note, in: context.workspace)
            if context.json { return try context.printJSON(cost) }
            context.say(L("Biaya #\(cost.id!) dicatat: \(cost.category.text) \(context.money(cost.amount)).",
                          "Cost #\(cost.id!) recorded: \(cost.category.text) \(context.money(cost.amount))."))
        }
    }

    struct Snapshot: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat ringkasan omzet dan biaya satu bulan, seperti dilaporkan saat kunjungan.",
                                             "Record a month's omzet and costs as reported at a visit."),
                                 discussion: L("Ringkasan hanya dipakai untuk bulan tanpa penjualan terinci; bila keduanya ada, selisihnya ditampilkan ('berdaya sale gaps'). Contoh: berdaya sale snapshot KBM-U003 --month 2026-02 --omzet 3.200.000 --costs 1.500.000 --reported 2026-03-04",
                                               "A snapshot counts only for a month without itemised sales; when both exist the gap is shown ('berdaya sale gaps'). Example: berdaya sale snapshot KBM-U003 --month 2026-02 --omzet 3200000 --costs 1500000 --reported 2026-03-04"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var business: String
        @Option(help: ArgumentHelp(L("Bulan, TTTT-BB.", "Month, YYYY-MM."))) var month: String
        @Option(help: ArgumentHelp(moneyHelp("Omzet sebulan.", "The month's omzet."))) var omzet: String
        @Option(help: ArgumentHelp(moneyHelp("Biaya sebulan.", "The month's costs."))) var costs: String
        @Option(help: ArgumentHelp(L("Tanggal dilaporkan (bawaan: hari ini).", "Date reported (default: today)."))) var reported: String?

        func execute(_ context: CommandContext) throws {
            let snapshot = try Sales.snapshot(business: business, month: Month(validating: month, field: "--month"),
                                              omzet: context.rupiah(omzet, field: "--omzet"), costs: context.rupiah(costs, field: "--costs"),
                                              reportedOn: try context.date(reported, field: "--reported") ?? context.workspace.today,
                                              in: context.workspace)
            if context.json { return try context.printJSON(snapshot) }
            context.say(L("Ringkasan \(snapshot.month) dicatat: omzet \(context.money(snapshot.omzet)), biaya \(context.money(snapshot.costs)).",
                          "Snapshot for \(snapshot.month) recorded: omzet \(context.money(snapshot.omzet)), costs \(context.money(snapshot.costs))."))
        }
    }

    struct VoidRecord: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "void",
                                 abstract: L("Membatalkan penjualan, biaya atau ringkasan yang salah, dengan alasan (tidak dihapus).",
                                             "Void a mistaken sale, cost or snapshot, with a reason (nothing is deleted)."),
                                 discussion: L("Contoh: berdaya sale void --sale 42 --reason \"Tercatat dua kali\"; berdaya sale void --snapshot KBM-U003 --month 2026-02 --reason \"Salah bulan\"",
                                               "Example: berdaya sale void --sale 42 --reason \"Recorded twice\"; berdaya sale void --snapshot KBM-U003 --month 2026-02 --reason \"Wrong month\""))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Nomor penjualan.", "Sale number."))) var sale: Int64?
        @Option(help: ArgumentHelp(L("Nomor biaya.", "Cost number."))) var cost: Int64?
        @Option(help: ArgumentHelp(L("Kode usaha yang ringkasannya dibatalkan.", "Business whose snapshot is voided."))) var snapshot: String?
        @Option(help: ArgumentHelp(L("Bulan ringkasan.", "The snapshot's month."))) var month: String?
        @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String

        func execute(_ context: CommandContext) throws {
            let target: VoidTarget
            switch (sale, cost, snapshot, month) {
            case let (id?, nil, nil, nil): target = .sale(id)
            case let (nil, id?, nil, nil): target = .cost(id)
            case let (nil, nil, code?, month?): target = .snapshot(business: code, month: try Month(validating: month, field: "--month"))
            default:
                throw InputError.unknownChoice(field: L("yang dibatalkan", "what to void"), value: "",
                                               choices: ["--sale N", "--cost N", "--snapshot KODE --month TTTT-BB"])
            }
            try Sales.void(target, reason: reason, in: context.workspace)
            context.say(L("Dibatalkan.", "Voided."))
        }
    }

    struct Channels: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Omzet per saluran dan bagian yang lewat saluran hasil kegiatan pemasaran.",
                                             "Omzet by channel, and the share through channels opened by market events."),
                                 discussion: L("Saluran hasil kegiatan: penjualan di kegiatan itu sendiri, atau lewat mitra yang terhubung karena kegiatan. Bagiannya dihitung dari penjualan terinci; ringkasan bulanan tidak punya saluran.",
                                               "Channels opened by events: sales at the event itself, or through a partner linked because of it. The share is of itemised sales; monthly snapshots carry no channel."))
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: ScopeOptions
        @Option(help: ArgumentHelp(periodHelp("Periode", "Period") + ".")) var period: String?

        func execute(_ context: CommandContext) throws {
            let f = try BusinessFigures.channels(scope.scope, period: context.period(period), in: context.workspace)
            if context.json { return try context.printJSON(f) }
            var table = Table(headers: [L("Saluran", "Channel"), L("Omzet", "Omzet"), L("Bagian", "Share")])
            for row in f.rows {
                table.add([row.channel?.text ?? L("tanpa rincian (ringkasan)", "not itemised (snapshots)"), context.money(row.omzet),
                           context.percent(row.share)])
            }
            table.add([L("Jumlah", "Total"), context.money(f.total), ""])
            context.say(table.render())
            context.say(L("Lewat saluran hasil kegiatan pemasaran: \(context.money(f.throughEventChannels)) = \(context.percent(f.eventShare)) dari penjualan terinci.",
                          "Through channels opened by market events: \(context.money(f.throughEventChannels)) = \(context.percent(f.eventShare)) of itemised sales."))
        }
    }

    struct Gaps: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Bulan yang punya penjualan terinci dan ringkasan: selisih keduanya untuk dicek petugas.",
                                             "Months with both itemised sales and a snapshot: the gap for the officer to check."))
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var scope: ScopeOptions
        @Option(help: ArgumentHelp(periodHelp("Periode", "Period") + ".")) var period: String?

        func execute(_ context: CommandContext) throws {
            let gaps = try BusinessFigures.disagreements(scope.scope, period: context.period(period), in: context.workspace)
            if context.json { return try context.printJSON(gaps) }
            if gaps.isEmpty { return context.say(L("Tidak ada selisih.", "No gaps.")) }
            var table = Table(headers: [L("Usaha", "Business"), L("Bulan", "Month"), L("Omzet terinci (dipakai)", "Itemised omzet (counted)"),
                                        L("Omzet ringkasan", "Snapshot omzet"), L("Selisih", "Gap"), L("Biaya terinci", "Itemised costs"),
                                        L("Biaya ringkasan", "Snapshot costs")])
            for g in gaps {
                table.add([g.business, g.month.description, context.money(g.itemisedOmzet), context.money(g.snapshotOmzet),
                           context.money(g.difference), context.money(g.itemisedCosts), context.money(g.snapshotCosts)])
            }
            context.say(table.render())
        }
    }
}
