import Foundation
import GRDB

/// What an officer fills in for a market-access event.
public struct EventPlan: Sendable {
    public var kind: EventKind
    public var name: String
    public var startDate: DayDate
    public var endDate: DayDate?
    public var place: String
    public var organiser: String
    public var cost: Rupiah
    public var siteCode: String?

    /// Takes the plan as typed; `MarketAccess.addEvent` checks it.
    public init(kind: EventKind, name: String, startDate: DayDate, endDate: DayDate? = nil, place: String, organiser: String,
                cost: Rupiah = .zero, siteCode: String? = nil) {
        self.kind = kind
        self.name = name
        self.startDate = startDate
        self.endDate = endDate
        self.place = place
        self.organiser = organiser
        self.cost = cost
        self.siteCode = siteCode
    }
}

/// Market access: events businesses take part in, and the partners that take their products.
public enum MarketAccess {
    /// Records an event, coded `EV-0001`. Events may be planned ahead; sales at them cannot.
    @discardableResult
    public static func addEvent(_ plan: EventPlan, in workspace: Workspace) throws -> MarketEvent {
        let name = try Text.required(plan.name, field: "nama kegiatan / event name", limit: 120)
        let place = try Text.required(plan.place, field: "tempat / place", limit: 120)
        let organiser = try Text.required(plan.organiser, field: "penyelenggara / organiser", limit: 120)
        guard plan.cost.amount >= 0 else { throw InputError.negativeAmount(field: "biaya / cost") }
        try plan.cost.bounded(field: "--cost")
        let end = plan.endDate ?? plan.startDate
        guard end >= plan.startDate else {
            throw InputError.datesOutOfOrder(first: "mulai / start", firstValue: plan.startDate, second: "selesai / end", secondValue: end)
        }
        return try workspace.database.write { db in
            let siteId = try plan.siteCode.map { try Site.require(code: $0, in: db).id! }
            let number = (try Int.fetchOne(db, sql: "SELECT count(*) FROM market_event") ?? 0) + 1
            var event = MarketEvent(code: String(format: "EV-%04d", number), kind: plan.kind, name: name, startDate: plan.startDate,
                                    endDate: end, place: place, organiser: organiser, cost: plan.cost, siteId: siteId,
                                    createdOn: workspace.today)
            try event.insert(db)
            try AuditLog.append(db, workspace, action: "event.add", record: event.code)
            return event
        }
    }

    /// Records that businesses take part in an event; all or none.
    public static func join(event code: String, businesses: [String], in workspace: Workspace) throws {
        guard !businesses.isEmpty else { throw InputError.empty(field: "--business") }
        try workspace.database.write { db in
            let event = try MarketEvent.require(code: code, in: db)
            for businessCode in businesses {
                let business = try Business.require(code: businessCode, in: db)
                if let closed = try Sales.closedOn(business.id!, in: db), closed < event.startDate {
                    throw EnterpriseError.afterClose(business: business.code, closed: closed, date: event.startDate)
                }
                guard try !Sales.joined(business.id!, event.id!, in: db) else {
                    throw EnterpriseError.alreadyJoined(business: business.code, event: event.code)
                }
                try db.execute(sql: "INSERT INTO event_participant(eventId, businessId) VALUES (?, ?)",
                               arguments: [event.id, business.id])
                try AuditLog.append(db, workspace, action: "event.join", record: "\(event.code) \(business.code)")
            }
        }
    }

    /// Events overlapping `period` (every event without one), of a site or all, in date order, with
    /// their participants, standing sales and the partner links they opened.
    public static func events(siteCode: String? = nil, period: Period? = nil, in workspace: Workspace) throws -> [EventSummary] {
        try workspace.database.read { db in
            try summaries(siteId: try siteCode.map { try Site.require(code: $0, in: db).id! }, period: period, eventId: nil, in: db)
        }
    }

