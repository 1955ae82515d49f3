import Foundation
import GRDB

/// Which businesses a figure covers: all, a site's, a cohort's, or one; and, when given, only
/// those of a set (the businesses a funder's money reached, or a BAZNAS report's mustahik own).
public struct BusinessScope: Sendable, Equatable {
    public var siteCode: String?
    public var cohortCode: String?
    public var businessCode: String?
    public var businessCodes: Set<String>?

    /// Nil fields do not narrow: the default scope is every business.
    public init(siteCode: String? = nil, cohortCode: String? = nil, businessCode: String? = nil, businessCodes: Set<String>? = nil) {
        self.siteCode = siteCode
        self.cohortCode = cohortCode
        self.businessCode = businessCode
        self.businessCodes = businessCodes
    }

    struct Resolved {
        var siteId: Int64?
        var cohortId: Int64?
        var businessId: Int64?
        /// The set's ids, written into the filter as numbers.
        var businessIds: [Int64]?
        var arguments: StatementArguments { [siteId, cohortId, businessId] }
        /// A filter on `b` (the business table) using arguments ?1, ?2 and ?3.
        var filter: String {
            "(?1 IS NULL OR b.siteId = ?1) AND (?2 IS NULL OR b.cohortId = ?2) AND (?3 IS NULL OR b.id = ?3)"
                + (businessIds.map { " AND b.id IN (\($0.map(String.init).joined(separator: ",")))" } ?? "")
        }
    }

    func resolve(in db: Database) throws -> Resolved {
        Resolved(siteId: try siteCode.map { try Site.require(code: $0, in: db).id! },
                 cohortId: try cohortCode.map { try Cohort.require(code: $0, in: db).id! },
                 businessId: try businessCode.map { try Business.require(code: $0, in: db).id! },
                 businessIds: try businessCodes.map { codes in
                     try Int64.fetchAll(db, sql: "SELECT id FROM business WHERE code IN (SELECT value FROM json_each(?))",
                                        arguments: [Reach.json(Array(codes))])
                 })
    }
}

/// Where a month's figures come from.
public enum FigureSource: String, Codable, Sendable {
    /// Itemised sales (and itemised costs).
    case itemised
    /// A monthly snapshot, because the month has no itemised sales.
    case snapshot
    /// Mixed: across several businesses, some months itemised and some from snapshots.
    case mixed
    case none
}

/// A month's figures for one business or a group of them. Each business-month counts once:
/// from its itemised sales when it has any, otherwise from its snapshot.
public struct MonthFigures: Codable, Sendable, Equatable {
    public var month: Month
    public var source: FigureSource
    public var omzet: Rupiah
    public var costs: Rupiah
    /// Omzet and costs are sums of amounts the schema keeps at zero or above, so both lie in
    /// 0...Int64.max and their difference always fits.
    public var grossProfit: Rupiah { Rupiah(omzet.amount - costs.amount) }
    /// Omzet by channel from itemised sales.
    public var byChannel: [SalesChannel: Rupiah]
    /// Omzet known only from snapshots, so by no channel.
    public var fromSnapshots: Rupiah
    /// Businesses with any figure this month.
    public var businesses: Int
    /// The month of Ramadan and Idul Fitri (Lebaran), when cookie and gift orders peak.
    public var lebaranSeason: Bool
}

/// A business-month with both itemised sales and a snapshot: the snapshot is not counted,
/// and the officer sees how far apart the two are.
public struct Disagreement: Codable, Sendable, Equatable {
    public var business: String
    public var month: Month
    public var itemisedOmzet: Rupiah
    public var snapshotOmzet: Rupiah
    public var itemisedCosts: Rupiah
    public var snapshotCosts: Rupiah
    /// Both at zero or above (schema CHECKs), so the difference always fits.
    public var difference: Rupiah { Rupiah(snapshotOmzet.amount - itemisedOmzet.amount) }
}

/// One sales channel's omzet in a period and its share of all omzet.
public struct ChannelShare: Codable, Sendable, Equatable {
    /// Nil for omzet known only from snapshots.
    public var channel: SalesChannel?
    public var omzet: Rupiah
    /// Percent of all omzet in the period (itemised and snapshot).
    public var share: Double?
}

