import Foundation
import GRDB

/// One itemised sale as the officer types it.
public struct SaleInput: Sendable {
    public var business: String
    public var date: DayDate
    public var product: String
    public var quantity: Int64
    /// The product's usual price when not given.
    public var unitPrice: Rupiah?
    public var channel: SalesChannel
    public var buyerType: BuyerType?
    /// The market event it was sold at, if any.
    public var event: String?
    /// The shop, cooperative or store it went through, if any.
    public var partner: String?

    /// Takes the sale as typed; `Sales.record` checks it.
    public init(business: String, date: DayDate, product: String, quantity: Int64, unitPrice: Rupiah? = nil,
                channel: SalesChannel, buyerType: BuyerType? = nil, event: String? = nil, partner: String? = nil) {
        self.business = business
        self.date = date
        self.product = product
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.channel = channel
        self.buyerType = buyerType
        self.event = event
        self.partner = partner
    }
}

/// What a write of sales did, with anything the officer should look at.
public struct RecordedSales: Sendable {
    public var sales: [Sale]
    /// Food sales made without a valid P-IRT: recorded, and flagged.
    public var warnings: [Localized]
}

/// What to void: a sale or a cost by number, or a business's snapshot for a month.
public enum VoidTarget: Sendable, Equatable {
    case sale(Int64)
    case cost(Int64)
    case snapshot(business: String, month: Month)
}

/// Itemised sales and costs, and the monthly snapshots that stand in for months without them.
public enum Sales {
    /// Records sales in one transaction: all of them, or (when one is wrong) none, with the
    /// error naming the row.
    @discardableResult
    public static func record(_ inputs: [SaleInput], in workspace: Workspace) throws -> RecordedSales {
        try workspace.database.write { db in
            var result = RecordedSales(sales: [], warnings: [])
            var businesses: [String: Business] = [:]
            var warned = Set<String>()
            var permits: [String: [Licence]] = [:]
            for (index, input) in inputs.enumerated() {
                do {
                    let business = try businesses[input.business.uppercased()] ?? Business.require(code: input.business, in: db)
                    businesses[business.code] = business
                    let sale = try insert(input, business: business, db: db, workspace)
                    if business.sector == .food, !warned.contains(business.code) {
                        permits[business.code] = try permits[business.code] ?? Licence.permits(.pirt, businessId: business.id!, in: db)
                    }
                    if business.sector == .food, !warned.contains(business.code),
                       !permits[business.code]!.contains(where: { $0.isValid(on: input.date) }) {
                        warned.insert(business.code)
                        result.warnings.append(Localized(
                            id: "\(business.code) usaha pangan tanpa P-IRT yang berlaku pada \(input.date); penjualan dicatat dan ditandai.",
                            en: "\(business.code) is a food business with no valid P-IRT on \(input.date); the sale is recorded and flagged."))
                    }
                    result.sales.append(sale)
                } catch let error as any UserFacingError where inputs.count > 1 {
                    throw RowError(row: index + 1, error: error)
                }
            }
            for code in businesses.keys.sorted() {
                try AuditLog.append(db, workspace, action: "sale.record", record: code)
            }
            return result
        }
    }

    private static func insert(_ input: SaleInput, business: Business, db: Database, _ workspace: Workspace) throws -> Sale {
        try requireTrading(business, on: input.date, in: db, workspace)
        guard input.quantity > 0 else { throw InputError.notPositive(field: "jumlah / quantity") }
        let productName = try Text.required(input.product, field: "produk / product", limit: 80)
        guard let product = try Product.filter({ $0.businessId == business.id && $0.name == productName }).fetchOne(db) else {
            throw EnterpriseError.unknownProduct(business: business.code, product: productName, known: try String.fetchAll(
                db, sql: "SELECT name FROM product WHERE businessId = ? ORDER BY name", arguments: [business.id]))
        }
        let price = input.unitPrice ?? product.usualPrice
        guard price.amount > 0 else { throw InputError.notPositive(field: "harga satuan / unit price") }
        try price.bounded(field: "--price")
        let (amount, overflow) = input.quantity.multipliedReportingOverflow(by: price.amount)
        guard !overflow, amount <= Rupiah.maximum.amount else { throw EnterpriseError.amountTooLarge }
        var sale = Sale(businessId: business.id!, date: input.date, productId: product.id!, quantity: input.quantity,
                        unitPrice: price, amount: Rupiah(amount), channel: input.channel, buyerType: input.buyerType,
                        recordedBy: workspace.actor)
        if let code = input.event {
            let event = try MarketEvent.require(code: code, in: db)
            guard try joined(business.id!, event.id!, in: db) else {
                throw EnterpriseError.notJoined(business: business.code, event: event.code)
            }
            guard (event.startDate...event.endDate).contains(input.date) else {
                throw EnterpriseError.outsideEvent(event: event.code, start: event.startDate, end: event.endDate)
            }
            sale.eventId = event.id
        }
        if let code = input.partner {
            let partner = try ChannelPartner.require(code: code, in: db)
            guard let link = try PartnerLink.fetchOne(db, key: ["partnerId": partner.id, "businessId": business.id]) else {
                throw EnterpriseError.notLinked(partner: partner.code, business: business.code)
            }
            guard input.date >= link.since else { throw EnterpriseError.beforePartnerLink(partner: partner.code, since: link.since) }
            sale.partnerId = partner.id
        }
        try sale.insert(db)
        return sale
    }

