import ArgumentParser
import BerdayaKit

/// `berdaya training ...`: a cohort's modules, sessions and skills assessments.
struct TrainingCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "training",
                             abstract: L("Kurikulum kelompok: modul, sesi, dan penilaian keterampilan.",
                                         "A cohort's curriculum: modules, sessions and skills assessments."),
                             subcommands: [ModuleCommand.self, SessionCommand.self, Assess.self])
    }

    struct ModuleCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "module", abstract: L("Modul pelatihan.", "Training modules."),
                                 subcommands: [Add.self, List.self], defaultSubcommand: List.self)
        }

        struct Add: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Menambah modul ke kurikulum kelompok.", "Add a module to a cohort's curriculum."),
                                     discussion: L("Contoh: berdaya training module add MDN-2025-1 --name \"Merangkai bunga\" --category craft",
                                                   "Example: berdaya training module add MDN-2025-1 --name \"Merangkai bunga\" --category craft"))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
            @Option(help: ArgumentHelp(L("Nama modul.", "Module name."))) var name: String
            @Option(help: ArgumentHelp(L("Kategori", "Category", choices: ModuleCategory.self)))
            var category: String
            @Flag(help: ArgumentHelp(L("Bukan modul inti (tidak perlu nilai akhir untuk lulus).",
                                       "Not a core module (no post assessment needed to complete).")))
            var notCore = false

            func execute(_ context: CommandContext) throws {
                let module = try Curriculum.addModule(cohortCode: cohort, name: name,
                                                      category: ModuleCategory(parsing: category, field: "--category"),
                                                      isCore: !notCore, in: context.workspace)
                if context.json { return try context.printJSON(module) }
                context.say(L("Modul '\(module.name)' ditambahkan ke \(cohort.uppercased()).",
                              "Module '\(module.name)' added to \(cohort.uppercased())."))
            }
        }

        struct List: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Daftar modul kelompok.", "List a cohort's modules."))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String

            func execute(_ context: CommandContext) throws {
                let modules = try Curriculum.modules(cohortCode: cohort, in: context.workspace)
                if context.json { return try context.printJSON(modules) }
                var table = Table(headers: [L("Modul", "Module"), L("Kategori", "Category"), L("Inti", "Core")])
                for m in modules { table.add([m.name, m.category.text, m.isCore ? L("ya", "yes") : L("tidak", "no")]) }
                context.say(table.render())
            }
        }
    }

    struct SessionCommand: ParsableCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "session",
                                 abstract: L("Sesi pelatihan: rencanakan, pindah, batalkan, laksanakan.",
                                             "Training sessions: plan, move, cancel, hold."),
                                 discussion: L("Sesi dirujuk sebagai KODE-KELOMPOK/NOMOR, mis. MDN-2025-1/3.",
                                               "A session is referred to as COHORT-CODE/NUMBER, e.g. MDN-2025-1/3."),
                                 subcommands: [Plan.self, List.self, Move.self, Cancel.self, Hold.self],
                                 defaultSubcommand: List.self)
        }

        struct Plan: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Merencanakan sesi.", "Plan a session."),
                                     discussion: L("Contoh: berdaya training session plan MDN-2025-1 --module \"Merangkai bunga\" --date 2025-03-10 --start 09:00 --duration 120 --location \"Balai desa\"",
                                                   "Example: berdaya training session plan MDN-2025-1 --module \"Merangkai bunga\" --date 2025-03-10 --start 09:00 --duration 120 --location \"Village hall\""))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
            @Option(help: ArgumentHelp(L("Nama modul.", "Module name."))) var module: String
            @Option(help: ArgumentHelp(L("Tanggal, di dalam masa kelompok.", "Date, within the cohort's dates."))) var date: String
            @Option(help: ArgumentHelp(L("Jam mulai (JJ:MM).", "Start time (HH:MM)."))) var start: String?
            @Option(help: ArgumentHelp(L("Durasi dalam menit.", "Duration in minutes."))) var duration: Int?
            @Option(help: ArgumentHelp(L("Fasilitator (boleh berulang).", "Facilitator (repeatable)."))) var facilitator: [String] = []
            @Option(help: ArgumentHelp(L("Tempat.", "Location."))) var location: String?
            @Option(help: ArgumentHelp(L("Bahan yang dipakai.", "Materials used."))) var materials: String?
            @Option(help: ArgumentHelp(L("Catatan.", "Notes."))) var notes: String?

            func execute(_ context: CommandContext) throws {
                let ref = try Curriculum.planSession(
                    SessionPlan(cohortCode: cohort, moduleName: module, date: context.date(date, field: "--date"),
                                startTime: start, durationMinutes: duration, facilitators: facilitator, location: location,
                                materials: materials, notes: notes), in: context.workspace)
                if context.json { return try context.printJSON(["session": ref.description]) }
                context.say(L("Sesi \(ref) direncanakan.", "Session \(ref) planned."))
            }
        }

        struct List: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Kalender sesi kelompok.", "A cohort's session calendar."))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String

            func execute(_ context: CommandContext) throws {
                let sessions = try Curriculum.sessions(cohortCode: cohort, in: context.workspace)
                if context.json { return try context.printJSON(sessions) }
                var table = Table(headers: [L("Sesi", "Session"), L("Tanggal", "Date"), L("Jam", "Time"), L("Modul", "Module"),
                                            L("Status", "Status"), L("Hadir", "Attended"), L("Keterangan", "Note")])
                for s in sessions {
                    let note = s.changeReason.map { reason in
                        s.previousDate.map { L("dipindah dari \($0): ", "moved from \($0): ") } .map { $0 + reason } ?? reason
                    }
                    table.add([s.ref, s.date.description, s.startTime ?? "–", s.module, s.status.text,
                               s.status == .held ? "\(s.attended)/\(s.marked)" : "–", note ?? ""])
                }
                context.say(table.render())
            }
        }

        struct Move: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Memindah sesi yang direncanakan ke tanggal lain.", "Move a planned session to another date."))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Sesi, mis. MDN-2025-1/3.", "Session, e.g. MDN-2025-1/3."))) var session: String
            @Option(help: ArgumentHelp(L("Tanggal baru.", "New date."))) var date: String
            @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String

            func execute(_ context: CommandContext) throws {
                let ref = try SessionRef(parsing: session)
                try Curriculum.moveSession(ref, to: context.date(date, field: "--date"), reason: reason, in: context.workspace)
                if context.json { return try context.printJSON(["session": ref.description, "date": date]) }
                context.say(L("Sesi \(ref) dipindah ke \(date).", "Session \(ref) moved to \(date)."))
            }
        }

        struct Cancel: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Membatalkan sesi yang direncanakan.", "Cancel a planned session."))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Sesi, mis. MDN-2025-1/3.", "Session, e.g. MDN-2025-1/3."))) var session: String
            @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String

            func execute(_ context: CommandContext) throws {
                let ref = try SessionRef(parsing: session)
                try Curriculum.cancelSession(ref, reason: reason, in: context.workspace)
                if context.json { return try context.printJSON(["session": ref.description, "status": "cancelled"]) }
                context.say(L("Sesi \(ref) dibatalkan.", "Session \(ref) cancelled."))
            }
        }

        struct Hold: BerdayaCommand {
            static var configuration: CommandConfiguration {
                CommandConfiguration(abstract: L("Menandai sesi terlaksana (daftar hadir menyusul).",
                                                 "Mark a session as held (the register follows)."))
            }

            @OptionGroup var global: GlobalOptions
            @Argument(help: ArgumentHelp(L("Sesi, mis. MDN-2025-1/3.", "Session, e.g. MDN-2025-1/3."))) var session: String

            func execute(_ context: CommandContext) throws {
                let ref = try SessionRef(parsing: session)
                try Attendance.hold(ref, in: context.workspace)
                if context.json { return try context.printJSON(["session": ref.description, "status": "held"]) }
                context.say(L("Sesi \(ref) terlaksana.", "Session \(ref) held."))
            }
        }
    }

    struct Assess: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mencatat nilai awal atau akhir seorang penyintas untuk satu modul.",
                            "Record a survivor's pre or post score for a module."),
                discussion: L("Nilai 0-100 (--score), atau level rubrik (--level 3 --levels 4, disimpan sebagai 75).",
                              "A score of 0-100 (--score), or a rubric level (--level 3 --levels 4, kept as 75)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor code."))) var survivor: String
        @Option(help: ArgumentHelp(L("Nama modul.", "Module name."))) var module: String
        @Option(help: ArgumentHelp(L("pre (awal) atau post (akhir).", "pre or post."))) var phase: String
        @Option(help: ArgumentHelp(L("Nilai 0-100.", "Score 0-100."))) var score: Int?
        @Option(help: ArgumentHelp(L("Level rubrik.", "Rubric level."))) var level: Int?
        @Option(help: ArgumentHelp(L("Jumlah level rubrik.", "Number of rubric levels."))) var levels: Int?
        @Option(help: ArgumentHelp(L("Tanggal penilaian.", "Assessment date."))) var date: String
        @Flag(help: ArgumentHelp(L("Ganti nilai yang sudah ada (tercatat di audit).", "Replace an existing score (audited)."))) var replace = false

        func execute(_ context: CommandContext) throws {
            let value: Assessments.Score
            switch (score, level, levels) {
            case let (score?, nil, nil): value = .points(score)
            case let (nil, level?, levels?): value = .rubric(level: level, levels: levels)
            default: throw InputError.empty(field: "--score, " + L("atau", "or") + " --level + --levels")
            }
            try Assessments.record(cohortCode: cohort, moduleName: module, survivorCode: survivor,
                                   phase: AssessmentPhase(parsing: phase, field: "--phase"), score: value,
                                   on: context.date(date, field: "--date"), replace: replace, in: context.workspace)
            if context.json { return try context.printJSON(["survivor": survivor.uppercased(), "module": module]) }
            context.say(L("Nilai dicatat.", "Score recorded."))
        }
    }
}
