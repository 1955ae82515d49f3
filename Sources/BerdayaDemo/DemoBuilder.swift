import BerdayaKit
import Crypto
import Foundation

/// Builds the demo database: realistic, entirely synthetic, the same for the same seed.
/// Every record goes through the same services the command line uses, so the demo obeys
/// every rule a real program's data obeys.
public enum DemoBuilder {
    public struct Summary: Codable, Sendable, Equatable {
        public var databasePath: String
        public var keyPath: String
        public var sites: Int
        public var cohorts: Int
        public var survivors: Int
        public var enrolments: Int
    }

    /// Builds the demo at `path` (with its key file at `keyPath`), `scale` times the base
    /// shape. Replaces an earlier demo, never a real database, and never replaces a key file:
    /// a key already at `keyPath` seals the new demo too. Built in a folder of its own and
    /// moved into place by one rename, after the key, so a kill at any moment leaves either
    /// no database or a database with its key; the next run removes what a killed run left.
    public static func build(at path: String, keyPath: String, seed: UInt64, scale: Int, actor: String,
                             progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        guard (1...1000).contains(scale) else { throw InputError.outOfRange(field: "--scale", value: scale, range: 1...1000) }
        let oldDemoExists = try refuseToReplaceRealData(path: path)
        let existingKey = FileManager.default.fileExists(atPath: keyPath)
            ? try KeyFile.load(path: keyPath, environment: [:]) : nil
        // Only now, past every refusal: a refused run changes no file.
        removeLeftovers(of: path)
        let key = existingKey ?? SymmetricKey(size: .bits256)
        let encodedKey = key.withUnsafeBytes { Data($0).base64EncodedString() }

        let building = path + buildingMark + String(getpid())
        try? FileManager.default.removeItem(atPath: building)
        guard mkdir(building, 0o700) == 0 else {
            throw StorageError.cannotOpen(path: building, reason: String(cString: strerror(errno)))
        }
        defer { try? FileManager.default.removeItem(atPath: building) }
        let temporary = building + "/" + (path as NSString).lastPathComponent
        let start = DemoScenario.sites.map(\.cohort.start).min()!.adding(days: -60)
        try Setup.createDatabase(at: temporary, keyPath: building + "/unused.key", useKeyFromEnvironment: encodedKey,
                                 actor: actor, today: start)
        let database = try AppDatabase.open(at: temporary)
        let vault: Result<IdentityVault, AccessError> = .success(IdentityVault(masterKey: key))
        var summary = Summary(databasePath: path, keyPath: keyPath, sites: 0, cohorts: 0, survivors: 0, enrolments: 0)
        do {
            try DemoMark.set(seed: seed, in: database)
            var random = SeededGenerator(seed: seed)
            // Visits draw from their own stream, so adding them left every other demo record as it was.
            var visitRandom = SeededGenerator(seed: seed ^ 0x5649_5349_5453)
            var usedNames = Set<String>(), usedNIKs = Set<String>()
            let total = scale * DemoScenario.sites.count
            for copy in 0..<scale {
                var cohorts: [String: String] = [:]
                for shape in DemoScenario.sites {
                    cohorts[shape.code] = try buildSite(shape, copy: copy, database: database, vault: vault, actor: actor,
                                                        random: &random, visitRandom: &visitRandom, usedNames: &usedNames, usedNIKs: &usedNIKs,
                                                        summary: &summary)
                    progress(summary.sites, total)
                }
                let businesses = try DemoEnterprise.register(suffix: copySuffix(copy), cohorts: cohorts, database: database,
                                                             vault: vault, random: &random)
                try DemoFunding.build(suffix: copySuffix(copy), cohorts: cohorts, businesses: businesses, database: database,
                                      vault: vault, random: &random)
                try DemoEnterprise.trade(copy: copy, suffix: copySuffix(copy), registered: businesses, database: database,
                                         vault: vault, random: &random)
                try DemoOutcomes.followUps(cohorts: cohorts, database: database, vault: vault, random: &visitRandom)
            }
            // Everything into the main file: it moves without its -wal.
            try database.closeCheckpointed()
        } catch {
            try? database.close()
            throw error
        }
        if existingKey == nil {
            // A demo database left without its key (by an older Berdaya) goes first, so the
            // new key never stands beside a database it does not open.
            if oldDemoExists {
                for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
            }
            try installKey(encodedKey, at: keyPath, staging: building + "/demo.key")
        }
        // The old demo's WAL would be replayed into the new file: it goes before the rename.
        for file in [path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
        guard rename(temporary, path) == 0 else {
            throw StorageError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        // Opened once in place, it has its WAL again: otherwise the first command to open it
        // would write one, even a command that is then refused.
        try AppDatabase.open(at: path).close()
        return summary
    }

    /// What a run's building folder is called after the database's name: `demo.sqlite.building-PID`.
    static let buildingMark = ".building-"

    /// Writes the key whole under a staging name, then links it to `keyPath`: the key file
    /// appears complete or not at all, and an existing one is never replaced.
    private static func installKey(_ encoded: String, at keyPath: String, staging: String) throws {
        let fd = Foundation.open(staging, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw AccessError.keyFileUnwritable(path: keyPath) }
        let bytes = Array((encoded + "\n").utf8)
        let written = write(fd, bytes, bytes.count)
        let synced = fsync(fd)
        close(fd)
        guard written == bytes.count, synced == 0 else { throw AccessError.keyFileUnwritable(path: keyPath) }
        guard link(staging, keyPath) == 0 else {
            if errno == EEXIST { throw AccessError.keyFileExists(path: keyPath) }
            throw AccessError.keyFileUnwritable(path: keyPath)
        }
    }

    /// Removes the building folders (and an older Berdaya's building files) of runs whose
    /// process is gone. A live run's are left alone.
    static func removeLeftovers(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let prefix = (path as NSString).lastPathComponent + buildingMark
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        for name in names where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)), pid > 0,
                  pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: folder.isEmpty ? name : folder + "/" + name)
        }
    }

    /// A demo may replace an earlier demo, never a real program's database. True when there
    /// is an earlier demo to replace.
    private static func refuseToReplaceRealData(path: String) throws -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return false }
        // Looked at without writing: a real database refused here keeps every byte.
        if !DemoMark.isSet(at: path) { throw DemoError.wouldReplaceRealDatabase(path: path) }
        return true
    }

    private static func buildSite(_ shape: DemoScenario.SiteShape, copy: Int, database: AppDatabase,
                                  vault: Result<IdentityVault, AccessError>, actor: String,
                                  random: inout SeededGenerator, visitRandom: inout SeededGenerator, usedNames: inout Set<String>,
                                  usedNIKs: inout Set<String>, summary: inout Summary) throws -> String {
        let plan = shape.cohort
        let workspaceOn: (DayDate) throws -> Workspace = { day in
            try demoWorkspace(database: database, vault: vault, actor: actor, on: day, hour: 9)
        }
        func workspace(on day: DayDate) throws -> Workspace { try workspaceOn(day) }
        let siteCode = shape.code + copySuffix(copy)
        let opened = plan.start.adding(days: -90 - random.int(0...30))
        try Sites.add(code: siteCode, name: shape.name + (copy == 0 ? "" : " \(copy + 1)"), province: shape.province,
                      regency: shape.regency, in: workspace(on: opened))
        summary.sites += 1
        try DemoOutcomes.setPovertyLines(site: siteCode, shape: shape.code, in: workspace(on: opened))
        let cohort = try Cohorts.create(
            CohortPlan(name: plan.name, program: plan.program, siteCode: siteCode, startDate: plan.start, endDate: plan.end,
                       facilitators: plan.facilitators, partners: plan.partners, status: .planned),
            in: workspace(on: plan.start.adding(days: -45)))
        summary.cohorts += 1

        var members: [String] = []
        var reachedOnly: [String] = []
        var households: [String: (size: Int, income: Rupiah)] = [:]
        // Codes are issued in the order people register: members before the start, the others later.
        let memberDays = (0..<plan.members).map { _ in plan.start.adding(days: -random.int(7...40)) }.sorted()
        let reachedDays = (0..<plan.reachedOnly).map { _ in
            min(plan.end, DemoScenario.today).adding(days: -random.int(3...50))
        }.sorted()
        for (index, registered) in (memberDays + reachedDays).enumerated() {
            let enrols = index < plan.members
            let registration = makeRegistration(shape, siteCode: siteCode, registered: registered, random: &random,
                                                usedNames: &usedNames, usedNIKs: &usedNIKs)
            let code = try Registry.register(registration, in: workspace(on: registered))
            summary.survivors += 1
            if enrols { members.append(code) } else { reachedOnly.append(code) }
            households[code] = (registration.profile.householdSize ?? 4, registration.profile.baselineIncome ?? .zero)
        }
        try Cohorts.setStatus(code: cohort.code, to: .active, in: workspace(on: plan.start))
        try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: members, on: plan.start, in: workspace(on: plan.start))
        summary.enrolments += members.count
        // Each woman's household is visited for the baseline the day she enrols.
        for code in members {
            let household = households[code]!
            try DemoOutcomes.baseline(code: code, household: household.size, income: household.income,
                                      officer: plan.facilitators.last!, on: plan.start, in: workspace(on: plan.start),
                                      random: &visitRandom)
        }

        // A few leave early: one drops out, and in a finished cohort one may go abroad again.
        var leavers: [String: (ExitReason, DayDate)] = [:]
        let length = plan.end.dayNumber - plan.start.dayNumber
        let lastDay = min(plan.end, DemoScenario.today)
        leavers[members[random.int(0...(members.count - 1))]] =
            (.droppedOut, plan.start.adding(days: random.int((length / 4)...(length / 2))))
        if plan.status == .completed, random.chance(70) {
            let code = members.filter { leavers[$0] == nil }[random.int(0...(members.count - 2))]
            leavers[code] = (.reMigrated, plan.start.adding(days: random.int((length / 2)...(length - 7))))
        }
        for code in members {
            if let (reason, day) = leavers[code] {
                try Cohorts.exit(cohortCode: cohort.code, survivorCode: code, on: min(day, lastDay), reason: reason,
                                 in: workspace(on: lastDay))
            }
        }
        // In a running cohort one woman has missed the last two sessions: the officer should see her.
        let wobbly = plan.status == .active ? members.filter { leavers[$0] == nil }.last : nil

        try buildTraining(plan, cohort: cohort.code, members: members, leavers: leavers, wobbly: wobbly,
                          workspace: workspaceOn, random: &random)

        // A finished cohort closes with every remaining member's exit: completed if she met the rule.
        if plan.status == .completed {
            let progress = try TrainingProgress.of(cohortCode: cohort.code, in: workspace(on: plan.end))
            for member in progress.members where member.exitedOn == nil {
                try Cohorts.exit(cohortCode: cohort.code, survivorCode: member.code, on: plan.end,
                                 reason: member.meetsRule ? .completed : .other, in: workspace(on: plan.end))
            }
            try Cohorts.setStatus(code: cohort.code, to: .completed, in: workspace(on: plan.end))
        }
        // Case stages follow the cohort: finished cohorts are in follow-up, a running one in implementation.
        for code in members where leavers[code] == nil {
            try Registry.update(code: code, in: workspace(on: lastDay),
                                profile: { $0.caseStage = plan.status == .completed ? .followUp : .implementation })
        }
        for code in reachedOnly {
            try Registry.update(code: code, in: workspace(on: DemoScenario.today),
                                profile: { $0.caseStage = random.chance(50) ? .assessment : .engagement })
        }
        // One survivor who dropped out later withdrew her consent: her identity is erased, her history stays.
        if plan.status == .completed, let (code, (_, left)) = leavers.first(where: { $0.value.0 == .droppedOut }) {
            let withdrawn = left.adding(days: 30)
            let erasure = try workspace(on: withdrawn)
            try Registry.withdrawConsent(code: code, kind: .dataProcessing, on: withdrawn, in: erasure)
            try Registry.erase(code: code, in: erasure)
        }
        return cohort.code
    }

    /// A weekly calendar over the cohort's dates: an opening FGD, the modules in blocks, an FGD
    /// midway and at the close; one session moved for a holiday, one cancelled; attendance with
    /// late arrivals and absences; pre scores at a module's first session, post at its last.
    private static func buildTraining(_ plan: DemoScenario.CohortShape, cohort: String, members: [String],
                                      leavers: [String: (ExitReason, DayDate)], wobbly: String?,
                                      workspace: (DayDate) throws -> Workspace, random: inout SeededGenerator) throws {
        let setup = try workspace(plan.start.adding(days: -14))
        let fgd = DemoScenario.fgd
        try Curriculum.addModule(cohortCode: cohort, name: fgd.0, category: fgd.1, isCore: false, in: setup)
        for (name, category) in plan.modules {
            try Curriculum.addModule(cohortCode: cohort, name: name, category: category, in: setup)
        }
        var dates: [DayDate] = []
        var day = plan.start
        while day <= plan.end { dates.append(day); day = day.adding(days: 7) }
        let teaching = dates.count - 3
        // Teaching weeks shared out evenly, so every module gets its block (at least two weeks here).
        var sequence = (0..<teaching).map { plan.modules[$0 * plan.modules.count / teaching].0 }
        sequence.insert(fgd.0, at: 0)
        sequence.insert(fgd.0, at: sequence.count / 2)
        sequence.append(fgd.0)
        let facilitators = plan.facilitators
        var refs: [(SessionRef, String)] = []
        for (date, module) in zip(dates, sequence) {
            let ref = try Curriculum.planSession(
                SessionPlan(cohortCode: cohort, moduleName: module, date: date, startTime: "09:00",
                            durationMinutes: module == fgd.0 ? 90 : 150,
                            facilitators: module == fgd.0 ? [facilitators[0]] : Array(facilitators.suffix(1)),
                            location: plan.location), in: setup)
            refs.append((ref, module))
        }
        // One session moves two days for a holiday; one is cancelled (a flood, a clash with posyandu).
        let moved = refs[dates.count / 3].0
        try Curriculum.moveSession(moved, to: dates[dates.count / 3].adding(days: 2), reason: "Hari libur nasional", in: setup)
        let cancelled = refs[2 * dates.count / 3].0
        try Curriculum.cancelSession(cancelled, reason: random.pick(["Banjir di jalan desa", "Bentrok dengan jadwal posyandu"]),
                                     in: setup)

        let held = try Curriculum.sessions(cohortCode: cohort, in: setup).filter { $0.status == .planned && $0.date <= DemoScenario.today }
        let lastTwo = Set(held.suffix(2).map(\.number))
        for session in held {
            let ref = SessionRef(cohort: cohort, number: session.number)
            var marks: [(code: String, mark: AttendanceMark)] = []
            for code in members {
                if let (_, left) = leavers[code], session.date > left { continue }
                let roll = random.int(1...100)
                let leaving = leavers[code].map { session.date.dayNumber > $0.1.dayNumber - 21 } ?? false
                let mark: AttendanceMark
                if code == wobbly && lastTwo.contains(session.number) {
                    mark = roll <= 30 ? .excused : .absent
                } else if leaving {
                    mark = roll <= 25 ? .present : .absent
                } else {
                    mark = roll <= 84 ? .present : roll <= 92 ? .late : roll <= 96 ? .excused : .absent
                }
                if mark != .present { marks.append((code, mark)) }
            }
            try Attendance.record(ref, allPresent: true, marks: marks, in: workspace(session.date))
        }

        // Skills: pre at a module's first held session, post at its last once none is left to hold.
        let calendar = try Curriculum.sessions(cohortCode: cohort, in: setup)
        for (name, _) in plan.modules {
            let mine = calendar.filter { $0.module == name && $0.status != .cancelled }
            guard let first = mine.first, first.status == .held else { continue }
            let finished = mine.allSatisfy { $0.status == .held }
            for code in members {
                if let (_, left) = leavers[code], first.date > left { continue }
                let pre = random.int(20...60)
                try Assessments.record(cohortCode: cohort, moduleName: name, survivorCode: code, phase: .pre,
                                       score: .points(pre), on: first.date, in: workspace(first.date))
                guard finished, let last = mine.last, leavers[code].map({ last.date <= $0.1 }) ?? true else { continue }
                let post = min(100, pre + random.int(5...40))
                try Assessments.record(cohortCode: cohort, moduleName: name, survivorCode: code, phase: .post,
                                       score: .points(post), on: last.date, in: workspace(last.date))
            }
        }
    }

    private static func makeRegistration(_ shape: DemoScenario.SiteShape, siteCode: String, registered: DayDate,
                                         random: inout SeededGenerator, usedNames: inout Set<String>,
                                         usedNIKs: inout Set<String>) -> Registration {
        let plan = shape.cohort
        let birthYear = registered.year - random.int(plan.ageRange)
        var fullName: String
        repeat {
            fullName = random.pick(shape.firstNames) + " " + random.pick(shape.lastNames)
            if usedNames.contains(NameNormalizer.normalise(fullName) + "|\(birthYear)") {
                fullName = random.pick(shape.firstNames) + " " + random.pick(shape.firstNames) + " " + random.pick(shape.lastNames)
            }
        } while usedNames.contains(NameNormalizer.normalise(fullName) + "|\(birthYear)")
        usedNames.insert(NameNormalizer.normalise(fullName) + "|\(birthYear)")

        let birthMonth = random.int(1...12)
        let birthDay = random.int(1...DayDate.daysIn(month: birthMonth, year: birthYear))
        let district = String(format: "%02d", random.int(1...shape.districts))
        var nik: String
        repeat {
            nik = shape.regionCode + district + String(format: "%02d%02d%02d", birthDay + 40, birthMonth, birthYear % 100)
                + String(format: "%04d", random.int(1...9999))
        } while usedNIKs.contains(nik)
        usedNIKs.insert(nik)
        let kk = shape.regionCode + district + String(format: "%02d%02d%02d", random.int(1...28), random.int(1...12),
                                                      random.int(10...24)) + String(format: "%04d", random.int(1...9999))
        let phone = random.pick(["0812", "0813", "0821", "0822", "0852", "0857", "0878"])
            + String(format: "%04d%04d", random.int(0...9999), random.int(0...9999))
        let address = "\(random.pick(shape.streets)) No. \(random.int(1...120)), RT \(String(format: "%02d", random.int(1...12)))"
            + "/RW \(String(format: "%02d", random.int(1...8))), \(random.pick(shape.villages)), \(shape.regency)"
        let destination = random.pick(plan.destinations)
        let returned = registered.adding(days: -random.int(60...900))
        let household = random.int(2...7)
        let marital = random.pick([MaritalStatus.married, .married, .divorced, .widowed, .single])
        let story = destination == "ID"
            ? "Dieksploitasi di dalam negeri; dirujuk setelah pendampingan hukum."
            : "Kembali dari \(destination) pada \(returned.year); dokumen sempat ditahan agen."
        let profile = SurvivorProfile(
            sex: .female, birthYear: birthYear, education: random.pick(plan.education), maritalStatus: marital,
            householdSize: household, dependants: random.int(0...(household - 1)), originProvince: shape.province,
            originRegency: shape.regency, destinationCountry: destination, returnDate: returned,
            referralSource: random.pick(plan.referrals), occupation: random.pick(plan.occupations),
            baselineIncome: Rupiah(Int64(random.int(plan.incomeRange)) * 100_000), caseStage: .assessment)
        let identity = SurvivorIdentity(fullName: fullName, nik: nik, kkNumber: kk, phone: phone, address: address,
                                        caseNotes: story)
        return Registration(siteCode: siteCode, profile: profile, exploitationTypes: Set(random.pick(plan.exploitation)),
                            identity: identity, dataConsentOn: registered,
                            mediaConsentOn: random.chance(60) ? registered : nil)
    }

    /// A workspace standing on `day` at `hour`: each demo step happens on its own day with a
    /// fixed clock, so even the audit log is the same for the same seed.
    static func demoWorkspace(database: AppDatabase, vault: Result<IdentityVault, AccessError>, actor: String,
                              on day: DayDate, hour: Int) throws -> Workspace {
        let instant = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86_400 + hour * 3600))
        return try Workspace(database: database, vault: vault, actor: actor, today: day, clock: { instant })
    }

    /// Site copies for `--scale`: MDN, then MDNA, MDNB ... MDNZ, MDNAA ...
    static func copySuffix(_ copy: Int) -> String {
        guard copy > 0 else { return "" }
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let index = copy - 1
        return index < 26 ? String(letters[index]) : String(letters[index / 26 - 1]) + String(letters[index % 26])
    }
}

public enum DemoError: UserFacingError, Equatable {
    case wouldReplaceRealDatabase(path: String)

    public var message: Localized {
        switch self {
        case let .wouldReplaceRealDatabase(path):
            Localized(id: "\(path) adalah basis data sungguhan, bukan demo; demo tidak akan menimpanya.",
                      en: "\(path) is a real database, not a demo; the demo will not replace it.")
        }
    }

    public var hint: Localized? {
        Localized(id: "Pilih berkas lain dengan --db, misalnya --db demo.sqlite.",
                  en: "Choose another file with --db, for example --db demo.sqlite.")
    }
}
