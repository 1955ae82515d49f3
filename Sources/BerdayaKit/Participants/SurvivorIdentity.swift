/// The fields that identify a survivor. They exist in plain text only in memory: at rest they
/// are sealed by `IdentityVault`, and no report, list or log ever holds them.
public struct SurvivorIdentity: Codable, Sendable, Equatable {
    public var fullName: String
    public var nik: String?
    public var kkNumber: String?
    public var phone: String?
    public var address: String?
    public var caseNotes: String?

    /// Takes the fields as typed; registration checks and tidies them before sealing.
    public init(fullName: String, nik: String? = nil, kkNumber: String? = nil, phone: String? = nil,
                address: String? = nil, caseNotes: String? = nil) {
        self.fullName = fullName
        self.nik = nik
        self.kkNumber = kkNumber
        self.phone = phone
        self.address = address
        self.caseNotes = caseNotes
    }

    /// Checks and tidies every field; the NIK against the recorded sex and birth year.
    /// Returns the identity as it will be stored and the parsed NIK, if any.
    func validated(sex: Sex, birthYear: Int?, today: DayDate) throws -> (SurvivorIdentity, NIK?) {
        var clean = self
        clean.fullName = try Text.required(fullName, field: "nama lengkap / full name", limit: 120)
        let nik = try Text.optional(nik, field: "NIK", limit: 40)
            .map { try NIK(validating: $0, sex: sex, birthYear: birthYear, today: today) }
        clean.nik = nik?.digits
        if let kk = try Text.optional(kkNumber, field: "KK", limit: 40) {
            let digits = kk.filter { $0 != " " && $0 != "." }
            guard digits.count == 16, digits.allSatisfy(\.isASCIIDigit),
                  let province = Int(digits.prefix(2)), NIK.provinceCodes.contains(province)
            else { throw ParticipantsError.invalidKK }
            clean.kkNumber = digits
        } else {
            clean.kkNumber = nil
        }
        if let phone = try Text.optional(phone, field: "telepon / phone", limit: 30) {
            let compact = phone.filter { !" -().".contains($0) }
            let digits = compact.hasPrefix("+") ? String(compact.dropFirst()) : compact
            guard (8...15).contains(digits.count), digits.allSatisfy(\.isASCIIDigit) else {
                throw ParticipantsError.invalidPhone
            }
            clean.phone = compact
        } else {
            clean.phone = nil
        }
        clean.address = try Text.optional(address, field: "alamat / address", limit: 300)
        clean.caseNotes = try Text.optional(caseNotes, field: "catatan kasus / case notes", limit: 10_000)
        return (clean, nik)
    }
}
