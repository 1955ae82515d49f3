import BerdayaKit
import Foundation

/// One figure of a workbook: a cell of a table sheet, by the dataset row it shows (or the
/// sheet's total or a group's subtotal) and the field.
public struct Figure: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Which row of the sheet: a data row by its index, a group's subtotal by its index, or the total.
    public enum Place: Hashable, Sendable, Comparable {
        case data(Int)
        case subtotal(Int)
        case total
    }

    public var sheet: Int
    public var place: Place
    public var field: String

    /// By sheet and field, then by place, so the figures of one column stand together.
    public static func < (a: Figure, b: Figure) -> Bool {
        (a.sheet, a.field) < (b.sheet, b.field) || ((a.sheet, a.field) == (b.sheet, b.field) && a.place < b.place)
    }

    public var description: String { "sheet \(sheet + 1) \(place) \(field)" }
}

/// What a reader sees in a cell that stands for a count.
public enum Published: Sendable, Equatable {
    case value(Double)
    /// `<k`: the reader knows it is 1 to k−1.
    case belowThreshold
    /// `x`: hidden, any value.
    case hidden
}

/// A share shown beside its count: with both visible, count ÷ share gives the column's whole.
public struct ShareLink: Sendable, Equatable {
    public var count: Figure
    public var share: Figure
    /// The figures that add up to the whole the share divides by.
    public var whole: [Figure]
}

/// A whole a reader can count from a list of people: the distinct codes in `personColumn` of
/// `rows` on `sheet` add up to the figures of `whole`.
public struct CountedWhole: Sendable, Equatable {
    public var whole: [Figure]
    public var sheet: String
    /// The column, counted from 0 as in `CellPosition`, that holds each row's person code.
    public var personColumn: Int
    public var rows: ClosedRange<Int>?
}

/// What the auditor needs to attack a written workbook: where each count and share is, and
/// every relation the datasets declare between them. It carries no values.
public struct DisclosureLayout: Sendable, Equatable {
    /// k: counts of 1 to k−1 people were hidden.
    public var threshold: Int
    /// Where each figure was written: sheet name, row and column (0-based).
    public var cells: [Figure: CellPosition]
    /// `Σ coefficient · figure = 0`.
    public var equations: [[Figure: Int]]
    public var shares: [ShareLink]
    public var counted: [CountedWhole]
    /// Cells hidden for being counts below k.
    public var primary: Int
    /// Cells hidden so that no primary one can be worked back.
    public var complementary: Int
}

/// Where a figure was written: the sheet's name and the cell's row and column, counted from 0.
public struct CellPosition: Sendable, Equatable, Hashable {
    public var sheet: String
    public var row: Int
    public var column: Int
}

/// Disclosure control for one workbook that leaves the organisation, decided before a cell is
/// written. Primary suppression: every count of 1 to k−1 people. Complementary suppression:
/// more cells, until no relation the datasets declare (totals, row
/// identities, the transition table's margins, the same figure on another sheet, shares) lets
/// a reader narrow a hidden count below 1 to k−1; the smallest other cells first. Every figure
/// derived from a hidden count (its share, index, rate, mean or median) is hidden with it.
/// Every hidden cell reads `x`, so a reader cannot tell which are the small counts.
public struct Disclosure: Sendable {
    /// k for this workbook: counts of 1 to k−1 people are hidden.
    public let threshold: Int
    private(set) var values: [Figure: Int] = [:]
    /// Counts the datasets imply but no sheet shows (a field a template leaves out).
    private(set) var absent: Set<Figure> = []
    private(set) var equations: [[Figure: Int]] = []
    private(set) var shares: [ShareLink] = []
    /// List links present in this workbook: the aggregate sheet's count figures, and the list
    /// sheet with the rows of each category.
    private(set) var lists: [(whole: [Figure], listSheet: Int, person: String, categoryField: String, rowsByCategory: [Int: [Int]], adds: Bool)] = []
    /// Wholes a reader can always work out from a visible share and its count.
    private(set) var listed: Set<Figure> = []
    /// Wholes of share columns, which a reader works out from any visible share.
    private(set) var shareWholes: [(total: Figure, counts: [Figure])] = []
    /// Shares shown on another sheet than their count: (share, count).
    private(set) var crossShares: [(Figure, Figure)] = []

