/// Refusals of the survivor registry and sites.
public enum ParticipantsError: UserFacingError, Equatable {
    case invalidSiteCode(code: String)
    case siteExists(code: String)
    case unknownSite(code: String)
    case unknownSurvivor(code: String)
    case duplicate([DuplicateMatch])
    case invalidKK
    case invalidPhone
    case invalidCountry(String)
    case identityErased(code: String)
    case consentAlreadyGiven(code: String, kind: ConsentKind)
    case noConsentToWithdraw(code: String, kind: ConsentKind)
    case consentNotWithdrawn(code: String)
    case noDataConsent(code: String)

    public var message: Localized {
        switch self {
        case let .invalidSiteCode(code):
            Localized(id: "Kode situs '\(code)' tidak sah: harus 2-5 huruf kapital, misalnya MDN.",
                      en: "The site code '\(code)' is not valid: use 2-5 capital letters, e.g. MDN.")
        case let .siteExists(code):
            Localized(id: "Situs \(code) sudah ada.", en: "The site \(code) already exists.")
        case let .unknownSite(code):
            Localized(id: "Situs '\(code)' tidak dikenal.", en: "Unknown site '\(code)'.")
        case let .unknownSurvivor(code):
            Localized(id: "Penyintas '\(code)' tidak ditemukan.", en: "No survivor with code '\(code)'.")
        case let .duplicate(matches):
            Localized(id: "Orang ini tampaknya sudah terdaftar: " + matches.map { "\($0.code) (\($0.basis.label.id))" }.joined(separator: ", ") + ". Tidak ada yang disimpan.",
                      en: "This person seems to be registered already: " + matches.map { "\($0.code) (\($0.basis.label.en))" }.joined(separator: ", ") + ". Nothing was saved.")
        case .invalidKK:
            Localized(id: "Nomor KK harus 16 digit dengan kode provinsi yang sah di depan.",
                      en: "A family card (KK) number has 16 digits starting with a valid province code.")
        case .invalidPhone:
            Localized(id: "Nomor telepon harus 8-15 digit, boleh diawali +.",
                      en: "A phone number has 8-15 digits, optionally starting with +.")
        case let .invalidCountry(value):
            Localized(id: "Negara tujuan '\(value)' harus kode dua huruf ISO, misalnya MY, SA, KH.",
                      en: "Destination country '\(value)' must be a two-letter ISO code such as MY, SA, KH.")
        case let .identityErased(code):
            Localized(id: "Identitas \(code) sudah dihapus atas penarikan persetujuan.",
                      en: "The identity of \(code) was erased when consent was withdrawn.")
        case let .consentAlreadyGiven(code, kind):
            Localized(id: "\(code) sudah memberi persetujuan \(kind.label.id).",
                      en: "\(code) has already given consent to \(kind.label.en).")
        case let .noConsentToWithdraw(code, kind):
            Localized(id: "\(code) tidak memiliki persetujuan \(kind.label.id) yang berlaku untuk ditarik.",
                      en: "\(code) has no consent to \(kind.label.en) in force to withdraw.")
        case let .consentNotWithdrawn(code):
            Localized(id: "\(code) masih menyetujui pemrosesan data; identitas hanya dihapus setelah persetujuan ditarik.",
                      en: "\(code) still consents to data processing; identity is erased only after consent is withdrawn.")
        case let .noDataConsent(code):
            Localized(id: "\(code) tidak memiliki persetujuan pemrosesan data yang berlaku.",
                      en: "\(code) has no consent to data processing in force.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .unknownSite:
            Localized(id: "Lihat situs yang ada dengan `berdaya site list`, atau tambahkan dengan `berdaya site add`.",
                      en: "See the sites with `berdaya site list`, or add one with `berdaya site add`.")
        case .unknownSurvivor:
            Localized(id: "Kode berbentuk SITUS-0001; lihat `berdaya survivor list`.",
                      en: "Codes look like SITE-0001; see `berdaya survivor list`.")
        case let .duplicate(matches):
            Localized(id: "Periksa \(matches.map(\.code).joined(separator: ", ")) dengan `berdaya survivor show KODE --identity`. Jika benar orang yang berbeda, ulangi dengan " + matches.map { "--confirm-different \($0.code)" }.joined(separator: " ") + ".",
                      en: "Check \(matches.map(\.code).joined(separator: ", ")) with `berdaya survivor show CODE --identity`. If this truly is a different person, repeat with " + matches.map { "--confirm-different \($0.code)" }.joined(separator: " ") + ".")
        case let .consentNotWithdrawn(code):
            Localized(id: "Catat dulu penarikannya: `berdaya survivor consent \(code) --kind data_processing --withdraw --date TTTT-BB-HH`.",
                      en: "Record the withdrawal first: `berdaya survivor consent \(code) --kind data_processing --withdraw --date YYYY-MM-DD`.")
        case let .noDataConsent(code):
            Localized(id: "Catat persetujuan baru dengan `berdaya survivor consent \(code) --kind data_processing --date TTTT-BB-HH`.",
                      en: "Record a new consent with `berdaya survivor consent \(code) --kind data_processing --date YYYY-MM-DD`.")
        default: nil
        }
    }

    /// The registration form's words for a duplicate: the field to fill, not the flag.
    public var formHint: Localized? {
        switch self {
        case let .duplicate(matches):
            Localized(id: "Periksa \(matches.map(\.code).joined(separator: ", ")) (halaman penyintas, Buka identitas). Jika benar orang yang berbeda, isi kodenya di \"Sudah diperiksa: orang lain dari kode\" lalu kirim lagi.",
                      en: "Check \(matches.map(\.code).joined(separator: ", ")) (the survivor's page, Reveal identity). If this truly is a different person, enter the code in \"Checked: a different person from code\" and send again.")
        case .unknownSurvivor:
            Localized(id: "Kode berbentuk SITUS-0001; cari di halaman Penyintas.", en: "Codes look like SITE-0001; look it up on the Survivors page.")
        default:
            Localized.inFormWords(hint)
        }
    }
}

/// An existing survivor a new registration matches, and on what.
public struct DuplicateMatch: Codable, Sendable, Equatable {
    /// What made the match: the same NIK, or the same normalised name and birth year.
    public enum Basis: String, Codable, Sendable, Labelled {
        case nik, nameAndBirthYear = "name_and_birth_year"
        public var label: Localized {
            switch self {
            case .nik: Localized(id: "NIK sama", en: "same NIK")
            case .nameAndBirthYear: Localized(id: "nama dan tahun lahir sama", en: "same name and birth year")
            }
        }
    }

    public var code: String
    public var basis: Basis
}
