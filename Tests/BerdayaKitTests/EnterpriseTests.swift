import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Two Kebumen survivors and one in Medan, with a cohort, on a day late in 2026.
struct Shop {
    static let today = DayDate(year: 2026, month: 11, day: 20)!
    var fixture: Fixture
    var siti = "", sri = "", rosda = "", cohort = ""

    init() throws {
        fixture = try Fixture(today: Shop.today)
        try fixture.addSites()
        let w = fixture.workspace
        siti = try Registry.register(sampleRegistration(name: "Siti Aminah", nik: nil), in: w)
        sri = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil, phone: nil), in: w)
        rosda = try Registry.register(sampleRegistration(name: "Rosdiana Sitorus", nik: nil, site: "MDN", phone: nil), in: w)
        cohort = try Cohorts.create(CohortPlan(name: "Kue kering", program: "PEP", siteCode: "KBM", startDate: day(2025, 8, 4),
                                               endDate: day(2025, 11, 28)), in: w).code
        try Cohorts.enrol(cohortCode: cohort, survivorCodes: [siti, sri], on: day(2025, 8, 4), in: w)
    }

    var w: Workspace { fixture.workspace }

    /// A food business of Siti's, started on `started`, selling nastar at Rp 85.000.
    @discardableResult
    func business(owner: String? = nil, sector: Sector = .food, started: DayDate? = day(2025, 12, 1),
                  registered: DayDate = Shop.today) throws -> String {
        let code = try Businesses.register(BusinessPlan(name: "Kue \(UUID().uuidString.prefix(4))", sector: sector, ownership: .individual,
                                                        owners: [owner ?? siti], startedOn: started),
                                           in: fixture.on(registered)).code
        try Businesses.addProduct(business: code, name: "Nastar", unit: "toples", usualPrice: Rupiah(85_000), in: w)
        return code
    }

    func sell(_ code: String, _ date: DayDate, quantity: Int64 = 1, price: Int64? = nil, channel: SalesChannel = .direct,
              event: String? = nil, partner: String? = nil) throws {
        try Sales.record([SaleInput(business: code, date: date, product: "Nastar", quantity: quantity, unitPrice: price.map(Rupiah.init),
                                    channel: channel, event: event, partner: partner)], in: w)
    }
}

func day(_ y: Int, _ m: Int, _ d: Int) -> DayDate { DayDate(year: y, month: m, day: d)! }
func month(_ y: Int, _ m: Int) -> Month { Month(year: y, month: m)! }

@Suite struct EnterpriseTests {
    @Test func aMonthCountsItsItemisedSalesOrItsSnapshotNeverBoth() throws {
        let shop = try Shop()
        let code = try shop.business()
        // January: itemised sales of 300.000 and a snapshot of 500.000 reported at a visit.
        try shop.sell(code, day(2026, 1, 10), quantity: 2, price: 100_000)
        try shop.sell(code, day(2026, 1, 20), quantity: 1, price: 100_000, channel: .socialMedia)
        try Sales.recordCost(business: code, date: day(2026, 1, 5), category: .rawMaterials, amount: Rupiah(120_000), note: nil, in: shop.w)
        try Sales.snapshot(business: code, month: month(2026, 1), omzet: Rupiah(500_000), costs: Rupiah(200_000),
                           reportedOn: day(2026, 2, 3), in: shop.w)
        // February: only a snapshot. March: only a cost.
        try Sales.snapshot(business: code, month: month(2026, 2), omzet: Rupiah(400_000), costs: Rupiah(150_000),
                           reportedOn: day(2026, 3, 3), in: shop.w)
        try Sales.recordCost(business: code, date: day(2026, 3, 2), category: .packaging, amount: Rupiah(30_000), note: "toples", in: shop.w)

        let figures = try BusinessFigures.monthly(BusinessScope(businessCode: code), period: Period(parsing: "2026-Q1"), in: shop.w)
        #expect(figures.map(\.month) == [month(2026, 1), month(2026, 2), month(2026, 3)])
        #expect(figures.map(\.omzet) == [Rupiah(300_000), Rupiah(400_000), .zero])
        #expect(figures.map(\.costs) == [Rupiah(120_000), Rupiah(150_000), Rupiah(30_000)])
        #expect(figures.map(\.grossProfit) == [Rupiah(180_000), Rupiah(250_000), Rupiah(-30_000)])
        #expect(figures.map(\.source) == [.itemised, .snapshot, .itemised])
        #expect(figures[0].byChannel == [.direct: Rupiah(200_000), .socialMedia: Rupiah(100_000)])
        #expect(figures[1].fromSnapshots == Rupiah(400_000) && figures[1].byChannel.isEmpty)

        let gaps = try BusinessFigures.disagreements(BusinessScope(), period: Period(parsing: "2026"), in: shop.w)
        #expect(gaps.count == 1)
        #expect(gaps.first?.month == month(2026, 1) && gaps.first?.difference == Rupiah(200_000))
        #expect(gaps.first?.itemisedCosts == Rupiah(120_000) && gaps.first?.snapshotCosts == Rupiah(200_000))

        // Voiding January's sales lets the snapshot stand in for the month.
        for sale in try Sales.list(business: code, period: Period(parsing: "2026-01"), in: shop.w) {
            try Sales.void(.sale(sale.id), reason: "salah input", in: shop.w)
        }
        let after = try BusinessFigures.monthly(BusinessScope(businessCode: code), period: Period(parsing: "2026-01"), in: shop.w)
        #expect(after.first?.omzet == Rupiah(500_000) && after.first?.costs == Rupiah(200_000) && after.first?.source == .snapshot)
        #expect(try BusinessFigures.disagreements(BusinessScope(), period: Period(parsing: "2026"), in: shop.w).isEmpty)
    }

