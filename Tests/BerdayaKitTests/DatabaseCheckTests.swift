import BerdayaTestSupport
import Crypto
import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// A ledger with every kind of entry, booked through the services, and tools to tamper with
/// its file by hand the way someone with `sqlite3` would.
struct Tampering {
    var money: Money
    var path: String { money.fixture.path }
    var keyPath: String { money.fixture.keyPath }

    init() throws {
        money = try Money()
        let w = money.fixture.workspace
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(10_000_000), voucher: Money.voucher(5, "KW-1"), in: w)
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(8_000_000), voucher: Money.voucher(5, "KW-2"), in: w)
        try Ledger.receive(fundCode: "ZAKAT2", amount: Rupiah(1_000_000), voucher: Money.voucher(5, "KW-3"), in: w)
        try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(money.survivor), amount: Rupiah(2_000_000), line: "micro_grants",
                            asnaf: .miskin, voucher: Money.voucher(6, "KW-4"), in: w)
        try Ledger.expense(fundCode: "INFAQ", amount: Rupiah(500_000), line: "training", vendor: "Toko Kain",
                           voucher: Money.voucher(7, "KW-5"), in: w)
        try Ledger.transfer(from: "ZAKAT", to: "ZAKAT2", amount: Rupiah(1_000_000), voucher: Money.voucher(8, "KW-6"), in: w)
        let wrong = try Ledger.expense(fundCode: "INFAQ", amount: Rupiah(300_000), line: "training", vendor: nil,
                                       voucher: Money.voucher(9, "KW-7"), in: w)
        try Ledger.reverse(entry: wrong.id!, on: Money.voucher(10, "x").date, reason: "salah ketik", in: w)
        let loan = try Loans.issue(LoanPlan(fundCode: "INFAQ", borrower: .survivor(money.survivor), principal: Rupiah(1_200_000),
                                            startDate: Money.voucher(11, "x").date, frequency: .monthly, instalments: 3,
                                            line: "loan_capital", document: "KW-8"), in: w)
        try Loans.repay(loanCode: loan.code, amount: Rupiah(400_000), voucher: Money.voucher(12, month: 4, "KW-9"), in: w)
        try Loans.writeOff(loanCode: loan.code, on: Money.voucher(13, month: 5, "x").date, reason: "pindah", document: "KW-10", in: w)
        try money.fixture.database.close()
    }

    func check(environment: [String: String] = [:]) throws -> CheckReport {
        try DatabaseCheck.run(databasePath: path, keyPath: keyPath, environment: environment)
    }

    /// Runs SQL on the file directly, as a hand with `sqlite3` would.
    func byHand(_ work: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { try work($0) }
        try queue.close()
    }

    /// Writes the way Berdaya writes (chain and audit row included) but past the services' checks.
    func throughBerdaya(_ work: (Database, Workspace) throws -> Void) throws {
        let database = try AppDatabase.open(at: path)
        let workspace = try Workspace(database: database, vault: .failure(.wrongKey), actor: "mallory", today: Fixture.today)
        try database.write { try work($0, workspace) }
        try database.close()
    }

    /// Runs `work` with a trigger lifted, then puts it back exactly as it was.
    func without(trigger name: String, in db: Database, _ work: () throws -> Void) throws {
        let sql = try #require(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [name]))
        try db.execute(sql: "DROP TRIGGER \(name)")
        try work()
        try db.execute(sql: sql)
    }

    func entryId(document: String) throws -> Int64 {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int64.fetchOne($0, sql: "SELECT id FROM ledger_entry WHERE document = ?", arguments: [document])! }
    }

    func fundId(_ code: String, _ db: Database) throws -> Int64 {
        try Int64.fetchOne(db, sql: "SELECT id FROM fund WHERE code = ?", arguments: [code])!
    }
}

@Suite struct DatabaseCheckTests {
    @Test func aLedgerWithEveryKindOfEntryPassesEveryCheck() throws {
        let ledger = try Tampering()
        let report = try ledger.check()
        #expect(report.isClean, "\(report.findings.map(\.message.en))")
    }

