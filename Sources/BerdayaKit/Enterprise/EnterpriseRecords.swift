import Foundation
import GRDB

/// A survivor's micro-business (UMKM) or a group's (KUBE), coded per site: `MDN-U001`.
public struct Business: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var code: String
    public var siteId: Int64
    public var serial: Int
    public var name: String
    public var sector: Sector
    public var ownership: Ownership
    /// The cohort the business grew out of, if any.
    public var cohortId: Int64?
    /// The day it first became active; nil while planned.
    public var startedOn: DayDate?
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// The status on `date`: the latest change on or before it (nil before the first).
    static func status(businessId: Int64, on date: DayDate, in db: Database) throws -> BusinessStatus? {
        try BusinessStatus.fetchOne(db, sql: """
            SELECT status FROM business_status_change WHERE businessId = ? AND date <= ? ORDER BY date DESC, id DESC LIMIT 1
            """, arguments: [businessId, date])
    }

    static func lastChange(businessId: Int64, in db: Database) throws -> BusinessStatusChange {
        try BusinessStatusChange.filter { $0.businessId == businessId }
            .order { [$0.date.desc, $0.id.desc] }.fetchOne(db)!
    }
}

extension Business {
    /// The table's columns, for requests that filter and sort Business records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let siteId = Column(CodingKeys.siteId)
        static let serial = Column(CodingKeys.serial)
        static let name = Column(CodingKeys.name)
        static let sector = Column(CodingKeys.sector)
        static let ownership = Column(CodingKeys.ownership)
        static let cohortId = Column(CodingKeys.cohortId)
        static let startedOn = Column(CodingKeys.startedOn)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// One step in a business's life, with its date and reason. Never edited.
public struct BusinessStatusChange: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "business_status_change"
    public var id: Int64?
    public var businessId: Int64
    public var date: DayDate
    public var status: BusinessStatus
    public var reason: String?
    public var recordedBy: String

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension BusinessStatusChange {
    /// The table's columns, for requests that filter and sort BusinessStatusChange records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let date = Column(CodingKeys.date)
        static let status = Column(CodingKeys.status)
        static let reason = Column(CodingKeys.reason)
        static let recordedBy = Column(CodingKeys.recordedBy)
    }
}

/// Something a business sells, with its unit and usual price.
public struct Product: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var businessId: Int64
    public var name: String
    public var unit: String
    /// The price a sale takes when none is typed.
    public var usualPrice: Rupiah

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Product {
    /// The table's columns, for requests that filter and sort Product records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let name = Column(CodingKeys.name)
        static let unit = Column(CodingKeys.unit)
        static let usualPrice = Column(CodingKeys.usualPrice)
    }
}

/// NIB, P-IRT or a halal certificate. A renewal is a new licence of the same kind.
public struct Licence: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var businessId: Int64
    public var kind: LicenceKind
    public var number: String
    public var issuedOn: DayDate
    /// Nil for an NIB, which does not expire.
    public var expiresOn: DayDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    func isValid(on date: DayDate) -> Bool { issuedOn <= date && (expiresOn.map { date <= $0 } ?? true) }

    static func permits(_ kind: LicenceKind, businessId: Int64, in db: Database) throws -> [Licence] {
        try Licence.filter { $0.businessId == businessId && $0.kind == kind.rawValue }.fetchAll(db)
    }
}

extension Licence {
    /// The table's columns, for requests that filter and sort Licence records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let kind = Column(CodingKeys.kind)
        static let number = Column(CodingKeys.number)
        static let issuedOn = Column(CodingKeys.issuedOn)
        static let expiresOn = Column(CodingKeys.expiresOn)
    }
}

/// One itemised sale; `amount` is quantity times unit price (the schema checks it). Never
/// deleted: a mistake is voided with a reason, and voided sales count in no figure.
public struct Sale: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var businessId: Int64
    public var date: DayDate
    public var productId: Int64
    public var quantity: Int64
    public var unitPrice: Rupiah
    public var amount: Rupiah
    public var channel: SalesChannel
    public var buyerType: BuyerType?
    public var eventId: Int64?
    public var partnerId: Int64?
    public var recordedBy: String
    public var voidedOn: DayDate?
    public var voidReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Sale {
    /// The table's columns, for requests that filter and sort Sale records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let date = Column(CodingKeys.date)
        static let productId = Column(CodingKeys.productId)
        static let quantity = Column(CodingKeys.quantity)
        static let unitPrice = Column(CodingKeys.unitPrice)
        static let amount = Column(CodingKeys.amount)
        static let channel = Column(CodingKeys.channel)
        static let buyerType = Column(CodingKeys.buyerType)
        static let eventId = Column(CodingKeys.eventId)
        static let partnerId = Column(CodingKeys.partnerId)
        static let recordedBy = Column(CodingKeys.recordedBy)
        static let voidedOn = Column(CodingKeys.voidedOn)
        static let voidReason = Column(CodingKeys.voidReason)
    }
}

