import BerdayaKit
import Foundation

/// Every dataset a template may name. Each reads BerdayaKit's services; none runs SQL a
/// template wrote, and only the two internal registers are identified.
public enum Datasets {
    /// Every dataset a template may name.
    public static let all: [DatasetDefinition] = [
        keyFigures, cohorts, trainingModules, funds, budgetLines, salesByMonth, salesByChannel, outcomeIndicators,
        cibest, cibestTransitions, zakatByAsnaf, zakatByProgram, zakatMustahik, cashBook, loans, loanGroups,
        attendanceRegister, cohortProgress,
    ] + accountability

    /// The dataset of this exact name; nil for none.
    public static func named(_ name: String) -> DatasetDefinition? { all.first { $0.name == name } }

    /// A cohort's progress, and the report's scope, are read once per report, however many sheets use them.
    final class ProgressCache: @unchecked Sendable {
        private let lock = NSLock()
        private var known: [String: CohortProgress] = [:]
        private var scopes: [(ReportParameters, ReportScope)] = []

        func scope(_ p: ReportParameters, _ w: Workspace) throws -> ReportScope {
            if let cached = lock.withLock({ scopes.first { $0.0 == p }?.1 }) { return cached }
            let scope = try ReportScope.resolve(p, in: w)
            lock.withLock { scopes.append((p, scope)) }
            return scope
        }

        func progress(_ code: String, _ w: Workspace) throws -> CohortProgress {
            if let cached = lock.withLock({ known[code] }) { return cached }
            let progress = try TrainingProgress.of(cohortCode: code, in: w)
            lock.withLock { known[code] = progress }
            return progress
        }
    }

    @TaskLocal static var cache: ProgressCache?

    static func progress(_ code: String, _ w: Workspace) throws -> CohortProgress {
        try cache?.progress(code, w) ?? TrainingProgress.of(cohortCode: code, in: w)
    }

    /// The report's scope (Templates/README.md, "What a filter covers"), resolved once per report.
    static func scope(_ p: ReportParameters, _ w: Workspace) throws -> ReportScope {
        try cache?.scope(p, w) ?? ReportScope.resolve(p, in: w)
    }

    static func cohortsInScope(_ p: ReportParameters, _ w: Workspace) throws -> [CohortSummary] {
        let scope = try scope(p, w)
        return try Cohorts.list(in: w, siteCode: p.site).filter { scope.covers(cohort: $0.code) }
    }

    /// Shared costs, on a row of their own when a site or cohort splits the money.
    static let sharedLabel = Localized(id: "biaya bersama (tanpa situs)", en: "shared costs (no site)")

    /// The money rows of a report: its funds' figures over the entries in scope, then, when a
    /// site or cohort splits the money, the shared entries of the funds that served it (had an
    /// entry of its own), apart. Rows of a split with nothing in them are left out.
    static func fundMoney(_ p: ReportParameters, _ w: Workspace) throws -> [(part: String?, shared: Bool, money: FundMoney)] {
        let scope = try scope(p, w)
        func read(_ place: EntryPlace) throws -> [FundMoney] {
            try TreasurerReports.perFund(period: p.period, funderCode: p.funder, fundCode: p.fund, fundCodes: scope.funds,
                                         place: place, in: w)
        }
        guard scope.splitsMoney else { return try read(.all).map { (nil, false, $0) } }
        func moved(_ f: FundMoney) -> Bool { [f.opening, f.received, f.spent, f.other, f.closing].contains { $0.amount != 0 } }
        let own = p.cohort ?? p.site ?? ""
        let served = try read(scope.place).filter(moved)
        let funds = Set(served.map(\.fund))
        return served.map { (own, false, $0) }
            + (try read(.shared)).filter { moved($0) && funds.contains($0.fund) }.map { (sharedLabel(p.language), true, $0) }
    }

    // MARK: Program

