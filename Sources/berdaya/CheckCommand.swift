import ArgumentParser
import BerdayaKit
import Foundation

/// `berdaya check`: reads the database without changing a byte and says what is wrong with it.
struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "check",
            abstract: L("Memeriksa basis data: keutuhan, aturan buku kas, log audit, rantai hash dan kunci.",
                        "Check the database: integrity, ledger rules, audit log, hash chains and key."),
            discussion: L("""
                Basis data dibuka hanya-baca; tidak ada satu bita pun yang berubah. Diperiksa: integrity_check dan \
                foreign_key_check SQLite; setiap tabel, indeks dan trigger dibandingkan dengan skema baru; saldo setiap \
                dana tidak pernah di bawah nol pada akhir hari mana pun, pembalikan, pindah buku, pinjaman, zakat dan plafon \
                mata anggaran; setiap transaksi dan catatan punya baris audit; rantai hash buku kas dan log audit (menyebut \
                baris pertama yang disisipkan, dihapus atau diubah dengan tangan); dan kunci (berkas kunci atau BERDAYA_KEY) \
                cocok dengan basis data. Kode keluar 0 bila semuanya baik, 1 bila ada masalah.
                """, """
                The database is opened read-only; not one byte changes. Checked: SQLite's integrity_check and \
                foreign_key_check; every table, index and trigger against a fresh schema; every fund's balance never \
                below zero at the end of any day, reversals, transfers, loans, zakat and budget-line caps; every entry and \
                record has its audit row; the hash chains of the ledger and the audit log (naming the first row inserted, \
                deleted or changed by hand); and that the key (key file or BERDAYA_KEY) belongs to the database. \
                Exit code 0 when all is well, 1 on any problem.
                """))
    }

    @OptionGroup var global: GlobalOptions

    func run() throws {
        try runReportingErrors {
            let path = global.resolvedDatabasePath
            let report = try DatabaseCheck.run(databasePath: path, keyPath: global.resolvedKeyPath, environment: global.environment)
            if global.json {
                try BerdayaCLI.printJSON(CheckOutput(path: path, report: report, language: cliLanguage))
            } else {
                print(L("Memeriksa ", "Checking ") + path)
                for check in CheckKind.allCases {
                    let findings = report.findings(of: check)
                    print((findings.isEmpty ? "ok     " : L("MASALAH", "PROBLEM") + " ") + check.label.text)
                    for finding in findings { print("       - " + finding.message.text) }
                }
                print(report.isClean ? L("Semua pemeriksaan lulus.", "Every check passed.")
                                     : L("\(report.findings.count) masalah ditemukan.", "\(report.findings.count) problem(s) found."))
            }
            if !report.isClean { throw ExitCode(1) }
        }
    }
}

/// The report as scripts read it: every check with ok and its findings.
private struct CheckOutput: Encodable {
    struct Check: Encodable {
        var check: String
        var label: String
        var ok: Bool
        var findings: [Finding]
    }

    struct Finding: Encodable {
        var table: String?
        var rowId: Int64?
        var fund: String?
        var message: String
    }

    var database: String
    var ok: Bool
    var checks: [Check]

    init(path: String, report: CheckReport, language: Language) {
        database = path
        ok = report.isClean
        checks = CheckKind.allCases.map { kind in
            let findings = report.findings(of: kind).map {
                Finding(table: $0.table, rowId: $0.rowId, fund: $0.fund, message: $0.message(language))
            }
            return Check(check: kind.rawValue, label: kind.label(language), ok: findings.isEmpty, findings: findings)
        }
    }
}
