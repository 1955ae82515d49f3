import Foundation
import GRDB

/// What `berdaya check` looks at, in the order it reports them.
public enum CheckKind: String, Codable, Sendable, CaseIterable {
    case integrity
    case foreignKeys = "foreign_keys"
    case schema
    case ledger
    case audit
    case ledgerChain = "ledger_chain"
    case auditChain = "audit_chain"
    case key

    public var label: Localized {
        switch self {
        case .integrity: Localized(id: "Keutuhan berkas (integrity_check)", en: "File integrity (integrity_check)")
        case .foreignKeys: Localized(id: "Rujukan antar tabel (foreign_key_check)", en: "References between tables (foreign_key_check)")
        case .schema: Localized(id: "Skema: setiap tabel, indeks dan trigger", en: "Schema: every table, index and trigger")
        case .ledger: Localized(id: "Aturan buku kas (saldo, pembalikan, pindah buku, pinjaman, zakat)",
                                en: "Ledger rules (balances, reversals, transfers, loans, zakat)")
        case .audit: Localized(id: "Setiap perubahan tercatat di log audit", en: "Every write has its audit row")
        case .ledgerChain: Localized(id: "Rantai hash buku kas", en: "Hash chain of the ledger")
        case .auditChain: Localized(id: "Rantai hash log audit", en: "Hash chain of the audit log")
        case .key: Localized(id: "Kunci identitas cocok dengan basis data", en: "The identity key belongs to this database")
        }
    }
}

/// One thing found wrong: which check, where (table, row, fund) and what, in both languages.
public struct CheckFinding: Sendable, Equatable {
    public var check: CheckKind
    public var table: String?
    public var rowId: Int64?
    public var fund: String?
    public var message: Localized
}

/// Everything `DatabaseCheck` found; clean when there is nothing.
public struct CheckReport: Sendable {
    public var findings: [CheckFinding]
    /// Nothing was found wrong.
    public var isClean: Bool { findings.isEmpty }

    /// What one kind of check found, in the order found.
    public func findings(of check: CheckKind) -> [CheckFinding] { findings.filter { $0.check == check } }
}

/// Checks a database without changing a byte of it: SQLite's own checks, the schema against
/// a freshly migrated one, the ledger's rules, the audit log's coverage of every write, both
/// hash chains, and the key. Every problem is named with its table, row and fund.
public enum DatabaseCheck {
    /// Opens `path` read-only and runs every check in one consistent snapshot.
    public static func run(databasePath path: String, keyPath: String, environment: [String: String]) throws -> CheckReport {
        guard FileManager.default.fileExists(atPath: path) else { throw StorageError.notFound(path: path) }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in
                let id = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                guard id == AppDatabase.applicationID else { throw StorageError.notBerdaya(path: path) }
                if try AppDatabase.migrator.hasBeenSuperseded(db) { throw StorageError.newerVersion(path: path) }
                return try run(db, keyPath: keyPath, environment: environment)
            }
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_NOTADB { throw StorageError.notBerdaya(path: path) }
            throw StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    static func run(_ db: Database, keyPath: String, environment: [String: String]) throws -> CheckReport {
        var findings: [CheckFinding] = []
        findings += try integrity(db)
        findings += try foreignKeys(db)
        let current = try AppDatabase.migrator.hasCompletedMigrations(db)
        if current {
            findings += try schema(db)
        } else {
            findings.append(CheckFinding(check: .schema, message: Localized(
                id: "Skema basis data belum diperbarui ke versi program ini; jalankan satu perintah berdaya (mis. `berdaya fund list`) lalu periksa lagi.",
                en: "The database's schema predates this version; run any berdaya command (e.g. `berdaya fund list`) once, then check again.")))
        }
        findings += try ledger(db)
        findings += try audit(db)
        if current {
            findings += try chain(table: "ledger_entry", check: .ledgerChain, db)
            findings += try chain(table: "audit_log", check: .auditChain, db)
        }
        findings += try key(db, keyPath: keyPath, environment: environment)
        return CheckReport(findings: findings)
    }

    // MARK: - SQLite's own checks

    static func integrity(_ db: Database) throws -> [CheckFinding] {
        let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        if lines == ["ok"] { return [] }
        return lines.map { CheckFinding(check: .integrity, message: Localized(id: "SQLite: \($0)", en: "SQLite: \($0)")) }
    }

