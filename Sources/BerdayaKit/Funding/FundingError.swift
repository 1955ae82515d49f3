/// Refusals of the treasurer's ledger: each says what is wrong and nothing is booked.
public enum FundingError: UserFacingError, Equatable {
    case unknownFunder(String)
    case funderExists(String)
    case invalidCode(String)
    case unknownFund(String)
    case fundExists(String)
    case awardNeeded
    case unknownBudgetLine(fund: String, line: String)
    case budgetLineExists(fund: String, line: String)
    case budgetLineNeeded(fund: String)
    case unknownCurrency(String, known: [String])
    case invalidRate(String)
    /// A rate above `ForeignAmount.maximumRate` rupiah per unit.
    case rateTooLarge(String)
    /// A foreign amount above `ForeignAmount.maximumUnits` units of its currency.
    case foreignTooLarge(String, currency: String)
    /// Both a rupiah amount and a foreign one: which was meant is unclear, so neither is booked.
    case amountAndForeign(amount: String, foreign: String)
    case amountNotPositive
    case beforeFundOpened(fund: String, opened: DayDate)
    case outsideGrantPeriod(fund: String, start: DayDate, end: DayDate)
    case overdraft(fund: String, balance: Rupiah, on: DayDate)
    case overCap(fund: String, line: String, cap: Rupiah, spent: Rupiah)
    case zakatNeedsAsnaf
    case zakatNeedsSurvivor
    case zakatOnlyToSurvivors(kind: EntryKind)
    case asnafOnlyForZakat
    case transferNotAllowed(from: String, to: String, reason: Localized)
    case unknownEntry(Int64)
    case alreadyReversed(entry: Int64, by: Int64)
    case cannotReverse(entry: Int64, kind: EntryKind)
    case loanHasRepayments(String)
    case unknownLoan(String)
    case loanClosed(String, LoanStatus)
    case repaysMoreThanOwed(loan: String, outstanding: Rupiah)
    case recipientNeeded
    case sessionNotInFund(String)
    case notAZakatFund(String)

