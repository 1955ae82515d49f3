import BerdayaKit
import Foundation

/// The demo's businesses: crafts in Medan (with one KUBE), cookies and processed food in
/// Kebumen, online sellers in Jember. A year of sales with the pre-Lebaran peak, months known
/// only from snapshots, two exhibitions and a campaign, partners those events opened,
/// licences with one about to expire, one business paused and one closed. All through the
/// services, so every rule holds. Business names never carry a survivor's name.
enum DemoEnterprise {
    struct Registered {
        /// Survivor code → the business she owns (for a KUBE member, the KUBE's).
        var bySurvivor: [String: String] = [:]
        var kube: String?
        var bySite: [String: [String]] = [:]
    }

    static let kubeName = "KUBE Melati Medan"

    static let names: [String: [String]] = [
        "MDN": ["Rangkai Bunga Cahaya", "Hiasan Botol Lestari", "Seserahan Berkah", "Bunga Kering Indah", "Kreasi Botol Ceria",
                "Buket Mawar Deli", "Dekorasi Pelaminan Sari", "Bunga Flanel Harapan"],
        "KBM": ["Kue Kering Sekar", "Lanting Gurih Kebumen", "Peyek Kacang Renyah", "Nastar Berkah", "Keripik Tempe Sruweng",
                "Kue Kering Melati", "Olahan Singkong Jaya", "Kastengel Barokah", "Emping Melinjo Asri", "Sale Pisang Manis",
                "Kue Bawang Kenanga", "Rengginang Pertiwi"],
        "JBR": ["Hijab Ambulu Store", "Gamis Cantik Jember", "Kopi Bubuk Sumber", "Tas Rajut Wuluhan", "Aksesoris Mutiara Daring",
                "Batik Labako Daring", "Mukena Balung Online", "Sandal Hias Sukowono", "Kerudung Anak Ceria", "Dompet Rajut Mastrip"],
    ]

    static let products: [String: [(String, String, Int64)]] = [
        "MDN": [("Buket bunga", "buah", 75_000), ("Hiasan dinding botol bekas", "buah", 60_000), ("Seserahan pengantin", "set", 350_000),
                ("Bunga meja", "pot", 45_000)],
        "KBM": [("Nastar", "toples", 85_000), ("Kastengel", "toples", 90_000), ("Lanting", "bungkus", 15_000),
                ("Peyek kacang", "bungkus", 12_000), ("Keripik tempe", "bungkus", 10_000)],
        "JBR": [("Hijab segi empat", "lembar", 35_000), ("Gamis", "potong", 150_000), ("Tas rajut", "buah", 85_000),
                ("Mukena", "set", 120_000)],
    ]

    /// Registers the businesses (planned, or started for Jember's earlier online sellers), so
    /// that the treasurer can name them when capital goes out.
    static func register(suffix: String, cohorts: [String: String], database: AppDatabase,
                         vault: Result<IdentityVault, AccessError>, random: inout SeededGenerator) throws -> Registered {
        func on(_ day: DayDate) throws -> Workspace {
            try DemoBuilder.demoWorkspace(database: database, vault: vault, actor: "pendamping", on: day, hour: 11)
        }
        var registered = Registered()
        let setup = try on(DemoScenario.today)
        for (site, cohortCode) in cohorts.sorted(by: { $0.key < $1.key }) {
            let siteCode = site + suffix
            let members = try TrainingProgress.of(cohortCode: cohortCode, in: setup).members.filter {
                site == "JBR" ? $0.exitedOn == nil : $0.exitReason == .completed
            }.map(\.code)
            let end = try Cohorts.details(code: cohortCode, in: setup).endDate
            var owners = members.dropLast()             // one member in each cohort has no business (yet)
            var names = self.names[site]!
            if site == "MDN", owners.count >= 5 {
                let group = Array(owners.prefix(3))
                owners.removeFirst(3)
                let kube = try Businesses.register(BusinessPlan(name: kubeName, sector: .craft, ownership: .kube, owners: group,
                                                                siteCode: siteCode), in: on(end.adding(days: 3))).code
                registered.kube = kube
                registered.bySite[site, default: []].append(kube)
                for member in group { registered.bySurvivor[member] = kube }
            }
            for (index, owner) in owners.enumerated() {
                let sector: Sector = site == "MDN" ? .craft : site == "KBM" ? .food : (index == 2 ? .food : .trade)
                let name = site == "JBR" && index == 2 ? "Kopi Bubuk Sumber" : names.removeFirst()
                names.removeAll { $0 == name }
                // Two of Jember's women were selling online before the program; they register as started.
                let started: DayDate? = site == "JBR" && index < 2 ? DayDate(year: 2026, month: 6 + index, day: 8 + index * 5)! : nil
                let when = site == "JBR" ? DayDate(year: 2026, month: 9, day: 10)! : end.adding(days: 3)
                let business = try Businesses.register(BusinessPlan(name: name, sector: sector, ownership: .individual, owners: [owner],
                                                                    startedOn: started), in: on(when)).code
                registered.bySurvivor[owner] = business
                registered.bySite[site, default: []].append(business)
            }
        }
        return registered
    }

