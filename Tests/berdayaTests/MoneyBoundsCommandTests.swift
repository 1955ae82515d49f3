import Foundation
import Testing

/// Issue 16 at the command line: every option that takes money refuses a huge amount with a
/// message naming the option, in Indonesian and in English, and changes no byte.
@Suite struct MoneyBoundsCommandTests {
    static let huge = "9223372036854775807"

    /// Each command with one money option set to `{}` and everything else plausible.
    static let commands: [(flag: String, arguments: [String])] = [
        ("--amount", ["ledger", "receive", "INFAQ", "--amount", "{}", "--date", "2025-06-10", "--document", "KW-1"]),
        ("--amount", ["ledger", "disburse", "INFAQ", "--survivor", "KBM-0001", "--amount", "{}", "--line", "micro_grants",
                      "--date", "2025-06-10", "--document", "KW-1"]),
        ("--amount", ["ledger", "expense", "INFAQ", "--amount", "{}", "--line", "training", "--date", "2025-06-10", "--document", "KW-1"]),
        ("--amount", ["ledger", "transfer", "INFAQ", "ZAKAT", "--amount", "{}", "--date", "2025-06-10", "--document", "KW-1"]),
        ("--principal", ["loan", "issue", "INFAQ", "--survivor", "KBM-0001", "--principal", "{}", "--start", "2025-06-10",
                         "--frequency", "monthly", "--instalments", "10", "--line", "loan_capital", "--document", "KW-1"]),
        ("--amount", ["loan", "repay", "QH-0001", "--amount", "{}", "--date", "2025-06-10", "--document", "KW-1"]),
        ("--award", ["fund", "open", "--code", "HIBAH", "--name", "Hibah", "--kind", "restricted", "--funder", "IOM",
                     "--opened", "2025-01-01", "--award", "{}", "--period", "2025"]),
        ("--cap", ["fund", "line", "INFAQ", "training", "--cap", "{}"]),
        ("--price", ["business", "product", "KBM-U001", "--name", "Nastar", "--unit", "toples", "--price", "{}"]),
        ("--price", ["sale", "add", "KBM-U001", "--product", "Nastar", "--quantity", "1", "--price", "{}", "--channel", "direct",
                     "--date", "2025-06-10"]),
        ("--amount", ["sale", "cost", "KBM-U001", "--category", "raw_materials", "--amount", "{}", "--date", "2025-06-10"]),
        ("--omzet", ["sale", "snapshot", "KBM-U001", "--month", "2025-05", "--omzet", "{}", "--costs", "0"]),
        ("--costs", ["sale", "snapshot", "KBM-U001", "--month", "2025-05", "--omzet", "0", "--costs", "{}"]),
        ("--cost", ["event", "add", "--kind", "exhibition", "--name", "Pameran", "--start", "2025-06-10", "--place", "Alun-alun",
                    "--organiser", "Dinas", "--cost", "{}"]),
        ("--income wage", ["visit", "baseline", "KBM-0001", "--date", "2025-06-10", "--household", "4", "--income", "wage={}",
                           "--confidence", "3", "--prayer", "3", "--fasting", "3", "--giving", "3", "--environment", "3", "--fifth", "3"]),
        ("--needs", ["visit", "baseline", "KBM-0001", "--date", "2025-06-10", "--household", "4", "--income", "wage=1000", "--needs", "{}",
                     "--confidence", "3", "--prayer", "3", "--fasting", "3", "--giving", "3", "--environment", "3", "--fifth", "3"]),
        ("--savings", ["visit", "baseline", "KBM-0001", "--date", "2025-06-10", "--household", "4", "--income", "wage=1000", "--savings", "{}",
                       "--confidence", "3", "--prayer", "3", "--fasting", "3", "--giving", "3", "--environment", "3", "--fifth", "3"]),
        ("--per-person", ["visit", "poverty-line", "--site", "KBM", "--year", "2025", "--per-person", "{}"]),
        ("--baseline-income", ["survivor", "register", "--site", "KBM", "--sex", "perempuan", "--birth-year", "1990",
                               "--consent-date", "2025-06-02", "--baseline-income", "{}"]),
    ]

