import BerdayaKit
import BerdayaTestSupport
import Foundation
import Testing
@testable import BerdayaReports

/// A copy of the demo database per test (built once per process), its key and a workspace on
/// it, in a folder that goes with the last copy of this value; the shipped templates.
struct DemoReports {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Templates").path
    let temporary: TemporaryFolder
    var folder: String { temporary.path }
    let database: AppDatabase
    let workspace: Workspace
    let catalog: TemplateCatalog

    init() throws {
        temporary = try TemporaryFolder("reports")
        try DemoCache.copy(seed: 7, into: temporary)
        database = try AppDatabase.open(at: temporary.file("demo.sqlite"))
        workspace = try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: temporary.file("demo.key"), environment: [:]),
                                  actor: "bendahara", today: DayDate(year: 2026, month: 11, day: 20)!)
        catalog = try TemplateCatalog(folder: Self.templates)
    }

    func write(_ id: String, period: String = "2025..2026", fund: String? = nil, cohort: String? = nil, language: Language = .id,
               out: String? = nil) throws -> WrittenReport {
        try ReportWriter.write(catalog.template(id), parameters: ReportParameters(period: Period(parsing: period), periodLabel: period,
                                                                                  fund: fund, cohort: cohort, language: language),
                               folder: out ?? folder + "/Reports", in: workspace)
    }
}

