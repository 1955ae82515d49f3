import BerdayaKit
import Foundation
import XLSX

/// The workbook's formats, one set per language (rupiah reads `Rp 1.250.000` or `IDR 1,250,000`).
struct Styles {
    let language: Language
    let title, subtitle, italic, label, wrap, header, text, note, totalLabel, signature, hidden: Format
    private let workbook: Workbook

    init(workbook: Workbook, language: Language) {
        self.workbook = workbook
        self.language = language
        title = workbook.format(FormatSpec(bold: true, fontSize: 14, fontColor: 0x1F4E79))
        subtitle = workbook.format(FormatSpec(italic: true, fontColor: 0x595959))
        italic = workbook.format(FormatSpec(italic: true))
        label = workbook.format(FormatSpec(bold: true, verticalCenter: true))
        wrap = workbook.format(FormatSpec(wrap: true, verticalCenter: true))
        header = workbook.format(FormatSpec(bold: true, fontColor: 0xFFFFFF, fill: 0x1F4E79, border: .thin, wrap: true,
                                            alignment: .center, verticalCenter: true))
        text = workbook.format(FormatSpec(border: .thin))
        note = workbook.format(FormatSpec(italic: true, fontColor: 0x595959))
        totalLabel = workbook.format(FormatSpec(bold: true, fill: 0xDDEBF7, border: .thin, topBorder: .medium))
        signature = workbook.format(FormatSpec(border: .thin))
        hidden = workbook.format(FormatSpec(fontColor: 0x595959, border: .thin, alignment: .right))
    }

    func number(_ format: ColumnFormat, total: Bool = false, subtotal: Bool = false) -> Format {
        let code: String? = switch format {
        case .rupiah: language == .id ? "\"Rp\" #,##0;[Red]-\"Rp\" #,##0" : "\"IDR\" #,##0;[Red]-\"IDR\" #,##0"
        case .integer, .people: "#,##0"
        case .percent: "0.0%"
        case .decimal: "0.0"
        case .date: language == .id ? "dd/mm/yyyy" : "yyyy-mm-dd"
        case .month: monthFormat
        case .text: nil
        }
        return workbook.format(FormatSpec(numberFormat: code, bold: total || subtotal, fill: total ? 0xDDEBF7 : subtotal ? 0xF2F2F2 : nil,
                                          border: .thin, topBorder: total ? .medium : .none,
                                          alignment: format == .text ? .left : .right,
                                          // Text a step in from the border, so '<5' never runs into the number before
                                          // it; not a subtotal's label, which must run on into the blank cells.
                                          // (Numbers stay at the border: LibreOffice indents right-aligned numbers
                                          // in some rows and not in others.)
                                          indent: format == .text && !subtotal ? 1 : 0))
    }

    /// Months are dates (the first of the month) shown as `Mar 2026`, or `Mar 2026` with
    /// Indonesian month names (`Agu`, `Des`) in an Indonesian workbook.
    var monthFormat: String { language == .id ? "[$-421]mmm yyyy" : "[$-409]mmm yyyy" }
}

/// One table sheet: title, header, rows (grouped with subtotals if asked), totals as formulas,
/// the `<5` rule for people in workbooks that leave the organisation, a chart.
struct TableWriter {
    let sheet: SheetSpec
    let rows: [DataRow]
    let worksheet: Worksheet
    let style: Styles
    let parameters: ReportParameters
    /// Which cells this workbook hides, decided for the whole workbook before any is written.
    let disclosure: Disclosure
    /// This sheet's place in the template (figures are keyed by it).
    let index: Int
    /// Where the counts and shares went, for the auditor.
    let positions: PositionRecorder
    let constantMemory: Bool
    /// The day the report is written: a period that runs past it says its data stop there.
    var today: DayDate? = nil

    var l: Language { style.language }

