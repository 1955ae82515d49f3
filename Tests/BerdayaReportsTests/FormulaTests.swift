import BerdayaKit
import BerdayaTestSupport
import Foundation
import Testing
import XLSX
@testable import BerdayaReports

/// A sheet of values for the evaluator: A1-style names to values.
private func evaluator(_ cells: [String: FormulaEvaluator.Value], subtotals: Set<String> = []) -> FormulaEvaluator {
    func name(_ row: Int, _ column: Int) -> String { CellAddress.name(row: row, column: column) }
    return FormulaEvaluator(cell: { cells[name($0, $1)] ?? .blank }, isSubtotal: { subtotals.contains(name($0, $1)) })
}

@Suite struct FormulaEvaluatorTests {
    @Test(arguments: [
        ("=1+2*3", 7.0), ("=(1+2)*3", 9), ("=-B1+10", 6), ("=10/4", 2.5), ("=B1-B2-B3", 4 - 2.5 - 0),
        ("=IF(B1>3,1,0)", 1), ("=IF(B3>0,B1/B3,0)", 0), ("=IF(B1<>4,1,2)", 2), ("=IF(B1>=4,IF(B2<=2,5,6),7)", 6),
        ("=SUM(B1:B4)", 6.5), ("=SUM(B1:B4,10)", 16.5), ("=AVERAGE(B1:B4)", 3.25), ("=COUNTA(B1:B4)", 3), ("=COUNT(B1:B4)", 2),
        ("=SUBTOTAL(9,C1:C4)", 30), ("=SUBTOTAL(109,C1:C4)", 30), ("=SUBTOTAL(3,C1:C4)", 3), ("=SUM(C1:C4)", 60),
        ("=MIN(B1:B2)", 2.5), ("=MAX(B1:B2)", 4), ("=ROUND(2/3,2)", 0.67), ("=ROUND(-2.5,0)", -3), ("=ABS(-3)", 3),
        ("=$B$1*2", 8), ("=1E3+.5", 1000.5), ("=B1=4", 1),
    ] as [(String, Double)])
    func computesTheTemplateSubsetAsASpreadsheetDoes(formula: String, expected: Double) throws {
        // B1 4, B2 2.5, B3 blank, B4 "<5"; C1..C3 numbers, C4 a subtotal over them.
        let sheet = evaluator(["B1": .number(4), "B2": .number(2.5), "B4": .text("<5"),
                               "C1": .number(10), "C2": .number(5), "C3": .number(15), "C4": .number(30)], subtotals: ["C4"])
        #expect(try sheet.evaluate(formula) == .number(expected))
    }

    @Test func textComesBackAsText() throws {
        let sheet = evaluator(["A1": .text("Medan"), "B1": .number(3)])
        #expect(try sheet.evaluate("=A1&\" (\"&B1&\")\"") == .text("Medan (3)"))
        #expect(try sheet.evaluate("=IF(B1>2,\"ya\",\"tidak\")") == .text("ya"))
        #expect(try sheet.evaluate("=IF(A1=\"medan\",1,0)") == .number(1), "text compares without regard to case")
    }

    @Test func aSpreadsheetErrorIsReportedAsOne() throws {
        let sheet = evaluator(["B1": .number(4), "B4": .text("<5")])
        #expect(throws: FormulaEvaluator.Failure.divisionByZero) { try sheet.evaluate("=B1/B2") }
        #expect(throws: FormulaEvaluator.Failure.divisionByZero) { try sheet.evaluate("=AVERAGE(B2:B3)") }
        #expect(throws: FormulaEvaluator.Failure.notANumber("<5")) { try sheet.evaluate("=B1+B4") }
    }

    @Test(arguments: ["=VLOOKUP(A1,B1:C9,2)", "='Other'!A1", "=Sheet2!A1", "=NOW()", "=A1:B2", "=SUM(A1", "=1+", "=\"open",
                      "=1 # 2", "=FOO", "=INDIRECT(\"A1\")"])
    func aFormulaItCannotComputeIsRefused(formula: String) {
        #expect(throws: FormulaEvaluator.Failure.self) { try FormulaEvaluator.check(formula) ; try evaluator([:]).evaluate(formula) }
    }
}

