import Foundation
import GRDB

/// How late a loan's oldest unpaid instalment is, in the buckets a portfolio report uses.
public enum AgeingBucket: String, Sendable, Codable, CaseIterable, Comparable {
    case current
    case late1to30 = "late_1_30"
    case late31to90 = "late_31_90"
    case over90 = "over_90"

    /// The bucket for an instalment `daysLate` days overdue; zero or less is current.
    public init(daysLate: Int) {
        switch daysLate {
        case ...0: self = .current
        case 1...30: self = .late1to30
        case 31...90: self = .late31to90
        default: self = .over90
        }
    }

    public var label: Localized {
        switch self {
        case .current: Localized(id: "lancar (tidak terlambat)", en: "current (not late)")
        case .late1to30: Localized(id: "terlambat 1–30 hari", en: "1–30 days late")
        case .late31to90: Localized(id: "terlambat 31–90 hari", en: "31–90 days late")
        case .over90: Localized(id: "terlambat > 90 hari", en: "over 90 days late")
        }
    }

    /// From current to the latest bucket.
    public static func < (lhs: AgeingBucket, rhs: AgeingBucket) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A loan as a portfolio report shows it: a standing that says how late it is, never a bare
/// "active" for a loan months behind.
public enum LoanStanding: String, Sendable, Codable, CaseIterable {
    case current, late1to30 = "late_1_30", late31to90 = "late_31_90", over90 = "over_90", repaid
    case writtenOff = "written_off", cancelled

    public var label: Localized {
        switch self {
        case .current: Localized(id: "lancar", en: "current")
        case .late1to30: Localized(id: "terlambat 1–30 hari", en: "1–30 days late")
        case .late31to90: Localized(id: "menunggak 31–90 hari", en: "in arrears 31–90 days")
        case .over90: Localized(id: "macet (> 90 hari)", en: "non-performing (over 90 days)")
        case .repaid: Localized(id: "lunas", en: "repaid")
        case .writtenOff: Localized(id: "dihapusbukukan", en: "written off")
        case .cancelled: Localized(id: "dibatalkan", en: "cancelled")
        }
    }
}

/// One loan on a date: its schedule to date, what came back, what was written off, how late.
public struct LoanPosition: Sendable, Equatable {
    public var code: String
    public var fund: String
    public var site: String?
    public var borrower: String
    public var start: DayDate
    /// The last instalment's due date.
    public var maturity: DayDate
    public var principal: Rupiah
    /// Instalments due by the date.
    public var due: Rupiah
    public var repaid: Rupiah
    public var writtenOff: Rupiah
    /// Principal minus repayments; zero once the loan is written off or cancelled.
    public var outstanding: Rupiah
    /// The unpaid part of instalments already due.
    public var arrears: Rupiah
    /// Days since the oldest unpaid instalment fell due; zero when none is late.
    public var daysLate: Int
    /// Nil for a loan no longer in the portfolio (repaid, written off, cancelled).
    public var bucket: AgeingBucket?
    public var standing: LoanStanding
    /// What came back of what was due, in percent (repayments beyond what is due count as due).
    public var repaymentPercent: Double? { Percent.of(min(repaid, due).amount, due.amount) }
}

/// A bucket of the portfolio of one fund.
public struct AgeingRow: Sendable, Equatable {
    public var fund: String
    public var bucket: AgeingBucket
    public var loans: Int
    public var outstanding: Rupiah
    public var arrears: Rupiah
    /// This bucket's share of the fund's outstanding principal, in percent.
    public var sharePercent: Double?
}

/// Repayment of one fund's loans on a date.
public struct RepaymentRow: Sendable, Equatable {
    public var fund: String
    /// Loans issued and not cancelled.
    public var loans: Int
    public var principal: Rupiah
    public var due: Rupiah
    public var repaid: Rupiah
    /// Repaid of what was due (capped per loan at what was due), in percent.
    public var repaymentPercent: Double?
    public var writtenOffLoans: Int
    public var writtenOff: Rupiah
    public var outstanding: Rupiah
}

/// Ageing, repayment rate, write-offs and maturity of the qard hasan portfolio.
public enum LoanAgeing {
    /// Every loan started by `asOf` (cancelled ones too, so the list is complete).
    public static func positions(asOf: DayDate, fundCode: String? = nil, in workspace: Workspace) throws -> [LoanPosition] {
        try positions(of: Loans.portfolio(asOf: asOf, fundCode: fundCode, in: workspace), in: workspace)
    }