    /// Everything after the capital: starts, products, licences, events, partners, a year of
    /// sales and costs, snapshots, a pause and a closure.
    static func trade(copy: Int, suffix: String, registered: Registered, database: AppDatabase,
                      vault: Result<IdentityVault, AccessError>, random: inout SeededGenerator) throws {
        func on(_ day: DayDate) throws -> Workspace {
            try DemoBuilder.demoWorkspace(database: database, vault: vault, actor: "pendamping", on: day, hour: 14)
        }
        func day(_ y: Int, _ m: Int, _ d: Int) -> DayDate { DayDate(year: y, month: m, day: d)! }
        let today = DemoScenario.today
        let now = try on(today)
        var serial = 0
        func number(_ prefix: String) -> String { serial += 1; return prefix + String(format: "%04d%03d", copy, serial) }

        // Starts (after the micro-grants), products and licences.
        var plans: [String: (site: String, started: DayDate, logs: Bool)] = [:]
        for (site, businesses) in registered.bySite.sorted(by: { $0.key < $1.key }) {
            for (index, code) in businesses.enumerated() {
                let details = try Businesses.details(code: code, in: now)
                var started = details.summary.startedOn
                if started == nil {
                    // One Jember woman is still planning; the rest start once their capital has come.
                    if site == "JBR", index == businesses.count - 1 { continue }
                    let planned = details.history[0].date
                    let date = site == "JBR" ? day(2026, 10, random.int(19...26))
                        : planned.adding(days: site == "MDN" ? random.int(35...55) : random.int(9...25))
                    try Businesses.setStatus(code: code, to: .active, on: date, reason: "Modal usaha diterima, mulai berjualan", in: on(date))
                    started = date
                }
                let catalogue = code == registered.kube ? [products["MDN"]![2], products["MDN"]![0], products["MDN"]![3]]
                    : details.summary.sector == .food && site == "JBR" ? [("Kopi bubuk 250 g", "bungkus", Int64(40_000))]
                    : Array(products[site]!.shuffled(using: &random).prefix(random.int(2...3)))
                for (name, unit, price) in catalogue {
                    try Businesses.addProduct(business: code, name: name, unit: unit, usualPrice: Rupiah(price), in: now)
                }
                // Almost everyone logs sales itemised; a few report only monthly totals at visits.
                plans[code] = (site, started!, index == 0 || code == registered.kube || !random.chance(25))
                if site == "KBM" {
                    try Businesses.addLicence(business: code, kind: .nib, number: number("912000"), issuedOn: started!.adding(days: 5),
                                              expiresOn: nil, in: now)
                    switch index {
                    case 0:   // a family permit from before she migrated, running out next month
                        try Businesses.addLicence(business: code, kind: .pirt, number: number("206330") + "-21",
                                                  issuedOn: day(2021, 12, 27), expiresOn: day(2026, 12, 27), in: now)
                    case 3:   // sold for months before her permit came
                        try Businesses.addLicence(business: code, kind: .pirt, number: number("206330") + "-26",
                                                  issuedOn: day(2026, 4, 15), expiresOn: day(2031, 4, 15), in: now)
                    default:   // applied for during the training's food-safety module
                        let issued = started!.adding(days: -random.int(5...20))
                        try Businesses.addLicence(business: code, kind: .pirt, number: number("206330") + "-26",
                                                  issuedOn: issued, expiresOn: issued.adding(months: 60), in: now)
                    }
                    if index == 1 {
                        try Businesses.addLicence(business: code, kind: .halal, number: "ID3305" + number("") + "0326",
                                                  issuedOn: day(2026, 3, 2), expiresOn: day(2030, 3, 2), in: now)
                    }
                } else if code == registered.kube || (site == "MDN" && index == 1) || (site == "JBR" && index < 2) {
                    try Businesses.addLicence(business: code, kind: .nib, number: number("912000"), issuedOn: started!.adding(days: 20),
                                              expiresOn: nil, in: now)
                } else if site == "JBR", index == 2 {
                    try Businesses.addLicence(business: code, kind: .pirt, number: number("206350") + "-26",
                                              issuedOn: day(2026, 10, 20), expiresOn: day(2031, 10, 20), in: now)
                }
            }
        }

        // Market access: a Ramadan exhibition in Kebumen, a women's craft exhibition in Medan,
        // an 11.11 online campaign in Jember; a cooperative and an outlet the exhibitions opened,
        // and a souvenir shop taking consignment.
        let kbm = (registered.bySite["KBM"] ?? []).filter { plans[$0] != nil }
        let mdn = (registered.bySite["MDN"] ?? []).filter { plans[$0] != nil }
        let jbr = (registered.bySite["JBR"] ?? []).filter { plans[$0] != nil && plans[$0]!.started <= day(2026, 11, 9) }
        var atEvent: [String: (event: String, days: ClosedRange<DayDate>, channel: SalesChannel)] = [:]
        var partnerOf: [String: [(partner: String, since: DayDate, channel: SalesChannel)]] = [:]
        func event(_ plan: EventPlan, _ members: [String], channel: SalesChannel) throws -> String {
            let code = try MarketAccess.addEvent(plan, in: now).code
            try MarketAccess.join(event: code, businesses: members, in: now)
            for member in members { atEvent[member] = (code, plan.startDate...(plan.endDate ?? plan.startDate), channel) }
            return code
        }
        var ramadan: String?, crafts: String?
        if !kbm.isEmpty {
            ramadan = try event(EventPlan(kind: .exhibition, name: "Pameran UMKM Ramadan Kebumen", startDate: day(2026, 3, 5),
                                          endDate: day(2026, 3, 7), place: "Alun-alun Kebumen", organiser: "Dinas Koperasi UKM Kebumen",
                                          cost: Rupiah(750_000), siteCode: "KBM" + suffix), Array(kbm.prefix(6)), channel: .exhibition)
            let cooperative = try MarketAccess.addPartner(kind: .cooperative, name: "Koperasi Wanita Sekar Arum", place: "Kebumen",
                                                          siteCode: "KBM" + suffix, in: now).code
            for code in kbm.prefix(3) {
                try MarketAccess.link(partner: cooperative, business: code, since: day(2026, 3, 10), openedBy: ramadan, in: now)
                partnerOf[code, default: []].append((cooperative, day(2026, 3, 10), .cooperative))
            }
            let shop = try MarketAccess.addPartner(kind: .shop, name: "Toko Oleh-oleh Lanting Jaya", place: "Jl. Pemuda, Kebumen",
                                                   siteCode: "KBM" + suffix, in: now).code
            for code in kbm.dropFirst(3).prefix(2) {
                let since = max(plans[code]!.started, day(2026, 1, 5))
                try MarketAccess.link(partner: shop, business: code, since: since, openedBy: nil, in: now)
                partnerOf[code, default: []].append((shop, since, .consignment))
            }
        }
        if !mdn.isEmpty {
            crafts = try event(EventPlan(kind: .exhibition, name: "Pameran Kerajinan Perempuan Sumatera Utara", startDate: day(2026, 5, 14),
                                         endDate: day(2026, 5, 17), place: "Lapangan Merdeka, Medan", organiser: "Dinas PPPA Kota Medan",
                                         cost: Rupiah(500_000), siteCode: "MDN" + suffix), mdn.filter { $0 != mdn.dropFirst().first },
                                 channel: .exhibition)
            let gallery = try MarketAccess.addPartner(kind: .governmentOutlet, name: "Galeri Dekranasda Sumatera Utara", place: "Medan",
                                                      siteCode: "MDN" + suffix, in: now).code
            for code in mdn.prefix(2) where code != mdn.dropFirst().first {
                try MarketAccess.link(partner: gallery, business: code, since: day(2026, 5, 20), openedBy: crafts, in: now)
                partnerOf[code, default: []].append((gallery, day(2026, 5, 20), .consignment))
            }
        }
        if !jbr.isEmpty {
            _ = try event(EventPlan(kind: .onlineCampaign, name: "Kampanye 11.11 Produk Purna Migran", startDate: day(2026, 11, 9),
                                    endDate: day(2026, 11, 11), place: "Shopee dan Instagram", organiser: "DESBUMI Jember",
                                    siteCode: "JBR" + suffix), jbr, channel: .marketplace)
        }

        // Who changes course: one Medan business closes, one Kebumen business pauses for two months.
        let closing = mdn.count > 2 ? mdn[2] : nil
        let pausing = kbm.count > 4 ? kbm[4] : nil
        let disagreeing = kbm.first

        // A year of sales: itemised for those who log, snapshots at visits for months that are not.
        let firstMonth = Month(year: 2025, month: 12)!
        for (code, plan) in plans.sorted(by: { $0.key < $1.key }) {
            let catalogue = try Businesses.details(code: code, in: now).products
            let base: Int64 = code == registered.kube ? 2_600_000 : plan.site == "MDN" ? 950_000 : plan.site == "KBM" ? 1_300_000 : 800_000
            for month in Month.range(Month(plan.started), Month(today)) {
                if code == pausing, month == Month(year: 2026, month: 5)! || month == Month(year: 2026, month: 6)! { continue }
                if code == closing, month > Month(year: 2026, month: 6)! { continue }
                var target = base * Int64(season(plan.site, month) * 100) / 100 * Int64(random.int(80...120)) / 100
                let visit = month.last.adding(days: random.int(2...9))
                let itemised = plan.logs && month >= firstMonth && (code == disagreeing || month == Month(today) || !random.chance(8))
                if !itemised {
                    guard visit <= today, month < Month(today) else { continue }
                    try Sales.snapshot(business: code, month: month, omzet: round(target), costs: round(target * Int64(random.int(45...60)) / 100),
                                       reportedOn: visit, in: on(visit))
                    continue
                }
                let first = max(month.first, plan.started), last = min(month.last, today, code == closing ? day(2026, 6, 30) : month.last)
                guard first <= last else { continue }
                // A month begun part-way sells for the days it traded.
                target = target * Int64(last.dayNumber - first.dayNumber + 1) / Int64(month.last.day)
                var sales: [SaleInput] = [], total: Int64 = 0
                while total < target {
                    let product = random.pick(catalogue)
                    let seasonal = IdulFitri.isSeason(month) && plan.site == "KBM"
                    let quantity = Int64(seasonal ? random.int(2...8) : random.int(1...3))
                    let date = DayDate(dayNumber: random.int(first.dayNumber...last.dayNumber))
                    var input = SaleInput(business: code, date: date, product: product.name, quantity: quantity,
                                          channel: channel(plan.site, &random), buyerType: random.chance(30) ? .reseller : nil)
                    if let stand = atEvent[code], stand.days.contains(date) || (stand.days.lowerBound >= first && stand.days.upperBound <= last
                        && random.chance(25)) {
                        input.date = stand.days.contains(date) ? date : stand.days.lowerBound.adding(days: random.int(0...1))
                        guard input.date <= today else { break }
                        input.channel = stand.channel
                        input.event = stand.event
                    } else if let outlet = partnerOf[code]?.first(where: { $0.since <= date }), random.chance(20) {
                        input.channel = outlet.channel
                        input.partner = outlet.partner
                    }
                    if plan.site == "KBM", code == kbm.last, IdulFitri.isSeason(month), random.chance(15) {
                        input.channel = .abroad   // orders from her former employer's family in Hong Kong
                        input.buyerType = .abroad
                    }
                    sales.append(input)
                    total += quantity * product.usualPrice.amount
                }
                try Sales.record(sales.sorted { $0.date < $1.date }, in: on(min(today, month.last)))
                // Costs: raw materials, packaging and transport, about half the omzet.
                for (category, share) in [(CostCategory.rawMaterials, 34), (.packaging, 10), (.transport, 6)] {
                    let amount = round(total * Int64(share + random.int(-4...4)) / 100)
                    guard amount.amount > 0 else { continue }
                    try Sales.recordCost(business: code, date: DayDate(dayNumber: random.int(first.dayNumber...last.dayNumber)),
                                         category: category, amount: amount, note: nil, in: on(min(today, month.last)))
                }
                // One officer also took a monthly total at a visit in the peak month: the two disagree.
                if code == disagreeing, month == Month(year: 2026, month: 2)! {
                    try Sales.snapshot(business: code, month: month, omzet: round(total * 125 / 100), costs: round(total * 55 / 100),
                                       reportedOn: visit, in: on(visit))
                }
            }
        }
        if let pausing {
            try Businesses.setStatus(code: pausing, to: .paused, on: day(2026, 5, 1), reason: "Merawat orang tua yang sakit", in: now)
            try Businesses.setStatus(code: pausing, to: .active, on: day(2026, 7, 1), reason: "Mulai menerima pesanan lagi", in: now)
        }
        if let closing {
            try Businesses.setStatus(code: closing, to: .closed, on: day(2026, 6, 30),
                                     reason: "Pemilik kembali bekerja sebagai buruh pabrik", in: now)
        }
    }

