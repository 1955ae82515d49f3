import BerdayaKit
import BerdayaReports
import BerdayaTestSupport
import Foundation
import GRDB
import HummingbirdTesting
import Testing
@testable import BerdayaWeb

/// Who may run each shipped template, written out by hand: the rule in ReportAccess is checked
/// against what was decided, not against itself. A new template fails the test until its
/// roles are decided here.
private let decidedRoles: [String: Set<Role>] = [
    "attendance-register": [.admin, .officer],
    "cohort-progress": [.admin, .officer],
    "donor-report": [.admin, .treasurer, .viewer],
    "baznas-zakat": [.admin, .treasurer, .viewer],
    "cash-book": [.admin, .treasurer, .viewer],
    "loan-portfolio": [.admin, .treasurer, .viewer],
    "lpj-hibah": [.admin, .treasurer, .viewer],
    "psak-109": [.admin, .treasurer, .viewer],
]

private let demoUsers: [(name: String, role: Role)] = [("admin", .admin), ("pendamping", .officer), ("bendahara", .treasurer), ("peninjau", .viewer)]

/// A request that runs `template` on the demo when the role may.
private func reportRequest(_ template: ReportTemplate, cohort: String = "JBR-2026-1") -> [String: String] {
    var fields = ["template": template.id, "period": "2025..2026", "language": "id"]
    if template.required.contains(.fund) { fields["fund"] = "ZAKAT-PROD" }
    if template.parameters.contains(.cohort) { fields["cohort"] = cohort }
    return fields
}

extension Site {
    func count(_ sql: String, _ arguments: StatementArguments) throws -> Int {
        try database.read { try Int.fetchOne($0, sql: sql, arguments: arguments)! }
    }

    /// Rows of every table a refused request could have touched.
    func footprint() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["survivor", "survivor_identity", "attendance", "attendance_correction", "sale", "visit", "audit_log", "form_submission",
                      "ledger_entry", "user_site"] {
            counts[table] = try count("SELECT count(*) FROM \(table)")
        }
        return counts
    }

    func reportsLeftBehind() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: reportsFolder) }
}

