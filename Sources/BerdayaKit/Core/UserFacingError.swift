/// An error a user can act on: what was wrong and how to fix it, in both languages.
/// Every module's error enum conforms, so the command line and the web show the same words.
public protocol UserFacingError: Error, Sendable {
    /// What was wrong.
    var message: Localized { get }
    /// How to fix it, when there is something to say.
    var hint: Localized? { get }
}

extension UserFacingError {
    public var hint: Localized? { nil }
}

/// Errors that belong to no one module: dates, money, numbers and free text as typed.
public enum InputError: UserFacingError, Equatable {
    case invalidDate(field: String, value: String)
    case invalidMonth(field: String, value: String)
    case notPositive(field: String)
    case dateInFuture(field: String, value: DayDate, today: DayDate)
    case datesOutOfOrder(first: String, firstValue: DayDate, second: String, secondValue: DayDate)
    case invalidAmount(field: String, value: String)
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
            Localized(id: "\(field): '\(value)' bukan jumlah rupiah yang sah.",
                      en: "\(field): '\(value)' is not a valid rupiah amount.")
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
        default: nil
        }
    }
}
