import Foundation
import XLSX

// Writes ROWS rows × 10 columns of mixed strings, numbers and dates through the XLSX layer,
// the same cells and formats as scripts/xlsx-bench.c, and prints the seconds it took.
// Usage: xlsx-bench ROWS PATH [--constant-memory]
let arguments = CommandLine.arguments
guard arguments.count >= 3, let rows = Int(arguments[1]) else {
    FileHandle.standardError.write(Data("usage: xlsx-bench ROWS PATH [--constant-memory]\n".utf8))
    exit(2)
}
let start = Date()
do {
    let workbook = try Workbook(path: arguments[2], constantMemory: arguments.contains("--constant-memory"))
    let sheet = try workbook.addWorksheet("Data")
    let money = workbook.format(FormatSpec(numberFormat: "#,##0"))
    let date = workbook.format(FormatSpec(numberFormat: "dd/mm/yyyy"))
    let bold = workbook.format(FormatSpec(bold: true))
    for column in 0..<10 { try sheet.write(0, column, string: "Kolom \(column + 1)", bold) }
    for row in 1...rows {
        try sheet.write(row, 0, string: "KBM-\(row % 10_000)")
        try sheet.write(row, 1, string: "Nastar toples \(row % 97)")
        try sheet.write(row, 2, number: Double(row % 1000), money)
        try sheet.write(row, 3, number: Double(row * 85_000 % 9_999_999), money)
        try sheet.write(row, 4, year: 2025 + row % 2, month: 1 + row % 12, day: 1 + row % 28, date)
        try sheet.write(row, 5, string: row % 3 == 0 ? "marketplace" : "langsung")
        try sheet.write(row, 6, number: Double(row) / 7)
        try sheet.write(row, 7, number: Double(row % 5))
        try sheet.write(row, 8, string: "Kebumen")
        try sheet.write(row, 9, number: Double(row * 3 % 100_000), money)
    }
    try workbook.close()
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
print(String(format: "%.2f", Date().timeIntervalSince(start)))