    static let keyFigures = DatasetDefinition(
        name: "key-figures", privacy: .aggregate,
        summary: Localized(id: "Angka kunci program pada periode: jangkauan, pelatihan, dana, usaha, hasil.",
                           en: "The program's key figures for the period: reach, training, money, business, outcomes."),
        fields: ["group", "label", "value"], needs: [.period]
    ) { p, w in
        let l = p.language
        var rows: [DataRow] = []
        func add(_ group: String, _ label: Localized, _ value: Cell, key: String = "") {
            rows.append(["group": .text(group), "label": .text(label(l)), "value": value, "key": .text(key)])
        }
        let scope = try scope(p, w)
        let cohorts = try cohortsInScope(p, w)
        let end = p.period.end
        let survivors = try Registry.list(in: w, siteCode: p.site, cohortCode: p.cohort).filter { scope.covers(survivor: $0.code) }
        add("reach", Localized(id: "Penyintas dijangkau", en: "Survivors reached"),
            .people(survivors.filter { $0.registeredOn <= end }.count), key: "reached")
        var enrolled = 0, completed = 0, progresses: [CohortProgress] = []
        for cohort in cohorts where cohort.startDate <= end {
            let progress = try progress(cohort.code, w)
            progresses.append(progress)
            let members = progress.members.filter { scope.covers(survivor: $0.code) }
            enrolled += members.filter { $0.enrolledOn <= end }.count
            completed += members.filter { $0.exitReason == .completed && ($0.exitedOn ?? end) <= end }.count
        }
        let attendance = AttendanceRate.over(progresses, in: p.period) { scope.covers(session: $0.ref) }
        add("reach", Localized(id: "Penyintas ikut angkatan", en: "Survivors enrolled"), .people(enrolled), key: "enrolled")
        add("reach", Localized(id: "Penyintas lulus", en: "Survivors completed"), .people(completed), key: "completed")
        add("training", Localized(id: "Sesi pelatihan terlaksana", en: "Training sessions held"), .integer(Int64(attendance.held)))
        add("training", Localized(id: "Tingkat kehadiran", en: "Attendance rate"), .percent(attendance.percent), key: "attendance")
        let money = try fundMoney(p, w)
        let own = money.filter { !$0.shared }.map(\.money)
        add("money", Localized(id: "Dana diterima", en: "Money received"), .money(try own.reduce(.zero) { try $0 + $1.received }))
        add("money", Localized(id: "Dana disalurkan dan dibelanjakan", en: "Money paid out and spent"), .money(try own.reduce(.zero) { try $0 + $1.spent }))
        if scope.splitsMoney {
            let shared = money.filter(\.shared).map(\.money)
            add("money", Localized(id: "Biaya bersama (tanpa situs) dibelanjakan", en: "Shared costs (no site) spent"),
                .money(try shared.reduce(.zero) { try $0 + $1.spent }))
        } else {
            add("money", Localized(id: "Saldo akhir", en: "Closing balance"), .money(try own.reduce(.zero) { try $0 + $1.closing }))
        }
        let businesses = try Businesses.list(siteCode: p.site, cohortCode: p.cohort, in: w).filter { scope.covers(business: $0.code) }
        add("business", Localized(id: "Usaha berjalan", en: "Businesses active"), .integer(Int64(businesses.filter { $0.status == .active }.count)))
        let months = try BusinessFigures.monthly(scope.businessScope, period: p.period, in: w)
        add("business", Localized(id: "Omzet usaha penyintas", en: "Survivors' business omzet"), .money(try months.reduce(.zero) { try $0 + $1.omzet }))
        let outcome = try OutcomeFigures.cibest(scope.outcomeScope, asOf: min(end, w.today), in: w)
        add("outcome", Localized(id: "Rumah tangga dikunjungi ulang", en: "Households followed up"), .people(outcome.after.households), key: "followed")
        add("outcome", Localized(id: "Indeks kesejahteraan W sebelum", en: "Welfare index W before"), .percent(outcome.beforeFollowedUp.welfare), key: "w_before")
        add("outcome", Localized(id: "Indeks kesejahteraan W sesudah", en: "Welfare index W after"), .percent(outcome.after.welfare), key: "w_after")
        return rows
    }

