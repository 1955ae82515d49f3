import BerdayaKit
import BerdayaTestSupport
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import BerdayaWeb

/// Issue 18's field experience: the pages ask, never assume, and say what they saved.
@Suite struct FieldWorkWebTests {
    /// A session of the running Jember cohort that has taken place by the site's day.
    static func pastSession(_ site: Site) throws -> SessionRef {
        let sessions = try Curriculum.sessions(cohortCode: "JBR-2026-1", in: site.workspace)
        let session = try #require(sessions.last { $0.status != .cancelled && $0.date <= site.workspace.today })
        return SessionRef(cohort: "JBR-2026-1", number: session.number)
    }

    /// A session nobody has taken attendance for yet.
    static func unmarkedSession(_ site: Site) throws -> SessionRef {
        let sessions = try Curriculum.sessions(cohortCode: "JBR-2026-1", in: site.workspace)
        let refs = sessions.filter { $0.status != .cancelled }.map { SessionRef(cohort: "JBR-2026-1", number: $0.number) }
        return try #require(try refs.first { try Attendance.register($0, in: site.workspace).lines.allSatisfy { $0.mark == nil } })
    }

    @Test func attendanceStartsUnmarkedAndAnUnmarkedMemberIsAskedForNotAssumedPresent() async throws {
        let site = try await Site()
        let ref = try Self.unmarkedSession(site)
        let before = try Attendance.register(ref, in: site.workspace)
        #expect(!before.lines.isEmpty)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            let page = try await browser.get("/attendance/\(ref.cohort)/\(ref.number)")
            // Only marks already recorded are checked; a member without one has no radio checked.
            let unmarkedBefore = before.lines.filter { $0.mark == nil }
            #expect(page.body.components(separatedBy: " checked>").count - 1 == before.lines.count - unmarkedBefore.count)
            // "All present" fills the unmarked ones, and saves nothing by itself.
            let all = try await browser.get("/attendance/\(ref.cohort)/\(ref.number)?all=present")
            #expect(all.body.components(separatedBy: " checked>").count - 1 == before.lines.count)
            #expect(try Attendance.register(ref, in: site.workspace) == before)

            // A register with one member left unmarked is refused, names her, and records nothing.
            var marks = [String: String]()
            for line in before.lines.dropFirst() { marks["m-\(line.code)"] = line.mark?.rawValue ?? "present" }
            marks["reason"] = "Koreksi dari lapangan"
            let refused = try await browser.post("/attendance/\(ref.cohort)/\(ref.number)", marks)
            #expect(refused.status == .unprocessableContent)
            // Her code is kept on one line (a run of its own), so a phone never breaks it at the hyphen.
            #expect(refused.body.contains("Belum ditandai: <span class=\"nw\">\(before.lines[0].code)</span>"))
            #expect(refused.body.contains("class=\"unmarked\""))
            #expect(try Attendance.register(ref, in: site.workspace) == before, "a refused register writes nothing")
        }
    }

    @Test func anOfficerSeesTheWomensNamesOnTheRegisterAndTheShowingIsAudited() async throws {
        let site = try await Site()
        let ref = try Self.pastSession(site)
        let lines = try Attendance.register(ref, in: site.workspace).lines
        let name = try Registry.revealIdentity(code: lines[0].code, in: site.workspace).fullName
        try await site.test { client in
            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            let page = try await officer.get("/attendance/\(ref.cohort)/\(ref.number)")
            #expect(page.body.contains(name))
            // Each mark says whose it is, for a screen reader as for the eye.
            #expect(page.body.contains("<span class=\"sr\">\(name) (\(lines[0].code)): </span>"))
            let audit = try AuditLog.entries(in: site.workspace, actor: "pendamping")
            #expect(audit.contains { $0.action == "identity.names" && ($0.record ?? "").contains(lines[0].code) })
            #expect(audit.allSatisfy { !($0.record ?? "").contains(name) }, "the audit log holds codes, never names")
            // Opened again the same day: one line in the log; the next day: a line of its own.
            func shown() throws -> Int { try AuditLog.entries(in: site.workspace, actor: "pendamping").filter { $0.action == "identity.names" }.count }
            try await officer.get("/attendance/\(ref.cohort)/\(ref.number)")
            #expect(try shown() == 1)
            site.clock.advance(86_400)
            _ = try await officer.signIn("pendamping")
            let nextDay = try await officer.get("/attendance/\(ref.cohort)/\(ref.number)")
            #expect(nextDay.body.contains(name))
            #expect(try shown() == 2)
        }
    }

    @Test func aVisitFormFillsInNoAnswerAndAnUnansweredScoreIsRefusedBesideItsField() async throws {
        let site = try await Site()
        let survivor = try #require(try Registry.list(in: site.workspace).first { $0.site == "JBR" && !$0.erased }).code
        let visited = try Visits.list(survivorCode: survivor, in: site.workspace)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            let form = try await browser.get("/visits/new?survivor=\(survivor)")
            #expect(form.status == .ok)
            for score in ["confidence", "prayer", "fasting", "giving", "environment", "fifth", "migration"] {
                let select = try #require(form.body.range(of: "name=\"\(score)\"")).upperBound
                let options = form.body[select...].prefix { _ in true }.components(separatedBy: "</select>")[0]
                #expect(options.contains("value=\"\" selected"), "\(score) starts at choose")
            }
            // From her page the kind follows her history.
            let expected = visited.contains { $0.kind == .baseline } ? "follow_up" : "baseline"
            #expect(form.body.contains("value=\"\(expected)\" selected"))

            let count = try site.count("SELECT count(*) FROM visit")
            var fields = ["survivor": survivor, "kind": "follow_up", "date": "2026-11-19", "household": "4", "income-other": "0",
                          "savings": "0", "migration": "none"]
            for score in ["prayer", "fasting", "giving", "environment", "fifth"] { fields[score] = "3" }
            let refused = try await browser.post("/visits", fields)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Rasa percaya diri wajib diisi"), "the unanswered score is named by its label")
            #expect(try site.count("SELECT count(*) FROM visit") == count)
        }
    }

    @Test func aSaveSaysWhatItSavedOnceOnTheNextPage() async throws {
        let site = try await Site()
        let ref = try Self.pastSession(site)
        let lines = try Attendance.register(ref, in: site.workspace).lines
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            try await browser.get("/attendance/\(ref.cohort)/\(ref.number)")
            var marks = ["reason": "Koreksi dari lapangan"]
            for (index, line) in lines.enumerated() { marks["m-\(line.code)"] = index == 0 ? "late" : "present" }
            let saved = try await browser.post("/attendance/\(ref.cohort)/\(ref.number)", marks)
            #expect(saved.status == .seeOther)
            let next = try await browser.get(try #require(saved.headers[.location]))
            #expect(next.body.contains("class=\"notice\"") && next.body.contains("Daftar hadir \(ref) tersimpan: \(lines.count) dari \(lines.count) hadir"))
            let again = try await browser.get("/cohorts/\(ref.cohort)")
            #expect(!again.body.contains("class=\"notice\""), "said once")
        }
    }

    @Test func theLanguageSwitchComesBackToThePageItWasOn() async throws {
        let site = try await Site()
        let ref = try Self.pastSession(site)
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            let page = try await browser.get("/attendance/\(ref.cohort)/\(ref.number)?all=present")
            #expect(page.body.contains("name=\"back\" value=\"/attendance/\(ref.cohort)/\(ref.number)?all&#61;present\"")
                    || page.body.contains("name=\"back\" value=\"/attendance/\(ref.cohort)/\(ref.number)?all=present\""))
            let switched = try await browser.post("/language", ["lang": "en", "back": "/attendance/\(ref.cohort)/\(ref.number)?all=present"])
            #expect(switched.status == .seeOther && switched.headers[.location] == "/attendance/\(ref.cohort)/\(ref.number)?all=present")
        }
    }

    @Test func aNoticeCookieThatDoesNotDecodeIsIgnored() {
        #expect(SavedNotice.decode(SavedNotice.encode("Daftar hadir tersimpan <b>")) == "Daftar hadir tersimpan <b>")
        #expect(SavedNotice.decode("%%%") == nil)
        #expect(SavedNotice.decode(String(repeating: "A", count: 5000)) == nil)
    }
}

