/// Refusals of visits, poverty lines and follow-up schedules: each says what is wrong, and
/// nothing is written.
public enum OutcomesError: UserFacingError, Equatable {
    case badVisitRef(String)
    case unknownVisit(String)
    case noBaseline(survivor: String)
    case baselineExists(survivor: String, ref: String)
    case followUpBeforeBaseline(survivor: String, baseline: DayDate, date: DayDate)
    case baselineAfterFollowUp(survivor: String, followUp: DayDate)
    case noNeeds(site: String, year: Int)
    case incomeNeeded
    case badIncome(String)
    case duplicateSource(IncomeSource)
    case noCohortEnded(survivor: String)
    case roundNotInSchedule(round: Int, program: String, schedule: [Int])
    case roundDone(round: Int, cohort: String, ref: String)
    case badSchedule(String)
    case alreadyVoided(String)
    case reasonNeeded
    case bothAsOfAndPeriod
    case unknownProgram(String)

    public var message: Localized {
        switch self {
        case let .badVisitRef(text):
            Localized(id: "'\(text)' bukan rujukan kunjungan.", en: "'\(text)' is not a visit reference.")
        case let .unknownVisit(ref):
            Localized(id: "Kunjungan \(ref) tidak ada.", en: "There is no visit \(ref).")
        case let .noBaseline(survivor):
            Localized(id: "\(survivor) belum punya kunjungan awal (baseline); kunjungan tindak lanjut perlu pembanding.",
                      en: "\(survivor) has no baseline visit yet; a follow-up needs something to compare with.")
        case let .baselineExists(survivor, ref):
            Localized(id: "\(survivor) sudah punya kunjungan awal (\(ref)).", en: "\(survivor) already has a baseline visit (\(ref)).")
        case let .followUpBeforeBaseline(survivor, baseline, date):
            Localized(id: "Kunjungan tindak lanjut \(survivor) pada \(date) tidak boleh pada atau sebelum kunjungan awal (\(baseline)).",
                      en: "A follow-up of \(survivor) on \(date) cannot be on or before her baseline (\(baseline)).")
        case let .baselineAfterFollowUp(survivor, followUp):
            Localized(id: "Kunjungan awal \(survivor) harus sebelum kunjungan tindak lanjutnya (\(followUp)).",
                      en: "\(survivor)'s baseline must come before her follow-up (\(followUp)).")
        case let .noNeeds(site, year):
            Localized(id: "Kebutuhan rumah tangga tidak diisi, dan garis kemiskinan situs \(site) tahun \(year) belum dicatat.",
                      en: "No household needs were given, and no poverty line is recorded for site \(site) in \(year).")
        case .incomeNeeded:
            Localized(id: "Pendapatan rumah tangga per bulan belum diisi.", en: "The household's monthly income is missing.")
        case let .badIncome(text):
            Localized(id: "'\(text)' bukan pendapatan yang dikenali.", en: "'\(text)' is not an income this understands.")
        case let .duplicateSource(source):
            Localized(id: "Sumber pendapatan '\(source.rawValue)' disebut dua kali.", en: "Income source '\(source.rawValue)' is given twice.")
        case let .noCohortEnded(survivor):
            Localized(id: "\(survivor) belum menyelesaikan angkatan mana pun, jadi kunjungan ini tidak menjawab putaran tindak lanjut.",
                      en: "No cohort of \(survivor)'s has ended yet, so this visit answers no follow-up round.")
        case let .roundNotInSchedule(round, program, schedule):
            Localized(id: "Putaran \(round) bulan tidak ada dalam jadwal program '\(program)' (\(schedule.map(String.init).joined(separator: ", ")) bulan).",
                      en: "A \(round)-month round is not in the schedule of program '\(program)' (\(schedule.map(String.init).joined(separator: ", ")) months).")
        case let .roundDone(round, cohort, ref):
            Localized(id: "Putaran \(round) bulan angkatan \(cohort) sudah dijawab oleh kunjungan \(ref).",
                      en: "The \(round)-month round of cohort \(cohort) is already answered by visit \(ref).")
        case let .badSchedule(text):
            Localized(id: "Jadwal '\(text)' tidak dikenali.", en: "Schedule '\(text)' is not understood.")
        case let .alreadyVoided(ref):
            Localized(id: "Kunjungan \(ref) sudah dibatalkan.", en: "Visit \(ref) is already voided.")
        case .reasonNeeded:
            Localized(id: "Alasan pembatalan wajib diisi.", en: "A reason for the void is needed.")
        case let .unknownProgram(program):
            Localized(id: "Tidak ada angkatan dalam program '\(program)'.", en: "No cohort belongs to program '\(program)'.")
        case .bothAsOfAndPeriod:
            Localized(id: "Pilih salah satu: --as-of atau --period.", en: "Choose one of --as-of and --period.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .badVisitRef, .unknownVisit:
            Localized(id: "Rujukan kunjungan berbentuk KODE/NOMOR, mis. KBM-0003/2; lihat 'berdaya visit list --survivor KBM-0003'.",
                      en: "A visit reference reads CODE/NUMBER, e.g. KBM-0003/2; see 'berdaya visit list --survivor KBM-0003'.")
        case .noBaseline:
            Localized(id: "Catat dulu: berdaya visit baseline KODE ...", en: "Record one first: berdaya visit baseline CODE ...")
        case .baselineExists:
            Localized(id: "Jika kunjungan awal itu salah, batalkan dengan 'berdaya visit void' lalu catat lagi.",
                      en: "If that baseline is wrong, void it with 'berdaya visit void' and record it again.")
        case .followUpBeforeBaseline, .baselineAfterFollowUp:
            Localized(id: "Periksa tanggal kunjungan.", en: "Check the visit's date.")
        case .noNeeds:
            Localized(id: "Isi --needs, atau catat garis kemiskinan: berdaya visit poverty-line --site KODE --year TAHUN --per-person RUPIAH",
                      en: "Give --needs, or record the poverty line: berdaya visit poverty-line --site CODE --year YEAR --per-person RUPIAH")
        case .incomeNeeded, .badIncome, .duplicateSource:
            Localized(id: "Tulis --income SUMBER=JUMLAH untuk tiap sumber (business, wage, farming, remittance, social_assistance, other), mis. --income business=1.200.000 --income wage=800.000; tanpa pendapatan: --income 0.",
                      en: "Write --income SOURCE=AMOUNT per source (business, wage, farming, remittance, social_assistance, other), e.g. --income business=1200000 --income wage=800000; no income at all: --income 0.")
        case .noCohortEnded:
            Localized(id: "Catat tanpa --round sebagai kunjungan antara.", en: "Record it without --round as an interim visit.")
        case .roundNotInSchedule, .badSchedule, .unknownProgram:
            Localized(id: "Jadwal ditulis sebagai bulan sesudah angkatan selesai, mis. --months 3,6,12; lihat 'berdaya visit schedule'.",
                      en: "A schedule is months after the cohort ends, e.g. --months 3,6,12; see 'berdaya visit schedule'.")
        case .roundDone:
            Localized(id: "Kunjungan ini dicatat tanpa --round akan menjadi kunjungan antara atau putaran berikutnya.",
                      en: "Without --round this visit counts for the next open round, or as an interim visit.")
        default: nil
        }
    }
}