    static let cohorts = DatasetDefinition(
        name: "cohorts", privacy: .aggregate,
        summary: Localized(id: "Angkatan: ikut, lulus, berhenti, masih ikut.", en: "Cohorts: enrolled, completed, dropped out, still enrolled."),
        fields: ["cohort", "name", "site", "program", "start", "end", "status", "enrolled", "completed", "left", "other", "current"], needs: []
    ) { p, w in
        // Counts are of the members the scope covers: a funder's cohort rows count the survivors its money reached.
        let scope = try scope(p, w)
        return try cohortsInScope(p, w).map { c in
            let members = try progress(c.code, w).members.filter { scope.covers(survivor: $0.code) }
            let enrolled = scope.survivors == nil ? c.enrolled : Set(members.map(\.code)).count
            func count(_ standing: CohortStanding) -> Int { members.filter { $0.standing == standing }.count }
            let current = scope.survivors == nil ? c.current : count(.current)
            return ["cohort": .text(c.code), "name": .text(c.name), "site": .text(c.site), "program": .text(c.program),
                    "start": .date(c.startDate), "end": .date(c.endDate), "status": .text(c.status.label(p.language)),
                    "enrolled": .people(enrolled), "completed": .people(count(.completed)), "left": .people(count(.left)),
                    "other": .people(count(.other)), "current": .people(current)]
        }
    }

    static let trainingModules = DatasetDefinition(
        name: "training-modules", privacy: .aggregate,
        summary: Localized(id: "Modul per angkatan: sesi, kehadiran, nilai awal dan akhir.", en: "Modules per cohort: sessions, attendance, pre and post scores."),
        fields: ["cohort", "module", "category", "sessions", "attendance", "pre", "post", "gain", "members", "scored"], needs: []
    ) { p, w in
        let scope = try scope(p, w)
        return try cohortsInScope(p, w).flatMap { c in
            let progress = try progress(c.code, w)
            let members = progress.members.count
            let taught = Set(progress.sessions.filter { scope.covers(session: $0.ref) }.map(\.module))
            return progress.modules.filter { scope.sessions == nil || taught.contains($0.module) }.map { m -> DataRow in
                ["cohort": .text(c.code), "module": .text(m.module), "category": .text(m.category.label(p.language)),
                 "sessions": .integer(Int64(m.sessionsHeld)), "attendance": .percent(m.attendancePercent),
                 "pre": .decimal(m.meanPre), "post": .decimal(m.meanPost), "gain": .decimal(m.meanGain),
                 // What the rates and means are over, for disclosure control (no sheet needs to show them).
                 "members": .people(members), "scored": .people(min(m.assessedPre, m.assessedPost))]
            }
        }
    }

    // MARK: Money

    static let funds = DatasetDefinition(
        name: "funds", privacy: .aggregate,
        summary: Localized(id: "Per dana: saldo awal, diterima, dibelanjakan, lainnya, saldo akhir.", en: "Per fund: opening, received, spent, other, closing."),
        fields: ["fund", "name", "kind", "funder", "award", "opening", "received", "spent", "other", "closing", "part"], needs: [.period]
    ) { p, w in
        // A site's or cohort's rows carry no award, opening or closing balance: those are the whole fund's.
        try fundMoney(p, w).map { part, _, f in
            ["fund": .text(f.fund), "name": .text(part.map { "\(f.name) · \($0)" } ?? f.name), "kind": .text(f.kind.label(p.language)),
             "funder": .text(f.funder), "award": part == nil ? f.award.map(Cell.money) ?? .empty : .empty,
             "opening": part == nil ? .money(f.opening) : .empty, "received": .money(f.received), "spent": .money(f.spent),
             "other": .money(f.other), "closing": part == nil ? .money(f.closing) : .empty, "part": .text(part ?? "")]
        }
    }