    /// Wholes a reader can work out whatever is hidden: a list's people, and a share column's
    /// whole while one of its shares of a non-zero count is visible.
    private var known: Set<Figure> {
        listed.union(shareWholes.filter { whole in whole.counts.contains { !hidden.contains($0) && values[$0]! > 0 } }.map(\.total))
    }
    public private(set) var primary: Set<Figure> = []
    public private(set) var complementary: Set<Figure> = []
    /// Non-count cells hidden because the count they come from is.
    public private(set) var derived: Set<Figure> = []

    /// Nothing hidden: internal workbooks.
    public static let none = Disclosure(threshold: 0)

    init(threshold: Int) { self.threshold = threshold }

    /// Plans the suppression for a template's sheets and their (sorted) rows. Without
    /// `complementary`, only the small counts are hidden: the naive layout the auditor breaks.
    init(template: ReportTemplate, rows data: [Int: [DataRow]], threshold: Int, complementary: Bool = true) {
        self.threshold = threshold
        var rowsByKey: [String: (sheet: Int, rows: [String: Int])] = [:]
        for (s, sheet) in template.sheets.enumerated() where sheet.kind == .table {
            guard let name = sheet.dataset, let rows = data[s] else { continue }
            addSheet(s, sheet, rows, rules: DisclosureRules.rules(name))
            if rowsByKey[name] == nil {
                var keys: [String: Int] = [:]
                for (i, row) in rows.enumerated() { if case let .text(key)? = row["key"] { keys[key] = i } }
                rowsByKey[name] = (s, keys)
            }
        }
        addLinks(rowsByKey)
        addCrossShares(rowsByKey)
        addLists(template, data)
        primary = Set(values.filter { !absent.contains($0.key) && $0.value > 0 && $0.value < threshold }.map(\.key))
        if complementary { protect() }
        deriveHidden(template, data)
    }

    // MARK: The model

    private mutating func addSheet(_ s: Int, _ sheet: SheetSpec, _ rows: [DataRow], rules: DatasetRules) {
        let shown = Set(sheet.columns.map(\.field))
        func people(_ row: DataRow, _ field: String) -> Int? { if case let .people(n)? = row[field] { n } else { nil } }
        var counted = Set<String>()
        for (i, row) in rows.enumerated() {
            for field in shown { if let n = people(row, field) { values[Figure(sheet: s, place: .data(i), field: field)] = n; counted.insert(field) } }
            for identity in rules.identities {
                let fields = [identity.lhs] + identity.rhs
                guard fields.allSatisfy({ people(row, $0) != nil }) else { continue }
                var equation: [Figure: Int] = [:]
                for field in fields {
                    let figure = Figure(sheet: s, place: .data(i), field: field)
                    if !shown.contains(field) { values[figure] = people(row, field)!; absent.insert(figure) }
                    equation[figure, default: 0] += field == identity.lhs ? 1 : -1
                }
                equations.append(equation)
            }
        }
        // Groups as the writer forms them: consecutive rows with the same value.
        var groups: [ClosedRange<Int>] = []
        if let field = sheet.groupBy, sheet.subtotals, !rows.isEmpty {
            var start = 0
            for i in rows.indices where i == rows.count - 1 || rows[i][field] != rows[i + 1][field] {
                groups.append(start...i)
                start = i + 1
            }
        }
        for column in sheet.columns where counted.contains(column.field) && column.total == .sum {
            let field = column.field
            let whole = Figure(sheet: s, place: .total, field: field)
            values[whole] = rows.indices.reduce(0) { $0 + (values[Figure(sheet: s, place: .data($1), field: field)] ?? 0) }
            var equation: [Figure: Int] = [whole: 1]
            for i in rows.indices { equation[Figure(sheet: s, place: .data(i), field: field)] = -1 }
            equations.append(equation)
            for (g, range) in groups.enumerated() {
                let sub = Figure(sheet: s, place: .subtotal(g), field: field)
                values[sub] = range.reduce(0) { $0 + (values[Figure(sheet: s, place: .data($1), field: field)] ?? 0) }
                var part: [Figure: Int] = [sub: 1]
                for i in range { part[Figure(sheet: s, place: .data(i), field: field)] = -1 }
                equations.append(part)
            }
        }
        for (share, count) in rules.shares where shown.contains(share) && counted.contains(count) {
            let whole = rows.indices.map { Figure(sheet: s, place: .data($0), field: count) }
            for i in rows.indices {
                shares.append(ShareLink(count: Figure(sheet: s, place: .data(i), field: count), share: Figure(sheet: s, place: .data(i), field: share), whole: whole))
            }
            registerWhole(sheet: s, field: count, whole)
        }
    }

