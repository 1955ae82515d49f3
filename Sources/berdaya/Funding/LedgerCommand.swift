import ArgumentParser
import BerdayaKit

/// The fields every booking takes.
struct VoucherOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L("Tanggal transaksi.", "Entry date."))) var date: String
    @Option(help: ArgumentHelp(L("Nomor kwitansi/bukti.", "Receipt (kwitansi) number."))) var document: String
    @Option(help: ArgumentHelp(L("Keterangan.", "Memo."))) var memo: String?

    func voucher(_ context: CommandContext) throws -> Voucher {
        Voucher(date: try context.date(date, field: "--date"), document: document, memo: memo)
    }
}

/// Who receives a disbursement or a loan.
struct RecipientOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L("Kode penyintas penerima.", "Receiving survivor's code."))) var survivor: String?
    @Option(help: ArgumentHelp(L("Kode kelompok penerima.", "Receiving cohort's code."))) var cohort: String?
    @Option(help: ArgumentHelp(L("Nama kelompok usaha (KUBE) penerima.", "Receiving business group (KUBE)."))) var group: String?
    @Option(help: ArgumentHelp(L("Asnaf untuk zakat", "Asnaf for zakat", choices: Asnaf.self))) var asnaf: String?

    func recipient() throws -> Recipient {
        switch (survivor, cohort, group) {
        case let (code?, nil, nil): .survivor(code)
        case let (nil, code?, nil): .cohort(code)
        case let (nil, nil, name?): .group(name)
        default: throw FundingError.recipientNeeded
        }
    }

    func parsedAsnaf(_ context: CommandContext) throws -> Asnaf? { try context.choice(asnaf, field: "--asnaf") }
}

func printEntries(_ entries: [LedgerEntry], _ context: CommandContext) throws {
    if context.json { return try context.printJSON(entries) }
    for entry in entries {
        context.say(L("Dicatat #\(entry.id!): \(entry.kind.text) \(context.money(entry.amount)).",
                      "Booked #\(entry.id!): \(entry.kind.text) \(context.money(entry.amount))."))
    }
}

