import ArgumentParser
import BerdayaKit

/// `berdaya attendance ...`: the register of a held session.
struct AttendanceCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "attendance",
                             abstract: L("Daftar hadir sesi.", "Session attendance registers."),
                             subcommands: [Mark.self, Show.self], defaultSubcommand: Show.self)
    }

    struct Mark: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mencatat kehadiran: seluruh kelompok hadir, lalu sebut pengecualiannya.",
                            "Record attendance: the whole cohort present, then name the exceptions."),
                discussion: L("""
                    Contoh: berdaya attendance mark MDN-2025-1/3 --all-present --absent MDN-0004 --late MDN-0007
                    Atau satu per satu: berdaya attendance mark MDN-2025-1/3 --present MDN-0002
                    Mengubah tanda yang sudah tercatat adalah koreksi: perlu --reason, dan tanda lama disimpan.
                    """, """
                    Example: berdaya attendance mark MDN-2025-1/3 --all-present --absent MDN-0004 --late MDN-0007
                    Or one at a time: berdaya attendance mark MDN-2025-1/3 --present MDN-0002
                    Changing a recorded mark is a correction: it needs --reason, and the old mark is kept.
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Sesi, mis. MDN-2025-1/3.", "Session, e.g. MDN-2025-1/3."))) var session: String
        @Flag(help: ArgumentHelp(L("Semua anggota yang terdaftar pada tanggal sesi hadir, kecuali yang disebut.",
                                   "Everyone enrolled on the session's date is present, except those named."))) var allPresent = false
        @Option(help: ArgumentHelp(L("Hadir (boleh berulang).", "Present (repeatable)."))) var present: [String] = []
        @Option(help: ArgumentHelp(L("Terlambat.", "Late."))) var late: [String] = []
        @Option(help: ArgumentHelp(L("Izin.", "Excused."))) var excused: [String] = []
        @Option(help: ArgumentHelp(L("Tidak hadir.", "Absent."))) var absent: [String] = []
        @Option(help: ArgumentHelp(L("Alasan koreksi, bila mengubah tanda yang sudah ada.",
                                     "Reason for a correction, when changing a recorded mark."))) var reason: String?

        func execute(_ context: CommandContext) throws {
            let ref = try SessionRef(parsing: session)
            let marks = present.map { ($0, AttendanceMark.present) } + late.map { ($0, .late) }
                + excused.map { ($0, .excused) } + absent.map { ($0, .absent) }
            let outcome = try Attendance.record(ref, allPresent: allPresent, marks: marks.map { (code: $0.0, mark: $0.1) },
                                                reason: reason, in: context.workspace)
            if context.json { return try context.printJSON(outcome) }
            context.say(L("Sesi \(ref): \(outcome.marked) dicatat, \(outcome.corrected) dikoreksi, \(outcome.unchanged) tetap.",
                          "Session \(ref): \(outcome.marked) recorded, \(outcome.corrected) corrected, \(outcome.unchanged) unchanged."))
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menampilkan daftar hadir satu sesi.", "Show one session's register."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Sesi, mis. MDN-2025-1/3.", "Session, e.g. MDN-2025-1/3."))) var session: String

        func execute(_ context: CommandContext) throws {
            let register = try Attendance.register(SessionRef(parsing: session), in: context.workspace)
            if context.json { return try context.printJSON(register) }
            context.say("\(register.session)  \(register.date)  \(register.module)  (\(register.status.text))")
            var table = Table(headers: [L("Penyintas", "Survivor"), L("Kehadiran", "Attendance"), L("Koreksi", "Corrections")])
            for line in register.lines {
                table.add([line.code, line.mark?.text ?? L("belum dicatat", "not recorded"),
                           line.corrections == 0 ? "" : String(line.corrections)])
            }
            context.say(table.render())
        }
    }
}