    static func foreignKeys(_ db: Database) throws -> [CheckFinding] {
        try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            let table: String = row[0], parent: String = row[2]
            let id: Int64? = row[1]
            return CheckFinding(check: .foreignKeys, table: table, rowId: id, message: Localized(
                id: "\(table) baris \(id.map(String.init) ?? "?") merujuk ke baris \(parent) yang tidak ada.",
                en: "\(table) row \(id.map(String.init) ?? "?") refers to a \(parent) row that does not exist."))
        }
    }

    // MARK: - Schema

    /// Every table, index, trigger and view the migrations make, compared with a fresh
    /// in-memory database migrated by the same migrator: nothing kept by hand.
    static func schema(_ db: Database) throws -> [CheckFinding] {
        let fresh = try DatabaseQueue()
        try AppDatabase.migrator.migrate(fresh)
        let expected = try fresh.read(schemaObjects)
        let actual = try schemaObjects(db)
        var findings: [CheckFinding] = []
        for (name, object) in expected.sorted(by: { $0.key < $1.key }) {
            guard let found = actual[name] else {
                findings.append(CheckFinding(check: .schema, table: object.table, message: Localized(
                    id: "\(object.type) \(name) pada tabel \(object.table) hilang (dihapus dengan tangan?).",
                    en: "\(object.type) \(name) on table \(object.table) is missing (dropped by hand?).")))
                continue
            }
            if found.sql != object.sql || found.type != object.type || found.table != object.table {
                findings.append(CheckFinding(check: .schema, table: object.table, message: Localized(
                    id: "\(object.type) \(name) pada tabel \(object.table) berbeda dari yang dibuat Berdaya.",
                    en: "\(object.type) \(name) on table \(object.table) differs from the one Berdaya made.")))
            }
        }
        for (name, object) in actual.sorted(by: { $0.key < $1.key }) where expected[name] == nil {
            findings.append(CheckFinding(check: .schema, table: object.table, message: Localized(
                id: "\(object.type) \(name) pada tabel \(object.table) tidak dibuat oleh Berdaya.",
                en: "\(object.type) \(name) on table \(object.table) was not made by Berdaya.")))
        }
        return findings
    }

    private struct SchemaObject { var type: String, table: String, sql: String }

    private static func schemaObjects(_ db: Database) throws -> [String: SchemaObject] {
        var objects: [String: SchemaObject] = [:]
        // Litestream (scripts/replicate) keeps its own two tables in the database it replicates.
        let bookkeeping = "name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND NOT (type = 'table' AND name IN ('_litestream_seq', '_litestream_lock'))"
        for row in try Row.fetchAll(db, sql: "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE \(bookkeeping)") {
            let sql = (row["sql"] as String?) ?? ""
            let normalised = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            objects[row["name"]] = SchemaObject(type: row["type"], table: row["tbl_name"], sql: normalised)
        }
        return objects
    }

    // MARK: - Ledger

    private struct Entry: Decodable, FetchableRecord {
        var id: Int64
        var fundId: Int64
        var date: String
        var kind: String
        var amount: Int64
        var writtenOff: Int64?
        var budgetLineId: Int64?
        var survivorId: Int64?
        var asnaf: String?
        var reversesId: Int64?
        var transferPeerId: Int64?
        var loanId: Int64?
    }

    static func ledger(_ db: Database) throws -> [CheckFinding] {
        var findings: [CheckFinding] = []
        let funds = try Row.fetchAll(db, sql: "SELECT id, code, kind, openedOn FROM fund")
        let code = Dictionary(uniqueKeysWithValues: funds.map { ($0["id"] as Int64, $0["code"] as String) })
        let fundKind = Dictionary(uniqueKeysWithValues: funds.map { ($0["id"] as Int64, $0["kind"] as String) })
        let opened = Dictionary(uniqueKeysWithValues: funds.map { ($0["id"] as Int64, $0["openedOn"] as String) })
        let entries = try Entry.fetchAll(db, sql: """
            SELECT id, fundId, date, kind, amount, writtenOff, budgetLineId, survivorId, asnaf, reversesId, transferPeerId, loanId
            FROM ledger_entry ORDER BY fundId, date, id
            """)
        let byId = Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0) })
        func finding(_ entry: Entry, _ id: String, _ en: String) -> CheckFinding {
            let fund = code[entry.fundId] ?? "?"
            return CheckFinding(check: .ledger, table: "ledger_entry", rowId: entry.id, fund: fund,
                                message: Localized(id: "Transaksi #\(entry.id) di dana \(fund): \(id)",
                                                   en: "Entry #\(entry.id) of fund \(fund): \(en)"))
        }

        // A fund's balance at the end of every day it moved: never below zero, and the sum
        // SQLite gives (what every screen shows) equal to the sum counted here with checked arithmetic.
        var running: [Int64: Int64] = [:]
        var overflowed: Set<Int64> = []
        var negative: Set<Int64> = []
        for (index, entry) in entries.enumerated() {
            guard !overflowed.contains(entry.fundId) else { continue }
            let (sum, overflow) = (running[entry.fundId] ?? 0).addingReportingOverflow(entry.amount)
            if overflow {
                overflowed.insert(entry.fundId)
                findings.append(finding(entry, "saldo tidak bisa dihitung (melebihi 64 bit).", "the balance cannot be computed (beyond 64 bits)."))
                continue
            }
            running[entry.fundId] = sum
            let endOfDay = index + 1 == entries.count || entries[index + 1].fundId != entry.fundId || entries[index + 1].date != entry.date
            if endOfDay, sum < 0, !negative.contains(entry.fundId) {
                negative.insert(entry.fundId)
                let fund = code[entry.fundId] ?? "?"
                findings.append(CheckFinding(check: .ledger, table: "fund", rowId: entry.fundId, fund: fund, message: Localized(
                    id: "Dana \(fund) bersaldo \(Rupiah(sum).formatted(.id)) pada akhir \(entry.date) (tidak boleh di bawah nol; transaksi terakhir hari itu #\(entry.id)).",
                    en: "Fund \(fund) stands at \(Rupiah(sum).formatted(.en)) at the end of \(entry.date) (it may never go below zero; the day's last entry is #\(entry.id)).")))
            }
            if entry.date < (opened[entry.fundId] ?? "") {
                findings.append(finding(entry, "bertanggal \(entry.date), sebelum dana dibuka (\(opened[entry.fundId]!)).",
                                        "dated \(entry.date), before the fund opened (\(opened[entry.fundId]!))."))
            }
        }
        for (fundId, balance) in running where !overflowed.contains(fundId) {
            if let stored = try? Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount), 0) FROM ledger_entry WHERE fundId = ?", arguments: [fundId]),
               stored != balance {
                let fund = code[fundId] ?? "?"
                findings.append(CheckFinding(check: .ledger, table: "fund", rowId: fundId, fund: fund, message: Localized(
                    id: "Saldo dana \(fund) menurut SQLite (\(stored)) berbeda dari jumlah transaksinya (\(balance)).",
                    en: "Fund \(fund)'s balance as SQLite sums it (\(stored)) differs from the sum of its entries (\(balance)).")))
            }
        }

        // Reversals: of an existing entry of the same fund, the opposite amount, not before it,
        // never of a reversal or a write-off, and at most once.
        var reversedBy: [Int64: Int64] = [:]
        for entry in entries where entry.kind == "reversal" {
            guard let targetId = entry.reversesId, let original = byId[targetId] else {
                findings.append(finding(entry, "membalik transaksi #\(entry.reversesId.map(String.init) ?? "?") yang tidak ada.",
                                        "reverses entry #\(entry.reversesId.map(String.init) ?? "?"), which does not exist."))
                continue
            }
            if let earlier = reversedBy[targetId] {
                findings.append(finding(entry, "membalik #\(targetId) yang sudah dibalik oleh #\(earlier).",
                                        "reverses #\(targetId), already reversed by #\(earlier)."))
            }
            reversedBy[targetId] = entry.id
            if original.fundId != entry.fundId {
                findings.append(finding(entry, "membalik #\(targetId) dari dana lain (\(code[original.fundId] ?? "?")).",
                                        "reverses #\(targetId) of another fund (\(code[original.fundId] ?? "?"))."))
            }
            if original.amount.multipliedReportingOverflow(by: -1) != (entry.amount, false) {
                findings.append(finding(entry, "jumlahnya \(entry.amount), bukan kebalikan dari #\(targetId) (\(original.amount)).",
                                        "its amount is \(entry.amount), not the opposite of #\(targetId) (\(original.amount))."))
            }
            if original.kind == "reversal" || original.kind == "write_off" {
                findings.append(finding(entry, "membalik #\(targetId) yang jenisnya \(original.kind).",
                                        "reverses #\(targetId), which is a \(original.kind)."))
            }
            if entry.date < original.date {
                findings.append(finding(entry, "bertanggal \(entry.date), sebelum transaksi yang dibaliknya (\(original.date)).",
                                        "dated \(entry.date), before the entry it reverses (\(original.date))."))
            }
        }

        // Transfers: each leg in has its leg out, of another fund, with the opposite amount.
        var peered: Set<Int64> = []
        for entry in entries where entry.kind == "transfer_in" {
            guard let peerId = entry.transferPeerId, let peer = byId[peerId], peer.kind == "transfer_out" else {
                findings.append(finding(entry, "pindah buku masuk tanpa pasangan keluarnya.", "a transfer in without its transfer out."))
                continue
            }
            peered.insert(peerId)
            if peer.amount.multipliedReportingOverflow(by: -1) != (entry.amount, false) || peer.fundId == entry.fundId {
                findings.append(finding(entry, "tidak cocok dengan pasangannya #\(peerId) (jumlah atau dana).",
                                        "does not match its other leg #\(peerId) (amount or fund)."))
            }
        }
        for entry in entries where entry.kind == "transfer_out" && !peered.contains(entry.id) {
            findings.append(finding(entry, "pindah buku keluar tanpa pasangan masuknya.", "a transfer out without its transfer in."))
        }

        // Zakat reaches survivors only, each with an asnaf, and stays among zakat funds.
        for entry in entries where fundKind[entry.fundId] == "zakat" {
            switch entry.kind {
            case "disbursement", "loan_out":
                if entry.survivorId == nil || entry.asnaf == nil {
                    findings.append(finding(entry, "zakat keluar tanpa mustahik atau asnaf.", "zakat paid out without a survivor or an asnaf."))
                }
            case "expense":
                findings.append(finding(entry, "belanja dari dana zakat (zakat hanya untuk penyintas).",
                                        "an expense from a zakat fund (zakat goes only to survivors)."))
            case "transfer_in", "transfer_out":
                let other = entry.kind == "transfer_in" ? entry.transferPeerId.flatMap { byId[$0] }
                    : entries.first { $0.transferPeerId == entry.id }
                if let other, fundKind[other.fundId] != "zakat" {
                    findings.append(finding(entry, "pindah buku antara zakat dan dana bukan zakat.", "a transfer between zakat and a non-zakat fund."))
                }
            default:
                break
            }
        }

        // Budget lines stay within their caps.
        for row in try Row.fetchAll(db, sql: """
            SELECT bl.id, bl.code, bl.cap, f.code AS fund, -coalesce(sum(e.amount), 0) AS spent
            FROM budget_line bl JOIN fund f ON f.id = bl.fundId LEFT JOIN ledger_entry e ON e.budgetLineId = bl.id
            WHERE bl.cap IS NOT NULL GROUP BY bl.id HAVING spent > bl.cap
            """) {
            let fund: String = row["fund"], line: String = row["code"], spent: Int64 = row["spent"], cap: Int64 = row["cap"]
            findings.append(CheckFinding(check: .ledger, table: "budget_line", rowId: row["id"], fund: fund, message: Localized(
                id: "Mata anggaran \(line) dana \(fund) terpakai \(Rupiah(spent).formatted(.id)), melebihi plafonnya \(Rupiah(cap).formatted(.id)).",
                en: "Budget line \(line) of fund \(fund) has spent \(Rupiah(spent).formatted(.en)), beyond its cap of \(Rupiah(cap).formatted(.en)).")))
        }

        // Loans: paid out once as booked, a schedule that sums to the principal, never repaid
        // beyond it, and written off exactly when the loan says so.
        for loan in try Loan.fetchAll(db) {
            let fund = code[loan.fundId] ?? "?"
            func loanFinding(_ id: String, _ en: String) -> CheckFinding {
                CheckFinding(check: .ledger, table: "loan", rowId: loan.id, fund: fund,
                             message: Localized(id: "Pinjaman \(loan.code) dana \(fund): \(id)", en: "Loan \(loan.code) of fund \(fund): \(en)"))
            }
            let legs = entries.filter { $0.loanId == loan.id }
            let out = legs.filter { $0.kind == "loan_out" }
            if out.count != 1 || out.first?.amount != -loan.principal.amount || out.first?.fundId != loan.fundId {
                findings.append(loanFinding("pokok \(loan.principal.amount) tidak cocok dengan pencairannya di buku kas.",
                                            "its principal \(loan.principal.amount) does not match its payout in the ledger."))
            }
            let scheduled = try Int64.fetchOne(db, sql: "SELECT coalesce(sum(amount), 0) FROM loan_instalment WHERE loanId = ?", arguments: [loan.id]) ?? 0
            if scheduled != loan.principal.amount {
                findings.append(loanFinding("jadwal angsuran berjumlah \(scheduled), bukan pokoknya \(loan.principal.amount).",
                                            "its schedule sums to \(scheduled), not its principal \(loan.principal.amount)."))
            }
            let repaid = legs.filter { $0.kind == "loan_repayment" || ($0.kind == "reversal" && $0.reversesId.flatMap { byId[$0] }?.kind == "loan_repayment") }
                .reduce(Int64(0)) { $0.addingReportingOverflow($1.amount).partialValue }
            if repaid > loan.principal.amount {
                findings.append(loanFinding("angsuran \(repaid) melebihi pokok \(loan.principal.amount).",
                                            "repayments of \(repaid) exceed the principal \(loan.principal.amount)."))
            }
            let writtenOff = legs.contains { $0.kind == "write_off" }
            if writtenOff != (loan.status == .writtenOff) {
                findings.append(loanFinding("status \(loan.status.rawValue) tidak cocok dengan penghapusbukuan di buku kas.",
                                            "its status \(loan.status.rawValue) does not match the write-offs in the ledger."))
            }
        }
        return findings
    }

    // MARK: - Audit coverage

    /// Each record the services write with an audit row: table, the column naming it, the action.
    static let audited: [(table: String, code: String, action: String)] = [
        ("site", "code", "site.add"), ("survivor", "code", "survivor.register"), ("cohort", "code", "cohort.create"),
        ("funder", "code", "funder.add"), ("fund", "code", "fund.open"), ("loan", "code", "loan.issue"),
        ("business", "code", "business.register"), ("market_event", "code", "event.add"),
        ("channel_partner", "code", "partner.add"), ("app_user", "username", "user.add"),
    ]

    static func audit(_ db: Database) throws -> [CheckFinding] {
        // Every (action, record) pair, and (action, first code of the record) for records naming several codes.
        var written: Set<String> = []
        let rows = try Row.fetchCursor(db, sql: "SELECT action, record FROM audit_log WHERE record IS NOT NULL")
        while let row = try rows.next() {
            let action: String = row[0], record: String = row[1]
            written.insert(action + "\u{0}" + record)
            if let first = record.split(separator: " ").first { written.insert(action + "\u{0}" + first) }
        }
        func missing(_ table: String, _ id: Int64, fund: String? = nil, _ what: Localized, _ action: String) -> CheckFinding {
            CheckFinding(check: .audit, table: table, rowId: id, fund: fund, message: Localized(
                id: "\(what.id) tidak punya baris audit '\(action)' (ditulis di luar Berdaya?).",
                en: "\(what.en) has no '\(action)' audit row (written outside Berdaya?)."))
        }
        var findings: [CheckFinding] = []
        for row in try Row.fetchAll(db, sql: "SELECT e.id, e.kind, f.code FROM ledger_entry e JOIN fund f ON f.id = e.fundId ORDER BY e.id") {
            let id: Int64 = row[0], kind: String = row[1], fund: String = row[2]
            let action = "ledger." + kind
            if !written.contains(action + "\u{0}#\(id) \(fund)") {
                findings.append(missing("ledger_entry", id, fund: fund,
                                        Localized(id: "Transaksi #\(id) di dana \(fund)", en: "Entry #\(id) of fund \(fund)"), action))
            }
        }
        for (table, column, action) in audited {
            for row in try Row.fetchAll(db, sql: "SELECT id, \(column) FROM \(table) ORDER BY id") {
                let id: Int64 = row[0], code: String = row[1]
                if !written.contains(action + "\u{0}" + code) {
                    findings.append(missing(table, id, Localized(id: "\(table) \(code)", en: "\(table) \(code)"), action))
                }
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT id, code, status FROM loan WHERE status = 'written_off'") {
            let id: Int64 = row[0], code: String = row[1]
            if !written.contains("loan.write_off\u{0}" + code) {
                findings.append(missing("loan", id, Localized(id: "Penghapusbukuan \(code)", en: "The write-off of \(code)"), "loan.write_off"))
            }
        }
        for row in try Row.fetchAll(db, sql: "SELECT v.id, v.kind, v.number, s.code FROM visit v JOIN survivor s ON s.id = v.survivorId ORDER BY v.id") {
            let id: Int64 = row[0], kind: String = row[1], number: Int = row[2], code: String = row[3]
            let action = "visit." + kind
            if !written.contains(action + "\u{0}\(code)/\(number) \(code)") {
                findings.append(missing("visit", id, Localized(id: "Kunjungan \(code)/\(number)", en: "Visit \(code)/\(number)"), action))
            }
        }
        return findings
    }

    // MARK: - Hash chains

    /// Walks a chain in id order and names the first row whose hash does not match.
    static func chain(table: String, check: CheckKind, _ db: Database) throws -> [CheckFinding] {
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY id")
        var previous = HashChain.genesis
        var previousId: Int64 = 0
        var broken: Row?
        var after: Row?
        while let row = try rows.next() {
            if broken != nil {
                after = row.copy()
                break
            }
            let expected = HashChain.hash(previous: previous, table: table, stored: row)
            let id: Int64 = row["id"]
            if (row[HashChain.column] as Data?) != expected || id != previousId + 1 {
                broken = row.copy()
                continue
            }
            previous = expected
            previousId = id
        }
        guard let row = broken else { return [] }
        let id: Int64 = row["id"]
        let stored = row[HashChain.column] as Data?
        let fund = table == "ledger_entry" ? try String.fetchOne(db, sql: "SELECT code FROM fund WHERE id = ?", arguments: [row["fundId"] as Int64?]) : nil
        let what: Localized
        if stored == nil {
            what = Localized(id: "baris #\(id) tidak punya hash rantai: disisipkan di luar Berdaya.",
                             en: "row #\(id) has no chain hash: inserted outside Berdaya.")
        } else if id != previousId + 1 {
            let gap = id - previousId - 1 == 1 ? "#\(previousId + 1)" : "#\(previousId + 1)–#\(id - 1)"
            what = Localized(id: "baris \(gap) sebelum #\(id) hilang: dihapus dengan tangan.",
                             en: "row \(gap) before #\(id) is missing: deleted by hand.")
        } else if let after, let storedHash = stored,
                  HashChain.hash(previous: storedHash, table: table, stored: after) == (after[HashChain.column] as Data?) {
            what = Localized(id: "isi baris #\(id) tidak cocok dengan hash-nya: diubah dengan tangan.",
                             en: "row #\(id) does not match its hash: changed by hand.")
        } else {
            what = Localized(id: "hash baris #\(id) tidak cocok: disisipkan, diubah atau baris sebelumnya dihapus dengan tangan.",
                             en: "row #\(id)'s hash does not match: inserted or changed by hand, or a row before it deleted.")
        }
        return [CheckFinding(check: check, table: table, rowId: id, fund: fund,
                             message: Localized(id: "\(table): \(what.id)", en: "\(table): \(what.en)"))]
    }

    // MARK: - Key

    static func key(_ db: Database, keyPath: String, environment: [String: String]) throws -> [CheckFinding] {
        let stored = try Meta.value(for: Meta.keyCheck, in: db)
        do {
            let vault = IdentityVault(masterKey: try KeyFile.load(path: keyPath, environment: environment))
            guard let stored else {
                return [CheckFinding(check: .key, table: "meta", message: Localized(
                    id: "Basis data tidak menyimpan nilai pemeriksa kunci.", en: "The database holds no key check value."))]
            }
            if stored != vault.keyCheck { return [CheckFinding(check: .key, message: AccessError.wrongKey.message)] }
            return []
        } catch let error as any UserFacingError {
            return [CheckFinding(check: .key, message: error.message)]
        } catch {
            return [CheckFinding(check: .key, message: AccessError.keyFileUnreadable(path: keyPath).message)]
        }
    }
}
