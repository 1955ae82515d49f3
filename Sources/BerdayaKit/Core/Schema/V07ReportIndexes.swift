import GRDB

// The schema of migration `v7-report-indexes`. Shipped: kept verbatim, never edited.
extension AppDatabase {
    static let reportIndexesSchema = """
    CREATE INDEX ledger_entry_budget_line ON ledger_entry(budgetLineId) WHERE budgetLineId IS NOT NULL;
    CREATE INDEX assessment_module ON assessment(moduleId);
    """
}