    /// Round to the nearest thousand rupiah, as people report money.
    static func round(_ amount: Int64) -> Rupiah { Rupiah((amount + 500) / 1000 * 1000) }

    /// How a month's sales compare with an ordinary month: cookies peak before Idul Fitri,
    /// crafts sell as Lebaran parcels and for the weddings after it, online shops on 11.11.
    static func season(_ site: String, _ month: Month) -> Double {
        let lebaran = IdulFitri.isSeason(month)
        let afterLebaran = IdulFitri.isSeason(month.adding(months: -1)) && !lebaran
        switch site {
        case "KBM": return lebaran ? (month.month == 3 ? 3.6 : 2.4) : afterLebaran ? 0.6 : month.month == 12 ? 1.4 : 1
        case "MDN": return lebaran ? 1.7 : afterLebaran ? 1.4 : 1
        default: return lebaran ? 1.8 : month.month == 11 ? 1.6 : 1
        }
    }

    static func channel(_ site: String, _ random: inout SeededGenerator) -> SalesChannel {
        let roll = random.int(1...100)
        switch site {
        case "KBM": return roll <= 55 ? .direct : roll <= 90 ? .socialMedia : .marketplace
        case "MDN": return roll <= 45 ? .direct : roll <= 85 ? .socialMedia : .marketplace
        default: return roll <= 50 ? .marketplace : roll <= 90 ? .socialMedia : .direct
        }
    }
}