    static let budgetLines = DatasetDefinition(
        name: "budget-lines", privacy: .aggregate,
        summary: Localized(id: "Anggaran dan realisasi per pos anggaran.", en: "Budget and actual per budget line."),
        fields: ["fund", "line", "budget", "actual", "remaining", "used", "part"], needs: [.period]
    ) { p, w in
        let scope = try scope(p, w)
        let funds = try TreasurerReports.perFund(period: p.period, funderCode: p.funder, fundCode: p.fund, fundCodes: scope.funds, in: w)
        guard scope.splitsMoney else {
            return try funds.flatMap { f in
                try Funds.budget(fundCode: f.fund, asOf: p.period.end, in: w).lines.map { line -> DataRow in
                    ["fund": .text(f.fund), "line": .text(BudgetLineLabels.label(line.line, p.language)), "budget": line.cap.map(Cell.money) ?? .empty,
                     "actual": .money(line.spent), "remaining": line.remaining.map(Cell.money) ?? .empty,
                     "used": .percent(line.cap.flatMap { Percent.of(line.spent.amount, $0.amount) }), "part": .text("")]
                }
            }
        }
        // A site or cohort has no budget of its own: its lines show what it spent, and the
        // shared costs on each line come apart; lines with nothing spent are left out.
        let own = p.cohort ?? p.site ?? ""
        let served = Set(try fundMoney(p, w).filter { !$0.shared }.map(\.money.fund))
        return try funds.filter { served.contains($0.fund) }.flatMap { f in
            try [(own, scope.place), (sharedLabel(p.language), EntryPlace.shared)].flatMap { part, place in
                try Funds.budget(fundCode: f.fund, asOf: p.period.end, place: place, in: w).lines.filter { $0.spent.amount != 0 }
                    .map { line -> DataRow in
                        ["fund": .text(f.fund), "line": .text("\(BudgetLineLabels.label(line.line, p.language)) · \(part)"), "budget": .empty, "actual": .money(line.spent),
                         "remaining": .empty, "used": .percent(nil), "part": .text(part)]
                    }
            }
        }
    }

    // MARK: Business

    static let salesByMonth = DatasetDefinition(
        name: "sales-by-month", privacy: .aggregate,
        summary: Localized(id: "Omzet, biaya dan laba kotor usaha penyintas per bulan.", en: "Survivors' businesses: omzet, costs and gross profit per month."),
        fields: ["month", "businesses", "omzet", "costs", "profit", "lebaran"], needs: [.period]
    ) { p, w in
        try BusinessFigures.monthly(scope(p, w).businessScope, period: p.period, in: w).map { m in
            ["month": .month(m.month), "businesses": .integer(Int64(m.businesses)), "omzet": .money(m.omzet), "costs": .money(m.costs),
             "profit": .money(m.grossProfit), "lebaran": .text(m.lebaranSeason ? "☾" : "")]
        }
    }

    static let salesByChannel = DatasetDefinition(
        name: "sales-by-channel", privacy: .aggregate,
        summary: Localized(id: "Omzet per saluran penjualan dan bagiannya.", en: "Omzet per sales channel and its share."),
        fields: ["channel", "omzet", "share"], needs: [.period]
    ) { p, w in
        let rows = try BusinessFigures.channels(scope(p, w).businessScope, period: p.period, in: w).rows
        let shares = Shares.percentages(rows.map(\.omzet.amount))  // they add up to 100.0%
        return zip(rows, shares).map { r, share in
            ["channel": .text(r.channel?.label(p.language) ?? Localized(id: "ringkasan bulanan (tanpa saluran)", en: "monthly snapshots (no channel)")(p.language)),
             "omzet": .money(r.omzet), "share": .percent(share)]
        }
    }

    // MARK: Outcomes

    static let outcomeIndicators = DatasetDefinition(
        name: "outcome-indicators", privacy: .aggregate,
        summary: Localized(id: "Indikator hasil per angkatan.", en: "Outcome indicators per cohort."),
        fields: ["cohort", "survivors", "baselines", "followed", "median_change", "mean_change", "above_before", "above_after",
                 "business_active", "migration_before", "migration_after"], needs: []
    ) { p, w in
        let asOf = min(p.period.end, w.today)
        let cohorts = Set(try cohortsInScope(p, w).map(\.code))
        return try OutcomeFigures.indicators(by: .cohort, asOf: asOf, survivorCodes: scope(p, w).survivors, in: w)
            .filter { !$0.isTotal && cohorts.contains($0.group) }.map { r in
            ["cohort": .text(r.group), "survivors": .people(r.survivors), "baselines": .people(r.baselines), "followed": .people(r.followedUp),
             "median_change": r.incomeChangeMedian.map(Cell.money) ?? .empty, "mean_change": r.incomeChangeMean.map(Cell.money) ?? .empty,
             "above_before": .people(r.aboveLineBefore), "above_after": .people(r.aboveLineAfter), "business_active": .people(r.businessActive),
             "migration_before": .people(r.migrationBefore), "migration_after": .people(r.migrationAfter)]
        }
    }