    /// A visible share of a visible count gives the whole away, whether a sheet shows it or not.
    private mutating func registerWhole(sheet s: Int, field: String, _ whole: [Figure]) {
        let total = Figure(sheet: s, place: .total, field: field)
        if values[total] == nil {
            values[total] = whole.reduce(0) { $0 + values[$1]! }
            absent.insert(total)
            var equation: [Figure: Int] = [total: 1]
            for figure in whole { equation[figure] = -1 }
            equations.append(equation)
        }
        if !shareWholes.contains(where: { $0.total == total }) { shareWholes.append((total, whole)) }
    }

    /// The summary's welfare index W is quadrant I's share on the CIBEST sheet.
    private mutating func addCrossShares(_ rowsByKey: [String: (sheet: Int, rows: [String: Int])]) {
        guard let summary = rowsByKey["key-figures"], let cibest = rowsByKey["cibest"], let q1 = cibest.rows["q1"] else { return }
        for (key, field) in [("w_before", "followed_before"), ("w_after", "after")] {
            guard let i = summary.rows[key] else { continue }
            let count = Figure(sheet: cibest.sheet, place: .data(q1), field: field)
            guard values[count] != nil, !absent.contains(count) else { continue }
            let whole = cibest.rows.values.sorted().map { Figure(sheet: cibest.sheet, place: .data($0), field: field) }
            let share = Figure(sheet: summary.sheet, place: .data(i), field: "value")
            shares.append(ShareLink(count: count, share: share, whole: whole))
            crossShares.append((share, count))
            registerWhole(sheet: cibest.sheet, field: field, whole)
        }
    }

    private mutating func addLinks(_ rowsByKey: [String: (sheet: Int, rows: [String: Int])]) {
        func resolve(_ reference: FigureReference) -> [Figure]? {
            switch reference {
            case let .row(dataset, key, field):
                guard let place = rowsByKey[dataset], let i = place.rows[key] else { return nil }
                let figure = Figure(sheet: place.sheet, place: .data(i), field: field)
                return values[figure] != nil && !absent.contains(figure) ? [figure] : nil
            case let .column(dataset, field):
                guard let place = rowsByKey[dataset] else { return nil }
                let figures = values.keys.filter { $0.sheet == place.sheet && $0.field == field && !absent.contains($0) && { if case .data = $0.place { true } else { false } }($0) }
                return figures.isEmpty ? nil : figures
            }
        }
        for link in DisclosureRules.links {
            guard let left = link.left.map(resolve).reduce(Optional([Figure]()), { a, b in a.flatMap { x in b.map { x + $0 } } }),
                  let right = link.right.map(resolve).reduce(Optional([Figure]()), { a, b in a.flatMap { x in b.map { x + $0 } } })
            else { continue }
            let known = values
            func sum(_ figures: [Figure]) -> Int { figures.reduce(0) { $0 + known[$1]! } }
            guard sum(left) == sum(right) else { continue }
            var equation: [Figure: Int] = [:]
            for figure in left { equation[figure, default: 0] += 1 }
            for figure in right { equation[figure, default: 0] -= 1 }
            equation = equation.filter { $0.value != 0 }
            if !equation.isEmpty { equations.append(equation) }
        }
    }

    private mutating func addLists(_ template: ReportTemplate, _ data: [Int: [DataRow]]) {
        func sheet(_ dataset: String) -> Int? { template.sheets.indices.first { template.sheets[$0].dataset == dataset && data[$0] != nil } }
        for link in DisclosureRules.listLinks {
            guard let l = sheet(link.list), let a = sheet(link.aggregate),
                  template.sheets[l].columns.contains(where: { $0.field == link.category }),
                  template.sheets[a].columns.contains(where: { $0.field == link.count }) else { continue }
            let list = data[l]!, aggregate = data[a]!
            let whole = aggregate.indices.map { Figure(sheet: a, place: .data($0), field: link.count) }
            var rowsByCategory: [Int: [Int]] = [:]
            for (i, row) in list.enumerated() {
                if let g = aggregate.firstIndex(where: { $0[link.aggregateCategory] == row[link.category] }) { rowsByCategory[g, default: []].append(i) }
            }
            // The list tells every reader how many people it names: when the counts add up to
            // that (no one in two categories), their whole is known.
            let people = Set(list.compactMap { row -> String? in if case let .text(code)? = row[link.person] { code } else { nil } }).count
            let adds = whole.allSatisfy({ values[$0] != nil }) && whole.reduce(0, { $0 + values[$1]! }) == people
            lists.append((whole, l, link.person, link.category, rowsByCategory, adds))
            guard adds else { continue }
            let total = Figure(sheet: a, place: .total, field: link.count)
            if values[total] == nil {
                values[total] = people
                absent.insert(total)
                var equation: [Figure: Int] = [total: 1]
                for figure in whole { equation[figure] = -1 }
                equations.append(equation)
            }
            listed.insert(total)
        }
    }

