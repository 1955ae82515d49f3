import Foundation
import GRDB

/// A survivor as the program knows her without the key: her pseudonymous code, her site and
/// her profile. Never deleted; erasure removes only her sealed identity.
public struct Survivor: Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var siteId: Int64
    public var serial: Int
    public var profile: SurvivorProfile
    public var registeredOn: DayDate
    public var erasedOn: DayDate?

    /// Reads the profile's columns from the same row, so a survivor is fetched in one query.
    public init(row: Row) throws {
        id = row[Columns.id]
        code = row[Columns.code]
        siteId = row[Columns.siteId]
        serial = row[Columns.serial]
        registeredOn = row[Columns.registeredOn]
        erasedOn = row[Columns.erasedOn]
        profile = try SurvivorProfile(row: row)
    }

    init(code: String, siteId: Int64, serial: Int, profile: SurvivorProfile, registeredOn: DayDate) {
        self.code = code
        self.siteId = siteId
        self.serial = serial
        self.profile = profile
        self.registeredOn = registeredOn
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container[Columns.id] = id
        container[Columns.code] = code
        container[Columns.siteId] = siteId
        container[Columns.serial] = serial
        container[Columns.registeredOn] = registeredOn
        container[Columns.erasedOn] = erasedOn
        try profile.encode(to: &container)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// `MDN` and serial 7 make `MDN-0007`.
    static func code(site: String, serial: Int) -> String {
        site + "-" + String(repeating: "0", count: max(0, 4 - String(serial).count)) + String(serial)
    }

    /// The code of the survivor with row id `id`.
    static func code(id: Int64, in db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT code FROM survivor WHERE id = ?", arguments: [id]) ?? "?"
    }
}

extension Survivor {
    /// The table's columns, for requests that filter and sort Survivor records.
    public enum Columns {
        static let id = Column("id")
        static let code = Column("code")
        static let siteId = Column("siteId")
        static let serial = Column("serial")
        static let registeredOn = Column("registeredOn")
        static let erasedOn = Column("erasedOn")
    }
}

/// A survivor's consent to one use of her data, with the dates it was given and withdrawn.
public struct Consent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var survivorId: Int64
    public var kind: ConsentKind
    public var givenOn: DayDate
    public var withdrawnOn: DayDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Consent {
    /// The table's columns, for requests that filter and sort Consent records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let survivorId = Column(CodingKeys.survivorId)
        static let kind = Column(CodingKeys.kind)
        static let givenOn = Column(CodingKeys.givenOn)
        static let withdrawnOn = Column(CodingKeys.withdrawnOn)
    }
}

/// The sealed identity row and its blind indexes.
struct SealedIdentity: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "survivor_identity"
    var survivorId: Int64
    var sealed: Data
    var nikIndex: Data?
    var nameIndex: Data
}

extension SealedIdentity {
    /// The table's columns, for requests that filter and sort SealedIdentity records.
    enum Columns {
        static let survivorId = Column(CodingKeys.survivorId)
        static let sealed = Column(CodingKeys.sealed)
        static let nikIndex = Column(CodingKeys.nikIndex)
        static let nameIndex = Column(CodingKeys.nameIndex)
    }
}

extension Survivor: CodedRecord {
    static func unknown(code: String) -> any Error { ParticipantsError.unknownSurvivor(code: code) }
}
