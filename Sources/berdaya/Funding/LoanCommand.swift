import ArgumentParser
import BerdayaKit

/// `berdaya loan ...`: qard hasan revolving loans.
struct LoanCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "loan",
                             abstract: L("Pinjaman qard hasan (tanpa bunga) bergulir.", "Qard hasan (interest-free) revolving loans."),
                             subcommands: [Issue.self, Repay.self, Schedule.self, Portfolio.self, WriteOff.self],
                             defaultSubcommand: Portfolio.self)
    }

    struct Issue: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencairkan pinjaman dan membuat jadwal angsurannya.", "Pay out a loan and make its schedule."),
                                 discussion: L("Contoh: berdaya loan issue BERGULIR --survivor KBM-0003 --principal 3.000.000 --start 2025-12-01 --frequency monthly --instalments 10 --line loan_capital --document KW-0201",
                                               "Example: berdaya loan issue REVOLVING --survivor KBM-0003 --principal 3000000 --start 2025-12-01 --frequency monthly --instalments 10 --line loan_capital --document KW-0201"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @OptionGroup var borrower: RecipientOptions
        @Option(help: ArgumentHelp(moneyHelp("Pokok pinjaman.", "Principal."))) var principal: String
        @Option(help: ArgumentHelp(L("Tanggal cair.", "Payout date."))) var start: String
        @Option(help: ArgumentHelp(L("weekly (mingguan) atau monthly (bulanan).", "weekly or monthly."))) var frequency: String
        @Option(help: ArgumentHelp(L("Jumlah angsuran.", "Number of instalments."))) var instalments: Int
        @Option(help: ArgumentHelp(L("Mata anggaran modal pinjaman.", "Loan capital budget line."))) var line: String
        @Option(help: ArgumentHelp(L("Nomor kwitansi.", "Receipt number."))) var document: String
        @Option(help: ArgumentHelp(L("Situs kelompok peminjam (untuk --group).", "The borrowing group's site (for --group)."))) var site: String?
        @Option(help: ArgumentHelp(L("Kode usaha yang dimodali pinjaman ini.", "Business this loan is capital for."))) var business: String?

        func execute(_ context: CommandContext) throws {
            let loan = try Loans.issue(LoanPlan(fundCode: fund, borrower: borrower.recipient(),
                                                principal: context.rupiah(principal, field: "--principal"),
                                                startDate: context.date(start, field: "--start"),
                                                frequency: LoanFrequency(parsing: frequency, field: "--frequency"),
                                                instalments: instalments, line: line, asnaf: borrower.parsedAsnaf(context),
                                                document: document, siteCode: site, business: business), in: context.workspace)
            if context.json { return try context.printJSON(loan) }
            context.say(L("Pinjaman \(loan.code) dicairkan: \(context.money(loan.principal)).",
                          "Loan \(loan.code) paid out: \(context.money(loan.principal))."))
        }
    }

    struct Repay: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat angsuran; dipakai untuk angsuran tertua lebih dulu.",
                                             "Book a repayment; it pays the oldest instalment first."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode pinjaman, mis. QH-0001.", "Loan code, e.g. QH-0001."))) var loan: String
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String
        @OptionGroup var voucher: VoucherOptions

        func execute(_ context: CommandContext) throws {
            let entry = try Loans.repay(loanCode: loan, amount: context.rupiah(amount, field: "--amount"),
                                        voucher: voucher.voucher(context), in: context.workspace)
            try printEntries([entry], context)
        }
    }

    struct Schedule: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Jadwal angsuran, yang sudah dibayar, tunggakan dan hari terlambat.",
                                             "The schedule, what is paid, arrears and days late."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode pinjaman.", "Loan code."))) var loan: String
        @Option(help: ArgumentHelp(L("Per tanggal (bawaan: hari ini).", "As of a date (default: today)."))) var asOf: String?

        func execute(_ context: CommandContext) throws {
            let day = try context.date(asOf, field: "--as-of") ?? context.workspace.today
            let s = try Loans.statement(loanCode: loan, asOf: day, in: context.workspace)
            if context.json { return try context.printJSON(s) }
            context.say("\(s.code)  \(s.borrower)  \(s.fund)  \(s.frequency.text)  (\(s.status.text))")
            context.say(L("Pokok \(context.money(s.principal)), dibayar \(context.money(s.repaid)), sisa \(context.money(s.outstanding)), tunggakan \(context.money(s.arrears)), terlambat \(s.daysLate) hari",
                          "Principal \(context.money(s.principal)), repaid \(context.money(s.repaid)), outstanding \(context.money(s.outstanding)), arrears \(context.money(s.arrears)), \(s.daysLate) days late"))
            var table = Table(headers: [L("Ke", "No."), L("Jatuh tempo", "Due"), L("Angsuran", "Instalment"), L("Dibayar", "Paid"),
                                        L("Terlambat (hari)", "Days late")])
            for line in s.instalments {
                table.add([String(line.number), line.dueDate.description, context.money(line.amount), context.money(line.paid),
                           line.daysLate > 0 ? String(line.daysLate) : ""])
            }
            context.say(table.render())
        }
    }

    struct Portfolio: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Portofolio pinjaman per dana dan situs: sisa, tunggakan, PAR30.",
                                             "The loan portfolio per fund and site: outstanding, arrears, PAR30."),
                                 discussion: L("PAR30: bagian sisa pokok dari pinjaman yang angsurannya terlambat lebih dari 30 hari.",
                                               "PAR30: the share of outstanding principal in loans with an instalment more than 30 days late."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Per tanggal (bawaan: hari ini).", "As of a date (default: today)."))) var asOf: String?
        @Option(help: ArgumentHelp(L("Hanya satu dana.", "Only one fund."))) var fund: String?

        func execute(_ context: CommandContext) throws {
            let day = try context.date(asOf, field: "--as-of") ?? context.workspace.today
            let p = try Loans.portfolio(asOf: day, fundCode: fund, in: context.workspace)
            if context.json { return try context.printJSON(p) }
            var groups = Table(headers: [L("Dana", "Fund"), L("Situs", "Site"), L("Pinjaman", "Loans"), L("Pokok", "Principal"),
                                         L("Dibayar", "Repaid"), L("Sisa", "Outstanding"), L("Tunggakan", "Arrears"), "PAR30"])
            for g in p.groups {
                groups.add([g.fund, g.site, String(g.loans), context.money(g.principal), context.money(g.repaid),
                            context.money(g.outstanding), context.money(g.arrears), context.percent(g.par30Percent)])
            }
            context.say(groups.render())
            context.say("")
            var loans = Table(headers: [L("Pinjaman", "Loan"), L("Peminjam", "Borrower"), L("Status", "Status"), L("Sisa", "Outstanding"),
                                        L("Tunggakan", "Arrears"), L("Terlambat", "Days late")])
            for l in p.loans {
                loans.add([l.code, l.borrower, l.status.text, context.money(l.outstanding), context.money(l.arrears),
                           l.daysLate > 0 ? String(l.daysLate) : ""])
            }
            context.say(loans.render())
        }
    }

    struct WriteOff: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "write-off",
                                 abstract: L("Menghapus sisa pinjaman yang tidak tertagih, dengan alasan.",
                                             "Write off what is left of a loan that will not be repaid, with the reason."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode pinjaman.", "Loan code."))) var loan: String
        @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String
        @Option(help: ArgumentHelp(L("Tanggal.", "Date."))) var date: String
        @Option(help: ArgumentHelp(L("Nomor berita acara.", "Document number."))) var document: String

        func execute(_ context: CommandContext) throws {
            try Loans.writeOff(loanCode: loan, on: context.date(date, field: "--date"), reason: reason, document: document,
                               in: context.workspace)
            if context.json { return try context.printJSON(["loan": loan.uppercased(), "status": "written_off"]) }
            context.say(L("Pinjaman \(loan.uppercased()) dihapusbukukan.", "Loan \(loan.uppercased()) written off."))
        }
    }
}