    // MARK: Complementary suppression

    /// The figures a reader could narrow below 1 to k−1, given what is published.
    /// Whether a reader who knows `range` for a hidden count learns more than "it is below k"
    /// would tell her: zeros are always shown, so a hidden count is at least 1, and that leaves
    /// the k−1 values 1 to k−1 open. A range with fewer possible values than that narrows the count,
    /// unless it lies wholly at k or above (the reader learns only that the cell is not small).
    static func exposes(_ range: ClosedRange<Double>, threshold: Int) -> Bool {
        range.lowerBound < Double(threshold) - 1e-6 && range.upperBound - range.lowerBound < Double(threshold - 2) - 1e-6
    }

    /// What a reader can solve, given what is published. A count reading `<k` is known to be
    /// 1 to k−1, one reading `x` to be at least 1; a count no sheet shows is at least 0.
    struct Attack {
        private var index: [Figure: Int] = [:]
        private let solver: FeasibleRange
        let published: [Figure: Published]

        init(published: [Figure: Published], equations: [[Figure: Int]], shares: [ShareLink], counted: [([Figure], Double)], threshold: Int) {
            self.published = published
            var index: [Figure: Int] = [:]
            var lower: [Double] = [], upper: [Double] = []
            func variable(_ figure: Figure) -> Int {
                if let known = index[figure] { return known }
                index[figure] = lower.count
                switch published[figure] {
                case .belowThreshold?: lower.append(1); upper.append(Double(threshold - 1))
                case .hidden?: lower.append(1); upper.append(.infinity)
                default: lower.append(0); upper.append(.infinity)
                }
                return lower.count - 1
            }
            var system: [FeasibleRange.Equation] = []
            func add(_ terms: [Figure: Double], _ constant: Double) {
                var equation = FeasibleRange.Equation(terms: [:], constant: constant)
                for (figure, coefficient) in terms {
                    if case let .value(v)? = published[figure] { equation.constant -= coefficient * v } else { equation.terms[variable(figure), default: 0] += coefficient }
                }
                if !equation.terms.isEmpty { system.append(equation) }
            }
            for equation in equations { add(equation.mapValues(Double.init), 0) }
            for link in shares {
                guard case let .value(count)? = published[link.count], count > 0, case let .value(share)? = published[link.share], share > 0 else { continue }
                add(Dictionary(uniqueKeysWithValues: link.whole.map { ($0, 1.0) }), (count / share).rounded())
            }
            for (whole, people) in counted { add(Dictionary(uniqueKeysWithValues: whole.map { ($0, 1.0) }), people) }
            self.index = index
            solver = FeasibleRange(lower: lower, upper: upper, equations: system)
        }

        /// The range a reader can work out for a hidden figure; nil when no relation holds it.
        func range(of figure: Figure) -> ClosedRange<Double>? {
            guard let i = index[figure] else { return nil }
            return solver.range(of: i) ?? 0...0
        }
    }

    /// The hidden counts a reader could narrow, given what is published.
    static func narrowed(published: [Figure: Published], equations: [[Figure: Int]], shares: [ShareLink],
                         counted: [([Figure], Double)] = [], threshold: Int) -> [(Figure, ClosedRange<Double>)] {
        let attack = Attack(published: published, equations: equations, shares: shares, counted: counted, threshold: threshold)
        return published.keys.sorted().filter { published[$0] == .belowThreshold || published[$0] == .hidden }.compactMap { figure in
            attack.range(of: figure).flatMap { exposes($0, threshold: threshold) ? (figure, $0) : nil }
        }
    }

