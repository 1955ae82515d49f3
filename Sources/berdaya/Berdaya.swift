import ArgumentParser
import BerdayaKit

@main
struct Berdaya: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "berdaya",
            abstract: L("Pengelola program pemberdayaan ekonomi penyintas perdagangan orang.",
                        "Program manager for the economic empowerment of trafficking survivors."),
            discussion: L("""
                Semua data ada dalam satu berkas SQLite (--db, BERDAYA_DB, atau ./berdaya.sqlite).
                Identitas penyintas dienkripsi dengan kunci di berkas NAMA.key di sampingnya.
                Mulai dengan `berdaya init`, atau coba `berdaya demo`. Pesan dalam bahasa Inggris: --lang en.
                """, """
                Everything lives in one SQLite file (--db, BERDAYA_DB, or ./berdaya.sqlite).
                Survivors' identity is encrypted with the key in the file NAME.key beside it.
                Start with `berdaya init`, or try `berdaya demo`. Messages in Indonesian: --lang id.
                """),
            subcommands: [InitCommand.self, SiteCommand.self, SurvivorCommand.self, CohortCommand.self,
                          TrainingCommand.self, AttendanceCommand.self, FunderCommand.self, FundCommand.self,
                          LedgerCommand.self, LoanCommand.self, BusinessCommand.self, SaleCommand.self, EventCommand.self,
                          VisitCommand.self, OutcomesCommand.self, ReportCommand.self, UserCommand.self, ServeCommand.self,
                          AuditCommand.self, CheckCommand.self, BackupCommand.self, RestoreCommand.self, KeyCommand.self,
                          DemoCommand.self]
        )
    }
}