    static func joined(_ businessId: Int64, _ eventId: Int64, in db: Database) throws -> Bool {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM event_participant WHERE eventId = ? AND businessId = ?",
                         arguments: [eventId, businessId])! > 0
    }

    /// A date a business can trade on: not in the future, on or after it started, and not
    /// after it closed.
    static func requireTrading(_ business: Business, on date: DayDate, in db: Database, _ workspace: Workspace) throws {
        try date.requireNotAfter(workspace.today, field: "tanggal / date")
        guard let started = business.startedOn else { throw EnterpriseError.notStarted(business: business.code) }
        guard date >= started else { throw EnterpriseError.beforeStart(business: business.code, started: started, date: date) }
        if let closed = try closedOn(business.id!, in: db), date > closed {
            throw EnterpriseError.afterClose(business: business.code, closed: closed, date: date)
        }
    }

    static func closedOn(_ businessId: Int64, in db: Database) throws -> DayDate? {
        try DayDate.fetchOne(db, sql: "SELECT date FROM business_status_change WHERE businessId = ? AND status = 'closed'",
                             arguments: [businessId])
    }

    /// A cost of making or selling (raw materials, packaging, transport, a stall fee).
    @discardableResult
    public static func recordCost(business code: String, date: DayDate, category: CostCategory, amount: Rupiah, note: String?,
                                  in workspace: Workspace) throws -> BusinessCost {
        guard amount.amount > 0 else { throw InputError.notPositive(field: "biaya / cost") }
        try amount.bounded(field: "--amount")
        let note = try Text.optional(note, field: "catatan / note", limit: 200)
        return try workspace.database.write { db in
            let business = try Business.require(code: code, in: db)
            try requireTrading(business, on: date, in: db, workspace)
            var cost = BusinessCost(businessId: business.id!, date: date, category: category, amount: amount, note: note,
                                    recordedBy: workspace.actor)
            try cost.insert(db)
            try AuditLog.append(db, workspace, action: "sale.cost", record: business.code)
            return cost
        }
    }

    /// A month's omzet and costs as reported at a visit. One per business and month; it
    /// counts only while the month has no itemised sales.
    @discardableResult
    public static func snapshot(business code: String, month: Month, omzet: Rupiah, costs: Rupiah, reportedOn: DayDate,
                                in workspace: Workspace) throws -> MonthlySnapshot {
        guard omzet.amount >= 0 else { throw InputError.negativeAmount(field: "omzet") }
        guard costs.amount >= 0 else { throw InputError.negativeAmount(field: "biaya / costs") }
        try omzet.bounded(field: "--omzet")
        try costs.bounded(field: "--costs")
        guard month.first <= workspace.today else { throw EnterpriseError.monthInFuture(month) }
        try reportedOn.requireNotAfter(workspace.today, field: "dilaporkan / reported")
        guard reportedOn >= month.first else {
            throw InputError.datesOutOfOrder(first: "bulan / month", firstValue: month.first, second: "dilaporkan / reported",
                                             secondValue: reportedOn)
        }
        return try workspace.database.write { db in
            let business = try Business.require(code: code, in: db)
            guard let started = business.startedOn else { throw EnterpriseError.notStarted(business: business.code) }
            guard month.last >= started else { throw EnterpriseError.beforeStart(business: business.code, started: started, date: month.last) }
            if let closed = try closedOn(business.id!, in: db), month.first > closed {
                throw EnterpriseError.afterClose(business: business.code, closed: closed, date: month.first)
            }
            if try MonthlySnapshot.all().standing().filter({ $0.businessId == business.id && $0.month == month })
                .fetchCount(db) > 0 { throw EnterpriseError.snapshotExists(business: business.code, month: month) }
            var snapshot = MonthlySnapshot(businessId: business.id!, month: month, omzet: omzet, costs: costs,
                                           reportedOn: reportedOn, recordedBy: workspace.actor)
            try snapshot.insert(db)
            try AuditLog.append(db, workspace, action: "sale.snapshot", record: business.code)
            return snapshot
        }
    }

    /// Voids a mistaken record with a reason. It stays in the database, out of every figure.
    public static func void(_ target: VoidTarget, reason: String, in workspace: Workspace) throws {
        let reason = try Text.required(reason, field: "alasan / reason", limit: 300)
        try workspace.database.write { db in
            let businessId: Int64
            switch target {
            case let .sale(id):
                guard var sale = try Sale.fetchOne(db, key: id) else { throw EnterpriseError.unknownRecord("#\(id)") }
                guard sale.voidedOn == nil else { throw EnterpriseError.alreadyVoided("#\(id)") }
                (sale.voidedOn, sale.voidReason, businessId) = (workspace.today, reason, sale.businessId)
                try sale.update(db, columns: ["voidedOn", "voidReason"])
            case let .cost(id):
                guard var cost = try BusinessCost.fetchOne(db, key: id) else { throw EnterpriseError.unknownRecord("#\(id)") }
                guard cost.voidedOn == nil else { throw EnterpriseError.alreadyVoided("#\(id)") }
                (cost.voidedOn, cost.voidReason, businessId) = (workspace.today, reason, cost.businessId)
                try cost.update(db, columns: ["voidedOn", "voidReason"])
            case let .snapshot(code, month):
                let business = try Business.require(code: code, in: db)
                guard var snapshot = try MonthlySnapshot.all().standing()
                    .filter({ $0.businessId == business.id && $0.month == month }).fetchOne(db) else { throw EnterpriseError.unknownRecord("\(business.code) \(month)") }
                (snapshot.voidedOn, snapshot.voidReason, businessId) = (workspace.today, reason, business.id!)
                try snapshot.update(db, columns: ["voidedOn", "voidReason"])
            }
            let code = try String.fetchOne(db, sql: "SELECT code FROM business WHERE id = ?", arguments: [businessId])!
            try AuditLog.append(db, workspace, action: "sale.void", record: code)
        }
    }

    /// A business's itemised sales in a period, voided ones included and marked.
    public static func list(business code: String, period: Period?, in workspace: Workspace) throws -> [SaleLine] {
        try workspace.database.read { db in
            let business = try Business.require(code: code, in: db)
            return try SaleLine.fetchAll(db, sql: """
                SELECT s.id, s.date, p.name AS product, p.unit, s.quantity, s.unitPrice, s.amount, s.channel, s.buyerType,
                       e.code AS event, m.code AS partner, s.voidedOn, s.voidReason
                FROM sale s JOIN product p ON p.id = s.productId LEFT JOIN market_event e ON e.id = s.eventId
                LEFT JOIN channel_partner m ON m.id = s.partnerId
                WHERE s.businessId = ? AND s.date BETWEEN ? AND ? ORDER BY s.date, s.id
                """, arguments: [business.id, period?.start ?? DayDate(year: 1900, month: 1, day: 1)!,
                                 period?.end ?? DayDate(year: 9999, month: 12, day: 31)!])
        }
    }
}

/// One sale of a business's sales list, voided ones included and marked.
public struct SaleLine: Codable, Sendable, Equatable, FetchableRecord {
    public var id: Int64
    public var date: DayDate
    public var product: String
    public var unit: String
    public var quantity: Int64
    public var unitPrice: Rupiah
    public var amount: Rupiah
    public var channel: SalesChannel
    public var buyerType: BuyerType?
    public var event: String?
    public var partner: String?
    public var voidedOn: DayDate?
    public var voidReason: String?
}

/// An error in one row of a batch: the whole batch is refused and the row is named.
public struct RowError: UserFacingError {
    public var row: Int
    public var error: any UserFacingError

    public var message: Localized {
        Localized(id: "Baris \(row): \(error.message.id)", en: "Row \(row): \(error.message.en)")
    }

    public var hint: Localized? { error.hint }
}