    private func published() -> [Figure: Published] {
        var result: [Figure: Published] = [:]
        let known = known
        for (figure, value) in values where !absent.contains(figure) || known.contains(figure) {
            result[figure] = primary.contains(figure) || complementary.contains(figure) ? .hidden : .value(Double(value))
        }
        return result
    }

    /// Primary and complementary cells, kept together as the plan grows.
    private var hidden: Set<Figure> = []

    private mutating func hide(_ figure: Figure) {
        complementary.insert(figure)
        hidden.insert(figure)
    }

    private mutating func protect() {
        hidden = primary
        guard !primary.isEmpty else { return }
        // First the rule every statistical office starts from: no relation with a single
        // hidden count. Cheap, and it leaves the solver little to do.
        var changed = true
        while changed {
            changed = false
            let known = known
            for equation in equations where equation.keys.allSatisfy({ !absent.contains($0) || known.contains($0) }) {
                guard equation.keys.filter({ hidden.contains($0) }).count == 1 else { continue }
                if let next = cheapest(Array(equation.keys)) { hide(next); changed = true }
            }
        }
        // Then the attacker's solver, cell by cell. Hiding a cell only widens what a reader
        // can work out about the others, so a cell found safe stays safe: each is solved
        // once, and again only after a cell was hidden to protect it.
        var pending = hidden.sorted()
        var attack = Attack(published: published(), equations: equations, shares: shares, counted: [], threshold: threshold)
        var rounds = 0
        while !pending.isEmpty, rounds < 10_000 {
            let figure = pending.removeFirst()
            guard let range = attack.range(of: figure), Self.exposes(range, threshold: threshold) else { continue }
            guard let next = complement(for: figure) else { continue }
            rounds += 1
            hide(next)
            pending += [next, figure]
            attack = Attack(published: published(), equations: equations, shares: shares, counted: [], threshold: threshold)
        }
        // A protecting cell the reader can work out exactly protects nothing and only puzzles
        // her (an x above a total that gives it back): show it. Publishing a value the
        // relations already fix leaves every other range as it was; a count with a share
        // stays hidden, since its share would tell her the whole.
        let withShare = Set(shares.map(\.count))
        for figure in complementary.sorted() where !withShare.contains(figure) {
            if let range = attack.range(of: figure), range.upperBound - range.lowerBound < 0.5 {
                complementary.remove(figure)
                hidden.remove(figure)
            }
        }
    }

    /// The cheapest cell to hide among `figures`: shown, not zero (zeros are never hidden, so
    /// a hidden zero would mislead the reader's arithmetic), not a whole a reader can work
    /// out anyway; a data cell before a total, the smallest first.
    private func cheapest(_ figures: [Figure]) -> Figure? {
        let known = known
        return figures.filter { !hidden.contains($0) && !known.contains($0) && !absent.contains($0) && values[$0]! > 0 }.min { a, b in
            let ka = (a.place == .total ? 1 : 0, values[a]!), kb = (b.place == .total ? 1 : 0, values[b]!)
            return ka != kb ? ka < kb : a < b
        }
    }

    /// The cell to hide next for a count a reader can narrow: from a relation it is in where it
    /// is the only hidden figure if there is one; a data cell before a total, a non-zero cell
    /// before a zero, the smallest first.
    private func complement(for figure: Figure) -> Figure? {
        let secret = hidden.union(absent.subtracting(known))
        let mine = equations.filter { $0[figure] != nil }
        let alone = mine.filter { $0.keys.allSatisfy { $0 == figure || !secret.contains($0) } }
        if let pick = cheapest(alone.flatMap(\.keys)) ?? cheapest(mine.flatMap(\.keys)) { return pick }
        // Further along the relations: anything connected to it.
        var reach: Set<Figure> = [figure], frontier = [figure]
        while let next = frontier.popLast() {
            for equation in equations where equation[next] != nil {
                for other in equation.keys where reach.insert(other).inserted { frontier.append(other) }
            }
        }
        return cheapest(Array(reach))
    }

    // MARK: Derived figures