    /// Every sale made at an event or through a partner within `Rupiah.maximum` (or the one
    /// stored beyond it named), so the omzet sums below cannot overflow.
    static func requireSummable(in db: Database) throws {
        try StoredMoney.requireSummable(db, table: "sale", columns: ["amount"],
                                        where: "voidedOn IS NULL AND (eventId IS NOT NULL OR partnerId IS NOT NULL)") {
            Localized(id: "Penjualan #\($0)", en: "Sale #\($0)")
        }
    }

    private static func summaries(siteId: Int64?, period: Period?, eventId: Int64?, in db: Database) throws -> [EventSummary] {
        try requireSummable(in: db)
        return try EventSummary.fetchAll(db, sql: """
            SELECT e.code, e.kind, e.name, e.startDate, e.endDate, e.place, e.organiser, e.cost, s.code AS site,
                   (SELECT count(*) FROM event_participant WHERE eventId = e.id) AS businesses,
                   (SELECT count(*) FROM sale WHERE eventId = e.id AND voidedOn IS NULL) AS sales,
                   (SELECT coalesce(sum(amount), 0) FROM sale WHERE eventId = e.id AND voidedOn IS NULL) AS omzet,
                   (SELECT count(*) FROM partner_link WHERE eventId = e.id) AS partnersOpened
            FROM market_event e LEFT JOIN site s ON s.id = e.siteId
            WHERE (?1 IS NULL OR e.siteId = ?1) AND (?4 IS NULL OR e.id = ?4) AND e.endDate >= ?2 AND e.startDate <= ?3
            ORDER BY e.startDate, e.code
            """, arguments: [siteId, period?.start ?? DayDate(year: 1900, month: 1, day: 1)!,
                             period?.end ?? DayDate(year: 9999, month: 12, day: 31)!, eventId])
    }

    /// An event with each business that took part and what it sold there.
    public static func eventDetails(code: String, in workspace: Workspace) throws -> EventDetails {
        try workspace.database.read { db in
            let event = try MarketEvent.require(code: code, in: db)
            let summary = try summaries(siteId: nil, period: nil, eventId: event.id, in: db)[0]
            let participants = try EventParticipation.fetchAll(db, sql: """
                SELECT b.code AS business, b.name,
                       (SELECT count(*) FROM sale WHERE eventId = ?1 AND businessId = b.id AND voidedOn IS NULL) AS sales,
                       (SELECT coalesce(sum(amount), 0) FROM sale WHERE eventId = ?1 AND businessId = b.id AND voidedOn IS NULL) AS omzet
                FROM event_participant x JOIN business b ON b.id = x.businessId WHERE x.eventId = ?1 ORDER BY b.code
                """, arguments: [event.id])
            let partners = try String.fetchAll(db, sql: """
                SELECT p.code || ' → ' || b.code FROM partner_link l JOIN channel_partner p ON p.id = l.partnerId
                JOIN business b ON b.id = l.businessId WHERE l.eventId = ? ORDER BY p.code, b.code
                """, arguments: [event.id])
            return EventDetails(event: summary, participants: participants, partnersOpened: partners)
        }
    }

    /// Records a channel partner, coded `MT-0001`.
    @discardableResult
    public static func addPartner(kind: PartnerKind, name: String, place: String?, siteCode: String?,
                                  in workspace: Workspace) throws -> ChannelPartner {
        let name = try Text.required(name, field: "nama mitra / partner name", limit: 120)
        let place = try Text.optional(place, field: "tempat / place", limit: 120)
        return try workspace.database.write { db in
            let siteId = try siteCode.map { try Site.require(code: $0, in: db).id! }
            let number = (try Int.fetchOne(db, sql: "SELECT count(*) FROM channel_partner") ?? 0) + 1
            var partner = ChannelPartner(code: String(format: "MT-%04d", number), kind: kind, name: name, place: place,
                                         siteId: siteId, createdOn: workspace.today)
            try partner.insert(db)
            try AuditLog.append(db, workspace, action: "partner.add", record: partner.code)
            return partner
        }
    }

