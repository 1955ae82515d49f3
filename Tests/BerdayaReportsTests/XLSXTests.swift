import BerdayaTestSupport
import Foundation
import Testing
import XLSX

@Suite struct XLSXTests {
    @Test func aWorkbookHoldsWhatWasWrittenWithItsFormatsFormulasAndChart() throws {
        let temporary = try TemporaryFolder("xlsx"), folder = temporary.path
        let path = folder + "/test.xlsx"
        let workbook = try Workbook(path: path)
        try workbook.setProperties(.init(title: "Laporan Uji", author: "bendahara", company: "Berdaya"))
        let sheet = try workbook.addWorksheet("Penjualan: 2026/Q1")
        let bold = workbook.format(FormatSpec(bold: true, fill: 0xDDEBF7, border: .thin))
        #expect(workbook.format(FormatSpec(bold: true, fill: 0xDDEBF7, border: .thin)) === bold, "equal specs share a format")
        let money = workbook.format(FormatSpec(numberFormat: "\"Rp\" #,##0"))
        try sheet.merge(rows: 0...0, columns: 0...2, string: "Judul & <angka>", bold)
        for (row, (name, amount)) in [("Nastar", 85_000.0), ("Kastengel", 95_000.0), ("Putri salju", 70_000.0)].enumerated() {
            try sheet.write(row + 2, 0, string: name)
            try sheet.write(row + 2, 1, number: amount, money)
            try sheet.write(row + 2, 2, year: 2026, month: 3, day: row + 1, workbook.format(FormatSpec(numberFormat: "dd/mm/yyyy")))
        }
        try sheet.write(5, 1, formula: "=SUM(B3:B5)", value: .number(250_000), money)
        sheet.freezePanes(row: 2)
        try sheet.autofilter(rows: 1...4, columns: 0...2)
        try sheet.validateList(rows: 2...4, columns: 3...3, values: ["hadir", "izin", "absen"])
        try sheet.setColumn(0...0, width: 20)
        let chart = try workbook.addChart(.column)
        chart.setTitle("Omzet")
        try chart.addSeries(name: "Omzet", categories: CellAddress.range(sheet: sheet.name, rows: 2...4, column: 0),
                            values: CellAddress.range(sheet: sheet.name, rows: 2...4, column: 1))
        try sheet.insert(chart, row: 1, column: 5)
        try workbook.close()

        let book = try WorkbookReader(path: path)
        #expect(book.sheetNames == ["Penjualan- 2026-Q1"], "Excel's forbidden characters are replaced")
        let cells = book.cells("Penjualan- 2026-Q1")
        #expect(cells["A1"]?.value == "Judul & <angka>")
        #expect(cells["A4"]?.value == "Kastengel" && cells["B4"]?.number == 95_000)
        #expect(cells["C3"]?.number == 46082, "2026-03-01 is serial 46082")
        #expect(cells["B6"]?.formula == "SUM(B3:B5)" && cells["B6"]?.number == 250_000)
        let xml = book.parts["xl/worksheets/sheet1.xml"] ?? ""
        #expect(xml.contains("<mergeCell ref=\"A1:C1\"/>") && xml.contains("<autoFilter ref=\"A2:C5\"/>"))
        #expect(xml.contains("state=\"frozen\"") && xml.contains("<formula1>\"hadir,izin,absen\"</formula1>"))
        #expect(book.parts.keys.contains("xl/charts/chart1.xml"))
        #expect(book.parts["xl/charts/chart1.xml"]?.contains("'Penjualan- 2026-Q1'!$B$3:$B$5") == true)
        #expect(book.parts["docProps/core.xml"]?.contains("<dc:title>Laporan Uji</dc:title>") == true)
        #expect(book.parts["xl/styles.xml"]?.contains("&quot;Rp&quot; #,##0") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["test.xlsx"], "no temporary file stays behind")
    }

    @Test func constantMemoryWritesRowsInOrderAndTheSameCells() throws {
        let temporary = try TemporaryFolder("xlsx"), folder = temporary.path
        let workbook = try Workbook(path: folder + "/big.xlsx", constantMemory: true)
        let sheet = try workbook.addWorksheet("Data")
        for row in 0..<1000 {
            try sheet.write(row, 0, string: "KBM-\(row)")
            try sheet.write(row, 1, number: Double(row))
        }
        try workbook.close()
        let cells = try WorkbookReader(path: folder + "/big.xlsx").cells("Data")
        #expect(cells.count == 2000 && cells["A1000"]?.value == "KBM-999" && cells["B1000"]?.number == 999)
    }

    @Test func aWorkbookThatCannotBeWrittenLeavesNothingBehind() throws {
        let temporary = try TemporaryFolder("xlsx"), folder = temporary.path
        // The destination's folder does not exist: the library cannot write, the error says why.
        let missing = folder + "/no-such-folder/report.xlsx"
        let workbook = try Workbook(path: missing)
        try workbook.addWorksheet("A").write(0, 0, string: "x")
        #expect(throws: XLSXError.self) { try workbook.close() }
        #expect(!FileManager.default.fileExists(atPath: missing))
        // A bad sheet name and a cell beyond Excel's limits are refused with the library's message.
        let other = try Workbook(path: folder + "/bad.xlsx")
        let sheet = try other.addWorksheet("Data")
        let error = #expect(throws: XLSXError.self) { try sheet.write(2_000_000, 0, string: "x") }
        #expect(error?.message.isEmpty == false)
        #expect(throws: XLSXError.self) { try other.addWorksheet("Data") }
        try other.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["bad.xlsx"])
    }
}