    private mutating func deriveHidden(_ template: ReportTemplate, _ data: [Int: [DataRow]]) {
        let hidden = primary.union(complementary)
        for list in lists {
            for (g, rows) in list.rowsByCategory where hidden.contains(list.whole[g]) {
                for i in rows { derived.insert(Figure(sheet: list.listSheet, place: .data(i), field: list.categoryField)) }
            }
        }
        for (s, sheet) in template.sheets.enumerated() where sheet.kind == .table {
            guard let name = sheet.dataset, let rows = data[s] else { continue }
            let rules = DisclosureRules.rules(name)
            let shown = Set(sheet.columns.map(\.field))
            for (i, row) in rows.enumerated() {
                // A mean or rate over a small group is hers alone; over a larger one hidden only to
                // protect another cell, it gives nothing away.
                for (field, base) in rules.derived where shown.contains(field) {
                    if case let .people(n)? = row[base], n > 0, n < threshold { derived.insert(Figure(sheet: s, place: .data(i), field: field)) }
                }
                for (money, count) in rules.paidTo where shown.contains(money) && hidden.contains(Figure(sheet: s, place: .data(i), field: count)) {
                    derived.insert(Figure(sheet: s, place: .data(i), field: money))
                }
                for (share, count) in rules.shares where shown.contains(share) && hidden.contains(Figure(sheet: s, place: .data(i), field: count)) {
                    derived.insert(Figure(sheet: s, place: .data(i), field: share))
                }
                if case let .text(key)? = row["key"], let base = rules.derivedRows[key],
                   let b = rows.firstIndex(where: { $0["key"] == .text(base) }), primary.contains(Figure(sheet: s, place: .data(b), field: "value")) {
                    derived.insert(Figure(sheet: s, place: .data(i), field: "value"))
                }
            }
            for (share, count) in rules.shares where shown.contains(share) && hidden.contains(Figure(sheet: s, place: .total, field: count)) {
                derived.insert(Figure(sheet: s, place: .total, field: share))
            }
        }
        for (share, count) in crossShares where hidden.contains(count) { derived.insert(share) }
    }

    // MARK: What the writer asks

    /// How a hidden cell reads, or nil when it is shown.
    func symbol(_ figure: Figure) -> String? {
        primary.contains(figure) || complementary.contains(figure) || derived.contains(figure) ? "x" : nil
    }

    /// Whether any cell of this column on this sheet is hidden (its total is then a number, not
    /// a formula over text cells).
    func hidesPart(sheet: Int, field: String) -> Bool {
        primary.union(complementary).union(derived).contains { $0.sheet == sheet && $0.field == field && { if case .data = $0.place { true } else { false } }($0) }
    }

    /// The fields whose positions the auditor needs on a sheet.
    func tracked(sheet: Int) -> Set<String> {
        Set(values.keys.filter { $0.sheet == sheet }.map(\.field)).union(shares.filter { $0.share.sheet == sheet }.map(\.share.field))
            .union(lists.filter { $0.listSheet == sheet }.map(\.person))
    }

    func layout(_ cells: [Figure: CellPosition]) -> DisclosureLayout {
        var counted: [CountedWhole] = []
        for list in lists where list.adds {
            let positions = cells.filter { $0.key.sheet == list.listSheet && $0.key.field == list.person && $0.key.place != .total }.map(\.value)
            guard let first = positions.first else { continue }
            counted.append(CountedWhole(whole: list.whole, sheet: first.sheet, personColumn: first.column,
                                        rows: positions.map(\.row).min().flatMap { low in positions.map(\.row).max().map { low...$0 } }))
        }
        return DisclosureLayout(threshold: threshold, cells: cells, equations: equations, shares: shares, counted: counted,
                                primary: primary.count, complementary: complementary.count)
    }
}

/// The attacker: reads what a workbook published, applies every relation its datasets declare,
/// and reports each hidden count it can narrow to fewer values than 1 to k−1.
public enum DisclosureAuditor {
    /// `counted`: for each of the layout's lists, the distinct codes the reader counted in it.
    public static func attack(_ published: [Figure: Published], counted: [Double] = [], layout: DisclosureLayout) -> [(Figure, ClosedRange<Double>)] {
        Disclosure.narrowed(published: published, equations: layout.equations, shares: layout.shares,
                            counted: zip(layout.counted, counted).map { ($0.whole, $1) }, threshold: layout.threshold)
    }

    /// How a published cell's text reads to the attacker (`<k` is the old layout's mark).
    public static func reading(_ text: String, threshold: Int) -> Published {
        if text == "<\(threshold)" { return .belowThreshold }
        if let value = Double(text) { return .value(value) }
        return .hidden
    }
}