@Suite struct HomePageWebTests {
    @Test func anOfficersHomeListsTheWeeksSessionsWithATapToEachRegisterAndNoMoneyTotals() async throws {
        let site = try await Site()
        let today = site.workspace.today
        let week = try Curriculum.agenda(from: today, through: today.adding(days: 6), in: site.workspace)
        #expect(!week.isEmpty, "the demo has sessions in the site's week")
        try await site.test { client in
            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            let home = try await officer.get("/")
            #expect(home.body.contains("Minggu ini") && home.body.contains("Hari ini"))
            for session in week {
                #expect(home.body.contains("href=\"/attendance/\(session.cohort)/\(session.number)\""), "\(session.ref)")
                if let place = session.location { #expect(home.body.contains(place)) }
            }
            #expect(!home.body.contains("dana masuk bulan ini") && !home.body.contains("dana keluar bulan ini"),
                    "an officer does not see the organisation's money totals")
            #expect(!home.body.contains("href=\"/\" class=\"card\"") && !home.body.contains("<a class=\"card\" href=\"/\">"))

            let treasurer = Browser(client)
            _ = try await treasurer.signIn("bendahara")
            let books = try await treasurer.get("/")
            #expect(books.body.contains("dana masuk bulan ini") && books.body.contains("<a class=\"card\" href=\"/funds\">"))
            #expect(!books.body.contains("Minggu ini"), "a treasurer takes no attendance")
            #expect(!books.body.contains("<a class=\"card\" href=\"/\">"), "no card links nowhere")
        }
    }