@Suite struct StoredFormulaValueTests {
    @Test func theXLSXLayerStoresAFormulasValueAndRefusesOneThatIsNotANumber() throws {
        let temporary = try TemporaryFolder("xlsx"), folder = temporary.path
        let workbook = try Workbook(path: folder + "/f.xlsx")
        let sheet = try workbook.addWorksheet("F")
        sheet.remembersCells = true
        try sheet.write(0, 0, number: 2)
        try sheet.write(0, 1, formula: "=A1*3", value: .number(6))
        try sheet.write(0, 2, formula: "=IF(A1>1,\"ya\",\"tidak\")", value: .text("ya"))
        #expect(throws: XLSXError.self) { try sheet.write(0, 3, formula: "=A1/0", value: .number(.infinity)) }
        #expect(throws: XLSXError.self) { try sheet.write(0, 3, formula: "=A1/0", value: .number(.nan)) }
        #expect(sheet.stored(row: 0, column: 1) == .formula("=A1*3", .number(6)))
        try workbook.close()
        let cells = try WorkbookReader(path: folder + "/f.xlsx").cells("F")
        #expect(cells["B1"] == .init(value: "6", formula: "A1*3"))
        #expect(cells["C1"]?.value == "ya" && cells["C1"]?.formula == "IF(A1>1,\"ya\",\"tidak\")")
        #expect(cells["D1"] == nil, "a refused formula writes nothing")
    }

    /// Every shipped report as the demo writes it, filtered variants included.
    private static let runs: [(String, String?, String?, String?, String?)] = [
        ("donor-report", nil, nil, nil, nil), ("donor-report", "PPPA-MDN", nil, nil, nil), ("donor-report", nil, nil, nil, "MDN"),
        ("baznas-zakat", nil, nil, nil, nil), ("baznas-zakat", nil, nil, nil, "KBM"), ("cash-book", nil, "ZAKAT-PROD", nil, nil),
        ("cash-book", nil, "HIBAH-GFSM", nil, nil), ("loan-portfolio", nil, nil, nil, nil),
        ("attendance-register", nil, nil, "JBR-2026-1", nil), ("cohort-progress", nil, nil, "JBR-2026-1", nil),
    ]

    @Test func everyFormulaInEveryDemoWorkbookStoresTheValueItComputes() throws {
        let demo = try DemoReports()
        var formulas = 0
        for (id, funder, fund, cohort, site) in Self.runs {
            for language in Language.allCases {
                let template = try demo.catalog.template(id)
                let parameters = ReportParameters(period: try Period(parsing: "2025..2026"), periodLabel: "2025..2026", funder: funder,
                                                  fund: fund, cohort: cohort, site: site, language: language)
                let written = try ReportWriter.write(template, parameters: parameters, folder: demo.folder + "/All", in: demo.workspace)
                let book = try WorkbookReader(path: written.path)
                for sheet in book.sheetNames {
                    let cells = book.cells(sheet)
                    // The file as read back, not the writer's memory: what any viewer sees.
                    let reader = FormulaEvaluator(cell: { row, column in
                        guard let cell = cells[CellAddress.name(row: row, column: column)] else { return .blank }
                        if cell.value.isEmpty { return .blank }
                        return cell.number.map { .number($0) } ?? .text(cell.value)
                    }, isSubtotal: { row, column in
                        cells[CellAddress.name(row: row, column: column)]?.formula?.hasPrefix("SUBTOTAL(") == true
                    })
                    for (name, cell) in cells {
                        guard let formula = cell.formula else { continue }
                        formulas += 1
                        let place = "\((written.path as NSString).lastPathComponent) \(sheet)!\(name) =\(formula)"
                        let computed = try reader.evaluate(formula)
                        switch computed {
                        case let .number(number):
                            let stored = try #require(cell.number, "\(place) stores no number")
                            #expect(abs(stored - number) <= 1e-9 * max(1, abs(number)), "\(place) stores \(stored), computes \(number)")
                        case let .text(text):
                            #expect(cell.value == text, "\(place)")
                        }
                    }
                }
            }
        }
        #expect(formulas > 300)
    }

