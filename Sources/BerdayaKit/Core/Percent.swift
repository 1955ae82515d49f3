/// Shares shown to people: percent with one decimal, rounded half up. Rules that decide
/// something (completion, caps) compare whole numbers instead and never use this.
public enum Percent {
    /// `part` of `whole` in percent, or nil when `whole` is zero.
    public static func of(_ part: Int64, _ whole: Int64) -> Double? {
        // In floating point from the start: `part * 1000` overflows an Int64 for a part above 9.2e15.
        whole == 0 ? nil : (Double(part) * 1000 / Double(whole)).rounded() / 10
    }
}