    @Test func aGroupAddsEachBusinessMonthByItsOwnRule() throws {
        let shop = try Shop()
        let a = try shop.business()
        let b = try shop.business(owner: shop.sri)
        try shop.sell(a, day(2026, 3, 2), quantity: 3, price: 50_000)
        try Sales.snapshot(business: a, month: month(2026, 3), omzet: Rupiah(999_000), costs: .zero, reportedOn: day(2026, 4, 1), in: shop.w)
        try Sales.snapshot(business: b, month: month(2026, 3), omzet: Rupiah(700_000), costs: Rupiah(100_000),
                           reportedOn: day(2026, 4, 1), in: shop.w)
        let site = try BusinessFigures.monthly(BusinessScope(siteCode: "KBM"), period: Period(parsing: "2026-03"), in: shop.w)
        #expect(site.first?.omzet == Rupiah(850_000))
        #expect(site.first?.source == .mixed && site.first?.businesses == 2)
        let cohort = try BusinessFigures.monthly(BusinessScope(cohortCode: shop.cohort), period: Period(parsing: "2026-03"), in: shop.w)
        #expect(cohort.first?.omzet == Rupiah(850_000))
        let medan = try BusinessFigures.monthly(BusinessScope(siteCode: "MDN"), period: Period(parsing: "2026-03"), in: shop.w)
        #expect(medan.first?.omzet == .zero && medan.first?.source == FigureSource.none)
    }