    @Test func theCashBooksClosingBalanceAndThePortfoliosPAR30AreStored() throws {
        let demo = try DemoReports()
        let period = try Period(parsing: "2025..2026")
        let cash = try WorkbookReader(path: try demo.write("cash-book", fund: "ZAKAT-PROD").path)
        let rows = cash.rows("Buku kas")
        let closing = try #require(rows.firstIndex { $0.first == "Jumlah" })
        let book = try Ledger.cashBook(fundCode: "ZAKAT-PROD", period: period, in: demo.workspace)
        let balance = try #require(cash.cells("Buku kas")["G\(closing + 1)"])
        #expect(balance.formula != nil && balance.number == Double(book.rows.last!.balance.amount))
        #expect(balance.number! > 0)

        let loans = try WorkbookReader(path: try demo.write("loan-portfolio", language: .en).path)
        let sheet = try #require(loans.sheetNames.first { loans.rows($0).contains { $0.contains("PAR30") } })
        let grid = loans.rows(sheet)
        let header = try #require(grid.firstIndex { $0.contains("PAR30") })
        let par = try #require(grid[header].firstIndex(of: "PAR30"))
        let total = try #require(grid.indices.first { $0 > header && grid[$0].first == "Total" })
        let portfolio = try Loans.portfolio(asOf: min(period.end, demo.workspace.today), in: demo.workspace)
        let atRisk = portfolio.groups.reduce(Int64(0)) { $0 + $1.atRisk30.amount }
        let outstanding = portfolio.groups.reduce(Int64(0)) { $0 + $1.outstanding.amount }
        let cell = try #require(loans.cells(sheet)["\(columnName(par))\(total + 1)"])
        #expect(cell.formula?.hasPrefix("IF(") == true)
        #expect(abs(cell.number! - Double(atRisk) / Double(outstanding)) < 1e-12 && cell.number! > 0)
    }

    @Test func aCountTotalStoresItsCount() throws {
        let demo = try DemoReports()
        let template = try TemplateLoader.parse("""
            id: counted
            title: Counted
            audience: internal
            parameters: [period]
            sheets:
              - name: Cohorts
                dataset: cohorts
                columns:
                  - {field: cohort, label: Cohort, total: count}
                  - {field: enrolled, label: Enrolled, total: count}
            """, file: "counted.yaml")
        let written = try ReportWriter.write(template, parameters: ReportParameters(period: try Period(parsing: "2026"), periodLabel: "2026"),
                                             folder: demo.folder + "/Counted", in: demo.workspace)
        let book = try WorkbookReader(path: written.path)
        let grid = book.rows("Cohorts")
        let total = try #require(grid.firstIndex { $0.first == "Jumlah" })
        let cohorts = try Cohorts.list(in: demo.workspace).count
        #expect(book.cells("Cohorts")["B\(total + 1)"]?.formula?.hasPrefix("COUNTA(") == true)
        #expect(book.cells("Cohorts")["B\(total + 1)"]?.number == Double(cohorts))
    }

    @Test func aFormulaBerdayaCannotComputeOrThatDisagreesWithItsDatasetIsRefusedAndWritesNothing() throws {
        let demo = try DemoReports()
        let out = demo.folder + "/Refused"
        let lookup = """
            id: lookup
            title: Lookup
            audience: funder
            parameters: [period, fund]
            sheets:
              - name: Book
                dataset: cash-book
                columns:
                  - {field: in, label: In}
                  - {field: balance, label: Balance, formula: "=VLOOKUP({in},A1:B9,2)"}
            """
        let refused = #expect(throws: TemplateError.self) { try ReportWriter.validate(TemplateLoader.parse(lookup, file: "lookup.yaml")) }
        #expect(refused?.line == 10 && refused?.field == "formula" && refused?.message.en.contains("VLOOKUP") == true)
        // A running balance that forgets the money going out gives another figure than the ledger's.
        let wrong = try TemplateLoader.parse(lookup.replacingOccurrences(of: "=VLOOKUP({in},A1:B9,2)", with: "={balance@prev}+{in}"),
                                             file: "wrong.yaml")
        let parameters = ReportParameters(period: try Period(parsing: "2025..2026"), periodLabel: "2025..2026", fund: "ZAKAT-PROD")
        let error = #expect(throws: ReportError.self) { try ReportWriter.write(wrong, parameters: parameters, folder: out, in: demo.workspace) }
        if case .formulaDisagrees? = error {} else { Issue.record("expected formulaDisagrees, got \(String(describing: error))") }
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []).isEmpty, "nothing is written")
    }
}
