import ArgumentParser
import BerdayaKit
import Foundation

/// What an officer fills in at a household visit, shared by baselines and follow-ups.
struct VisitOptions: ParsableArguments {
    @Argument(help: ArgumentHelp(L("Kode penyintas, mis. KBM-0003.", "Survivor code, e.g. KBM-0003."))) var survivor: String
    @Option(help: ArgumentHelp(L("Tanggal kunjungan (bawaan: hari ini).", "Date of the visit (default: today)."))) var date: String?
    @Option(help: ArgumentHelp(L("Pendamping yang berkunjung (bawaan: pengguna).", "Officer who visited (default: the user)."))) var officer: String?
    @Option(help: ArgumentHelp(L("Jumlah anggota rumah tangga.", "Household size."))) var household: Int
    @Option(help: ArgumentHelp(L("Pendapatan rumah tangga per bulan per sumber, SUMBER=JUMLAH (business, wage, farming, remittance, social_assistance, other); ulangi per sumber; tanpa pendapatan: 0. Tiap sumber dan totalnya paling banyak Rp 1.000.000.000.000.",
                                 "Household income per month by source, SOURCE=AMOUNT (business, wage, farming, remittance, social_assistance, other); repeat per source; no income: 0. Each and their total at most IDR 1,000,000,000,000.")))
    var income: [String] = []
    @Option(help: ArgumentHelp(moneyHelp("Kebutuhan rumah tangga per bulan (bawaan: garis kemiskinan situs × anggota rumah tangga).",
                                 "Household needs per month (default: the site's poverty line × household size)."))) var needs: String?
    @Option(help: ArgumentHelp(moneyHelp("Tabungan.", "Savings."))) var savings: String = "0"
    @Option(help: ArgumentHelp(L("Keadaan usaha: \(choiceList(VisitBusinessStatus.self)) (bawaan: dari usaha yang terdaftar).",
                                 "Business: \(choiceList(VisitBusinessStatus.self)) (default: from her registered businesses)."))) var business: String?
    @Option(help: ArgumentHelp(L("Niat bermigrasi lagi", "Intention to migrate again", choices: MigrationIntention.self))) var migration: String = "none"
    @Option(help: ArgumentHelp(L("Rasa percaya diri, 1-5.", "Self-confidence, 1-5."))) var confidence: Int
    @Option(help: ArgumentHelp(L("CIBEST shalat, 1-5.", "CIBEST prayer, 1-5."))) var prayer: Int
    @Option(help: ArgumentHelp(L("CIBEST puasa, 1-5.", "CIBEST fasting, 1-5."))) var fasting: Int
    @Option(help: ArgumentHelp(L("CIBEST zakat, infak, sedekah, 1-5.", "CIBEST giving (zakat, infak, alms), 1-5."))) var giving: Int
    @Option(help: ArgumentHelp(L("CIBEST lingkungan keluarga, 1-5.", "CIBEST household environment, 1-5."))) var environment: Int
    @Option(help: ArgumentHelp(L("CIBEST butir kelima dari program, 1-5.", "CIBEST the program's fifth item, 1-5."))) var fifth: Int
    @Flag(help: ArgumentHelp(L("Tanyakan catatan kunjungan di prompt (disimpan terenkripsi).", "Ask for the visit's notes at a prompt (kept encrypted).")))
    var askNote = false
    @Option(help: ArgumentHelp(L("Baca catatan kunjungan dari berkas teks; - untuk masukan standar (disimpan terenkripsi).",
                                 "Read the visit's notes from a text file; - for standard input (kept encrypted)."), valueName: "path"))
    var noteFile: String?
    // Notes are case notes about a person: never an option's value, which other users read
    // from the process list and the shell keeps in its history. Parsed only to say so.
    @Option(help: .hidden) var note: String?

    func validate() throws {
        if note != nil { throw refuse(VisitNoteError.onCommandLine) }
    }

    /// The notes from the file, standard input or the prompt; nil when none are given.
    func readNote() throws -> String? {
        var text: String?
        if let noteFile {
            guard let data = contentsOfFileOrStandardInput(noteFile) else { throw VisitNoteError.unreadable(noteFile) }
            if noteFile == "-" {
                text = String(decoding: data, as: UTF8.self)
            } else {
                guard let decoded = String(data: data, encoding: .utf8) else { throw VisitNoteError.notText(noteFile) }
                text = decoded
            }
        } else if askNote {
            print(L("Catatan kunjungan", "Visit notes") + ": ", terminator: "")
            text = readLine()
        }
        let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed?.isEmpty == false ? trimmed : nil
    }

