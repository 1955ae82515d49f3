import BerdayaTestSupport
import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// The seed of a fuzz run: a fixed one by default, so that CI fails only on a change and
/// not on a draw; `BERDAYA_FUZZ_SEED=random` draws a new one (printed, to repeat it), a number
/// repeats that run.
func fuzzSeed(_ setting: String?) -> UInt64 {
    if setting == "random" { return UInt64.random(in: 1...UInt64.max) }
    return setting.flatMap(UInt64.init) ?? 20_261_129
}

/// Hostile values for fuzzing: huge, negative, malformed, overlong and non-UTF-8 text, and
/// edge numbers. Seeded, so a failing run is repeated with `BERDAYA_FUZZ_SEED=<seed>`.
struct HostileInput: RandomNumberGenerator {
    private var state: UInt64
    let seed: UInt64

    init() {
        seed = fuzzSeed(ProcessInfo.processInfo.environment["BERDAYA_FUZZ_SEED"])
        state = seed
    }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static let corpus = [
        "", " ", "0", "-0", "1", "-1", "+1", "--1", "1e12", "0x10", "12.5", "1,5", "1.000,00", "1,000.00", "1.000.000.000.000",
        "1.000.000.000.001", "1000000000000", "1000000000001", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "99999999999999999999999999", "Rp", "Rp.", "Rp -", "IDR 1,250,000", "Rp 1.250.000", "١٢٣", "１２３", "\u{0}", "\u{202E}123",
        "1\u{0}2", "💰", "e\u{301}", "NaN", "inf", "-inf", "null", "'; DROP TABLE fund; --", "<script>alert(1)</script>", "%00", "%FF",
        "2025-02-30", "2025-13-01", "0000-00-00", "99999-01-01", "2025-1-1", "2025-Q5", "2025-H3", "2025..2024", "2025-06-01..2025-01-01",
        "USD", "usd", "XYZ", "JPY", "riqab", "RIQAB", "micro_grants", "KBM-0001", "KBM-2025-1/1", "MDN-0001/0", "wage=1.000.000",
        "wage=", "=1", "wage=9223372036854775807", "3305105412840001", "3305105412840001000", "0.000001", "16250.123456789",
    ]

    static let edges: [Int64] = [0, 1, -1, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1, 1_000_000_000_000, 1_000_000_000_001,
                                 -1_000_000_000_000, -1_000_000_000_001, 999_999_999_999, Int64(Int32.max), 4_611_686_018_427_387_904]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    mutating func amount() -> Int64 {
        switch int(0...3) {
        case 0: Self.edges[int(0...Self.edges.count - 1)]
        case 1: Int64.random(in: Int64.min...Int64.max, using: &self)
        default: Int64.random(in: -10...2_000_000_000_000, using: &self)
        }
    }

    mutating func text(valid: [String] = []) -> String {
        switch int(0...9) {
        case 0, 1: return Self.corpus[int(0...Self.corpus.count - 1)]
        case 2:
            let digits = String((0..<int(0...45)).map { _ in Character(String(int(0...9))) })
            return ["", "-", "Rp ", "IDR ", "+"][int(0...4)] + digits
        case 3:
            let n = Self.edges[int(0...Self.edges.count - 1)]
            return int(0...1) == 0 ? String(n) : Rupiah(n).formatted(int(0...1) == 0 ? .id : .en)
        case 4:
            let pool: [UnicodeScalar] = ["0", "9", ".", ",", "-", " ", "\u{0}", "\u{FEFF}", "\u{202E}", "\u{0663}", "\u{FF11}", "\u{1F4B0}",
                                         "\u{301}", "R", "p", "=", "/", "#", "\u{7F}", "\n", "\t", "'", "\""]
            return String(String.UnicodeScalarView((0..<int(0...30)).map { _ in pool[int(0...pool.count - 1)] }))
        case 5:
            return String(repeating: Self.corpus[int(0...Self.corpus.count - 1)] + "9", count: int(0...20) == 0 ? 20_000 : int(10...500))
        case 6:
            // Not UTF-8 at all: what a browser or a terminal in another code page might send.
            let bytes = (0..<int(1...64)).map { _ in UInt8.random(in: 0...255, using: &self) }
            return String(decoding: bytes, as: UTF8.self)
        case 7:
            var base = Array((valid.isEmpty ? Self.corpus : valid)[int(0...(valid.isEmpty ? Self.corpus.count : valid.count) - 1)])
            for _ in 0..<int(1...3) {
                let index = base.isEmpty ? 0 : int(0...base.count - 1)
                let char = Character(UnicodeScalar(UInt8(int(32...126))))
                switch int(0...2) {
                case 0: base.insert(char, at: index)
                case 1: if !base.isEmpty { base.remove(at: index) }
                default: if !base.isEmpty { base[index] = char }
                }
            }
            return String(base)
        default:
            return valid.isEmpty ? Self.corpus[int(0...Self.corpus.count - 1)] : valid[int(0...valid.count - 1)]
        }
    }
}

