import GRDB

/// A record that users name by its code (a site, survivor, cohort, fund, loan, business…).
/// A code is found as people type it: spaces around it are ignored and letters may be in any
/// case, since codes are stored in capitals. One lookup for all of them, so a fund and a cohort
/// can never disagree on what "the same code" means. Every such table names its code column
/// `code`, which is why this one lookup can name it for all of them.
protocol CodedRecord: FetchableRecord, TableRecord {
    /// The error that says no record has `code`, in the words of the record's own module.
    static func unknown(code: String) -> any Error
}

extension CodedRecord {
    /// The stored form of a code as typed: trimmed, in capitals.
    static func normalized(code: String) -> String {
        code.trimmingCharacters(in: .whitespaces).uppercased()
    }

    /// The record with `code`, or `unknown(code:)` thrown.
    static func require(code: String, in db: Database) throws -> Self {
        guard let record = try filter(Column("code") == normalized(code: code)).fetchOne(db) else {
            throw unknown(code: code)
        }
        return record
    }
}