    @Test func aFreshDatabasePassesAndTheDemoPasses() throws {
        let temporary = try TemporaryFolder("check"), folder = temporary.path
        try Setup.createDatabase(at: folder + "/fresh.sqlite", keyPath: folder + "/fresh.key", useKeyFromEnvironment: nil, actor: "admin")
        let fresh = try DatabaseCheck.run(databasePath: folder + "/fresh.sqlite", keyPath: folder + "/fresh.key", environment: [:])
        #expect(fresh.isClean, "\(fresh.findings.map(\.message.en))")
        try DemoCache.copy(seed: 2025, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        let demo = try DatabaseCheck.run(databasePath: folder + "/demo.sqlite", keyPath: folder + "/demo.key", environment: [:])
        #expect(demo.isClean, "\(demo.findings.map(\.message.en))")
    }

    @Test func checkingChangesNoByteEvenOfADatabaseWithProblems() throws {
        let ledger = try Tampering()
        try ledger.byHand { db in try db.execute(sql: "DROP TRIGGER ledger_entry_never_deleted") }
        // Closed by a plain sqlite connection, the file has no WAL: SQLite gives a reader an empty
        // one for its locks (as it would any reader), and the database's bytes stay as they were.
        let contents = { [ledger.path, ledger.path + "-wal"].map { FileManager.default.contents(atPath: $0) ?? Data() } }
        let before = contents()
        #expect(before[1].isEmpty)
        let other = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        let report = try ledger.check(environment: ["BERDAYA_KEY": other])
        #expect(!report.isClean)
        #expect(contents() == before)
        // And with a WAL that holds frames, as Berdaya leaves it: not one byte of either changes.
        try ledger.throughBerdaya { db, _ in try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('test', 'x')") }
        let withWAL = contents()
        #expect(!withWAL[1].isEmpty)
        #expect(try !ledger.check().isClean)
        #expect(contents() == withWAL)
    }

    @Test func aLedgerRowInsertedByHandWithoutAHashIsNamed() throws {
        let ledger = try Tampering()
        try ledger.byHand { db in
            let zakat = try ledger.fundId("ZAKAT", db)
            // A row without its hash is refused by the schema itself: written outside HashChain.append,
            // by a plain record insert or by hand, it needs the trigger dropped first.
            var plain = try LedgerEntry.fetchOne(db, sql: "SELECT * FROM ledger_entry ORDER BY id LIMIT 1")!
            plain.id = nil
            plain.chainHash = nil
            expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "every row of ledger_entry carries its chain hash") { try plain.insert(db) }
            expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "every row of audit_log carries its chain hash") {
                try AuditEntry(id: nil, at: "2025-03-20T00:00:00Z", actor: "mallory", action: "x", record: nil).insert(db)
            }
            try ledger.without(trigger: "ledger_entry_chained", in: db) {
                try db.execute(sql: """
                    INSERT INTO ledger_entry(id, fundId, date, kind, amount, document, bookedBy, bookedAt)
                    VALUES (1000, ?, '2025-03-20', 'receipt', 5000, 'KW-X', 'mallory', '2025-03-20T00:00:00Z')
                    """, arguments: [zakat])
            }
        }
        let report = try ledger.check()
        let chain = report.findings(of: .ledgerChain)
        #expect(chain.count == 1)
        #expect(chain.first?.rowId == 1000 && chain.first?.table == "ledger_entry" && chain.first?.fund == "ZAKAT")
        #expect(report.findings(of: .audit).contains { $0.rowId == 1000 })
    }

    @Test func aLedgerRowInsertedByHandWithAWrongHashIsNamed() throws {
        let ledger = try Tampering()
        var last: Int64 = 0
        try ledger.byHand { db in
            last = try Int64.fetchOne(db, sql: "SELECT max(id) FROM ledger_entry")!
            try db.execute(sql: """
                INSERT INTO ledger_entry(fundId, date, kind, amount, document, bookedBy, bookedAt, chainHash)
                VALUES (?, '2025-03-20', 'receipt', 5000, 'KW-X', 'mallory', '2025-03-20T00:00:00Z', randomblob(32))
                """, arguments: [try ledger.fundId("INFAQ", db)])
        }
        let chain = try ledger.check().findings(of: .ledgerChain)
        #expect(chain.map(\.rowId) == [last + 1])
        #expect(chain.first?.fund == "INFAQ")
    }

