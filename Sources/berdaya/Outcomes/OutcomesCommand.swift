import ArgumentParser
import BerdayaKit

/// `berdaya outcomes ...`: did lives change? CIBEST, indicators and the follow-up calendar.
struct OutcomesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "outcomes",
                             abstract: L("Hasil program: kuadran CIBEST sebelum dan sesudah, indikator, dan kunjungan yang jatuh tempo.",
                                         "Program outcomes: CIBEST quadrants before and after, indicators, and visits due."),
                             subcommands: [Cibest.self, Indicators.self, Due.self],
                             defaultSubcommand: Indicators.self)
    }

    /// The day figures stand on: `--as-of`, the end of `--period`, or today.
    struct AsOfOptions: ParsableArguments {
        @Option(name: .customLong("as-of"), help: ArgumentHelp(L("Keadaan per tanggal ini (bawaan: hari ini).", "As of this date (default: today)."))) var asOf: String?
        @Option(help: ArgumentHelp(L("Keadaan pada akhir periode ini, mis. 2026-H1.", "As at the end of this period, e.g. 2026-H1."))) var period: String?

        func day(_ context: CommandContext) throws -> DayDate {
            if asOf != nil && period != nil { throw OutcomesError.bothAsOfAndPeriod }
            if let period { return min(try Period(parsing: period).end, context.workspace.today) }
            return try context.date(asOf, field: "--as-of") ?? context.workspace.today
        }
    }

    struct Cibest: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Indeks CIBEST (W, Pm, Ps, Pa) sebelum dan sesudah, dan tabel perpindahan kuadran.",
                                             "CIBEST indices (W, Pm, Ps, Pa) before and after, and the quadrant transition table."),
                                 discussion: L("Garis material: pendapatan rumah tangga sama dengan atau di atas kebutuhannya. Garis spiritual: rata-rata lima butir paling sedikit 3. 'Sebelum' = kunjungan awal; 'sesudah' = tindak lanjut terakhir. Yang belum dikunjungi ulang tidak masuk 'sesudah' dan dihitung tersendiri.",
                                               "Material line: household income at or above its needs. Spiritual line: an average of at least 3 over the five items. 'Before' = the baseline; 'after' = the latest follow-up. Households not yet followed up are left out of 'after' and counted on their own."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya angkatan ini.", "Only this cohort."))) var cohort: String?
        @Option(help: ArgumentHelp(L("Hanya program ini.", "Only this program."))) var program: String?
        @OptionGroup var when: AsOfOptions

        func execute(_ context: CommandContext) throws {
            let figures = try OutcomeFigures.cibest(OutcomeScope(siteCode: site, cohortCode: cohort, program: program),
                                                    asOf: when.day(context), in: context.workspace)
            if context.json { return try context.printJSON(figures) }
            context.say(L("CIBEST per \(figures.asOf)", "CIBEST as of \(figures.asOf)"))
            var table = Table(headers: ["", L("Sebelum (semua)", "Before (all)"), L("Sebelum (yang dikunjungi ulang)", "Before (followed up)"),
                                        L("Sesudah", "After")])
            let columns = [figures.before, figures.beforeFollowedUp, figures.after]
            for quadrant in CibestQuadrant.allCases {
                table.add([quadrant.text] + columns.map { "\($0.count(quadrant))" })
            }
            table.add([L("Rumah tangga (N)", "Households (N)")] + columns.map { "\($0.households)" })
            let indices: [(String, (QuadrantCounts) -> Double?)] = [
                (L("W kesejahteraan", "W welfare"), { $0.welfare }), (L("Pm kemiskinan material", "Pm material poverty"), { $0.materialPoverty }),
                (L("Ps kemiskinan spiritual", "Ps spiritual poverty"), { $0.spiritualPoverty }),
                (L("Pa kemiskinan absolut", "Pa absolute poverty"), { $0.absolutePoverty }),
            ]
            for (name, value) in indices { table.add([name] + columns.map { context.percent(value($0)) }) }
            context.say(table.render())
            context.say(L("Belum dikunjungi ulang (tidak masuk 'sesudah'): \(figures.withoutFollowUp)",
                          "Not yet followed up (left out of 'after'): \(figures.withoutFollowUp)"))
            context.say("\n" + L("Perpindahan (baris: sebelum, kolom: sesudah)", "Transitions (rows: before, columns: after)"))
            var moves = Table(headers: [""] + CibestQuadrant.allCases.map(\.numeral) + [L("Jumlah", "Total")])
            for from in CibestQuadrant.allCases {
                let row = figures.transitions[from.rawValue - 1]
                moves.add([from.text] + row.map(String.init) + [String(row.reduce(0, +))])
            }
            context.say(moves.render())
        }
    }

    struct Indicators: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Indikator hasil per angkatan, situs atau program.", "Outcome indicators per cohort, site or program."),
                                 discussion: L("Perubahan pendapatan dan 'di atas garis' dihitung pada yang sudah dikunjungi ulang (tindak lanjut terakhir dibanding kunjungan awalnya). Niat migrasi 'sebelum' dihitung pada semua kunjungan awal.",
                                               "Income change and 'above the line' are over the followed-up (latest follow-up against her own baseline). Migration intention 'before' is over all baselines."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kelompokkan per cohort, site atau program.", "Group by cohort, site or program."))) var by: String = "cohort"
        @Option(help: ArgumentHelp(L("Jangka hari kalender kunjungan.", "Days ahead on the visit calendar."))) var within: Int = 30
        @OptionGroup var when: AsOfOptions

        func execute(_ context: CommandContext) throws {
            let grouping = try OutcomeGrouping(parsing: by, field: "--by")
            let rows = try OutcomeFigures.indicators(by: grouping, asOf: when.day(context), dueWithin: within, in: context.workspace)
            if context.json { return try context.printJSON(rows) }
            var table = Table(headers: [grouping.label(context.language).capitalized, L("Penyintas", "Survivors"), L("Awal", "Baseline"),
                                        L("Dikunjungi ulang", "Followed up"), L("Median Δ pendapatan", "Median Δ income"),
                                        L("Rerata Δ pendapatan", "Mean Δ income"), L("Di atas garis sebelum→sesudah", "Above line before→after"),
                                        L("Usaha berjalan", "Business active"), L("Niat migrasi sebelum→sesudah", "Migration intent before→after"),
                                        L("Terlambat/jatuh tempo", "Overdue/due")])
            for r in rows {
                func share(_ part: Int, _ whole: Int) -> String {
                    whole == 0 ? "–" : "\(part) (\(context.percent(Percent.of(Int64(part), Int64(whole)))))"
                }
                table.add([r.isTotal ? L("Semua", "All") : r.group, String(r.survivors), String(r.baselines), String(r.followedUp),
                           signed(r.incomeChangeMedian, context), signed(r.incomeChangeMean, context),
                           share(r.aboveLineBefore, r.followedUp) + " → " + share(r.aboveLineAfter, r.followedUp),
                           share(r.businessActive, r.followedUp),
                           share(r.migrationBefore, r.baselines) + " → " + share(r.migrationAfter, r.followedUp),
                           "\(r.overdue)/\(r.due)"])
            }
            context.say(table.render())
        }
    }

    struct Due: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Kalender kunjungan: yang terlambat dan yang jatuh tempo dalam \(OutcomeFigures.dueHorizon) hari.",
                                             "The visit calendar: overdue visits and those due within \(OutcomeFigures.dueHorizon) days."),
                                 discussion: L("Kunjungan awal jatuh tempo saat penyintas bergabung; tindak lanjut pada akhir angkatan ditambah bulan putarannya. Putaran yang belum dijawab ketika putaran berikutnya jatuh tempo dianggap terlewat dan tidak ditampilkan lagi. Tidak untuk yang keluar karena bermigrasi lagi atau pindah, atau yang datanya dihapus.",
                                               "A baseline is due when she enrols; a follow-up at the cohort's end plus the round's months. A round still unanswered when the next one falls due is missed and no longer listed. Not for someone who left to migrate again or moved away, or whose data is erased."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Jangka hari ke depan, \(OutcomeFigures.dueHorizons.lowerBound)–\(OutcomeFigures.dueHorizons.upperBound).",
                                     "Days ahead, \(OutcomeFigures.dueHorizons.lowerBound)–\(OutcomeFigures.dueHorizons.upperBound)."))) var within = OutcomeFigures.dueHorizon
        @Option(help: ArgumentHelp(L("Hanya situs ini.", "Only this site."))) var site: String?

        func execute(_ context: CommandContext) throws {
            let due = try OutcomeFigures.due(within: within, siteCode: site, in: context.workspace)
            if context.json { return try context.printJSON(due) }
            if due.isEmpty { return context.say(L("Tidak ada kunjungan yang terlambat atau jatuh tempo dalam \(within) hari.",
                                                  "No visit is overdue or due within \(within) days.")) }
            var table = Table(headers: [L("Penyintas", "Survivor"), L("Angkatan", "Cohort"), L("Kunjungan", "Visit"),
                                        L("Jatuh tempo", "Due"), L("Keadaan", "Status")])
            for d in due {
                let what = d.round.map { L("tindak lanjut \($0) bulan", "\($0)-month follow-up") } ?? d.kind.text
                let when = d.daysLate > 0 ? L("terlambat \(d.daysLate) hari", "\(d.daysLate) days late")
                    : d.daysLate == 0 ? L("hari ini", "today") : L("\(-d.daysLate) hari lagi", "in \(-d.daysLate) days")
                table.add([d.survivor, d.cohort, what, d.dueOn.description, when])
            }
            context.say(table.render())
        }
    }
}

/// A change in rupiah with its sign: +Rp 350.000, −Rp 120.000.
private func signed(_ value: Rupiah?, _ context: CommandContext) -> String {
    guard let value else { return "–" }
    if value.amount < 0 { return "−" + context.money((try? value.negated()) ?? value) }
    return (value.amount > 0 ? "+" : "") + context.money(value)
}
