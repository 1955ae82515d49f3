import ArgumentParser
import BerdayaDemo
import BerdayaKit
import BerdayaReports
import Foundation

/// `berdaya demo`: a database full of realistic, synthetic data to try everything on.
struct DemoCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "demo",
            abstract: L("Membuat basis data demo berisi data sintetis yang realistis.",
                        "Build a demo database of realistic, synthetic data."),
            discussion: L("""
                Tiga situs dan kelompok seperti di lapangan: kerajinan di Medan, olahan pangan purna PMI di Kebumen, \
                jualan daring di Jember. Semua nama dan nomor rekaan. Hasilnya sama untuk --seed yang sama. \
                Demo lama diganti; basis data sungguhan tidak pernah ditimpa, dan berkas kunci yang sudah ada dipakai lagi, \
                tidak pernah diganti. Bila dihentikan di tengah jalan, yang tertinggal hanya basis data beserta kuncinya \
                (atau kunci saja); sisa pembuatan (NAMA.sqlite.building-PID) dibersihkan oleh `berdaya demo` berikutnya.
                """, """
                Three sites and cohorts as in the field: crafts in Medan, food products by returned migrant workers in \
                Kebumen, online selling in Jember. Every name and number is made up. The same --seed gives the same data. \
                An earlier demo is replaced; a real database is never overwritten, and a key file already there is \
                used again, never replaced. If stopped midway, what is left is the database with its key (or the key \
                alone); what the build left (NAME.sqlite.building-PID) is cleaned up by the next `berdaya demo`.
                """))
    }

    @Option(name: .customLong("db"), help: ArgumentHelp(L("Berkas basis data demo.", "Demo database file."), valueName: "path"))
    var databasePath = "demo.sqlite"
    @Option(help: ArgumentHelp(L("Benih acak; benih sama, data sama.", "Random seed; the same seed gives the same data.")))
    var seed: UInt64 = 2025
    @Option(help: ArgumentHelp(L("Kalikan jumlah situs, kelompok dan penyintas (untuk uji kecepatan).",
                                 "Multiply the number of sites, cohorts and survivors (for benchmarks).")))
    var scale = 1
    @Option(name: .customLong("as"), help: ArgumentHelp(L("Nama pelaku di log audit.", "Actor name in the audit log.")))
    var actor = "demo"
    @Option(help: ArgumentHelp(L("Bahasa: id atau en.", "Language: id or en."))) var lang: String?
    @Option(help: ArgumentHelp(L("Folder untuk laporan demo.", "Folder for the demo's reports."))) var out = "Reports"
    @Option(help: ArgumentHelp(L("Folder templat.", "Templates folder."))) var templates: String?
    @Flag(name: .customLong("no-reports"), help: ArgumentHelp(L("Jangan tulis laporan.", "Do not write the reports."))) var noReports = false
    @Flag(help: ArgumentHelp(L("Keluaran JSON.", "JSON output."))) var json = false

    func run() throws {
        try runReportingErrors {
            let keyPath = KeyFile.defaultPath(forDatabase: databasePath)
            let showProgress = isatty(STDERR_FILENO) == 1 && !json
            let summary = try DemoBuilder.build(at: databasePath, keyPath: keyPath, seed: seed, scale: scale,
                                                actor: actor) { done, total in
                guard showProgress else { return }
                let width = 30, filled = width * done / max(total, 1)
                let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
                FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) \(L("situs", "sites"))".utf8))
                if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
            }
            let written = noReports ? [] : try writeReports(database: summary.databasePath, keyPath: keyPath)
            if json {
                struct Output: Encodable { var demo: DemoBuilder.Summary; var reports: [String] }
                return try BerdayaCLI.printJSON(Output(demo: summary, reports: written.map(\.path)))
            }
            print(L("Basis data demo siap: \(summary.databasePath) (kunci: \(summary.keyPath))",
                    "Demo database ready: \(summary.databasePath) (key: \(summary.keyPath))"))
            print(L("\(summary.sites) situs, \(summary.cohorts) kelompok, \(summary.survivors) penyintas, \(summary.enrolments) pendaftaran kelompok.",
                    "\(summary.sites) sites, \(summary.cohorts) cohorts, \(summary.survivors) survivors, \(summary.enrolments) enrolments."))
            if !written.isEmpty {
                print(L("\(written.count) laporan ditulis ke \(out)/:", "\(written.count) reports written to \(out)/:"))
                for report in written { print("  " + (report.path as NSString).lastPathComponent) }
            }
            print(L("Coba: berdaya cohort list --db \(summary.databasePath)", "Try: berdaya cohort list --db \(summary.databasePath)"))
        }
    }

    /// Every shipped report for the demo data: funder and donor reports in both languages,
    /// the office's registers in Indonesian.
    private func writeReports(database path: String, keyPath: String) throws -> [WrittenReport] {
        let catalog: TemplateCatalog
        do {
            catalog = try TemplateCatalog(folder: TemplateCatalog.locate(asked: templates))
        } catch ReportError.noTemplatesFolder(let folder) where templates == nil {
            FileHandle.standardError.write(Data(L("Catatan: folder templat \(folder) tidak ada; laporan tidak ditulis (beri --templates).\n",
                                                  "Note: no templates folder at \(folder); no reports written (give --templates).\n").utf8))
            return []
        }
        let database = try AppDatabase.open(at: path)
        defer { try? database.close() }
        let vault = Workspace.loadVault(for: database, keyPath: keyPath, environment: [:])
        let workspace = try Workspace(database: database, vault: vault, actor: actor)
        var written: [WrittenReport] = []
        for template in catalog.templates {
            let languages: [Language] = template.audience.leavesOrganisation ? [.id, .en] : [.id]
            let (period, fund, cohort): (String?, String?, String?) = switch template.id {
            case "cash-book": ("2025..2026", "ZAKAT-PROD", nil)
            // The Medan government grant's period is 2025: its accountability report is due.
            case "lpj-hibah": ("2025", "HIBAH-PPPA", nil)
            // A period of its own, so the registers do not follow the default (the last 12 months) away from the demo's dates.
            case "attendance-register", "cohort-progress": ("2025..2026", nil, "JBR-2026-1")
            default: (template.parameters.contains(.period) ? "2025..2026" : nil, nil, nil)
            }
            for language in languages {
                written.append(try ReportRun.write(template, period: period, funder: nil, fund: fund, cohort: cohort, site: nil,
                                                   language: language, folder: out, workspace: workspace))
            }
        }
        return written
    }
}
