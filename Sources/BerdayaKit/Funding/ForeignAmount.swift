import Foundation

/// Money that arrived in another currency, with the rate used to turn it into whole rupiah.
/// Amounts are kept in the currency's minor unit (cents) and the rate as the decimal text the
/// treasurer typed, so nothing is ever a floating-point number.
public struct ForeignAmount: Hashable, Sendable, Codable {
    /// ISO 4217 codes accepted, with their number of decimals.
    public static let currencies: [String: Int] = [
        "USD": 2, "AUD": 2, "EUR": 2, "GBP": 2, "SGD": 2, "MYR": 2, "HKD": 2, "TWD": 2, "SAR": 2,
        "AED": 2, "CAD": 2, "NZD": 2, "CHF": 2, "NOK": 2, "SEK": 2, "DKK": 2, "JPY": 0, "KRW": 0,
    ]

    /// The most units of a currency one amount may have: 1,000,000,000,000 (with its decimals).
    public static let maximumUnits: Int64 = 1_000_000_000_000
    /// The highest rate: Rp 1.000.000 per unit (the dollar is about Rp 16.000, the pound Rp 21.000).
    public static let maximumRate: Int64 = 1_000_000

    public let currency: String
    /// In minor units: USD 1,250.50 is 125050.
    public let minorUnits: Int64
    /// Rupiah per one unit of the currency, as written (`15750.25`).
    public let rate: String
    /// The rupiah it was booked as: minor units × rate, rounded half away from zero to whole rupiah.
    public let rupiah: Rupiah

    /// Parses an amount in `code`'s currency and a rate in rupiah per unit, and books the product
    /// in whole rupiah. Refuses an unknown currency, more decimals than it has, a rate with more than
    /// 6 decimals, an amount, a rate or a result beyond their bounds, and a result below Rp 1.
    public init(amount text: String, currency code: String, rate rateText: String) throws {
        let currency = code.trimmingCharacters(in: .whitespaces).uppercased()
        guard let decimals = ForeignAmount.currencies[currency] else {
            throw FundingError.unknownCurrency(code, known: ForeignAmount.currencies.keys.sorted())
        }
        guard let (units, unitScale) = try ForeignAmount.decimal(text, field: "--foreign") else {
            throw FundingError.foreignTooLarge(text, currency: currency)
        }
        guard unitScale <= decimals, units > 0 else { throw InputError.invalidAmount(field: "--foreign", value: text) }
        // The bound first (at most 10^12 × 10^2), so that scaling to minor units cannot overflow.
        guard units <= ForeignAmount.maximumUnits * ForeignAmount.power(unitScale) else {
            throw FundingError.foreignTooLarge(text, currency: currency)
        }
        let minor = units * ForeignAmount.power(decimals - unitScale)
        let parsedRate: (Int64, Int)?
        do { parsedRate = try ForeignAmount.decimal(rateText, field: "--rate") } catch { throw FundingError.invalidRate(rateText) }
        guard let (rate, rateScale) = parsedRate else { throw FundingError.rateTooLarge(rateText) }
        guard rate > 0, rateScale <= 6 else { throw FundingError.invalidRate(rateText) }
        guard rate <= ForeignAmount.maximumRate * ForeignAmount.power(rateScale) else { throw FundingError.rateTooLarge(rateText) }
        // rupiah = minor × rate / 10^(decimals + rateScale), in 128-bit so large grants cannot overflow
        let numerator = Int128(minor) * Int128(rate)
        let divisor = Int128(ForeignAmount.power(decimals + rateScale))
        let rounded = (numerator + divisor / 2) / divisor
        guard rounded > 0 else { throw InputError.invalidAmount(field: "--foreign", value: text) }
        guard rounded <= Int128(Rupiah.maximum.amount) else {
            throw InputError.amountTooLarge(field: "--foreign × --rate", value: "\(currency) \(text) × \(rateText)", limit: Rupiah.maximum)
        }
        self.currency = currency
        self.minorUnits = minor
        self.rate = rateText.trimmingCharacters(in: .whitespaces)
        self.rupiah = Rupiah(Int64(rounded))
    }

    /// `1,250.50` or `1250.50` → (125050, 2). English number format: a dot for decimals.
    /// Nil for a well-formed number of more than 18 digits (too large to be any amount or rate).
    static func decimal(_ text: String, field: String) throws -> (Int64, Int)? {
        let compact = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty
        else { throw InputError.invalidAmount(field: field, value: text) }
        let digits = parts.joined().drop { $0 == "0" }
        guard digits.count <= 18 else { return nil }
        guard let value = digits.isEmpty ? 0 : Int64(String(digits)) else { throw InputError.invalidAmount(field: field, value: text) }
        return (value, parts.count == 2 ? parts[1].count : 0)
    }

    static func power(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(Int64(1)) { value, _ in value * 10 }
    }

    /// `USD 1,250.50`.
    public var formatted: String { ForeignAmount.format(currency: currency, minorUnits: minorUnits) }

    /// `USD 1,250.50` from a currency and an amount in its minor unit, without floating point.
    public static func format(currency: String, minorUnits: Int64) -> String {
        let decimals = ForeignAmount.currencies[currency] ?? 2
        let scale = ForeignAmount.power(decimals)
        let whole = Rupiah(minorUnits / scale).formatted(.en).replacingOccurrences(of: "IDR ", with: "")
        let fraction = decimals == 0 ? "" : "." + String(format: "%0\(decimals)lld", minorUnits % scale)
        return "\(currency) \(whole)\(fraction)"
    }
}
