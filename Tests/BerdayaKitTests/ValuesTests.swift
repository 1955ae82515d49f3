import Testing
@testable import BerdayaKit

@Suite struct DayDateTests {
    @Test func parsesAndPrintsIsoDates() throws {
        let date = try DayDate(validating: "2024-02-29", field: "d")
        #expect(date.description == "2024-02-29")
        #expect(date.adding(days: 1).description == "2024-03-01")
        #expect(DayDate(year: 2025, month: 1, day: 31)!.adding(months: 1).description == "2025-02-28")
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-1-1", "14/03/2025", "", "2025-04-31"])
    func refusesImpossibleDates(_ text: String) {
        #expect(throws: InputError.self) { try DayDate(validating: text, field: "d") }
    }

    @Test func dayNumbersRoundTrip() {
        for number in stride(from: -1000, to: 40000, by: 37) {
            #expect(DayDate(dayNumber: number).dayNumber == number)
        }
        #expect(DayDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
    }
}

@Suite struct RupiahTests {
    @Test(arguments: [("1250000", 1_250_000), ("1.250.000", 1_250_000), ("Rp 1.250.000", 1_250_000),
                      ("IDR 1,250,000", 1_250_000), ("0", 0), ("500", 500)])
    func parsesWhatUsersType(_ text: String, _ amount: Int64) throws {
        #expect(try Rupiah(parsing: text, field: "x").amount == amount)
    }

    @Test(arguments: ["1.250,50", "12.50", "1.2.3", "abc", "", "1.25.000", "Rp"])
    func refusesDecimalsAndMalformedGroups(_ text: String) {
        #expect(throws: InputError.self) { try Rupiah(parsing: text, field: "x") }
    }

    @Test func formatsInBothLanguages() {
        #expect(Rupiah(1_250_000).formatted(.id) == "Rp 1.250.000")
        #expect(Rupiah(1_250_000).formatted(.en) == "IDR 1,250,000")
        #expect(Rupiah(-500).formatted(.id) == "-Rp 500")
        #expect(Rupiah(999).formatted(.en) == "IDR 999")
    }
}

@Suite struct NIKTests {
    let today = DayDate(year: 2026, month: 1, day: 15)!

    @Test func acceptsAWomansNIKAndReadsHerBirthDate() throws {
        let nik = try NIK(validating: "3305 1054 1284 0001", sex: .female, birthYear: 1984, today: today)
        #expect(nik.digits == "3305105412840001")
        #expect(nik.sex == .female)
        #expect(nik.birthDay == 14 && nik.birthMonth == 12)
        #expect(nik.likelyBirthYear(today: today) == 1984)
        #expect(nik.regionCode == "330510")
    }

    @Test func acceptsAMansNIKAndAYoungWomanBornThisCentury() throws {
        #expect(try NIK(validating: "1271030507900002", sex: .male, today: today).sex == .male)
        let young = try NIK(validating: "3509014102050003", today: today)
        #expect(young.likelyBirthYear(today: today) == 2005)
    }

    @Test(arguments: [
        ("330510541284000", NIKError.wrongLength(15)),
        ("33051054128400012", NIKError.wrongLength(17)),
        ("3305A05412840001", NIKError.notDigits),
        ("9905105412840001", NIKError.unknownProvince(99)),
        ("3300105412840001", NIKError.invalidRegency(3300)),
        ("3305005412840001", NIKError.invalidDistrict(330500)),
        ("3305103512840001", NIKError.invalidBirthDay(35)),
        ("3305107512840001", NIKError.invalidBirthDay(75)),
        ("3305105413840001", NIKError.invalidBirthMonth(13)),
        ("3305107102850001", NIKError.impossibleBirthDate(day: 31, month: 2, year: 85)),
        ("3305105412840000", NIKError.invalidSerial),
    ])
    func namesThePartThatIsWrong(_ text: String, _ expected: NIKError) {
        #expect(throws: expected) { try NIK(validating: text, today: today) }
    }

    @Test func checksTheRecordedSexAndBirthYear() {
        #expect(throws: NIKError.sexMismatch(nikSays: .female, recorded: .male)) {
            try NIK(validating: "3305105412840001", sex: .male, today: today)
        }
        #expect(throws: NIKError.birthYearMismatch(nikYear: 84, recorded: 1985)) {
            try NIK(validating: "3305105412840001", birthYear: 1985, today: today)
        }
        #expect(throws: NIKError.birthDateInFuture) {
            try NIK(validating: "3305105412260001", birthYear: 2026, today: today)
        }
    }

    @Test func everyNIKErrorSaysWhichDigitsAreWrongInBothLanguages() {
        let error = NIKError.invalidBirthMonth(13)
        #expect(error.message(.id).contains("digit 9-10"))
        #expect(error.message(.en).contains("digits 9-10"))
    }
}

@Suite struct NameNormalizerTests {
    @Test func foldsCaseSpacingAndAccents() {
        #expect(NameNormalizer.normalise("  Siti   AMINAH ") == "siti aminah")
        #expect(NameNormalizer.normalise("Sri Wahyuní") == NameNormalizer.normalise("sri wahyuni"))
        #expect(NameNormalizer.normalise("Rosdiana br. Sitorus") == "rosdiana br sitorus")
    }
}