    /// Writes the sheet; returns how many cells it hides.
    func write() throws -> Int {
        let columns = sheet.columns + (sheet.signatureColumn.map { [ColumnSpec(field: "", label: $0)] } ?? [])
        let last = columns.count - 1
        try worksheet.write(0, 0, string: (sheet.title ?? sheet.name)(l), style.title)
        try worksheet.write(1, 0, string: subtitle(), style.subtitle)
        let headerRow = 3
        // Widths: as asked, else from the longest value (within reason).
        var widths: [Double] = []
        for (index, column) in columns.enumerated() {
            var longest = rows.prefix(500).map { text($0[column.field] ?? .empty).count }.max() ?? 0
            if index == 0, sheet.subtotals, let field = sheet.groupBy {  // "Subjumlah KBM-2025-1" fits its column
                longest = max(longest, rows.prefix(500).map { text($0[field] ?? .empty).count + 10 }.max() ?? 0)
            }
            let width = column.width ?? min(50, max(10, Double(max(longest, column.label(l).count / 2 + 1)) * 1.1 + 2))
            widths.append(sheet.signatureColumn != nil && index == last ? 28 : width)
            try worksheet.setColumn(index...index, width: widths[index])
        }
        // Bold header labels wrap too: a long one in a narrow column gets a third line, not a cut.
        let headerLines = columns.indices.map { ReportLayout.lines(columns[$0].label(l), width: widths[$0] * 0.9) }.max() ?? 1
        try worksheet.setRow(headerRow, height: max(30, ReportLayout.height(lines: headerLines)))
        for (index, column) in columns.enumerated() {
            try worksheet.write(headerRow, index, string: column.label(l), style.header)
        }
        // Filters and drop-downs cover rows not yet written: in constant-memory mode rows
        // already flushed to disk can no longer be referred to, so they are set first.
        if !rows.isEmpty {
            let groupCount = sheet.groupBy == nil ? 0 : Set(rows.map { text($0[sheet.groupBy!] ?? .empty) }).count
            let lastRow = headerRow + rows.count + (sheet.subtotals ? max(0, groupCount - 1) : 0)
            if sheet.autofilter { try worksheet.autofilter(rows: headerRow...lastRow, columns: 0...last) }
            for (index, column) in columns.enumerated() where !column.choices.isEmpty {
                try worksheet.validateList(rows: (headerRow + 1)...lastRow, columns: index...index, values: column.choices)
            }
        }
        var row = headerRow + 1
        var suppressed = 0
        var firstData: Int?
        var lastData: Int?
        var subtotalRows: [Int] = []
        var groupRanges: [ClosedRange<Int>] = []
        let groups: [(String?, ArraySlice<DataRow>)] = grouped()
        var positionOf: [String: Int] = [:]
        for (index, column) in columns.enumerated() where !column.field.isEmpty { positionOf[column.field] = index }

        let tracked = disclosure.tracked(sheet: index)
        for (group, (groupName, members)) in groups.enumerated() {
            let start = row
            for (rowIndex, data) in zip(members.indices, members) {
                firstData = firstData ?? row
                let wrapped = wrappedHeight(data, columns: columns, widths: widths)
                if sheet.signatureColumn != nil || wrapped != nil {
                    try worksheet.setRow(row, height: max(sheet.signatureColumn != nil ? 24 : 0, wrapped ?? 0))
                }
                var formulas: [PendingFormula] = []
                for (index, column) in columns.enumerated() {
                    if column.field.isEmpty { try worksheet.writeBlank(row, index, style.signature); continue }
                    let cell = data[column.field] ?? .empty
                    let format = column.format ?? cell.naturalFormat
                    if let formula = column.formula, cell != .empty, row > firstData! || !formula.contains("@prev") {
                        let resolved = resolve(formula, row: row, first: firstData!, positions: positionOf)
                        formulas.append(PendingFormula(column: index, formula: resolved, format: style.number(format), expected: cell))
                        continue
                    }
                    let figure = Figure(sheet: self.index, place: .data(rowIndex), field: column.field)
                    if tracked.contains(column.field) { positions.record(figure, CellPosition(sheet: worksheet.name, row: row, column: index)) }
                    if let symbol = disclosure.symbol(figure) {
                        try worksheet.write(row, index, string: symbol, style.hidden)
                        suppressed += 1
                        continue
                    }
                    try write(cell, format: format, row: row, column: index, width: widths[index])
                }
                try SheetFormulas(worksheet: worksheet).write(formulas, row: row)
                lastData = row
                row += 1
            }
            if let groupName, sheet.subtotals, row > start {
                groupRanges.append(start...(row - 1))
                suppressed += try totalRow(row, columns: columns, range: start...(row - 1), label: Localized(id: "Subjumlah", en: "Subtotal")(l) + " " + groupName,
                                           place: .subtotal(group), positions: positionOf, first: start, members: members)
                subtotalRows.append(row)
                row += 1
            }
        }
        if rows.isEmpty {
            try worksheet.write(row, 0, string: Localized(id: "Tidak ada data pada periode ini.", en: "No data for this period.")(l), style.note)
            row += 1
        } else if columns.contains(where: { $0.total != .none || $0.totalFormula != nil }), let firstData, let lastData {
            suppressed += try totalRow(row, columns: columns, range: firstData...lastData, label: Localized(id: "Jumlah", en: "Total")(l),
                                       place: .total, positions: positionOf, first: firstData, members: rows[...])
            row += 1
        }
        if suppressed > 0 {
            row += 1
            try writeNote(row, ReportWriter.privacyNote(l, threshold: disclosure.threshold), widths: widths)
            row += 1
        }
        for paragraph in sheet.paragraphs {
            row += 1
            try writeNote(row, paragraph(l), widths: widths)
        }
        if sheet.freezeHeader { worksheet.freezePanes(row: headerRow + 1) }
        // The chart goes under the table and its notes, as wide as the table: it covers nothing
        // and does not widen the printed page.
        if let chart = sheet.chart, let firstData, let lastData {
            try insertChart(chart, positions: positionOf, rows: firstData...lastData, subtotals: Set(subtotalRows), at: row + 2,
                            width: widths.map(ReportLayout.pixels).reduce(0, +))
        }
        try worksheet.setupPrint(landscape: sheet.landscape || columns.count > 7, repeatRows: sheet.repeatHeader ? headerRow...headerRow : nil)
        try worksheet.setFooter(Localized(id: "&L\(sheet.name(l))&RHalaman &P dari &N", en: "&L\(sheet.name(l))&RPage &P of &N")(l))
        return suppressed
    }

