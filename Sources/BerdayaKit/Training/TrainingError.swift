/// Refusals of trainings, attendance and assessments.
public enum TrainingError: UserFacingError, Equatable {
    case moduleExists(cohort: String, name: String)
    case unknownModule(cohort: String, name: String)
    case invalidSessionRef(String)
    case unknownSession(String)
    case sessionOutsideCohort(date: DayDate, start: DayDate, end: DayDate)
    case invalidTime(String)
    case sessionCancelled(String)
    case sessionInFuture(String, date: DayDate)
    case sessionAlreadyHeld(String)
    case notEnrolledOnDate(survivor: String, session: String, date: DayDate)
    case markedTwice(survivor: String)
    case correctionNeedsReason(survivors: [String])
    case nothingToMark
    case invalidRubric(level: Int, levels: Int)
    case assessmentExists(survivor: String, module: String, phase: AssessmentPhase)

    public var message: Localized {
        switch self {
        case let .moduleExists(cohort, name):
            Localized(id: "Modul '\(name)' sudah ada di \(cohort).", en: "The module '\(name)' already exists in \(cohort).")
        case let .unknownModule(cohort, name):
            Localized(id: "Modul '\(name)' tidak ada di \(cohort).", en: "There is no module '\(name)' in \(cohort).")
        case let .invalidSessionRef(text):
            Localized(id: "'\(text)' bukan rujukan sesi; tulis KODE-KELOMPOK/NOMOR, mis. MDN-2025-1/3.",
                      en: "'\(text)' is not a session reference; write COHORT-CODE/NUMBER, e.g. MDN-2025-1/3.")
        case let .unknownSession(ref):
            Localized(id: "Sesi \(ref) tidak ada.", en: "There is no session \(ref).")
        case let .sessionOutsideCohort(date, start, end):
            Localized(id: "Tanggal sesi \(date) di luar masa kelompok (\(start) – \(end)).",
                      en: "The session date \(date) is outside the cohort's dates (\(start) – \(end)).")
        case let .invalidTime(text):
            Localized(id: "Jam '\(text)' tidak sah; tulis JJ:MM, mis. 09:00.", en: "The time '\(text)' is not valid; write HH:MM, e.g. 09:00.")
        case let .sessionCancelled(ref):
            Localized(id: "Sesi \(ref) dibatalkan; tidak ada kehadiran untuknya.", en: "Session \(ref) was cancelled; it has no attendance.")
        case let .sessionInFuture(ref, date):
            Localized(id: "Sesi \(ref) baru pada \(date); kehadiran dicatat setelah sesi berlangsung.",
                      en: "Session \(ref) is on \(date); attendance is taken once it has happened.")
        case let .sessionAlreadyHeld(ref):
            Localized(id: "Sesi \(ref) sudah terlaksana; tidak bisa dipindah atau dibatalkan.",
                      en: "Session \(ref) was already held; it cannot be moved or cancelled.")
        case let .notEnrolledOnDate(survivor, session, date):
            Localized(id: "\(survivor) tidak terdaftar di kelompok pada \(date) (sesi \(session)).",
                      en: "\(survivor) was not enrolled in the cohort on \(date) (session \(session)).")
        case let .markedTwice(survivor):
            Localized(id: "\(survivor) disebut dua kali dengan tanda berbeda.", en: "\(survivor) is named twice with different marks.")
        case let .correctionNeedsReason(survivors):
            Localized(id: "Kehadiran \(survivors.joined(separator: ", ")) sudah tercatat; mengubahnya adalah koreksi dan perlu alasan.",
                      en: "Attendance of \(survivors.joined(separator: ", ")) is already recorded; changing it is a correction and needs a reason.")
        case .nothingToMark:
            Localized(id: "Tidak ada kehadiran yang dicatat.", en: "No attendance was given.")
        case let .invalidRubric(level, levels):
            Localized(id: "Level rubrik \(level) dari \(levels) tidak sah (level 1 sampai jumlah level, 2-10 level).",
                      en: "Rubric level \(level) of \(levels) is not valid (levels 1 to the number of levels, 2-10 levels).")
        case let .assessmentExists(survivor, module, phase):
            Localized(id: "Nilai \(phase.label.id) \(survivor) untuk '\(module)' sudah ada.",
                      en: "\(survivor) already has a \(phase.label.en) score for '\(module)'.")
        }
    }

    /// The attendance form's words for a correction without its reason.
    public var formHint: Localized? {
        switch self {
        case .correctionNeedsReason:
            Localized(id: "Isi \"Alasan perubahan\" di bawah daftar, lalu simpan lagi; koreksi dicatat beserta tanda lama dan baru.",
                      en: "Fill in \"Reason for the change\" below the list, then save again; the correction is kept with the old and new mark.")
        default: Localized.inFormWords(hint)
        }
    }

    public var hint: Localized? {
        switch self {
        case .unknownModule:
            Localized(id: "Lihat modul dengan `berdaya training module list KODE-KELOMPOK`.",
                      en: "See the modules with `berdaya training module list COHORT-CODE`.")
        case .unknownSession:
            Localized(id: "Lihat sesi dengan `berdaya training session list KODE-KELOMPOK`.",
                      en: "See the sessions with `berdaya training session list COHORT-CODE`.")
        case .correctionNeedsReason:
            Localized(id: "Ulangi dengan --reason \"...\"; koreksi dicatat beserta tanda lama dan baru.",
                      en: "Repeat with --reason \"...\"; the correction is kept with the old and new mark.")
        case .assessmentExists:
            Localized(id: "Untuk membetulkan nilai, ulangi dengan --replace.", en: "To correct a score, repeat with --replace.")
        case .sessionInFuture:
            Localized(id: "Pindahkan tanggal sesi bila sesi diadakan lebih awal.", en: "Move the session if it took place earlier.")
        default: nil
        }
    }
}