    func input(kind: VisitKind, round: Int?, _ context: CommandContext) throws -> VisitInput {
        var incomes: [IncomeLine]?
        if !income.isEmpty {
            if income.count == 1, ["0", "none", "tidak-ada", "tidak_ada"].contains(income[0].lowercased()) {
                incomes = []
            } else {
                incomes = try income.map(IncomeLine.init(parsing:))
            }
        }
        return VisitInput(survivorCode: survivor, kind: kind, date: try context.date(date, field: "--date") ?? context.workspace.today,
                          officer: officer, householdSize: household, incomes: incomes,
                          needs: try needs.map { try context.rupiah($0, field: "--needs") },
                          savings: try context.rupiah(savings, field: "--savings"), businessStatus: try context.choice(business, field: "--business"),
                          migration: try MigrationIntention(parsing: migration, field: "--migration"), confidence: confidence,
                          spiritual: SpiritualScores(prayer: prayer, fasting: fasting, giving: giving, environment: environment, fifth: fifth),
                          notes: try readNote(), round: round)
    }
}

/// `berdaya visit ...`: household visits, poverty lines and follow-up schedules.
struct VisitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "visit",
                             abstract: L("Kunjungan rumah tangga: awal (baseline) dan tindak lanjut, garis kemiskinan, jadwal tindak lanjut.",
                                         "Household visits: baseline and follow-ups, poverty lines, follow-up schedules."),
                             subcommands: [Baseline.self, FollowUp.self, List.self, Show.self, Void.self, PovertyLineCommand.self,
                                           Schedule.self],
                             defaultSubcommand: List.self)
    }

    struct Baseline: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat kunjungan awal (baseline) saat penyintas bergabung.", "Record the baseline visit when a survivor enrols."),
                                 discussion: L("Contoh: berdaya visit baseline KBM-0003 --date 2025-08-04 --household 4 --income wage=600.000 --income remittance=400.000 --confidence 2 --prayer 4 --fasting 4 --giving 2 --environment 3 --fifth 3 --migration considering",
                                               "Example: berdaya visit baseline KBM-0003 --date 2025-08-04 --household 4 --income wage=600000 --income remittance=400000 --confidence 2 --prayer 4 --fasting 4 --giving 2 --environment 3 --fifth 3 --migration considering"))
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var visit: VisitOptions

        func execute(_ context: CommandContext) throws {
            let ref = try Visits.record(visit.input(kind: .baseline, round: nil, context), in: context.workspace)
            try report(ref, context)
        }
    }

    struct FollowUp: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "follow-up",
                                 abstract: L("Mencatat kunjungan tindak lanjut sesudah angkatan selesai.", "Record a follow-up visit after the cohort."),
                                 discussion: L("Kunjungan menjawab putaran terbuka yang paling dekat tanggalnya (mis. 3, 6, 12 bulan sesudah angkatan selesai), atau putaran --round.",
                                               "The visit answers the open round nearest its date (e.g. 3, 6, 12 months after the cohort ended), or the round given with --round."))
        }

        @OptionGroup var global: GlobalOptions
        @OptionGroup var visit: VisitOptions
        @Option(help: ArgumentHelp(L("Putaran (bulan sesudah angkatan selesai).", "Round (months after the cohort ended)."))) var round: Int?

        func execute(_ context: CommandContext) throws {
            let ref = try Visits.record(visit.input(kind: .followUp, round: round, context), in: context.workspace)
            try report(ref, context)
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar kunjungan dengan pendapatan, kebutuhan dan kuadran CIBEST.",
                                             "Visits with income, needs and CIBEST quadrant."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya penyintas ini.", "Only this survivor."))) var survivor: String?
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya anggota angkatan ini.", "Only members of this cohort."))) var cohort: String?
        @Flag(help: ArgumentHelp(L("Sertakan yang dibatalkan.", "Include voided visits."))) var voided = false

        func execute(_ context: CommandContext) throws {
            let visits = try Visits.list(survivorCode: survivor, siteCode: site, cohortCode: cohort, includeVoided: voided,
                                         in: context.workspace)
            if context.json { return try context.printJSON(visits) }
            if visits.isEmpty { return context.say(L("Belum ada kunjungan.", "No visits yet.")) }
            var table = Table(headers: [L("Kunjungan", "Visit"), L("Tanggal", "Date"), L("Jenis", "Kind"), L("Putaran", "Round"),
                                        L("Pendapatan", "Income"), L("Kebutuhan", "Needs"), L("Spiritual", "Spiritual"),
                                        L("Kuadran", "Quadrant"), L("Usaha", "Business"), L("Oleh", "By")])
            for v in visits {
                table.add([v.ref.description + (v.voidedOn == nil ? "" : L(" (batal)", " (void)")), v.date.description, v.kind.text,
                           v.round.map { L("\($0) bln", "\($0) mo") } ?? "–", context.money(v.income), context.money(v.needs),
                           context.decimal(v.spiritual.average), v.quadrant.text, v.businessStatus.text, v.officer])
            }
            context.say(table.render())
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Satu kunjungan lengkap; catatan hanya dengan --notes (dicatat di log audit).",
                                             "One visit in full; notes only with --notes (written to the audit log)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Rujukan kunjungan, mis. KBM-0003/2.", "Visit reference, e.g. KBM-0003/2."))) var ref: String
        @Flag(help: ArgumentHelp(L("Buka juga catatannya (perlu kunci; dicatat di log audit).", "Also open its notes (needs the key; audited)."))) var notes = false

        func execute(_ context: CommandContext) throws {
            let visitRef = try VisitRef(parsing: ref)
            let v = try Visits.show(visitRef, in: context.workspace)
            let text = notes ? try Visits.revealNotes(visitRef, in: context.workspace) : nil
            if context.json {
                struct Output: Encodable { var visit: VisitSummary; var notes: String? }
                return try context.printJSON(Output(visit: v, notes: text))
            }
            var fields = Fields()
            fields.add(L("Kunjungan", "Visit"), v.ref.description + " · " + v.kind.text)
            fields.add(L("Tanggal / oleh", "Date / by"), "\(v.date) / \(v.officer)")
            fields.add(L("Angkatan / putaran", "Cohort / round"), (v.cohort ?? "–") + " / " + (v.round.map { L("\($0) bulan", "\($0) months") } ?? "–"))
            fields.add(L("Anggota rumah tangga", "Household size"), String(v.householdSize))
            fields.add(L("Pendapatan per bulan", "Income per month"), context.money(v.income)
                       + (v.incomes.isEmpty ? "" : " (" + v.incomes.map { "\($0.source.text) \(context.money($0.amount))" }.joined(separator: ", ") + ")"))
            fields.add(L("Kebutuhan per bulan", "Needs per month"), context.money(v.needs) + " (" + v.needsBasis.text + ")")
            fields.add(L("Tabungan", "Savings"), context.money(v.savings))
            fields.add(L("Usaha", "Business"), v.businessStatus.text)
            fields.add(L("Niat bermigrasi lagi", "Intention to migrate again"), v.migration.text)
            fields.add(L("Percaya diri", "Self-confidence"), "\(v.confidence)/5")
            let s = v.spiritual
            fields.add(L("Spiritual (shalat, puasa, zakat/infak, keluarga, butir 5)", "Spiritual (prayer, fasting, giving, household, item 5)"),
                       "\(s.prayer), \(s.fasting), \(s.giving), \(s.environment), \(s.fifth) → \(context.decimal(s.average))")
            fields.add(L("Kuadran CIBEST", "CIBEST quadrant"), v.quadrant.text)
            if let voided = v.voidedOn { fields.add(L("Dibatalkan", "Voided"), "\(voided): \(v.voidReason ?? "")") }
            if notes { fields.add(L("Catatan", "Notes"), text ?? L("(tidak ada)", "(none)")) }
            else if v.hasNotes { fields.add(L("Catatan", "Notes"), L("ada; buka dengan --notes", "present; open with --notes")) }
            context.say(fields.render())
        }
    }

    struct Void: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Membatalkan kunjungan yang salah dicatat (tetap tersimpan, tidak dihitung).",
                                             "Void a visit recorded by mistake (kept, counted nowhere)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Rujukan kunjungan.", "Visit reference."))) var ref: String
        @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String = ""

        func execute(_ context: CommandContext) throws {
            let visitRef = try VisitRef(parsing: ref)
            try Visits.void(visitRef, reason: reason, in: context.workspace)
            context.say(L("Kunjungan \(visitRef) dibatalkan.", "Visit \(visitRef) voided."))
        }
    }

    struct PovertyLineCommand: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "poverty-line",
                                 abstract: L("Garis kemiskinan per orang per bulan per situs dan tahun; tanpa opsi: daftarnya.",
                                             "Poverty line per person per month by site and year; without options: the list."),
                                 discussion: L("Kunjungan yang sudah tercatat tetap memakai kebutuhan yang dipakai saat dicatat. Contoh: berdaya visit poverty-line --site KBM --year 2026 --per-person 520.000 --source \"BPS Kab. Kebumen\"",
                                               "Visits already recorded keep the needs they were classified with. Example: berdaya visit poverty-line --site KBM --year 2026 --per-person 520000 --source \"BPS Kebumen\""))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Situs.", "Site."))) var site: String?
        @Option(help: ArgumentHelp(L("Tahun.", "Year."))) var year: Int?
        @Option(name: .customLong("per-person"), help: ArgumentHelp(moneyHelp("Per orang per bulan.", "Per person per month."))) var perPerson: String?
        @Option(help: ArgumentHelp(L("Sumber angka (mis. BPS).", "Source of the figure (e.g. BPS)."))) var source: String?

        func execute(_ context: CommandContext) throws {
            if site != nil || year != nil || perPerson != nil {
                guard let site else { throw InputError.empty(field: "--site") }
                guard let year else { throw InputError.empty(field: "--year") }
                guard let perPerson else { throw InputError.empty(field: "--per-person") }
                try Visits.setPovertyLine(siteCode: site, year: year, perPerson: context.rupiah(perPerson, field: "--per-person"),
                                          source: source, in: context.workspace)
                if !context.json {
                    context.say(L("Garis kemiskinan \(site.uppercased()) \(year) dicatat.", "Poverty line for \(site.uppercased()) \(year) recorded."))
                }
            }
            let lines = try Visits.povertyLines(in: context.workspace)
            if context.json { return try context.printJSON(lines) }
            var table = Table(headers: [L("Situs", "Site"), L("Tahun", "Year"), L("Per orang/bulan", "Per person/month"), L("Sumber", "Source")])
            for l in lines { table.add([l.site, String(l.year), context.money(l.perPerson), l.source ?? "–"]) }
            context.say(table.render())
        }
    }

    struct Schedule: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Jadwal tindak lanjut per program (bulan sesudah angkatan selesai; bawaan 3, 6, 12).",
                                             "Follow-up schedule per program (months after the cohort ends; default 3, 6, 12)."),
                                 discussion: L("Contoh: berdaya visit schedule --program \"Pemberdayaan Ekonomi Penyintas TPPO\" --months 3,6,12,24",
                                               "Example: berdaya visit schedule --program \"Pemberdayaan Ekonomi Penyintas TPPO\" --months 3,6,12,24"))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Program (seperti tertulis pada angkatan).", "Program (as named on its cohorts)."))) var program: String?
        @Option(help: ArgumentHelp(L("Bulan, dipisah koma.", "Months, comma-separated."))) var months: String?

        func execute(_ context: CommandContext) throws {
            if let months {
                guard let program else { throw InputError.empty(field: "--program") }
                try Visits.setSchedule(program: program, months: FollowUpSchedule.parse(months), in: context.workspace)
            } else if program != nil {
                throw InputError.empty(field: "--months")
            }
            let schedules = try Visits.schedules(in: context.workspace)
            if context.json { return try context.printJSON(schedules) }
            var table = Table(headers: [L("Program", "Program"), L("Bulan sesudah angkatan", "Months after the cohort")])
            for s in schedules {
                table.add([s.program, s.months.map(String.init).joined(separator: ", ") + (s.isDefault ? L(" (bawaan)", " (default)") : "")])
            }
            context.say(table.render())
        }
    }
}

