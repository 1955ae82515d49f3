import BerdayaKit
import Foundation

/// How text fits on a printed page: wrapped lines from a column width, row heights, and the
/// labels a reader sees for a period and for the day the data stop.
enum ReportLayout {
    /// Points per line of 11-point text, with the row's padding.
    static let lineHeight = 15.0

    /// How many lines `text` takes when wrapped in a cell `width` characters wide (the width
    /// unit of a column: one digit of the default font). Words are not split unless longer than
    /// a line; an explicit line break starts a new line. Running text in the default font
    /// (Calibri, or Carlito in LibreOffice) is narrower than digits: a line holds about 1.1
    /// characters per unit of width, less a little for the cell's padding.
    static func lines(_ text: String, width: Double) -> Int {
        let capacity = max(1, Int((width * 1.1).rounded(.down)) - 2)
        var total = 0
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var lines = 1, used = 0
            for word in paragraph.split(separator: " ") {
                let length = word.count
                if used == 0 {
                    used = length
                } else if used + 1 + length <= capacity {
                    used += 1 + length
                } else {
                    lines += 1
                    used = length
                }
                while used > capacity {  // a word longer than a line breaks where it must
                    lines += 1
                    used -= capacity
                }
            }
            total += lines
        }
        return max(1, total)
    }

    /// The height of a row whose wrapped text takes `lines` lines.
    static func height(lines: Int) -> Double { Double(lines) * lineHeight + 2 }

    /// A period as a reader writes it: `2025–2026` for the span typed `2025..2026`.
    static func period(_ label: String) -> String {
        label.replacingOccurrences(of: "..", with: "–")
    }

    /// "data as of" when the period runs past the day the report is written: the figures stop there.
    static func dataAsOf(_ period: Period, today: DayDate, _ l: Language) -> String? {
        guard period.end > today else { return nil }
        return Localized(id: "data per \(ReportWriter.display(today, l))", en: "data as of \(ReportWriter.display(today, l))")(l)
    }

    /// The width in pixels of a column `width` characters wide (Excel's rule for the default font).
    static func pixels(_ width: Double) -> Double { (width * 7 + 5).rounded() }
}
