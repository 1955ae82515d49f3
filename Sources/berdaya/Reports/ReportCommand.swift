import ArgumentParser
import BerdayaKit
import BerdayaReports
import Foundation

/// `berdaya report ...`: workbooks for funders, donors and the office, from `Templates/`.
struct ReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "report",
                             abstract: L("Buku kerja Excel dari templat: untuk donor, pemberi dana dan kantor.",
                                         "Excel workbooks from templates: for donors, funders and the office."),
                             discussion: L("Contoh: berdaya report donor-report --period 2026-H1 --funder GFSM --lang en\nTemplat dicari di --templates, BERDAYA_TEMPLATES, ./Templates, lalu folder Templates di atas program.",
                                           "Example: berdaya report donor-report --period 2026-H1 --funder GFSM --lang en\nTemplates are looked for in --templates, BERDAYA_TEMPLATES, ./Templates, then a Templates folder above the program."),
                             subcommands: [Write.self, List.self, Threshold.self, Signatory.self], defaultSubcommand: Write.self)
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Templat yang tersedia, untuk siapa, dan parameternya.", "The templates there are, who they are for, and their parameters."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Folder templat.", "Templates folder."))) var templates: String?

        func execute(_ context: CommandContext) throws {
            let catalog = try TemplateCatalog(folder: TemplateCatalog.locate(asked: templates))
            if context.json {
                struct Row: Encodable { var id: String; var title: String; var audience: String; var parameters: [String]; var required: [String]; var roles: [String] }
                return try context.printJSON(catalog.templates.map {
                    Row(id: $0.id, title: $0.title(context.language), audience: $0.audience.rawValue,
                        parameters: $0.parameters.map(\.rawValue), required: $0.required.map(\.rawValue),
                        roles: ReportAccess.roles(for: $0).map(\.rawValue))
                })
            }
            var table = Table(headers: [L("Templat", "Template"), L("Judul", "Title"), L("Untuk", "For"), L("Parameter", "Parameters"),
                                        L("Peran web", "Web roles")])
            for t in catalog.templates {
                table.add([t.id, t.title(context.language), t.audience.label(context.language),
                           t.parameters.map { "--" + $0.rawValue + (t.required.contains($0) ? "*" : "") }.joined(separator: " "),
                           ReportAccess.roles(for: t).map { $0.label(context.language) }.joined(separator: ", ")])
            }
            context.say(table.render())
            context.say(L("* wajib. Folder: \(catalog.folder)", "* required. Folder: \(catalog.folder)"))
            context.say(L("Peran web: siapa yang boleh membuatnya di aplikasi web. Baris perintah dipakai oleh yang memegang basis data dan kuncinya.",
                          "Web roles: who may run it in the web app. The command line is for whoever holds the database and its key."))
        }
    }

    struct Threshold: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Ambang k: jumlah orang 1 sampai k−1 disembunyikan di buku kerja yang keluar dari lembaga (bawaan 5).",
                                             "The threshold k: counts of 1 to k−1 people are hidden in workbooks that leave the organisation (default 5)."),
                                 discussion: L("Tanpa K: menampilkan ambang saat ini. Contoh: berdaya report threshold 11 (aturan CTDC untuk data yang dibagi dengan mitra anti-perdagangan orang).",
                                               "Without K: shows the current threshold. Example: berdaya report threshold 11 (the CTDC rule for data shared with counter-trafficking partners)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Ambang baru, 3 sampai 50.", "The new threshold, 3 to 50."))) var k: Int?

        func execute(_ context: CommandContext) throws {
            if let k { try DisclosureThreshold.set(k, in: context.workspace) }
            let value = try DisclosureThreshold.value(in: context.workspace)
            if context.json { return try context.printJSON(["threshold": value]) }
            context.say(L("Ambang: \(value). Di buku kerja untuk pemberi dana dan donor, jumlah orang 1 sampai \(value - 1) disembunyikan (ditulis x), bersama sel lain yang dapat membukanya.",
                          "Threshold: \(value). In funder and donor workbooks, counts of 1 to \(value - 1) people are hidden (they read x), with the other cells that could give them away."))
        }
    }

    struct Write: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "write",
                                 abstract: L("Menulis satu laporan ke Reports/ (atau --out).", "Write one report into Reports/ (or --out)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Id templat, mis. donor-report.", "Template id, e.g. donor-report."))) var name: String?
        @Option(help: ArgumentHelp(periodHelp("Periode: 2026, 2026-H1, 2026-Q1, 2026-03, 2026-01-01..2026-06-30 atau 2025..2026",
                                              "Period: 2026, 2026-H1, 2026-Q1, 2026-03, 2026-01-01..2026-06-30 or 2025..2026") + ".")) var period: String?
        @Option(help: ArgumentHelp(L("Pemberi dana (kode).", "Funder (code)."))) var funder: String?
        @Option(help: ArgumentHelp(L("Dana (kode).", "Fund (code)."))) var fund: String?
        @Option(help: ArgumentHelp(L("Angkatan (kode).", "Cohort (code)."))) var cohort: String?
        @Option(help: ArgumentHelp(L("Situs (kode).", "Site (code)."))) var site: String?
        @Option(help: ArgumentHelp(L("Folder keluaran.", "Output folder."))) var out = "Reports"
        @Option(help: ArgumentHelp(L("Folder templat.", "Templates folder."))) var templates: String?
        @Option(help: ArgumentHelp(L("Berkas templat di luar folder templat.", "A template file outside the templates folder."))) var template: String?

        func execute(_ context: CommandContext) throws {
            let chosen: ReportTemplate
            if let template {
                chosen = try TemplateLoader.load(path: template)
            } else if let name {
                chosen = try TemplateCatalog(folder: TemplateCatalog.locate(asked: templates)).template(name)
            } else {
                throw InputError.empty(field: L("TEMPLAT atau --template", "TEMPLATE or --template"))
            }
            let written = try ReportRun.write(chosen, period: period, funder: funder, fund: fund, cohort: cohort, site: site,
                                              language: context.language, folder: out, workspace: context.workspace)
            if context.json { return try context.printJSON(written) }
            context.say(L("Laporan ditulis: \(written.path) (\(written.sheets) lembar, \(written.rows) baris data, \(written.suppressed) sel disembunyikan: \(written.primary) jumlah kecil, \(written.complementary) pelindung).",
                          "Report written: \(written.path) (\(written.sheets) sheets, \(written.rows) data rows, \(written.suppressed) cells hidden: \(written.primary) small counts, \(written.complementary) to protect them)."))
        }
    }
}

/// Shared by `report` and `demo`: parameters as typed, a progress line on a terminal.
enum ReportRun {
    static func write(_ template: ReportTemplate, period: String?, funder: String?, fund: String?, cohort: String?, site: String?,
                      language: Language, folder: String, workspace: Workspace) throws -> WrittenReport {
        if period == nil, template.required.contains(.period) {
            throw ReportError.parameterNeeded(template: template.id, parameter: .period)
        }
        let (parsed, label) = try ReportParameters.period(period, today: workspace.today)
        let parameters = ReportParameters(period: parsed, periodLabel: label, funder: funder, fund: fund, cohort: cohort, site: site,
                                          language: language)
        let terminal = isatty(STDERR_FILENO) == 1
        let written = try ReportWriter.write(template, parameters: parameters, folder: folder, in: workspace) { done, total, sheet in
            guard terminal else { return }
            let width = 20, filled = width * done / max(total, 1)
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) \(sheet)".padding(toLength: 60, withPad: " ", startingAt: 0).utf8))
        }
        if terminal { FileHandle.standardError.write(Data("\r".padding(toLength: 61, withPad: " ", startingAt: 0).utf8 + Data("\r".utf8))) }
        return written
    }
}
