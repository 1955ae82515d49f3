import XLSX

extension TableWriter {
    /// A text cell that wraps within its column, bordered like the others.
    var wrappedText: Format { worksheet.workbook.format(FormatSpec(border: .thin, wrap: true, alignment: .left, indent: 1)) }

    /// The height a data row needs for its longest text to wrap into its column, or nil when
    /// every text fits on one line.
    func wrappedHeight(_ data: DataRow, columns: [ColumnSpec], widths: [Double]) -> Double? {
        var lines = 1
        for (index, column) in columns.enumerated() where !column.field.isEmpty {
            if case let .text(text)? = data[column.field] { lines = max(lines, ReportLayout.lines(text, width: widths[index])) }
        }
        return lines > 1 ? ReportLayout.height(lines: lines) : nil
    }

    /// A note under a table (the privacy rule, a template's paragraphs): wrapped within the
    /// table's width, so a long line never widens the printed page and shrinks it to fit, and
    /// given the height its lines need, so nothing is cut.
    func writeNote(_ row: Int, _ text: String, widths: [Double]) throws {
        let format = worksheet.workbook.format(FormatSpec(italic: true, fontColor: 0x595959, wrap: true, verticalTop: true))
        // A table of one narrow column still gives a note a readable width.
        let width = max(40, widths.reduce(0, +))
        if constantMemory || widths.count < 2 {
            // No merged cells in constant-memory mode: the note wraps in the first column.
            try worksheet.setRow(row, height: ReportLayout.height(lines: ReportLayout.lines(text, width: widths.first ?? 40)))
            try worksheet.write(row, 0, string: text, format)
        } else {
            try worksheet.setRow(row, height: ReportLayout.height(lines: ReportLayout.lines(text, width: width)))
            try worksheet.merge(rows: row...row, columns: 0...(widths.count - 1), string: text, format)
        }
    }
}
