import BerdayaKit
import Foundation
import XLSX

/// A formula waiting to be written in the row being written: it is computed once every other
/// cell of its row is in the sheet, so it may refer to any of them, and to other formulas of
/// the row whatever their order.
struct PendingFormula {
    var column: Int
    /// The formula with its references resolved to cells (`=G5+E6-F6`).
    var formula: String
    var format: Format
    /// The dataset's own figure for this cell, if it has one: the formula must give it.
    var expected: Cell?
}

/// Computes formulas from what a worksheet already holds, so each is written with its value.
struct SheetFormulas {
    let worksheet: Worksheet

    /// Writes each pending formula of `row` with the value it computes. A formula whose data
    /// give a spreadsheet error (`#DIV/0!`, text where a number is needed) is written as `–`,
    /// which is what a reader should see; one that disagrees with the dataset's figure is refused.
    func write(_ pending: [PendingFormula], row: Int) throws {
        guard !pending.isEmpty else { return }
        // Without the sheet's cells every reference would read as blank and the value be wrong.
        precondition(worksheet.remembersCells, "formulas are computed from the cells a worksheet remembers")
        var computed: [Int: Result<FormulaValue, FormulaEvaluator.Failure>] = [:]
        var visiting: Set<Int> = []
        let byColumn = Dictionary(pending.map { ($0.column, $0) }, uniquingKeysWith: { a, _ in a })

        func compute(_ column: Int) -> Result<FormulaValue, FormulaEvaluator.Failure> {
            if let known = computed[column] { return known }
            guard let formula = byColumn[column]?.formula else { return .success(.number(0)) }
            guard visiting.insert(column).inserted else {
                return .failure(.circular(CellAddress.name(row: row, column: column)))
            }
            let evaluator = FormulaEvaluator(cell: { r, c in
                if r == row, worksheet.stored(row: r, column: c) == nil, byColumn[c] != nil {
                    return try Self.value(of: compute(c).get())
                }
                return Self.value(of: worksheet.stored(row: r, column: c))
            }, isSubtotal: isSubtotal)
            let result: Result<FormulaValue, FormulaEvaluator.Failure>
            do { result = .success(try evaluator.evaluate(formula)) } catch let failure as FormulaEvaluator.Failure {
                result = .failure(failure)
            } catch {
                result = .failure(.syntax("\(error)"))
            }
            visiting.remove(column)
            computed[column] = result
            return result
        }

        for item in pending.sorted(by: { $0.column < $1.column }) {
            switch compute(item.column) {
            case let .success(value):
                try check(value, against: item.expected, at: row, item)
                try worksheet.write(row, item.column, formula: item.formula, value: value, item.format)
            case let .failure(failure) where failure.isSpreadsheetError:
                try worksheet.write(row, item.column, string: "–", item.format)
            case let .failure(failure):
                throw ReportError.formulaNotComputable(sheet: worksheet.name, cell: CellAddress.name(row: row, column: item.column),
                                                       formula: item.formula, why: failure.description)
            }
        }
    }

    /// Writes one formula that refers only to cells already written (a total's `SUM`).
    func write(_ row: Int, _ column: Int, formula: String, _ format: Format) throws {
        try write([PendingFormula(column: column, formula: formula, format: format, expected: nil)], row: row)
    }

    func isSubtotal(_ row: Int, _ column: Int) -> Bool {
        if case let .formula(text, _)? = worksheet.stored(row: row, column: column) {
            return text.uppercased().hasPrefix("=SUBTOTAL(")
        }
        return false
    }

    /// A dataset figure computed in code and the formula that shows it must agree, or one of
    /// them is wrong; rounded figures (percentages to 0.1, decimals to 0.1) within their rounding.
    private func check(_ value: FormulaValue, against expected: Cell?, at row: Int, _ item: PendingFormula) throws {
        guard let expected, let figure = expected.number else { return }
        let tolerance: Double = switch expected {
        case .percent: 0.0005
        case .decimal: 0.05
        default: 0
        }
        let agrees: Bool
        if case let .number(number) = value {
            agrees = abs(number - figure) <= tolerance + 1e-9 * max(1, abs(figure))
        } else {
            agrees = false
        }
        guard agrees else {
            throw ReportError.formulaDisagrees(sheet: worksheet.name, cell: CellAddress.name(row: row, column: item.column),
                                               formula: item.formula, computed: value.description, dataset: String(figure))
        }
    }

    static func value(of stored: StoredCell?) -> FormulaEvaluator.Value {
        switch stored {
        case let .number(number)?: .number(number)
        case let .text(text)?: .text(text)
        case .blank?, nil: .blank
        case let .formula(_, result)?: value(of: result)
        }
    }

    static func value(of value: FormulaValue) -> FormulaEvaluator.Value {
        switch value {
        case let .number(number): .number(number)
        case let .text(text): .text(text)
        }
    }
}
