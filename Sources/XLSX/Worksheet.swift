import CXlsxWriter
import Foundation

/// One sheet. Rows and columns count from 0, as in libxlsxwriter.
public final class Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    public unowned let workbook: Workbook

    init(_ handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.handle = handle
        self.name = name
        self.workbook = workbook
    }

    public func write(_ row: Int, _ column: Int, string: String, _ format: Format? = nil) throws {
        try string.withCString {
            try check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), $0, format?.handle),
                      "\(name)!\(CellAddress.name(row: row, column: column))")
        }
    }

    public func write(_ row: Int, _ column: Int, number: Double, _ format: Format? = nil) throws {
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle),
                  "\(name)!\(CellAddress.name(row: row, column: column))")
    }

    /// A calendar date; give it a format with a date number format to show as one.
    public func write(_ row: Int, _ column: Int, year: Int, month: Int, day: Int, _ format: Format? = nil) throws {
        var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &date, format?.handle),
                  "\(name)!\(CellAddress.name(row: row, column: column))")
    }

    /// A formula such as `=SUM(B2:B9)`, with the value it has now so readers that do not
    /// recalculate (viewers, previews) still show it.
    public func write(_ row: Int, _ column: Int, formula: String, value: Double? = nil, _ format: Format? = nil) throws {
        try formula.withCString { text in
            let result = value.map { worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), text, format?.handle, $0) }
                ?? worksheet_write_formula(handle, lxw_row_t(row), lxw_col_t(column), text, format?.handle)
            try check(result, "\(name)!\(CellAddress.name(row: row, column: column)) \(formula)")
        }
    }

    public func writeBlank(_ row: Int, _ column: Int, _ format: Format?) throws {
        try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format?.handle), name)
    }

    /// Merged cells holding one string, for titles. Not available in constant-memory mode.
    public func merge(rows: ClosedRange<Int>, columns: ClosedRange<Int>, string: String, _ format: Format? = nil) throws {
        try string.withCString {
            try check(worksheet_merge_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                            lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), $0, format?.handle),
                      "\(name) merge")
        }
    }

    public func setColumn(_ columns: ClosedRange<Int>, width: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_column(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format?.handle),
                  "\(name) column width")
    }

    public func setRow(_ row: Int, height: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_row(handle, lxw_row_t(row), height, format?.handle), "\(name) row height")
    }

    public func freezePanes(row: Int, column: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    public func autofilter(rows: ClosedRange<Int>, columns: ClosedRange<Int>) throws {
        try check(worksheet_autofilter(handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                       lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound)), "\(name) autofilter")
    }

    /// A drop-down list of allowed values for a range of cells.
    public func validateList(rows: ClosedRange<Int>, columns: ClosedRange<Int>, values: [String]) throws {
        var pointers: [UnsafeMutablePointer<CChar>?] = values.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        try pointers.withUnsafeMutableBufferPointer { buffer in
            validation.value_list = buffer.baseAddress
            // The list is copied into the worksheet before this returns.
            try check(worksheet_data_validation_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                                      lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), &validation),
                      "\(name) data validation")
        }
    }

    public func insert(_ chart: Chart, row: Int, column: Int, scaleX: Double = 1, scaleY: Double = 1) throws {
        var options = lxw_chart_options()
        options.x_scale = scaleX
        options.y_scale = scaleY
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options), "\(name) chart")
    }

    /// Printing: landscape or portrait, A4, header rows repeated on every page, fit to page width.
    public func setupPrint(landscape: Bool, repeatRows: ClosedRange<Int>? = nil, fitToWidth: Bool = true) throws {
        if landscape { worksheet_set_landscape(handle) } else { worksheet_set_portrait(handle) }
        worksheet_set_paper(handle, 9)
        if let repeatRows {
            try check(worksheet_repeat_rows(handle, lxw_row_t(repeatRows.lowerBound), lxw_row_t(repeatRows.upperBound)), "\(name) print rows")
        }
        if fitToWidth { worksheet_fit_to_pages(handle, 1, 0) }
    }

    public func setFooter(_ text: String) throws {
        try text.withCString { try check(worksheet_set_footer(handle, $0), "\(name) footer") }
    }

    public func hideGridlines() { worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }

    public func activate() { worksheet_activate(handle) }
}

/// A1-style names for cells and ranges, with the sheet quoted as Excel wants.
public enum CellAddress {
    public static func column(_ index: Int) -> String {
        var index = index + 1
        var name = ""
        while index > 0 {
            let remainder = (index - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            index = (index - 1) / 26
        }
        return name
    }

    public static func name(row: Int, column: Int, absolute: Bool = false) -> String {
        absolute ? "$\(self.column(column))$\(row + 1)" : "\(self.column(column))\(row + 1)"
    }

    public static func range(sheet: String, rows: ClosedRange<Int>, column: Int) -> String {
        "='\(sheet.replacingOccurrences(of: "'", with: "''"))'!" + name(row: rows.lowerBound, column: column, absolute: true)
            + ":" + name(row: rows.upperBound, column: column, absolute: true)
    }
}
