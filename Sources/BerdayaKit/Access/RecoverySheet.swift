import Crypto
import Foundation

/// The identity key on paper: the key sealed with a passphrase (`SealedFile`, kind `.key`),
/// written as short numbered lines of Crockford base32 that a person can print, keep in a
/// safe, and type back in by hand. Each line ends with two check letters, so a mistyped line
/// is named; a check value for the whole block is printed above it and inside it.
public enum RecoverySheet {
    static let begin = "-----BEGIN BERDAYA KEY-----"
    static let end = "-----END BERDAYA KEY-----"
    /// Characters of data per line, in groups of four.
    static let lineLength = 32

    /// The sheet for `key`, sealed under `passphrase`, in `language`.
    public static func make(key: SymmetricKey, passphrase: String, databaseName: String, date: DayDate,
                            language: Language, cost: SealedFile.Cost = .standard) throws -> String {
        let sealed = try SealedFile.seal(key.withUnsafeBytes { Data($0) }, kind: .key, passphrase: passphrase, cost: cost)
        return render(sealed, databaseName: databaseName, date: date, language: language)
    }

    static func render(_ sealed: Data, databaseName: String, date: DayDate, language: Language) -> String {
        let text = base32(sealed)
        let check = checkValue(sealed)
        var lines: [String] = []
        var index = text.startIndex
        var number = 1
        while index < text.endIndex {
            let next = text.index(index, offsetBy: lineLength, limitedBy: text.endIndex) ?? text.endIndex
            let data = String(text[index..<next])
            let groups = stride(from: 0, to: data.count, by: 4).map { offset -> String in
                let start = data.index(data.startIndex, offsetBy: offset)
                return String(data[start..<(data.index(start, offsetBy: 4, limitedBy: data.endIndex) ?? data.endIndex)])
            }
            lines.append(String(format: "%02d  ", number) + groups.joined(separator: " ") + "  " + lineCheck(number, data))
            number += 1
            index = next
        }
        let words = language == .id
            ? (title: "BERDAYA — LEMBAR PEMULIHAN KUNCI IDENTITAS", database: "Basis data", date: "Tanggal",
               check: "Nilai periksa", steps: """
               Petunjuk:
               1. Lembar ini berisi kunci yang mengenkripsi identitas penyintas, dikunci dengan frasa sandi.
                  Cetak, lalu simpan di brankas, terpisah dari komputer dan dari cadangan basis data.
                  Jangan simpan berkas lembar ini di folder basis data.
               2. Frasa sandi TIDAK tertulis di sini. Simpan di tempat lain (mis. diingat dua pengurus).
               3. Memulihkan kunci: ketik baris-baris di antara BEGIN dan END ke sebuah berkas teks,
                  lengkap dengan nomor baris dan dua huruf periksa di ujungnya, lalu jalankan
                  `berdaya key import BERKAS`. Huruf O dan angka 0, juga I, L dan 1, dianggap sama.
                  Bila satu baris salah ketik, Berdaya menyebut nomor barisnya.
               4. Bandingkan nilai periksa di atas dengan yang ditampilkan saat impor.
               5. Setelah `berdaya key rotate`, lembar ini hanya berlaku untuk cadangan lama: buat lembar baru.
               """)
            : (title: "BERDAYA — IDENTITY KEY RECOVERY SHEET", database: "Database", date: "Date",
               check: "Check value", steps: """
               Instructions:
               1. This sheet holds the key that encrypts survivors' identity, locked with a passphrase.
                  Print it and keep it in a safe, apart from the computer and from database backups.
                  Do not keep this sheet's file in the database's folder.
               2. The passphrase is NOT written here. Keep it elsewhere (e.g. known to two board members).
               3. To restore the key: type the lines between BEGIN and END into a text file, with the
                  line numbers and the two check letters at their ends, then run
                  `berdaya key import FILE`. The letter O and digit 0, and I, L and 1, count as the same.
                  If a line is mistyped, Berdaya names its number.
               4. Compare the check value above with the one shown on import.
               5. After `berdaya key rotate`, this sheet only serves old backups: make a new one.
               """)
        return """
            \(words.title)
            \(words.database): \(databaseName)
            \(words.date): \(date)
            \(words.check): \(check)

            \(words.steps)

            \(begin)
            \(lines.joined(separator: "\n"))
            CHECK \(check)
            \(end)

            """
    }

