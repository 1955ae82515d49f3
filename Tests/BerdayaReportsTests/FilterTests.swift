import BerdayaKit
import Foundation
import GRDB
import Testing
@testable import BerdayaReports

/// Filters hold for every dataset: with a funder, a fund, a site or a cohort, nothing outside
/// what the filter covers (Templates/README.md, "What a filter covers") appears, and money
/// totals equal the ledger sums the tests compute themselves in SQL.
@Suite struct FilterTests {
    /// The demo, plus a shared cost (office rent, linked to no site) so that shared rows have
    /// something to show apart.
    nonisolated(unsafe) static let built = Result { () throws -> DemoReports in
        let demo = try DemoReports()
        try Ledger.expense(fundCode: "HIBAH-GFSM", amount: Rupiah(1_250_000), line: "staff", vendor: "Pemilik kantor",
                           voucher: Voucher(date: DayDate(year: 2026, month: 3, day: 2)!, document: "KW/UJI/SEWA", memo: "Sewa kantor"),
                           in: demo.workspace)
        return demo
    }
    static let period = "2025..2026"

    var demo: DemoReports { get throws { try Self.built.get() } }

    // MARK: Helpers

    func parameters(funder: String? = nil, fund: String? = nil, site: String? = nil, cohort: String? = nil,
                    covers: Coverage = .reach) throws -> ReportParameters {
        var p = ReportParameters(period: try Period(parsing: Self.period), periodLabel: Self.period, funder: funder, fund: fund,
                                 cohort: cohort, site: site)
        p.covers = covers
        return p
    }

    /// A dataset's rows as an internal workbook has them, so that rows keyed by survivor show
    /// internal codes the oracle can compare (rows that leave carry per-funder codes instead:
    /// FunderCodeTests; the same rows, only the codes differ).
    func rows(_ dataset: String, _ p: ReportParameters) throws -> [DataRow] {
        let definition = try #require(Datasets.named(dataset))
        let w = try demo.workspace
        return try Datasets.$audience.withValue(.internal) { try definition.rows(p, in: w) }
    }

    func codes(_ sql: String, _ arguments: StatementArguments = []) throws -> Set<String> {
        Set(try demo.database.read { try String.fetchAll($0, sql: sql, arguments: arguments) })
    }

    func number(_ sql: String, _ arguments: StatementArguments = []) throws -> Int64 {
        try demo.database.read { try Int64.fetchOne($0, sql: sql, arguments: arguments) } ?? 0
    }

    func text(_ row: DataRow, _ field: String) -> String {
        if case let .text(value) = row[field] { return value }
        return ""
    }

    func money(_ rows: [DataRow], _ field: String) -> Int64 {
        rows.reduce(0) { sum, row in
            if case let .money(value) = row[field] { return sum + value.amount }
            return sum
        }
    }

    func people(_ rows: [DataRow], _ field: String) -> Int {
        rows.reduce(0) { sum, row in
            if case let .people(value) = row[field] { return sum + value }
            return sum
        }
    }

    func keyFigure(_ rows: [DataRow], _ label: String) -> Cell? {
        rows.first { text($0, "label") == label }?["value"]
    }

    var funders: [String] { get throws { try Funds.funders(in: demo.workspace).map(\.code) } }
    var funds: [String] { get throws { try codes("SELECT code FROM fund").sorted() } }
    var sites: [String] { get throws { try codes("SELECT code FROM site").sorted() } }
    var cohorts: [String] { get throws { try codes("SELECT code FROM cohort").sorted() } }

    // MARK: The oracle: what a filter covers, written again in plain SQL

    /// Entries of these funds up to the period's end, neither a reversal nor reversed by then.
    static let live = """
        SELECT e.* FROM ledger_entry e JOIN fund f ON f.id = e.fundId
        WHERE f.code IN (SELECT value FROM json_each(?1)) AND e.date <= ?2 AND e.kind != 'reversal'
          AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversesId = e.id AND r.date <= ?2)
        """

    struct Covered {
        var funds: Set<String>?
        var survivors: Set<String>?
        var cohorts: Set<String>?
        var businesses: Set<String>?
        var site: String?

        func has(_ set: Set<String>?, _ code: String) -> Bool { set?.contains(code) ?? true }
    }

