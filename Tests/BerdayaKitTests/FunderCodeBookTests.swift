import Crypto
import Foundation
import Testing
@testable import BerdayaKit

/// The making of per-funder codes, below the reports that show them.
@Suite struct FunderCodeBookTests {
    @Test func collisionsAreResolvedWithoutMovingAnEarlierSurvivorsCode() throws {
        let vault = IdentityVault(masterKey: .init(size: .bits256))
        // Two base32 characters leave 1,024 codes: 400 survivors collide many times over.
        let codes = (1...400).map { "KBM-" + String(format: "%04d", $0) }
        let book = FunderCode.book(funderCode: "BAZNAS-KBM", internalCodes: codes, vault: vault, length: 2)
        let all = codes.compactMap(book.pseudonym(for:))
        #expect(all.count == 400 && Set(all).count == 400)
        let naive = Set(codes.map { FunderCode.candidate($0, attempt: 0, key: vault.funderPseudonymKey(funderCode: "BAZNAS-KBM"),
                                                         prefix: "BZ", length: 2) })
        #expect(naive.count < 400, "the test must produce collisions")
        // Registering more survivors never changes an earlier one's code.
        let grown = FunderCode.book(funderCode: "BAZNAS-KBM", internalCodes: codes + (401...600).map { "MDN-" + String(format: "%04d", $0) },
                                    vault: vault, length: 2)
        for code in codes { #expect(grown.pseudonym(for: code) == book.pseudonym(for: code)) }
    }

    @Test func thePrefixComesFromTheFundersCode() {
        #expect(FunderCode.prefix(funderCode: "BAZNAS-KBM") == "BZ")
        #expect(FunderCode.prefix(funderCode: "GFSM") == "GF")
        #expect(FunderCode.prefix(funderCode: "CSR-BANK") == "CS")
        #expect(FunderCode.prefix(funderCode: "A") == "AX")
    }
}
