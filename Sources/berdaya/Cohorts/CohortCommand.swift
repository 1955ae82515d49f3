import ArgumentParser
import BerdayaKit

/// `berdaya cohort ...`: cohorts and their members.
struct CohortCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "cohort",
                             abstract: L("Kelompok (angkatan) pelatihan dan anggotanya.", "Training cohorts and their members."),
                             subcommands: [Create.self, List.self, Show.self, Enrol.self, Exit.self, Status.self, ProgressCommand.self,
                                           Rule.self],
                             defaultSubcommand: List.self)
    }

    struct Create: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Membuat kelompok.", "Create a cohort."),
                discussion: L("Contoh: berdaya cohort create --site MDN --name \"Kerajinan Medan 2025\" --program \"Pemberdayaan Ekonomi 2025\" --start 2025-02-10 --end 2025-05-30 --facilitator \"Bu Rina\"",
                              "Example: berdaya cohort create --site MDN --name \"Medan crafts 2025\" --program \"Economic empowerment 2025\" --start 2025-02-10 --end 2025-05-30 --facilitator \"Bu Rina\""))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kode situs.", "Site code."))) var site: String
        @Option(help: ArgumentHelp(L("Nama kelompok.", "Cohort name."))) var name: String
        @Option(help: ArgumentHelp(L("Program induknya; satu penyintas hanya di satu kelompok aktif per program.",
                                     "Its program; a survivor is in one active cohort per program at most."))) var program: String
        @Option(help: ArgumentHelp(L("Tanggal mulai.", "Start date."))) var start: String
        @Option(help: ArgumentHelp(L("Tanggal selesai.", "End date."))) var end: String
        @Option(help: ArgumentHelp(L("Kode kelompok (bawaan: SITUS-TAHUN-N).", "Cohort code (default: SITE-YEAR-N)."))) var code: String?
        @Option(help: ArgumentHelp(L("Fasilitator (boleh berulang).", "Facilitator (repeatable)."))) var facilitator: [String] = []
        @Option(help: ArgumentHelp(L("Organisasi mitra (boleh berulang).", "Partner organisation (repeatable)."))) var partner: [String] = []
        @Option(help: ArgumentHelp(L("Status: planned (bawaan), active, completed.", "Status: planned (default), active, completed."))) var status: String?

        func execute(_ context: CommandContext) throws {
            let plan = CohortPlan(code: code, name: name, program: program, siteCode: site,
                                  startDate: try context.date(start, field: "--start"),
                                  endDate: try context.date(end, field: "--end"),
                                  facilitators: facilitator, partners: partner,
                                  status: try context.choice(status, field: "--status") ?? .planned)
            let cohort = try Cohorts.create(plan, in: context.workspace)
            if context.json { return try context.printJSON(["code": cohort.code]) }
            context.say(L("Kelompok \(cohort.code) dibuat.", "Cohort \(cohort.code) created."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar kelompok.", "List the cohorts."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya satu situs.", "Only one site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya satu status.", "Only one status."))) var status: String?

        func execute(_ context: CommandContext) throws {
            let cohorts = try Cohorts.list(in: context.workspace, siteCode: site, status: context.choice(status, field: "--status"))
            if context.json { return try context.printJSON(cohorts) }
            var table = Table(headers: [L("Kode", "Code"), L("Nama", "Name"), L("Situs", "Site"), L("Mulai", "Start"),
                                        L("Selesai", "End"), L("Status", "Status"), L("Anggota", "Members"),
                                        L("Pernah terdaftar", "Ever enrolled")])
            for c in cohorts {
                table.add([c.code, c.name, c.site, c.startDate.description, c.endDate.description, c.status.text,
                           String(c.current), String(c.enrolled)])
            }
            context.say(table.render())
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menampilkan kelompok dan anggotanya.", "Show a cohort and its members."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var code: String

        func execute(_ context: CommandContext) throws {
            let cohort = try Cohorts.details(code: code, in: context.workspace)
            if context.json { return try context.printJSON(cohort) }
            var fields = Fields()
            fields.add(L("Kode", "Code"), cohort.code)
            fields.add(L("Nama", "Name"), cohort.name)
            fields.add("Program", cohort.program)
            fields.add(L("Situs", "Site"), cohort.site)
            fields.add(L("Masa", "Dates"), "\(cohort.startDate) – \(cohort.endDate)")
            fields.add(L("Status", "Status"), cohort.status.text)
            fields.add(L("Fasilitator", "Facilitators"), cohort.facilitators.isEmpty ? nil : cohort.facilitators.joined(separator: ", "))
            fields.add(L("Mitra", "Partners"), cohort.partners.isEmpty ? nil : cohort.partners.joined(separator: ", "))
            context.say(fields.render())
            context.say("")
            var table = Table(headers: [L("Penyintas", "Survivor"), L("Terdaftar", "Enrolled"), L("Keluar", "Exited"),
                                        L("Alasan", "Reason")])
            for m in cohort.members {
                table.add([m.code, m.enrolledOn.description, m.exitedOn?.description ?? "–", m.exitReason?.text ?? "–"])
            }
            context.say(table.render())
            let current = cohort.members.filter { $0.exitedOn == nil }.count
            context.say(L("\(current) anggota aktif, \(cohort.members.count) pendaftaran", "\(current) current members, \(cohort.members.count) enrolments"))
        }
    }

    struct Enrol: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mendaftarkan penyintas ke kelompok (semua atau tidak sama sekali).",
                                             "Enrol survivors in a cohort (all or none)."),
                                 discussion: L("Contoh: berdaya cohort enrol MDN-2025-1 MDN-0001 MDN-0002 --date 2025-02-10",
                                               "Example: berdaya cohort enrol MDN-2025-1 MDN-0001 MDN-0002 --date 2025-02-10"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor codes."))) var survivors: [String]
        @Option(help: ArgumentHelp(L("Tanggal daftar.", "Enrolment date."))) var date: String

        func execute(_ context: CommandContext) throws {
            try Cohorts.enrol(cohortCode: cohort, survivorCodes: survivors, on: context.date(date, field: "--date"),
                              in: context.workspace)
            if context.json { return try context.printJSON(["cohort": cohort.uppercased(), "enrolled": "\(survivors.count)"]) }
            context.say(L("\(survivors.count) penyintas didaftarkan ke \(cohort.uppercased()).",
                          "\(survivors.count) survivors enrolled in \(cohort.uppercased())."))
        }
    }

    struct Exit: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat keluarnya penyintas dari kelompok.", "Record a survivor leaving a cohort."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor code."))) var survivor: String
        @Option(help: ArgumentHelp(L("Alasan", "Reason", choices: ExitReason.self))) var reason: String
        @Option(help: ArgumentHelp(L("Tanggal keluar.", "Exit date."))) var date: String

        func execute(_ context: CommandContext) throws {
            let reason = try ExitReason(parsing: reason, field: "--reason")
            try Cohorts.exit(cohortCode: cohort, survivorCode: survivor, on: context.date(date, field: "--date"),
                             reason: reason, in: context.workspace)
            if context.json { return try context.printJSON(["cohort": cohort.uppercased(), "survivor": survivor.uppercased()]) }
            context.say(L("\(survivor.uppercased()) keluar dari \(cohort.uppercased()) (\(reason.text)).",
                          "\(survivor.uppercased()) left \(cohort.uppercased()) (\(reason.text))."))
        }
    }

    struct Status: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mengubah status kelompok: planned → active → completed.",
                                             "Move a cohort's status: planned → active → completed."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
        @Argument(help: ArgumentHelp(L("Status baru.", "New status."))) var status: String

        func execute(_ context: CommandContext) throws {
            let status = try CohortStatus(parsing: status, field: "status")
            try Cohorts.setStatus(code: cohort, to: status, in: context.workspace)
            if context.json { return try context.printJSON(["cohort": cohort.uppercased(), "status": status.rawValue]) }
            context.say(L("Status \(cohort.uppercased()): \(status.text).", "\(cohort.uppercased()) is now \(status.text)."))
        }
    }

    struct ProgressCommand: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                commandName: "progress",
                abstract: L("Kemajuan kelompok di satu layar: kehadiran, kelulusan, yang berisiko.",
                            "A cohort's progress on one screen: attendance, completion, who is at risk."),
                discussion: L("""
                    Berisiko: absen dua sesi terakhir, kehadiran di bawah aturan, atau tidak bisa lagi mencapainya                     dengan sesi yang tersisa. Hanya sesi terlaksana selama ia terdaftar yang dihitung.
                    """, """
                    At risk: missed the last two sessions, attendance below the rule, or unable to reach it with the                     sessions left. Only sessions held while she was enrolled count.
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String

        func execute(_ context: CommandContext) throws {
            let p = try TrainingProgress.of(cohortCode: cohort, in: context.workspace)
            if context.json { return try context.printJSON(p) }
            func pct(_ value: Double?) -> String { context.percent(value) }
            func num(_ value: Double?) -> String { context.decimal(value) }
            context.say("\(p.cohort)  \(p.name)  (\(p.status.text))")
            context.say(L("Aturan lulus: hadir ≥ \(p.rule.percent)% sesi terlaksana", "Completion rule: attend ≥ \(p.rule.percent)% of held sessions")
                + (p.rule.needsPostAssessment ? L(" dan nilai akhir di semua modul inti", " and a post score in every core module") : ""))
            context.say(L("Sesi: \(p.sessionsHeld) terlaksana, \(p.sessionsPlanned) direncanakan, \(p.sessionsCancelled) dibatalkan",
                          "Sessions: \(p.sessionsHeld) held, \(p.sessionsPlanned) planned, \(p.sessionsCancelled) cancelled"))
            context.say(L("Memenuhi aturan: \(p.meetingRule) dari \(p.members.count) · Berisiko: \(p.atRisk)",
                          "Meeting the rule: \(p.meetingRule) of \(p.members.count) · At risk: \(p.atRisk)"))
            context.say("")
            var members = Table(headers: [L("Penyintas", "Survivor"), L("Hadir", "Attended"), L("Terlambat", "Late"),
                                          L("Izin", "Excused"), L("Absen", "Absent"), "%", L("Belum nilai akhir", "No post score"),
                                          L("Keadaan", "Standing")])
            for m in p.members {
                let standing: String
                if let reason = m.exitReason { standing = L("keluar: ", "left: ") + reason.text }
                else if m.atRisk { standing = L("BERISIKO: ", "AT RISK: ") + m.risks.map(\.text).joined(separator: "; ") }
                else { standing = m.meetsRule ? L("memenuhi aturan", "meets the rule") : L("belum memenuhi", "not yet") }
                members.add([m.code, "\(m.attended)/\(m.sessionsHeld)", String(m.late), String(m.excused),
                             String(m.absent + m.unmarked), pct(m.attendancePercent),
                             m.missingPostAssessments.isEmpty ? "–" : String(m.missingPostAssessments.count), standing])
            }
            context.say(members.render())
            context.say("")
            var modules = Table(headers: [L("Modul", "Module"), L("Sesi", "Sessions"), L("Kehadiran", "Attendance"),
                                          L("Nilai awal", "Pre"), L("Nilai akhir", "Post"), L("Kenaikan", "Gain")])
            for m in p.modules {
                modules.add([m.module + (m.isCore ? "" : " *"), String(m.sessionsHeld), pct(m.attendancePercent),
                             num(m.meanPre), num(m.meanPost), m.meanGain.map { String(format: "%+.1f", $0) } ?? "–"])
            }
            context.say(modules.render())
            if p.modules.contains(where: { !$0.isCore }) { context.say(L("* bukan modul inti", "* not a core module")) }
            context.say("")
            var sessions = Table(headers: [L("Sesi", "Session"), L("Tanggal", "Date"), L("Modul", "Module"),
                                           L("Hadir", "Attended"), "%"])
            for s in p.sessions {
                sessions.add([s.ref, s.date.description, s.module, "\(s.attended)/\(s.expected)", pct(s.attendancePercent)])
            }
            context.say(sessions.render())
        }
    }

    struct Rule: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mengubah aturan kelulusan kelompok.", "Change a cohort's completion rule."),
                                 discussion: L("Yang tidak disebut tetap seperti tersimpan. Kelompok baru: \(CompletionRule.defaultPercent)% dan nilai akhir wajib. Contoh: berdaya cohort rule MDN-2025-1 --percent 80 --post-assessment no",
                                               "What is not given stays as stored. A new cohort: \(CompletionRule.defaultPercent)% and post scores needed. Example: berdaya cohort rule MDN-2025-1 --percent 80 --post-assessment no"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode kelompok.", "Cohort code."))) var cohort: String
        @Option(help: ArgumentHelp(L("Persen sesi terlaksana yang harus dihadiri, \(CompletionRule.percentRange.lowerBound)–\(CompletionRule.percentRange.upperBound).",
                                     "Percent of held sessions to attend, \(CompletionRule.percentRange.lowerBound)–\(CompletionRule.percentRange.upperBound)."))) var percent: Int?
        @Option(help: ArgumentHelp(L("Perlu nilai akhir di semua modul inti: yes/ya atau no/tidak.",
                                     "Post score needed in every core module: yes or no."))) var postAssessment: String?

        func execute(_ context: CommandContext) throws {
            var needsPost: Bool?
            switch postAssessment?.lowercased() {
            case nil: needsPost = nil
            case "yes", "ya", "y", "true": needsPost = true
            case "no", "tidak", "n", "false": needsPost = false
            default: throw InputError.unknownChoice(field: "--post-assessment", value: postAssessment ?? "", choices: ["yes", "no"])
            }
            guard percent != nil || needsPost != nil else { throw InputError.empty(field: "--percent / --post-assessment") }
            try TrainingProgress.setRule(cohortCode: cohort, percent: percent, needsPost: needsPost, in: context.workspace)
            let rule = try TrainingProgress.of(cohortCode: cohort, in: context.workspace).rule
            if context.json { return try context.printJSON(["percent": "\(rule.percent)", "needsPostAssessment": "\(rule.needsPostAssessment)"]) }
            context.say(L("Aturan \(cohort.uppercased()) diubah.", "The rule of \(cohort.uppercased()) is changed."))
        }
    }
}
