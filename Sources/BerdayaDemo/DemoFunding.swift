import BerdayaKit
import Foundation

/// The demo's money: a BAZNAS productive-zakat fund, an infaq fund, a USD grant received in two
/// tranches at different rates, a local-government grant, micro-grants to most survivors,
/// training costs tied to the sessions held, and a revolving loan fund where most borrowers
/// repay on time and a few fall behind. Booked through the ledger's services, so every rule holds.
enum DemoFunding {
    /// Books the money of one copy of the demo; the treasurer ("bendahara") is the actor.
    static func build(suffix: String, cohorts: [String: String], businesses: DemoEnterprise.Registered, database: AppDatabase,
                      vault: Result<IdentityVault, AccessError>, random: inout SeededGenerator) throws {
        func on(_ day: DayDate) throws -> Workspace {
            try DemoBuilder.demoWorkspace(database: database, vault: vault, actor: "bendahara", on: day, hour: 10)
        }
        func day(_ y: Int, _ m: Int, _ d: Int) -> DayDate { DayDate(year: y, month: m, day: d)! }
        var receipt = 0
        func kw() -> String { receipt += 1; return String(format: "KW/%@%04d", suffix.isEmpty ? "" : suffix + "/", receipt) }
        let code = { (base: String) in suffix.isEmpty ? base : "\(base)-\(suffix)" }
        let setup = try on(day(2025, 1, 6))

        // Funders and funds.
        try Funds.addFunder(code: code("BAZNAS-KBM"), name: "BAZNAS Kabupaten Kebumen", kind: .baznas, in: setup)
        try Funds.addFunder(code: code("GFSM"), name: "Global Fund for Safe Migration", kind: .international, in: setup)
        try Funds.addFunder(code: code("PPPA-MDN"), name: "Dinas PPPA Kota Medan", kind: .government, in: setup)
        try Funds.addFunder(code: code("JAMAAH"), name: "Donatur infaq jamaah", kind: .individual, in: setup)
        try Funds.addFunder(code: code("CSR-BANK"), name: "CSR Bank Pembangunan Daerah", kind: .csr, in: setup)

        let usd = code("HIBAH-GFSM"), pppa = code("HIBAH-PPPA"), zakat = code("ZAKAT-PROD"), infaq = code("INFAQ")
        let revolving = code("BERGULIR")
        try Funds.open(FundPlan(code: usd, name: "Hibah Global Fund for Safe Migration 2025-2026", kind: .restricted,
                                funderCode: code("GFSM"), openedOn: day(2025, 1, 6),
                                awardForeign: ForeignAmount(amount: "12000.00", currency: "USD", rate: "16250"),
                                period: Period(start: day(2025, 1, 1), end: day(2026, 12, 31))), in: setup)
        for (line, cap) in [("training", 45_000_000), ("materials", 35_000_000), ("micro_grants", 80_000_000),
                            ("monitoring", 15_000_000), ("staff", 20_000_000)] as [(String, Int64)] {
            try Funds.addBudgetLine(fundCode: usd, line: line, cap: Rupiah(cap), in: setup)
        }
        try Funds.open(FundPlan(code: pppa, name: "Hibah Dinas PPPA Kota Medan 2025", kind: .restricted, funderCode: code("PPPA-MDN"),
                                openedOn: day(2025, 1, 6), award: Rupiah(25_000_000), period: Period(parsing: "2025")), in: setup)
        try Funds.addBudgetLine(fundCode: pppa, line: "training", cap: Rupiah(10_000_000), in: setup)
        try Funds.addBudgetLine(fundCode: pppa, line: "materials", cap: Rupiah(15_000_000), in: setup)
        try Funds.open(FundPlan(code: infaq, name: "Infaq dan sedekah", kind: .infaq, funderCode: code("JAMAAH"),
                                openedOn: day(2025, 1, 6)), in: setup)
        try Funds.addBudgetLine(fundCode: infaq, line: "micro_grants", cap: nil, in: setup)
        try Funds.addBudgetLine(fundCode: infaq, line: "training", cap: nil, in: setup)
        let zakatOpened = day(2025, 6, 2)
        try Funds.open(FundPlan(code: zakat, name: "Zakat produktif BAZNAS Kebumen", kind: .zakat, funderCode: code("BAZNAS-KBM"),
                                openedOn: zakatOpened), in: try on(zakatOpened))
        try Funds.addBudgetLine(fundCode: zakat, line: "micro_grants", cap: nil, in: try on(zakatOpened))
        let loansOpened = day(2025, 7, 1)
        try Funds.open(FundPlan(code: revolving, name: "Dana bergulir qard hasan", kind: .unrestricted, funderCode: code("CSR-BANK"),
                                openedOn: loansOpened), in: try on(loansOpened))
        try Funds.addBudgetLine(fundCode: revolving, line: "loan_capital", cap: nil, in: try on(loansOpened))

        // Money in: two USD tranches at the rates of their days, the Dinas grant, zakat, infaq, loan capital.
        try Ledger.receive(fundCode: usd, amount: nil, foreign: ForeignAmount(amount: "6000.00", currency: "USD", rate: "16250"),
                           voucher: Voucher(date: day(2025, 2, 3), document: kw(), memo: "Tahap 1"), in: try on(day(2025, 2, 3)))
        try Ledger.receive(fundCode: usd, amount: nil, foreign: ForeignAmount(amount: "6000.00", currency: "USD", rate: "16482.5"),
                           voucher: Voucher(date: day(2025, 9, 1), document: kw(), memo: "Tahap 2"), in: try on(day(2025, 9, 1)))
        try Ledger.receive(fundCode: pppa, amount: Rupiah(25_000_000), voucher: Voucher(date: day(2025, 2, 17), document: kw()),
                           in: try on(day(2025, 2, 17)))
        try Ledger.receive(fundCode: zakat, amount: Rupiah(60_000_000), voucher: Voucher(date: day(2025, 6, 10), document: kw(),
                           memo: "Zakat produktif untuk penyintas TPPO"), in: try on(day(2025, 6, 10)))
        var month = day(2025, 1, 20)
        while month <= DemoScenario.today {
            try Ledger.receive(fundCode: infaq, amount: Rupiah(Int64(random.int(8...40)) * 100_000),
                               voucher: Voucher(date: month, document: kw(), memo: "Infaq Jumat"), in: try on(month))
            month = month.adding(months: 1)
        }
        try Ledger.receive(fundCode: revolving, amount: Rupiah(30_000_000), voucher: Voucher(date: day(2025, 7, 7), document: kw()),
                           in: try on(day(2025, 7, 7)))
        try Ledger.transfer(from: infaq, to: revolving, amount: Rupiah(5_000_000),
                            voucher: Voucher(date: day(2025, 11, 3), document: kw(), memo: "Tambahan modal bergulir"),
                            in: try on(day(2025, 11, 3)))

        // Training costs for every session held: snacks, and materials for craft and food sessions.
        for (site, cohortCode) in cohorts.sorted(by: { $0.key < $1.key }) {
            for session in try Curriculum.sessions(cohortCode: cohortCode, in: setup) where session.status == .held {
                let ws = try on(session.date)
                let ref = SessionRef(cohort: cohortCode, number: session.number)
                let fund = site == "MDN" && session.date.year == 2025 ? pppa : usd
                try Ledger.expense(fundCode: fund, amount: Rupiah(Int64(random.int(15...30)) * 10_000), line: "training",
                                   vendor: "Katering ibu-ibu PKK", session: ref,
                                   voucher: Voucher(date: session.date, document: kw(), memo: "Konsumsi sesi \(ref)"), in: ws)
                if [.craft, .foodProduct].contains(session.category) {
                    try Ledger.expense(fundCode: fund, amount: Rupiah(Int64(random.int(20...60)) * 10_000), line: "materials",
                                       vendor: session.category == .craft ? "Toko bunga plastik" : "Toko bahan kue",
                                       session: ref, voucher: Voucher(date: session.date, document: kw(),
                                                                     memo: "Bahan praktik \(session.module)"), in: ws)
                }
            }
        }

        // Micro-grants: Medan completers from the grant, Kebumen's as productive zakat with their asnaf,
        // Jember's running cohort as in-kind product-photo kits.
        for (site, cohortCode) in cohorts.sorted(by: { $0.key < $1.key }) {
            let progress = try TrainingProgress.of(cohortCode: cohortCode, in: setup)
            let cohortEnd = try Cohorts.details(code: cohortCode, in: setup).endDate
            for member in progress.members {
                let date: DayDate
                switch site {
                case "MDN", "KBM":
                    guard member.exitReason == .completed else { continue }
                    date = cohortEnd.adding(days: random.int(10...30))
                default:
                    guard member.exitedOn == nil else { continue }
                    date = day(2026, 10, random.int(12...16))
                }
                let ws = try on(date)
                switch site {
                case "KBM":
                    let asnaf = random.pick([Asnaf.riqab, .riqab, .miskin, .gharimin])
                    try Ledger.disburse(fundCode: zakat, to: .survivor(member.code), amount: Rupiah(Int64(random.int(20...40)) * 100_000),
                                        line: "micro_grants", asnaf: asnaf, business: businesses.bySurvivor[member.code],
                                        voucher: Voucher(date: date, document: kw(), memo: "Modal usaha kue kering"), in: ws)
                case "MDN":
                    try Ledger.disburse(fundCode: usd, to: .survivor(member.code), amount: Rupiah(Int64(random.int(15...25)) * 100_000),
                                        line: "micro_grants", business: businesses.bySurvivor[member.code], voucher: Voucher(date: date, document: kw(), memo: "Modal usaha kerajinan"),
                                        in: ws)
                default:
                    try Ledger.disburse(fundCode: usd, to: .survivor(member.code), amount: Rupiah(750_000), line: "micro_grants",
                                        inKind: true, business: businesses.bySurvivor[member.code], voucher: Voucher(date: date, document: kw(), memo: "Paket foto produk (lampu, tripod)"),
                                        in: ws)
                }
            }
        }
        // A treasurer's slip, corrected the proper way: reversed, then booked again.
        let slipDate = day(2025, 12, 15)
        let slip = try Ledger.disburse(fundCode: infaq, to: .group(DemoEnterprise.kubeName), amount: Rupiah(3_500_000), line: "micro_grants",
                                       business: businesses.kube, voucher: Voucher(date: slipDate, document: kw(), memo: "Peralatan KUBE"), in: try on(slipDate))
        try Ledger.reverse(entry: slip.id!, on: slipDate.adding(days: 2), reason: "Salah nominal, seharusnya Rp 2.500.000",
                           in: try on(slipDate.adding(days: 2)))
        try Ledger.disburse(fundCode: infaq, to: .group(DemoEnterprise.kubeName), amount: Rupiah(2_500_000), line: "micro_grants",
                            business: businesses.kube, voucher: Voucher(date: slipDate.adding(days: 2), document: kw(), memo: "Peralatan KUBE"),
                            in: try on(slipDate.adding(days: 2)))

        // Revolving loans to Kebumen's completers and Medan's KUBE: twelve monthly instalments.
        var borrowers: [Recipient] = [.group(DemoEnterprise.kubeName)]
        if let kebumen = cohorts["KBM"] {
            borrowers += try TrainingProgress.of(cohortCode: kebumen, in: setup).members.filter { $0.exitReason == .completed }
                .prefix(8).map { .survivor($0.code) }
        }
        func business(of borrower: Recipient) -> String? {
            if case let .survivor(code) = borrower { return businesses.bySurvivor[code] }
            return businesses.kube
        }
        for (index, borrower) in borrowers.enumerated() {
            let start = day(2026, 1, 5).adding(days: index * 3)
            let loan = try Loans.issue(LoanPlan(fundCode: revolving, borrower: borrower,
                                                principal: Rupiah(Int64(random.int(15...30)) * 100_000), startDate: start,
                                                frequency: .monthly, instalments: 12, line: "loan_capital", document: kw(),
                                                siteCode: "MDN" + suffix, business: business(of: borrower)), in: try on(start))
            // Most pay every month; one stops after a few months; one always pays about three weeks late.
            let behaviour = index == 4 ? (stopsAfter: random.int(3...5), late: 0) : index == 1 ? (stopsAfter: 12, late: 20)
                : (stopsAfter: 12, late: 0)
            let statement = try Loans.statement(loanCode: loan.code, asOf: start, in: try on(start))
            for instalment in statement.instalments.prefix(behaviour.stopsAfter) {
                let paidOn = instalment.dueDate.adding(days: behaviour.late + random.int(-3...2))
                guard paidOn <= DemoScenario.today else { break }
                try Loans.repay(loanCode: loan.code, amount: instalment.amount,
                                voucher: Voucher(date: paidOn, document: kw(), memo: "Angsuran ke-\(instalment.number)"),
                                in: try on(paidOn))
            }
        }
    }
}