    func fundsOf(funder: String?, fund: String?) throws -> Set<String> {
        try codes("""
            SELECT f.code FROM fund f JOIN funder x ON x.id = f.funderId WHERE (?1 IS NULL OR x.code = ?1) AND (?2 IS NULL OR f.code = ?2)
            """, [funder, fund])
    }

    func covered(funder: String? = nil, fund: String? = nil, site: String? = nil, cohort: String? = nil) throws -> Covered {
        var c = Covered(site: site)
        if funder != nil || fund != nil {
            let funds = try fundsOf(funder: funder, fund: fund)
            let json = String(decoding: try JSONEncoder().encode(Array(funds)), as: UTF8.self)
            let args: StatementArguments = [json, try Period(parsing: Self.period).end]
            c.funds = funds
            c.cohorts = try codes("""
                WITH e AS (\(Self.live)) SELECT c.code FROM e JOIN cohort c ON c.id = e.cohortId
                UNION SELECT c.code FROM e JOIN training_session t ON t.id = e.sessionId JOIN cohort c ON c.id = t.cohortId
                """, args)
            let survivorIds = """
                SELECT survivorId FROM e WHERE survivorId IS NOT NULL
                UNION SELECT l.survivorId FROM e JOIN loan l ON l.id = e.loanId WHERE l.survivorId IS NOT NULL
                UNION SELECT n.survivorId FROM e JOIN enrolment n ON n.cohortId = e.cohortId
                UNION SELECT o.survivorId FROM e JOIN business_owner o ON o.businessId = e.businessId
                """
            c.survivors = try codes("WITH e AS (\(Self.live)) SELECT code FROM survivor WHERE id IN (\(survivorIds))", args)
            c.cohorts!.formUnion(try codes("""
                WITH e AS (\(Self.live)) SELECT c.code FROM enrolment n JOIN cohort c ON c.id = n.cohortId WHERE n.survivorId IN (\(survivorIds))
                """, args))
            c.businesses = try codes("""
                WITH e AS (\(Self.live)) SELECT code FROM business WHERE id IN (SELECT businessId FROM e)
                  OR id IN (SELECT businessId FROM business_owner WHERE survivorId IN (\(survivorIds)))
                """, args)
        }
        func narrow(_ set: inout Set<String>?, _ more: Set<String>) { set = set.map { $0.intersection(more) } ?? more }
        if let site {
            narrow(&c.survivors, try codes("SELECT s.code FROM survivor s JOIN site ON site.id = s.siteId WHERE site.code = ?", [site]))
            narrow(&c.cohorts, try codes("SELECT c.code FROM cohort c JOIN site ON site.id = c.siteId WHERE site.code = ?", [site]))
            narrow(&c.businesses, try codes("SELECT b.code FROM business b JOIN site ON site.id = b.siteId WHERE site.code = ?", [site]))
        }
        if let cohort {
            narrow(&c.survivors, try codes("""
                SELECT s.code FROM survivor s JOIN enrolment n ON n.survivorId = s.id JOIN cohort c ON c.id = n.cohortId WHERE c.code = ?
                """, [cohort]))
            narrow(&c.cohorts, [cohort])
            narrow(&c.businesses, try codes("SELECT b.code FROM business b JOIN cohort c ON c.id = b.cohortId WHERE c.code = ?", [cohort]))
        }
        return c
    }

    /// The zakat agency's mustahik: survivors paid zakat (with an asnaf) from the zakat funds in scope.
    func mustahik(fund: String? = nil) throws -> Set<String> {
        try codes("""
            SELECT DISTINCT s.code FROM ledger_entry e JOIN fund f ON f.id = e.fundId JOIN survivor s ON s.id = e.survivorId
            WHERE f.kind = 'zakat' AND e.asnaf IS NOT NULL AND e.kind IN ('disbursement', 'loan_out') AND e.date <= ?1
              AND (?2 IS NULL OR f.code = ?2)
              AND NOT EXISTS (SELECT 1 FROM ledger_entry r WHERE r.reversesId = e.id AND r.date <= ?1)
            """, [try Period(parsing: Self.period).end, fund])
    }