    /// The sealed key typed back from a sheet (or its file). Names the first mistyped line.
    public static func read(_ text: String) throws -> (sealed: Data, check: String) {
        let all = text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first = all.firstIndex(where: { $0.uppercased() == begin }),
              let last = all.lastIndex(where: { $0.uppercased() == end }), first < last
        else {
            throw BackupError.sheetMalformed(problem: Localized(id: "baris \(begin) dan \(end) tidak ditemukan",
                                                                en: "the lines \(begin) and \(end) are missing"))
        }
        var data = ""
        var typedCheck: String?
        var expected = 1
        for line in all[(first + 1)..<last] where !line.isEmpty {
            let tokens = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if tokens[0].uppercased() == "CHECK" {
                typedCheck = normalise(tokens.dropFirst().joined())
                continue
            }
            guard tokens.count >= 3, let number = Int(normalise(tokens[0])) else {
                throw BackupError.sheetMalformed(problem: Localized(
                    id: "baris \"\(line.prefix(20))\" tidak diawali nomor baris atau tidak diakhiri dua huruf periksa",
                    en: "the line \"\(line.prefix(20))\" does not start with its number or end with two check letters"))
            }
            guard number == expected else {
                throw BackupError.sheetMalformed(problem: Localized(id: "baris \(expected) hilang atau urutannya salah",
                                                                    en: "line \(expected) is missing or out of order"))
            }
            let body = normalise(tokens[1..<(tokens.count - 1)].joined())
            guard lineCheck(number, body) == normalise(tokens[tokens.count - 1]) else {
                throw BackupError.sheetLineMistyped(line: number)
            }
            data += body
            expected += 1
        }
        guard let sealed = decodeBase32(data) else {
            throw BackupError.sheetMalformed(problem: Localized(id: "ada huruf di luar abjad lembar ini", en: "a letter is outside the sheet's alphabet"))
        }
        let check = checkValue(sealed)
        if let typedCheck, typedCheck != normalise(check) { throw BackupError.sheetCheckMismatch }
        return (sealed, check)
    }

    /// Eight letters (`7K3Q-X9MD`) from the SHA-256 of the sealed key.
    static func checkValue(_ sealed: Data) -> String {
        let text = base32(Data(SHA256.hash(data: sealed).prefix(5)))
        return String(text.prefix(4)) + "-" + String(text.suffix(4))
    }

    /// Two letters (10 bits) over a line's number and data, so a swapped or mistyped line is caught.
    static func lineCheck(_ number: Int, _ data: String) -> String {
        let digest = Array(SHA256.hash(data: Data("\(number):\(data)".utf8)))
        let bits = Int(digest[0]) << 2 | Int(digest[1]) >> 6
        return String([FunderCode.alphabet[bits >> 5], FunderCode.alphabet[bits & 31]])
    }

    /// Upper case, no spaces or hyphens, and the letters a hand mistakes read as Crockford does.
    static func normalise(_ text: String) -> String {
        String(text.uppercased().compactMap { c -> Character? in
            switch c {
            case " ", "-": nil
            case "O": "0"
            case "I", "L": "1"
            default: c
            }
        })
    }

    static func base32(_ data: Data) -> String {
        var text = "", buffer = 0, bits = 0
        for byte in data {
            buffer = buffer << 8 | Int(byte)
            bits += 8
            while bits >= 5 {
                text.append(FunderCode.alphabet[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
            buffer &= (1 << bits) - 1
        }
        if bits > 0 { text.append(FunderCode.alphabet[(buffer << (5 - bits)) & 31]) }
        return text
    }

    static func decodeBase32(_ text: String) -> Data? {
        var data = Data(), buffer = 0, bits = 0
        for c in text {
            guard let value = FunderCode.alphabet.firstIndex(of: c) else { return nil }
            buffer = buffer << 5 | value
            bits += 5
            if bits >= 8 {
                data.append(UInt8((buffer >> (bits - 8)) & 0xFF))
                bits -= 8
            }
            buffer &= (1 << bits) - 1
        }
        return data
    }
}

/// Making and using recovery sheets for one database.
extension RecoverySheet {
    /// The sheet for the key in use (checked against the database), with a `key.export` audit entry.
    public static func export(_ workspace: Workspace, keyPath: String, environment: [String: String], passphrase: String,
                              language: Language, cost: SealedFile.Cost = .standard) throws -> String {
        _ = try workspace.vault()
        let key = try KeyFile.load(path: keyPath, environment: environment)
        let sheet = try make(key: key, passphrase: passphrase, databaseName: (workspace.database.path as NSString).lastPathComponent,
                             date: workspace.today, language: language, cost: cost)
        try workspace.database.write { db in
            try AuditLog.append(db, workspace, action: "key.export", record: nil)
        }
        return sheet
    }

    /// Restores the key file at `keyPath` from a sheet's text. Refuses a key that is not this
    /// database's, and an existing key file unless `force`; writes one `key.import` audit entry.
    /// Returns the sheet's check value.
    @discardableResult
    public static func restoreKey(from text: String, passphrase: String, database: AppDatabase, keyPath: String,
                                  force: Bool, actor: String, today: DayDate = .today()) throws -> String {
        let (sealed, check) = try read(text)
        let bytes = try SealedFile.open(sealed, kind: .key, passphrase: passphrase)
        guard bytes.count == 32 else { throw SealedFileError.damaged }
        let key = SymmetricKey(data: bytes)
        let stored = try database.read { try Meta.value(for: Meta.keyCheck, in: $0) }
        guard let stored, IdentityVault(masterKey: key).keyCheck == stored else { throw BackupError.keyDoesNotMatchDatabase }
        if !force, FileManager.default.fileExists(atPath: keyPath) { throw BackupError.fileExists(path: keyPath) }
        try KeyFile.install(key, at: keyPath, replacing: force)
        let workspace = try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: keyPath, environment: [:]),
                                      actor: actor, today: today)
        try database.write { db in
            try AuditLog.append(db, workspace, action: "key.import", record: nil)
        }
        return check
    }
}
