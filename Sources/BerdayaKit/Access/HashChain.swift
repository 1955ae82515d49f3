import Crypto
import Foundation
import GRDB

/// The tamper-evident chains of the ledger and the audit log. Every row carries
/// `chainHash = SHA-256(previous row's chainHash ‖ canonical encoding of the row)`, so a row
/// inserted, deleted or changed by hand breaks the chain at that row, and `DatabaseCheck`
/// names it. This is the one place a chained row is written and the one place its hash is
/// computed; the schema refuses a chained row without a hash (`…_chained` triggers).
public enum HashChain {
    /// The chained tables. Their rows are append-only: their triggers forbid every update and delete.
    public static let tables = ["ledger_entry", "audit_log"]
    /// The column that holds each row's hash.
    public static let column = "chainHash"
    /// The "previous hash" of a table's first row.
    static let genesis = Data(repeating: 0, count: 32)

    /// Inserts `record` as the next link of its table's chain, inside the caller's transaction:
    /// it takes the next id, hashes the row as it will be stored, and writes row and hash together.
    static func append<Record: MutablePersistableRecord & ChainedRecord>(_ record: inout Record, in db: Database) throws {
        let table = Record.databaseTableName
        let last = try Row.fetchOne(db, sql: "SELECT id, \(column) FROM \(table) ORDER BY id DESC LIMIT 1")
        let id = ((last?["id"] as Int64?) ?? 0) + 1
        record.id = id
        record.chainHash = nil
        let previous = (last?[column] as Data?) ?? genesis
        record.chainHash = hash(previous: previous, table: table, row: try record.databaseDictionary)
        try record.insert(db)
    }

    /// The hash of one row: its table, then every column that is not NULL (NULLs are left out,
    /// so a column added later with no value does not change old rows' hashes), by name, each
    /// name and value length-prefixed and typed, so no two different rows encode alike.
    public static func hash(previous: Data, table: String, row: [String: DatabaseValue]) -> Data {
        var bytes = Data("berdaya-chain-v1".utf8)
        bytes.append(previous)
        append(text: table, to: &bytes)
        for name in row.keys.sorted() where name != column {
            let value = row[name]!
            if value.isNull { continue }
            append(text: name, to: &bytes)
            switch value.storage {
            case .null:
                break
            case let .int64(number):
                bytes.append(0x01)
                withUnsafeBytes(of: UInt64(bitPattern: number).bigEndian) { bytes.append(contentsOf: $0) }
            case let .double(number):
                bytes.append(0x02)
                withUnsafeBytes(of: number.bitPattern.bigEndian) { bytes.append(contentsOf: $0) }
            case let .string(text):
                bytes.append(0x03)
                append(text: text, to: &bytes)
            case let .blob(blob):
                bytes.append(0x04)
                withUnsafeBytes(of: UInt64(blob.count).bigEndian) { bytes.append(contentsOf: $0) }
                bytes.append(blob)
            }
        }
        return Data(SHA256.hash(data: bytes))
    }

    private static func append(text: String, to bytes: inout Data) {
        let utf8 = Data(text.utf8)
        withUnsafeBytes(of: UInt64(utf8.count).bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(utf8)
    }

    /// The hash a stored row should carry after `previous`: the row read back with `SELECT *`.
    static func hash(previous: Data, table: String, stored row: Row) -> Data {
        var values: [String: DatabaseValue] = [:]
        for (name, value) in row { values[name] = value }
        return hash(previous: previous, table: table, row: values)
    }

    /// Hashes every row of `table` that has none yet, in id order: for the migration that
    /// introduced the chains. The table's no-update trigger is lifted for the back-fill only and
    /// put back exactly as it was (if someone dropped it by hand, it stays missing, and
    /// `berdaya check` names it).
    static func backFill(table: String, noUpdateTrigger: String, in db: Database) throws {
        let triggerSQL = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                             arguments: [noUpdateTrigger])
        if triggerSQL != nil { try db.execute(sql: "DROP TRIGGER \(noUpdateTrigger)") }
        var previous = genesis
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table) ORDER BY id")
        var updates: [(Int64, Data)] = []
        while let row = try rows.next() {
            let hash = hash(previous: previous, table: table, stored: row)
            updates.append((row["id"], hash))
            previous = hash
        }
        let statement = try db.makeStatement(sql: "UPDATE \(table) SET \(column) = ? WHERE id = ?")
        for (id, hash) in updates { try statement.execute(arguments: [hash, id]) }
        if let triggerSQL { try db.execute(sql: triggerSQL) }
    }
}

/// A record whose table is a hash chain: written only through `HashChain.append`.
protocol ChainedRecord {
    var id: Int64? { get set }
    var chainHash: Data? { get set }
}

extension LedgerEntry: ChainedRecord {}
extension AuditEntry: ChainedRecord {}
