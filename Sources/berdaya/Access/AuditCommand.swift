import ArgumentParser
import BerdayaKit

/// `berdaya audit`: who did what, newest first.
struct AuditCommand: BerdayaCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "audit",
                             abstract: L("Log audit: siapa melakukan apa, terbaru di atas.",
                                         "The audit log: who did what, newest first."),
                             discussion: L("Log hanya berisi kode, tanpa data pribadi, dan tidak bisa diubah.",
                                           "The log holds codes only, no personal data, and cannot be changed."))
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(L("Hanya untuk satu kode (penyintas, kelompok, situs).",
                                 "Only for one code (survivor, cohort, site)."))) var record: String?
    @Option(help: ArgumentHelp(L("Hanya tindakan orang ini.", "Only this person's actions."))) var actor: String?
    @Option(help: ArgumentHelp(L("Sejak tanggal (TTTT-BB-HH).", "Since a date (YYYY-MM-DD)."))) var since: String?
    @Option(help: ArgumentHelp(L("Jumlah baris paling banyak.", "At most this many lines."))) var limit = 50

    func execute(_ context: CommandContext) throws {
        let since = try context.date(since, field: "--since")
        let entries = try AuditLog.entries(in: context.workspace, record: record?.uppercased(), actor: actor,
                                           since: since, limit: max(1, limit))
        if context.json { return try context.printJSON(entries) }
        var table = Table(headers: [L("Waktu", "Time"), L("Pelaku", "Actor"), L("Tindakan", "Action"), L("Catatan", "Record")])
        for entry in entries { table.add([entry.at, entry.actor, entry.action, entry.record ?? "–"]) }
        context.say(table.render())
    }
}