    public var message: Localized {
        switch self {
        case let .unknownFunder(code):
            Localized(id: "Pemberi dana '\(code)' tidak dikenal.", en: "Unknown funder '\(code)'.")
        case let .funderExists(code):
            Localized(id: "Pemberi dana \(code) sudah ada.", en: "The funder \(code) already exists.")
        case let .invalidCode(code):
            Localized(id: "Kode '\(code)' tidak sah: 2-20 huruf kapital, angka atau tanda hubung.",
                      en: "The code '\(code)' is not valid: use 2-20 capital letters, digits or dashes.")
        case let .unknownFund(code):
            Localized(id: "Dana '\(code)' tidak dikenal.", en: "Unknown fund '\(code)'.")
        case let .fundExists(code):
            Localized(id: "Dana \(code) sudah ada.", en: "The fund \(code) already exists.")
        case .awardNeeded:
            Localized(id: "Hibah terikat perlu nilai hibah (--award) dan masa berlaku (--period-start, --period-end).",
                      en: "A restricted grant needs its award (--award) and period (--period-start, --period-end).")
        case let .unknownBudgetLine(fund, line):
            Localized(id: "Dana \(fund) tidak memiliki mata anggaran '\(line)'.", en: "The fund \(fund) has no budget line '\(line)'.")
        case let .budgetLineExists(fund, line):
            Localized(id: "Mata anggaran '\(line)' sudah ada di \(fund).", en: "The budget line '\(line)' already exists in \(fund).")
        case let .budgetLineNeeded(fund):
            Localized(id: "Pengeluaran dari \(fund) harus menyebut mata anggarannya (--line).",
                      en: "Spending from \(fund) must name its budget line (--line).")
        case let .unknownCurrency(code, known):
            Localized(id: "Mata uang '\(code)' tidak dikenal. Yang dikenal: \(known.joined(separator: ", ")).",
                      en: "Unknown currency '\(code)'. Known: \(known.joined(separator: ", ")).")
        case let .invalidRate(text):
            Localized(id: "Kurs '\(text)' tidak sah: tulis rupiah per satu unit, mis. 15750.25 (paling banyak 6 desimal).",
                      en: "The rate '\(text)' is not valid: write rupiah per unit, e.g. 15750.25 (at most 6 decimals).")
        case let .rateTooLarge(text):
            Localized(id: "Kurs '\(InputError.shown(text))' terlalu besar; paling banyak \(Rupiah(ForeignAmount.maximumRate).formatted(.id)) per satu unit.",
                      en: "The rate '\(InputError.shown(text))' is too large; at most \(Rupiah(ForeignAmount.maximumRate).formatted(.en)) per unit.")
        case let .foreignTooLarge(text, currency):
            Localized(id: "--foreign: '\(InputError.shown(text))' terlalu besar; paling banyak \(currency) \(Rupiah(ForeignAmount.maximumUnits).formatted(.en).dropFirst(4)).",
                      en: "--foreign: '\(InputError.shown(text))' is too large; at most \(currency) \(Rupiah(ForeignAmount.maximumUnits).formatted(.en).dropFirst(4)).")
        case let .amountAndForeign(amount, foreign):
            Localized(id: "Berikan \(amount) (rupiah) atau \(foreign) dengan --currency dan --rate, tidak keduanya.",
                      en: "Give \(amount) (rupiah) or \(foreign) with --currency and --rate, not both.")
        case .amountNotPositive:
            Localized(id: "Jumlah harus lebih dari nol.", en: "The amount must be more than zero.")
        case let .beforeFundOpened(fund, opened):
            Localized(id: "Dana \(fund) baru dibuka \(opened); tidak ada transaksi sebelumnya.",
                      en: "The fund \(fund) opened on \(opened); nothing can be booked before that.")
        case let .outsideGrantPeriod(fund, start, end):
            Localized(id: "Hibah \(fund) hanya boleh dibelanjakan \(start) – \(end).",
                      en: "The grant \(fund) may only be spent from \(start) to \(end).")
        case let .overdraft(fund, balance, day):
            Localized(id: "Saldo \(fund) akan menjadi \(balance.formatted(.id)) pada \(day); dana tidak boleh minus.",
                      en: "The balance of \(fund) would be \(balance.formatted(.en)) on \(day); a fund never goes below zero.")
        case let .overCap(fund, line, cap, spent):
            Localized(id: "Mata anggaran '\(line)' di \(fund) akan terpakai \(spent.formatted(.id)), melebihi pagu \(cap.formatted(.id)).",
                      en: "The budget line '\(line)' of \(fund) would reach \(spent.formatted(.en)), over its cap of \(cap.formatted(.en)).")
        case .zakatNeedsAsnaf:
            Localized(id: "Penyaluran zakat harus mencatat asnaf penerimanya (--asnaf).",
                      en: "A zakat disbursement must record the recipient's asnaf (--asnaf).")
        case .zakatNeedsSurvivor:
            Localized(id: "Zakat hanya disalurkan kepada mustahik: sebutkan kode penyintas (--survivor).",
                      en: "Zakat goes only to a mustahik: name the survivor (--survivor).")
        case let .zakatOnlyToSurvivors(kind):
            Localized(id: "Dana zakat tidak dipakai untuk \(kind.label.id); zakat hanya disalurkan kepada mustahik.",
                      en: "A zakat fund is not used for \(kind.label.en); zakat goes only to a mustahik.")
        case .asnafOnlyForZakat:
            Localized(id: "Asnaf hanya dicatat untuk dana zakat.", en: "An asnaf is recorded only for zakat funds.")
        case let .transferNotAllowed(from, to, reason):
            Localized(id: "Pindah buku \(from) → \(to) tidak boleh: \(reason.id)", en: "A transfer \(from) → \(to) is not allowed: \(reason.en)")
        case let .unknownEntry(id):
            Localized(id: "Transaksi #\(id) tidak ada.", en: "There is no entry #\(id).")
        case let .alreadyReversed(entry, by):
            Localized(id: "Transaksi #\(entry) sudah dibalik oleh #\(by).", en: "Entry #\(entry) was already reversed by #\(by).")
        case let .cannotReverse(entry, kind):
            Localized(id: "Transaksi #\(entry) (\(kind.label.id)) tidak bisa dibalik.",
                      en: "Entry #\(entry) (\(kind.label.en)) cannot be reversed.")
        case let .loanHasRepayments(code):
            Localized(id: "Pinjaman \(code) sudah diangsur; pencairannya tidak bisa dibalik.",
                      en: "Loan \(code) has repayments; its payout cannot be reversed.")
        case let .unknownLoan(code):
            Localized(id: "Pinjaman '\(code)' tidak ada.", en: "There is no loan '\(code)'.")
        case let .loanClosed(code, status):
            Localized(id: "Pinjaman \(code) sudah \(status.label.id).", en: "Loan \(code) is already \(status.label.en).")
        case let .repaysMoreThanOwed(loan, outstanding):
            Localized(id: "Angsuran melebihi sisa pinjaman \(loan) (\(outstanding.formatted(.id))).",
                      en: "The repayment is more than what is owed on \(loan) (\(outstanding.formatted(.en))).")
        case .recipientNeeded:
            Localized(id: "Sebutkan penerima: --survivor, --cohort atau --group.",
                      en: "Name the recipient: --survivor, --cohort or --group.")
        case let .sessionNotInFund(ref):
            Localized(id: "Sesi \(ref) tidak ada.", en: "There is no session \(ref).")
        case let .notAZakatFund(code):
            Localized(id: "Dana \(code) bukan dana zakat; laporan ini hanya untuk dana zakat.",
                      en: "The fund \(code) is not a zakat fund; this report is for zakat funds only.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .unknownFund:
            Localized(id: "Lihat dana dengan `berdaya fund list`.", en: "See the funds with `berdaya fund list`.")
        case .unknownFunder:
            Localized(id: "Lihat pemberi dana dengan `berdaya funder list`.", en: "See the funders with `berdaya funder list`.")
        case let .unknownBudgetLine(fund, _):
            Localized(id: "Lihat mata anggaran dengan `berdaya fund show \(fund)`.", en: "See the budget lines with `berdaya fund show \(fund)`.")
        case .overdraft:
            Localized(id: "Catat dulu penerimaan dana, atau bayar dari dana lain.", en: "Book the money coming in first, or pay from another fund.")
        case .rateTooLarge, .foreignTooLarge:
            Localized(id: "Periksa angkanya (mungkin ada nol berlebih). Tulis kurs sebagai rupiah per satu unit, misalnya 16250.",
                      en: "Check the figure (perhaps a zero too many). Write the rate as rupiah per one unit, for example 16250.")
        case let .amountAndForeign(amount, foreign):
            Localized(id: "Untuk uang dalam mata uang asing, rupiah dihitung dari \(foreign) × --rate; hapus \(amount).",
                      en: "For money in another currency the rupiah come from \(foreign) × --rate; leave out \(amount).")
        case .alreadyReversed, .cannotReverse:
            Localized(id: "Bila perlu, catat transaksi baru yang benar.", en: "If needed, book a new, correct entry.")
        default: nil
        }
    }
}
