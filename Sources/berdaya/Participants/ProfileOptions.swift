import ArgumentParser
import BerdayaKit

/// The profile fields a report may use, as options shared by `register` and `update`.
struct ProfileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L("Jenis kelamin", "Sex", choices: Sex.self))) var sex: String?
    @Option(help: ArgumentHelp(L("Tahun lahir.", "Birth year."))) var birthYear: Int?
    @Option(help: ArgumentHelp(L("Pendidikan", "Education", choices: EducationLevel.self))) var education: String?
    @Option(help: ArgumentHelp(L("Status perkawinan", "Marital status", choices: MaritalStatus.self))) var maritalStatus: String?
    @Option(help: ArgumentHelp(L("Jumlah anggota rumah tangga (1-30).", "Household size (1-30)."))) var householdSize: Int?
    @Option(help: ArgumentHelp(L("Jumlah tanggungan.", "Number of dependants."))) var dependants: Int?
    @Option(help: ArgumentHelp(L("Provinsi asal.", "Province of origin."))) var originProvince: String?
    @Option(help: ArgumentHelp(L("Kabupaten/kota asal.", "Regency or city of origin."))) var originRegency: String?
    @Option(help: ArgumentHelp(L("Bentuk eksploitasi (boleh berulang atau dipisah koma)", "Exploitation type (repeat or separate by commas)", choices: ExploitationType.self)))
    var exploitation: [String] = []
    @Option(help: ArgumentHelp(L("Negara tujuan, kode ISO dua huruf (MY, SA, KH; ID bila di dalam negeri).",
                                 "Destination country, two-letter ISO code (MY, SA, KH; ID if inside Indonesia)."))) var destination: String?
    @Option(help: ArgumentHelp(L("Tanggal kepulangan (TTTT-BB-HH).", "Return date (YYYY-MM-DD)."))) var returnDate: String?
    @Option(help: ArgumentHelp(L("Sumber rujukan", "Referral source", choices: ReferralSource.self))) var referral: String?
    @Option(help: ArgumentHelp(L("Pekerjaan saat ini.", "Current occupation."))) var occupation: String?
    @Option(help: ArgumentHelp(L("Pendapatan rumah tangga per bulan saat awal, rupiah utuh (1.500.000).",
                                 "Baseline monthly household income, whole rupiah (1500000)."))) var baselineIncome: String?
    @Option(help: ArgumentHelp(L("Tahap kasus", "Case stage", choices: CaseStage.self))) var stage: String?

    /// The exploitation types given, or nil when none were named.
    func exploitationTypes() throws -> Set<ExploitationType>? {
        let names = exploitation.flatMap { $0.split(separator: ",").map(String.init) }
        guard !names.isEmpty else { return nil }
        return Set(try names.map { try ExploitationType(parsing: $0, field: "--exploitation") })
    }

    /// Writes every option given into `profile`; options not given leave fields as they are.
    func apply(to profile: inout SurvivorProfile, _ context: CommandContext) throws {
        if let value: Sex = try context.choice(sex, field: "--sex") { profile.sex = value }
        if let birthYear { profile.birthYear = birthYear }
        if let value: EducationLevel = try context.choice(education, field: "--education") { profile.education = value }
        if let value: MaritalStatus = try context.choice(maritalStatus, field: "--marital-status") { profile.maritalStatus = value }
        if let householdSize { profile.householdSize = householdSize }
        if let dependants { profile.dependants = dependants }
        if let originProvince { profile.originProvince = originProvince }
        if let originRegency { profile.originRegency = originRegency }
        if let destination { profile.destinationCountry = destination }
        if let date = try context.date(returnDate, field: "--return-date") { profile.returnDate = date }
        if let value: ReferralSource = try context.choice(referral, field: "--referral") { profile.referralSource = value }
        if let occupation { profile.occupation = occupation }
        if let baselineIncome { profile.baselineIncome = try Rupiah(parsing: baselineIncome, field: "--baseline-income") }
        if let value: CaseStage = try context.choice(stage, field: "--stage") { profile.caseStage = value }
    }
}
