import Foundation

/// What a reader can still work out about unknown figures: the smallest and largest value each
/// can take, given linear equations between them and bounds on each. A small dense two-phase
/// simplex (Bland's rule, so it never cycles) over the real relaxation: its bounds are at least
/// as wide as the integer ones, and for the sums and margins of a workbook they are the same.
/// This is what an attacker with a spreadsheet's solver would do; the suppression planner and
/// the auditor both ask it.
public struct FeasibleRange: Sendable {
    /// `Σ coefficients[i] · x[i] = constant`.
    public struct Equation: Sendable, Equatable {
        public var terms: [Int: Double]
        public var constant: Double
        /// Variables not named in `terms` have coefficient 0.
        public init(terms: [Int: Double], constant: Double) {
            self.terms = terms
            self.constant = constant
        }
    }

    public let lower: [Double]
    public let upper: [Double]
    public let equations: [Equation]
    /// The equations each variable is in.
    private let among: [Int: [Int]]

    /// Variable `i` lies in `lower[i]...upper[i]`, and every equation holds.
    public init(lower: [Double], upper: [Double], equations: [Equation]) {
        self.lower = lower
        self.upper = upper
        self.equations = equations
        var among: [Int: [Int]] = [:]
        for (r, equation) in equations.enumerated() { for variable in equation.terms.keys { among[variable, default: []].append(r) } }
        self.among = among
    }

    /// The range of variable `index`: nil when the constraints cannot all hold.
    public func range(of index: Int) -> ClosedRange<Double>? {
        // Only the variables linked to this one through equations matter.
        let (variables, rows) = component(of: index)
        let local = Dictionary(uniqueKeysWithValues: variables.enumerated().map { ($1, $0) })
        guard let low = optimise(variables, rows, local, target: local[index]!, sign: 1),
              let high = optimise(variables, rows, local, target: local[index]!, sign: -1) else { return nil }
        return low...(-high)
    }

    private func component(of index: Int) -> ([Int], [Equation]) {
        var seen: Set<Int> = [index], queue = [index], rows: [Int] = [], used = Set<Int>()
        while let next = queue.popLast() {
            for r in among[next] ?? [] where used.insert(r).inserted {
                rows.append(r)
                for variable in equations[r].terms.keys where seen.insert(variable).inserted { queue.append(variable) }
            }
        }
        return (seen.sorted(), rows.sorted().map { equations[$0] })
    }

    /// min sign·x[target]; nil when infeasible; -∞ when unbounded.
    private func optimise(_ variables: [Int], _ rows: [Equation], _ local: [Int: Int], target: Int, sign: Double) -> Double? {
        let n = variables.count
        // y = x − lower ≥ 0; finite upper bounds become y + s = upper − lower.
        var matrix: [[Double]] = []
        var rhs: [Double] = []
        for equation in rows {
            var row = [Double](repeating: 0, count: n)
            var constant = equation.constant
            for (variable, coefficient) in equation.terms {
                row[local[variable]!] += coefficient
                constant -= coefficient * lower[variable]
            }
            matrix.append(row)
            rhs.append(constant)
        }
        let bounded = variables.indices.filter { upper[variables[$0]].isFinite }
        let width = n + bounded.count
        for r in matrix.indices { matrix[r] += [Double](repeating: 0, count: bounded.count) }
        for (slack, column) in bounded.enumerated() {
            var row = [Double](repeating: 0, count: width)
            row[column] = 1
            row[n + slack] = 1
            matrix.append(row)
            rhs.append(upper[variables[column]] - lower[variables[column]])
        }
        var cost = [Double](repeating: 0, count: width)
        cost[target] = sign
        guard let value = Simplex(matrix: matrix, rhs: rhs, cost: cost).solve() else { return nil }
        return value + sign * lower[variables[target]]
    }
}

/// min cost·z subject to matrix·z = rhs, z ≥ 0.
private struct Simplex {
    var matrix: [[Double]]
    var rhs: [Double]
    var cost: [Double]
    static let epsilon = 1e-9

    func solve() -> Double? {
        let m = matrix.count, n = cost.count
        if m == 0 { return cost.contains { $0 < 0 } ? -.infinity : 0 }
        // Tableau with one artificial variable per row (phase 1), rhs made non-negative.
        var t = [[Double]](repeating: [Double](repeating: 0, count: n + m + 1), count: m)
        for r in 0..<m {
            let flip: Double = rhs[r] < 0 ? -1 : 1
            for c in 0..<n { t[r][c] = flip * matrix[r][c] }
            t[r][n + r] = 1
            t[r][n + m] = flip * rhs[r]
        }
        var basis = (0..<m).map { n + $0 }
        var phase1 = [Double](repeating: 0, count: n + m)
        for r in 0..<m { phase1[n + r] = 1 }
        guard Self.run(&t, &basis, phase1, columns: n + m) != nil else { return nil }
        let infeasibility = (0..<m).reduce(0.0) { $0 + (basis[$1] >= n ? t[$1][n + m] : 0) }
        if infeasibility > 1e-7 { return nil }
        // Drive artificial variables out of the basis where a real column can replace them.
        for r in 0..<m where basis[r] >= n {
            if let c = (0..<n).first(where: { abs(t[r][$0]) > Self.epsilon }) { Self.pivot(&t, &basis, row: r, column: c) }
        }
        // Phase 2 over the real columns only (artificials are barred from entering).
        var costs = cost + [Double](repeating: 0, count: m)
        for r in 0..<m where basis[r] >= n { costs[basis[r]] = 0 }
        return Self.run(&t, &basis, costs, columns: n)
    }

    /// Runs the simplex on tableau `t` for `costs`, letting only columns below `columns` enter.
    /// Returns the optimum, -∞ if unbounded.
    @discardableResult
    static func run(_ t: inout [[Double]], _ basis: inout [Int], _ costs: [Double], columns: Int) -> Double? {
        let m = t.count, last = t[0].count - 1
        for _ in 0..<5_000 {
            // Reduced costs; Bland: the first improving column enters.
            var entering: Int?
            for c in 0..<columns where !basis.contains(c) {
                var reduced = costs[c]
                for r in 0..<m { reduced -= costs[basis[r]] * t[r][c] }
                if reduced < -epsilon { entering = c; break }
            }
            guard let c = entering else {
                return (0..<m).reduce(0.0) { $0 + costs[basis[$1]] * t[$1][last] }
            }
            var leaving: Int?
            var best = Double.infinity
            for r in 0..<m where t[r][c] > epsilon {
                let ratio = t[r][last] / t[r][c]
                if ratio < best - epsilon || (abs(ratio - best) <= epsilon && basis[r] < basis[leaving!]) {
                    best = ratio
                    leaving = r
                }
            }
            guard let r = leaving else { return -.infinity }
            pivot(&t, &basis, row: r, column: c)
        }
        return nil
    }

    static func pivot(_ t: inout [[Double]], _ basis: inout [Int], row: Int, column: Int) {
        let p = t[row][column]
        for c in t[row].indices { t[row][c] /= p }
        for r in t.indices where r != row && t[r][column] != 0 {
            let factor = t[r][column]
            for c in t[r].indices { t[r][c] -= factor * t[row][c] }
        }
        basis[row] = column
    }
}
