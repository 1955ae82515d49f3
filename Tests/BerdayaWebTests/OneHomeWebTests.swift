import BerdayaKit
import Foundation
import Testing
@testable import BerdayaWeb

/// The web asks BerdayaKit for the rules the command line and the reports use.
@Suite struct OneHomeWebTests {
    @Test func aCashBookWithoutAPeriodCoversTheSharedDefault() async throws {
        let site = try await Site()
        let period = Period.lastTwelveMonths(through: site.workspace.today)
        let book = try Ledger.cashBook(fundCode: "ZAKAT-PROD", period: period, in: site.workspace)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("bendahara")
            let page = try await browser.get("/funds/ZAKAT-PROD")
            #expect(page.status == .ok)
            #expect(page.body.contains("\(period.start) – \(period.end)"), "\(page.body.prefix(2000))")
            #expect(page.body.contains(book.opening.formatted(.id)) && page.body.contains(book.closing.formatted(.id)))
        }
    }
}