    /// Households (survivors) among `survivors` with a standing baseline up to the day, and those
    /// with a follow-up after it: what CIBEST counts.
    func households(_ survivors: Set<String>?) throws -> (before: Int, after: Int) {
        let asOf = min(try Period(parsing: Self.period).end, try demo.workspace.today)
        let rows = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.code,
                  (SELECT max(date) FROM visit v WHERE v.survivorId = s.id AND v.kind = 'baseline' AND v.voidedOn IS NULL AND v.date <= ?1) AS baseline,
                  (SELECT max(date) FROM visit v WHERE v.survivorId = s.id AND v.kind = 'follow_up' AND v.voidedOn IS NULL AND v.date <= ?1) AS latest
                FROM survivor s
                """, arguments: [asOf])
        }
        var before = 0, after = 0
        for row in rows {
            let code: String = row["code"]
            guard survivors?.contains(code) ?? true, let baseline: String = row["baseline"] else { continue }
            before += 1
            if let latest: String = row["latest"], latest > baseline { after += 1 }
        }
        return (before, after)
    }

    /// Spending (disbursements, expenses, loans paid out, net of their reversals) in the period, in
    /// these funds, by the site an entry belongs to: "" for shared entries.
    func spentBySite(funds: Set<String>?) throws -> [String: Int64] {
        let period = try Period(parsing: Self.period)
        return try outBySite(funds: funds, where: """
            coalesce(r.kind, e.kind) IN ('disbursement', 'expense', 'loan_out') AND e.date BETWEEN '\(period.start)' AND '\(period.end)'
            """)
    }

    /// What budget lines show as used (every entry on a line up to the period's end, net of
    /// reversals and loan repayments), by the site an entry belongs to.
    func lineUseBySite(funds: Set<String>?) throws -> [String: Int64] {
        try outBySite(funds: funds, where: "e.budgetLineId IS NOT NULL AND e.date <= '\(try Period(parsing: Self.period).end)'")
    }

    /// The site code an entry `e` belongs to, "" when shared.
    static let siteOfEntry = """
        coalesce(
          (SELECT site.code FROM survivor x JOIN site ON site.id = x.siteId WHERE x.id = e.survivorId),
          (SELECT site.code FROM business x JOIN site ON site.id = x.siteId WHERE x.id = e.businessId),
          (SELECT site.code FROM cohort x JOIN site ON site.id = x.siteId WHERE x.id = e.cohortId),
          (SELECT site.code FROM training_session t JOIN cohort x ON x.id = t.cohortId JOIN site ON site.id = x.siteId WHERE t.id = e.sessionId),
          (SELECT site.code FROM loan x JOIN site ON site.id = x.siteId WHERE x.id = e.loanId), '')
        """

    /// Funds with an entry of the site's own up to the period's end.
    func fundsServing(_ site: String) throws -> Set<String> {
        try codes("""
            SELECT DISTINCT f.code FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE \(Self.siteOfEntry) = ? AND e.date <= ?
            """, [site, try Period(parsing: Self.period).end])
    }

    func outBySite(funds: Set<String>?, where condition: String) throws -> [String: Int64] {
        let rows = try demo.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.code AS fund, \(Self.siteOfEntry) AS site, -sum(e.amount) AS spent
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId LEFT JOIN ledger_entry r ON r.id = e.reversesId
                WHERE \(condition)
                GROUP BY 1, 2
                """)
        }
        var spent: [String: Int64] = [:]
        for row in rows where funds?.contains(row["fund"] as String) ?? true { spent[row["site"] as String, default: 0] += row["spent"] }
        return spent
    }

    // MARK: People, cohorts, training, businesses, outcomes: nothing outside the filter

    /// Every people dataset, for one filter: its rows name only what the filter covers.
    func expectPeopleWithin(_ p: ReportParameters, _ c: Covered, _ what: String) throws {
        let cohortRows = try rows("cohorts", p)
        for row in cohortRows {
            #expect(c.has(c.cohorts, text(row, "cohort")), "\(what): cohorts lists \(text(row, "cohort"))")
            if let site = c.site { #expect(text(row, "site") == site, "\(what): cohort of site \(text(row, "site"))") }
        }
        let allCohorts = Set(try cohorts)
        #expect(Set(cohortRows.map { text($0, "cohort") }) == c.cohorts ?? allCohorts, "\(what): cohorts")
        // A cohort's row counts the members the filter covers.
        for row in cohortRows {
            let members = try codes("""
                SELECT s.code FROM survivor s JOIN enrolment n ON n.survivorId = s.id JOIN cohort c ON c.id = n.cohortId WHERE c.code = ?
                """, [text(row, "cohort")])
            #expect(row["enrolled"] == .people(members.filter { c.has(c.survivors, $0) }.count), "\(what): \(text(row, "cohort")) enrolled")
        }
        let figures0 = try rows("key-figures", p)
        #expect(keyFigure(figures0, "Penyintas ikut angkatan") == .people(people(cohortRows, "enrolled")), "\(what): summary and cohorts agree")
        for row in try rows("training-modules", p) {
            #expect(c.has(c.cohorts, text(row, "cohort")), "\(what): training-modules lists \(text(row, "cohort"))")
        }
        let indicators = try rows("outcome-indicators", p)
        for row in indicators {
            #expect(c.has(c.cohorts, text(row, "cohort")), "\(what): outcome-indicators lists \(text(row, "cohort"))")
        }
        // Each cohort's survivors counted are its members within the filter.
        for row in indicators {
            let members = try codes("""
                SELECT s.code FROM survivor s JOIN enrolment n ON n.survivorId = s.id JOIN cohort c ON c.id = n.cohortId WHERE c.code = ?
                """, [text(row, "cohort")])
            #expect(row["survivors"] == .people(members.filter { c.has(c.survivors, $0) }.count), "\(what): indicator survivors")
        }
        // CIBEST counts exactly the households in the filter with a baseline (before) and a follow-up (after).
        let expected = try households(c.survivors)
        let cibest = try rows("cibest", p)
        #expect(people(cibest, "before") == expected.before, "\(what): CIBEST before")
        #expect(people(cibest, "after") == expected.after, "\(what): CIBEST after")
        let transitions = try rows("cibest-transitions", p)
        #expect(people(transitions, "total") == expected.after, "\(what): transitions")
        // Businesses: the month and channel totals are the sum of each covered business's own figures.
        let w = try demo.workspace
        let period = try Period(parsing: Self.period)
        let businesses = try codes("SELECT code FROM business").filter { c.has(c.businesses, $0) }
        var omzet: Int64 = 0
        for code in businesses {
            omzet += try BusinessFigures.monthly(BusinessScope(businessCode: code), period: period, in: w).reduce(0) { $0 + $1.omzet.amount }
        }
        #expect(money(try rows("sales-by-month", p), "omzet") == omzet, "\(what): sales by month")
        #expect(money(try rows("sales-by-channel", p), "omzet") == omzet, "\(what): sales by channel")
        // Key figures: survivors reached and the households followed up.
        let figures = try rows("key-figures", p)
        let reached = try Registry.list(in: w).filter { c.has(c.survivors, $0.code) && $0.registeredOn <= period.end }.count
        #expect(keyFigure(figures, "Penyintas dijangkau") == .people(reached), "\(what): survivors reached")
        #expect(keyFigure(figures, "Rumah tangga dikunjungi ulang") == .people(expected.after), "\(what): households followed up")
        #expect(keyFigure(figures, "Omzet usaha penyintas") == .money(Rupiah(omzet)), "\(what): key omzet")
    }

    @Test func aFunderCoversWhatItsMoneyReached() throws {
        for funder in try funders {
            try expectPeopleWithin(try parameters(funder: funder), try covered(funder: funder), "funder \(funder)")
        }
    }

    @Test func aFundCoversWhatItsMoneyReached() throws {
        for fund in try funds {
            try expectPeopleWithin(try parameters(fund: fund), try covered(fund: fund), "fund \(fund)")
        }
    }

    @Test func aSiteCoversItsOwnPeople() throws {
        for site in try sites {
            try expectPeopleWithin(try parameters(site: site), try covered(site: site), "site \(site)")
        }
    }

    @Test func aCohortCoversItsOwnMembers() throws {
        for cohort in try cohorts {
            try expectPeopleWithin(try parameters(cohort: cohort), try covered(cohort: cohort), "cohort \(cohort)")
        }
    }

    @Test func aFunderAndASiteTogetherCoverBoth() throws {
        for funder in try funders {
            for site in try sites {
                try expectPeopleWithin(try parameters(funder: funder, site: site), try covered(funder: funder, site: site),
                                       "funder \(funder) at \(site)")
            }
        }
    }

    /// The case the issue names: the Medan government grant lists Medan's cohort only, and its
    /// sheets agree with its summary.
    @Test func theMedanGrantShowsMedanOnly() throws {
        let p = try parameters(funder: "PPPA-MDN")
        let cohortRows = try rows("cohorts", p)
        #expect(!cohortRows.isEmpty && cohortRows.allSatisfy { text($0, "site") == "MDN" })
        #expect(try rows("training-modules", p).allSatisfy { $0["cohort"] == cohortRows[0]["cohort"] })
        let figures = try rows("key-figures", p)
        #expect(keyFigure(figures, "Penyintas ikut angkatan") == .people(people(cohortRows, "enrolled")))
        let unfiltered = money(try rows("sales-by-month", try parameters()), "omzet")
        #expect(money(try rows("sales-by-month", p), "omzet") < unfiltered)
    }

    // MARK: Money: a funder's and a fund's own money only

    func expectMoneyWithin(_ p: ReportParameters, funds: Set<String>, _ what: String) throws {
        let period = try Period(parsing: Self.period)
        let json = String(decoding: try JSONEncoder().encode(Array(funds)), as: UTF8.self)
        let fundRows = try rows("funds", p)
        #expect(Set(fundRows.map { text($0, "fund") }) == funds, "\(what): funds")
        let closing = try number("""
            SELECT coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
            WHERE f.code IN (SELECT value FROM json_each(?)) AND e.date <= ?
            """, [json, period.end])
        #expect(money(fundRows, "closing") == closing, "\(what): closing balance")
        let spent = try spentBySite(funds: funds).values.reduce(0, +)
        #expect(money(fundRows, "spent") == spent, "\(what): spent")
        let figures = try rows("key-figures", p)
        #expect(keyFigure(figures, "Saldo akhir") == .money(Rupiah(closing)), "\(what): key closing")
        #expect(keyFigure(figures, "Dana disalurkan dan dibelanjakan") == .money(Rupiah(spent)), "\(what): key spent")
        let lines = try rows("budget-lines", p)
        #expect(lines.allSatisfy { funds.contains(text($0, "fund")) }, "\(what): budget lines")
        let lineSpent = try number("""
            SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN fund f ON f.id = e.fundId
            WHERE f.code IN (SELECT value FROM json_each(?)) AND e.budgetLineId IS NOT NULL AND e.date <= ?
            """, [json, period.end])
        #expect(money(lines, "actual") == lineSpent, "\(what): budget actual")
        // Zakat: only these funds' payments.
        let zakat = try rows("zakat-mustahik", p)
        #expect(zakat.allSatisfy { funds.contains(text($0, "fund")) }, "\(what): zakat payments")
        let zakatPaid = try number("""
            SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN fund f ON f.id = e.fundId LEFT JOIN ledger_entry r ON r.id = e.reversesId
            WHERE f.code IN (SELECT value FROM json_each(?)) AND e.asnaf IS NOT NULL
              AND coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out') AND e.date BETWEEN ? AND ?
            """, [json, period.start, period.end])
        #expect(money(try rows("zakat-by-asnaf", p), "amount") == zakatPaid, "\(what): zakat by asnaf")
        #expect(money(try rows("zakat-by-program", p), "amount") == zakatPaid, "\(what): zakat by program")
        #expect(money(zakat, "amount") == zakatPaid, "\(what): zakat by mustahik")
        // Loans: only these funds'.
        let loans = try rows("loans", p)
        #expect(loans.allSatisfy { funds.contains(text($0, "fund")) }, "\(what): loans")
        let principal = try number("""
            SELECT coalesce(sum(l.principal), 0) FROM loan l JOIN fund f ON f.id = l.fundId
            WHERE f.code IN (SELECT value FROM json_each(?)) AND l.startDate <= ?
            """, [json, min(period.end, try demo.workspace.today)])
        #expect(money(loans, "principal") == principal, "\(what): loan principal")
        let groups = try rows("loan-groups", p)
        #expect(groups.allSatisfy { funds.contains(text($0, "fund")) }, "\(what): loan groups")
        #expect(money(groups, "outstanding") == money(loans.filter { text($0, "status") == LoanStatus.active.label(.id) }, "outstanding"),
                "\(what): loan groups outstanding")
    }

    @Test func aFunderReportShowsItsOwnMoneyOnly() throws {
        for funder in try funders {
            try expectMoneyWithin(try parameters(funder: funder), funds: try fundsOf(funder: funder, fund: nil), "funder \(funder)")
        }
    }

    @Test func aFundReportShowsThatFundOnly() throws {
        for fund in try funds {
            try expectMoneyWithin(try parameters(fund: fund), funds: [fund], "fund \(fund)")
            // The cash book: that fund's entries, in and out as the ledger has them.
            let book = try rows("cash-book", try parameters(fund: fund))
            let period = try Period(parsing: Self.period)
            let documents = try codes("""
                SELECT e.document FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = ? AND e.date BETWEEN ? AND ?
                """, [fund, period.start, period.end])
            #expect(Set(book.dropFirst().map { text($0, "document") }) == documents, "cash book \(fund): documents")
            let net = try number("""
                SELECT coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN fund f ON f.id = e.fundId WHERE f.code = ? AND e.date BETWEEN ? AND ?
                """, [fund, period.start, period.end])
            #expect(money(book, "in") - money(book, "out") == net, "cash book \(fund): in minus out")
        }
    }

    @Test func aCashBookRefusesAPartOfAFundOrAnotherFundersFund() throws {
        #expect(throws: ReportError.wholeFundOnly(dataset: "cash-book")) { try rows("cash-book", try parameters(fund: "INFAQ", site: "MDN")) }
        #expect(throws: ReportError.fundNotInScope(fund: "INFAQ", funder: "GFSM")) {
            try rows("cash-book", try parameters(funder: "GFSM", fund: "INFAQ"))
        }
    }

    // MARK: Money: a site's own entries, shared costs apart

    func expectSiteMoney(_ site: String, funder: String? = nil) throws {
        let what = "site \(site)" + (funder.map { " funder \($0)" } ?? "")
        let funds = try funder.map { try fundsOf(funder: $0, fund: nil) }
        let p = try parameters(funder: funder, site: site)
        let bySite = try spentBySite(funds: funds)
        // Shared costs: of the funds that served the site.
        let serving = try fundsServing(site).filter { funds?.contains($0) ?? true }
        let sharedSpent = try spentBySite(funds: serving)[""] ?? 0
        let fundRows = try rows("funds", p)
        let shared = Datasets.sharedLabel(.id)
        let own = fundRows.filter { text($0, "part") == site }, apart = fundRows.filter { text($0, "part") == shared }
        #expect(own.count + apart.count == fundRows.count, "\(what): every money row is the site's or shared")
        #expect(money(own, "spent") == bySite[site] ?? 0, "\(what): the site's spending")
        #expect(money(apart, "spent") == sharedSpent, "\(what): shared costs")
        #expect(Set(fundRows.map { text($0, "fund") }).isSubset(of: serving), "\(what): a fund that never served the site")
        #expect(fundRows.allSatisfy { $0["opening"] == .empty && $0["closing"] == .empty && $0["award"] == .empty },
                "\(what): a site has no balance or award of its own")
        let figures = try rows("key-figures", p)
        #expect(keyFigure(figures, "Dana disalurkan dan dibelanjakan") == .money(Rupiah(bySite[site] ?? 0)), "\(what): key spent")
        #expect(keyFigure(figures, "Biaya bersama (tanpa situs) dibelanjakan") == .money(Rupiah(sharedSpent)), "\(what): key shared")
        let lines = try rows("budget-lines", p)
        let lineUse = try lineUseBySite(funds: funds)
        #expect(money(lines.filter { text($0, "part") == site }, "actual") == lineUse[site] ?? 0, "\(what): the site's budget lines")
        #expect(money(lines.filter { text($0, "part") == shared }, "actual") == (try lineUseBySite(funds: serving))[""] ?? 0,
                "\(what): shared budget lines")
        #expect(lines.allSatisfy { [site, shared].contains(text($0, "part")) && $0["budget"] == .empty }, "\(what): a site has no budget")
        // Zakat and loans: the site's survivors and loans only.
        let survivorsHere = try codes("SELECT s.code FROM survivor s JOIN site ON site.id = s.siteId WHERE site.code = ?", [site])
        for row in try rows("zakat-mustahik", p) {
            #expect(text(row, "site") == site && survivorsHere.contains(text(row, "mustahik")), "\(what): zakat to another site")
        }
        let zakatHere = try number("""
            SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN survivor s ON s.id = e.survivorId JOIN site ON site.id = s.siteId
              JOIN fund f ON f.id = e.fundId LEFT JOIN ledger_entry r ON r.id = e.reversesId
            WHERE site.code = ? AND e.asnaf IS NOT NULL AND coalesce(r.kind, e.kind) IN ('disbursement', 'loan_out')
              AND (? IS NULL OR f.funderId = (SELECT id FROM funder WHERE code = ?))
            """, [site, funder, funder])
        #expect(money(try rows("zakat-by-asnaf", p), "amount") == zakatHere, "\(what): zakat by asnaf")
        #expect(money(try rows("zakat-by-program", p), "amount") == zakatHere, "\(what): zakat by program")
        for row in try rows("loans", p) { #expect(text(row, "site") == site, "\(what): a loan of another site") }
        for row in try rows("loan-groups", p) { #expect(text(row, "site") == site, "\(what): a loan group of another site") }
    }

    @Test func aSiteShowsItsOwnMoneyWithSharedCostsApart() throws {
        for site in try sites {
            try expectSiteMoney(site)
            for funder in try funders { try expectSiteMoney(site, funder: funder) }
        }
        // Nothing falls between: the sites' own spending and the shared costs make the whole.
        let whole = try spentBySite(funds: nil).values.reduce(0, +)
        var parts: Int64 = 0
        for site in try sites {
            parts += money(try rows("funds", try parameters(site: site)).filter { text($0, "part") == site }, "spent")
        }
        let shared = try spentBySite(funds: nil)[""] ?? 0
        #expect(shared == 1_250_000, "the office rent is the one shared cost")
        #expect(parts + shared == whole && whole > 0)
    }

    @Test func aCohortsMoneyIsItsOwnEntries() throws {
        for cohort in try cohorts {
            let p = try parameters(cohort: cohort)
            let period = try Period(parsing: Self.period)
            let spent = try number("""
                SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e LEFT JOIN ledger_entry r ON r.id = e.reversesId
                  JOIN cohort c ON c.code = ?1
                WHERE coalesce(r.kind, e.kind) IN ('disbursement', 'expense', 'loan_out') AND e.date BETWEEN ?2 AND ?3
                  AND (e.cohortId = c.id OR e.sessionId IN (SELECT id FROM training_session WHERE cohortId = c.id)
                       OR e.survivorId IN (SELECT survivorId FROM enrolment WHERE cohortId = c.id)
                       OR e.businessId IN (SELECT id FROM business WHERE cohortId = c.id)
                       OR e.loanId IN (SELECT id FROM loan WHERE survivorId IN (SELECT survivorId FROM enrolment WHERE cohortId = c.id)))
                """, [cohort, period.start, period.end])
            #expect(money(try rows("funds", p).filter { text($0, "part") == cohort }, "spent") == spent, "cohort \(cohort): spent")
            let lineSpent = try number("""
                SELECT -coalesce(sum(e.amount), 0) FROM ledger_entry e JOIN cohort c ON c.code = ?1
                WHERE e.budgetLineId IS NOT NULL AND e.date <= ?2
                  AND (e.cohortId = c.id OR e.sessionId IN (SELECT id FROM training_session WHERE cohortId = c.id)
                       OR e.survivorId IN (SELECT survivorId FROM enrolment WHERE cohortId = c.id)
                       OR e.businessId IN (SELECT id FROM business WHERE cohortId = c.id)
                       OR e.loanId IN (SELECT id FROM loan WHERE survivorId IN (SELECT survivorId FROM enrolment WHERE cohortId = c.id)))
                """, [cohort, period.end])
            #expect(money(try rows("budget-lines", p).filter { text($0, "part") == cohort }, "actual") == lineSpent,
                    "cohort \(cohort): budget lines")
            let members = try covered(cohort: cohort).survivors ?? []
            let loans = try rows("loans", p)
            let active = loans.filter { text($0, "status") == LoanStatus.active.label(.id) }
            #expect(money(try rows("loan-groups", p), "principal") == money(active, "principal"), "cohort \(cohort): loan groups")
            for row in loans { #expect(members.contains(text(row, "borrower")), "cohort \(cohort): a loan to a non-member") }
            for row in try rows("zakat-mustahik", p) { #expect(members.contains(text(row, "mustahik")), "cohort \(cohort): zakat to a non-member") }
        }
    }

    /// The internal registers take a cohort and list its members only.
    @Test func theRegistersListTheCohortsMembersOnly() throws {
        for cohort in try cohorts {
            let p = try parameters(cohort: cohort)
            let members = try covered(cohort: cohort).survivors ?? []
            let register = try rows("attendance-register", p)
            #expect(!register.isEmpty && register.allSatisfy { members.contains(text($0, "code")) }, "register \(cohort)")
            let progress = try rows("cohort-progress", p)
            #expect(Set(progress.map { text($0, "code") }) == members, "progress \(cohort)")
        }
    }

    /// Rows that leave carry per-funder codes: the filter keeps the same rows, only the codes differ.
    @Test func filteredRowsThatLeaveAreTheSameRowsUnderFunderCodes() throws {
        let w = try demo.workspace
        let internalCodes = try codes("SELECT code FROM survivor")
        for p in [try parameters(site: "KBM"), try parameters(funder: "BAZNAS-KBM"), try parameters(funder: "CSR-BANK", site: "KBM")] {
            for (dataset, field) in [("zakat-mustahik", "mustahik"), ("loans", "borrower")] {
                let definition = try #require(Datasets.named(dataset))
                let leaving = try Datasets.$audience.withValue(.funder) { try definition.rows(p, in: w) }
                let inside = try rows(dataset, p)
                #expect(leaving.count == inside.count && money(leaving, "amount") == money(inside, "amount")
                        && money(leaving, "principal") == money(inside, "principal"), "\(dataset) \(p)")
                #expect(leaving.allSatisfy { !internalCodes.contains(text($0, field)) }, "\(dataset): an internal code leaves")
            }
        }
    }

    // MARK: The BAZNAS report: its mustahik only

    @Test func theZakatReportCoversItsMustahikOnly() throws {
        for fund in [nil] + (try codes("SELECT code FROM fund WHERE kind = 'zakat'").sorted()) as [String?] {
            let p = try parameters(fund: fund, covers: .mustahik)
            let mustahik = try mustahik(fund: fund)
            #expect(!mustahik.isEmpty)
            let expected = try households(mustahik)
            #expect(people(try rows("cibest", p), "before") == expected.before, "CIBEST over the mustahik with a baseline")
            #expect(people(try rows("cibest", p), "after") == expected.after, "CIBEST after over the followed-up mustahik")
            #expect(people(try rows("cibest-transitions", p), "total") == expected.after)
            #expect(expected.before < (try households(nil)).before, "the whole programme would be more")
            for row in try rows("zakat-mustahik", p) { #expect(mustahik.contains(text(row, "mustahik"))) }
            let asnaf = try rows("zakat-by-asnaf", p)
            #expect(people(asnaf, "mustahik") >= 1)
            // Businesses: the mustahik's own.
            let owned = try codes("""
                SELECT b.code FROM business b JOIN business_owner o ON o.businessId = b.id JOIN survivor s ON s.id = o.survivorId
                WHERE s.code IN (SELECT value FROM json_each(?))
                """, [String(decoding: try JSONEncoder().encode(Array(mustahik)), as: UTF8.self)])
            let period = try Period(parsing: Self.period)
            var omzet: Int64 = 0
            for code in owned {
                omzet += try BusinessFigures.monthly(BusinessScope(businessCode: code), period: period, in: demo.workspace)
                    .reduce(0) { $0 + $1.omzet.amount }
            }
            #expect(money(try rows("sales-by-month", p), "omzet") == omzet)
            // Loans: only zakat loans to mustahik.
            for row in try rows("loans", p) { #expect(mustahik.contains(text(row, "borrower"))) }
        }
    }

    /// The shipped BAZNAS template asks for its mustahik: the workbook's CIBEST households are theirs.
    @Test func theShippedBaznasTemplateCoversMustahik() throws {
        let template = try demo.catalog.template("baznas-zakat")
        #expect(template.covers == .mustahik)
        #expect(try demo.catalog.template("donor-report").covers == .reach)
    }
}