/// `berdaya ledger ...`: the treasurer's book.
struct LedgerCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "ledger",
            abstract: L("Buku kas bendahara: penerimaan, penyaluran, belanja, pindah buku, pembalikan.",
                        "The treasurer's ledger: receipts, disbursements, expenses, transfers, reversals."),
            discussion: L("Transaksi yang sudah dicatat tidak pernah diubah atau dihapus; koreksi dengan `ledger reverse`.",
                          "Booked entries are never edited or deleted; correct them with `ledger reverse`."),
            subcommands: [Receive.self, Disburse.self, Expense.self, Transfer.self, Reverse.self, List.self, CashBookCommand.self,
                          Funders.self, AsnafCommand.self])
    }

    struct Receive: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat uang masuk.", "Book money in."),
                                 discussion: L("Rupiah dengan --amount, atau valuta asing dengan --foreign, --currency dan --rate (dibulatkan ke rupiah terdekat, setengah ke atas).",
                                               "Rupiah with --amount, or foreign money with --foreign, --currency and --rate (rounded to the nearest rupiah, halves away from zero)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String?
        @Option(help: ArgumentHelp(L("Jumlah valuta asing (bukan bersama --amount), paling banyak 1.000.000.000.000 unit; hasil rupiahnya paling banyak Rp 1.000.000.000.000.", "Foreign amount (not with --amount), at most 1,000,000,000,000 units; its rupiah at most IDR 1,000,000,000,000."))) var foreign: String?
        @Option(help: ArgumentHelp(L("Mata uang.", "Currency."))) var currency: String?
        @Option(help: ArgumentHelp(L("Kurs: rupiah per satu unit, lebih dari 0 dan paling banyak 1.000.000, paling banyak 6 desimal.", "Rate: rupiah per unit, above 0 and at most 1,000,000, up to 6 decimals."))) var rate: String?
        @OptionGroup var voucher: VoucherOptions

        func execute(_ context: CommandContext) throws {
            var foreignAmount: ForeignAmount?
            if amount != nil, foreign != nil { throw FundingError.amountAndForeign(amount: "--amount", foreign: "--foreign") }
            if let foreign {
                guard let currency else { throw InputError.empty(field: "--currency") }
                guard let rate else { throw FundingError.invalidRate("") }
                foreignAmount = try ForeignAmount(amount: foreign, currency: currency, rate: rate)
            } else if amount == nil {
                throw InputError.empty(field: "--amount / --foreign")
            }
            let entry = try Ledger.receive(fundCode: fund, amount: amount.map { try context.rupiah($0, field: "--amount") },
                                           foreign: foreignAmount, voucher: voucher.voucher(context), in: context.workspace)
            try printEntries([entry], context)
        }
    }

    struct Disburse: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menyalurkan hibah usaha (tunai atau barang) kepada penyintas atau kelompok.",
                                             "Pay a micro-grant (cash or goods) to a survivor or a group."),
                                 discussion: L("Contoh: berdaya ledger disburse ZAKAT-KBM --survivor KBM-0003 --asnaf riqab --amount 2.500.000 --line micro_grants --date 2025-12-01 --document KW-0141",
                                               "Example: berdaya ledger disburse ZAKAT-KBM --survivor KBM-0003 --asnaf riqab --amount 2500000 --line micro_grants --date 2025-12-01 --document KW-0141"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @OptionGroup var recipient: RecipientOptions
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String
        @Option(help: ArgumentHelp(L("Mata anggaran.", "Budget line."))) var line: String
        @Flag(help: ArgumentHelp(L("Berupa barang (alat, bahan baku), bukan tunai.", "In goods (equipment, raw materials), not cash."))) var inKind = false
        @Option(help: ArgumentHelp(L("Kode usaha yang menerima modal ini (penerima harus pemiliknya atau KUBE-nya).",
                                     "Business this capital is for (the recipient must own it or be its KUBE)."))) var business: String?
        @OptionGroup var voucher: VoucherOptions

        func execute(_ context: CommandContext) throws {
            let entry = try Ledger.disburse(fundCode: fund, to: recipient.recipient(), amount: context.rupiah(amount, field: "--amount"),
                                            line: line, asnaf: recipient.parsedAsnaf(context), inKind: inKind, business: business,
                                            voucher: voucher.voucher(context), in: context.workspace)
            try printEntries([entry], context)
        }
    }

    struct Expense: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat belanja program, bila ada terkait sesi pelatihan.",
                                             "Book a program expense, linked to a training session where there is one."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String
        @Option(help: ArgumentHelp(L("Mata anggaran.", "Budget line."))) var line: String
        @Option(help: ArgumentHelp(L("Penjual/penyedia.", "Vendor."))) var vendor: String?
        @Option(help: ArgumentHelp(L("Sesi pelatihan, mis. MDN-2025-1/3.", "Training session, e.g. MDN-2025-1/3."))) var session: String?
        @OptionGroup var voucher: VoucherOptions

        func execute(_ context: CommandContext) throws {
            let entry = try Ledger.expense(fundCode: fund, amount: context.rupiah(amount, field: "--amount"), line: line,
                                           vendor: vendor, session: session.map(SessionRef.init(parsing:)),
                                           voucher: voucher.voucher(context), in: context.workspace)
            try printEntries([entry], context)
        }
    }

    struct Transfer: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Pindah buku antardana yang mengizinkannya.", "Move money between funds that allow it."),
                                 discussion: L("Zakat hanya ke dana zakat; dana hibah terikat tidak bisa dipindahkan.",
                                               "Zakat only into zakat funds; a restricted grant cannot be moved out."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Dana asal.", "From fund."))) var from: String
        @Argument(help: ArgumentHelp(L("Dana tujuan.", "To fund."))) var to: String
        @Option(help: ArgumentHelp(moneyHelp("Jumlah.", "Amount."))) var amount: String
        @OptionGroup var voucher: VoucherOptions

        func execute(_ context: CommandContext) throws {
            let (out, into) = try Ledger.transfer(from: from, to: to, amount: context.rupiah(amount, field: "--amount"),
                                                  voucher: voucher.voucher(context), in: context.workspace)
            try printEntries([out, into], context)
        }
    }

    struct Reverse: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Membalik transaksi yang salah (sekali saja); transaksi asli tetap.",
                                             "Reverse a mistaken entry (once); the original stays."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Nomor transaksi, mis. 42 atau #42.", "Entry number, e.g. 42 or #42."))) var entry: String
        @Option(help: ArgumentHelp(L("Tanggal pembalikan.", "Reversal date."))) var date: String
        @Option(help: ArgumentHelp(L("Alasan.", "Reason."))) var reason: String

        func execute(_ context: CommandContext) throws {
            guard let id = Int64(entry.trimmingCharacters(in: ["#", " "])) else {
                throw InputError.notANumber(field: L("nomor transaksi", "entry number"), value: entry)
            }
            let booked = try Ledger.reverse(entry: id, on: context.date(date, field: "--date"), reason: reason, in: context.workspace)
            try printEntries(booked, context)
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration { CommandConfiguration(abstract: L("Transaksi satu dana.", "A fund's entries.")) }
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Option(help: ArgumentHelp(L("Hanya transaksi dalam periode ini: 2025, 2025-Q3, 2025-03 ... (tanpa ini: semua).",
                                     "Only entries in this period: 2025, 2025-Q3, 2025-03 ... (without it: all)."))) var period: String?

        func execute(_ context: CommandContext) throws {
            let lines = try Ledger.entries(fundCode: fund, period: period.map(Period.init(parsing:)), in: context.workspace)
            if context.json { return try context.printJSON(lines) }
            context.say(entryTable(lines.map { ($0, nil) }, context).render())
        }
    }

    struct CashBookCommand: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "cashbook",
                                 abstract: L("Buku kas umum satu dana: saldo awal, setiap transaksi, saldo berjalan.",
                                             "A fund's cash book: opening balance, every entry, running balance."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode dana.", "Fund code."))) var fund: String
        @Option(help: ArgumentHelp(L("Periode: 2025, 2025-H1, 2025-Q3, 2025-03 atau 2025-01-01..2025-06-30.",
                                     "Period: 2025, 2025-H1, 2025-Q3, 2025-03 or 2025-01-01..2025-06-30."))) var period: String

        func execute(_ context: CommandContext) throws {
            let book = try Ledger.cashBook(fundCode: fund, period: Period(parsing: period), in: context.workspace)
            if context.json { return try context.printJSON(book) }
            context.say(L("Buku kas umum \(book.fund) (\(book.name)), \(book.period.start) – \(book.period.end)",
                          "Cash book of \(book.fund) (\(book.name)), \(book.period.start) – \(book.period.end)"))
            context.say(L("Saldo awal: ", "Opening balance: ") + context.money(book.opening))
            context.say(entryTable(book.rows.map { ($0.entry, $0.balance) }, context).render())
            context.say(L("Saldo akhir: ", "Closing balance: ") + context.money(book.closing))
        }
    }

    struct Funders: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Uang diterima dan dibelanjakan per pemberi dana.", "Money received and spent per funder."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Periode.", "Period."))) var period: String

        func execute(_ context: CommandContext) throws {
            let rows = try TreasurerReports.perFunder(period: Period(parsing: period), in: context.workspace)
            if context.json { return try context.printJSON(rows) }
            var table = Table(headers: [L("Pemberi", "Funder"), L("Diterima", "Received"), L("Dibelanjakan", "Spent"),
                                        L("Angsuran kembali", "Repaid"), L("Pindah buku", "Transfers")])
            for r in rows { table.add([r.funder, context.money(r.received), context.money(r.spent), context.money(r.repaid), context.money(r.transfers)]) }
            context.say(table.render())
        }
    }

    struct AsnafCommand: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "asnaf", abstract: L("Penyaluran zakat per asnaf.", "Zakat disbursed per asnaf."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Periode.", "Period."))) var period: String
        @Option(help: ArgumentHelp(L("Hanya satu dana.", "Only one fund."))) var fund: String?

        func execute(_ context: CommandContext) throws {
            let rows = try TreasurerReports.perAsnaf(period: Period(parsing: period), fundCode: fund, in: context.workspace)
            if context.json { return try context.printJSON(rows) }
            var table = Table(headers: ["Asnaf", L("Penerima", "Recipients"), L("Jumlah", "Amount")])
            for r in rows { table.add([r.asnaf.text, String(r.recipients), context.money(r.amount)]) }
            context.say(table.render())
        }
    }
}

func entryTable(_ rows: [(LedgerLine, Rupiah?)], _ context: CommandContext) -> Table {
    var headers = ["#", L("Tanggal", "Date"), L("Bukti", "Document"), L("Pihak", "Counterparty"), L("Masuk", "In"), L("Keluar", "Out")]
    let withBalance = rows.contains { $0.1 != nil }
    if withBalance { headers.append(L("Saldo", "Balance")) }
    headers.append(L("Uraian", "Description"))
    var table = Table(headers: headers)
    for (e, balance) in rows {
        var row = [String(e.id), e.date.description, e.document, e.counterparty ?? "–",
                   e.amount.amount > 0 ? context.money(e.amount) : "", e.amount.amount < 0 ? context.money((try? e.amount.negated()) ?? e.amount) : ""]
        if withBalance { row.append(balance.map { context.money($0) } ?? "") }
        row.append(e.description(context.language))
        table.add(row)
    }
    return table
}
