import ArgumentParser
import BerdayaKit
import Foundation

/// How identity reaches the command line: typed at a prompt (`--ask`) or read from a file or
/// standard input (`--identity-file PATH`, `-` for standard input), never as an option's value,
/// which other users read from the process list and the shell keeps in its history.
struct IdentityOptions: ParsableArguments {
    @Flag(help: ArgumentHelp(L("Tanyakan nama, NIK, KK, telepon, alamat dan catatan di prompt.",
                               "Ask for name, NIK, KK, phone, address and notes at a prompt.")))
    var ask = false

    @Option(help: ArgumentHelp(L("Baca identitas dari berkas JSON ({\"name\": ..., \"nik\": ...}) atau CSV (baris judul name,nik,kk,phone,address,notes dan satu baris data); - untuk masukan standar.",
                                 "Read identity from a JSON file ({\"name\": ..., \"nik\": ...}) or a CSV file (a header row name,nik,kk,phone,address,notes and one data row); - for standard input."),
                               valueName: "path"))
    var identityFile: String?

    // The options identity once came in. Still parsed, never shown in --help, so that using
    // one is refused with a message that says how to do it now, instead of "unknown option".
    @Option(help: .hidden) var name: String?
    @Option(help: .hidden) var nik: String?
    @Option(help: .hidden) var kk: String?
    @Option(help: .hidden) var phone: String?
    @Option(help: .hidden) var address: String?
    @Option(help: .hidden) var notes: String?

    var isEmpty: Bool { !ask && identityFile == nil }

    func validate() throws {
        let given = [("--name", name), ("--nik", nik), ("--kk", kk), ("--phone", phone), ("--address", address),
                     ("--notes", notes)].filter { $0.1 != nil }.map(\.0)
        if !given.isEmpty { throw refuse(IdentityInputError.onCommandLine(flags: given)) }
        if ask, identityFile == "-" { throw refuse(IdentityInputError.askWithStandardInput) }
    }

    /// The fields read from the file, then those typed at the prompt for what the file left
    /// out. A field left out (or empty) is not in the result.
    func read(keys: [IdentityKey] = IdentityKey.allCases) throws -> [IdentityKey: String] {
        try Self.collect(ask: ask, file: identityFile, keys: keys)
    }

    static func collect(ask: Bool, file: String?, keys: [IdentityKey]) throws -> [IdentityKey: String] {
        var given: [IdentityKey: String] = [:]
        if let file { given = try IdentityFile.read(file, allowed: keys) }
        if ask {
            for key in keys where given[key] == nil {
                print(key.prompt + ": ", terminator: "")
                if let line = readLine()?.trimmingCharacters(in: .whitespaces), !line.isEmpty { given[key] = line }
            }
        }
        return given
    }
}

/// The keys of an identity file, and the words of the prompt.
enum IdentityKey: String, CaseIterable {
    case name, nik, kk, phone, address, notes

    var prompt: String {
        switch self {
        case .name: L("Nama lengkap", "Full name")
        case .nik: "NIK"
        case .kk: L("Nomor KK", "KK number")
        case .phone: L("Telepon", "Phone")
        case .address: L("Alamat", "Address")
        case .notes: L("Catatan kasus", "Case notes")
        }
    }

    /// Writes every given field into `identity`; the others stay as they are.
    static func apply(_ given: [IdentityKey: String], to identity: inout SurvivorIdentity) {
        for (key, value) in given { key.set(value, in: &identity) }
    }

    func set(_ value: String, in identity: inout SurvivorIdentity) {
        switch self {
        case .name: identity.fullName = value
        case .nik: identity.nik = value
        case .kk: identity.kkNumber = value
        case .phone: identity.phone = value
        case .address: identity.address = value
        case .notes: identity.caseNotes = value
        }
    }
}