    private func grouped() -> [(String?, ArraySlice<DataRow>)] {
        guard let field = sheet.groupBy else { return [(nil, rows[...])] }
        var result: [(String?, ArraySlice<DataRow>)] = []
        var start = 0
        for index in rows.indices where index == rows.count - 1 || text(rows[index][field] ?? .empty) != text(rows[index + 1][field] ?? .empty) {
            result.append((text(rows[index][field] ?? .empty), rows[start...index]))
            start = index + 1
        }
        return result
    }

    private func subtitle() -> String {
        let p = parameters
        let label = ReportLayout.period(p.periodLabel)
        var parts = [Localized(id: "Periode \(label): \(ReportWriter.display(p.period.start, l)) – \(ReportWriter.display(p.period.end, l))",
                               en: "Period \(label): \(ReportWriter.display(p.period.start, l)) – \(ReportWriter.display(p.period.end, l))")(l)]
        if let today, let asOf = ReportLayout.dataAsOf(p.period, today: today, l) { parts[0] += " (\(asOf))" }
        if let funder = p.funder { parts.append(Localized(id: "Pemberi dana \(funder)", en: "Funder \(funder)")(l)) }
        if let fund = p.fund { parts.append(Localized(id: "Dana \(fund)", en: "Fund \(fund)")(l)) }
        if let site = p.site { parts.append(Localized(id: "Situs \(site)", en: "Site \(site)")(l)) }
        if let cohort = p.cohort { parts.append(Localized(id: "Angkatan \(cohort)", en: "Cohort \(cohort)")(l)) }
        return parts.joined(separator: " · ")
    }

