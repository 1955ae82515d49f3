import ArgumentParser
import BerdayaKit
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
                Demo lama diganti; basis data sungguhan tidak pernah ditimpa.
                """, """
                Three sites and cohorts as in the field: crafts in Medan, food products by returned migrant workers in \
                Kebumen, online selling in Jember. Every name and number is made up. The same --seed gives the same data. \
                An earlier demo is replaced; a real database is never overwritten.
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
    @Flag(help: ArgumentHelp(L("Keluaran JSON.", "JSON output."))) var json = false

    func run() throws {
        try runReportingErrors(json: json) {
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
            if json { return try BerdayaCLI.printJSON(summary) }
            print(L("Basis data demo siap: \(summary.databasePath) (kunci: \(summary.keyPath))",
                    "Demo database ready: \(summary.databasePath) (key: \(summary.keyPath))"))
            print(L("\(summary.sites) situs, \(summary.cohorts) kelompok, \(summary.survivors) penyintas, \(summary.enrolments) pendaftaran kelompok.",
                    "\(summary.sites) sites, \(summary.cohorts) cohorts, \(summary.survivors) survivors, \(summary.enrolments) enrolments."))
            print(L("Coba: berdaya cohort list --db \(summary.databasePath)", "Try: berdaya cohort list --db \(summary.databasePath)"))
        }
    }
}
