import Foundation
import ZIPFoundation

/// Reads a written .xlsx back: every part's XML, the sheets by name, each cell's value and formula.
struct WorkbookReader {
    struct CellValue: Equatable {
        var value: String
        var formula: String?
        var number: Double? { Double(value) }
    }

    let parts: [String: String]
    let sheetNames: [String]

    init(path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        var parts: [String: String] = [:]
        for entry in archive {
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            parts[entry.path] = String(decoding: data, as: UTF8.self)
        }
        self.parts = parts
        let workbook = parts["xl/workbook.xml"] ?? ""
        sheetNames = Self.matches(#"<sheet name="([^"]*)""#, in: workbook).map { Self.unescape($0[1]) }
    }

    /// Everything a reader could see: every XML part, joined.
    var allText: String { parts.values.joined(separator: "\n") }

    private var sharedStrings: [String] {
        Self.matches(#"<si>(.*?)</si>"#, in: parts["xl/sharedStrings.xml"] ?? "").map { item in
            Self.matches(#"<t[^>]*>(.*?)</t>"#, in: item[1]).map { Self.unescape($0[1]) }.joined()
        }
    }

    /// The cells of a sheet by A1 name; strings resolved from the shared table.
    func cells(_ sheet: String) -> [String: CellValue] {
        guard let index = sheetNames.firstIndex(of: sheet), let xml = parts["xl/worksheets/sheet\(index + 1).xml"] else { return [:] }
        let strings = sharedStrings
        var cells: [String: CellValue] = [:]
        for match in Self.matches(#"<c r="([A-Z]+[0-9]+)"([^>]*?)(?:/>|>(.*?)</c>)"#, in: xml) {
            let body = match[3]
            let formula = Self.matches(#"<f>(.*?)</f>"#, in: body).first.map { Self.unescape($0[1]) }
            var value = Self.matches(#"<v>(.*?)</v>"#, in: body).first.map { Self.unescape($0[1]) } ?? ""
            if match[2].contains(#"t="s""#), let i = Int(value), i < strings.count { value = strings[i] }
            if match[2].contains(#"t="inlineStr""#) {
                value = Self.matches(#"<t[^>]*>(.*?)</t>"#, in: body).map { Self.unescape($0[1]) }.joined()
            }
            cells[match[1]] = CellValue(value: value, formula: formula)
        }
        return cells
    }

    /// Rows of a sheet as text, in order, for looking things up by label.
    func rows(_ sheet: String) -> [[String]] {
        let cells = cells(sheet)
        var grid: [Int: [Int: String]] = [:]
        for (name, cell) in cells {
            let letters = name.prefix { $0.isLetter }, digits = Int(name.dropFirst(letters.count))!
            let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
            grid[digits - 1, default: [:]][column] = cell.value
        }
        let last = grid.keys.max() ?? -1
        return (0...max(last, 0)).map { r in
            let row = grid[r] ?? [:]
            return (0...(row.keys.max() ?? 0)).map { row[$0] ?? "" }
        }
    }

    static func matches(_ pattern: String, in text: String) -> [[String]] {
        let regex = try! NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
        let ns = text as NSString
        return regex.matches(in: text, range: NSRange(location: 0, length: ns.length)).map { match in
            (0..<match.numberOfRanges).map { match.range(at: $0).location == NSNotFound ? "" : ns.substring(with: match.range(at: $0)) }
        }
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