/// Confirms a recorded visit with its classification.
private func report(_ ref: VisitRef, _ context: CommandContext) throws {
    let v = try Visits.show(ref, in: context.workspace)
    if context.json { return try context.printJSON(v) }
    let round = v.round.map { L(", putaran \($0) bulan", ", \($0)-month round") } ?? ""
    context.say(L("Kunjungan \(ref) dicatat (\(v.kind.text)\(round)): pendapatan \(context.money(v.income)), kebutuhan \(context.money(v.needs)), kuadran \(v.quadrant.text).",
                  "Visit \(ref) recorded (\(v.kind.text)\(round)): income \(context.money(v.income)), needs \(context.money(v.needs)), quadrant \(v.quadrant.text)."))
}

/// Visit notes asked for the wrong way.
enum VisitNoteError: UserFacingError {
    case onCommandLine
    case unreadable(String)
    case notText(String)

    var message: Localized {
        switch self {
        case .onCommandLine:
            Localized(id: "Catatan kunjungan tidak diterima sebagai --note: pengguna lain dapat membacanya dari daftar proses dan shell menyimpannya di riwayat.",
                      en: "Visit notes are not taken as --note: other users can read them from the process list and the shell keeps them in its history.")
        case let .unreadable(path):
            Localized(id: "Berkas catatan tidak dapat dibaca: \(path).", en: "The notes file cannot be read: \(path).")
        case let .notText(path):
            Localized(id: "Berkas catatan bukan teks UTF-8: \(path).", en: "The notes file is not UTF-8 text: \(path).")
        }
    }

    var hint: Localized? {
        Localized(id: "Ketik catatan di prompt dengan --ask-note, atau baca dari berkas dengan --note-file BERKAS (- untuk masukan standar).",
                  en: "Type the notes at a prompt with --ask-note, or read them from a file with --note-file FILE (- for standard input).")
    }
}
