import Foundation
import GRDB

/// What an officer fills in to register a business.
public struct BusinessPlan: Sendable {
    public var name: String
    public var sector: Sector
    public var ownership: Ownership
    /// Survivor codes: one for an individual business, two or more for a KUBE.
    public var owners: [String]
    /// The site it works at; the owners' site when not given.
    public var siteCode: String?
    /// The cohort it grew out of; the owners' latest cohort when not given.
    public var cohortCode: String?
    /// When it began trading; nil registers it as planned.
    public var startedOn: DayDate?

    /// Takes the plan as typed; `Businesses.register` checks it.
    public init(name: String, sector: Sector, ownership: Ownership, owners: [String], siteCode: String? = nil,
                cohortCode: String? = nil, startedOn: DayDate? = nil) {
        self.name = name
        self.sector = sector
        self.ownership = ownership
        self.owners = owners
        self.siteCode = siteCode
        self.cohortCode = cohortCode
        self.startedOn = startedOn
    }
}

/// Survivors' businesses: registration, status over time, products and licences.
public enum Businesses {
    /// Registers a business, coded per site (`MDN-U001`). Owners must be registered at its
    /// site, not erased, and have given data consent.
    @discardableResult
    public static func register(_ plan: BusinessPlan, in workspace: Workspace) throws -> Business {
        let name = try Text.required(plan.name, field: "nama usaha / business name", limit: 120)
        let owners = plan.owners.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
        let distinct = Array(Set(owners)).sorted()
        switch plan.ownership {
        case .individual where distinct.count != 1, .kube where distinct.count < 2:
            throw EnterpriseError.ownersNeeded(plan.ownership, count: distinct.count)
        default: break
        }
        try plan.startedOn?.requireNotAfter(workspace.today, field: "mulai / started")
        return try workspace.database.write { db in
            var survivors: [Survivor] = []
            for code in distinct {
                let survivor = try Survivor.require(code: code, in: db)
                guard survivor.erasedOn == nil else { throw CohortsError.survivorErased(code: survivor.code) }
                guard try Registry.openConsent(.dataProcessing, of: survivor.id!, in: db) != nil else {
                    throw ParticipantsError.noDataConsent(code: survivor.code)
                }
                survivors.append(survivor)
            }
            let site = try plan.siteCode.map { try Site.require(code: $0, in: db) }
                ?? Site.fetchOne(db, key: survivors[0].siteId)!
            if let stranger = survivors.first(where: { $0.siteId != site.id }) {
                throw EnterpriseError.ownerAtOtherSite(survivor: stranger.code, site: site.code)
            }
            let ownerIds = survivors.map { $0.id! }
            let cohortId: Int64?
            if let cohortCode = plan.cohortCode {
                let cohort = try Cohort.require(code: cohortCode, in: db)
                guard try Enrolment.filter({ $0.cohortId == cohort.id && ownerIds.contains($0.survivorId) })
                    .fetchCount(db) > 0 else { throw EnterpriseError.cohortWithoutOwners(cohort: cohort.code, business: name) }
                cohortId = cohort.id
            } else {
                cohortId = try Int64.fetchOne(db, sql: """
                    SELECT cohortId FROM enrolment WHERE survivorId IN (\(ownerIds.map { _ in "?" }.joined(separator: ",")))
                    ORDER BY enrolledOn DESC, id DESC LIMIT 1
                    """, arguments: StatementArguments(ownerIds))
            }
            let serial = (try Int.fetchOne(db, sql: "SELECT max(serial) FROM business WHERE siteId = ?", arguments: [site.id]) ?? 0) + 1
            var business = Business(code: String(format: "%@-U%03d", site.code, serial), siteId: site.id!, serial: serial,
                                    name: name, sector: plan.sector, ownership: plan.ownership, cohortId: cohortId,
                                    startedOn: plan.startedOn, createdOn: workspace.today)
            try business.insert(db)
            for id in ownerIds {
                try db.execute(sql: "INSERT INTO business_owner(businessId, survivorId) VALUES (?, ?)", arguments: [business.id, id])
            }
            var first = BusinessStatusChange(businessId: business.id!, date: plan.startedOn ?? workspace.today,
                                             status: plan.startedOn == nil ? .planned : .active, reason: nil,
                                             recordedBy: workspace.actor)
            try first.insert(db)
            try AuditLog.append(db, workspace, action: "business.register",
                                record: ([business.code] + survivors.map(\.code)).joined(separator: " "))
            return business
        }
    }