/// Reads one identity from JSON (an object) or CSV (a header row and one data row).
enum IdentityFile {
    static func read(_ path: String, allowed: [IdentityKey]) throws -> [IdentityKey: String] {
        let source = path == "-" ? L("masukan standar", "standard input") : path
        guard let data = contentsOfFileOrStandardInput(path) else { throw IdentityInputError.unreadable(path: path) }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IdentityInputError.malformed(source: source, problem: Localized(id: "bukan teks UTF-8", en: "not UTF-8 text"))
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [:] }
        let pairs = trimmed.hasPrefix("{") ? try json(trimmed, source: source) : try csv(trimmed, source: source)
        var result: [IdentityKey: String] = [:]
        for (name, value) in pairs {
            guard let key = IdentityKey(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()), allowed.contains(key) else {
                let keys = allowed.map(\.rawValue).joined(separator: ", ")
                throw IdentityInputError.malformed(source: source, problem: Localized(id: "kunci '\(name)' tidak dikenal; yang boleh: \(keys)",
                                                                                     en: "unknown key '\(name)'; the keys are: \(keys)"))
            }
            let clean = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !clean.isEmpty { result[key] = clean }
        }
        return result
    }

    private static func json(_ text: String, source: String) throws -> [(String, String)] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw IdentityInputError.malformed(source: source, problem: Localized(id: "bukan objek JSON", en: "not a JSON object"))
        }
        return try object.sorted { $0.key < $1.key }.compactMap { key, value in
            if value is NSNull { return nil }
            // A NIK written as a number would lose its leading zeros and its last digits.
            guard let text = value as? String else {
                throw IdentityInputError.malformed(source: source, problem: Localized(id: "nilai '\(key)' harus teks dalam tanda kutip",
                                                                                     en: "the value of '\(key)' must be text in quotes"))
            }
            return (key, text)
        }
    }

    private static func csv(_ text: String, source: String) throws -> [(String, String)] {
        let rows = parseCSV(text).filter { !($0.count == 1 && $0[0].isEmpty) }
        guard rows.count == 2 else {
            throw IdentityInputError.malformed(source: source, problem: Localized(
                id: "CSV harus berisi satu baris judul dan tepat satu baris data (ada \(max(0, rows.count - 1)) baris data)",
                en: "a CSV must hold a header row and exactly one data row (it has \(max(0, rows.count - 1)) data rows)"))
        }
        guard rows[0].count == rows[1].count else {
            throw IdentityInputError.malformed(source: source, problem: Localized(
                id: "baris 2 punya \(rows[1].count) kolom, baris judul \(rows[0].count)",
                en: "line 2 has \(rows[1].count) columns, the header \(rows[0].count)"))
        }
        return Array(zip(rows[0], rows[1]))
    }

    /// RFC 4180: commas between fields, double quotes around a field that holds a comma, a
    /// quote or a line break, and "" for a quote inside one. Addresses hold commas.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var characters = text.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? characters.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    let next = characters.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" {
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.append(c)
            }
        }
        row.append(field)
        rows.append(row)
        return rows
    }
}

/// Identity given the wrong way, or a file that cannot be read as one.
enum IdentityInputError: UserFacingError {
    case onCommandLine(flags: [String])
    case missing
    case nothingToFind
    case funderCodeWithIdentity
    case askWithStandardInput
    case unreadable(path: String)
    case malformed(source: String, problem: Localized)

    var message: Localized {
        switch self {
        case let .onCommandLine(flags):
            let named = flags.joined(separator: ", ")
            return Localized(id: "Identitas tidak lagi diterima sebagai opsi (\(named)): pengguna lain dapat membacanya dari daftar proses, dan shell menyimpannya di riwayat. Tidak ada yang diubah.",
                             en: "Identity is no longer taken as an option (\(named)): other users can read it from the process list, and the shell keeps it in its history. Nothing was changed.")
        case .missing:
            return Localized(id: "Identitasnya belum diberikan. Tidak ada yang diubah.",
                             en: "Her identity was not given. Nothing was changed.")
        case .nothingToFind:
            return Localized(id: "Tidak ada yang dicari: beri NIK atau nama di prompt (--ask) atau dari berkas (--identity-file), atau kode pemberi dana dengan --funder-code.",
                             en: "Nothing to look for: give the NIK or name at a prompt (--ask) or from a file (--identity-file), or a funder's code with --funder-code.")
        case .funderCodeWithIdentity:
            return Localized(id: "--funder-code mencari sendiri; jangan digabung dengan --ask atau --identity-file.",
                             en: "--funder-code searches on its own; do not combine it with --ask or --identity-file.")
        case .askWithStandardInput:
            return Localized(id: "--ask dan --identity-file - sama-sama membaca masukan standar; pilih salah satu.",
                             en: "--ask and --identity-file - both read standard input; choose one.")
        case let .unreadable(path):
            return Localized(id: "Berkas identitas \(path) tidak dapat dibaca.", en: "Cannot read the identity file \(path).")
        case let .malformed(source, problem):
            return Localized(id: "Berkas identitas \(source): \(problem.id). Tidak ada yang diubah.",
                             en: "Identity file \(source): \(problem.en). Nothing was changed.")
        }
    }

    var hint: Localized? {
        switch self {
        case .onCommandLine, .missing, .nothingToFind:
            Localized(id: "Pakai --ask untuk mengetiknya di prompt, atau --identity-file BERKAS (JSON {\"name\": \"...\", \"nik\": \"...\"} atau CSV dengan baris judul name,nik,kk,phone,address,notes; - untuk masukan standar). Hapus juga baris tadi dari riwayat shell (`history -d`).",
                      en: "Use --ask to type it at a prompt, or --identity-file FILE (JSON {\"name\": \"...\", \"nik\": \"...\"} or CSV with the header name,nik,kk,phone,address,notes; - for standard input). Also remove that line from the shell history (`history -d`).")
        case .askWithStandardInput, .unreadable, .malformed, .funderCodeWithIdentity:
            Localized(id: "Contoh isi siti.json: {\"name\": \"Siti Aminah\", \"nik\": \"3305105412840001\", \"phone\": \"081234567890\"}; lalu `berdaya survivor register ... --identity-file siti.json`, atau `... --identity-file - < siti.json`.",
                      en: "Example siti.json: {\"name\": \"Siti Aminah\", \"nik\": \"3305105412840001\", \"phone\": \"081234567890\"}; then `berdaya survivor register ... --identity-file siti.json`, or `... --identity-file - < siti.json`.")
        }
    }
}
