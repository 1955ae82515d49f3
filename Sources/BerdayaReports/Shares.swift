/// Shares of a whole that add up to exactly 100 as shown: each part's percentage rounded to
/// `decimals` places by the largest-remainder method, so a column of shares never totals
/// 99.9% or 100.1%.
public enum Shares {
    /// The percentages of `parts` in their sum (32.4 for 32.4%), or nil for each when the sum is
    /// zero. Negative parts are not shares: they get their plain rounded percentage.
    public static func percentages(_ parts: [Int64], decimals: Int = 1) -> [Double?] {
        let whole = parts.reduce(0, +)
        guard whole > 0 else { return parts.map { _ in nil } }
        var scale: Int64 = 100
        for _ in 0..<decimals { scale *= 10 }
        if parts.contains(where: { $0 < 0 }) {
            return parts.map { (Double($0) * Double(scale) / Double(whole)).rounded() / Double(scale / 100) }
        }
        // Units of 0.1% (for one decimal): floor each, then give the units left over to the
        // parts with the largest remainders (ties to the earlier part).
        var units = parts.map { $0 * scale / whole }
        let remainders = parts.map { ($0 * scale) % whole }
        var left = scale - units.reduce(0, +)
        for index in remainders.indices.sorted(by: { remainders[$0] > remainders[$1] || (remainders[$0] == remainders[$1] && $0 < $1) }) {
            guard left > 0 else { break }
            units[index] += 1
            left -= 1
        }
        return units.map { Double($0) / Double(scale / 100) }
    }
}