    static let cibest = DatasetDefinition(
        name: "cibest", privacy: .aggregate,
        summary: Localized(id: "Kuadran CIBEST sebelum dan sesudah, dengan indeksnya.", en: "CIBEST quadrants before and after, with their indices."),
        fields: ["quadrant", "index", "before", "before_share", "followed_before", "followed_before_share", "after", "after_share"], needs: []
    ) { p, w in
        let f = try OutcomeFigures.cibest(scope(p, w).outcomeScope, asOf: min(p.period.end, w.today), in: w)
        let indices = ["W", "Pm", "Ps", "Pa"]
        // Shares of the households, rounded so the four add up to 100.0%.
        func share(_ counts: QuadrantCounts, _ q: CibestQuadrant) -> Cell {
            .percent(Shares.percentages(CibestQuadrant.allCases.map { Int64(counts.count($0)) })[q.rawValue - 1])
        }
        return CibestQuadrant.allCases.map { q in
            ["key": .text("q\(q.rawValue)"), "quadrant": .text(q.label(p.language)), "index": .text(indices[q.rawValue - 1]),
             "before": .people(f.before.count(q)), "before_share": share(f.before, q),
             "followed_before": .people(f.beforeFollowedUp.count(q)), "followed_before_share": share(f.beforeFollowedUp, q),
             "after": .people(f.after.count(q)), "after_share": share(f.after, q)]
        }
    }

    static let cibestTransitions = DatasetDefinition(
        name: "cibest-transitions", privacy: .aggregate,
        summary: Localized(id: "Perpindahan kuadran: baris sebelum, kolom sesudah.", en: "Quadrant transitions: rows before, columns after."),
        fields: ["from", "to_1", "to_2", "to_3", "to_4", "total"], needs: []
    ) { p, w in
        let f = try OutcomeFigures.cibest(scope(p, w).outcomeScope, asOf: min(p.period.end, w.today), in: w)
        return CibestQuadrant.allCases.map { q in
            let row = f.transitions[q.rawValue - 1]
            var data: DataRow = ["key": .text("q\(q.rawValue)"), "from": .text(q.label(p.language)), "total": .people(row.reduce(0, +))]
            for (index, count) in row.enumerated() { data["to_\(index + 1)"] = .people(count) }
            return data
        }
    }

    // MARK: Zakat

    static let zakatByAsnaf = DatasetDefinition(
        name: "zakat-by-asnaf", privacy: .aggregate,
        summary: Localized(id: "Zakat produktif per asnaf: mustahik dan jumlah.", en: "Productive zakat per asnaf: recipients and amount."),
        fields: ["asnaf", "mustahik", "amount"], needs: [.period]
    ) { p, w in
        let scope = try scope(p, w)
        return try TreasurerReports.perAsnaf(period: p.period, fundCode: p.fund, fundCodes: scope.funds, survivorCodes: scope.survivors,
                                             in: w).map { a in
            ["asnaf": .text(a.asnaf.label(p.language)), "mustahik": .people(a.recipients), "amount": .money(a.amount)]
        }
    }

    static let zakatByProgram = DatasetDefinition(
        name: "zakat-by-program", privacy: .aggregate,
        summary: Localized(id: "Zakat produktif per program dan angkatan.", en: "Productive zakat per program and cohort."),
        fields: ["program", "cohort", "mustahik", "amount"], needs: [.period]
    ) { p, w in
        let scope = try scope(p, w)
        let payments = try TreasurerReports.zakatPayments(period: p.period, fundCode: p.fund, fundCodes: scope.funds,
                                                          survivorCodes: scope.survivors, in: w)
        let groups = Dictionary(grouping: payments) { [$0.program ?? "–", $0.cohort ?? "–"] }
        return try groups.keys.sorted { $0.joined() < $1.joined() }.map { key in
            let group = groups[key]!
            return ["program": .text(key[0]), "cohort": .text(key[1]), "mustahik": .people(Set(group.map(\.survivor)).count),
                    "amount": .money(try group.reduce(.zero) { try $0 + $1.amount })]
        }
    }

