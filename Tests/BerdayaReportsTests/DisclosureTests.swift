import BerdayaKit
import BerdayaTestSupport
import Foundation
import Testing
@testable import BerdayaReports

/// The attacker: reads only the cells a written workbook published, at the places the layout
/// names, and solves every relation the datasets declare for each count hidden as `<k`.
func attack(_ written: WrittenReport) throws -> (narrowed: [(Figure, ClosedRange<Double>)], hidden: Int) {
    let layout = try #require(written.layout)
    let book = try WorkbookReader(path: written.path)
    var sheets: [String: [String: WorkbookReader.CellValue]] = [:]
    var published: [Figure: Published] = [:]
    var hidden = 0
    for (figure, position) in layout.cells {
        if sheets[position.sheet] == nil { sheets[position.sheet] = book.cells(position.sheet) }
        let text = sheets[position.sheet]?[columnName(position.column) + String(position.row + 1)]?.value ?? ""
        let reading = DisclosureAuditor.reading(text, threshold: layout.threshold)
        published[figure] = reading
        if reading != .value(Double(text) ?? -1) { hidden += 1 }
    }
    // A list of people tells how many it names.
    let counted = layout.counted.map { list -> Double in
        let cells = sheets[list.sheet] ?? book.cells(list.sheet)
        let codes = (list.rows.map(Array.init) ?? []).compactMap { cells[columnName(list.personColumn) + String($0 + 1)]?.value }
        return Double(Set(codes).count)
    }
    return (DisclosureAuditor.attack(published, counted: counted, layout: layout), hidden)
}

@Suite struct DisclosureTests {
    @Test func feasibleRangesOfASmallSystem() {
        // a + b = 10, a + c = 7, c ≤ 4 → a ∈ 3...7, b ∈ 3...7.
        let solver = FeasibleRange(lower: [0, 0, 0], upper: [.infinity, .infinity, 4],
                                   equations: [.init(terms: [0: 1, 1: 1], constant: 10), .init(terms: [0: 1, 2: 1], constant: 7)])
        #expect(solver.range(of: 0) == 3...7)
        #expect(solver.range(of: 1) == 3...7)
        #expect(solver.range(of: 2) == 0...4)
        // Contradictory: no range.
        let none = FeasibleRange(lower: [0], upper: [3], equations: [.init(terms: [0: 1], constant: 5)])
        #expect(none.range(of: 0) == nil)
        // Unbounded above.
        let open = FeasibleRange(lower: [0, 0], upper: [.infinity, .infinity], equations: [.init(terms: [0: 1, 1: -1], constant: 2)])
        #expect(open.range(of: 0)?.lowerBound == 2 && open.range(of: 0)?.upperBound == .infinity)
    }

    /// The old layout hid only the small counts: the auditor works them back, so it can fail.
    @Test func theAuditorRecoversCountsFromANaiveLayout() throws {
        let template = try TemplateLoader.parse(Synthetic.template, file: "synthetic.yaml")
        let programme = Synthetic.programme(seed: 3, households: 19, skew: 0.9)
        let naive = Disclosure(template: template, rows: programme, threshold: 5, complementary: false)
        #expect(!naive.primary.isEmpty)
        var published: [Figure: Published] = [:]
        for (figure, value) in naive.values where !naive.absent.contains(figure) {
            published[figure] = naive.primary.contains(figure) ? .belowThreshold : .value(Double(value))
        }
        for link in naive.shares where !naive.primary.contains(link.count) {
            published[link.share] = .value(Double(naive.values[link.count]!) / Double(link.whole.reduce(0) { $0 + naive.values[$1]! }))
        }
        let narrowed = Disclosure.narrowed(published: published, equations: naive.equations, shares: naive.shares, threshold: 5)
        #expect(!narrowed.isEmpty, "a total under one hidden cell gives it away")
        // At least one is recovered exactly, as a reader with a pencil would.
        #expect(narrowed.contains { $0.1.lowerBound == $0.1.upperBound && Double(naive.values[$0.0]!) == $0.1.lowerBound })
        // The same programme, planned: nothing to narrow.
        let planned = Disclosure(template: template, rows: programme, threshold: 5)
        #expect(!planned.complementary.isEmpty)
    }