/// Omzet by channel over a period, with how much of the itemised part came through channels
/// a market-access event opened.
public struct ChannelFigures: Codable, Sendable, Equatable {
    public var period: Period
    public var rows: [ChannelShare]
    public var total: Rupiah
    public var itemised: Rupiah
    /// Itemised omzet sold at a market-access event or through a partner an event opened.
    public var throughEventChannels: Rupiah
    /// Percent of itemised omzet (snapshots carry no channel).
    public var eventShare: Double?
}

/// How many of a group's businesses started, are active now, and were still active 6 and 12
/// months after their start (of those old enough to tell).
public struct SurvivalRow: Codable, Sendable, Equatable {
    /// A site or cohort code (or "-" for businesses with no cohort).
    public var group: String
    public var started: Int
    public var activeNow: Int
    /// Businesses started at least 6 months ago, and those of them active 6 months after their start.
    public var eligible6: Int
    public var active6: Int
    public var eligible12: Int
    public var active12: Int
}

/// What the survival table groups businesses by.
public enum SurvivalGrouping: String, Sendable, CaseIterable {
    case site, cohort
}

/// Business figures: monthly omzet, costs and profit, channels, survival and the gaps between
/// itemised sales and snapshots.
public enum BusinessFigures {
    /// One row per month of the period up to this month, each business-month counted once.
    public static func monthly(_ scope: BusinessScope, period: Period, in workspace: Workspace) throws -> [MonthFigures] {
        let period = try Period(start: period.start, end: max(period.start, min(period.end, workspace.today)))
        return try workspace.database.read { db in try monthly(scope.resolve(in: db), period: period, in: db) }
    }

    /// What one business did in one month: itemised sales by channel, costs, and its snapshot.
    struct BusinessMonth {
        var sales: [SalesChannel: Rupiah] = [:]
        var eventOpened = Rupiah.zero
        var costs = Rupiah.zero
        var snapshot: (omzet: Rupiah, costs: Rupiah)?
        var itemisedOmzet: Rupiah { get throws { try sales.values.reduce(.zero, +) } }
        var itemised: Bool { !sales.isEmpty }
    }

    struct Key: Hashable {
        var businessId: Int64
        var month: Month
    }

    static func businessMonths(_ scope: BusinessScope.Resolved, period: Period, in db: Database) throws -> [Key: BusinessMonth] {
        try requireSummable(period: period, in: db)
        var cells: [Key: BusinessMonth] = [:]
        var arguments = scope.arguments
        _ = arguments.append(contentsOf: [period.start, period.end])
        for row in try Row.fetchAll(db, sql: """
            SELECT s.businessId, substr(s.date, 1, 7) AS month, s.channel,
                   (s.eventId IS NOT NULL OR l.eventId IS NOT NULL) AS opened, sum(s.amount) AS amount
            FROM sale s JOIN business b ON b.id = s.businessId
            LEFT JOIN partner_link l ON l.partnerId = s.partnerId AND l.businessId = s.businessId
            WHERE \(scope.filter) AND s.voidedOn IS NULL AND s.date BETWEEN ?4 AND ?5
            GROUP BY 1, 2, 3, 4
            """, arguments: arguments) {
            let key = Key(businessId: row["businessId"], month: row["month"])
            let channel: SalesChannel = row["channel"], amount: Rupiah = row["amount"]
            cells[key, default: BusinessMonth()].sales[channel, default: .zero] = try (cells[key]?.sales[channel] ?? .zero) + amount
            if row["opened"] as Bool { cells[key]!.eventOpened = try cells[key]!.eventOpened + amount }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT c.businessId, substr(c.date, 1, 7) AS month, sum(c.amount) AS amount
            FROM business_cost c JOIN business b ON b.id = c.businessId
            WHERE \(scope.filter) AND c.voidedOn IS NULL AND c.date BETWEEN ?4 AND ?5
            GROUP BY 1, 2
            """, arguments: arguments) {
            cells[Key(businessId: row["businessId"], month: row["month"]), default: BusinessMonth()].costs = row["amount"]
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.businessId, m.month, m.omzet, m.costs
            FROM monthly_snapshot m JOIN business b ON b.id = m.businessId
            WHERE \(scope.filter) AND m.voidedOn IS NULL AND m.month BETWEEN substr(?4, 1, 7) AND substr(?5, 1, 7)
            """, arguments: arguments) {
            cells[Key(businessId: row["businessId"], month: row["month"]), default: BusinessMonth()].snapshot = (row["omzet"], row["costs"])
        }
        return cells
    }

