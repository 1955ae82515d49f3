import BerdayaKit
import Foundation
import Testing
@testable import BerdayaReports

@Suite struct LayoutTests {
    @Test(arguments: [[1, 1, 1], [98_554_000, 12_263_000, 8_225_000, 7_174_000, 33_562_000, 84_467_000, 278_000, 89_794_000],
                      [5, 5, 2, 7], [1, 2], [999, 1], [0, 3, 0], [1, 1, 1, 1, 1, 1, 1]] as [[Int64]])
    func sharesAddUpToExactlyOneHundredAndStayWithinRounding(parts: [Int64]) {
        let shares = Shares.percentages(parts).map { $0! }
        #expect((shares.reduce(0, +) * 10).rounded() == 1000, "\(shares)")
        let whole = Double(parts.reduce(0, +))
        for (part, share) in zip(parts, shares) {
            #expect(abs(share - Double(part) / whole * 100) < 0.1 + 1e-9, "each share moves less than one step")
            #expect((share * 10).rounded() == share * 10, "one decimal")
        }
    }

    @Test func sharesOfNothingAreNotShares() {
        #expect(Shares.percentages([0, 0]) == [nil, nil])
        #expect(Shares.percentages([]) == [])
    }

    @Test func wrappedLinesFollowTheColumnWidth() {
        #expect(ReportLayout.lines("Rp 1.250.000", width: 20) == 1)
        #expect(ReportLayout.lines(String(repeating: "kata ", count: 40), width: 20) >= 8)
        #expect(ReportLayout.lines("satu\ndua\ntiga", width: 50) == 3)
        #expect(ReportLayout.lines(String(repeating: "x", count: 100), width: 20) >= 4, "a long word breaks where it must")
        #expect(ReportLayout.height(lines: 3) > ReportLayout.height(lines: 2))
    }

    @Test func periodsReadAsPeopleWriteThemAndSayWhenTheDataStop() throws {
        #expect(ReportLayout.period("2025..2026") == "2025–2026")
        #expect(ReportLayout.period("2026-H1") == "2026-H1")
        let today = DayDate(year: 2026, month: 11, day: 20)!
        #expect(ReportLayout.dataAsOf(try Period(parsing: "2025..2026"), today: today, .id) == "data per 20/11/2026")
        #expect(ReportLayout.dataAsOf(try Period(parsing: "2025..2026"), today: today, .en) == "data as of 2026-11-20")
        #expect(ReportLayout.dataAsOf(try Period(parsing: "2026-H1"), today: today, .id) == nil)
    }

    @Test func textSortsWithItsNumbersInOrder() {
        let sessions = ["JBR-2026-1/10 · A", "JBR-2026-1/2 · B", "JBR-2026-1/1 · C"]
        #expect(sessions.sorted { Cell.text($0).sortKey < Cell.text($1).sortKey } == ["JBR-2026-1/1 · C", "JBR-2026-1/2 · B", "JBR-2026-1/10 · A"])
    }

    @Test func budgetLinesShowByName() {
        #expect(BudgetLineLabels.label("micro_grants", .id) == "Hibah modal usaha")
        #expect(BudgetLineLabels.label("micro_grants", .en) == "Micro-grants")
        #expect(BudgetLineLabels.label("sewa_tempat", .id) == "sewa tempat")
    }

    @Test func theShippedWorkbooksShowMonthsAsDatesAndMarksTheirDropDownAccepts() throws {
        let demo = try DemoReports()
        let donor = try WorkbookReader(path: try demo.write("donor-report").path)
        let months = donor.rows("Usaha per bulan")
        let header = try #require(months.firstIndex { $0.first == "Bulan" })
        #expect(Double(months[header + 1][0]) != nil, "a month is a date serial, not text")
        #expect(donor.parts["xl/styles.xml"]?.contains("[$-421]mmm yyyy") == true)
        let budget = donor.rows("Anggaran")
        #expect(!budget.contains { $0.contains("micro_grants") } && budget.contains { $0.contains("Hibah modal usaha") })
        let channels = donor.rows("Saluran")
        let total = try #require(channels.first { $0.first == "Jumlah" })
        #expect(total.last.flatMap(Double.init) == 1, "shares add to 100.0%")

        let register = try WorkbookReader(path: try demo.write("attendance-register", cohort: "JBR-2026-1").path)
        let xml = register.parts["xl/worksheets/sheet1.xml"] ?? ""
        let list = try #require(WorkbookReader.matches(#"<formula1>"([^<]*)"</formula1>"#, in: xml).first?[1])
        let choices = Set(list.split(separator: ",").map(String.init))
        let rows = register.rows(register.sheetNames[0])
        let markColumn = try #require(rows.first { $0.contains("Kehadiran") }?.firstIndex(of: "Kehadiran"))
        let marks = Set(rows.compactMap { $0.count > markColumn ? $0[markColumn] : nil }.filter { !$0.isEmpty && $0 != "Kehadiran" })
        #expect(!marks.isEmpty && marks.isSubset(of: choices), "\(marks.subtracting(choices)) fail the drop-down")
        let sessions = rows.compactMap { $0.first }.filter { $0.hasPrefix("JBR-2026-1/") }.compactMap { Int($0.dropFirst(11).prefix { $0.isNumber }) }
        #expect(sessions == sessions.sorted() && sessions.contains(10))
    }
}