    private func text(_ cell: Cell) -> String {
        switch cell {
        case let .text(text): text
        case let .integer(value): String(value)
        case let .people(value): String(value)
        case let .money(value): value.formatted(l)
        case let .date(date): date.description
        case let .month(month): month.description
        case let .percent(value), let .decimal(value): value.map { String(format: "%.1f", $0) } ?? ""
        case .empty: ""
        }
    }

    private func write(_ cell: Cell, format: ColumnFormat, row: Int, column: Int, width: Double? = nil) throws {
        switch cell {
        case let .text(text):
            // Text longer than its column wraps (the row is made tall enough), never cut or spilling.
            let wraps = width.map { ReportLayout.lines(text, width: $0) > 1 } ?? false
            try worksheet.write(row, column, string: text, wraps ? wrappedText : style.number(.text))
        case let .date(date): try worksheet.write(row, column, year: date.year, month: date.month, day: date.day, style.number(.date))
        case let .month(month): try worksheet.write(row, column, year: month.year, month: month.month, day: 1, style.number(.month))
        case .empty, .percent(nil), .decimal(nil): try worksheet.writeBlank(row, column, style.number(format))
        default: try worksheet.write(row, column, number: cell.number!, style.number(format))
        }
    }

    /// `{field}` is this row's cell, `{field@prev}` the row above, `{field@first}` the first data row.
    private func resolve(_ formula: String, row: Int, first: Int, positions: [String: Int]) -> String {
        var result = formula
        for reference in ReportWriter.references(in: formula) {
            guard let column = positions[reference.field] else { continue }
            let target = switch reference.position {
            case "prev": row - 1
            case "first": first
            default: row
            }
            result = result.replacingOccurrences(of: reference.token, with: CellAddress.name(row: target, column: column))
        }
        return result
    }

    /// The visible numbers of a column: their sum and how many.
    private func stats(_ members: ArraySlice<DataRow>, _ field: String) -> (sum: Double, count: Int) {
        var sum = 0.0, count = 0
        for data in members { if let value = data[field]?.number { sum += value; count += 1 } }
        return (sum, count)
    }

    /// Writes a total or subtotal row; returns how many of its cells are hidden.
    private func totalRow(_ row: Int, columns: [ColumnSpec], range: ClosedRange<Int>, label: String, place: Figure.Place,
                          positions positionOf: [String: Int], first: Int, members: ArraySlice<DataRow>) throws -> Int {
        let subtotal = place != .total
        var hidden = 0
        try worksheet.write(row, 0, string: label, subtotal ? style.number(.text, subtotal: true) : style.totalLabel)
        let formulas = SheetFormulas(worksheet: worksheet)
        var pending: [PendingFormula] = []
        let tracked = disclosure.tracked(sheet: self.index)
        for (index, column) in columns.enumerated() where index > 0 {
            // The column's format from its first filled cell: a blank first cell has no number format.
            let format = column.format ?? rows.lazy.compactMap { $0[column.field] }.first { $0 != .empty }?.naturalFormat ?? .integer
            let cells = CellAddress.name(row: range.lowerBound, column: index) + ":" + CellAddress.name(row: range.upperBound, column: index)
            let figure = Figure(sheet: self.index, place: place, field: column.field)
            if tracked.contains(column.field) {
                positions.record(figure, CellPosition(sheet: worksheet.name, row: row, column: index))
            }
            if let symbol = disclosure.symbol(figure) {
                try worksheet.write(row, index, string: symbol, style.hidden)
                hidden += 1
                continue
            }
            if let formula = column.totalFormula, !subtotal {
                pending.append(PendingFormula(column: index, formula: resolve(formula, row: row, first: first, positions: positionOf),
                                              format: style.number(format, total: true), expected: nil))
                continue
            }
            let seen = stats(members, column.field)
            let format2 = style.number(format, total: !subtotal, subtotal: subtotal)
            // A formula over a column with hidden cells would add only what is shown: the true
            // total is written as a number instead, and the note says why.
            if disclosure.hidesPart(sheet: self.index, field: column.field), column.total == .sum || column.total == .average {
                let value = column.total == .sum ? seen.sum : seen.count == 0 ? nil : seen.sum / Double(seen.count)
                if let value { try worksheet.write(row, index, number: value, format2) } else { try worksheet.writeBlank(row, index, format2) }
                continue
            }
            // SUBTOTAL leaves out the subtotal rows inside a grouped range.
            let grouped = sheet.groupBy != nil && sheet.subtotals
            switch column.total {
            case .sum:
                try formulas.write(row, index, formula: grouped || subtotal ? "=SUBTOTAL(9,\(cells))" : "=SUM(\(cells))",
                                   style.number(format, total: !subtotal, subtotal: subtotal))
            case .average:
                try formulas.write(row, index, formula: grouped || subtotal ? "=SUBTOTAL(1,\(cells))" : "=AVERAGE(\(cells))", format2)
            case .count:
                try formulas.write(row, index, formula: grouped || subtotal ? "=SUBTOTAL(3,\(cells))" : "=COUNTA(\(cells))",
                                   style.number(.integer, total: !subtotal, subtotal: subtotal))
            case .none:
                try worksheet.writeBlank(row, index, subtotal ? style.number(.text, subtotal: true) : style.totalLabel)
            }
        }
        // After the row's other cells, so a total formula may refer to the totals beside it.
        try formulas.write(pending, row: row)
        return hidden
    }

