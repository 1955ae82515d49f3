import BerdayaTestSupport
import Foundation
import GRDB
import Testing
@testable import BerdayaDemo
@testable import BerdayaKit

@Suite struct DemoEnterpriseTests {
    @Test func theDemoBusinessesTellTheStoryTheIssueAsksFor() throws {
        let temporary = try TemporaryFolder("demo"), folder = temporary.path
        try DemoCache.copy(seed: 11, to: folder + "/demo.sqlite", keyPath: folder + "/demo.key")
        let database = try AppDatabase.open(at: folder + "/demo.sqlite")
        defer { try? database.close() }
        let w = try Workspace(database: database, vault: .failure(.wrongKey), actor: "t", today: DemoScenario.today)

        let businesses = try Businesses.list(in: w)
        // Most of the women who completed (or are still in) a cohort own a business.
        let owners = Set(businesses.flatMap { $0.owners.split(separator: " ").map(String.init) })
        let members = try Cohorts.list(in: w).flatMap { try TrainingProgress.of(cohortCode: $0.code, in: w).members }
            .filter { $0.exitReason == .completed || $0.exitedOn == nil }
        #expect(owners.count * 10 >= members.count * 7, "\(owners.count) of \(members.count)")
        #expect(businesses.filter { $0.ownership == .kube }.count == 1)
        #expect(Set(businesses.map(\.sector)).isSuperset(of: [.craft, .food, .trade]))
        #expect(businesses.filter { $0.status == .closed }.count == 1)
        #expect(businesses.contains { $0.status == .planned })

        // A peak before Idul Fitri: Kebumen's March 2026 far above its ordinary months.
        let kebumen = try BusinessFigures.monthly(BusinessScope(siteCode: "KBM"), period: Period(parsing: "2026"), in: w)
        let ordinary = kebumen.filter { !$0.lebaranSeason && $0.month.month != 4 && $0.month.month < 11 }.map(\.omzet.amount)
        let march = try #require(kebumen.first { $0.month.month == 3 })
        #expect(march.omzet.amount > 2 * ordinary.reduce(0, +) / Int64(ordinary.count))

        // Some months known only from snapshots, and one month where a snapshot disagrees with the sales.
        #expect(kebumen.contains { $0.fromSnapshots.amount > 0 })
        #expect(try BusinessFigures.disagreements(BusinessScope(), period: Period(parsing: "2026"), in: w).count >= 1)

        // Two exhibitions; channels they opened carry a share of sales.
        let events = try MarketAccess.events(in: w)
        #expect(events.filter { $0.kind == .exhibition }.count == 2)
        #expect(events.allSatisfy { $0.omzet.amount > 0 })
        let channels = try BusinessFigures.channels(BusinessScope(), period: Period(parsing: "2026"), in: w)
        #expect((channels.eventShare ?? 0) > 2)
        #expect(Set(channels.rows.compactMap(\.channel)).isSuperset(of: [.direct, .exhibition, .consignment, .cooperative, .marketplace,
                                                                           .socialMedia, .abroad]))

        // Licences: exactly one about to expire, and one food business flagged for selling without a P-IRT.
        let due = try Businesses.licencesDue(in: w)
        #expect(due.count == 1 && due.first.map { (0...60).contains($0.daysLeft) } == true)
        #expect(try Businesses.foodWithoutPIRT(in: w).count == 1)

        // Survival: Medan's businesses are old enough for both milestones, Kebumen's for six months.
        let survival = try BusinessFigures.survival(by: .site, in: w)
        #expect(survival.first { $0.group == "MDN" }.map { $0.eligible12 > 0 && $0.active12 < $0.eligible12 } == true)
        #expect(survival.first { $0.group == "KBM" }.map { $0.eligible6 > 0 && $0.eligible12 == 0 } == true)

        // Capital from the ledger reached the businesses: zakat in Kebumen, grants in Medan, the KUBE's loan.
        for business in businesses where business.status != .planned && business.site != "JBR" {
            #expect(try Businesses.details(code: business.code, in: w).capital.total.amount > 0, "\(business.code)")
        }
        let kube = try #require(businesses.first { $0.ownership == .kube })
        #expect(try Businesses.details(code: kube.code, in: w).capital.loans.amount > 0)
    }
}
