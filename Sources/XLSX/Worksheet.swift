import CXlsxWriter
import Foundation

/// One sheet. Rows and columns count from 0, as in libxlsxwriter.
public final class Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    /// The sheet's name as written, after `Workbook.sheetName` cleaned it.
    public let name: String
    public unowned let workbook: Workbook
    /// Every cell written, by row and column, so formulas can be computed from what the sheet holds.
    private var written: [Int: StoredCell] = [:]
    /// Whether the sheet keeps what each cell holds (`stored(row:column:)`), for computing the
    /// formulas written into it. Off by default: it costs memory in proportion to the cells,
    /// which a plain writer of a million rows in constant-memory mode should not pay.
    public var remembersCells = false

    init(_ handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.handle = handle
        self.name = name
        self.workbook = workbook
    }

    /// A text cell at `row`, `column` (from 0); refuses a cell beyond the sheet's limits or a string
    /// longer than a cell may hold.
    public func write(_ row: Int, _ column: Int, string: String, _ format: Format? = nil) throws {
        try string.withCString {
            try check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), $0, format?.handle),
                      "\(name)!\(CellAddress.name(row: row, column: column))")
        }
        record(row, column, .text(string))
    }

    /// A number cell at `row`, `column` (from 0); refuses a cell beyond the sheet's limits.
    public func write(_ row: Int, _ column: Int, number: Double, _ format: Format? = nil) throws {
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format?.handle),
                  "\(name)!\(CellAddress.name(row: row, column: column))")
        record(row, column, .number(number))
    }

    /// A calendar date; give it a format with a date number format to show as one.
    public func write(_ row: Int, _ column: Int, year: Int, month: Int, day: Int, _ format: Format? = nil) throws {
        var date = lxw_datetime(year: Int32(year), month: Int32(month), day: Int32(day), hour: 0, min: 0, sec: 0)
        try check(worksheet_write_datetime(handle, lxw_row_t(row), lxw_col_t(column), &date, format?.handle),
                  "\(name)!\(CellAddress.name(row: row, column: column))")
        record(row, column, .number(Double(CellAddress.serial(year: year, month: month, day: day))))
    }

    /// A formula such as `=SUM(B2:B9)` with the value it computes, which is stored beside it so
    /// readers that do not recalculate (previews, mail, pandas, LibreOffice by default) show the
    /// true figure. There is no way to write a formula without its value; a value that is not a
    /// finite number is refused.
    public func write(_ row: Int, _ column: Int, formula: String, value: FormulaValue, _ format: Format? = nil) throws {
        let place = "\(name)!\(CellAddress.name(row: row, column: column)) \(formula)"
        try formula.withCString { text in
            switch value {
            case let .number(number):
                guard number.isFinite else { throw XLSXError(message: "a formula's value must be a finite number, not \(number)", context: place) }
                try check(worksheet_write_formula_num(handle, lxw_row_t(row), lxw_col_t(column), text, format?.handle, number), place)
            case let .text(string):
                try string.withCString {
                    try check(worksheet_write_formula_str(handle, lxw_row_t(row), lxw_col_t(column), text, format?.handle, $0), place)
                }
            }
        }
        record(row, column, .formula(formula, value))
    }

    /// A cell with a format and no value (a border, a fill).
    public func writeBlank(_ row: Int, _ column: Int, _ format: Format?) throws {
        try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format?.handle), name)
        record(row, column, .blank)
    }

    /// What was written to a cell, for computing the formulas that refer to it; nil if nothing was
    /// (or the sheet does not remember its cells).
    public func stored(row: Int, column: Int) -> StoredCell? {
        written[Self.key(row, column)]
    }

    private func record(_ row: Int, _ column: Int, _ cell: StoredCell) {
        if remembersCells { written[Self.key(row, column)] = cell }
    }

    private static func key(_ row: Int, _ column: Int) -> Int { row << 16 | column }

    /// Merged cells holding one string, for titles. Not available in constant-memory mode.
    public func merge(rows: ClosedRange<Int>, columns: ClosedRange<Int>, string: String, _ format: Format? = nil) throws {
        try string.withCString {
            try check(worksheet_merge_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(columns.lowerBound),
                                            lxw_row_t(rows.upperBound), lxw_col_t(columns.upperBound), $0, format?.handle),
                      "\(name) merge")
        }
        record(rows.lowerBound, columns.lowerBound, .text(string))
    }

    /// The width of these columns in characters of the default font, and their format.
    public func setColumn(_ columns: ClosedRange<Int>, width: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_column(handle, lxw_col_t(columns.lowerBound), lxw_col_t(columns.upperBound), width, format?.handle),
                  "\(name) column width")
    }

    /// The height of a row in points, and its format.
    public func setRow(_ row: Int, height: Double, _ format: Format? = nil) throws {
        try check(worksheet_set_row(handle, lxw_row_t(row), height, format?.handle), "\(name) row height")
    }

    /// Keeps the rows above `row` and the columns left of `column` in view when scrolling.
    public func freezePanes(row: Int, column: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(row), lxw_col_t(column))
    }

    /// Filter buttons on the first row of the range (its header).
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

    /// Places `chart` with its top left corner at the cell, scaled from the default size.
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

    /// The footer printed on every page, in Excel's header and footer codes (`&P` for the page number).
    public func setFooter(_ text: String) throws {
        try text.withCString { try check(worksheet_set_footer(handle, $0), "\(name) footer") }
    }

    /// Hides the gridlines on screen and on paper.
    public func hideGridlines() { worksheet_gridlines(handle, UInt8(LXW_HIDE_ALL_GRIDLINES.rawValue)) }
}

/// What a formula computes: a number or a text.
public enum FormulaValue: Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case text(String)

    public var description: String {
        switch self {
        case let .number(number): String(number)
        case let .text(text): "\"\(text)\""
        }
    }
}

/// A cell as the worksheet holds it.
public enum StoredCell: Sendable, Equatable {
    case number(Double)
    case text(String)
    case blank
    /// The formula as written (with its `=`) and the value stored beside it.
    case formula(String, FormulaValue)
}

/// A1-style names for cells and ranges, with the sheet quoted as Excel wants.
public enum CellAddress {
    /// The letters of a column counted from 0: 0 is A, 25 is Z, 26 is AA.
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

    /// A cell's A1 name from its row and column counted from 0; `absolute` gives `$A$1`.
    public static func name(row: Int, column: Int, absolute: Bool = false) -> String {
        absolute ? "$\(self.column(column))$\(row + 1)" : "\(self.column(column))\(row + 1)"
    }

    /// The spreadsheet's serial number of a calendar date from 1 March 1900 on (1900 date system,
    /// as libxlsxwriter writes dates: 2026-03-01 is 46082).
    public static func serial(year: Int, month: Int, day: Int) -> Int {
        // Days from the civil calendar (Howard Hinnant's algorithm), relative to 1899-12-30.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        let days = era * 146097 + doe - 719468  // days since 1970-01-01
        return days + 25569
    }

    /// A formula reference to one column's rows of a sheet, `='Sheet'!$B$2:$B$9`, with any quote in
    /// the sheet's name doubled.
    public static func range(sheet: String, rows: ClosedRange<Int>, column: Int) -> String {
        "='\(sheet.replacingOccurrences(of: "'", with: "''"))'!" + name(row: rows.lowerBound, column: column, absolute: true)
            + ":" + name(row: rows.upperBound, column: column, absolute: true)
    }
}