@Suite struct ReportTests {
    @Test func theShippedTemplatesLoadAndFitTheirDatasets() throws {
        let catalog = try TemplateCatalog(folder: DemoReports.templates)
        #expect(Set(catalog.templates.map(\.id)) == ["donor-report", "baznas-zakat", "cash-book", "attendance-register", "loan-portfolio", "cohort-progress",
                                                         "lpj-hibah", "psak-109"])
        for template in catalog.templates { try ReportWriter.validate(template) }
    }

    @Test func theAnnotatedExampleInTheTemplatesReadmeRuns() throws {
        let readme = try String(contentsOfFile: DemoReports.templates + "/README.md", encoding: .utf8)
        let example = try #require(readme.components(separatedBy: "```yaml\n").last?.components(separatedBy: "```").first)
        let template = try TemplateLoader.parse(example, file: "README.md")
        try ReportWriter.validate(template)
        let demo = try DemoReports()
        let written = try ReportWriter.write(template, parameters: ReportParameters(period: Period(parsing: "2026-H1"), periodLabel: "2026-H1"),
                                             folder: demo.folder + "/Reports", in: demo.workspace)
        #expect(written.path.hasSuffix("dinas-summary_2026-H1_id.xlsx") && written.sheets == 4)
    }

    @Test func noIdentityReachesAFunderOrDonorWorkbookAndSmallCountsAreHidden() throws {
        let demo = try DemoReports()
        // Plant a note in a visit: it is identity data too.
        let visit = try Visits.list(in: demo.workspace).first { $0.kind == .baseline }!
        let planted = "RAHASIA-\(UUID().uuidString.prefix(8))"
        var input = VisitInput(survivorCode: visit.ref.survivor, kind: .followUp, date: DayDate(year: 2026, month: 11, day: 19)!,
                               householdSize: 3, incomes: [IncomeLine(source: .wage, amount: Rupiah(900_000))], confidence: 3,
                               spiritual: SpiritualScores(all: 3), notes: planted)
        input.businessStatus = VisitBusinessStatus.none
        try Visits.record(input, in: demo.workspace)
        // Everything that identifies anyone.
        var secrets: [String] = [planted]
        for survivor in try Registry.list(in: demo.workspace) where !survivor.erased {
            let identity = try Registry.revealIdentity(code: survivor.code, in: demo.workspace)
            secrets += [identity.fullName, identity.nik, identity.kkNumber, identity.phone, identity.address, identity.caseNotes].compactMap { $0 }
        }
        #expect(secrets.count > 100)
        var suppressed = 0
        for (id, fund) in [("donor-report", nil), ("baznas-zakat", nil), ("cash-book", "ZAKAT-PROD"), ("loan-portfolio", nil)] as [(String, String?)] {
            for language in Language.allCases {
                let written = try demo.write(id, fund: fund, language: language)
                let text = try WorkbookReader(path: written.path).allText
                for secret in secrets where text.contains(secret) {
                    Issue.record("\(id) \(language) holds identity: \(secret)")
                }
                suppressed += written.suppressed
                if written.suppressed > 0 { #expect(text.contains(language == .id ? "1 sampai 4 ditampilkan sebagai x" : "1 to 4 people are shown as x")) }
            }
        }
        #expect(suppressed > 0, "the demo's small cohorts must show <5 somewhere")
        // The same check finds names in an internal register, so it would have caught a leak.
        let register = try WorkbookReader(path: try demo.write("attendance-register", cohort: "JBR-2026-1").path).allText
        #expect(secrets.contains { register.contains($0) })
    }

    @Test func aCountUnderFiveIsHiddenAndSoIsWhatWouldGiveItAway() throws {
        let demo = try DemoReports()
        let written = try demo.write("donor-report")
        let book = try WorkbookReader(path: written.path)
        let cohorts = try Cohorts.list(in: demo.workspace)
        let rows = book.rows("Angkatan")
        let header = try #require(rows.firstIndex { $0.first == "Angkatan" })
        let left = try #require(rows[header].firstIndex(of: "Berhenti"))
        let enrolled = try #require(rows[header].firstIndex(of: "Ikut"))
        var hidden = 0
        for cohort in cohorts {
            let row = try #require(rows.first { $0.first == cohort.code })
            let members = try TrainingProgress.of(cohortCode: cohort.code, in: demo.workspace).members
            let count = members.filter { $0.exitedOn != nil && $0.exitReason != .completed && $0.exitReason != .other }.count
            // A small count is never shown; any other cell is either its value or hidden to protect one.
            if (1...4).contains(count) { #expect(row[left] == "x", "\(cohort.code)"); hidden += 1 } else { #expect(row[left] == String(count) || row[left] == "x") }
            #expect(row[enrolled] == String(cohort.enrolled) || row[enrolled] == "x")
        }
        #expect(hidden > 0)
        // Every cohort lost fewer than five: the total is hidden too, or at least five.
        let total = try #require(rows.first { $0.first == "Jumlah" })
        #expect(total[left] == "x" || Int(total[left]).map { $0 >= 5 } == true)
        #expect(written.primary > 0 && written.complementary > 0 && written.suppressed >= written.primary + written.complementary)
    }

    @Test func totalsAreSpreadsheetFormulasThatAgreeWithTheDatabase() throws {
        let demo = try DemoReports()
        let period = try Period(parsing: "2025..2026")
        let book = try WorkbookReader(path: try demo.write("donor-report", language: .en).path)
        func totalCell(_ sheet: String, _ header: String) throws -> WorkbookReader.CellValue {
            let rows = book.rows(sheet)
            let head = try #require(rows.firstIndex { $0.contains(header) && $0.first != header })
            let column = try #require(rows[head].firstIndex(of: header))
            let row = try #require(rows.indices.first { $0 > head && rows[$0].first == "Total" })
            return try #require(book.cells(sheet)["\(columnName(column))\(row + 1)"])
        }
        let funds = try TreasurerReports.perFund(period: period, in: demo.workspace)
        let received = try totalCell("Money", "Received")
        #expect(received.formula?.hasPrefix("SUM(E") == true && received.number == Double(funds.reduce(Int64(0)) { $0 + $1.received.amount }))
        let closing = try totalCell("Money", "Closing")
        #expect(closing.number == Double(funds.reduce(Int64(0)) { $0 + $1.closing.amount }))
        let months = try BusinessFigures.monthly(BusinessScope(), period: period, in: demo.workspace)
        let omzet = try totalCell("Sales by month", "Omzet")
        #expect(omzet.formula?.hasPrefix("SUM(") == true && omzet.number == Double(months.reduce(Int64(0)) { $0 + $1.omzet.amount }))
        // Training is grouped by cohort: subtotals per cohort, and the grand total leaves them out.
        let sessions = try totalCell("Training", "Sessions held")
        #expect(sessions.formula?.hasPrefix("SUBTOTAL(9,") == true)
        let held = try Cohorts.list(in: demo.workspace).map { try TrainingProgress.of(cohortCode: $0.code, in: demo.workspace).modules.reduce(0) { $0 + $1.sessionsHeld } }
        #expect(sessions.number == Double(held.reduce(0, +)))

        // The cash book's running balance is a formula row by row; its closing balance is the fund's.
        let cash = try WorkbookReader(path: try demo.write("cash-book", fund: "ZAKAT-PROD").path)
        let cells = cash.cells("Buku kas")
        let balances = cells.filter { $0.key.hasPrefix("G") && $0.value.formula?.contains("+") == true }
        #expect(balances.count >= 2)
        let book2 = try Ledger.cashBook(fundCode: "ZAKAT-PROD", period: period, in: demo.workspace)
        let closingRow = cash.rows("Buku kas").firstIndex { $0.first == "Jumlah" }!
        #expect(cells["G\(closingRow + 1)"]?.formula?.hasPrefix("G5+E") == true)
        let amounts: [Int64] = book2.rows.map { $0.entry.amount.amount }
        let moneyIn: Int64 = amounts.filter { $0 > 0 }.reduce(0, +)
        let moneyOut: Int64 = -amounts.filter { $0 < 0 }.reduce(0, +)
        #expect(cells["E\(closingRow + 1)"]?.number == Double(moneyIn))
        #expect(cells["F\(closingRow + 1)"]?.number == Double(moneyOut))
    }

    @Test func aReportWrittenInConstantMemoryModeHoldsTheSameCells() throws {
        let demo = try DemoReports()
        let template = try demo.catalog.template("donor-report")
        let parameters = ReportParameters(period: try Period(parsing: "2025..2026"), periodLabel: "2025..2026")
        let normal = try ReportWriter.write(template, parameters: parameters, folder: demo.folder + "/normal", in: demo.workspace,
                                            constantMemory: false)
        let streamed = try ReportWriter.write(template, parameters: parameters, folder: demo.folder + "/streamed", in: demo.workspace,
                                              constantMemory: true)
        let a = try WorkbookReader(path: normal.path), b = try WorkbookReader(path: streamed.path)
        #expect(a.sheetNames == b.sheetNames)
        // A note under a table is a merged range in normal mode and one wrapped cell when streamed
        // (libxlsxwriter cannot merge then): the merged range's blank cells are all that differ.
        func filled(_ rows: [[String]]) -> [[String]] { rows.map { Array($0.reversed().drop { $0.isEmpty }.reversed()) } }
        for sheet in a.sheetNames { #expect(filled(a.rows(sheet)) == filled(b.rows(sheet)), "\(sheet)") }
    }

    @Test func mistakesAndRefusalsNameWhatIsWrongAndLeaveNoFile() throws {
        let demo = try DemoReports()
        let out = demo.folder + "/Refused"
        // A YAML mistake, an unknown key and a field the dataset lacks: file, line, field.
        let broken = "id: x\ntitle: X\naudience: donor\nsheets:\n  - name: A\n    dataset: cohorts\n    columns: [ {field: cohort, label: A\n"
        let yaml = #expect(throws: TemplateError.self) { try TemplateLoader.parse(broken, file: "x.yaml") }
        #expect(yaml?.file == "x.yaml" && yaml?.line != nil)
        let unknownKey = "id: x\ntitle: X\naudience: donor\nsheets:\n  - name: A\n    dataset: cohorts\n    colums: []\n"
        let key = #expect(throws: TemplateError.self) { try TemplateLoader.parse(unknownKey, file: "x.yaml") }
        #expect(key?.line == 7 && key?.field == "sheets[1].colums")
        let badField = "id: x\ntitle: X\naudience: donor\nparameters: [period]\nsheets:\n  - name: A\n    dataset: cohorts\n    columns:\n      - {field: cohort, label: A}\n      - {field: fullName, label: Nama}\n"
        let field = #expect(throws: TemplateError.self) { try ReportWriter.validate(TemplateLoader.parse(badField, file: "y.yaml")) }
        #expect(field?.line == 10 && field?.message.en.contains("has no field 'fullName'") == true)
        let badAudience = "id: x\ntitle: X\naudience: everyone\nsheets:\n  - name: A\n    kind: notes\n"
        #expect((#expect(throws: TemplateError.self) { try TemplateLoader.parse(badAudience, file: "z.yaml") })?.line == 3)

        // A donor template asking for names is refused before anything is written.
        let leaky = try TemplateLoader.parse("""
            id: leaky
            title: Leaky
            audience: donor
            parameters: [period, cohort]
            sheets:
              - name: Names
                dataset: attendance-register
                columns: [{field: name, label: Nama}]
            """, file: "leaky.yaml")
        let parameters = ReportParameters(period: try Period(parsing: "2026"), periodLabel: "2026", cohort: "JBR-2026-1")
        #expect(throws: ReportError.identifiedForAudience(template: "leaky", dataset: "attendance-register", audience: .donor)) {
            try ReportWriter.write(leaky, parameters: parameters, folder: out, in: demo.workspace)
        }
        #expect(throws: ReportError.parameterNeeded(template: "cash-book", parameter: .fund)) { try demo.write("cash-book", out: out) }
        #expect(throws: ReportError.parameterNotTaken(template: "donor-report", parameter: .cohort,
                                                      accepted: [.period, .funder, .fund, .site, .lang])) {
            try demo.write("donor-report", cohort: "KBM-2025-1", out: out)
        }
        #expect(throws: (any Error).self) { try demo.catalog.template("laporan-rahasia") }
        #expect(throws: InputError.self) { try Period(parsing: "2026-Q5") }
        // An output "folder" that is a file cannot be written.
        FileManager.default.createFile(atPath: demo.folder + "/taken", contents: Data("x".utf8))
        #expect(throws: ReportError.outputNotWritable(demo.folder + "/taken")) { try demo.write("donor-report", out: demo.folder + "/taken") }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        #expect(left.isEmpty, "nothing is written by a refused report: \(left)")
    }
}

func columnName(_ index: Int) -> String {
    var index = index + 1, name = ""
    while index > 0 { name = String(UnicodeScalar(UInt8(65 + (index - 1) % 26))) + name; index = (index - 1) / 26 }
    return name
}
