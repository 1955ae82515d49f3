import GRDB

// The schema of migration `v10-money-bounds`: every money column bounded by Rupiah.maximum.
// Shipped: generated from this list, which must never change (a new column gets a new migration).
extension AppDatabase {
    /// The money columns, each refused beyond ±Rupiah.maximum on insert and on update.
    static let moneyColumns: [(table: String, column: String)] = [
        ("ledger_entry", "amount"), ("ledger_entry", "writtenOff"), ("fund", "awardAmount"), ("budget_line", "cap"),
        ("loan", "principal"), ("loan_instalment", "amount"), ("product", "usualPrice"), ("sale", "unitPrice"),
        ("sale", "amount"), ("business_cost", "amount"), ("monthly_snapshot", "omzet"), ("monthly_snapshot", "costs"),
        ("market_event", "cost"), ("visit", "income"), ("visit", "needs"), ("visit", "savings"), ("visit_income", "amount"),
        ("poverty_line", "perPerson"), ("survivor", "baselineIncome"),
    ]

    static var moneyBoundsSchema: String {
        let bound = Rupiah.maximum.amount
        return moneyColumns.map { table, column in
            let check = "WHEN NEW.\(column) NOT BETWEEN -\(bound) AND \(bound) BEGIN SELECT RAISE(ABORT, 'amount out of bounds: \(table).\(column)'); END;"
            return """
                CREATE TRIGGER \(table)_\(column)_bounded_insert BEFORE INSERT ON \(table) \(check)
                CREATE TRIGGER \(table)_\(column)_bounded_update BEFORE UPDATE OF \(column) ON \(table) \(check)
                """
        }.joined(separator: "\n")
    }
}