/// Issue 16's fuzzer, run by `swift test` (and so by `.ci/run`): hostile values at every value
/// parser and every booking service, for a bounded time. A crash fails the run by killing it;
/// any error that is not a user-facing refusal fails it as an issue.
@Suite struct MoneyFuzzTests {
    /// Seconds for each part; with the web forms' part the fuzzing stays under a minute.
    static let budget = TestDepth.fuzzSeconds(thorough: 8, quick: 2)

    /// Runs `body` and records anything but success or a refusal a user can read.
    static func probe(_ what: @autoclosure () -> String, _ body: () throws -> Void) {
        do { try body() } catch is any UserFacingError {
        } catch { Issue.record("\(what()): not a user-facing error: \(error)") }
    }

    @Test func everyValueParserAnswersHostileTextWithAValueOrARefusal() {
        var rng = HostileInput()
        let start = Date()
        var tried = 0
        let today = DayDate(year: 2026, month: 1, day: 15)!
        func choice<C: Choice>(_ type: C.Type, _ text: String) { Self.probe("\(C.self) '\(text.prefix(40))'") { _ = try C(parsing: text, field: "f") } }
        while tried < 300 || Date().timeIntervalSince(start) < Self.budget {
            let text = rng.text(valid: ["1.250.000", "2025-03-14", "2026-02", "2025-H1", "USD", "16250.5", "1,250.50", "riqab"])
            let other = rng.text(valid: ["16250", "15750.25", "1"])
            tried += 1
            Self.probe("Rupiah '\(text.prefix(40))'") {
                let value = try Rupiah(parsing: text, field: "--amount")
                #expect(value.isBounded, "Rupiah accepted an unbounded '\(text.prefix(40))'")
            }
            for currency in ["USD", "JPY", text] {
                Self.probe("ForeignAmount '\(text.prefix(40))' \(currency.prefix(10)) × '\(other.prefix(40))'") {
                    let value = try ForeignAmount(amount: text, currency: currency, rate: other)
                    #expect(value.rupiah.amount > 0 && value.rupiah.isBounded)
                    _ = value.formatted
                }
            }
            Self.probe("DayDate") { _ = try DayDate(validating: text, field: "--date") }
            Self.probe("Month") { _ = try Month(validating: text, field: "--month") }
            Self.probe("Period") { _ = try Period(parsing: text) }
            Self.probe("NIK") { _ = try NIK(validating: text, sex: .female, birthYear: 1984, today: today) }
            Self.probe("IncomeLine") { _ = try IncomeLine(parsing: text) }
            Self.probe("SessionRef") { _ = try SessionRef(parsing: text) }
            Self.probe("VisitRef") { _ = try VisitRef(parsing: text) }
            Self.probe("FollowUpSchedule") { _ = try FollowUpSchedule.parse(text) }
            choice(Asnaf.self, text); choice(FundKind.self, text); choice(FunderKind.self, text); choice(LoanFrequency.self, text)
            choice(SalesChannel.self, text); choice(CostCategory.self, text); choice(IncomeSource.self, text); choice(VisitKind.self, text)
            choice(MigrationIntention.self, text); choice(Sector.self, text); choice(EventKind.self, text); choice(Sex.self, text)
            choice(AttendanceMark.self, text); choice(Role.self, text); choice(BusinessStatus.self, text)
            _ = Rupiah(rng.amount()).formatted(.id)
            _ = Percent.of(rng.amount(), rng.amount())
        }
        let seconds = Date().timeIntervalSince(start)
        print("fuzz value parsers: \(tried) inputs (×\(26) parsers) in \(String(format: "%.1f", seconds)) s, seed \(rng.seed)")
        #expect(tried > 100)
    }

