import Crypto
import Foundation
import GRDB

/// Per-funder pseudonyms for rows that leave the organisation. A survivor's code in one
/// funder's workbooks (`BZ-7K3QX9MD`) is a keyed hash of her internal code under a key bound
/// to that funder: the same in every report to that funder, unrelated to her code in another
/// funder's, never her internal code, and impossible to make or reverse without the key.
/// Inside the organisation `lookup` turns one back into her internal code, audited.
public enum FunderCode {
    /// Crockford's base32: digits and capitals without I, L, O and U, so a code read aloud or
    /// copied by hand is not mistaken.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    /// 8 characters of base32 are 40 bits: a chance collision among even 100,000 survivors
    /// is about 1 in 200, and is resolved below, never left.
    static let length = 8

    /// The short prefix that tells a funder's codes apart from another's at a glance: the first
    /// letter of the funder's code and the next consonant or digit (BAZNAS-KBM → BZ, GFSM → GF).
    public static func prefix(funderCode: String) -> String {
        let characters = Array(funderCode.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard let first = characters.first else { return "XX" }
        let next = characters.dropFirst().first { !"AEIOU".contains($0) } ?? characters.dropFirst().first ?? "X"
        return String([first, next])
    }

    /// One candidate code: the HMAC of the internal code (and, after a collision, an attempt
    /// number) under the funder's key, its first 40 bits in base32.
    static func candidate(_ internalCode: String, attempt: Int, key: SymmetricKey, prefix: String, length: Int = length) -> String {
        let message = "survivor:" + internalCode + (attempt == 0 ? "" : "#\(attempt)")
        let mac = Array(HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key))
        var bits: UInt64 = 0
        for byte in mac.prefix(5) { bits = bits << 8 | UInt64(byte) }
        var text = ""
        for index in (0..<length).reversed() { text.append(alphabet[Int((bits >> UInt64(index * 5)) & 31)]) }
        return prefix + "-" + text
    }

    /// Every survivor's code for one funder. Survivors are taken in the order they were
    /// registered and never deleted, so an earlier survivor's code never changes; a later one
    /// whose candidate is taken (or reads like an internal code) takes her next attempt.
    public static func book(funderCode: String, in workspace: Workspace) throws -> FunderCodeBook {
        let vault = try workspace.vault()
        let internalCodes = try workspace.database.read { db in
            try String.fetchAll(db, sql: "SELECT code FROM survivor ORDER BY id")
        }
        return book(funderCode: funderCode, internalCodes: internalCodes, vault: vault)
    }

    /// `length` is shorter only in tests, to make collisions happen.
    static func book(funderCode: String, internalCodes: [String], vault: IdentityVault, length: Int = length) -> FunderCodeBook {
        let key = vault.funderPseudonymKey(funderCode: funderCode)
        let prefix = prefix(funderCode: funderCode)
        let reserved = Set(internalCodes)
        var byInternal: [String: String] = [:], byPseudonym: [String: String] = [:]
        for code in internalCodes {
            var attempt = 0
            var pseudonym = candidate(code, attempt: 0, key: key, prefix: prefix, length: length)
            while byPseudonym[pseudonym] != nil || reserved.contains(pseudonym) {
                attempt += 1
                pseudonym = candidate(code, attempt: attempt, key: key, prefix: prefix, length: length)
            }
            byInternal[code] = pseudonym
            byPseudonym[pseudonym] = code
        }
        return FunderCodeBook(funderCode: funderCode, byInternal: byInternal, byPseudonym: byPseudonym)
    }

    /// Finds the survivor behind a funder's code, for a treasurer or admin answering that
    /// funder. Writes `funder-code.lookup` to the audit log with the funder's code and her
    /// internal code (no personal data); an unknown code is refused and writes nothing. Two
    /// funders whose codes begin alike share a prefix; should the same code stand for someone
    /// with each of them, every match is returned (and audited), never just the first.
    public static func lookup(_ text: String, in workspace: Workspace) throws -> [FunderCodeMatch] {
        let pseudonym = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = pseudonym.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == length,
              parts[1].allSatisfy({ alphabet.contains($0) })
        else { throw FunderCodeError.malformed(text) }
        let vault = try workspace.vault()
        let (funders, internalCodes) = try workspace.database.read { db in
            (try String.fetchAll(db, sql: "SELECT code FROM funder ORDER BY code"),
             try String.fetchAll(db, sql: "SELECT code FROM survivor ORDER BY id"))
        }
        let matches = funders.filter { prefix(funderCode: $0) == String(parts[0]) }.compactMap { funder in
            book(funderCode: funder, internalCodes: internalCodes, vault: vault).internalCode(for: pseudonym)
                .map { FunderCodeMatch(funderCode: pseudonym, funder: funder, code: $0) }
        }
        guard !matches.isEmpty else { throw FunderCodeError.unknown(pseudonym) }
        try workspace.database.write { db in
            for match in matches {
                try AuditLog.append(db, workspace, action: "funder-code.lookup", record: match.funder + " " + match.code)
            }
        }
        return matches
    }
}

