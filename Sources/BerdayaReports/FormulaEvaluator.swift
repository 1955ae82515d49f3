import Foundation
import XLSX

/// Computes the spreadsheet formulas Berdaya writes, so that each is stored with the value a
/// spreadsheet program would compute for it: numbers, text in quotes, `+ - * / &`, parentheses,
/// comparisons (`= <> < > <= >=`), cell references (`B7`, `$B$7`), ranges (`B5:B9`) inside
/// functions, and the functions `IF`, `SUM`, `AVERAGE`, `COUNT`, `COUNTA`, `MIN`, `MAX`, `ROUND`,
/// `ABS` and `SUBTOTAL` (1, 2, 3, 4, 5, 9 and their 10x forms). Anything else is refused, so a
/// template can never write a formula whose value Berdaya does not know.
struct FormulaEvaluator {
    /// A value as a spreadsheet sees it while computing.
    enum Value: Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case blank
    }

    /// Why a formula has no value. `syntax` and `unsupported` are mistakes in the formula;
    /// the others are what a spreadsheet would show as `#DIV/0!` or `#VALUE!`.
    enum Failure: Error, Equatable, CustomStringConvertible {
        case syntax(String)
        case unsupported(String)
        case divisionByZero
        case notANumber(String)
        case circular(String)

        var description: String {
            switch self {
            case let .syntax(what): "syntax: \(what)"
            case let .unsupported(what): "not supported: \(what)"
            case .divisionByZero: "#DIV/0!"
            case let .notANumber(text): "#VALUE! (\"\(text)\" is not a number)"
            case let .circular(cell): "circular reference at \(cell)"
            }
        }

        /// A spreadsheet error (the formula is fine, the data gives no value), as opposed to a
        /// formula Berdaya cannot compute.
        var isSpreadsheetError: Bool {
            switch self {
            case .divisionByZero, .notANumber: true
            default: false
            }
        }
    }

    /// The value of a cell (row and column from 0), and whether it holds a `SUBTOTAL` formula
    /// (which `SUBTOTAL` leaves out of its ranges).
    let cell: (_ row: Int, _ column: Int) throws -> Value
    var isSubtotal: (_ row: Int, _ column: Int) -> Bool = { _, _ in false }

    /// The value `formula` (with or without its leading `=`) computes.
    func evaluate(_ formula: String) throws -> FormulaValue {
        let node = try Self.parse(formula)
        switch try value(node) {
        case let .number(number): return .number(number)
        case let .text(text): return .text(text)
        case let .bool(flag): return .number(flag ? 1 : 0)
        case .blank: return .number(0)
        }
    }

    /// Parses a formula without computing it: a mistake is found before any data is read.
    static func check(_ formula: String) throws {
        _ = try parse(formula)
    }

    // MARK: Syntax

    indirect enum Node: Equatable {
        case number(Double)
        case text(String)
        case bool(Bool)
        case cell(row: Int, column: Int)
        case range(rows: ClosedRange<Int>, columns: ClosedRange<Int>)
        case negate(Node)
        case binary(String, Node, Node)
        case call(String, [Node])
    }

    enum Token: Equatable {
        case number(Double)
        case text(String)
        case name(String)
        case cell(row: Int, column: Int)
        case symbol(String)
    }

    static let functions: Set<String> = ["IF", "SUM", "AVERAGE", "COUNT", "COUNTA", "MIN", "MAX", "ROUND", "ABS", "SUBTOTAL"]

    static func parse(_ formula: String) throws -> Node {
        var text = Substring(formula.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("=") { text = text.dropFirst() }
        var parser = Parser(tokens: try tokens(text))
        let node = try parser.comparison()
        guard parser.position == parser.tokens.count else {
            throw Failure.syntax("unexpected \(parser.tokens[parser.position]) in \(formula)")
        }
        return node
    }

    private static func tokens(_ text: Substring) throws -> [Token] {
        var result: [Token] = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            let c = characters[i]
            if c == " " { i += 1; continue }
            if c.isNumber || (c == "." && i + 1 < characters.count && characters[i + 1].isNumber) {
                var j = i
                while j < characters.count, characters[j].isNumber || characters[j] == "." { j += 1 }
                if j < characters.count, characters[j] == "E" || characters[j] == "e" {
                    var k = j + 1
                    if k < characters.count, characters[k] == "+" || characters[k] == "-" { k += 1 }
                    if k < characters.count, characters[k].isNumber {
                        j = k
                        while j < characters.count, characters[j].isNumber { j += 1 }
                    }
                }
                guard let number = Double(String(characters[i..<j])) else { throw Failure.syntax("bad number \(String(characters[i..<j]))") }
                result.append(.number(number))
                i = j
            } else if c == "\"" {
                var j = i + 1, string = ""
                while true {
                    guard j < characters.count else { throw Failure.syntax("a text in quotes is not closed") }
                    if characters[j] == "\"" {
                        if j + 1 < characters.count, characters[j + 1] == "\"" { string.append("\""); j += 2; continue }
                        break
                    }
                    string.append(characters[j])
                    j += 1
                }
                result.append(.text(string))
                i = j + 1
            } else if c.isLetter || c == "$" {
                var j = i
                while j < characters.count, characters[j].isLetter || characters[j].isNumber || characters[j] == "$" || characters[j] == "." || characters[j] == "_" { j += 1 }
                let word = String(characters[i..<j])
                if j < characters.count, characters[j] == "!" { throw Failure.unsupported("a reference to another sheet (\(word)!)") }
                if let (row, column) = cellAddress(word) {
                    result.append(.cell(row: row, column: column))
                } else if word.contains("$") {
                    throw Failure.syntax("bad cell reference \(word)")
                } else {
                    result.append(.name(word.uppercased()))
                }
                i = j
            } else if c == "'" {
                throw Failure.unsupported("a reference to another sheet")
            } else {
                let two = i + 1 < characters.count ? String(characters[i...(i + 1)]) : ""
                if ["<>", "<=", ">="].contains(two) {
                    result.append(.symbol(two))
                    i += 2
                } else if "+-*/&=<>(),:;".contains(c) {
                    result.append(.symbol(c == ";" ? "," : String(c)))
                    i += 1
                } else {
                    throw Failure.syntax("unexpected character '\(c)'")
                }
            }
        }
        return result
    }

    /// `B7` or `$B$7` as row and column from 0.
    static func cellAddress(_ word: String) -> (Int, Int)? {
        let plain = word.replacingOccurrences(of: "$", with: "")
        let letters = plain.prefix { $0.isASCII && $0.isUppercase }
        let digits = plain.dropFirst(letters.count)
        guard (1...3).contains(letters.count), !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let row = Int(digits), row >= 1, word.filter({ $0 == "$" }).count <= 2 else { return nil }
        let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
        return (row - 1, column)
    }

    private struct Parser {
        let tokens: [Token]
        var position = 0

        var next: Token? { position < tokens.count ? tokens[position] : nil }

        mutating func take(_ symbol: String) -> Bool {
            if next == .symbol(symbol) { position += 1; return true }
            return false
        }

        mutating func comparison() throws -> Node {
            var node = try concatenation()
            while case let .symbol(op)? = next, ["=", "<>", "<", ">", "<=", ">="].contains(op) {
                position += 1
                node = .binary(op, node, try concatenation())
            }
            return node
        }

        mutating func concatenation() throws -> Node {
            var node = try additive()
            while take("&") { node = .binary("&", node, try additive()) }
            return node
        }

        mutating func additive() throws -> Node {
            var node = try term()
            while case let .symbol(op)? = next, op == "+" || op == "-" {
                position += 1
                node = .binary(op, node, try term())
            }
            return node
        }

        mutating func term() throws -> Node {
            var node = try unary()
            while case let .symbol(op)? = next, op == "*" || op == "/" {
                position += 1
                node = .binary(op, node, try unary())
            }
            return node
        }

        mutating func unary() throws -> Node {
            if take("-") { return .negate(try unary()) }
            if take("+") { return try unary() }
            return try primary()
        }

        mutating func primary() throws -> Node {
            guard let token = next else { throw Failure.syntax("the formula ends too soon") }
            position += 1
            switch token {
            case let .number(number): return .number(number)
            case let .text(text): return .text(text)
            case let .cell(row, column):
                if take(":") {
                    guard case let .cell(row2, column2)? = next else { throw Failure.syntax("a range needs a cell after ':'") }
                    position += 1
                    return .range(rows: min(row, row2)...max(row, row2), columns: min(column, column2)...max(column, column2))
                }
                return .cell(row: row, column: column)
            case let .name(name):
                if !take("(") {
                    if name == "TRUE" { return .bool(true) }
                    if name == "FALSE" { return .bool(false) }
                    throw Failure.unsupported("the name \(name)")
                }
                guard FormulaEvaluator.functions.contains(name) else { throw Failure.unsupported("the function \(name)") }
                var arguments: [Node] = []
                if !take(")") {
                    repeat { arguments.append(try comparison()) } while take(",")
                    guard take(")") else { throw Failure.syntax("\(name)( is not closed") }
                }
                return .call(name, arguments)
            case .symbol("("):
                let node = try comparison()
                guard take(")") else { throw Failure.syntax("a '(' is not closed") }
                return node
            case let .symbol(symbol):
                throw Failure.syntax("unexpected '\(symbol)'")
            }
        }
    }

    // MARK: Computing

    private func value(_ node: Node) throws -> Value {
        switch node {
        case let .number(number): return .number(number)
        case let .text(text): return .text(text)
        case let .bool(flag): return .bool(flag)
        case let .cell(row, column): return try cell(row, column)
        case .range: throw Failure.unsupported("a range outside a function")
        case let .negate(inner): return .number(-(try number(value(inner))))
        case let .binary(op, left, right):
            let a = try value(left), b = try value(right)
            switch op {
            case "+": return .number(try number(a) + number(b))
            case "-": return .number(try number(a) - number(b))
            case "*": return .number(try number(a) * number(b))
            case "/":
                let divisor = try number(b)
                guard divisor != 0 else { throw Failure.divisionByZero }
                return .number(try number(a) / divisor)
            case "&": return .text(text(a) + text(b))
            default: return .bool(compare(a, b, op))
            }
        case let .call(name, arguments): return try call(name, arguments)
        }
    }

    private func call(_ name: String, _ arguments: [Node]) throws -> Value {
        func count(_ range: ClosedRange<Int>) throws { guard range.contains(arguments.count) else { throw Failure.syntax("\(name) takes \(range.lowerBound) to \(range.upperBound) arguments") } }
        switch name {
        case "IF":
            try count(2...3)
            let condition = try value(arguments[0])
            if try truth(condition) { return try value(arguments[1]) }
            return arguments.count == 3 ? try value(arguments[2]) : .bool(false)
        case "ROUND":
            try count(2...2)
            let x = try number(value(arguments[0])), digits = try number(value(arguments[1]))
            let scale = pow10(Int(digits))
            return .number((abs(x) * scale).rounded(.toNearestOrAwayFromZero) / scale * (x < 0 ? -1 : 1))
        case "ABS":
            try count(1...1)
            return .number(abs(try number(value(arguments[0]))))
        case "SUBTOTAL":
            guard arguments.count >= 2 else { throw Failure.syntax("SUBTOTAL takes a function number and ranges") }
            let code = Int(try number(value(arguments[0])))
            let names = [1: "AVERAGE", 2: "COUNT", 3: "COUNTA", 4: "MAX", 5: "MIN", 9: "SUM"]
            guard let function = names[code % 100] else { throw Failure.unsupported("SUBTOTAL(\(code), ...)") }
            return try aggregate(function, Array(arguments.dropFirst()), skippingSubtotals: true)
        default:
            try count(1...255)
            return try aggregate(name, arguments, skippingSubtotals: false)
        }
    }

    /// SUM and its kin: over ranges and references they take the numbers and skip text and
    /// blanks (COUNTA counts every cell that is not blank); a value given directly counts as one.
    private func aggregate(_ name: String, _ arguments: [Node], skippingSubtotals: Bool) throws -> Value {
        var numbers: [Double] = []
        var filled = 0
        for argument in arguments {
            switch argument {
            case let .range(rows, columns):
                for row in rows {
                    for column in columns where !(skippingSubtotals && isSubtotal(row, column)) {
                        let v = try cell(row, column)
                        if case let .number(n) = v { numbers.append(n) }
                        if v != .blank { filled += 1 }
                    }
                }
            case let .cell(row, column):
                if skippingSubtotals && isSubtotal(row, column) { continue }
                let v = try cell(row, column)
                if case let .number(n) = v { numbers.append(n) }
                if v != .blank { filled += 1 }
            default:
                let v = try value(argument)
                filled += 1
                if name != "COUNTA" && name != "COUNT" { numbers.append(try number(v)) } else if case .number = v { numbers.append(0) }
            }
        }
        switch name {
        case "SUM": return .number(numbers.reduce(0, +))
        case "AVERAGE":
            guard !numbers.isEmpty else { throw Failure.divisionByZero }
            return .number(numbers.reduce(0, +) / Double(numbers.count))
        case "COUNT": return .number(Double(numbers.count))
        case "COUNTA": return .number(Double(filled))
        case "MIN": return .number(numbers.min() ?? 0)
        case "MAX": return .number(numbers.max() ?? 0)
        default: throw Failure.unsupported("the function \(name)")
        }
    }

    private func number(_ value: Value) throws -> Double {
        switch value {
        case let .number(number): number
        case let .bool(flag): flag ? 1 : 0
        case .blank: 0
        case let .text(text): throw Failure.notANumber(text)
        }
    }

    private func truth(_ value: Value) throws -> Bool {
        switch value {
        case let .bool(flag): flag
        case let .number(number): number != 0
        case .blank: false
        case let .text(text): throw Failure.notANumber(text)
        }
    }

    private func text(_ value: Value) -> String {
        switch value {
        case let .text(text): text
        case let .bool(flag): flag ? "TRUE" : "FALSE"
        case .blank: ""
        case let .number(number):
            number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        }
    }

    /// Numbers below text below booleans, as spreadsheets order them; text without regard to case;
    /// a blank is 0 beside a number and "" beside a text.
    private func compare(_ a: Value, _ b: Value, _ op: String) -> Bool {
        func rank(_ v: Value) -> Int {
            switch v {
            case .number, .blank: 0
            case .text: 1
            case .bool: 2
            }
        }
        var order: Int
        switch (a, b) {
        case (.text, .blank), (.blank, .text), (.text, .text):
            let x = text(a).lowercased(), y = text(b).lowercased()
            order = x == y ? 0 : x < y ? -1 : 1
        default:
            if rank(a) != rank(b) {
                order = rank(a) < rank(b) ? -1 : 1
            } else {
                let x = (try? number(a)) ?? 0, y = (try? number(b)) ?? 0
                order = x == y ? 0 : x < y ? -1 : 1
            }
        }
        switch op {
        case "=": return order == 0
        case "<>": return order != 0
        case "<": return order < 0
        case ">": return order > 0
        case "<=": return order <= 0
        default: return order >= 0
        }
    }

    private func pow10(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(digits) { result *= 10 }
        return digits < 0 ? 1 / result : result
    }
}
