import Foundation

/// A Nomor Induk Kependudukan, checked by its structure: 16 digits; digits 1-6 the region
/// (province, regency or city, district); 7-12 the birth date DDMMYY with 40 added to the day
/// for women; 13-16 a serial. A value of this type has passed every check.
public struct NIK: Hashable, Sendable, CustomStringConvertible {
    public let digits: String
    public let sex: Sex
    public let birthDay: Int
    public let birthMonth: Int
    /// The two-digit year as written; the century is not in the NIK.
    public let birthYearTwoDigits: Int

    /// Province codes in use (Kemendagri), including the Papua provinces formed in 2022.
    public static let provinceCodes: Set<Int> = [
        11, 12, 13, 14, 15, 16, 17, 18, 19, 21,
        31, 32, 33, 34, 35, 36,
        51, 52, 53,
        61, 62, 63, 64, 65,
        71, 72, 73, 74, 75, 76,
        81, 82,
        91, 92, 93, 94, 95, 96,
    ]

    /// Checks `text` (spaces and dots allowed between digits) against its structure and, where
    /// known, the recorded sex and birth year. `today` bounds the birth date.
    public init(validating text: String, sex recordedSex: Sex? = nil, birthYear: Int? = nil,
                today: DayDate) throws {
        let compact = text.filter { $0 != " " && $0 != "." && $0 != "-" }
        guard compact.allSatisfy(\.isASCIIDigit), !compact.isEmpty else { throw NIKError.notDigits }
        guard compact.count == 16 else { throw NIKError.wrongLength(compact.count) }
        let d = compact.map { Int(String($0))! }
        func number(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + d[$1] } }

        let province = number(0..<2), regency = number(2..<4), district = number(4..<6)
        guard NIK.provinceCodes.contains(province) else { throw NIKError.unknownProvince(province) }
        guard regency != 0 else { throw NIKError.invalidRegency(number(0..<4)) }
        guard district != 0 else { throw NIKError.invalidDistrict(number(0..<6)) }

        var day = number(6..<8)
        let month = number(8..<10), yy = number(10..<12)
        let sex: Sex = day > 40 ? .female : .male
        if day > 40 { day -= 40 }
        guard (1...31).contains(day) else { throw NIKError.invalidBirthDay(number(6..<8)) }
        guard (1...12).contains(month) else { throw NIKError.invalidBirthMonth(month) }

        let century: [Int]
        if let birthYear {
            guard birthYear % 100 == yy else { throw NIKError.birthYearMismatch(nikYear: yy, recorded: birthYear) }
            century = [birthYear]
        } else {
            century = [1900 + yy, 2000 + yy].filter { $0 <= today.year }
        }
        let dates = century.compactMap { DayDate(year: $0, month: month, day: day) }
        guard !dates.isEmpty else { throw NIKError.impossibleBirthDate(day: day, month: month, year: yy) }
        guard dates.contains(where: { $0 <= today }) else { throw NIKError.birthDateInFuture }
        if let recordedSex, recordedSex != sex {
            throw NIKError.sexMismatch(nikSays: sex, recorded: recordedSex)
        }
        guard number(12..<16) != 0 else { throw NIKError.invalidSerial }

        self.digits = compact
        self.sex = sex
        self.birthDay = day
        self.birthMonth = month
        self.birthYearTwoDigits = yy
    }

    /// The birth year the NIK most likely means: the latest century that is not in the future.
    public func likelyBirthYear(today: DayDate) -> Int {
        2000 + birthYearTwoDigits <= today.year ? 2000 + birthYearTwoDigits : 1900 + birthYearTwoDigits
    }

    /// The first six digits: province, regency or city, and district of registration.
    public var regionCode: String { String(digits.prefix(6)) }

    public var description: String { digits }
}

