import BerdayaKit
import BerdayaReports
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
            // The web and the cash-book workbook describe each entry in the same words.
            let descriptions = book.rows.map { $0.entry.description(.id) }
            try #require(!descriptions.isEmpty)
            for text in descriptions where !text.contains(where: { "&<>\"'".contains($0) }) {
                #expect(page.body.contains("<td>\(text)</td>") || page.body.contains(">\(text)<"), "\(text)")
            }
            let dataset = try Datasets.named("cash-book")!.rows(ReportParameters(period: period, periodLabel: "p", fund: "ZAKAT-PROD"),
                                                                 in: site.workspace)
            #expect(dataset.dropFirst().map { $0["description"] } == descriptions.map { .text($0) })
        }
    }

    @Test func theDashboardAndTheKeyFiguresShareOneAttendanceRate() async throws {
        let site = try await Site()
        let w = site.workspace
        let month = try Period(start: Month(w.today).first, end: w.today)
        // A cohort that finished this month still counts for the sessions it held (the
        // dashboard once read active cohorts only, the key figures every cohort).
        var finished = 0
        for cohort in try Cohorts.list(in: w, status: .active)
        where try TrainingProgress.of(cohortCode: cohort.code, in: w).sessions.contains(where: { month.contains($0.date) }) {
            try Cohorts.setStatus(code: cohort.code, to: .completed, in: w)
            finished += 1
        }
        try #require(finished > 0)
        let rate = AttendanceRate.over(try Cohorts.list(in: w).map { try TrainingProgress.of(cohortCode: $0.code, in: w) }, in: month)
        let percent = try #require(rate.percent, "the demo holds sessions in its last month")
        let figures = try Datasets.named("key-figures")!.rows(ReportParameters(period: month, periodLabel: "month"), in: w)
        #expect(figures.first { $0["key"] == .text("attendance") }?["value"] == .percent(percent))
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("admin")
            let home = try await browser.get("/")
            #expect(home.body.contains("<span class=\"value\">\(rate.held)</span>"), "\(home.body)")
            #expect(home.body.contains("<span class=\"value\">\(String(format: "%.0f%%", percent))</span>"), "\(home.body)")
        }
    }

    @Test func aRegisterSubmittedAsItStandsWritesNothing() async throws {
        let site = try await Site()
        let ref = SessionRef(cohort: "JBR-2026-1", number: 2)
        let register = try Attendance.register(ref, in: site.workspace)
        try #require(!register.lines.isEmpty && register.lines.allSatisfy { $0.mark != nil })
        let marked = "SELECT count(*) FROM audit_log WHERE action LIKE 'attendance.%'"
        let before = try site.count(marked)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            try await browser.get("/attendance/JBR-2026-1/2")
            let fields = Dictionary(uniqueKeysWithValues: register.lines.map { ("m-\($0.code)", $0.mark!.rawValue) })
            let saved = try await browser.post("/attendance/JBR-2026-1/2", fields)
            #expect(saved.status.code == 303, "\(saved.status)")
        }
        #expect(try site.count(marked) == before)
        #expect(try Attendance.register(ref, in: site.workspace) == register)
    }
}
