import _CryptoExtras
import Crypto
import Foundation

/// Bytes sealed with a passphrase, for what leaves the database's folder: a backup, or the
/// key on a recovery sheet. The passphrase goes through scrypt (swift-crypto's `KDF.Scrypt`)
/// and the payload through AES-GCM; nothing here is home-made cryptography.
///
/// Layout (all integers big-endian):
///
///     0   magic "BDYASEAL" (8)        16  salt (16)
///     8   format version (1)          32  payload length L (8)
///     9   kind (1)                    40  AES-GCM combined box: nonce, ciphertext, tag (L)
///     10  KDF (1: scrypt)             40+L  SHA-256 of every byte before it (32)
///     11  log2 N, r, p (1 + 1 + 1)
///     14  salt length (1), padding (1)
///
/// The header is the box's authenticated data, so no parameter can be changed unnoticed.
/// The trailing SHA-256 is no secret: it only tells a damaged file (a flipped byte, a cut
/// copy) from a wrong passphrase, so each is refused with its own message.
public enum SealedFile {
    /// What a sealed file holds; a recovery sheet is never taken for a backup or back.
    public enum Kind: UInt8, Sendable {
        case backup = 1
        case key = 2
    }

    /// scrypt's cost. The default (N = 2^17, r = 8, p = 1: 128 MiB, about a second) is
    /// OWASP's recommendation; tests pass a cheaper one. Kept in the header, so a file made
    /// with any cost opens.
    public struct Cost: Sendable, Equatable {
        public var log2N: UInt8
        public var blockSize: UInt8
        public var parallelism: UInt8

        public static let standard = Cost(log2N: 17, blockSize: 8, parallelism: 1)
        /// For tests only: fast, and still a real scrypt.
        public static let testing = Cost(log2N: 10, blockSize: 8, parallelism: 1)

        /// Any cost can be built; one read from a file's header is used only if it is sane (at most 1 GiB).
        public init(log2N: UInt8, blockSize: UInt8, parallelism: UInt8) {
            self.log2N = log2N
            self.blockSize = blockSize
            self.parallelism = parallelism
        }

        /// A header may ask for at most 1 GiB of memory; more is a damaged or hostile file.
        var isSane: Bool {
            (1...20).contains(log2N) && (1...16).contains(blockSize) && (1...4).contains(parallelism)
        }
    }

    /// The shortest passphrase accepted for sealing.
    public static let minimumPassphraseLength = 12

    static let magic = Array("BDYASEAL".utf8)
    static let version: UInt8 = 1
    static let scrypt: UInt8 = 1
    static let saltLength = 16
    static let headerLength = 40
    static let digestLength = 32

    /// Refuses a passphrase too short to stand against guessing.
    public static func checkStrength(_ passphrase: String) throws {
        if passphrase.count < minimumPassphraseLength {
            throw SealedFileError.passphraseTooShort(minimum: minimumPassphraseLength)
        }
    }

    /// Seals `payload` under `passphrase`. The passphrase must pass `checkStrength`.
    public static func seal(_ payload: Data, kind: Kind, passphrase: String, cost: Cost = .standard) throws -> Data {
        try checkStrength(passphrase)
        var salt = [UInt8](repeating: 0, count: saltLength)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = generator.next() }
        let boxLength = 12 + payload.count + 16
        var header = magic + [version, kind.rawValue, scrypt, cost.log2N, cost.blockSize, cost.parallelism,
                              UInt8(saltLength), 0] + salt
        header += withUnsafeBytes(of: UInt64(boxLength).bigEndian, Array.init)
        let key = try deriveKey(passphrase, salt: salt, cost: cost)
        let box = try AES.GCM.seal(payload, using: key, authenticating: header)
        guard let combined = box.combined, combined.count == boxLength else { throw SealedFileError.sealingFailed }
        var file = Data(header)
        file.append(combined)
        file.append(contentsOf: SHA256.hash(data: file))
        return file
    }

    /// Checks that `file` is a whole, unaltered sealed file of `kind`, without the passphrase:
    /// every error `open` gives except the wrong passphrase. Returns the header's cost and the
    /// box's length.
    @discardableResult
    public static func verify(_ file: Data, kind: Kind) throws -> (cost: Cost, boxLength: Int) {
        let bytes = [UInt8](file)
        guard bytes.count >= magic.count, Array(bytes.prefix(magic.count)) == magic else {
            throw SealedFileError.notSealed
        }
        guard bytes.count >= headerLength else { throw SealedFileError.truncated }
        guard bytes[8] <= version else { throw SealedFileError.newerFormat(version: Int(bytes[8])) }
        guard bytes[9] == kind.rawValue else {
            throw SealedFileError.wrongKind(expected: kind, found: Kind(rawValue: bytes[9]))
        }
        let cost = Cost(log2N: bytes[11], blockSize: bytes[12], parallelism: bytes[13])
        guard bytes[10] == scrypt, cost.isSane, Int(bytes[14]) == saltLength else { throw SealedFileError.damaged }
        let boxLength = bytes[32..<40].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard boxLength >= 28, boxLength < UInt64(Int.max / 2) else { throw SealedFileError.damaged }
        let expected = headerLength + Int(boxLength) + digestLength
        if bytes.count < expected { throw SealedFileError.truncated }
        if bytes.count > expected { throw SealedFileError.damaged }
        guard Array(SHA256.hash(data: bytes[0..<(headerLength + Int(boxLength))])) == Array(bytes[(headerLength + Int(boxLength))...]) else {
            throw SealedFileError.damaged
        }
        return (cost, Int(boxLength))
    }

    /// Opens a sealed file of the expected kind. Each way it can fail has its own error: not a
    /// sealed file, a newer format, the wrong kind, cut short, damaged, or the wrong passphrase.
    public static func open(_ file: Data, kind: Kind, passphrase: String) throws -> Data {
        let (cost, boxLength) = try verify(file, kind: kind)
        let bytes = [UInt8](file)
        let key = try deriveKey(passphrase, salt: Array(bytes[16..<32]), cost: cost)
        do {
            let box = try AES.GCM.SealedBox(combined: bytes[headerLength..<(headerLength + boxLength)])
            return try AES.GCM.open(box, using: key, authenticating: bytes[0..<headerLength])
        } catch {
            throw SealedFileError.wrongPassphrase
        }
    }

    private static func deriveKey(_ passphrase: String, salt: [UInt8], cost: Cost) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(passphrase.precomposedStringWithCanonicalMapping.utf8), salt: salt,
                                            outputByteCount: 32, rounds: 1 << Int(cost.log2N),
                                            blockSize: Int(cost.blockSize), parallelism: Int(cost.parallelism))
        } catch {
            throw SealedFileError.sealingFailed
        }
    }
}