    @Test func everyBookingServiceAnswersHostileAmountsWithABookingOrARefusal() throws {
        var rng = HostileInput()
        let money = try Money()
        let w = money.fixture.workspace
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(100_000_000), voucher: Money.voucher(), in: w)
        let shop = try Shop()
        let business = try shop.business()
        let h = try Households()
        let start = Date()
        var tried = 0
        var booked = 0
        let funds = ["INFAQ", "ZAKAT", "GRANT", "NOPE", ""]
        while tried < 500 || Date().timeIntervalSince(start) < Self.budget {
            tried += 1
            let raw = rng.amount()
            let typed = try? Rupiah(parsing: rng.text(valid: ["250.000", "1.000.000", String(raw)]), field: "--amount")
            let amount = rng.int(0...1) == 0 ? Rupiah(raw) : typed ?? Rupiah(raw)
            let fund = funds[rng.int(0...funds.count - 1)]
            let other = funds[rng.int(0...funds.count - 1)]
            let date = DayDate(year: 2025, month: 3, day: 10)!.adding(days: rng.int(-400...400))
            let voucher = Voucher(date: date, document: rng.text(valid: ["KW-1", "KW-2"]), memo: rng.int(0...3) == 0 ? rng.text() : nil)
            let operation = rng.int(0...14)
            Self.probe("operation \(operation) amount \(amount.amount) fund \(fund)") {
                switch operation {
                case 0: try Ledger.receive(fundCode: fund, amount: amount, voucher: voucher, in: w)
                case 1: try Ledger.receive(fundCode: fund, amount: nil,
                                           foreign: ForeignAmount(amount: rng.text(valid: ["100", "1,250.50"]), currency: "USD",
                                                                  rate: rng.text(valid: ["16250", "15750.25"])), voucher: voucher, in: w)
                case 2: try Ledger.disburse(fundCode: fund, to: .survivor(money.survivor), amount: amount, line: "micro_grants",
                                            asnaf: fund == "ZAKAT" ? .riqab : nil, voucher: voucher, in: w)
                case 3: try Ledger.expense(fundCode: fund, amount: amount, line: "training", vendor: rng.text(valid: ["Toko"]), voucher: voucher, in: w)
                case 4: try Ledger.transfer(from: fund, to: other, amount: amount, voucher: voucher, in: w)
                case 5: try Ledger.reverse(entry: Int64(rng.int(-2...60)), on: date, reason: rng.text(valid: ["koreksi"]), in: w)
                case 6: try Loans.issue(LoanPlan(fundCode: fund, borrower: .survivor(money.survivor), principal: amount, startDate: date,
                                                 frequency: .monthly, instalments: rng.int(-1...300), line: "loan_capital",
                                                 asnaf: fund == "ZAKAT" ? .gharimin : nil, document: voucher.document), in: w)
                case 7:
                    let loans = try w.database.read { try String.fetchAll($0, sql: "SELECT code FROM loan") }
                    try Loans.repay(loanCode: loans.first ?? "QH-0001", amount: amount, voucher: voucher, in: w)
                case 8: try Funds.addBudgetLine(fundCode: fund, line: rng.text(valid: ["line_\(tried)"]), cap: amount, in: w)
                case 9: try Funds.open(FundPlan(code: "F\(tried)", name: rng.text(valid: ["Dana"]), kind: .infaq, funderCode: "IOM",
                                                openedOn: Money.opened, award: amount), in: w)
                case 10: try Sales.record([SaleInput(business: business, date: day(2026, 1, rng.int(1...28)), product: "Nastar",
                                                     quantity: rng.amount(), unitPrice: amount, channel: .direct)], in: shop.w)
                case 11: try Sales.recordCost(business: business, date: day(2026, 1, 5), category: .rawMaterials, amount: amount,
                                              note: rng.text(), in: shop.w)
                case 12: try Sales.snapshot(business: business, month: month(2026, rng.int(1...12)), omzet: amount, costs: Rupiah(rng.amount()),
                                            reportedOn: day(2026, 11, 1), in: shop.w)
                case 13: try Visits.setPovertyLine(siteCode: "KBM", year: 2025 + rng.int(0...1), perPerson: amount, source: rng.text(), in: h.w)
                default:
                    var input = h.input(h.members[rng.int(0...h.members.count - 1)], rng.int(0...1) == 0 ? .baseline : .followUp,
                                        on: day(2025, 8, 4).adding(days: rng.int(0...400)), income: 0, spirit: rng.int(0...6),
                                        household: rng.int(0...31))
                    input.incomes = (0..<rng.int(0...3)).map { _ in
                        IncomeLine(source: IncomeSource.allCases[rng.int(0...IncomeSource.allCases.count - 1)], amount: Rupiah(rng.amount()))
                    }
                    if rng.int(0...2) == 0 { input.needs = Rupiah(rng.amount()) }
                    input.savings = Rupiah(rng.int(0...1) == 0 ? 0 : rng.amount())
                    try Visits.record(input, in: h.w)
                }
                booked += 1
            }
        }
        // Whatever was booked or refused: every stored amount is within the bound, and every
        // read still adds up without an error.
        for (database, label) in [(w.database, "ledger"), (shop.w.database, "shop"), (h.w.database, "visits")] {
            try database.read { db in
                for (table, column) in AppDatabase.moneyColumns {
                    let outside = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table) WHERE \(column) NOT BETWEEN ? AND ?",
                                                   arguments: [-Rupiah.maximum.amount, Rupiah.maximum.amount])!
                    #expect(outside == 0, "\(label): \(table).\(column) holds \(outside) amounts beyond the bound")
                }
            }
        }
        for balance in try Funds.balances(asOf: Fixture.today, in: w) { #expect(balance.balance.amount >= 0) }
        _ = try TreasurerReports.perFund(period: Period(parsing: "2024..2026"), in: w)
        _ = try Loans.portfolio(asOf: Fixture.today, in: w)
        _ = try BusinessFigures.monthly(BusinessScope(), period: Period(parsing: "2026"), in: shop.w)
        _ = try OutcomeFigures.indicators(by: .cohort, in: h.w)
        _ = try OutcomeFigures.cibest(in: h.w)
        let seconds = Date().timeIntervalSince(start)
        print("fuzz booking services: \(tried) calls (\(booked) booked, \(tried - booked) refused) in \(String(format: "%.1f", seconds)) s, seed \(rng.seed)")
        #expect(tried > 50)
    }
}