    @Test func aDeletedLedgerRowAndADeletedAuditRowAreNamed() throws {
        let ledger = try Tampering()
        let deleted = try ledger.entryId(document: "KW-2")
        var auditDeleted: Int64 = 0
        try ledger.byHand { db in
            try ledger.without(trigger: "ledger_entry_never_deleted", in: db) {
                try db.execute(sql: "DELETE FROM ledger_entry WHERE id = ?", arguments: [deleted])
            }
            auditDeleted = try Int64.fetchOne(db, sql: "SELECT id FROM audit_log WHERE action = 'fund.open' LIMIT 1")!
            try ledger.without(trigger: "audit_log_no_delete", in: db) {
                try db.execute(sql: "DELETE FROM audit_log WHERE id = ?", arguments: [auditDeleted])
            }
        }
        let report = try ledger.check()
        let chain = report.findings(of: .ledgerChain)
        #expect(chain.map(\.rowId) == [deleted + 1])
        #expect(chain.first?.message.en.contains("#\(deleted)") == true && chain.first?.message.en.contains("deleted") == true)
        #expect(report.findings(of: .auditChain).map(\.rowId) == [auditDeleted + 1])
        // The fund whose opening that audit row recorded is named as written without one.
        #expect(report.findings(of: .audit).map(\.table) == ["fund"])
        // The triggers were put back exactly: the schema check has nothing to say.
        #expect(report.findings(of: .schema).isEmpty)
    }

    @Test func aChangedAmountIsNamedWhetherTheTriggerIsPutBackOrNot() throws {
        let ledger = try Tampering()
        let changed = try ledger.entryId(document: "KW-4")
        try ledger.byHand { db in
            try ledger.without(trigger: "ledger_entry_never_edited", in: db) {
                try db.execute(sql: "UPDATE ledger_entry SET amount = -200000 WHERE id = ?", arguments: [changed])
            }
        }
        let report = try ledger.check()
        #expect(report.findings(of: .ledgerChain).map(\.rowId) == [changed])
        #expect(report.findings(of: .ledgerChain).first?.message.en.contains("changed by hand") == true)
        #expect(report.findings(of: .ledgerChain).first?.fund == "ZAKAT")
        #expect(report.findings(of: .schema).isEmpty)

        try ledger.byHand { db in
            try db.execute(sql: "DROP TRIGGER ledger_entry_never_edited")
            try db.execute(sql: "UPDATE ledger_entry SET amount = -2000000 WHERE id = ?", arguments: [changed])
        }
        let again = try ledger.check()
        // Changed back to the booked amount, the chain holds again; the missing trigger is named.
        #expect(again.findings(of: .ledgerChain).isEmpty)
        #expect(again.findings(of: .schema).map(\.message.en) == ["trigger ledger_entry_never_edited on table ledger_entry is missing (dropped by hand?)."])
    }

    @Test func aDroppedTriggerAnIndexAndAForeignTriggerAreNamed() throws {
        let ledger = try Tampering()
        try ledger.byHand { db in
            try db.execute(sql: "DROP TRIGGER audit_log_no_update")
            try db.execute(sql: "DROP INDEX ledger_entry_fund")
            try db.execute(sql: "CREATE TRIGGER sneaky AFTER INSERT ON sale BEGIN SELECT 1; END")
        }
        let schema = try ledger.check().findings(of: .schema).map(\.message.en)
        #expect(schema.contains { $0.contains("trigger audit_log_no_update on table audit_log is missing") })
        #expect(schema.contains { $0.contains("index ledger_entry_fund on table ledger_entry is missing") })
        #expect(schema.contains { $0.contains("trigger sneaky on table sale was not made by Berdaya") })
        #expect(schema.count == 3)
    }