    @Test func channelSharesAndTheShareOpenedByMarketEvents() throws {
        let shop = try Shop()
        let code = try shop.business()
        let fair = try MarketAccess.addEvent(EventPlan(kind: .exhibition, name: "Pameran Ramadan", startDate: day(2026, 3, 5),
                                                       endDate: day(2026, 3, 7), place: "Alun-alun Kebumen",
                                                       organiser: "Dinas Koperasi UKM", cost: Rupiah(250_000), siteCode: "KBM"), in: shop.w)
        try MarketAccess.join(event: fair.code, businesses: [code], in: shop.w)
        let cooperative = try MarketAccess.addPartner(kind: .cooperative, name: "Kopwan Sekar Arum", place: nil, siteCode: "KBM", in: shop.w)
        let kiosk = try MarketAccess.addPartner(kind: .shop, name: "Toko Lanting Jaya", place: nil, siteCode: "KBM", in: shop.w)
        try MarketAccess.link(partner: cooperative.code, business: code, since: day(2026, 3, 10), openedBy: fair.code, in: shop.w)
        try MarketAccess.link(partner: kiosk.code, business: code, since: day(2026, 1, 2), openedBy: nil, in: shop.w)

        try shop.sell(code, day(2026, 3, 6), quantity: 4, price: 50_000, channel: .exhibition, event: fair.code)   // 200.000 at the fair
        try shop.sell(code, day(2026, 3, 12), quantity: 2, price: 50_000, channel: .cooperative, partner: cooperative.code) // 100.000 opened by it
        try shop.sell(code, day(2026, 3, 14), quantity: 2, price: 50_000, channel: .consignment, partner: kiosk.code) // 100.000
        try shop.sell(code, day(2026, 3, 15), quantity: 4, price: 50_000)                                          // 200.000 direct
        try Sales.snapshot(business: code, month: month(2026, 4), omzet: Rupiah(400_000), costs: .zero, reportedOn: day(2026, 5, 2), in: shop.w)

        let figures = try BusinessFigures.channels(BusinessScope(siteCode: "KBM"), period: Period(parsing: "2026"), in: shop.w)
        #expect(figures.total == Rupiah(1_000_000) && figures.itemised == Rupiah(600_000))
        let shares = Dictionary(uniqueKeysWithValues: figures.rows.map { ($0.channel?.rawValue ?? "snapshot", $0.share ?? -1) })
        #expect(shares == ["exhibition": 20, "cooperative": 10, "consignment": 10, "direct": 20, "snapshot": 40])
        #expect(figures.rows.compactMap(\.share).reduce(0, +) == 100)
        #expect(figures.throughEventChannels == Rupiah(300_000) && figures.eventShare == 50)

        let details = try MarketAccess.eventDetails(code: fair.code, in: shop.w)
        #expect(details.participants.map(\.omzet) == [Rupiah(200_000)] && details.partnersOpened.count == 1)
    }

    @Test func survivalCountsTheStatusOnTheDaySixAndTwelveMonthsAfterStart() throws {
        let shop = try Shop()
        // Closed exactly six months after starting: not active at six months.
        let closedOnTheDay = try shop.business(started: day(2025, 5, 20))
        try Businesses.setStatus(code: closedOnTheDay, to: .closed, on: day(2025, 11, 20), reason: "pindah kerja", in: shop.w)
        // Closed a day later: active at six months, closed at twelve.
        let closedDayAfter = try shop.business(started: day(2025, 5, 20))
        try Businesses.setStatus(code: closedDayAfter, to: .closed, on: day(2025, 11, 21), reason: "pindah kerja", in: shop.w)
        // Paused at twelve months, active again now.
        let paused = try shop.business(owner: shop.sri, started: day(2025, 8, 31))
        try Businesses.setStatus(code: paused, to: .paused, on: day(2026, 8, 1), reason: "merawat ibu", in: shop.w)
        try Businesses.setStatus(code: paused, to: .active, on: day(2026, 9, 15), reason: "mulai lagi", in: shop.w)
        // Started 2025-05-20 + 6 months: a young one, and a planned one that never counts.
        _ = try shop.business(owner: shop.sri, started: day(2026, 5, 21))
        _ = try shop.business(owner: shop.sri, started: nil)

        let rows = try BusinessFigures.survival(by: .site, in: shop.w)
        #expect(rows.count == 1)
        let kbm = try #require(rows.first)
        #expect(kbm.group == "KBM" && kbm.started == 4 && kbm.activeNow == 2)
        #expect(kbm.eligible6 == 3 && kbm.active6 == 2)          // 2026-05-21 + 6 months = 2026-11-21, after today
        #expect(kbm.eligible12 == 3 && kbm.active12 == 0)        // the paused one was paused on 2026-08-31

        // A day earlier, 2025-08-31 + 12 months (2026-08-31) is not yet reached.
        let before = try BusinessFigures.survival(by: .site, in: shop.fixture.on(day(2026, 8, 30)))
        #expect(before.first?.eligible12 == 2)
        // Month ends clamp: 2025-08-31 + 6 months is 2026-02-28, eligible on that day.
        let feb = try BusinessFigures.survival(by: .site, in: shop.fixture.on(day(2026, 2, 28)))
        #expect(feb.first?.eligible6 == 3 && feb.first?.active6 == 2)
        let byCohort = try BusinessFigures.survival(by: .cohort, in: shop.w)
        #expect(byCohort.map(\.group) == [shop.cohort])
    }

