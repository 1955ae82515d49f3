import ArgumentParser
import BerdayaKit

/// `berdaya funder ...`: who gives the money.
struct FunderCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "funder", abstract: L("Pemberi dana.", "Funders."),
                             subcommands: [Add.self, List.self], defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menambah pemberi dana.", "Add a funder."),
                                 discussion: L("Contoh: berdaya funder add --code BAZNAS-KBM --name \"BAZNAS Kabupaten Kebumen\" --kind baznas",
                                               "Example: berdaya funder add --code BAZNAS-KBM --name \"BAZNAS Kabupaten Kebumen\" --kind baznas"))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kode (huruf kapital, angka, tanda hubung).", "Code (capitals, digits, dashes)."))) var code: String
        @Option(help: ArgumentHelp(L("Nama.", "Name."))) var name: String
        @Option(help: ArgumentHelp(L("Jenis", "Kind", choices: FunderKind.self))) var kind: String

        func execute(_ context: CommandContext) throws {
            let funder = try Funds.addFunder(code: code, name: name, kind: FunderKind(parsing: kind, field: "--kind"),
                                             in: context.workspace)
            if context.json { return try context.printJSON(funder) }
            context.say(L("Pemberi dana \(funder.code) ditambahkan.", "Funder \(funder.code) added."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: L("Daftar pemberi dana.", "List the funders.")) }
        @OptionGroup var global: GlobalOptions

        func execute(_ context: CommandContext) throws {
            let funders = try Funds.funders(in: context.workspace)
            if context.json { return try context.printJSON(funders) }
            var table = Table(headers: [L("Kode", "Code"), L("Nama", "Name"), L("Jenis", "Kind")])
            for f in funders { table.add([f.code, f.name, f.kind.text]) }
            context.say(table.render())
        }
    }
}