    /// The issue's case: −999.000.000 of zakat paid out by hand, chained correctly (someone who
    /// read the code), but with no audit row: the fund goes negative and the entry is named.
    @Test func aZakatPayoutWithoutItsAuditRowIsNamedWithTheFundItOverdraws() throws {
        let ledger = try Tampering()
        var id: Int64 = 0
        try ledger.byHand { db in
            var entry = LedgerEntry(fundId: try ledger.fundId("ZAKAT", db), date: DayDate(year: 2025, month: 6, day: 1)!,
                                    kind: .disbursement, amount: Rupiah(-999_000_000), document: "KW-Z", bookedBy: "mallory",
                                    bookedAt: "2025-06-01T00:00:00Z")
            entry.survivorId = 1
            entry.asnaf = .fakir
            entry.budgetLineId = try Int64.fetchOne(db, sql: "SELECT id FROM budget_line WHERE code = 'micro_grants' LIMIT 1")
            try HashChain.append(&entry, in: db)
            id = entry.id!
        }
        let report = try ledger.check()
        #expect(report.findings(of: .ledgerChain).isEmpty)
        #expect(report.findings(of: .audit).map(\.rowId) == [id])
        #expect(report.findings(of: .audit).first?.fund == "ZAKAT")
        let negative = report.findings(of: .ledger)
        #expect(negative.count == 1)
        #expect(negative.first?.fund == "ZAKAT" && negative.first?.message.en.contains("2025-06-01") == true)
        #expect(negative.first?.message.id.contains("Dana ZAKAT bersaldo") == true)
    }

    @Test func aFundMadeNegativeByHandIsNamedOnTheDayItWentBelowZero() throws {
        let ledger = try Tampering()
        try ledger.throughBerdaya { db, workspace in
                let fund = try Fund.require(code: "INFAQ", in: db)
                var entry = try Ledger.draft(fund, .expense, Rupiah(-99_000_000), Money.voucher(15, month: 3, "KW-N"), workspace)
                entry.budgetLineId = try BudgetLine.require(fund: fund, code: "training", in: db).id
                try HashChain.append(&entry, in: db)
                try AuditLog.append(db, workspace, action: "ledger.expense", record: "#\(entry.id!) INFAQ")
        }
        let report = try ledger.check()
        #expect(report.findings.count == 1, "\(report.findings.map(\.message.en))")
        #expect(report.findings(of: .ledger).first?.fund == "INFAQ")
        #expect(report.findings(of: .ledger).first?.message.en.contains("end of 2025-03-15") == true)
    }

    @Test func aReversalOfTheWrongAmountIsNamed() throws {
        let ledger = try Tampering()
        let original = try ledger.entryId(document: "KW-5")
        try ledger.throughBerdaya { db, workspace in
                var entry = try LedgerEntry.fetchOne(db, key: original)!
                entry.kind = .reversal
                entry.amount = Rupiah(400_000)
                entry.reversesId = original
                try HashChain.append(&entry, in: db)
                try AuditLog.append(db, workspace, action: "ledger.reversal", record: "#\(entry.id!) INFAQ")
        }
        let ledgerFindings = try ledger.check().findings(of: .ledger)
        #expect(ledgerFindings.count == 1)
        #expect(ledgerFindings.first?.message.en.contains("not the opposite of #\(original)") == true)
    }

    @Test func aWrongOrMissingKeyIsNamed() throws {
        let ledger = try Tampering()
        let other = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        let wrong = try ledger.check(environment: ["BERDAYA_KEY": other])
        #expect(wrong.findings.map(\.check) == [.key])
        #expect(wrong.findings.first?.message == AccessError.wrongKey.message)
        try FileManager.default.removeItem(atPath: ledger.keyPath)
        let missing = try ledger.check()
        #expect(missing.findings.map(\.check) == [.key])
        #expect(missing.findings.first?.message == AccessError.keyMissing(path: ledger.keyPath).message)
    }