    /// Moves a business to its next status with the date and reason. Becoming active for the
    /// first time fixes its start date; closing is refused while sales or costs are recorded
    /// after the closing date.
    public static func setStatus(code: String, to status: BusinessStatus, on date: DayDate, reason: String,
                                 in workspace: Workspace) throws {
        guard let reason = try Text.optional(reason, field: "alasan / reason", limit: 300) else { throw EnterpriseError.reasonNeeded }
        try date.requireNotAfter(workspace.today, field: "tanggal / date")
        try workspace.database.write { db in
            var business = try Business.require(code: code, in: db)
            let last = try Business.lastChange(businessId: business.id!, in: db)
            guard last.status.canMove(to: status) else {
                throw EnterpriseError.statusMove(business: business.code, from: last.status, to: status)
            }
            guard date >= last.date else { throw EnterpriseError.changeBeforeLast(business: business.code, last: last.date) }
            if status == .closed, let latest = try DayDate.fetchOne(db, sql: """
                SELECT max(date) FROM (SELECT date FROM sale WHERE businessId = ?1 AND voidedOn IS NULL
                                       UNION ALL SELECT date FROM business_cost WHERE businessId = ?1 AND voidedOn IS NULL)
                """, arguments: [business.id]), latest > date {
                throw EnterpriseError.recordsAfterClose(business: business.code, last: latest)
            }
            if status == .active, business.startedOn == nil {
                business.startedOn = date
                try business.update(db, columns: ["startedOn"])
            }
            var change = BusinessStatusChange(businessId: business.id!, date: date, status: status, reason: reason,
                                              recordedBy: workspace.actor)
            try change.insert(db)
            try AuditLog.append(db, workspace, action: "business.\(status.rawValue)", record: business.code)
        }
    }

    /// Adds a product with its usual price to a business; refuses an empty name or unit, a price
    /// that is not positive or beyond `Rupiah.maximum`, and a second product of the same name.
    @discardableResult
    public static func addProduct(business code: String, name: String, unit: String, usualPrice: Rupiah,
                                  in workspace: Workspace) throws -> Product {
        let name = try Text.required(name, field: "nama produk / product name", limit: 80)
        let unit = try Text.required(unit, field: "satuan / unit", limit: 30)
        guard usualPrice.amount > 0 else { throw InputError.notPositive(field: "harga / price") }
        try usualPrice.bounded(field: "--price")
        return try workspace.database.write { db in
            let business = try Business.require(code: code, in: db)
            if try Product.filter({ $0.businessId == business.id && $0.name == name }).fetchCount(db) > 0 {
                throw EnterpriseError.productExists(business: business.code, product: name)
            }
            var product = Product(businessId: business.id!, name: name, unit: unit, usualPrice: usualPrice)
            try product.insert(db)
            try AuditLog.append(db, workspace, action: "business.product", record: business.code)
            return product
        }
    }

    /// Records a licence. P-IRT and halal certificates need an expiry; an NIB does not expire.
    /// A renewal is recorded as a new licence of the same kind.
    @discardableResult
    public static func addLicence(business code: String, kind: LicenceKind, number: String, issuedOn: DayDate,
                                  expiresOn: DayDate?, in workspace: Workspace) throws -> Licence {
        let number = try Text.required(number, field: "nomor / number", limit: 60)
        try issuedOn.requireNotAfter(workspace.today, field: "terbit / issued")
        if kind != .nib, expiresOn == nil { throw EnterpriseError.expiryNeeded(kind) }
        if let expiresOn, expiresOn <= issuedOn {
            throw InputError.datesOutOfOrder(first: "terbit / issued", firstValue: issuedOn, second: "berakhir / expires",
                                             secondValue: expiresOn)
        }
        return try workspace.database.write { db in
            let business = try Business.require(code: code, in: db)
            if let taken = try Licence.filter({ $0.kind == kind.rawValue && $0.number == number }).fetchOne(db) {
                let holder = try String.fetchOne(db, sql: "SELECT code FROM business WHERE id = ?", arguments: [taken.businessId])!
                throw EnterpriseError.licenceTaken(kind: kind, number: number, business: holder)
            }
            var licence = Licence(businessId: business.id!, kind: kind, number: number, issuedOn: issuedOn, expiresOn: expiresOn)
            try licence.insert(db)
            try AuditLog.append(db, workspace, action: "business.licence", record: business.code)
            return licence
        }
    }

