import GRDB

/// Amounts read back from the database before they are added up. Since migration
/// `v10-money-bounds` no row can hold more than `Rupiah.maximum`, so a sum over fewer than
/// `Rupiah.summable` (about 9.2 million) rows cannot overflow an Int64, neither in SQLite's
/// `sum()` nor in Swift. A database written before the bound may still hold such a row; this
/// finds it and names it, so a read ends in a clear error instead of "integer overflow" or a trap.
public enum StoredMoney {
    /// Refuses to add up `columns` of `table` (the rows `filter` selects) when one of them is
    /// beyond `Rupiah.maximum` (naming the first such row by `describe(id)`) or when there are
    /// too many rows for the bound to prove the sum fits. One indexed or scanning pass of
    /// min, max and count: no arithmetic that could itself overflow.
    public static func requireSummable(_ db: Database, table: String, columns: [String], where filter: String = "1",
                                       arguments: StatementArguments = [],
                                       describe: (Int64) throws -> Localized) throws {
        let aggregates = columns.map { "min(\($0)), max(\($0))" }.joined(separator: ", ")
        guard let row = try Row.fetchOne(db, sql: "SELECT count(*), \(aggregates) FROM \(table) WHERE \(filter)",
                                         arguments: arguments) else { return }
        let limit = Rupiah.maximum.amount
        for (index, column) in columns.enumerated() {
            let low: Int64? = row[1 + 2 * index], high: Int64? = row[2 + 2 * index]
            guard (low ?? 0) < -limit || (high ?? 0) > limit else { continue }
            var outside = arguments
            _ = outside.append(contentsOf: [-limit, limit])
            if let bad = try Row.fetchOne(db, sql: """
                SELECT id, \(column) FROM \(table) WHERE (\(filter)) AND \(column) NOT BETWEEN ? AND ? ORDER BY id LIMIT 1
                """, arguments: outside) {
                throw StoredAmountError.outOfBounds(record: try describe(bad[0]), amount: bad[1])
            }
        }
        let count: Int64 = row[0]
        if count > Rupiah.summable { throw StoredAmountError.tooManyToSum(rows: count) }
    }
}

/// A stored amount that cannot be added up: kept in the database from before amounts were
/// bounded, or (in theory) more rows than the bound proves safe.
public enum StoredAmountError: UserFacingError, Equatable {
    case outOfBounds(record: Localized, amount: Int64)
    case tooManyToSum(rows: Int64)

    public var message: Localized {
        switch self {
        case let .outOfBounds(record, amount):
            Localized(id: "\(record.id) menyimpan jumlah \(Rupiah(amount).formatted(.id)), di luar batas \(Rupiah.maximum.formatted(.id)); jumlah dan saldo yang memuatnya tidak dapat dihitung.",
                      en: "\(record.en) holds \(Rupiah(amount).formatted(.en)), beyond the bound of \(Rupiah.maximum.formatted(.en)); totals and balances that include it cannot be computed.")
        case let .tooManyToSum(rows):
            Localized(id: "\(rows) baris terlalu banyak untuk dijumlahkan dengan aman.",
                      en: "\(rows) rows are too many to add up safely.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .outOfBounds:
            Localized(id: "Catatan itu dibuat sebelum jumlah dibatasi dan tidak dapat diubah. Pulihkan basis data dari cadangan sebelum catatan itu, atau minta administrator menanganinya; data lain tetap dapat dipakai.",
                      en: "It was written before amounts were bounded and cannot be changed. Restore the database from a backup taken before it, or ask your administrator; everything else still works.")
        case .tooManyToSum:
            Localized(id: "Persempit periode atau pilih satu dana.", en: "Choose a shorter period or one fund.")
        }
    }
}
