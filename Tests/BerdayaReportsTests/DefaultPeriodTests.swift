import BerdayaKit
import Foundation
import Testing
@testable import BerdayaReports

/// A report run without a period covers what the command line and the web cover without one.
@Suite struct DefaultPeriodTests {
    @Test func aReportWithoutAPeriodCoversTheSharedDefaultNamedByItsDates() throws {
        let today = DayDate(year: 2026, month: 11, day: 20)!
        let (period, label) = try ReportParameters.period(nil, today: today)
        #expect(period == Period.lastTwelveMonths(through: today))
        #expect(label == "2025-12-01..2026-11-20")
        let (blank, _) = try ReportParameters.period(" ", today: today)
        #expect(blank == period)
        let (typed, typedLabel) = try ReportParameters.period("2026-H1", today: today)
        #expect(typed == (try Period(parsing: "2026-H1")) && typedLabel == "2026-H1")
    }
}