    @Test func theAgendaLeavesOutCancelledSessionsAndOtherSitesWhenLimited() async throws {
        let site = try await Site()
        let cancelled = try Cohorts.list(in: site.workspace).flatMap { try Curriculum.sessions(cohortCode: $0.code, in: site.workspace) }
            .filter { $0.status == .cancelled }
        #expect(!cancelled.isEmpty, "the demo cancels a session")
        let all = try Curriculum.agenda(from: DayDate(year: 2025, month: 1, day: 1)!, through: DayDate(year: 2027, month: 1, day: 1)!, in: site.workspace)
        #expect(!all.isEmpty && all.allSatisfy { $0.status != .cancelled })
        #expect(cancelled.allSatisfy { c in !all.contains { $0.ref.description == c.ref } })
        #expect(all == all.sorted { ($0.date, $0.startTime ?? "~") <= ($1.date, $1.startTime ?? "~") })
        let jember = try Curriculum.agenda(from: DayDate(year: 2025, month: 1, day: 1)!, through: DayDate(year: 2027, month: 1, day: 1)!,
                                           sites: ["JBR"], in: site.workspace)
        #expect(!jember.isEmpty && jember.allSatisfy { $0.site == "JBR" } && jember.count < all.count)
    }
}

@Suite struct MoneyPickersWebTests {
    @Test func aTreasurerPicksTheBudgetLineAndTheCashBooksPeriodInsteadOfTypingThem() async throws {
        let site = try await Site()
        let lines = try Funds.budgetLines(in: site.workspace)
        #expect(lines["INFAQ"]?.contains("micro_grants") == true)
        try await site.test { client in
            let treasurer = Browser(client)
            _ = try await treasurer.signIn("bendahara")
            let form = try await treasurer.get("/ledger/disburse")
            for line in Set(lines.values.joined()) { #expect(form.body.contains("<option value=\"\(line)\""), "\(line)") }
            let entries = try site.count("SELECT count(*) FROM ledger_entry")
            let recipient = try #require(try Registry.list(in: site.workspace).first { !$0.erased }).code
            let refused = try await treasurer.post("/ledger/disburse", ["fund": "INFAQ", "survivor": recipient, "amount": "100.000",
                                                                        "line": "liburan", "date": "2026-11-20", "document": "KW-PICK"])
            #expect(refused.status == .unprocessableContent && refused.body.contains("liburan"))
            #expect(try site.count("SELECT count(*) FROM ledger_entry") == entries)

            let book = try await treasurer.get("/funds/INFAQ")
            #expect(book.body.contains("href=\"/funds/INFAQ?period=2026\"") && book.body.contains("href=\"/funds/INFAQ?period=2026-H2\""))
            let year = try await treasurer.get("/funds/INFAQ?period=2025")
            #expect(year.status == .ok && year.body.contains("2025-01-01 – 2025-12-31"))
        }
    }
}

@Suite struct FormWordsWebTests {
    @Test func aFormSaysHowToFixItInTheFormsWordsNeverInCommandLineWords() async throws {
        let site = try await Site()
        let ref = try FieldWorkWebTests.pastSession(site)
        let lines = try Attendance.register(ref, in: site.workspace).lines
        try await site.test { client in
            let browser = Browser(client)
            _ = try await browser.signIn("pendamping")
            // A correction without its reason.
            try await browser.get("/attendance/\(ref.cohort)/\(ref.number)")
            var marks = [String: String]()
            for line in lines { marks["m-\(line.code)"] = line.mark == .absent ? "present" : "absent" }
            let refused = try await browser.post("/attendance/\(ref.cohort)/\(ref.number)", marks)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Isi &quot;Alasan perubahan&quot; di bawah daftar") && !refused.body.contains("--reason"))
            #expect(!refused.body.contains("berdaya "), "no command named on a page")
        }
    }