    /// Refuses (naming the row) to add up sales, costs or snapshots of a period when one was
    /// stored beyond `Rupiah.maximum` before amounts were bounded; otherwise every sum fits.
    static func requireSummable(period: Period, in db: Database) throws {
        let dated = "voidedOn IS NULL AND date BETWEEN ? AND ?"
        try StoredMoney.requireSummable(db, table: "sale", columns: ["amount"], where: dated,
                                        arguments: [period.start, period.end]) { Localized(id: "Penjualan #\($0)", en: "Sale #\($0)") }
        try StoredMoney.requireSummable(db, table: "business_cost", columns: ["amount"], where: dated,
                                        arguments: [period.start, period.end]) { Localized(id: "Biaya #\($0)", en: "Cost #\($0)") }
        try StoredMoney.requireSummable(db, table: "monthly_snapshot", columns: ["omzet", "costs"],
                                        where: "voidedOn IS NULL AND month BETWEEN substr(?, 1, 7) AND substr(?, 1, 7)",
                                        arguments: [period.start, period.end]) { Localized(id: "Ringkasan bulanan #\($0)", en: "Monthly snapshot #\($0)") }
    }

    static func monthly(_ scope: BusinessScope.Resolved, period: Period, in db: Database) throws -> [MonthFigures] {
        let months = Month.range(Month(period.start), Month(period.end))
        var figures = Dictionary(uniqueKeysWithValues: months.map {
            ($0, MonthFigures(month: $0, source: .none, omzet: .zero, costs: .zero, byChannel: [:], fromSnapshots: .zero,
                              businesses: 0, lebaranSeason: IdulFitri.isSeason($0)))
        })
        for (key, cell) in try businessMonths(scope, period: period, in: db) {
            guard var month = figures[key.month] else { continue }
            let source: FigureSource
            if let snapshot = cell.snapshot, !cell.itemised {
                month.omzet = try month.omzet + snapshot.omzet
                month.costs = try month.costs + snapshot.costs
                month.fromSnapshots = try month.fromSnapshots + snapshot.omzet
                source = .snapshot
            } else {
                month.omzet = try month.omzet + cell.itemisedOmzet
                month.costs = try month.costs + cell.costs
                for (channel, amount) in cell.sales { month.byChannel[channel] = try (month.byChannel[channel] ?? .zero) + amount }
                source = .itemised
            }
            month.source = month.source == .none || month.source == source ? source : .mixed
            month.businesses += 1
            figures[key.month] = month
        }
        return months.map { figures[$0]! }
    }

    /// Omzet by channel over a period, with the share that came through channels opened by
    /// market-access events.
    public static func channels(_ scope: BusinessScope, period: Period, in workspace: Workspace) throws -> ChannelFigures {
        try workspace.database.read { db in
            let cells = try businessMonths(scope.resolve(in: db), period: period, in: db)
            var byChannel: [SalesChannel: Rupiah] = [:]
            var snapshots = Rupiah.zero, opened = Rupiah.zero
            for cell in cells.values {
                if let snapshot = cell.snapshot, !cell.itemised {
                    snapshots = try snapshots + snapshot.omzet
                    continue
                }
                for (channel, amount) in cell.sales { byChannel[channel] = try (byChannel[channel] ?? .zero) + amount }
                opened = try opened + cell.eventOpened
            }
            let itemised = try byChannel.values.reduce(.zero, +)
            let total = try itemised + snapshots
            var rows = SalesChannel.allCases.compactMap { channel in
                byChannel[channel].map { ChannelShare(channel: channel, omzet: $0, share: Percent.of($0.amount, total.amount)) }
            }
            if snapshots.amount > 0 { rows.append(ChannelShare(channel: nil, omzet: snapshots, share: Percent.of(snapshots.amount, total.amount))) }
            return ChannelFigures(period: period, rows: rows, total: total, itemised: itemised, throughEventChannels: opened,
                                  eventShare: Percent.of(opened.amount, itemised.amount))
        }
    }