    /// Licences that run out within `days` of today (both ends included) or have run out
    /// already, for businesses that are not closed; a licence already renewed is not listed.
    public static func licencesDue(within days: Int = 60, siteCode: String? = nil, in workspace: Workspace) throws -> [LicenceDue] {
        guard (0...3650).contains(days) else { throw InputError.outOfRange(field: "--days", value: days, range: 0...3650) }
        let today = workspace.today
        return try workspace.database.read { db in
            let siteId = try siteCode.map { try Site.require(code: $0, in: db).id! }
            let rows = try Row.fetchAll(db, sql: """
                SELECT b.id AS businessId, b.code, b.name, l.kind, l.number, max(l.expiresOn) AS expiresOn
                FROM licence l JOIN business b ON b.id = l.businessId
                WHERE l.expiresOn IS NOT NULL AND (?1 IS NULL OR b.siteId = ?1)
                GROUP BY b.id, l.kind
                HAVING max(l.expiresOn) <= ?2
                ORDER BY max(l.expiresOn), b.code
                """, arguments: [siteId, today.adding(days: days)])
            return try rows.compactMap { row in
                let businessId: Int64 = row["businessId"]
                guard try Business.status(businessId: businessId, on: today, in: db) != .closed else { return nil }
                let expires: DayDate = row["expiresOn"]
                return LicenceDue(business: row["code"], name: row["name"], kind: row["kind"], number: row["number"],
                                  expiresOn: expires, daysLeft: expires.dayNumber - today.dayNumber)
            }
        }
    }

    /// Food businesses that sold on days they held no valid P-IRT: flagged for the officer,
    /// never refused, because a survivor's first sales often come before the permit.
    public static func foodWithoutPIRT(siteCode: String? = nil, in workspace: Workspace) throws -> [LicenceFlag] {
        try workspace.database.read { db in
            let siteId = try siteCode.map { try Site.require(code: $0, in: db).id! }
            var flags: [LicenceFlag] = []
            for business in try Business.filter({ $0.sector == Sector.food.rawValue })
                .filter({ siteId == nil || $0.siteId == siteId }).order({ $0.code }).fetchAll(db) {
                if let flag = try pirtFlag(business, in: db) { flags.append(flag) }
            }
            return flags
        }
    }