@Suite struct AccessTests {
    @Test func everyDatasetIsEitherAboutMoneyOrAboutTheProgram() {
        let names = Set(Datasets.all.map(\.name))
        #expect(ReportAccess.moneyDatasets.isDisjoint(with: ReportAccess.programDatasets))
        #expect(ReportAccess.moneyDatasets.union(ReportAccess.programDatasets) == names,
                "unclassified: \(names.subtracting(ReportAccess.moneyDatasets.union(ReportAccess.programDatasets)))")
    }

    /// Every shipped template × every role: listed in the form exactly when decided, run when
    /// listed, and otherwise refused with 403, no file and no audit row (no reveal).
    @Test func everyShippedTemplateIsListedAndRunForExactlyTheRolesDecided() async throws {
        let site = try await Site()
        let catalog = try TemplateCatalog(folder: Site.templates)
        #expect(Set(catalog.templates.map(\.id)) == Set(decidedRoles.keys), "decide the roles of every shipped template here")
        try await site.test { client in
            for user in demoUsers {
                let browser = Browser(client)
                _ = try await browser.signIn(user.name)
                let form = try await browser.get("/reports")
                #expect(form.status == .ok)
                for template in catalog.templates {
                    let allowed = decidedRoles[template.id]?.contains(user.role) == true
                    #expect(form.body.contains("<option value=\"\(template.id)\"") == allowed, "\(user.name) lists \(template.id)")
                    #expect(ReportAccess.roles(for: template).contains(user.role) == allowed, "\(user.name) \(template.id)")

                    let before = try site.footprint()
                    let reads = try site.count("SELECT count(*) FROM audit_log WHERE action = 'identity.read' AND actor = ?", [user.name])
                    try await browser.get("/reports")
                    let response = try await browser.post("/reports", reportRequest(template))
                    if allowed {
                        #expect(response.status == .ok && response.headers[.contentType]?.contains("spreadsheetml") == true,
                                "\(user.name) \(template.id): \(response.status) \(response.body.prefix(400))")
                        let identified = template.sheets.contains { $0.dataset.flatMap(Datasets.named)?.privacy == .identified }
                        let after = try site.count("SELECT count(*) FROM audit_log WHERE action = 'identity.read' AND actor = ?", [user.name])
                        // A register with names is an identity read of everyone on it, each audited.
                        #expect(identified ? after > reads : after == reads, "\(user.name) \(template.id): \(reads) -> \(after)")
                    } else {
                        #expect(response.status == .forbidden, "\(user.name) \(template.id): \(response.status)")
                        #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                        #expect(response.body.contains("Tidak diizinkan") && response.body.contains(template.id))
                        #expect(try site.footprint() == before, "\(user.name) \(template.id) wrote something")
                    }
                    #expect(try site.reportsLeftBehind().isEmpty)
                }
            }
        }
    }

    @Test func anOfficerLimitedToOneSiteIsRefusedEveryOtherSitesRecordAndHerListsLeaveThemOut() async throws {
        let site = try await Site()
        let w = site.workspace
        let survivors = try Registry.list(in: w).filter { !$0.erased }
        let mine = try #require(survivors.first { $0.site == "KBM" }).code
        let others = survivors.filter { $0.site != "KBM" }.map(\.code)
        let other = try #require(survivors.first { $0.site == "MDN" }).code
        let cohorts = try Cohorts.list(in: w)
        let myCohort = try #require(cohorts.first { $0.site == "KBM" }).code
        let otherCohorts = cohorts.filter { $0.site != "KBM" }.map(\.code)
        let otherCohort = "JBR-2026-1"
        let session = try #require(try Curriculum.sessions(cohortCode: otherCohort, in: w).first { $0.status == .held })
        let businesses = try Businesses.list(in: w)
        let myBusiness = try #require(businesses.first { $0.site == "KBM" }).code
        let otherBusiness = try #require(businesses.first { $0.site != "KBM" }).code
        let due = try OutcomeFigures.due(within: 30, in: w)
        let otherName = try Registry.revealIdentity(code: other, in: w).fullName
        try Users.limitSites(username: "pendamping", to: ["KBM"], in: w)

        try await site.test { client in
            // The lists can fail: without a limit, an admin sees the other sites' records in them.
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            #expect(try await admin.get("/survivors").body.contains(other))
            #expect(try await admin.get("/cohorts").body.contains(otherCohort))
            #expect(try await admin.get("/businesses").body.contains(otherBusiness))
            let adminVisits = try await admin.get("/visits").body
            #expect(due.contains { $0.site != "KBM" && adminVisits.contains($0.survivor) }, "the demo has other sites' visits due")

            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            let before = try site.footprint()

            // Lists: hers only.
            let list = try await officer.get("/survivors")
            #expect(list.status == .ok && list.body.contains(mine))
            #expect(others.allSatisfy { !list.body.contains(">\($0)<") }, "another site's survivor is listed")
            let cohortList = try await officer.get("/cohorts")
            #expect(cohortList.body.contains(myCohort) && otherCohorts.allSatisfy { !cohortList.body.contains($0) })
            let businessList = try await officer.get("/businesses")
            #expect(businessList.body.contains(myBusiness) && !businessList.body.contains(otherBusiness))
            let visits = try await officer.get("/visits")
            #expect(visits.status == .ok && due.filter { $0.site != "KBM" }.allSatisfy { !visits.body.contains($0.survivor) })
            let registration = try await officer.get("/survivors/new")
            #expect(registration.body.contains("<option value=\"KBM\"") && !registration.body.contains("<option value=\"MDN\""))
            #expect(try await officer.get("/").status == .ok)

            // Another site's records: 403 on every route, before anything is read or written.
            for path in ["/survivors/\(other)", "/cohorts/\(otherCohort)", "/attendance/\(otherCohort)/\(session.number)",
                         "/sales/new?business=\(otherBusiness)", "/visits/new?survivor=\(other)"] {
                let page = try await officer.get(path)
                #expect(page.status == .forbidden && page.body.contains("KBM"), "\(path): \(page.status)")
            }
            try await officer.get("/survivors/\(mine)")
            let reveal = try await officer.post("/survivors/\(other)/reveal", [:])
            #expect(reveal.status == .forbidden)
            #expect(!reveal.body.contains(otherName))
            try await officer.get("/cohorts/\(myCohort)")
            let marks = try Attendance.register(SessionRef(cohort: otherCohort, number: session.number), in: w).lines
                .reduce(into: [String: String]()) { $0["m-\($1.code)"] = "absent" }
            let attendance = try await officer.post("/attendance/\(otherCohort)/\(session.number)", marks.merging(["reason": "coba"]) { $1 })
            #expect(attendance.status == .forbidden)
            try await officer.get("/sales/new")
            let sale = try await officer.post("/sales", ["business": otherBusiness, "date": "2026-11-19", "product": "Kue", "quantity": "2",
                                                         "price": "15000", "channel": "direct"])
            #expect(sale.status == .forbidden)
            try await officer.get("/visits/new")
            var visit = ["survivor": other, "kind": "follow_up", "date": "2026-11-19", "household": "4", "income-other": "900000",
                         "migration": "none"]
            for item in ["confidence", "prayer", "fasting", "giving", "environment", "fifth"] { visit[item] = "3" }
            let recorded = try await officer.post("/visits", visit)
            #expect(recorded.status == .forbidden)
            try await officer.get("/survivors/new")
            let registered = try await officer.post("/survivors", ["site": "MDN", "name": "Nur Hasanah", "sex": "female", "birth-year": "1990",
                                                                   "consent-date": "2026-11-19"])
            #expect(registered.status == .forbidden)

            // Reports: only registers of her cohorts.
            let form = try await officer.get("/reports")
            #expect(form.body.contains("<option value=\"attendance-register\"") && form.body.contains("<option value=\"cohort-progress\""))
            #expect(!form.body.contains("<option value=\"MDN\"") && form.body.contains("<option value=\"KBM\""))
            let catalog = try TemplateCatalog(folder: Site.templates)
            for id in ["attendance-register", "cohort-progress"] {
                try await officer.get("/reports")
                let refused = try await officer.post("/reports", reportRequest(try catalog.template(id), cohort: otherCohort))
                #expect(refused.status == .forbidden && refused.body.contains(otherCohort), "\(id): \(refused.status)")
            }
            #expect(try site.footprint() == before, "a refusal wrote something")
            #expect(try site.reportsLeftBehind().isEmpty)

            // Her own site's records still work.
            #expect(try await officer.get("/survivors/\(mine)").status == .ok)
            #expect(try await officer.post("/survivors/\(mine)/reveal", [:]).status == .ok)
            try await officer.get("/reports")
            let own = try await officer.post("/reports", reportRequest(try catalog.template("cohort-progress"), cohort: myCohort))
            #expect(own.status == .ok && own.headers[.contentType]?.contains("spreadsheetml") == true, "\(own.body.prefix(300))")
        }
    }

    /// Templates scoped by site: a limited officer names one of her sites or is refused; a
    /// template that cannot be scoped is not hers at all.
    @Test func aLimitedOfficerRunsASiteReportOnlyForHerOwnSite() async throws {
        let temporary = try TemporaryFolder("templates"), folder = temporary.path
        let sheet = """
            sheets:
              - name: {id: Angkatan, en: Cohorts}
                dataset: cohorts
                columns:
                  - {field: cohort, label: {id: Angkatan, en: Cohort}}
                  - {field: site, label: {id: Situs, en: Site}}
            """
        try """
            id: site-cohorts
            title: {id: "Angkatan per situs", en: "Cohorts by site"}
            audience: internal
            parameters: [period, site, lang]
            required: [period]
            \(sheet)
            """.write(toFile: folder + "/site-cohorts.yaml", atomically: true, encoding: .utf8)
        try """
            id: all-cohorts
            title: {id: "Semua angkatan", en: "Every cohort"}
            audience: internal
            parameters: [period, lang]
            required: [period]
            \(sheet)
            """.write(toFile: folder + "/all-cohorts.yaml", atomically: true, encoding: .utf8)
        let site = try await Site(templates: folder)
        try Users.limitSites(username: "pendamping", to: ["KBM"], in: site.workspace)
        try await site.test { client in
            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            let all = try await admin.get("/reports")
            #expect(all.body.contains("<option value=\"all-cohorts\"") && all.body.contains("<option value=\"MDN\""))
            #expect(try await admin.post("/reports", ["template": "all-cohorts", "period": "2026"]).status == .ok)

            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            let form = try await officer.get("/reports")
            #expect(form.body.contains("<option value=\"site-cohorts\"") && !form.body.contains("<option value=\"all-cohorts\""))
            let before = try site.footprint()
            for (template, siteCode) in [("all-cohorts", "KBM"), ("site-cohorts", ""), ("site-cohorts", "MDN")] {
                try await officer.get("/reports")
                let refused = try await officer.post("/reports", ["template": template, "period": "2026", "site": siteCode])
                #expect(refused.status == .forbidden, "\(template) \(siteCode): \(refused.status)")
            }
            #expect(try site.footprint() == before)
            #expect(try site.reportsLeftBehind().isEmpty)
            try await officer.get("/reports")
            let own = try await officer.post("/reports", ["template": "site-cohorts", "period": "2026", "site": "KBM"])
            #expect(own.status == .ok && own.headers[.contentDisposition]?.contains("site-cohorts_2026_kbm_id.xlsx") == true)
        }
    }

    @Test func anAdminLimitsAnOfficerInTheAppAndItHoldsFromHerNextRequest() async throws {
        let site = try await Site()
        try await site.test { client in
            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            #expect(try await officer.get("/cohorts/JBR-2026-1").status == .ok)

            let admin = Browser(client)
            _ = try await admin.signIn("admin")
            let page = try await admin.get("/users")
            #expect(page.body.contains("action=\"/users/sites\"") && page.body.contains("semua situs"))
            let before = try site.footprint()
            let unknown = try await admin.post("/users/sites", ["officer": "pendamping", "sites": "KBM, XYZ"], once: admin.token("_once", after: "/users/sites"))
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("XYZ") && unknown.body.contains("value=\"KBM, XYZ\""))
            try await admin.get("/users")
            let treasurer = try await admin.post("/users/sites", ["officer": "bendahara", "sites": "KBM"], once: admin.token("_once", after: "/users/sites"))
            #expect(treasurer.status == .unprocessableContent && treasurer.body.contains("hanya pendamping"))
            #expect(try site.footprint() == before, "a refused limit changed something")

            try await admin.get("/users")
            let saved = try await admin.post("/users/sites", ["officer": "pendamping", "sites": "kbm"], once: admin.token("_once", after: "/users/sites"))
            #expect(saved.status == .ok && saved.body.contains("pendamping kini hanya bekerja di situs KBM"), "\(saved.body)")
            #expect(try AuditLog.entries(in: site.workspace, record: "pendamping").contains { $0.action == "user.sites" && $0.actor == "admin" })

            let refused = try await officer.get("/cohorts/JBR-2026-1")
            #expect(refused.status == .forbidden && refused.body.contains("JBR"))
            #expect(try await officer.get("/cohorts/KBM-2025-1").status == .ok)

            // An empty list lifts the limit.
            try await admin.get("/users")
            let lifted = try await admin.post("/users/sites", ["officer": "pendamping", "sites": ""], once: admin.token("_once", after: "/users/sites"))
            #expect(lifted.status == .ok && lifted.body.contains("semua situs"))
            #expect(try await officer.get("/cohorts/JBR-2026-1").status == .ok)
        }
        #expect(try site.count("SELECT count(*) FROM user_site") == 0)
    }
}

extension Browser {
    /// A hidden token of the form that posts to `action` (a page with more than one form).
    func token(_ name: String, after action: String) -> String? {
        guard let form = lastPage.range(of: "action=\"\(action)\"") else { return nil }
        let rest = lastPage[form.upperBound...]
        guard let range = rest.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(rest[range.upperBound...].prefix { $0 != "\"" })
    }
}