    /// Business-months where itemised sales and a snapshot both exist.
    public static func disagreements(_ scope: BusinessScope, period: Period, in workspace: Workspace) throws -> [Disagreement] {
        try workspace.database.read { db in
            let cells = try businessMonths(scope.resolve(in: db), period: period, in: db)
            let codes = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT id, code FROM business")
                .map { ($0["id"] as Int64, $0["code"] as String) })
            return try cells.compactMap { key, cell in
                guard let snapshot = cell.snapshot, cell.itemised else { return nil }
                return Disagreement(business: codes[key.businessId]!, month: key.month, itemisedOmzet: try cell.itemisedOmzet,
                                    snapshotOmzet: snapshot.omzet, itemisedCosts: cell.costs, snapshotCosts: snapshot.costs)
            }.sorted { ($0.business, $0.month) < ($1.business, $1.month) }
        }
    }

    /// Businesses started, active today, and active 6 and 12 months after their start (of
    /// those started long enough ago), per site or per cohort. Paused is not active.
    public static func survival(by grouping: SurvivalGrouping, _ scope: BusinessScope = BusinessScope(),
                                in workspace: Workspace) throws -> [SurvivalRow] {
        let today = workspace.today
        return try workspace.database.read { db in
            let resolved = try scope.resolve(in: db)
            let businesses = try Row.fetchAll(db, sql: """
                SELECT b.id, b.startedOn, s.code AS site, coalesce(c.code, '-') AS cohort
                FROM business b JOIN site s ON s.id = b.siteId LEFT JOIN cohort c ON c.id = b.cohortId
                WHERE \(resolved.filter) AND b.startedOn IS NOT NULL AND b.startedOn <= ?4
                """, arguments: resolved.arguments + [today])
            var history: [Int64: [(DayDate, BusinessStatus)]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT x.businessId, x.date, x.status FROM business_status_change x JOIN business b ON b.id = x.businessId
                WHERE \(resolved.filter) ORDER BY x.businessId, x.date, x.id
                """, arguments: resolved.arguments) {
                history[row["businessId"], default: []].append((row["date"], row["status"]))
            }
            func status(_ id: Int64, on date: DayDate) -> BusinessStatus? {
                history[id]?.last { $0.0 <= date }?.1
            }
            var rows: [String: SurvivalRow] = [:]
            for business in businesses {
                let id: Int64 = business["id"], started: DayDate = business["startedOn"]
                let group: String = business[grouping.rawValue]
                var row = rows[group] ?? SurvivalRow(group: group, started: 0, activeNow: 0, eligible6: 0, active6: 0,
                                                     eligible12: 0, active12: 0)
                row.started += 1
                if status(id, on: today) == .active { row.activeNow += 1 }
                let six = started.adding(months: 6), twelve = started.adding(months: 12)
                if six <= today {
                    row.eligible6 += 1
                    if status(id, on: six) == .active { row.active6 += 1 }
                }
                if twelve <= today {
                    row.eligible12 += 1
                    if status(id, on: twelve) == .active { row.active12 += 1 }
                }
                rows[group] = row
            }
            return rows.values.sorted { $0.group < $1.group }
        }
    }
}

/// Idul Fitri (1 Syawal) as Indonesia's government set it, and the Ramadan before it: the
/// season when cookie and gift orders peak. Later years are the published estimates.
public enum IdulFitri {
    /// 1 Syawal of each year from 2020, one date a year, in order.
    public static let dates: [DayDate] = [
        (2020, 5, 24), (2021, 5, 13), (2022, 5, 2), (2023, 4, 22), (2024, 4, 10), (2025, 3, 31), (2026, 3, 20),
        (2027, 3, 10), (2028, 2, 27), (2029, 2, 15), (2030, 2, 5),
    ].map { DayDate(year: $0.0, month: $0.1, day: $0.2)! }

    /// Whether the month overlaps the 30 days of Ramadan up to Idul Fitri itself.
    public static func isSeason(_ month: Month) -> Bool {
        dates.contains { day in month.first <= day && month.last >= day.adding(days: -30) }
    }
}