    static func pirtFlag(_ business: Business, in db: Database) throws -> LicenceFlag? {
        guard business.sector == .food else { return nil }
        let permits = try Licence.permits(.pirt, businessId: business.id!, in: db)
        var flag = LicenceFlag(business: business.code, name: business.name, sales: 0, amount: .zero, first: nil, last: nil)
        func note(_ date: DayDate, _ last: DayDate, _ count: Int, _ amount: Rupiah) {
            flag.sales += count
            flag.amount = Rupiah(flag.amount.amount + amount.amount)  // bounded: see requireSummable below
            flag.first = min(flag.first ?? date, date)
            flag.last = max(flag.last ?? last, last)
        }
        // Every sale and snapshot within Rupiah.maximum and fewer than Rupiah.summable of them:
        // the sums here cannot overflow.
        try StoredMoney.requireSummable(db, table: "sale", columns: ["amount"], where: "businessId = ? AND voidedOn IS NULL",
                                        arguments: [business.id]) { Localized(id: "Penjualan #\($0)", en: "Sale #\($0)") }
        try StoredMoney.requireSummable(db, table: "monthly_snapshot", columns: ["omzet", "costs"],
                                        where: "businessId = ? AND voidedOn IS NULL", arguments: [business.id]) {
            Localized(id: "Ringkasan bulanan #\($0)", en: "Monthly snapshot #\($0)")
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT date, count(*) AS n, sum(amount) AS amount FROM sale WHERE businessId = ? AND voidedOn IS NULL GROUP BY date
            """, arguments: [business.id]) {
            let date: DayDate = row["date"]
            if !permits.contains(where: { $0.isValid(on: date) }) { note(date, date, row["n"], row["amount"]) }
        }
        for snapshot in try MonthlySnapshot.all().standing().filter({ $0.businessId == business.id && $0.omzet > 0 }).fetchAll(db)
            where try !hasItemisedSales(business.id!, snapshot.month, in: db) {
            let month = snapshot.month
            if !permits.contains(where: { $0.issuedOn <= month.last && ($0.expiresOn.map { $0 >= month.first } ?? true) }) {
                note(month.first, month.last, 0, snapshot.omzet)
            }
        }
        return flag.amount.amount > 0 ? flag : nil
    }

    static func hasItemisedSales(_ businessId: Int64, _ month: Month, in db: Database) throws -> Bool {
        try Sale.all().standing().filter { $0.businessId == businessId }
            .filter { $0.date >= month.first && $0.date <= month.last }.fetchCount(db) > 0
    }

    /// A business as lists show it, with its current status and owners; callers add WHERE and ORDER BY.
    private static let summarySQL = """
        SELECT b.code, b.name, b.sector, b.ownership, s.code AS site, c.code AS cohort, b.startedOn,
               (SELECT status FROM business_status_change WHERE businessId = b.id ORDER BY date DESC, id DESC LIMIT 1) AS status,
               (SELECT group_concat(code, ' ') FROM (SELECT v.code FROM business_owner o JOIN survivor v ON v.id = o.survivorId
                WHERE o.businessId = b.id ORDER BY v.code)) AS owners,
               (SELECT count(*) FROM product WHERE businessId = b.id) AS products
        FROM business b JOIN site s ON s.id = b.siteId LEFT JOIN cohort c ON c.id = b.cohortId
        """

    /// Every business, or a site's or a cohort's, ordered by site and serial; refuses an unknown
    /// site or cohort code rather than listing nothing.
    public static func list(siteCode: String? = nil, cohortCode: String? = nil, in workspace: Workspace) throws -> [BusinessSummary] {
        try workspace.database.read { db in
            let siteId = try siteCode.map { try Site.require(code: $0, in: db).id! }
            let cohortId = try cohortCode.map { try Cohort.require(code: $0, in: db).id! }
            return try BusinessSummary.fetchAll(db, sql: summarySQL + " " + """
                WHERE (?1 IS NULL OR b.siteId = ?1) AND (?2 IS NULL OR b.cohortId = ?2)
                ORDER BY s.code, b.serial
                """, arguments: [siteId, cohortId])
        }
    }

    /// A business with its status history, products, licences, partners, events, the money that
    /// reached it by kind, and any sales it made without a valid P-IRT.
    public static func details(code: String, in workspace: Workspace) throws -> BusinessDetails {
        try workspace.database.read { db in
            let business = try Business.require(code: code, in: db)
            let summary = try BusinessSummary.fetchOne(db, sql: summarySQL + " WHERE b.id = ?", arguments: [business.id])!
            let history = try BusinessStatusChange.filter { $0.businessId == business.id }
                .order { [$0.date, $0.id] }.fetchAll(db)
            let products = try Product.filter { $0.businessId == business.id }.order { $0.name }.fetchAll(db)
            let licences = try Licence.filter { $0.businessId == business.id }.order { [$0.kind, $0.issuedOn] }.fetchAll(db)
            let partners = try String.fetchAll(db, sql: """
                SELECT p.code FROM partner_link l JOIN channel_partner p ON p.id = l.partnerId WHERE l.businessId = ? ORDER BY p.code
                """, arguments: [business.id])
            let events = try String.fetchAll(db, sql: """
                SELECT e.code FROM event_participant x JOIN market_event e ON e.id = x.eventId WHERE x.businessId = ?
                ORDER BY e.startDate
                """, arguments: [business.id])
            var capital = BusinessCapital()
            try StoredMoney.requireSummable(db, table: "ledger_entry", columns: ["amount"], where: "businessId = ?",
                                            arguments: [business.id]) { Localized(id: "Transaksi #\($0)", en: "Entry #\($0)") }
            for row in try Row.fetchAll(db, sql: """
                SELECT f.kind AS fundKind, coalesce(o.kind, e.kind) AS kind, -sum(e.amount) AS amount
                FROM ledger_entry e JOIN fund f ON f.id = e.fundId LEFT JOIN ledger_entry o ON o.id = e.reversesId
                WHERE e.businessId = ? GROUP BY 1, 2
                """, arguments: [business.id]) {
                let amount: Rupiah = row["amount"]
                if row["kind"] == EntryKind.loanOut.rawValue {
                    capital.loans = try capital.loans + amount
                } else if row["fundKind"] == FundKind.zakat.rawValue {
                    capital.zakat = try capital.zakat + amount
                } else {
                    capital.grants = try capital.grants + amount
                }
            }
            return BusinessDetails(summary: summary, history: history, products: products, licences: licences,
                                   partners: partners, events: events, capital: capital,
                                   withoutPIRT: try pirtFlag(business, in: db))
        }
    }

    /// Links a ledger entry to the business its money is for: the recipient must be an owner
    /// (or, for a group, the business must be a KUBE), and the business must not be closed.
    static func link(_ entry: inout LedgerEntry, business code: String, in db: Database) throws {
        let business = try Business.require(code: code, in: db)
        let refuse = { (reason: Localized) in EnterpriseError.moneyLink(business: business.code, reason: reason) }
        if try Business.status(businessId: business.id!, on: entry.date, in: db) == .closed {
            throw refuse(Localized(id: "usaha itu sudah tutup pada \(entry.date).", en: "it was closed on \(entry.date)."))
        }
        switch entry.counterpartyKind {
        case "survivor":
            let owns = try Int.fetchOne(db, sql: "SELECT count(*) FROM business_owner WHERE businessId = ? AND survivorId = ?",
                                        arguments: [business.id, entry.survivorId]) ?? 0
            guard owns > 0 else {
                throw refuse(Localized(id: "\(entry.counterparty ?? "") bukan pemiliknya.", en: "\(entry.counterparty ?? "") is not an owner."))
            }
        case "group":
            guard business.ownership == .kube else {
                throw refuse(Localized(id: "hanya KUBE yang menerima dana sebagai kelompok.", en: "only a KUBE receives money as a group."))
            }
        default:
            throw refuse(Localized(id: "penerimanya harus pemilik usaha atau KUBE-nya.", en: "the recipient must be its owner or its KUBE."))
        }
        entry.businessId = business.id
    }
}

/// A business as lists show it: its latest status and its owners' codes.
public struct BusinessSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var name: String
    public var sector: Sector
    public var ownership: Ownership
    public var site: String
    public var cohort: String?
    public var startedOn: DayDate?
    public var status: BusinessStatus
    /// Owner codes, space-separated.
    public var owners: String
    public var products: Int
}

/// Money that went to a business, by kind.
public struct BusinessCapital: Codable, Sendable, Equatable {
    /// Money given from funds other than zakat, net of reversals.
    public var grants = Rupiah.zero
    /// Money given from zakat funds, net of reversals.
    public var zakat = Rupiah.zero
    public var loans = Rupiah.zero
    /// The three are sums over one business's entries, each within `Rupiah.maximum` and fewer
    /// than `Rupiah.summable` (checked when they are read), so their total fits.
    public var total: Rupiah { Rupiah(grants.amount + zakat.amount + loans.amount) }
}

/// Everything the business page shows about one business.
public struct BusinessDetails: Codable, Sendable, Equatable {
    public var summary: BusinessSummary
    public var history: [BusinessStatusChange]
    public var products: [Product]
    public var licences: [Licence]
    public var partners: [String]
    public var events: [String]
    public var capital: BusinessCapital
    /// Its sales made without a valid P-IRT; nil when there are none.
    public var withoutPIRT: LicenceFlag?
}

/// A licence expiring soon or already expired.
public struct LicenceDue: Codable, Sendable, Equatable {
    public var business: String
    public var name: String
    public var kind: LicenceKind
    public var number: String
    public var expiresOn: DayDate
    /// Negative once expired.
    public var daysLeft: Int
}

/// A food business's sales made with no valid P-IRT.
public struct LicenceFlag: Codable, Sendable, Equatable {
    public var business: String
    public var name: String
    /// Itemised sales without a permit (months known only from a snapshot add to `amount`).
    public var sales: Int
    public var amount: Rupiah
    public var first: DayDate?
    public var last: DayDate?
}