    /// Links a partner to a business from a date, naming the event that opened the channel
    /// when there was one (the business must have taken part in it).
    public static func link(partner partnerCode: String, business businessCode: String, since: DayDate, openedBy eventCode: String?,
                            in workspace: Workspace) throws {
        try since.requireNotAfter(workspace.today, field: "sejak / since")
        try workspace.database.write { db in
            let partner = try ChannelPartner.require(code: partnerCode, in: db)
            let business = try Business.require(code: businessCode, in: db)
            if let closed = try Sales.closedOn(business.id!, in: db), closed < since {
                throw EnterpriseError.afterClose(business: business.code, closed: closed, date: since)
            }
            if try PartnerLink.fetchOne(db, key: ["partnerId": partner.id, "businessId": business.id]) != nil {
                throw EnterpriseError.alreadyLinked(partner: partner.code, business: business.code)
            }
            var link = PartnerLink(partnerId: partner.id!, businessId: business.id!, since: since, eventId: nil)
            if let eventCode {
                let event = try MarketEvent.require(code: eventCode, in: db)
                guard try Sales.joined(business.id!, event.id!, in: db) else {
                    throw EnterpriseError.notJoined(business: business.code, event: event.code)
                }
                guard since >= event.startDate else {
                    throw InputError.datesOutOfOrder(first: event.code, firstValue: event.startDate, second: "sejak / since",
                                                     secondValue: since)
                }
                link.eventId = event.id
            }
            try link.insert(db)
            try AuditLog.append(db, workspace, action: "partner.link", record: "\(partner.code) \(business.code)")
        }
    }

    /// Channel partners, of a site or all, with the businesses linked to each and the omzet of
    /// standing sales made through it.
    public static func partners(siteCode: String? = nil, in workspace: Workspace) throws -> [PartnerSummary] {
        try workspace.database.read { db in
            let siteId = try siteCode.map { try Site.require(code: $0, in: db).id! }
            try requireSummable(in: db)
            return try PartnerSummary.fetchAll(db, sql: """
                SELECT p.code, p.kind, p.name, p.place, s.code AS site,
                       (SELECT group_concat(code, ' ') FROM (SELECT b.code || coalesce('(' || e.code || ')', '') AS code
                        FROM partner_link l JOIN business b ON b.id = l.businessId LEFT JOIN market_event e ON e.id = l.eventId
                        WHERE l.partnerId = p.id ORDER BY b.code)) AS businesses,
                       (SELECT coalesce(sum(amount), 0) FROM sale WHERE partnerId = p.id AND voidedOn IS NULL) AS omzet
                FROM channel_partner p LEFT JOIN site s ON s.id = p.siteId
                WHERE (?1 IS NULL OR p.siteId = ?1) ORDER BY p.code
                """, arguments: [siteId])
        }
    }
}

/// An event as lists show it, with counts and omzet of its standing sales.
public struct EventSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var kind: EventKind
    public var name: String
    public var startDate: DayDate
    public var endDate: DayDate
    public var place: String
    public var organiser: String
    public var cost: Rupiah
    public var site: String?
    public var businesses: Int
    public var sales: Int
    public var omzet: Rupiah
    public var partnersOpened: Int
}

/// What one business sold at an event (standing sales only).
public struct EventParticipation: Codable, Sendable, Equatable, FetchableRecord {
    public var business: String
    public var name: String
    public var sales: Int
    public var omzet: Rupiah
}

/// An event with each business that took part.
public struct EventDetails: Codable, Sendable, Equatable {
    public var event: EventSummary
    public var participants: [EventParticipation]
    /// "MT-0001 → KBM-U003": channels this event opened.
    public var partnersOpened: [String]
}

/// A channel partner as lists show it.
public struct PartnerSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var kind: PartnerKind
    public var name: String
    public var place: String?
    public var site: String?
    /// Linked business codes, each with the event that opened the link in brackets.
    public var businesses: String?
    public var omzet: Rupiah
}
