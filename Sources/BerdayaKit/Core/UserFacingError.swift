/// An error a user can act on: what was wrong and how to fix it, in both languages.
/// Every module's error enum conforms, so the command line and the web show the same words.
public protocol UserFacingError: Error, Sendable {
    /// What was wrong.
    var message: Localized { get }
    /// How to fix it, when there is something to say. It may name commands and flags: it is
    /// the command line's.
    var hint: Localized? { get }
    /// How to fix it in a form's words, for the web app: never a command or a flag.
    var formHint: Localized? { get }
}

extension UserFacingError {
    public var hint: Localized? { nil }

    /// By default the hint, unless it speaks of commands or flags (`berdaya …`, `--reason`),
    /// which a form's reader has never seen: then nothing, rather than a command line.
    public var formHint: Localized? { Localized.inFormWords(hint) }
}

extension Localized {
    /// `hint` as a form may show it: nil when it speaks of commands or flags.
    public static func inFormWords(_ hint: Localized?) -> Localized? {
        guard let hint else { return nil }
        let commandWords = ["--", "`berdaya", "'berdaya", "berdaya "]
        return commandWords.contains { hint.id.contains($0) || hint.en.contains($0) } ? nil : hint
    }
}

/// Errors that belong to no one module: dates, money, numbers and free text as typed.
public enum InputError: UserFacingError, Equatable {
    case invalidDate(field: String, value: String)
    case invalidMonth(field: String, value: String)
    case notPositive(field: String)
    case dateInFuture(field: String, value: DayDate, today: DayDate)
    case datesOutOfOrder(first: String, firstValue: DayDate, second: String, secondValue: DayDate)
    case invalidAmount(field: String, value: String)
    /// A figure beyond its domain's bound (`Rupiah.maximum`, a foreign amount's or a rate's).
    case amountTooLarge(field: String, value: String, limit: Rupiah)
    /// A sum or difference of figures that does not fit in the 64 bits money is kept in.
    case sumTooLarge
    /// A number (an entry number, a count) that is not a whole number.
    case notANumber(field: String, value: String)
    case negativeAmount(field: String)
    case outOfRange(field: String, value: Int, range: ClosedRange<Int>)
    case empty(field: String)
    case tooLong(field: String, limit: Int)
    case unknownChoice(field: String, value: String, choices: [String])

    public var message: Localized {
        switch self {
        case let .invalidDate(field, value):
            Localized(id: "\(field): '\(value)' bukan tanggal yang sah.",
                      en: "\(field): '\(value)' is not a valid date.")
        case let .invalidMonth(field, value):
            Localized(id: "\(field): '\(value)' bukan bulan yang sah.",
                      en: "\(field): '\(value)' is not a valid month.")
        case let .notPositive(field):
            Localized(id: "\(field) harus lebih dari nol.", en: "\(field) must be more than zero.")
        case let .dateInFuture(field, value, today):
            Localized(id: "\(field): \(value) ada di masa depan (hari ini \(today)).",
                      en: "\(field): \(value) is in the future (today is \(today)).")
        case let .datesOutOfOrder(first, firstValue, second, secondValue):
            Localized(id: "\(second) (\(secondValue)) lebih awal dari \(first) (\(firstValue)).",
                      en: "\(second) (\(secondValue)) is before \(first) (\(firstValue)).")
        case let .invalidAmount(field, value):
            Localized(id: "\(field): '\(InputError.shown(value))' bukan jumlah rupiah yang sah.",
                      en: "\(field): '\(InputError.shown(value))' is not a valid rupiah amount.")
        case let .amountTooLarge(field, value, limit):
            Localized(id: "\(field): '\(InputError.shown(value))' terlalu besar; paling banyak \(limit.formatted(.id)).",
                      en: "\(field): '\(InputError.shown(value))' is too large; the most allowed is \(limit.formatted(.en)).")
        case .sumTooLarge:
            Localized(id: "Jumlahnya terlalu besar untuk dihitung (melebihi batas 64 bit).",
                      en: "The total is too large to compute (beyond 64 bits).")
        case let .notANumber(field, value):
            Localized(id: "\(field): '\(InputError.shown(value))' bukan bilangan bulat.",
                      en: "\(field): '\(InputError.shown(value))' is not a whole number.")
        case let .negativeAmount(field):
            Localized(id: "\(field) tidak boleh negatif.", en: "\(field) cannot be negative.")
        case let .outOfRange(field, value, range):
            Localized(id: "\(field): \(value) di luar rentang \(range.lowerBound)–\(range.upperBound).",
                      en: "\(field): \(value) is outside \(range.lowerBound)–\(range.upperBound).")
        case let .empty(field):
            Localized(id: "\(field) wajib diisi.", en: "\(field) is required.")
        case let .tooLong(field, limit):
            Localized(id: "\(field) terlalu panjang (paling banyak \(limit) karakter).",
                      en: "\(field) is too long (at most \(limit) characters).")
        case let .unknownChoice(field, value, choices):
            Localized(id: "\(field): '\(value)' tidak dikenal. Pilihan: \(choices.joined(separator: ", ")).",
                      en: "\(field): '\(value)' is not known. Choices: \(choices.joined(separator: ", ")).")
        }
    }

    public var hint: Localized? {
        switch self {
        case .invalidDate:
            Localized(id: "Tulis tanggal sebagai TTTT-BB-HH, misalnya 2025-03-14.",
                      en: "Write dates as YYYY-MM-DD, for example 2025-03-14.")
        case .invalidMonth:
            Localized(id: "Tulis bulan sebagai TTTT-BB, misalnya 2026-03.", en: "Write months as YYYY-MM, for example 2026-03.")
        case .invalidAmount:
            Localized(id: "Tulis rupiah utuh, misalnya 1250000 atau 1.250.000.",
                      en: "Write whole rupiah, for example 1250000 or 1.250.000.")
        case .amountTooLarge:
            Localized(id: "Periksa angkanya (mungkin ada nol berlebih); satu jumlah paling banyak \(Rupiah.maximum.formatted(.id)). Jumlah yang lebih besar dicatat sebagai beberapa transaksi.",
                      en: "Check the figure (perhaps a zero too many); one amount is at most \(Rupiah.maximum.formatted(.en)). Book a larger sum as several entries.")
        case .sumTooLarge:
            Localized(id: "Ada jumlah tersimpan yang salah ketik; periksa transaksi terbesar.",
                      en: "A stored amount is mistyped; look at the largest entries.")
        case .notANumber:
            Localized(id: "Tulis angka saja, misalnya 141.", en: "Write digits only, for example 141.")
        default: nil
        }
    }

    /// A value as typed, cut short so that a pasted page does not fill the message.
    static func shown(_ value: String) -> String {
        value.count <= 40 ? value : String(value.prefix(40)) + "…"
    }
}
