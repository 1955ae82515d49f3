import ArgumentParser
import BerdayaKit

/// `berdaya event ...`: market access, events and channel partners.
struct EventCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "event",
                             abstract: L("Akses pasar: pameran, bazar, kampanye daring, temu pembeli, program Dinas, dan mitra pemasaran.",
                                         "Market access: exhibitions, bazaars, online campaigns, buyer meetings, Dinas programs, and channel partners."),
                             subcommands: [Add.self, List.self, Show.self, Join.self, Partner.self],
                             defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat kegiatan pemasaran.", "Record a market event."),
                                 discussion: L("Jenis: \(choiceList(EventKind.self)). Contoh: berdaya event add --kind exhibition --name \"Pameran UMKM Ramadan\" --start 2026-03-05 --end 2026-03-07 --place \"Alun-alun Kebumen\" --organiser \"Dinas Koperasi UKM\" --cost 750.000 --site KBM",
                                               "Kinds: \(choiceList(EventKind.self)). Example: berdaya event add --kind exhibition --name \"Ramadan SME fair\" --start 2026-03-05 --end 2026-03-07 --place \"Kebumen square\" --organiser \"Dinas Koperasi UKM\" --cost 750000 --site KBM"))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Jenis kegiatan.", "Kind of event."))) var kind: String
        @Option(help: ArgumentHelp(L("Nama kegiatan.", "Event name."))) var name: String
        @Option(help: ArgumentHelp(L("Tanggal mulai.", "Start date."))) var start: String
        @Option(help: ArgumentHelp(L("Tanggal selesai (bawaan: sama dengan mulai).", "End date (default: the start date)."))) var end: String?
        @Option(help: ArgumentHelp(L("Tempat.", "Place."))) var place: String
        @Option(help: ArgumentHelp(L("Penyelenggara.", "Organiser."))) var organiser: String
        @Option(help: ArgumentHelp(moneyHelp("Biaya ikut (sewa stan, transport).", "Cost of taking part (stall, transport)."))) var cost: String = "0"
        @Option(help: ArgumentHelp(L("Situs.", "Site."))) var site: String?

        func execute(_ context: CommandContext) throws {
            let event = try MarketAccess.addEvent(EventPlan(kind: EventKind(parsing: kind, field: "--kind"), name: name,
                                                            startDate: context.date(start, field: "--start"),
                                                            endDate: context.date(end, field: "--end"), place: place, organiser: organiser,
                                                            cost: context.rupiah(cost, field: "--cost"), siteCode: site), in: context.workspace)
            if context.json { return try context.printJSON(event) }
            context.say(L("Kegiatan \(event.code) dicatat: \(event.name).", "Event \(event.code) recorded: \(event.name)."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar kegiatan dengan peserta dan hasil penjualannya.", "Events with their participants and sales."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya kegiatan dalam periode ini (tanpa ini: semua).", "Only events in this period (without it: all)."))) var period: String?

        func execute(_ context: CommandContext) throws {
            let events = try MarketAccess.events(siteCode: site, period: period.map(Period.init(parsing:)), in: context.workspace)
            if context.json { return try context.printJSON(events) }
            var table = Table(headers: [L("Kode", "Code"), L("Tanggal", "Dates"), L("Jenis", "Kind"), L("Nama", "Name"), L("Usaha", "Businesses"),
                                        L("Terjual", "Sold"), L("Biaya", "Cost"), L("Mitra baru", "New partners")])
            for e in events {
                let dates = e.startDate == e.endDate ? e.startDate.description : "\(e.startDate)..\(e.endDate)"
                table.add([e.code, dates, e.kind.text, e.name, String(e.businesses), context.money(e.omzet), context.money(e.cost),
                           String(e.partnersOpened)])
            }
            context.say(table.render())
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Satu kegiatan: usaha yang ikut, apa yang terjual, dan mitra yang terbuka karenanya.",
                                             "One event: the businesses that took part, what they sold, and the partners it opened."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kegiatan.", "Event code."))) var code: String

        func execute(_ context: CommandContext) throws {
            let d = try MarketAccess.eventDetails(code: code, in: context.workspace)
            if context.json { return try context.printJSON(d) }
            let e = d.event
            var fields = Fields()
            fields.add(L("Kode", "Code"), e.code)
            fields.add(L("Nama", "Name"), e.name)
            fields.add(L("Jenis", "Kind"), e.kind.text)
            fields.add(L("Tanggal", "Dates"), "\(e.startDate)..\(e.endDate)")
            fields.add(L("Tempat", "Place"), e.place)
            fields.add(L("Penyelenggara", "Organiser"), e.organiser)
            fields.add(L("Biaya", "Cost"), context.money(e.cost))
            fields.add(L("Terjual", "Sold"), context.money(e.omzet))
            fields.add(L("Mitra baru", "Partners opened"), d.partnersOpened.isEmpty ? nil : d.partnersOpened.joined(separator: ", "))
            context.say(fields.render())
            var table = Table(headers: [L("Usaha", "Business"), L("Nama", "Name"), L("Penjualan", "Sales"), L("Omzet", "Omzet")])
            for p in d.participants { table.add([p.business, p.name, String(p.sales), context.money(p.omzet)]) }
            context.say("\n" + table.render())
        }
    }

    struct Join: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat usaha yang ikut kegiatan (semua atau tidak sama sekali).",
                                             "Record businesses taking part in an event (all or none)."),
                                 discussion: L("Contoh: berdaya event join EV-0001 --business KBM-U001 --business KBM-U003",
                                               "Example: berdaya event join EV-0001 --business KBM-U001 --business KBM-U003"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kegiatan.", "Event code."))) var code: String
        @Option(help: ArgumentHelp(L("Kode usaha (boleh diulang).", "Business code (repeatable)."))) var business: [String] = []

        func execute(_ context: CommandContext) throws {
            try MarketAccess.join(event: code, businesses: business, in: context.workspace)
            context.say(L("\(business.count) usaha tercatat ikut \(code.uppercased()).", "\(business.count) businesses recorded at \(code.uppercased())."))
        }
    }

    /// `berdaya event partner ...`: shops, cooperatives, outlets and online stores.
    struct Partner: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mitra pemasaran: toko titip jual, koperasi, gerai pemerintah, toko daring.",
                                             "Channel partners: consignment shops, cooperatives, government outlets, online stores."),
                                 subcommands: [AddPartner.self, ListPartners.self, Link.self], defaultSubcommand: ListPartners.self)
        }

        struct AddPartner: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(commandName: "add", abstract: L("Mencatat mitra pemasaran.", "Record a channel partner."),
                                     discussion: L("Jenis: \(choiceList(PartnerKind.self)). Contoh: berdaya event partner add --kind cooperative --name \"Koperasi Wanita Sekar Arum\" --site KBM",
                                                   "Kinds: \(choiceList(PartnerKind.self)). Example: berdaya event partner add --kind cooperative --name \"Sekar Arum women's cooperative\" --site KBM"))
            }

            @OptionGroup var global: GlobalOptions
            @Option(help: ArgumentHelp(L("Jenis mitra.", "Kind of partner."))) var kind: String
            @Option(help: ArgumentHelp(L("Nama mitra.", "Partner name."))) var name: String
            @Option(help: ArgumentHelp(L("Tempat.", "Place."))) var place: String?
            @Option(help: ArgumentHelp(L("Situs.", "Site."))) var site: String?

            func execute(_ context: CommandContext) throws {
                let partner = try MarketAccess.addPartner(kind: PartnerKind(parsing: kind, field: "--kind"), name: name, place: place,
                                                          siteCode: site, in: context.workspace)
                if context.json { return try context.printJSON(partner) }
                context.say(L("Mitra \(partner.code) dicatat: \(partner.name).", "Partner \(partner.code) recorded: \(partner.name)."))
            }
        }

        struct ListPartners: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(commandName: "list", abstract: L("Daftar mitra dengan usaha yang terhubung.", "Partners with their linked businesses."))
            }

            @OptionGroup var global: GlobalOptions
            @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?

            func execute(_ context: CommandContext) throws {
                let partners = try MarketAccess.partners(siteCode: site, in: context.workspace)
                if context.json { return try context.printJSON(partners) }
                var table = Table(headers: [L("Kode", "Code"), L("Jenis", "Kind"), L("Nama", "Name"), L("Omzet lewat mitra", "Sold through"),
                                            L("Usaha (kegiatan pembuka)", "Businesses (opening event)")])
                for p in partners { table.add([p.code, p.kind.text, p.name, context.money(p.omzet), p.businesses ?? "–"]) }
                context.say(table.render())
            }
        }

        struct Link: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Menghubungkan mitra dengan usaha sejak suatu tanggal, dan kegiatan yang membukanya.",
                                                 "Link a partner to a business from a date, and the event that opened it."),
                                     discussion: L("Contoh: berdaya event partner link MT-0001 --business KBM-U003 --since 2026-03-10 --opened-by EV-0001",
                                                   "Example: berdaya event partner link MT-0001 --business KBM-U003 --since 2026-03-10 --opened-by EV-0001"))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Kode mitra.", "Partner code."))) var partner: String
            @Option(help: ArgumentHelp(L("Kode usaha.", "Business code."))) var business: String
            @Option(help: ArgumentHelp(L("Sejak tanggal (bawaan: hari ini).", "Since (default: today)."))) var since: String?
            @Option(help: ArgumentHelp(L("Kegiatan yang membuka saluran ini.", "The event that opened this channel."))) var openedBy: String?

            func execute(_ context: CommandContext) throws {
                try MarketAccess.link(partner: partner, business: business,
                                      since: try context.date(since, field: "--since") ?? context.workspace.today, openedBy: openedBy,
                                      in: context.workspace)
                context.say(L("\(partner.uppercased()) terhubung dengan \(business.uppercased()).",
                              "\(partner.uppercased()) linked to \(business.uppercased())."))
            }
        }
    }
}