/// Why a sealed file (a backup, a recovery sheet) was not made or not opened.
public enum SealedFileError: UserFacingError, Equatable {
    case passphraseTooShort(minimum: Int)
    case notSealed
    case newerFormat(version: Int)
    case wrongKind(expected: SealedFile.Kind, found: SealedFile.Kind?)
    case truncated
    case damaged
    case wrongPassphrase
    case sealingFailed

    public var message: Localized {
        switch self {
        case let .passphraseTooShort(minimum):
            Localized(id: "Frasa sandi terlalu pendek: paling sedikit \(minimum) karakter. Tidak ada yang ditulis.",
                      en: "The passphrase is too short: at least \(minimum) characters. Nothing was written.")
        case .notSealed:
            Localized(id: "Berkas ini bukan cadangan atau lembar kunci Berdaya.",
                      en: "This file is not a Berdaya backup or key sheet.")
        case let .newerFormat(version):
            Localized(id: "Berkas ini dibuat oleh versi Berdaya yang lebih baru (format \(version)).",
                      en: "This file was made by a newer version of Berdaya (format \(version)).")
        case let .wrongKind(expected, found):
            switch (expected, found) {
            case (.backup, .key?):
                Localized(id: "Berkas ini berisi kunci (lembar pemulihan), bukan cadangan basis data.",
                          en: "This file holds a key (a recovery sheet), not a database backup.")
            case (.key, .backup?):
                Localized(id: "Berkas ini cadangan basis data, bukan lembar pemulihan kunci.",
                          en: "This file is a database backup, not a key recovery sheet.")
            default:
                Localized(id: "Berkas ini berisi jenis data yang tidak dikenal.", en: "This file holds an unknown kind of data.")
            }
        case .truncated:
            Localized(id: "Berkas ini terpotong (tidak lengkap); tidak ada yang dipulihkan.",
                      en: "This file is cut short (incomplete); nothing was restored.")
        case .damaged:
            Localized(id: "Berkas ini rusak atau telah diubah (nilai periksanya tidak cocok); tidak ada yang dipulihkan.",
                      en: "This file is damaged or was altered (its checksum does not match); nothing was restored.")
        case .wrongPassphrase:
            Localized(id: "Frasa sandi salah untuk berkas ini.", en: "The passphrase is wrong for this file.")
        case .sealingFailed:
            Localized(id: "Enkripsi gagal. Tidak ada yang ditulis.", en: "Encryption failed. Nothing was written.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .passphraseTooShort:
            Localized(id: "Pakai beberapa kata acak, misalnya empat kata yang tidak saling berhubungan.",
                      en: "Use several random words, for example four unrelated words.")
        case .truncated, .damaged:
            Localized(id: "Salin lagi berkasnya dari tempat penyimpanan aslinya, atau pakai cadangan lain.",
                      en: "Copy the file again from where it is kept, or use another backup.")
        case .wrongPassphrase:
            Localized(id: "Ketik frasa sandi yang dipakai saat berkas ini dibuat (huruf besar/kecil berpengaruh).",
                      en: "Type the passphrase used when this file was made (upper and lower case matter).")
        default: nil
        }
    }
}
