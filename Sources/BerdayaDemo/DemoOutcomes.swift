import BerdayaKit
import Foundation

/// The demo's household visits: poverty lines per site, a baseline for every woman when she
/// enrols, and follow-ups 3, 6 and 12 months after a finished cohort whose incomes and
/// quadrants move the way real ones do: most up a little, some a lot, some not at all, a few down.
enum DemoOutcomes {
    /// Per person per month, rupiah: synthetic figures near the published BPS regency lines.
    static let povertyLines: [String: [Int: Int64]] = [
        "MDN": [2025: 724_000, 2026: 752_000],
        "KBM": [2025: 498_000, 2026: 521_000],
        "JBR": [2025: 468_000, 2026: 489_000],
    ]

    static let baselineNotes = [
        "Tinggal bersama ibu dan dua anak; suami bekerja serabutan.",
        "Masih membayar utang kepada sponsor; ingin usaha dari rumah.",
        "Anak sulung putus sekolah karena biaya; ibu ingin ia kembali sekolah.",
        "Sering cemas bila membicarakan pengalaman di luar negeri; dirujuk ke psikolog.",
        "Suami mendukung; mertua belum setuju ia berusaha sendiri.",
        "Tidak punya KTP elektronik sewaktu dijangkau; sudah diurus bersama pendamping desa.",
    ]
    static let followUpNotes = [
        "Pesanan naik menjelang Lebaran; mulai menabung di koperasi.",
        "Usaha jalan, tetapi modal habis untuk biaya berobat anak.",
        "Mengajak dua tetangga ikut memproduksi; lebih percaya diri berbicara di forum desa.",
        "Agen kembali menawarkan kerja ke luar negeri; sudah diingatkan tentang risikonya.",
        "Suami kembali bekerja; pendapatan rumah tangga lebih stabil.",
        "Usaha berhenti karena merawat orang tua yang sakit.",
    ]

    /// How the women's lives go, in turn down each cohort's list: most improve a little, some
    /// a lot, one stalls, one falls back (an illness, a husband out of work, an agent calling again).
    static let paths = ["steady", "thriving", "declining", "steady", "thriving", "stalled", "steady"]

    static func setPovertyLines(site: String, shape: String, in workspace: Workspace) throws {
        // In year order: a dictionary's own order changes from one process to the next.
        for (year, perPerson) in (povertyLines[shape] ?? [:]).sorted(by: { $0.key < $1.key }) {
            try Visits.setPovertyLine(siteCode: site, year: year, perPerson: Rupiah(perPerson),
                                      source: "Angka contoh (sintetis), mengikuti garis kemiskinan BPS", in: workspace)
        }
    }

    /// A woman's baseline on the day she enrols: her household's income as she reported it at
    /// registration, sometimes with social assistance, the needs from the poverty line.
    static func baseline(code: String, household: Int, income: Rupiah, officer: String, on day: DayDate,
                         in workspace: Workspace, random: inout SeededGenerator) throws {
        var lines = [IncomeLine(source: random.pick([.wage, .wage, .farming, .other]), amount: income)]
        if random.chance(40) { lines.append(IncomeLine(source: .socialAssistance, amount: Rupiah(Int64(random.pick([200_000, 225_000, 300_000]))))) }
        if random.chance(15) { lines.append(IncomeLine(source: .remittance, amount: Rupiah(Int64(random.int(3...8)) * 100_000))) }
        let level = random.pick([2, 3, 3, 3, 4, 4])
        try Visits.record(VisitInput(survivorCode: code, kind: .baseline, date: day, officer: officer, householdSize: household,
                                     incomes: lines, savings: Rupiah(Int64(random.pick([0, 0, 0, 50_000, 150_000]))),
                                     migration: random.pick([.none, .none, .none, .considering, .considering, .planning]),
                                     confidence: random.int(1...3), spiritual: spiritual(around: level, random: &random),
                                     notes: random.chance(60) ? random.pick(baselineNotes) : nil), in: workspace)
    }