    @Test func aHintThatNamesACommandOrAFlagIsNotShownOnAForm() {
        #expect(Localized.inFormWords(Localized(id: "Ulangi dengan --replace.", en: "Repeat with --replace.")) == nil)
        #expect(Localized.inFormWords(Localized(id: "Lihat `berdaya site list`.", en: "See `berdaya site list`.")) == nil)
        let plain = Localized(id: "Tulis tanggal sebagai TTTT-BB-HH.", en: "Write dates as YYYY-MM-DD.")
        #expect(Localized.inFormWords(plain) == plain)
        #expect(TrainingError.correctionNeedsReason(survivors: ["JBR-0001"]).formHint?.id.contains("--") == false)
        #expect(TrainingError.correctionNeedsReason(survivors: ["JBR-0001"]).hint?.id.contains("--reason") == true, "the command line keeps its flag")
    }
}

@Suite struct SessionPlanningWebTests {
    @Test func anOfficerPlansASessionInTheBrowserWithTheCommandLinesRules() async throws {
        let site = try await Site()
        let cohort = try #require(try Cohorts.list(in: site.workspace).first { $0.code == "JBR-2026-1" })
        let module = try #require(try Curriculum.modules(cohortCode: cohort.code, in: site.workspace).first).name
        let before = try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).count
        try await site.test { client in
            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            #expect(try await officer.get("/cohorts/\(cohort.code)").body.contains("href=\"/cohorts/\(cohort.code)/sessions/new\""))
            let form = try await officer.get("/cohorts/\(cohort.code)/sessions/new")
            #expect(form.status == .ok && form.body.contains("<option value=\"\(module)\""))
            // Outside the cohort's dates: refused beside the date, nothing planned.
            let outside = try await officer.post("/cohorts/\(cohort.code)/sessions",
                                                 ["module": module, "date": "2019-01-07", "start": "09:00", "duration": "120", "location": "Balai desa"])
            #expect(outside.status == .unprocessableContent)
            #expect(try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).count == before)
            // An unlisted module is refused beside its field.
            try await officer.get("/cohorts/\(cohort.code)/sessions/new")
            let unknown = try await officer.post("/cohorts/\(cohort.code)/sessions", ["module": "Menjahit", "date": cohort.endDate.description])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Menjahit"))
            // Within them: planned, said on the cohort's page.
            try await officer.get("/cohorts/\(cohort.code)/sessions/new")
            let planned = try await officer.post("/cohorts/\(cohort.code)/sessions",
                                                 ["module": module, "date": cohort.endDate.description, "start": "09:00", "duration": "120",
                                                  "location": "Balai desa Ambulu", "facilitators": "Rina, Yusuf"])
            #expect(planned.status == .seeOther)
            let sessions = try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace)
            #expect(sessions.count == before + 1)
            let added = try #require(sessions.first { $0.location == "Balai desa Ambulu" })
            #expect(added.date == cohort.endDate && added.startTime == "09:00" && added.durationMinutes == 120 && added.status == .planned)
            let page = try await officer.get(try #require(planned.headers[.location]))
            #expect(page.body.contains("Sesi \(cohort.code)/\(added.number) direncanakan"))

            let treasurer = Browser(client)
            _ = try await treasurer.signIn("bendahara")
            #expect(try await treasurer.get("/cohorts/\(cohort.code)/sessions/new").status == .forbidden)
        }
    }
}

