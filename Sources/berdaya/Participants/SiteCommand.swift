import ArgumentParser
import BerdayaKit

/// `berdaya site ...`: the branch offices.
struct SiteCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "site",
                             abstract: L("Situs (kantor cabang) program.", "The program's sites (branch offices)."),
                             subcommands: [Add.self, List.self], defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menambah situs.", "Add a site."),
                                 discussion: L("Contoh: berdaya site add --code MDN --name Medan --province \"Sumatera Utara\"",
                                               "Example: berdaya site add --code MDN --name Medan --province \"Sumatera Utara\""))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kode 2-5 huruf kapital, awal kode penyintas (MDN → MDN-0001).",
                                     "2-5 capital letters, the start of survivor codes (MDN → MDN-0001).")))
        var code: String
        @Option(help: ArgumentHelp(L("Nama situs.", "Site name."))) var name: String
        @Option(help: ArgumentHelp(L("Provinsi.", "Province."))) var province: String?
        @Option(help: ArgumentHelp(L("Kabupaten/kota.", "Regency or city."))) var regency: String?

        func execute(_ context: CommandContext) throws {
            let site = try Sites.add(code: code, name: name, province: province, regency: regency, in: context.workspace)
            if context.json { try context.printJSON(site) } else {
                context.say(L("Situs \(site.code) (\(site.name)) ditambahkan.", "Site \(site.code) (\(site.name)) added."))
            }
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar situs.", "List the sites."))
        }

        @OptionGroup var global: GlobalOptions

        func execute(_ context: CommandContext) throws {
            let sites = try Sites.list(in: context.workspace)
            if context.json { return try context.printJSON(sites) }
            var table = Table(headers: [L("Kode", "Code"), L("Nama", "Name"), L("Provinsi", "Province"),
                                        L("Penyintas", "Survivors"), L("Kelompok", "Cohorts")])
            for site in sites {
                table.add([site.code, site.name, site.province ?? "–", String(site.survivors), String(site.cohorts)])
            }
            context.say(table.render())
        }
    }
}