    private func insertChart(_ spec: ChartSpec, positions: [String: Int], rows range: ClosedRange<Int>, subtotals: Set<Int>, at row: Int,
                             width: Double) throws {
        var chosen = range
        if let field = spec.onlyField, let value = spec.onlyValue {
            let indices = rows.indices.filter { text(rows[$0][field] ?? .empty) == value }
            guard let low = indices.first, let high = indices.last else { return }
            chosen = (range.lowerBound + low)...(range.lowerBound + high)
        }
        guard subtotals.isEmpty, let categories = positions[spec.categories] else { return }
        let chart = try worksheet.workbook.addChart(spec.kind)
        chart.setTitle(spec.title(l))
        for field in spec.values {
            guard let valueColumn = positions[field] else { continue }
            let name = sheet.columns.first { $0.field == field }?.label(l)
            try chart.addSeries(name: name, categories: CellAddress.range(sheet: worksheet.name, rows: chosen, column: categories),
                                values: CellAddress.range(sheet: worksheet.name, rows: chosen, column: valueColumn))
        }
        if spec.values.count == 1 && spec.kind != .pie { chart.hideLegend() } else { chart.legendAtBottom() }
        // Axes read like the table: thousands grouped (70.000.000, not 70000000), months as months.
        let valueFormat = spec.values.compactMap { field in sheet.columns.first { $0.field == field }?.format
            ?? rows.lazy.compactMap { $0[field] }.first { $0 != .empty }?.naturalFormat }.first
        chart.setValueAxisNumberFormat(valueFormat == .percent ? "0%" : valueFormat == .decimal ? "#,##0.0" : "#,##0")
        if rows.lazy.compactMap({ $0[spec.categories] }).first(where: { $0 != .empty })?.naturalFormat == .month {
            chart.setCategoryAxisNumberFormat(style.monthFormat)
        }
        // libxlsxwriter's default chart is 480 x 288 pixels: as wide as the table, within reason.
        let scaleX = min(1.6, max(1.0, width / 480))
        try worksheet.insert(chart, row: row, column: 0, scaleX: scaleX, scaleY: 1.2)
    }
}

/// Collects where the writer put each count and share.
final class PositionRecorder: @unchecked Sendable {
    private(set) var cells: [Figure: CellPosition] = [:]
    func record(_ figure: Figure, _ position: CellPosition) { cells[figure] = position }
}