/// One cost a business paid; voided, never deleted, when it was wrong.
public struct BusinessCost: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "business_cost"
    public var id: Int64?
    public var businessId: Int64
    public var date: DayDate
    public var category: CostCategory
    public var amount: Rupiah
    public var note: String?
    public var recordedBy: String
    public var voidedOn: DayDate?
    public var voidReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension BusinessCost {
    /// The table's columns, for requests that filter and sort BusinessCost records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let date = Column(CodingKeys.date)
        static let category = Column(CodingKeys.category)
        static let amount = Column(CodingKeys.amount)
        static let note = Column(CodingKeys.note)
        static let recordedBy = Column(CodingKeys.recordedBy)
        static let voidedOn = Column(CodingKeys.voidedOn)
        static let voidReason = Column(CodingKeys.voidReason)
    }
}

/// A month's omzet and costs as the survivor reported them at a visit.
public struct MonthlySnapshot: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "monthly_snapshot"
    public var id: Int64?
    public var businessId: Int64
    public var month: Month
    public var omzet: Rupiah
    public var costs: Rupiah
    public var reportedOn: DayDate
    public var recordedBy: String
    public var voidedOn: DayDate?
    public var voidReason: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension MonthlySnapshot {
    /// The table's columns, for requests that filter and sort MonthlySnapshot records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let businessId = Column(CodingKeys.businessId)
        static let month = Column(CodingKeys.month)
        static let omzet = Column(CodingKeys.omzet)
        static let costs = Column(CodingKeys.costs)
        static let reportedOn = Column(CodingKeys.reportedOn)
        static let recordedBy = Column(CodingKeys.recordedBy)
        static let voidedOn = Column(CodingKeys.voidedOn)
        static let voidReason = Column(CodingKeys.voidReason)
    }
}

/// An exhibition, bazaar, fair, campaign, buyer meeting or Dinas program, coded `EV-0001`.
public struct MarketEvent: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "market_event"
    public var id: Int64?
    public var code: String
    public var kind: EventKind
    public var name: String
    public var startDate: DayDate
    public var endDate: DayDate
    public var place: String
    public var organiser: String
    public var cost: Rupiah
    public var siteId: Int64?
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension MarketEvent {
    /// The table's columns, for requests that filter and sort MarketEvent records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let kind = Column(CodingKeys.kind)
        static let name = Column(CodingKeys.name)
        static let startDate = Column(CodingKeys.startDate)
        static let endDate = Column(CodingKeys.endDate)
        static let place = Column(CodingKeys.place)
        static let organiser = Column(CodingKeys.organiser)
        static let cost = Column(CodingKeys.cost)
        static let siteId = Column(CodingKeys.siteId)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// A shop, cooperative, outlet or online store, coded `MT-0001`.
public struct ChannelPartner: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "channel_partner"
    public var id: Int64?
    public var code: String
    public var kind: PartnerKind
    public var name: String
    public var place: String?
    public var siteId: Int64?
    public var createdOn: DayDate

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension ChannelPartner {
    /// The table's columns, for requests that filter and sort ChannelPartner records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let code = Column(CodingKeys.code)
        static let kind = Column(CodingKeys.kind)
        static let name = Column(CodingKeys.name)
        static let place = Column(CodingKeys.place)
        static let siteId = Column(CodingKeys.siteId)
        static let createdOn = Column(CodingKeys.createdOn)
    }
}

/// A channel partner taking a business's products since a day.
public struct PartnerLink: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "partner_link"
    public var partnerId: Int64
    public var businessId: Int64
    public var since: DayDate
    /// The market-access event that opened this channel, if one did.
    public var eventId: Int64?
}

extension PartnerLink {
    /// The table's columns, for requests that filter and sort PartnerLink records.
    public enum Columns {
        static let partnerId = Column(CodingKeys.partnerId)
        static let businessId = Column(CodingKeys.businessId)
        static let since = Column(CodingKeys.since)
        static let eventId = Column(CodingKeys.eventId)
    }
}

extension Business: CodedRecord {
    static func unknown(code: String) -> any Error { EnterpriseError.unknownBusiness(code) }
}

extension MarketEvent: CodedRecord {
    static func unknown(code: String) -> any Error { EnterpriseError.unknownEvent(code) }
}

extension ChannelPartner: CodedRecord {
    static func unknown(code: String) -> any Error { EnterpriseError.unknownPartner(code) }
}

extension DerivableRequest<Sale> {
    /// The sales that stand: not voided.
    func standing() -> Self { filter { $0.voidedOn == nil } }
}

extension DerivableRequest<MonthlySnapshot> {
    /// The snapshots that stand: not voided.
    func standing() -> Self { filter { $0.voidedOn == nil } }
}