    @Test func licencesDueWithinSixtyDaysBothEndsIncluded() throws {
        let shop = try Shop()
        let today = Shop.today
        let a = try shop.business(), b = try shop.business(), c = try shop.business(owner: shop.sri), d = try shop.business(owner: shop.sri)
        let closed = try shop.business(owner: shop.sri)
        try Businesses.addLicence(business: a, kind: .pirt, number: "2063305010001-26", issuedOn: day(2021, 1, 1),
                                  expiresOn: today.adding(days: 60), in: shop.w)
        try Businesses.addLicence(business: b, kind: .pirt, number: "2063305010002-26", issuedOn: day(2021, 1, 1),
                                  expiresOn: today.adding(days: 61), in: shop.w)
        try Businesses.addLicence(business: c, kind: .halal, number: "ID3311000012345", issuedOn: day(2022, 1, 1),
                                  expiresOn: today, in: shop.w)
        try Businesses.addLicence(business: d, kind: .pirt, number: "2063305010004-21", issuedOn: day(2021, 1, 1),
                                  expiresOn: today.adding(days: -1), in: shop.w)
        try Businesses.addLicence(business: d, kind: .nib, number: "9120001234567", issuedOn: day(2021, 1, 1), expiresOn: nil, in: shop.w)
        try Businesses.addLicence(business: closed, kind: .pirt, number: "2063305010005-21", issuedOn: day(2021, 1, 1),
                                  expiresOn: today.adding(days: 10), in: shop.w)
        try Businesses.setStatus(code: closed, to: .closed, on: today, reason: "tutup", in: shop.w)

        let due = try Businesses.licencesDue(in: shop.w)
        #expect(due.map(\.business) == [d, c, a])
        #expect(due.map(\.daysLeft) == [-1, 0, 60])
        // A renewal takes the old permit off the list.
        try Businesses.addLicence(business: d, kind: .pirt, number: "2063305010004-26", issuedOn: today.adding(days: -5),
                                  expiresOn: day(2031, 11, 15), in: shop.w)
        #expect(try Businesses.licencesDue(in: shop.w).map(\.business) == [c, a])
        #expect(try Businesses.licencesDue(within: 61, in: shop.w).map(\.business) == [c, a, b])
    }