    @Test func aFileThatIsNotBerdayasIsRefusedAndLeftAlone() throws {
        let temporary = try TemporaryFolder("check"), folder = temporary.path
        let other = folder + "/other.sqlite"
        let queue = try DatabaseQueue(path: other)
        try queue.write { try $0.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        let before = FileManager.default.contents(atPath: other)
        #expect(throws: StorageError.notBerdaya(path: other)) {
            try DatabaseCheck.run(databasePath: other, keyPath: folder + "/x.key", environment: [:])
        }
        #expect(FileManager.default.contents(atPath: other) == before)
        #expect(throws: StorageError.notFound(path: folder + "/none.sqlite")) {
            try DatabaseCheck.run(databasePath: folder + "/none.sqlite", keyPath: folder + "/x.key", environment: [:])
        }
    }

    /// A file from before the chains is not upgraded by a check (that would write): the check
    /// says so, skips the chains, runs the rest, and leaves the file as it was.
    @Test func aDatabaseFromBeforeTheChainsIsReportedNotUpgraded() throws {
        let temporary = try TemporaryFolder("check"), folder = temporary.path
        let path = folder + "/old.sqlite"
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v10-money-bounds")
        try queue.close()
        let before = FileManager.default.contents(atPath: path)
        let report = try DatabaseCheck.run(databasePath: path, keyPath: folder + "/old.key", environment: [:])
        #expect(report.findings(of: .schema).map(\.message.en).first?.contains("predates this version") == true)
        #expect(report.findings(of: .ledgerChain).isEmpty && report.findings(of: .auditChain).isEmpty)
        #expect(report.findings(of: .key).count == 1)
        #expect(FileManager.default.contents(atPath: path) == before)
        #expect(try DatabaseQueue(path: path).read { try AppDatabase.migrator.hasCompletedMigrations($0) } == false)
    }

    /// Rows written before the chains existed are chained by the migration, in id order, with
    /// the hash Berdaya gives a new row; a new row then links onto them.
    @Test func theMigrationChainsRowsThatWereThereBefore() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v10-money-bounds")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO audit_log(at, actor, action, record) VALUES ('2025-01-01T00:00:00Z', 'admin', 'database.init', NULL);
                INSERT INTO audit_log(at, actor, action, record) VALUES ('2025-01-02T00:00:00Z', 'admin', 'site.add', 'KBM');
                INSERT INTO funder(code, name, kind, createdOn) VALUES ('JAMAAH', 'Jamaah', 'individual', '2025-01-01');
                INSERT INTO fund(code, name, kind, funderId, openedOn, createdOn) VALUES ('INFAQ', 'Infaq', 'infaq', 1, '2025-01-01', '2025-01-01');
                INSERT INTO ledger_entry(fundId, date, kind, amount, document, bookedBy, bookedAt)
                    VALUES (1, '2025-01-02', 'receipt', 500000, 'KW-1', 'admin', '2025-01-02T00:00:00Z');
                INSERT INTO ledger_entry(fundId, date, kind, amount, document, memo, bookedBy, bookedAt)
                    VALUES (1, '2025-01-03', 'receipt', 700000, 'KW-2', 'kotak amal', 'admin', '2025-01-03T00:00:00Z');
                """)
        }
        try AppDatabase.migrator.migrate(queue)
        try queue.write { db in
            var entry = AuditEntry(id: nil, at: "2025-01-03T00:00:00Z", actor: "admin", action: "site.add", record: "MDN")
            try HashChain.append(&entry, in: db)
            #expect(entry.id == 3)
            #expect(try DatabaseCheck.chain(table: "audit_log", check: .auditChain, db).isEmpty)
            #expect(try DatabaseCheck.chain(table: "ledger_entry", check: .ledgerChain, db).isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM ledger_entry WHERE length(chainHash) = 32") == 2)
            #expect(try DatabaseCheck.schema(db).isEmpty)
            // A back-filled row changed afterwards is named like any other.
            try db.execute(sql: "DROP TRIGGER ledger_entry_never_edited")
            try db.execute(sql: "UPDATE ledger_entry SET memo = 'kotak amal masjid' WHERE id = 2")
            #expect(try DatabaseCheck.chain(table: "ledger_entry", check: .ledgerChain, db).map(\.rowId) == [2])
            let hashes = try Data.fetchAll(db, sql: "SELECT chainHash FROM audit_log ORDER BY id")
            #expect(hashes.count == 3 && Set(hashes).count == 3)
        }
    }
}
