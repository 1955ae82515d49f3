import GRDB

/// What reports may know about a survivor: no name, no number, nothing that identifies her
/// alone. Stored in plain columns of `survivor`, so counts and breakdowns need no key.
public struct SurvivorProfile: Codable, Sendable, Equatable, FetchableRecord, EncodableRecord {
    public var sex: Sex
    public var birthYear: Int?
    public var education: EducationLevel?
    public var maritalStatus: MaritalStatus?
    public var householdSize: Int?
    public var dependants: Int?
    public var originProvince: String?
    public var originRegency: String?
    /// ISO 3166 alpha-2 code of the country she was taken to (MY, SA, KH ...); ID for inside Indonesia.
    public var destinationCountry: String?
    public var returnDate: DayDate?
    public var referralSource: ReferralSource?
    public var occupation: String?
    /// Monthly household income at registration, in whole rupiah.
    public var baselineIncome: Rupiah?
    public var caseStage: CaseStage

    /// Takes the fields as typed; registration checks them.
    public init(sex: Sex, birthYear: Int? = nil, education: EducationLevel? = nil,
                maritalStatus: MaritalStatus? = nil, householdSize: Int? = nil, dependants: Int? = nil,
                originProvince: String? = nil, originRegency: String? = nil, destinationCountry: String? = nil,
                returnDate: DayDate? = nil, referralSource: ReferralSource? = nil, occupation: String? = nil,
                baselineIncome: Rupiah? = nil, caseStage: CaseStage = .engagement) {
        self.sex = sex
        self.birthYear = birthYear
        self.education = education
        self.maritalStatus = maritalStatus
        self.householdSize = householdSize
        self.dependants = dependants
        self.originProvince = originProvince
        self.originRegency = originRegency
        self.destinationCountry = destinationCountry
        self.returnDate = returnDate
        self.referralSource = referralSource
        self.occupation = occupation
        self.baselineIncome = baselineIncome
        self.caseStage = caseStage
    }

    /// Checks every field against `today`; returns the profile as it will be stored.
    func validated(today: DayDate) throws -> SurvivorProfile {
        var clean = self
        if let birthYear, !((today.year - 100)...today.year).contains(birthYear) {
            throw InputError.outOfRange(field: "tahun lahir / birth year", value: birthYear,
                                        range: (today.year - 100)...today.year)
        }
        if let householdSize, !(1...30).contains(householdSize) {
            throw InputError.outOfRange(field: "jumlah anggota rumah tangga / household size",
                                        value: householdSize, range: 1...30)
        }
        if let dependants, !(0...30).contains(dependants) {
            throw InputError.outOfRange(field: "tanggungan / dependants", value: dependants, range: 0...30)
        }
        clean.originProvince = try Text.optional(originProvince, field: "provinsi asal / origin province", limit: 80)
        clean.originRegency = try Text.optional(originRegency, field: "kabupaten asal / origin regency", limit: 80)
        clean.occupation = try Text.optional(occupation, field: "pekerjaan / occupation", limit: 80)
        if let country = try Text.optional(destinationCountry, field: "negara tujuan / destination country", limit: 2) {
            let upper = country.uppercased()
            guard upper.count == 2, upper.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw ParticipantsError.invalidCountry(country)
            }
            clean.destinationCountry = upper
        } else {
            clean.destinationCountry = nil
        }
        try returnDate?.requireNotAfter(today, field: "tanggal kepulangan / return date")
        if let baselineIncome, baselineIncome.amount < 0 {
            throw InputError.negativeAmount(field: "pendapatan awal / baseline income")
        }
        return clean
    }
}