    static let zakatMustahik = DatasetDefinition(
        name: "zakat-mustahik", privacy: .pseudonymous,
        summary: Localized(id: "Setiap penyaluran zakat, per kode mustahik.", en: "Every zakat payment, by recipient code."),
        fields: ["date", "mustahik", "site", "cohort", "asnaf", "fund", "document", "amount"], needs: [.period]
    ) { p, w in
        let scope = try scope(p, w)
        let codes = OutgoingCodes(w)
        return try TreasurerReports.zakatPayments(period: p.period, fundCode: p.fund, fundCodes: scope.funds,
                                                  survivorCodes: scope.survivors, in: w).map { z in
            ["date": .date(z.date), "mustahik": .text(try codes.code(z.survivor, fund: z.fund)), "site": .text(z.site), "cohort": .text(z.cohort ?? "–"),
             "asnaf": .text(z.asnaf.label(p.language)), "fund": .text(z.fund), "document": .text(z.document), "amount": .money(z.amount)]
        }
    }

    // MARK: Treasurer

    static let cashBook = DatasetDefinition(
        name: "cash-book", privacy: .pseudonymous,
        summary: Localized(id: "Buku kas umum satu dana: saldo awal, setiap transaksi, saldo berjalan.",
                           en: "A fund's cash book: opening balance, every entry, running balance."),
        fields: ["date", "document", "description", "counterparty", "in", "out", "balance"], needs: [.period, .fund]
    ) { p, w in
        // A cash book is a whole fund's: its running balance means nothing over part of it.
        if p.site != nil || p.cohort != nil { throw ReportError.wholeFundOnly(dataset: "cash-book") }
        if let funds = try scope(p, w).funds, !funds.contains(p.fund!) {
            throw ReportError.fundNotInScope(fund: p.fund!, funder: p.funder ?? "")
        }
        let book = try Ledger.cashBook(fundCode: p.fund!, period: p.period, in: w)
        let codes = OutgoingCodes(w)
        var rows: [DataRow] = [["date": .date(p.period.start), "document": .text(""),
                                "description": .text(Localized(id: "Saldo awal", en: "Opening balance")(p.language)),
                                "counterparty": .text(""), "in": .empty, "out": .empty, "balance": .money(book.opening)]]
        for row in book.rows {
            let e = row.entry
            rows.append(["date": .date(e.date), "document": .text(e.document), "description": .text(e.description(p.language)),
                         "counterparty": .text(try e.counterpartyKind == "survivor" ? codes.code(e.counterparty ?? "", fund: p.fund!) : e.counterparty ?? ""), "in": e.amount.amount > 0 ? .money(e.amount) : .empty,
                         "out": e.amount.amount < 0 ? .money(Rupiah(-e.amount.amount)) : .empty, "balance": .money(row.balance)])
        }
        return rows
    }

    static let loans = DatasetDefinition(
        name: "loans", privacy: .pseudonymous,
        summary: Localized(id: "Setiap pinjaman: pokok, terbayar, sisa, tunggakan, hari terlambat.", en: "Every loan: principal, repaid, outstanding, arrears, days late."),
        fields: ["loan", "fund", "site", "borrower", "start", "principal", "repaid", "outstanding", "arrears", "days_late", "status"], needs: []
    ) { p, w in
        let codes = OutgoingCodes(w)
        return try portfolio(p, w).loans.map { l in
                ["loan": .text(l.code), "fund": .text(l.fund), "site": .text(l.site ?? "–"), "borrower": .text(try codes.code(l.borrower, fund: l.fund)),
                 "start": .date(l.startDate), "principal": .money(l.principal), "repaid": .money(l.repaid),
                 "outstanding": .money(l.outstanding), "arrears": .money(l.arrears), "days_late": .integer(Int64(l.daysLate)),
                 "status": .text(l.status.label(p.language))]
            }
    }

    static let loanGroups = DatasetDefinition(
        name: "loan-groups", privacy: .aggregate,
        summary: Localized(id: "Portofolio per dana dan situs, dengan PAR30.", en: "The portfolio per fund and site, with PAR30."),
        fields: ["fund", "site", "loans", "principal", "repaid", "outstanding", "arrears", "at_risk", "par30"], needs: []
    ) { p, w in
        try portfolio(p, w).groups.map { g in
                ["fund": .text(g.fund), "site": .text(g.site), "loans": .integer(Int64(g.loans)), "principal": .money(g.principal),
                 "repaid": .money(g.repaid), "outstanding": .money(g.outstanding), "arrears": .money(g.arrears),
                 "at_risk": .money(g.atRisk30), "par30": .percent(g.par30Percent)]
            }
    }

