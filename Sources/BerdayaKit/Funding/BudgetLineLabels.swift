/// What a reader calls a budget line. A line is kept as the code a treasurer typed
/// (`micro_grants`); workbooks and entry descriptions show the common ones by name in their
/// language, and any other code with its underscores as spaces.
public enum BudgetLineLabels {
    static let known: [String: Localized] = [
        "training": Localized(id: "Pelatihan", en: "Training"),
        "materials": Localized(id: "Bahan dan peralatan", en: "Materials and equipment"),
        "micro_grants": Localized(id: "Hibah modal usaha", en: "Micro-grants"),
        "loan_capital": Localized(id: "Modal pinjaman bergulir", en: "Revolving loan capital"),
        "staff": Localized(id: "Honor staf", en: "Staff"),
        "monitoring": Localized(id: "Pemantauan dan evaluasi", en: "Monitoring and evaluation"),
        "transport": Localized(id: "Transportasi", en: "Transport"),
        "administration": Localized(id: "Administrasi", en: "Administration"),
    ]

    /// A common line's name in `l` (its code matched case-insensitively); any other code as typed,
    /// with its underscores as spaces.
    public static func label(_ code: String, _ l: Language) -> String {
        known[code.lowercased()].map { $0(l) } ?? code.replacingOccurrences(of: "_", with: " ")
    }
}
