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

    public init(row: Row) throws {
        id = row["id"]
        code = row["code"]
        siteId = row["siteId"]
        serial = row["serial"]
        registeredOn = row["registeredOn"]
        erasedOn = row["erasedOn"]
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
        container["id"] = id
        container["code"] = code
        container["siteId"] = siteId
        container["serial"] = serial
        container["registeredOn"] = registeredOn
        container["erasedOn"] = erasedOn
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

/// A survivor's consent to one use of her data, with the dates it was given and withdrawn.
public struct Consent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var survivorId: Int64
    public var kind: ConsentKind
    public var givenOn: DayDate
    public var withdrawnOn: DayDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// The sealed identity row and its blind indexes.
struct SealedIdentity: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "survivor_identity"
    var survivorId: Int64
    var sealed: Data
    var nikIndex: Data?
    var nameIndex: Data
}

extension Survivor: CodedRecord {
    static func unknown(code: String) -> any Error { ParticipantsError.unknownSurvivor(code: code) }
}