/// The codes of survivors in rows of many funds, for one workbook: each row takes the book of
/// the funder of its fund, and each funder's book is made once.
public final class FunderCodeBooks: @unchecked Sendable {
    private let workspace: Workspace
    private let lock = NSLock()
    private var funderOfFund: [String: String]?
    private var internalCodes: [String]?
    private var books: [String: FunderCodeBook] = [:]

    /// Books for one workbook; nothing is read and no key is needed until the first code is asked for.
    public init(workspace: Workspace) { self.workspace = workspace }

    /// The code `survivorCode` carries in a row of fund `fundCode`. Needs the key: without it
    /// no pseudonym can be made, and the row is refused rather than shown with her own code.
    /// Anything that is not a survivor's code (a vendor, a group) comes back as it is.
    public func code(_ survivorCode: String, fund fundCode: String) throws -> String {
        let vault = try workspace.vault()
        return try lock.withLock {
            if funderOfFund == nil {
                let (funds, codes) = try workspace.database.read { db in
                    (try Row.fetchAll(db, sql: "SELECT fund.code AS fund, funder.code AS funder FROM fund JOIN funder ON funder.id = fund.funderId"),
                     try String.fetchAll(db, sql: "SELECT code FROM survivor ORDER BY id"))
                }
                funderOfFund = Dictionary(uniqueKeysWithValues: funds.map { ($0["fund"] as String, $0["funder"] as String) })
                internalCodes = codes
            }
            guard let funder = funderOfFund?[fundCode.uppercased()] else { throw FundingError.unknownFund(fundCode) }
            if books[funder] == nil {
                books[funder] = FunderCode.book(funderCode: funder, internalCodes: internalCodes ?? [], vault: vault)
            }
            return books[funder]!.pseudonym(for: survivorCode) ?? survivorCode
        }
    }
}

/// One funder's pseudonyms for every survivor.
public struct FunderCodeBook: Sendable {
    public let funderCode: String
    let byInternal: [String: String]
    let byPseudonym: [String: String]

    /// Her code for this funder; nil for anything that is not a survivor's internal code (a
    /// vendor, a group's name), which the caller keeps as it is.
    public func pseudonym(for internalCode: String) -> String? { byInternal[internalCode] }

    /// The internal code behind one of this funder's pseudonyms; nil when the book holds no such pseudonym.
    public func internalCode(for pseudonym: String) -> String? { byPseudonym[pseudonym] }
}

/// What a funder's code stands for.
public struct FunderCodeMatch: Codable, Sendable, Equatable {
    public var funderCode: String
    public var funder: String
    public var code: String
}

/// Why a funder's code given for look-up was refused: it is not shaped like one, or no funder's
/// book holds it. Either way nothing is written to the audit log.
public enum FunderCodeError: UserFacingError, Equatable {
    case malformed(String)
    case unknown(String)

    public var message: Localized {
        switch self {
        case let .malformed(text):
            Localized(id: "'\(text)' bukan kode pemberi dana: bentuknya dua huruf, tanda hubung, dan 8 huruf atau angka (mis. BZ-7K3QX9MD).",
                      en: "'\(text)' is not a funder's code: it is two letters, a hyphen and 8 letters or digits (e.g. BZ-7K3QX9MD).")
        case let .unknown(code):
            Localized(id: "Kode \(code) bukan kode penyintas mana pun untuk pemberi dana mana pun di basis data ini. Tidak ada yang dicatat.",
                      en: "The code \(code) is no survivor's code for any funder in this database. Nothing was recorded.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .malformed:
            Localized(id: "Salin kode persis seperti di buku kerja pemberi dana (kolom mustahik, pihak, atau peminjam).",
                      en: "Copy the code exactly as it appears in the funder's workbook (the mustahik, counterparty or borrower column).")
        case .unknown:
            Localized(id: "Periksa ketikan, dan pastikan basis data dan kuncinya sama dengan yang membuat laporan itu; kode internal (MDN-0001) dicari dengan `berdaya survivor show`.",
                      en: "Check the spelling, and that the database and its key are the ones that wrote the report; internal codes (MDN-0001) are looked up with `berdaya survivor show`.")
        }
    }
}
