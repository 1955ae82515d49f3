import BerdayaKit
import Foundation
import GRDB
import Testing
@testable import BerdayaReports

/// Rows that leave the organisation carry per-funder pseudonyms: the same for one funder in
/// every report, unrelated between funders, never the internal code.
@Suite struct FunderCodeTests {
    static func codes(_ text: String, prefix: String) -> Set<String> {
        let pattern = try! NSRegularExpression(pattern: "\\b\(prefix)-[0-9A-Z]{8}\\b")
        return Set(pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) })
    }

    static func internalCodes(_ demo: DemoReports) throws -> [String] {
        try Registry.list(in: demo.workspace).map(\.code)
    }

    @Test func funderWorkbooksShowTheFundersCodesAndNoInternalCode() throws {
        let demo = try DemoReports()
        let internalCodes = try Self.internalCodes(demo)
        let baznas = try FunderCode.book(funderCode: "BAZNAS-KBM", in: demo.workspace)
        let csr = try FunderCode.book(funderCode: "CSR-BANK", in: demo.workspace)
        let zakat = try WorkbookReader(path: try demo.write("baznas-zakat").path).allText
        let cash = try WorkbookReader(path: try demo.write("cash-book", fund: "ZAKAT-PROD").path).allText
        let loans = try WorkbookReader(path: try demo.write("loan-portfolio").path).allText
        for (name, text) in [("baznas-zakat", zakat), ("cash-book", cash), ("loan-portfolio", loans)] {
            for code in internalCodes where text.contains(code) { Issue.record("\(name) shows the internal code \(code)") }
        }
        // Each shows codes, and only codes of its own funder.
        let zakatCodes = Self.codes(zakat, prefix: "BZ"), cashCodes = Self.codes(cash, prefix: "BZ"), loanCodes = Self.codes(loans, prefix: "CS")
        #expect(zakatCodes.count >= 5 && !cashCodes.isEmpty && loanCodes.count >= 3, "\(zakatCodes) \(cashCodes) \(loanCodes)")
        let baznasCodes = Set(internalCodes.compactMap(baznas.pseudonym(for:)))
        #expect(zakatCodes.isSubset(of: baznasCodes) && cashCodes.isSubset(of: baznasCodes))
        #expect(loanCodes.isSubset(of: Set(internalCodes.compactMap(csr.pseudonym(for:)))))
        #expect(Self.codes(loans, prefix: "BZ").isEmpty && Self.codes(zakat, prefix: "CS").isEmpty)
        // The zakat sheet's mustahik are exactly the survivors paid from the fund, under BAZNAS's codes.
        let paid = Set(try TreasurerReports.zakatPayments(period: Period(parsing: "2025..2026"), fundCode: nil, in: demo.workspace).map(\.survivor))
        #expect(zakatCodes == Set(paid.compactMap(baznas.pseudonym(for:))))
    }

    @Test func aFundersCodesAreStableAcrossRunsAndUnrelatedBetweenFunders() throws {
        let demo = try DemoReports()
        let first = Self.codes(try WorkbookReader(path: try demo.write("baznas-zakat", language: .id).path).allText, prefix: "BZ")
        // Another run, another language, another day and another workspace on the same database and key.
        let again = try Workspace(database: demo.database, vault: Workspace.loadVault(for: demo.database, keyPath: demo.folder + "/demo.key", environment: [:]),
                                  actor: "someone else", today: DayDate(year: 2027, month: 3, day: 1)!)
        let written = try ReportWriter.write(demo.catalog.template("baznas-zakat"),
                                             parameters: ReportParameters(period: Period(parsing: "2025..2026"), periodLabel: "2025..2026", language: .en),
                                             folder: demo.folder + "/again", in: again)
        let second = Self.codes(try WorkbookReader(path: written.path).allText, prefix: "BZ")
        #expect(!first.isEmpty && first == second)

        // Between funders, no survivor's code has anything in common with her code for another.
        let internalCodes = try Self.internalCodes(demo)
        let funders = try Funds.funders(in: demo.workspace).map(\.code)
        #expect(funders.count >= 4)
        let books = try funders.map { try FunderCode.book(funderCode: $0, in: demo.workspace) }
        for code in internalCodes {
            let bodies = books.compactMap { $0.pseudonym(for: code)?.split(separator: "-").last.map(String.init) }
            #expect(bodies.count == funders.count && Set(bodies).count == bodies.count, "\(code): \(bodies)")
        }
        for book in books {
            let all = internalCodes.compactMap(book.pseudonym(for:))
            #expect(Set(all).count == internalCodes.count, "codes are unique within \(book.funderCode)")
            #expect(Set(all).isDisjoint(with: internalCodes))
        }
    }

    @Test func internalWorkbooksKeepTheInternalCodes() throws {
        let demo = try DemoReports()
        let template = try TemplateLoader.parse("""
            id: zakat-internal
            title: Zakat (internal)
            audience: internal
            parameters: [period]
            sheets:
              - name: Mustahik
                dataset: zakat-mustahik
                columns: [{field: date, label: Tanggal}, {field: mustahik, label: Mustahik}, {field: amount, label: Jumlah}]
            """, file: "zakat-internal.yaml")
        let written = try ReportWriter.write(template, parameters: ReportParameters(period: Period(parsing: "2025..2026"), periodLabel: "2025..2026"),
                                             folder: demo.folder + "/internal", in: demo.workspace)
        let text = try WorkbookReader(path: written.path).allText
        let paid = Set(try TreasurerReports.zakatPayments(period: Period(parsing: "2025..2026"), fundCode: nil, in: demo.workspace).map(\.survivor))
        #expect(!paid.isEmpty)
        for code in paid { #expect(text.contains(code), "\(code)") }
        #expect(Self.codes(text, prefix: "BZ").isEmpty)
    }

    @Test func aFundersCodeLeadsBackToTheInternalCodeAndTheLookupIsAudited() throws {
        let demo = try DemoReports()
        let payment = try #require(try TreasurerReports.zakatPayments(period: Period(parsing: "2025..2026"), fundCode: nil, in: demo.workspace).first)
        let pseudonym = try #require(try FunderCode.book(funderCode: "BAZNAS-KBM", in: demo.workspace).pseudonym(for: payment.survivor))
        let matches = try FunderCode.lookup(pseudonym.lowercased(), in: demo.workspace)
        #expect(matches.count == 1)
        let match = try #require(matches.first)
        #expect(match.funderCode == pseudonym && match.funder == "BAZNAS-KBM" && match.code == payment.survivor)
        let entry = try #require(try AuditLog.entries(in: demo.workspace, limit: 1).first)
        #expect(entry.action == "funder-code.lookup" && entry.record == "BAZNAS-KBM \(payment.survivor)" && entry.actor == "bendahara")
        #expect(!(entry.record ?? "").contains(pseudonym))

        // An unknown or malformed code is refused and writes nothing.
        let count = { try demo.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM audit_log") } }
        let before = try count()
        let body = pseudonym.split(separator: "-")[1]
        let other = "BZ-" + (body.first == "0" ? "1" : "0") + body.dropFirst()
        #expect(throws: FunderCodeError.unknown(other)) { try FunderCode.lookup(other, in: demo.workspace) }
        #expect(throws: FunderCodeError.unknown("CS-" + body)) { try FunderCode.lookup("CS-" + body, in: demo.workspace) }
        #expect(throws: FunderCodeError.malformed(payment.survivor)) { try FunderCode.lookup(payment.survivor, in: demo.workspace) }
        #expect(try count() == before)
    }

    @Test func withoutTheKeyAWorkbookWithRowsThatLeaveIsRefusedAndNoFileIsWritten() throws {
        let demo = try DemoReports()
        let keyless = try Workspace(database: demo.database, vault: .failure(.keyMissing(path: "demo.key")), actor: "t",
                                    today: DayDate(year: 2026, month: 11, day: 20)!)
        let out = demo.folder + "/keyless"
        #expect(throws: AccessError.keyMissing(path: "demo.key")) {
            try ReportWriter.write(demo.catalog.template("baznas-zakat"),
                                   parameters: ReportParameters(period: Period(parsing: "2025..2026"), periodLabel: "2025..2026"),
                                   folder: out, in: keyless)
        }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty)
    }

    @Test func workbooksWithNamesAreTheOwnersAloneAndFunderWorkbooksAreReadable() throws {
        let demo = try DemoReports()
        func mode(_ path: String) throws -> Int {
            try #require((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
        }
        let previous = umask(0o002)
        defer { umask(previous) }
        #expect(try mode(demo.write("attendance-register", cohort: "JBR-2026-1").path) == 0o600)
        #expect(try mode(demo.write("cohort-progress", cohort: "JBR-2026-1").path) == 0o600)
        #expect(try mode(demo.write("baznas-zakat").path) == 0o644)
        #expect(try mode(demo.write("donor-report").path) == 0o644)
        // Written again over a file with a loose mode, a register is private again.
        let register = try demo.write("attendance-register", cohort: "JBR-2026-1").path
        chmod(register, 0o666)
        #expect(try mode(demo.write("attendance-register", cohort: "JBR-2026-1").path) == 0o600)
    }
}