/// `berdaya fund ...`: funds and their budget lines.
struct FundCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "fund", abstract: L("Dana dan mata anggarannya.", "Funds and their budget lines."),
                             subcommands: [Open.self, Line.self, List.self, Show.self], defaultSubcommand: List.self)
    }

    struct Open: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Membuka dana.", "Open a fund."),
                discussion: L("""
                    Jenis: zakat, infaq, restricted (hibah terikat: perlu --award atau --award-foreign, dan masa), unrestricted.
                    Contoh: berdaya fund open --code HIBAH-IOM --name "Hibah IOM 2025" --kind restricted --funder IOM \\
                      --opened 2025-01-15 --award-foreign 20000 --currency USD --rate 15850 --period 2025
                    """, """
                    Kind: zakat, infaq, restricted (a grant: needs --award or --award-foreign, and a period), unrestricted.
                    Example: berdaya fund open --code GRANT-IOM --name "IOM grant 2025" --kind restricted --funder IOM \\
                      --opened 2025-01-15 --award-foreign 20000 --currency USD --rate 15850 --period 2025
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var code: String
        @Option(help: ArgumentHelp(L("Nama dana.", "Fund name."))) var name: String
        @Option(help: ArgumentHelp(L("Jenis dana.", "Fund kind."))) var kind: String
        @Option(help: ArgumentHelp(L("Kode pemberi dana.", "Funder code."))) var funder: String
        @Option(help: ArgumentHelp(L("Tanggal dana dibuka.", "Date the fund opened."))) var opened: String
        @Option(help: ArgumentHelp(moneyHelp("Nilai hibah (bukan bersama --award-foreign).", "Award (not with --award-foreign)."))) var award: String?
        @Option(help: ArgumentHelp(L("Nilai hibah dalam mata uang asing (mis. 20000.00), paling banyak 1.000.000.000.000 unit; hasil rupiahnya paling banyak Rp 1.000.000.000.000.", "Award in a foreign currency (e.g. 20000.00), at most 1,000,000,000,000 units; its rupiah at most IDR 1,000,000,000,000."))) var awardForeign: String?
        @Option(help: ArgumentHelp(L("Mata uang (USD, AUD, EUR ...).", "Currency (USD, AUD, EUR ...)."))) var currency: String?
        @Option(help: ArgumentHelp(L("Kurs: rupiah per satu unit, lebih dari 0 dan paling banyak 1.000.000, paling banyak 6 desimal.", "Rate: rupiah per unit, above 0 and at most 1,000,000, up to 6 decimals."))) var rate: String?
        @Option(help: ArgumentHelp(L("Masa hibah: 2025, 2025-H1, 2025-Q3, atau 2025-01-01..2025-12-31.",
                                     "Grant period: 2025, 2025-H1, 2025-Q3, or 2025-01-01..2025-12-31."))) var period: String?

        func execute(_ context: CommandContext) throws {
            if award != nil, awardForeign != nil { throw FundingError.amountAndForeign(amount: "--award", foreign: "--award-foreign") }
            let foreign = try awardForeign.map { amount -> ForeignAmount in
                guard let currency, let rate else { throw FundingError.invalidRate(rate ?? "") }
                return try ForeignAmount(amount: amount, currency: currency, rate: rate)
            }
            let fund = try Funds.open(FundPlan(code: code, name: name, kind: FundKind(parsing: kind, field: "--kind"),
                                               funderCode: funder, openedOn: context.date(opened, field: "--opened"),
                                               award: award.map { try context.rupiah($0, field: "--award") },
                                               awardForeign: foreign, period: period.map(Period.init(parsing:))),
                                      in: context.workspace)
            if context.json { return try context.printJSON(fund) }
            context.say(L("Dana \(fund.code) dibuka.", "Fund \(fund.code) opened.")
                        + (fund.awardAmount.map { " " + L("Nilai hibah: ", "Award: ") + context.money($0) } ?? ""))
        }
    }

    struct Line: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menambah mata anggaran dengan pagu.", "Add a budget line with a cap."),
                                 discussion: L("Contoh: berdaya fund line HIBAH-IOM micro_grants --cap 150.000.000",
                                               "Example: berdaya fund line GRANT-IOM micro_grants --cap 150000000"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Argument(help: ArgumentHelp(L("Mata anggaran: training, materials, micro_grants, loan_capital, staff, monitoring ...",
                                       "Budget line: training, materials, micro_grants, loan_capital, staff, monitoring ..."))) var line: String
        @Option(help: ArgumentHelp(moneyHelp("Pagu (tanpa pagu bila kosong).", "Cap (no cap if left out)."))) var cap: String?

        func execute(_ context: CommandContext) throws {
            let budgetLine = try Funds.addBudgetLine(fundCode: fund, line: line, cap: cap.map { try context.rupiah($0, field: "--cap") },
                                                     in: context.workspace)
            if context.json { return try context.printJSON(budgetLine) }
            context.say(L("Mata anggaran '\(budgetLine.code)' ditambahkan.", "Budget line '\(budgetLine.code)' added."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Saldo setiap dana per tanggal.", "Every fund's balance on a date."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Per tanggal (bawaan: hari ini).", "As of a date (default: today)."))) var asOf: String?

        func execute(_ context: CommandContext) throws {
            let day = try context.date(asOf, field: "--as-of") ?? context.workspace.today
            let funds = try Funds.balances(asOf: day, in: context.workspace)
            if context.json { return try context.printJSON(funds) }
            var table = Table(headers: [L("Dana", "Fund"), L("Nama", "Name"), L("Jenis", "Kind"), L("Pemberi", "Funder"),
                                        L("Saldo \(day)", "Balance \(day)")])
            for f in funds { table.add([f.code, f.name, f.kind.text, f.funder, context.money(f.balance)]) }
            context.say(table.render())
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Anggaran lawan realisasi satu dana.", "A fund's budget versus actual."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Option(help: ArgumentHelp(L("Per tanggal (bawaan: hari ini).", "As of a date (default: today)."))) var asOf: String?

        func execute(_ context: CommandContext) throws {
            let day = try context.date(asOf, field: "--as-of") ?? context.workspace.today
            let budget = try Funds.budget(fundCode: fund, asOf: day, in: context.workspace)
            if context.json { return try context.printJSON(budget) }
            var fields = Fields()
            fields.add(L("Dana", "Fund"), "\(budget.fund)  \(budget.name) (\(budget.kind.text))")
            let foreign = budget.awardCurrency.flatMap { currency in
                budget.awardForeign.map { " (" + ForeignAmount.format(currency: currency, minorUnits: $0) + ")" }
            }
            fields.add(L("Nilai hibah", "Award"), budget.award.map { context.money($0) + (foreign ?? "") })
            fields.add(L("Masa", "Period"), budget.periodStart.map { "\($0) – \(budget.periodEnd!)" })
            fields.add(L("Saldo \(day)", "Balance \(day)"), context.money(budget.balance))
            context.say(fields.render())
            context.say("")
            var table = Table(headers: [L("Mata anggaran", "Budget line"), L("Pagu", "Cap"), L("Realisasi", "Spent"),
                                        L("Sisa", "Remaining"), "%"])
            for line in budget.lines {
                let percent = context.percent(line.cap.flatMap { Percent.of(line.spent.amount, $0.amount) })
                table.add([line.line, context.money(line.cap), context.money(line.spent), context.money(line.remaining), percent])
            }
            context.say(table.render())
        }
    }
}
