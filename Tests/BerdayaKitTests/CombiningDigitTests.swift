import Testing
@testable import BerdayaKit

/// A digit with a combining mark ("5\u{303}") sorts between "0" and "9" as a Character: the CI
/// fuzzer found it crashing the foreign-amount parser. Every parser refuses it instead.
@Suite struct CombiningDigitTests {
    @Test(arguments: ["5\u{303}", "1\u{303}00", "12.5\u{301}", "\u{0661}\u{0662}"])
    func aDigitWithACombiningMarkIsRefusedNotACrash(_ text: String) {
        #expect(throws: (any Error).self) { try ForeignAmount(amount: text, currency: "USD", rate: "15000") }
        #expect(throws: (any Error).self) { try ForeignAmount(amount: "100", currency: "USD", rate: text) }
        #expect(throws: (any Error).self) { try Rupiah(parsing: text, field: "--amount") }
        #expect(!Character("5\u{303}").isASCIIDigit && Character("5").isASCIIDigit)
    }
}