    @Test func everyShippedOutgoingWorkbookResistsTheAuditor() throws {
        let demo = try DemoReports()
        let funders = try Funds.funders(in: demo.workspace).map(\.code)
        let funds = try TreasurerReports.perFund(period: Period(parsing: "2025..2026"), in: demo.workspace).map(\.fund)
        let sites = try Sites.list(in: demo.workspace).map(\.code)
        var primary = 0, complementary = 0, narrowedCount = 0, workbooks = 0
        for template in demo.catalog.templates where template.audience.leavesOrganisation {
            var variants: [ReportParameters] = []
            let period = try Period(parsing: "2025..2026")
            func variant(funder: String? = nil, fund: String? = nil, site: String? = nil, language: Language) -> ReportParameters {
                ReportParameters(period: period, periodLabel: "2025..2026", funder: funder, fund: fund, site: site, language: language)
            }
            for language in Language.allCases {
                if !template.required.contains(.fund) { variants.append(variant(language: language)) }
                if template.parameters.contains(.funder) { variants += funders.map { variant(funder: $0, language: language) } }
                if template.parameters.contains(.fund) { variants += funds.map { variant(fund: $0, language: language) } }
                if template.parameters.contains(.site), !template.required.contains(.fund) { variants += sites.map { variant(site: $0, language: language) } }
            }
            for parameters in variants {
                let written = try ReportWriter.write(template, parameters: parameters, folder: demo.folder + "/Audit", in: demo.workspace)
                let (narrowed, _) = try attack(written)
                workbooks += 1
                primary += written.primary
                complementary += written.complementary
                narrowedCount += narrowed.count
                for (figure, range) in narrowed {
                    Issue.record("\(written.path): \(figure) narrowed to \(range)")
                }
            }
        }
        print("disclosure audit: \(workbooks) shipped workbooks, \(primary) counts below 5 hidden, \(complementary) cells hidden to protect them, \(narrowedCount) narrowed by the auditor")
        #expect(workbooks > 40 && primary > 0 && complementary > 0)
    }

    @Test func twoHundredRandomSmallProgrammesResistTheAuditor() throws {
        let template = try TemplateLoader.parse(Synthetic.template, file: "synthetic.yaml")
        let temporary = try TemporaryFolder("xlsx"), folder = temporary.path
        var primary = 0, complementary = 0, narrowedCount = 0
        for seed in 1...200 {
            let households = [1, 2, 3, 4, 6, 9, 14, 25][seed % 8]
            let programme = Synthetic.programme(seed: UInt64(seed), households: households, skew: seed % 3 == 0 ? 0.95 : 0.5)
            let threshold = seed % 5 == 0 ? 11 : 5
            let written = try ReportWriter.render(template, data: programme, parameters: ReportParameters(period: Period(parsing: "2026"), periodLabel: "2026"),
                                                  path: folder + "/p\(seed).xlsx", threshold: threshold, actor: "test", workspace: nil)
            let (narrowed, _) = try attack(written)
            primary += written.primary
            complementary += written.complementary
            narrowedCount += narrowed.count
            for (figure, range) in narrowed { Issue.record("programme \(seed) (k=\(threshold)): \(figure) narrowed to \(range)") }
        }
        print("disclosure audit: 200 random programmes, \(primary) counts hidden, \(complementary) cells hidden to protect them, \(narrowedCount) narrowed by the auditor")
        #expect(primary > 200 && complementary > 0)
    }

    @Test func theThresholdIsASettingOfTheDatabaseWithinBounds() throws {
        let demo = try DemoReports()
        #expect(try DisclosureThreshold.value(in: demo.workspace) == 5)
        #expect(throws: InputError.self) { try DisclosureThreshold.set(2, in: demo.workspace) }
        try DisclosureThreshold.set(11, in: demo.workspace)
        #expect(try DisclosureThreshold.value(in: demo.workspace) == 11)
        let donor = try demo.write("donor-report", language: .en)
        #expect(try WorkbookReader(path: donor.path).allText.contains("1 to 10 people"))
        #expect(try attack(donor).narrowed.isEmpty)
        #expect(try AuditLog.entries(in: demo.workspace, actor: "bendahara").contains { $0.action == "disclosure.threshold" && $0.record == "11" })
        // A list that names fewer than k people tells each reader its size; below that the
        // engine still hides every count, but cannot hide how many the list names.
        try DisclosureThreshold.set(7, in: demo.workspace)
        let zakat = try demo.write("baznas-zakat", language: .en)
        let narrowed = try attack(zakat).narrowed
        #expect(narrowed.isEmpty, "\(narrowed)")
    }
}

