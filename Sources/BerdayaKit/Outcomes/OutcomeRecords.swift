import Foundation
import GRDB

/// The CIBEST spiritual items, each scored 1 to 5: prayer (shalat), fasting (puasa), giving
/// (zakat, infak, sedekah), the household environment, and the program's own fifth item.
public struct SpiritualScores: Codable, Sendable, Equatable {
    public var prayer: Int
    public var fasting: Int
    public var giving: Int
    public var environment: Int
    public var fifth: Int

    /// Takes the scores as given; a visit is refused when any is outside 1 to 5.
    public init(prayer: Int, fasting: Int, giving: Int, environment: Int, fifth: Int) {
        self.prayer = prayer
        self.fasting = fasting
        self.giving = giving
        self.environment = environment
        self.fifth = fifth
    }

    /// The same score for every item (tests, quick entry).
    public init(all score: Int) {
        self.init(prayer: score, fasting: score, giving: score, environment: score, fifth: score)
    }

    /// The five items' total, 5 to 25.
    public var sum: Int { prayer + fasting + giving + environment + fifth }
    /// Average of at least 3, decided on the whole-number sum (at least 15 of 25).
    public var meetsLine: Bool { sum >= 15 }
    /// For display only.
    public var average: Double { Double(sum) / 5 }

    func validate() throws {
        let items: [(String, Int)] = [("--prayer", prayer), ("--fasting", fasting), ("--giving", giving),
                                      ("--environment", environment), ("--fifth", fifth)]
        for (field, score) in items where !(1...5).contains(score) {
            throw InputError.outOfRange(field: field, value: score, range: 1...5)
        }
    }
}

/// A baseline or follow-up visit as stored. `needs` is what classified it when recorded.
public struct Visit: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var survivorId: Int64
    public var number: Int
    public var kind: VisitKind
    public var date: DayDate
    public var cohortId: Int64?
    /// Months after the cohort ended that this follow-up answers; nil for a baseline or an interim visit.
    public var round: Int?
    public var officer: String
    public var householdSize: Int
    /// Monthly household income, all sources together.
    public var income: Rupiah
    /// Monthly household needs: as stated, or the poverty line times the household size (see `needsBasis`).
    public var needs: Rupiah
    /// Where `needs` came from.
    public var needsBasis: NeedsBasis
    public var savings: Rupiah
    public var businessStatus: VisitBusinessStatus
    public var migration: MigrationIntention
    public var confidence: Int
    public var prayer: Int
    public var fasting: Int
    public var giving: Int
    public var environment: Int
    public var fifth: Int
    /// The officer's notes, sealed with the identity key and bound to this visit; nil without notes.
    public var sealedNotes: Data?
    public var recordedBy: String
    public var recordedOn: DayDate
    public var voidedOn: DayDate?
    public var voidReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The visit's five spiritual items as scores.
    public var spiritual: SpiritualScores {
        SpiritualScores(prayer: prayer, fasting: fasting, giving: giving, environment: environment, fifth: fifth)
    }

    /// Where the household stands: income at least its needs is materially not poor, spiritual
    /// scores meeting the line are spiritually not poor.
    public var quadrant: CibestQuadrant { CibestQuadrant(income: income, needs: needs, spiritual: spiritual) }
}

extension Visit {
    /// The table's columns, for requests that filter and sort Visit records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let survivorId = Column(CodingKeys.survivorId)
        static let number = Column(CodingKeys.number)
        static let kind = Column(CodingKeys.kind)
        static let date = Column(CodingKeys.date)
        static let cohortId = Column(CodingKeys.cohortId)
        static let round = Column(CodingKeys.round)
        static let officer = Column(CodingKeys.officer)
        static let householdSize = Column(CodingKeys.householdSize)
        static let income = Column(CodingKeys.income)
        static let needs = Column(CodingKeys.needs)
        static let needsBasis = Column(CodingKeys.needsBasis)
        static let savings = Column(CodingKeys.savings)
        static let businessStatus = Column(CodingKeys.businessStatus)
        static let migration = Column(CodingKeys.migration)
        static let confidence = Column(CodingKeys.confidence)
        static let prayer = Column(CodingKeys.prayer)
        static let fasting = Column(CodingKeys.fasting)
        static let giving = Column(CodingKeys.giving)
        static let environment = Column(CodingKeys.environment)
        static let fifth = Column(CodingKeys.fifth)
        static let sealedNotes = Column(CodingKeys.sealedNotes)
        static let recordedBy = Column(CodingKeys.recordedBy)
        static let recordedOn = Column(CodingKeys.recordedOn)
        static let voidedOn = Column(CodingKeys.voidedOn)
        static let voidReason = Column(CodingKeys.voidReason)
    }
}

/// Whether a visit's needs were stated by the household or taken from the poverty line.
public enum NeedsBasis: String, Choice {
    case stated, povertyLine = "poverty_line"

    public var label: Localized {
        switch self {
        case .stated: Localized(id: "dinyatakan", en: "stated")
        case .povertyLine: Localized(id: "garis kemiskinan × anggota rumah tangga", en: "poverty line × household size")
        }
    }
}

/// A visit's reference: the survivor's code and the visit's number, `KBM-0003/2`.
public struct VisitRef: Hashable, Sendable, CustomStringConvertible, Codable {
    public var survivor: String
    public var number: Int

    /// Her code is upper-cased, so `kbm-0003/2` names the same visit.
    public init(survivor: String, number: Int) {
        self.survivor = survivor.uppercased()
        self.number = number
    }

    /// Reads `KBM-0003/2`; refuses anything without one slash and a visit number of 1 or more.
    public init(parsing text: String) throws {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "/")
        guard parts.count == 2, let number = Int(parts[1]), number >= 1 else { throw OutcomesError.badVisitRef(text) }
        self.init(survivor: String(parts[0]), number: number)
    }

    public var description: String { "\(survivor)/\(number)" }

    /// Decodes the `KBM-0003/2` text `encode(to:)` writes, refusing a malformed one.
    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// The poverty line of a site in a year: rupiah per person per month.
public struct PovertyLine: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "poverty_line"
    public var siteId: Int64
    public var year: Int
    public var perPerson: Rupiah
    public var source: String?
    public var setOn: DayDate
}

extension PovertyLine {
    /// The table's columns, for requests that filter and sort PovertyLine records.
    public enum Columns {
        static let siteId = Column(CodingKeys.siteId)
        static let year = Column(CodingKeys.year)
        static let perPerson = Column(CodingKeys.perPerson)
        static let source = Column(CodingKeys.source)
        static let setOn = Column(CodingKeys.setOn)
    }
}

extension DerivableRequest<Visit> {
    /// The visits that stand: not voided.
    func standing() -> Self { filter { $0.voidedOn == nil } }

    /// The visits to one survivor's household.
    func of(survivorId: Int64?) -> Self { filter { $0.survivorId == survivorId } }
}