    /// Follow-ups for the finished cohorts of one demo copy, round by round as they fell due.
    static func followUps(cohorts: [String: String], database: AppDatabase,
                          vault: Result<IdentityVault, AccessError>, random: inout SeededGenerator) throws {
        // Read through the services, as the command line reads: no figure read depends on this day.
        let reader = try DemoBuilder.demoWorkspace(database: database, vault: vault, actor: "pendamping",
                                                   on: DemoScenario.today, hour: 15)
        for (_, cohortCode) in cohorts.sorted(by: { $0.key < $1.key }) {
            let cohort = try Cohorts.details(code: cohortCode, in: reader)
            guard cohort.endDate < DemoScenario.today else { continue }
            let erased = Set(try Registry.list(in: reader, cohortCode: cohortCode).filter(\.erased).map(\.code))
            let reachable = cohort.members.filter { !erased.contains($0.code) && $0.exitReason != .reMigrated }
            for (index, member) in reachable.enumerated() {
                let code = member.code
                guard let baseline = try Visits.list(survivorCode: code, in: reader).first(where: { $0.kind == .baseline })
                else { continue }
                // Her household's main earning from before the program goes on, from the same source.
                let main = baseline.incomes.first { [.wage, .farming, .other].contains($0.source) }
                let mainSource = main?.source ?? .wage
                let mainAmount = main?.amount.amount ?? 0
                // How her life goes: most improve a little, some a lot, some stall, a few fall back.
                let path = paths[index % paths.count]
                var household = baseline.householdSize
                var spirit = baseline.spiritual
                var confidence = baseline.confidence
                let rounds = FollowUpSchedule.defaultMonths
                for (step, month) in rounds.enumerated() {
                    let due = cohort.endDate.adding(months: month)
                    guard due <= DemoScenario.today else { break }
                    // The last woman on each list could not be reached for her latest round; a few miss one by chance.
                    if index == reachable.count - 1 && (step == rounds.count - 1 || cohort.endDate.adding(months: rounds[step + 1]) > DemoScenario.today) { break }
                    if random.chance(5) { continue }
                    let day = min(DemoScenario.today, due.adding(days: random.int(-7...14)))
                    let business = try Visits.businessStatus(survivorCode: code, on: day, in: reader)
                    let progress = [60, 85, 100][min(step, 2)]
                    var lines: [IncomeLine] = []
                    let other = mainAmount * Int64(path == "declining" ? 70 : path == "stalled" ? 100 : 100 + 5 * (step + 1)) / 100
                    if other > 0 { lines.append(IncomeLine(source: mainSource, amount: DemoEnterprise.round(other))) }
                    if business == .active && path != "declining" {
                        let earned: Int64 = switch path {
                        case "thriving": Int64(random.int(12...28)) * 100_000
                        case "steady": Int64(random.int(5...11)) * 100_000
                        default: Int64(random.int(1...4)) * 100_000
                        }
                        lines.append(IncomeLine(source: .business, amount: DemoEnterprise.round(earned * Int64(progress) / 100)))
                    }
                    if random.chance(30) { lines.append(IncomeLine(source: .socialAssistance, amount: Rupiah(200_000))) }
                    if random.chance(10) { household = max(1, min(9, household + random.pick([-1, 1]))) }
                    switch path {
                    case "thriving", "steady":
                        // Group meetings and the psychologist's sessions steady the household too.
                        spirit = lift(spirit, random: &random)
                        if path == "thriving" { spirit = lift(spirit, random: &random) }
                        confidence = min(5, confidence + (random.chance(60) ? 1 : 0))
                    case "declining":
                        spirit.environment = max(1, spirit.environment - 1)
                        spirit.giving = max(1, spirit.giving - 1)
                        confidence = max(1, confidence - (random.chance(50) ? 1 : 0))
                    default: break
                    }
                    let migration: MigrationIntention = switch path {
                    case "thriving": .none
                    case "steady": baseline.migration == .planning ? .considering : random.chance(80) ? .none : baseline.migration
                    case "stalled": baseline.migration
                    default: random.pick([.considering, .planning])
                    }
                    let savings: Int64 = switch path {
                    case "thriving": Int64(random.int(5...30)) * 100_000
                    case "steady": Int64(random.int(1...8)) * 100_000
                    default: Int64(random.int(0...2)) * 100_000
                    }
                    let workspace = try DemoBuilder.demoWorkspace(database: database, vault: vault, actor: "pendamping", on: day, hour: 15)
                    try Visits.record(VisitInput(survivorCode: code, kind: .followUp, date: day, officer: cohort.facilitators.last,
                                                 householdSize: household, incomes: lines, savings: Rupiah(savings), businessStatus: business,
                                                 migration: migration, confidence: confidence, spiritual: spirit,
                                                 notes: random.chance(40) ? random.pick(followUpNotes) : nil, round: month), in: workspace)
                }
            }
        }
    }

    private static func spiritual(around level: Int, random: inout SeededGenerator) -> SpiritualScores {
        func item() -> Int { max(1, min(5, level + random.int(-1...1))) }
        return SpiritualScores(prayer: item(), fasting: item(), giving: item(), environment: item(), fifth: item())
    }

    /// One item up by one now and then: practice grows slowly.
    private static func lift(_ scores: SpiritualScores, random: inout SeededGenerator) -> SpiritualScores {
        var s = scores
        guard random.chance(70) else { return s }
        switch random.int(0...4) {
        case 0: s.prayer = min(5, s.prayer + 1)
        case 1: s.fasting = min(5, s.fasting + 1)
        case 2: s.giving = min(5, s.giving + 1)
        case 3: s.environment = min(5, s.environment + 1)
        default: s.fifth = min(5, s.fifth + 1)
        }
        return s
    }
}