    /// The loans in scope: of the funds in scope, at the site (the loan's), and, when a cohort or a
    /// zakat agency's mustahik narrow the people, to those survivors only.
    static func portfolio(_ p: ReportParameters, _ w: Workspace) throws -> LoanPortfolio {
        let scope = try scope(p, w)
        return try Loans.portfolio(asOf: min(p.period.end, w.today), fundCode: p.fund, fundCodes: scope.funds, siteCode: p.site,
                                   borrowerCodes: p.cohort != nil || p.covers == .mustahik ? scope.survivors : nil, in: w)
    }

    // MARK: Internal registers (identified)

    /// Her name for an internal register (each reveal audited), or a note that it was erased.
    private static func fullName(_ code: String, _ w: Workspace, _ language: Language) -> String {
        (try? Registry.revealIdentity(code: code, in: w).fullName) ?? Localized(id: "(identitas dihapus)", en: "(identity erased)")(language)
    }

    static let attendanceRegister = DatasetDefinition(
        name: "attendance-register", privacy: .identified,
        summary: Localized(id: "Daftar hadir satu angkatan per sesi, dengan nama (hanya internal).",
                           en: "A cohort's attendance register per session, with names (internal only)."),
        fields: ["session", "date", "module", "no", "code", "name", "mark"], needs: [.cohort]
    ) { p, w in
        let sessions = try Curriculum.sessions(cohortCode: p.cohort!, in: w).filter { $0.status != .cancelled }
        var names: [String: String] = [:]
        func name(_ code: String) throws -> String {
            if let known = names[code] { return known }
            let revealed = fullName(code, w, p.language)
            names[code] = revealed
            return revealed
        }
        var rows: [DataRow] = []
        for session in sessions where p.period.contains(session.date) {
            let ref = SessionRef(cohort: session.cohort, number: session.number)
            let register = try Attendance.register(ref, in: w)
            for (index, line) in register.lines.enumerated() {
                rows.append(["session": .text("\(ref) · \(session.module)"), "date": .date(session.date), "module": .text(session.module),
                             "no": .integer(Int64(index + 1)), "code": .text(line.code), "name": .text(try name(line.code)),
                             "mark": .text(line.mark?.label(p.language) ?? "")])
            }
        }
        return rows
    }

    static let cohortProgress = DatasetDefinition(
        name: "cohort-progress", privacy: .identified,
        summary: Localized(id: "Kehadiran dan kelulusan per anggota angkatan, dengan nama (hanya internal).",
                           en: "Attendance and completion per cohort member, with names (internal only)."),
        fields: ["code", "name", "enrolled", "exited", "reason", "held", "attended", "late", "excused", "absent", "attendance",
                 "missing_post", "meets_rule", "risks"], needs: [.cohort]
    ) { p, w in
        let progress = try progress(p.cohort!, w)
        let yes = Localized(id: "ya", en: "yes")(p.language), no = Localized(id: "tidak", en: "no")(p.language)
        return progress.members.map { m in
            return ["code": .text(m.code), "name": .text(fullName(m.code, w, p.language)), "enrolled": .date(m.enrolledOn), "exited": m.exitedOn.map(Cell.date) ?? .empty,
                    "reason": .text(m.exitReason?.label(p.language) ?? ""), "held": .integer(Int64(m.sessionsHeld)),
                    "attended": .integer(Int64(m.attended)), "late": .integer(Int64(m.late)), "excused": .integer(Int64(m.excused)),
                    "absent": .integer(Int64(m.absent)), "attendance": .percent(m.attendancePercent),
                    "missing_post": .text(m.missingPostAssessments.joined(separator: ", ")), "meets_rule": .text(m.meetsRule ? yes : no),
                    "risks": .text(m.risks.map { $0.label(p.language) }.joined(separator: "; "))]
        }
    }
}