    @Test func aHugeAmountIsRefusedByEveryMoneyOptionNamingItAndChangesNothing() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["funder", "add", "--code", "IOM", "--name", "IOM", "--kind", "international", "--as", "admin"]).status == 0)
        #expect(try cli.run(["fund", "open", "--code", "INFAQ", "--name", "Infaq", "--kind", "infaq", "--funder", "IOM",
                             "--opened", "2025-01-01", "--as", "admin"]).status == 0)
        let before = cli.bytes("berdaya.sqlite")
        for (flag, arguments) in Self.commands {
            for (value, language) in [(Self.huge, "id"), ("1.000.000.000.001", "en"), ("-" + Self.huge + "0", "id")] {
                // `--amount=-9…` so that a negative value is not read as an option.
                var typed: [String] = []
                for argument in arguments {
                    if argument == "{}", let option = typed.popLast() { typed.append("\(option)=\(value)") } else {
                        typed.append(argument.replacingOccurrences(of: "{}", with: value))
                    }
                }
                let result = try cli.run(typed + ["--lang", language, "--as", "admin"])
                let said = "\(arguments[0]) \(arguments[1]) \(flag) \(value): \(result.err)"
                #expect(result.status == 1, "\(said)")
                #expect(result.err.contains(flag), "the message names the option: \(said)")
                #expect(result.err.contains(language == "id" ? "terlalu besar" : "too large"), "\(said)")
                #expect(result.err.contains(language == "id" ? "Rp 1.000.000.000.000" : "IDR 1,000,000,000,000"), "\(said)")
                #expect(!result.err.contains("Fatal") && !result.err.contains("overflow"), "\(said)")
            }
        }
        #expect(cli.bytes("berdaya.sqlite") == before, "a refused amount changed the database")
    }

    @Test func foreignMoneyAndEntryNumbersAreRefusedWithTheirOwnWords() throws {
        let cli = try CLI()
        try cli.prepared()
        #expect(try cli.run(["funder", "add", "--code", "IOM", "--name", "IOM", "--kind", "international", "--as", "admin"]).status == 0)
        #expect(try cli.run(["fund", "open", "--code", "INFAQ", "--name", "Infaq", "--kind", "infaq", "--funder", "IOM",
                             "--opened", "2025-01-01", "--as", "admin"]).status == 0)
        let before = cli.bytes("berdaya.sqlite")
        let receive = ["ledger", "receive", "INFAQ", "--date", "2025-06-10", "--document", "KW-1", "--lang", "en"]
        let both = try cli.run(receive + ["--amount", "1000", "--foreign", "10", "--currency", "USD", "--rate", "16250"])
        #expect(both.status == 1 && both.err.contains("not both") && both.err.contains("leave out --amount"), "\(both.err)")
        let huge = try cli.run(receive + ["--foreign", "99999999999999999", "--currency", "USD", "--rate", "1"])
        #expect(huge.status == 1 && huge.err.contains("--foreign") && huge.err.contains("too large"), "\(huge.err)")
        let product = try cli.run(receive + ["--foreign", "999999999", "--currency", "USD", "--rate", "16250"])
        #expect(product.status == 1 && product.err.contains("--foreign × --rate") && product.err.contains("too large"), "\(product.err)")
        let rate = try cli.run(receive + ["--foreign", "10", "--currency", "USD", "--rate", "99999999999999999999"])
        #expect(rate.status == 1 && rate.err.contains("rate") && rate.err.contains("too large"), "\(rate.err)")
        let award = try cli.run(["fund", "open", "--code", "HIBAH", "--name", "Hibah", "--kind", "restricted", "--funder", "IOM",
                                 "--opened", "2025-01-01", "--award", "1000", "--award-foreign", "10", "--currency", "USD",
                                 "--rate", "16250", "--period", "2025", "--lang", "en"])
        #expect(award.status == 1 && award.err.contains("--award-foreign") && award.err.contains("not both"), "\(award.err)")
        let reverse = try cli.run(["ledger", "reverse", "abc", "--date", "2025-06-10", "--reason", "salah"])
        #expect(reverse.status == 1 && reverse.err.contains("'abc' bukan bilangan bulat") && !reverse.err.contains("#0"), "\(reverse.err)")
        let reverseEN = try cli.run(["ledger", "reverse", "99999999999999999999999", "--date", "2025-06-10", "--reason", "x", "--lang", "en"])
        #expect(reverseEN.status == 1 && reverseEN.err.contains("is not a whole number"), "\(reverseEN.err)")
        #expect(cli.bytes("berdaya.sqlite") == before)
        let help = try cli.run(["ledger", "receive", "--help", "--lang", "en"])
        #expect(help.out.contains("at most IDR") && help.out.contains("1,000,000,000,000"), "\(help.out)")
    }
}
