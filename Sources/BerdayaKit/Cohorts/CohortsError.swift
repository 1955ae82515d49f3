/// Refusals of cohorts and enrolment.
public enum CohortsError: UserFacingError, Equatable {
    case unknownCohort(code: String)
    case invalidCohortCode(code: String)
    case cohortExists(code: String)
    case cohortCompleted(code: String)
    case alreadyEnrolled(survivor: String, cohort: String)
    case activeInSameProgram(survivor: String, otherCohort: String, program: String)
    case enrolmentAfterEnd(cohort: String, end: DayDate)
    case notEnrolled(survivor: String, cohort: String)
    case survivorErased(code: String)
    case statusBackwards(from: CohortStatus, to: CohortStatus)

    public var message: Localized {
        switch self {
        case let .unknownCohort(code):
            Localized(id: "Kelompok '\(code)' tidak dikenal.", en: "Unknown cohort '\(code)'.")
        case let .invalidCohortCode(code):
            Localized(id: "Kode kelompok '\(code)' tidak sah: 3-20 huruf kapital, angka atau tanda hubung.",
                      en: "The cohort code '\(code)' is not valid: use 3-20 capital letters, digits or dashes.")
        case let .cohortExists(code):
            Localized(id: "Kelompok \(code) sudah ada.", en: "The cohort \(code) already exists.")
        case let .cohortCompleted(code):
            Localized(id: "Kelompok \(code) sudah selesai; tidak bisa menerima peserta baru.",
                      en: "The cohort \(code) is completed; it takes no new members.")
        case let .alreadyEnrolled(survivor, cohort):
            Localized(id: "\(survivor) sudah terdaftar di kelompok \(cohort).",
                      en: "\(survivor) is already enrolled in \(cohort).")
        case let .activeInSameProgram(survivor, other, program):
            Localized(id: "\(survivor) masih terdaftar di kelompok \(other) dalam program yang sama (\(program)).",
                      en: "\(survivor) is still enrolled in \(other) in the same program (\(program)).")
        case let .enrolmentAfterEnd(cohort, end):
            Localized(id: "Kelompok \(cohort) berakhir \(end); pendaftaran sesudahnya tidak bisa.",
                      en: "The cohort \(cohort) ended on \(end); no enrolment after that.")
        case let .notEnrolled(survivor, cohort):
            Localized(id: "\(survivor) tidak sedang terdaftar di kelompok \(cohort).",
                      en: "\(survivor) is not currently enrolled in \(cohort).")
        case let .survivorErased(code):
            Localized(id: "Data \(code) telah dihapus atas penarikan persetujuan; ia tidak bisa didaftarkan lagi.",
                      en: "\(code) was erased when consent was withdrawn; she cannot be enrolled.")
        case let .statusBackwards(from, to):
            Localized(id: "Status kelompok tidak bisa kembali dari \(from.label.id) ke \(to.label.id).",
                      en: "A cohort's status cannot go back from \(from.label.en) to \(to.label.en).")
        }
    }

    public var hint: Localized? {
        switch self {
        case .unknownCohort:
            Localized(id: "Lihat kelompok yang ada dengan `berdaya cohort list`.",
                      en: "See the cohorts with `berdaya cohort list`.")
        case let .activeInSameProgram(survivor, other, _):
            Localized(id: "Catat dulu keluarnya dari \(other): `berdaya cohort exit \(other) \(survivor) --reason ... --date ...`.",
                      en: "Record her exit from \(other) first: `berdaya cohort exit \(other) \(survivor) --reason ... --date ...`.")
        case .alreadyEnrolled:
            Localized(id: "Lihat anggota dengan `berdaya cohort show KODE`.", en: "See the members with `berdaya cohort show CODE`.")
        default: nil
        }
    }
}