/// Which part of a NIK is wrong.
public enum NIKError: UserFacingError, Equatable {
    case notDigits
    case wrongLength(Int)
    case unknownProvince(Int)
    case invalidRegency(Int)
    case invalidDistrict(Int)
    case invalidBirthDay(Int)
    case invalidBirthMonth(Int)
    case impossibleBirthDate(day: Int, month: Int, year: Int)
    case birthDateInFuture
    case birthYearMismatch(nikYear: Int, recorded: Int)
    case sexMismatch(nikSays: Sex, recorded: Sex)
    case invalidSerial

    public var message: Localized {
        switch self {
        case .notDigits:
            Localized(id: "NIK hanya boleh berisi angka.", en: "A NIK contains digits only.")
        case let .wrongLength(count):
            Localized(id: "NIK harus 16 digit, yang diisi \(count) digit.",
                      en: "A NIK has 16 digits; this one has \(count).")
        case let .unknownProvince(code):
            Localized(id: "NIK: digit 1-2 (\(String(format: "%02d", code))) bukan kode provinsi yang ada.",
                      en: "NIK: digits 1-2 (\(String(format: "%02d", code))) are not a province code.")
        case let .invalidRegency(code):
            Localized(id: "NIK: kode kabupaten/kota di digit 3-4 tidak boleh 00 (\(String(format: "%04d", code))).",
                      en: "NIK: the regency code in digits 3-4 cannot be 00 (\(String(format: "%04d", code))).")
        case let .invalidDistrict(code):
            Localized(id: "NIK: kode kecamatan di digit 5-6 tidak boleh 00 (\(String(format: "%06d", code))).",
                      en: "NIK: the district code in digits 5-6 cannot be 00 (\(String(format: "%06d", code))).")
        case let .invalidBirthDay(day):
            Localized(id: "NIK: tanggal lahir di digit 7-8 (\(String(format: "%02d", day))) harus 01-31, atau 41-71 untuk perempuan.",
                      en: "NIK: the birth day in digits 7-8 (\(String(format: "%02d", day))) must be 01-31, or 41-71 for women.")
        case let .invalidBirthMonth(month):
            Localized(id: "NIK: bulan lahir di digit 9-10 (\(String(format: "%02d", month))) harus 01-12.",
                      en: "NIK: the birth month in digits 9-10 (\(String(format: "%02d", month))) must be 01-12.")
        case let .impossibleBirthDate(day, month, year):
            Localized(id: "NIK: tanggal lahir \(String(format: "%02d-%02d-%02d", day, month, year)) (HH-BB-TT) tidak ada.",
                      en: "NIK: the birth date \(String(format: "%02d-%02d-%02d", day, month, year)) (DD-MM-YY) does not exist.")
        case .birthDateInFuture:
            Localized(id: "NIK: tanggal lahir di digit 7-12 ada di masa depan.",
                      en: "NIK: the birth date in digits 7-12 is in the future.")
        case let .birthYearMismatch(nikYear, recorded):
            Localized(id: "NIK: tahun lahir di digit 11-12 (\(String(format: "%02d", nikYear))) tidak cocok dengan tahun lahir tercatat \(recorded).",
                      en: "NIK: the birth year in digits 11-12 (\(String(format: "%02d", nikYear))) does not match the recorded birth year \(recorded).")
        case let .sexMismatch(nikSays, recorded):
            Localized(id: "NIK: digit 7-8 menandakan \(nikSays.label.id), tetapi jenis kelamin tercatat \(recorded.label.id) (untuk perempuan tanggal lahir ditambah 40).",
                      en: "NIK: digits 7-8 say \(nikSays.label.en), but the recorded sex is \(recorded.label.en) (women have 40 added to the birth day).")
        case .invalidSerial:
            Localized(id: "NIK: nomor urut di digit 13-16 tidak boleh 0000.",
                      en: "NIK: the serial in digits 13-16 cannot be 0000.")
        }
    }

    public var hint: Localized? {
        Localized(id: "Periksa kembali NIK pada KTP atau Kartu Keluarga. Jika NIK belum diketahui, kosongkan saja.",
                  en: "Check the NIK against the ID card or family card. If the NIK is not known, leave it out.")
    }
}