@Suite struct SessionChangeWebTests {
    @Test func anOfficerMovesAndCancelsAPlannedSessionWithAReasonAndNeverAHeldOne() async throws {
        let site = try await Site()
        let cohort = try #require(try Cohorts.list(in: site.workspace).first { $0.code == "JBR-2026-1" })
        let sessions = try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace)
        let planned = try #require(sessions.last { $0.status == .planned })
        let held = try #require(sessions.first { $0.status == .held })
        try await site.test { client in
            let officer = Browser(client)
            _ = try await officer.signIn("pendamping")
            let register = try await officer.get("/attendance/\(cohort.code)/\(planned.number)")
            #expect(register.body.contains("href=\"/sessions/\(cohort.code)/\(planned.number)/move\""))
            // Without a reason: refused beside it, nothing moved.
            try await officer.get("/sessions/\(cohort.code)/\(planned.number)/move")
            let noReason = try await officer.post("/sessions/\(cohort.code)/\(planned.number)/move", ["date": cohort.endDate.description, "reason": ""])
            #expect(noReason.status == .unprocessableContent)
            #expect(try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).first { $0.number == planned.number }?.date == planned.date)
            // With one: moved, the old date and the reason kept.
            try await officer.get("/sessions/\(cohort.code)/\(planned.number)/move")
            let moved = try await officer.post("/sessions/\(cohort.code)/\(planned.number)/move",
                                               ["date": cohort.endDate.description, "reason": "Libur nasional"])
            #expect(moved.status == .seeOther)
            let after = try #require(try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).first { $0.number == planned.number })
            #expect(after.date == cohort.endDate && after.previousDate == planned.date && after.changeReason == "Libur nasional")
            // A held session is not cancelled: its register stands.
            try await officer.get("/sessions/\(cohort.code)/\(held.number)/cancel")
            let refused = try await officer.post("/sessions/\(cohort.code)/\(held.number)/cancel", ["reason": "Salah jadwal"])
            #expect(refused.status == .unprocessableContent)
            #expect(try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).first { $0.number == held.number }?.status == .held)
            // The planned one is cancelled, and leaves the agenda.
            try await officer.get("/sessions/\(cohort.code)/\(planned.number)/cancel")
            let cancelled = try await officer.post("/sessions/\(cohort.code)/\(planned.number)/cancel", ["reason": "Hujan lebat"])
            #expect(cancelled.status == .seeOther)
            #expect(try Curriculum.sessions(cohortCode: cohort.code, in: site.workspace).first { $0.number == planned.number }?.status == .cancelled)

            let treasurer = Browser(client)
            _ = try await treasurer.signIn("bendahara")
            #expect(try await treasurer.get("/sessions/\(cohort.code)/\(planned.number)/move").status == .forbidden)
        }
    }
}