    /// The positions of the loans of a portfolio already read (a report's scope chooses them).
    public static func positions(of portfolio: LoanPortfolio, in workspace: Workspace) throws -> [LoanPosition] {
        let asOf = portfolio.asOf
        let writtenOff = try workspace.database.read { db in
            try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: """
                SELECT loan.code, sum(e.writtenOff) AS amount FROM ledger_entry e JOIN loan ON loan.id = e.loanId
                WHERE e.kind = 'write_off' AND e.date <= ? GROUP BY loan.id
                """, arguments: [asOf]).map { ($0["code"] as String, Rupiah($0["amount"] as Int64)) })
        }
        return try portfolio.loans.map { s in
            let due = try s.instalments.filter { $0.dueDate <= asOf }.reduce(Rupiah.zero) { try $0 + $1.amount }
            let off = writtenOff[s.code] ?? .zero
            let standing: LoanStanding
            var bucket: AgeingBucket?
            switch s.status {
            case .cancelled: standing = .cancelled
            case .writtenOff: standing = .writtenOff
            case .active where s.outstanding.amount == 0: standing = .repaid
            case .active:
                let b = AgeingBucket(daysLate: s.daysLate)
                bucket = b
                standing = switch b {
                case .current: .current
                case .late1to30: .late1to30
                case .late31to90: .late31to90
                case .over90: .over90
                }
            }
            return LoanPosition(code: s.code, fund: s.fund, site: s.site, borrower: s.borrower, start: s.startDate,
                                maturity: s.instalments.last?.dueDate ?? s.startDate, principal: s.principal, due: due,
                                repaid: s.repaid, writtenOff: off, outstanding: s.outstanding, arrears: s.arrears,
                                daysLate: s.daysLate, bucket: bucket, standing: standing)
        }
    }

    /// Per fund, every bucket (empty ones too), with its share of the fund's outstanding principal.
    public static func ageing(_ positions: [LoanPosition]) throws -> [AgeingRow] {
        let funds = Set(positions.map(\.fund)).sorted()
        return try funds.flatMap { fund -> [AgeingRow] in
            let open = positions.filter { $0.fund == fund && $0.bucket != nil }
            let total = try open.reduce(Rupiah.zero) { try $0 + $1.outstanding }
            return try AgeingBucket.allCases.map { bucket in
                let these = open.filter { $0.bucket == bucket }
                let outstanding = try these.reduce(Rupiah.zero) { try $0 + $1.outstanding }
                return AgeingRow(fund: fund, bucket: bucket, loans: these.count, outstanding: outstanding,
                                 arrears: try these.reduce(Rupiah.zero) { try $0 + $1.arrears },
                                 sharePercent: Percent.of(outstanding.amount, total.amount))
            }
        }
    }

    /// Per fund: what was due, what came back, what was written off.
    public static func repayment(_ positions: [LoanPosition]) throws -> [RepaymentRow] {
        try Set(positions.map(\.fund)).sorted().map { fund in
            let loans = positions.filter { $0.fund == fund && $0.standing != .cancelled }
            let due = try loans.reduce(Rupiah.zero) { try $0 + $1.due }
            let cappedRepaid = loans.reduce(Int64(0)) { $0 + min($1.repaid, $1.due).amount }
            return RepaymentRow(fund: fund, loans: loans.count, principal: try loans.reduce(.zero) { try $0 + $1.principal }, due: due,
                                repaid: try loans.reduce(.zero) { try $0 + $1.repaid }, repaymentPercent: Percent.of(cappedRepaid, due.amount),
                                writtenOffLoans: loans.filter { $0.writtenOff.amount > 0 }.count,
                                writtenOff: try loans.reduce(.zero) { try $0 + $1.writtenOff },
                                outstanding: try loans.reduce(.zero) { try $0 + $1.outstanding })
        }
    }
}