    @Test func foodSoldWithoutAPIRTIsFlaggedNotRefused() throws {
        let shop = try Shop()
        let code = try shop.business()
        let first = try Sales.record([SaleInput(business: code, date: day(2026, 1, 10), product: "nastar", quantity: 2, channel: .direct)],
                                     in: shop.w)
        #expect(first.sales.first?.amount == Rupiah(170_000))
        #expect(first.warnings.count == 1)
        try Sales.snapshot(business: code, month: month(2026, 2), omzet: Rupiah(300_000), costs: .zero, reportedOn: day(2026, 3, 1), in: shop.w)
        try Businesses.addLicence(business: code, kind: .pirt, number: "2063305010009-26", issuedOn: day(2026, 3, 1),
                                  expiresOn: day(2031, 3, 1), in: shop.w)
        let licensed = try Sales.record([SaleInput(business: code, date: day(2026, 3, 10), product: "Nastar", quantity: 1, channel: .direct)],
                                        in: shop.w)
        #expect(licensed.warnings.isEmpty)
        let flags = try Businesses.foodWithoutPIRT(in: shop.w)
        #expect(flags.count == 1)
        #expect(flags.first?.sales == 1 && flags.first?.amount == Rupiah(470_000))
        #expect(flags.first?.first == day(2026, 1, 10) && flags.first?.last == day(2026, 2, 28))
        let craft = try shop.business(owner: shop.sri, sector: .craft)
        #expect(try Sales.record([SaleInput(business: craft, date: day(2026, 1, 10), product: "Nastar", quantity: 1, channel: .direct)],
                                 in: shop.w).warnings.isEmpty)
    }

    @Test func statusHistoryAndTheDaysABusinessCanTrade() throws {
        let shop = try Shop()
        let planned = try shop.business(started: nil, registered: day(2026, 1, 20))
        #expect(try Businesses.details(code: planned, in: shop.w).summary.status == .planned)
        // Planned on 20 January, so it cannot have started before then.
        #expect(throws: EnterpriseError.changeBeforeLast(business: planned, last: day(2026, 1, 20))) {
            try Businesses.setStatus(code: planned, to: .active, on: day(2026, 1, 19), reason: "modal cair", in: shop.w)
        }
        #expect(throws: EnterpriseError.notStarted(business: planned)) { try shop.sell(planned, day(2026, 2, 1)) }
        try Businesses.setStatus(code: planned, to: .active, on: day(2026, 2, 1), reason: "modal cair", in: shop.w)
        try shop.sell(planned, day(2026, 2, 1))
        try Businesses.setStatus(code: planned, to: .closed, on: day(2026, 6, 30), reason: "pemilik bekerja di pabrik", in: shop.w)
        try shop.sell(planned, day(2026, 6, 30))   // the closing day still trades
        let details = try Businesses.details(code: planned, in: shop.w)
        #expect(details.summary.startedOn == day(2026, 2, 1) && details.summary.status == .closed)
        #expect(details.history.map(\.status) == [.planned, .active, .closed])
        #expect(details.history.last?.reason == "pemilik bekerja di pabrik")
    }

    @Test func badSalesAndRecordsAreRefusedAndChangeNothing() throws {
        var shop = try Shop()
        let code = try shop.business(started: day(2026, 1, 5))
        let closed = try shop.business(owner: shop.sri, started: day(2026, 1, 5))
        try shop.sell(closed, day(2026, 3, 1))
        try Businesses.setStatus(code: closed, to: .closed, on: day(2026, 3, 31), reason: "tutup", in: shop.w)
        try Sales.snapshot(business: code, month: month(2026, 2), omzet: Rupiah(100_000), costs: .zero, reportedOn: day(2026, 3, 1), in: shop.w)
        let fair = try MarketAccess.addEvent(EventPlan(kind: .bazaar, name: "Bazar", startDate: day(2026, 3, 5), place: "Balai Desa",
                                                       organiser: "PKK"), in: shop.w)
        let syawal = try MarketAccess.addEvent(EventPlan(kind: .bazaar, name: "Bazar Syawal", startDate: day(2026, 4, 15),
                                                         place: "Balai Desa", organiser: "PKK"), in: shop.w)
        let sri = shop.sri, rosda = shop.rosda
        func sale(_ business: String = code, _ date: DayDate = day(2026, 4, 1), quantity: Int64 = 1, price: Int64? = nil,
                  event: String? = nil) -> SaleInput {
            SaleInput(business: business, date: date, product: "Nastar", quantity: quantity, unitPrice: price.map(Rupiah.init),
                      channel: .direct, event: event)
        }
        var cases: [(Workspace) throws -> Void] = []
        cases.append { _ = try Sales.record([sale(code, day(2026, 1, 4))], in: $0) }                     // before it started
        cases.append { _ = try Sales.record([sale(closed, day(2026, 4, 1))], in: $0) }                   // after it closed
        cases.append { _ = try Sales.record([sale(quantity: -2)], in: $0) }
        cases.append { _ = try Sales.record([sale(quantity: 0)], in: $0) }
        cases.append { _ = try Sales.record([sale(price: -85_000)], in: $0) }
        cases.append { _ = try Sales.record([sale(price: Int64.max)], in: $0) }
        cases.append { _ = try Sales.record([sale(code, Shop.today.adding(days: 1))], in: $0) }
        cases.append { _ = try Sales.record([SaleInput(business: code, date: day(2026, 4, 1), product: "Kastengel", quantity: 1,
                                                        channel: .direct)], in: $0) }
        cases.append { _ = try Sales.record([sale(event: fair.code)], in: $0) }                           // not joined
        cases.append { _ = try Sales.record([sale(), sale(), sale(quantity: -1)], in: $0) }              // one bad row: none written
        cases.append { _ = try Sales.snapshot(business: code, month: month(2026, 2), omzet: Rupiah(5), costs: .zero,
                                              reportedOn: day(2026, 3, 2), in: $0) }                     // twice
        cases.append { _ = try Sales.snapshot(business: code, month: month(2026, 12), omzet: Rupiah(5), costs: .zero,
                                              reportedOn: Shop.today, in: $0) }
        cases.append { _ = try Sales.snapshot(business: code, month: month(2026, 5), omzet: Rupiah(-5), costs: .zero,
                                              reportedOn: Shop.today, in: $0) }
        cases.append { _ = try Sales.snapshot(business: closed, month: month(2026, 4), omzet: Rupiah(5), costs: .zero,
                                              reportedOn: Shop.today, in: $0) }
        cases.append { _ = try Sales.recordCost(business: code, date: day(2026, 4, 1), category: .transport, amount: Rupiah(-1),
                                                note: nil, in: $0) }
        cases.append { try Businesses.setStatus(code: closed, to: .active, on: Shop.today, reason: "buka lagi", in: $0) }
        cases.append { try Businesses.setStatus(code: code, to: .paused, on: day(2025, 12, 1), reason: "x", in: $0) }
        cases.append { try Businesses.setStatus(code: code, to: .paused, on: Shop.today, reason: " ", in: $0) }
        cases.append { _ = try Businesses.register(BusinessPlan(name: "KUBE", sector: .craft, ownership: .kube, owners: [sri]), in: $0) }
        cases.append { _ = try Businesses.register(BusinessPlan(name: "Dua", sector: .craft, ownership: .individual,
                                                                owners: [sri, rosda]), in: $0) }
        cases.append { _ = try Businesses.register(BusinessPlan(name: "Campur", sector: .craft, ownership: .kube,
                                                                owners: [sri, rosda]), in: $0) }
        cases.append { _ = try Businesses.addLicence(business: code, kind: .pirt, number: "1", issuedOn: day(2026, 1, 1),
                                                     expiresOn: nil, in: $0) }
        cases.append { try MarketAccess.join(event: syawal.code, businesses: [code, closed], in: $0) }      // closed before it
        for refusal in cases { try shop.fixture.expectRefusalChangesNothing(refusal) }

        // Closing before a recorded sale is refused too.
        try shop.sell(code, day(2026, 4, 10))
        try shop.fixture.expectRefusalChangesNothing {
            try Businesses.setStatus(code: code, to: .closed, on: day(2026, 4, 9), reason: "tutup", in: $0)
        }
        let batch = try shop.fixture.expectRefusalChangesNothing { _ = try Sales.record([sale(), sale(price: 0)], in: $0) }
        #expect((batch as? RowError)?.row == 2)
        #expect((batch as? RowError)?.message.en.hasPrefix("Row 2: ") == true)
        #expect(throws: InputError.self) { try SalesChannel(parsing: "tiktok", field: "--channel") }
        #expect(try SalesChannel(parsing: "media sosial/whatsapp", field: "--channel") == .socialMedia)
    }

    @Test func capitalForABusinessComesFromTheLedgerAndReversalsNetOut() throws {
        var shop = try Shop()
        let w = shop.w
        try Funds.addFunder(code: "BAZNAS-KBM", name: "BAZNAS Kebumen", kind: .baznas, in: w)
        try Funds.open(FundPlan(code: "ZAKAT", name: "Zakat produktif", kind: .zakat, funderCode: "BAZNAS-KBM", openedOn: day(2025, 1, 2)), in: w)
        try Funds.addBudgetLine(fundCode: "ZAKAT", line: "micro_grants", cap: nil, in: w)
        try Funds.addBudgetLine(fundCode: "ZAKAT", line: "loan_capital", cap: nil, in: w)
        try Funds.open(FundPlan(code: "INFAQ", name: "Infaq", kind: .infaq, funderCode: "BAZNAS-KBM", openedOn: day(2025, 1, 2)), in: w)
        try Funds.addBudgetLine(fundCode: "INFAQ", line: "micro_grants", cap: nil, in: w)
        try Ledger.receive(fundCode: "INFAQ", amount: Rupiah(5_000_000), voucher: Voucher(date: day(2025, 12, 1), document: "KW-0"), in: w)
        try Ledger.receive(fundCode: "ZAKAT", amount: Rupiah(20_000_000), voucher: Voucher(date: day(2025, 12, 1), document: "KW-1"), in: w)
        let code = try shop.business()
        let kube = try Businesses.register(BusinessPlan(name: "KUBE Sekar", sector: .food, ownership: .kube, owners: [shop.siti, shop.sri],
                                                        startedOn: day(2025, 12, 1)), in: w).code
        try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(shop.siti), amount: Rupiah(2_500_000), line: "micro_grants", asnaf: .riqab,
                            business: code, voucher: Voucher(date: day(2025, 12, 10), document: "KW-2"), in: w)
        let slip = try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(shop.siti), amount: Rupiah(900_000), line: "micro_grants",
                                       asnaf: .riqab, business: code, voucher: Voucher(date: day(2025, 12, 11), document: "KW-3"), in: w)
        _ = try Ledger.reverse(entry: slip.id!, on: day(2025, 12, 12), reason: "dobel", in: w)
        try Loans.issue(LoanPlan(fundCode: "ZAKAT", borrower: .survivor(shop.siti), principal: Rupiah(1_000_000), startDate: day(2026, 1, 5),
                                 frequency: .monthly, instalments: 10, line: "loan_capital", asnaf: .gharimin, document: "KW-4",
                                 business: code), in: w)
        let capital = try Businesses.details(code: code, in: w).capital
        #expect(capital.zakat == Rupiah(2_500_000) && capital.loans == Rupiah(1_000_000) && capital.grants == .zero)
        try Ledger.disburse(fundCode: "INFAQ", to: .group("KUBE Sekar"), amount: Rupiah(1_500_000), line: "micro_grants",
                            business: kube, voucher: Voucher(date: day(2025, 12, 15), document: "KW-8"), in: w)
        #expect(try Businesses.details(code: kube, in: w).capital == BusinessCapital(grants: Rupiah(1_500_000)))

        // Only an owner, or the KUBE as a group, can take money for a business.
        let rosda = shop.rosda
        try shop.fixture.expectRefusalChangesNothing {
            _ = try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(shop.sri), amount: Rupiah(100_000), line: "micro_grants",
                                    asnaf: .miskin, business: code, voucher: Voucher(date: day(2026, 1, 2), document: "KW-5"), in: $0)
        }
        try shop.fixture.expectRefusalChangesNothing {
            _ = try Ledger.disburse(fundCode: "ZAKAT", to: .survivor(rosda), amount: Rupiah(100_000), line: "micro_grants",
                                    asnaf: .miskin, business: "KBM-U999", voucher: Voucher(date: day(2026, 1, 2), document: "KW-6"), in: $0)
        }
        try shop.fixture.expectRefusalChangesNothing {
            _ = try Ledger.disburse(fundCode: "INFAQ", to: .group("KUBE Lain"), amount: Rupiah(100_000), line: "micro_grants",
                                    business: code, voucher: Voucher(date: day(2026, 1, 2), document: "KW-7"), in: $0)
        }
    }

    @Test func theLebaranSeasonIsMarkedInTheMonthlySeries() throws {
        // Idul Fitri 2026 fell on 20 March, so Ramadan began in February.
        #expect(IdulFitri.isSeason(month(2026, 2)) && IdulFitri.isSeason(month(2026, 3)))
        #expect(!IdulFitri.isSeason(month(2026, 1)) && !IdulFitri.isSeason(month(2026, 4)))
        // 2025: 31 March, thirty days back is 1 March.
        #expect(IdulFitri.isSeason(month(2025, 3)) && !IdulFitri.isSeason(month(2025, 2)))
        let shop = try Shop()
        let series = try BusinessFigures.monthly(BusinessScope(), period: Period(parsing: "2026-H1"), in: shop.w)
        #expect(series.map(\.lebaranSeason) == [false, true, true, false, false, false])
        #expect(throws: InputError.self) { try Month(validating: "2026-13", field: "--month") }
        #expect(Month.range(month(2025, 11), month(2026, 2)).map(\.description) == ["2025-11", "2025-12", "2026-01", "2026-02"])
    }
}