/// Random small programmes: cohorts, households moving between CIBEST quadrants, asnaf groups,
/// and the key figures that sum them, laid out as the shipped templates lay them out.
enum Synthetic {
    static let template = """
    id: synthetic
    title: Synthetic
    audience: funder
    parameters: [period]
    sheets:
      - name: Summary
        dataset: key-figures
        columns:
          - {field: label, label: Indicator}
          - {field: value, label: Value}
      - name: Cohorts
        dataset: cohorts
        columns:
          - {field: cohort, label: Cohort}
          - {field: enrolled, label: Enrolled, total: sum}
          - {field: completed, label: Completed, total: sum}
          - {field: left, label: Left, total: sum}
          - {field: current, label: Current, total: sum}
      - name: CIBEST
        dataset: cibest
        columns:
          - {field: quadrant, label: Quadrant}
          - {field: before, label: Before, total: sum}
          - {field: before_share, label: Before index, total: sum}
          - {field: followed_before, label: Followed before, total: sum}
          - {field: followed_before_share, label: Followed before index, total: sum}
          - {field: after, label: After, total: sum}
          - {field: after_share, label: After index, total: sum}
      - name: Transitions
        dataset: cibest-transitions
        columns:
          - {field: from, label: From}
          - {field: to_1, label: I, total: sum}
          - {field: to_2, label: II, total: sum}
          - {field: to_3, label: III, total: sum}
          - {field: to_4, label: IV, total: sum}
          - {field: total, label: Total, total: sum}
      - name: Asnaf
        dataset: zakat-by-asnaf
        columns:
          - {field: asnaf, label: Asnaf}
          - {field: mustahik, label: Mustahik, total: sum}
      - name: Program
        dataset: zakat-by-program
        columns:
          - {field: cohort, label: Cohort}
          - {field: mustahik, label: Mustahik, total: sum}
    """

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
        mutating func chance(_ p: Double) -> Bool { Double(next() % 10_000) / 10_000 < p }
    }

    /// One programme's rows, keyed by the template's sheet index.
    static func programme(seed: UInt64, households: Int, skew: Double) -> [Int: [DataRow]] {
        var random = Random(state: seed)
        // Cohorts: every member completed, left, left for another reason or is still enrolled.
        let cohortCount = 1 + random.below(3)
        var cohorts: [DataRow] = []
        var enrolledAll = 0, completedAll = 0
        for c in 0..<cohortCount {
            let size = 1 + random.below(12)
            var counts = [0, 0, 0, 0]
            for _ in 0..<size { counts[random.chance(skew) ? 0 : 1 + random.below(3)] += 1 }
            enrolledAll += size
            completedAll += counts[0]
            cohorts.append(["cohort": .text("C\(c)"), "enrolled": .people(size), "completed": .people(counts[0]), "left": .people(counts[1]),
                            "other": .people(counts[2]), "current": .people(counts[3])])
        }
        // Households: a baseline quadrant, and for most a follow-up quadrant.
        var before = [0, 0, 0, 0], followedBefore = [0, 0, 0, 0], after = [0, 0, 0, 0]
        var moves = [[Int]](repeating: [0, 0, 0, 0], count: 4)
        for _ in 0..<households {
            let from = random.chance(skew) ? 1 : random.below(4)
            before[from] += 1
            guard random.chance(0.8) else { continue }
            let to = random.chance(skew) ? 0 : random.below(4)
            followedBefore[from] += 1
            after[to] += 1
            moves[from][to] += 1
        }
        func share(_ counts: [Int], _ q: Int) -> Cell {
            let whole = counts.reduce(0, +)
            return .percent(whole == 0 ? nil : Double(counts[q]) / Double(whole) * 100)
        }
        let cibest: [DataRow] = (0..<4).map { q in
            ["key": .text("q\(q + 1)"), "quadrant": .text("Q\(q + 1)"), "before": .people(before[q]), "before_share": share(before, q),
             "followed_before": .people(followedBefore[q]), "followed_before_share": share(followedBefore, q),
             "after": .people(after[q]), "after_share": share(after, q)]
        }
        let transitions: [DataRow] = (0..<4).map { q in
            var row: DataRow = ["key": .text("q\(q + 1)"), "from": .text("Q\(q + 1)"), "total": .people(moves[q].reduce(0, +))]
            for to in 0..<4 { row["to_\(to + 1)"] = .people(moves[q][to]) }
            return row
        }
        // Asnaf: a few groups, often of one.
        let groups = 1 + random.below(4)
        var asnaf: [DataRow] = [], program: [DataRow] = []
        var mustahik = 0
        for g in 0..<groups {
            let n = random.chance(0.5) ? 1 : random.below(9)
            mustahik += n
            asnaf.append(["asnaf": .text("A\(g)"), "mustahik": .people(n)])
        }
        var left = mustahik
        for (i, cohort) in cohorts.enumerated() where left > 0 {
            let n = i == cohorts.count - 1 ? left : random.below(left + 1)
            left -= n
            program.append(["cohort": cohort["cohort"]!, "mustahik": .people(n)])
        }
        if left > 0 { program.append(["cohort": .text("-"), "mustahik": .people(left)]) }
        let followed = after.reduce(0, +)
        let keyFigures: [DataRow] = [
            ["key": .text("enrolled"), "label": .text("Enrolled"), "value": .people(enrolledAll)],
            ["key": .text("completed"), "label": .text("Completed"), "value": .people(completedAll)],
            ["key": .text("followed"), "label": .text("Followed up"), "value": .people(followed)],
            ["key": .text("w_after"), "label": .text("W after"), "value": share(after, 0)],
        ]
        return [0: keyFigures, 1: cohorts, 2: cibest, 3: transitions, 4: asnaf, 5: program]
    }
}
