import BerdayaKit

/// What a dataset declares about its figures, for disclosure control: identities that hold in
/// every row, figures derived from a count (hidden whenever that count is), shares of a column,
/// and the figures that stand for the same people on another dataset's sheet.
struct DatasetRules: Sendable {
    /// `lhs = Σ rhs` in every row (enrolled = completed + left + current).
    var identities: [(lhs: String, rhs: [String])] = []
    /// A figure and the count it is computed from: a mean, median, rate or index over those
    /// people. The base may be a field no sheet shows.
    var derived: [String: String] = [:]
    /// A share and the count it divides by its column's total (before_share = before / Σ before).
    var shares: [String: String] = [:]
    /// Money paid to the people a count counts, beside a list of each payment: a reader who
    /// finds the payments that add up to it learns the count, so it hides whenever the count
    /// does, for whatever reason.
    var paidTo: [String: String] = [:]
    /// For datasets whose rows are figures of different kinds (key figures): which rows derive
    /// from which, by the row's `key`.
    var derivedRows: [String: String] = [:]
}

/// A reference to a figure of a dataset, wherever the workbook puts it: one row's field (by the
/// row's `key`), or the sum of a field over every row.
enum FigureReference: Sendable {
    case row(dataset: String, key: String, field: String)
    case column(dataset: String, field: String)
}

/// `Σ left = Σ right`, between sheets of one workbook.
struct FigureLink: Sendable {
    var left: [FigureReference]
    var right: [FigureReference]
    /// Only when it holds for this report's data: a link that is false for this data tells a
    /// reader nothing, and one that is true must be defended.
    var onlyWhenTrue = true
}

/// A list of rows about one person each (the BAZNAS mustahik list) beside a count of those
/// people per category: counting distinct codes per category gives the counts back, so the
/// list hides a category wherever the count is hidden, and its whole is known to any reader.
struct ListLink: Sendable {
    var list: String
    var person: String
    var category: String
    var aggregate: String
    var aggregateCategory: String
    var count: String
}

enum DisclosureRules {
    static let listLinks: [ListLink] = [
        ListLink(list: "zakat-mustahik", person: "mustahik", category: "asnaf", aggregate: "zakat-by-asnaf", aggregateCategory: "asnaf", count: "mustahik"),
        ListLink(list: "zakat-mustahik", person: "mustahik", category: "cohort", aggregate: "zakat-by-program", aggregateCategory: "cohort", count: "mustahik"),
    ]

    static let byDataset: [String: DatasetRules] = [
        "cohorts": DatasetRules(identities: [("enrolled", ["completed", "left", "other", "current"])]),
        "cibest": DatasetRules(shares: ["before_share": "before", "followed_before_share": "followed_before", "after_share": "after"]),
        "cibest-transitions": DatasetRules(identities: [("total", ["to_1", "to_2", "to_3", "to_4"])]),
        "outcome-indicators": DatasetRules(derived: ["median_change": "followed", "mean_change": "followed"]),
        "training-modules": DatasetRules(derived: ["attendance": "members", "pre": "scored", "post": "scored", "gain": "scored"]),
        "zakat-by-asnaf": DatasetRules(paidTo: ["amount": "mustahik"]),
        "zakat-by-program": DatasetRules(paidTo: ["amount": "mustahik"]),
        "key-figures": DatasetRules(derivedRows: ["attendance": "enrolled", "w_before": "followed", "w_after": "followed"]),
    ]

    static func rules(_ dataset: String) -> DatasetRules { byDataset[dataset] ?? DatasetRules() }

    /// Figures that stand for the same people on two sheets.
    static let links: [FigureLink] = {
        var links: [FigureLink] = []
        for q in 1...4 {
            // The transition table's margins are the before and after counts.
            links.append(FigureLink(left: [.row(dataset: "cibest-transitions", key: "q\(q)", field: "total")],
                                    right: [.row(dataset: "cibest", key: "q\(q)", field: "followed_before")], onlyWhenTrue: false))
            links.append(FigureLink(left: (1...4).map { .row(dataset: "cibest-transitions", key: "q\($0)", field: "to_\(q)") },
                                    right: [.row(dataset: "cibest", key: "q\(q)", field: "after")], onlyWhenTrue: false))
        }
        links.append(FigureLink(left: [.column(dataset: "cibest", field: "followed_before")], right: [.column(dataset: "cibest", field: "after")]))
        links.append(FigureLink(left: [.row(dataset: "key-figures", key: "enrolled", field: "value")], right: [.column(dataset: "cohorts", field: "enrolled")]))
        links.append(FigureLink(left: [.row(dataset: "key-figures", key: "completed", field: "value")], right: [.column(dataset: "cohorts", field: "completed")]))
        links.append(FigureLink(left: [.row(dataset: "key-figures", key: "followed", field: "value")], right: [.column(dataset: "cibest", field: "after")]))
        links.append(FigureLink(left: [.row(dataset: "key-figures", key: "followed", field: "value")], right: [.column(dataset: "outcome-indicators", field: "followed")]))
        links.append(FigureLink(left: [.column(dataset: "cibest", field: "after")], right: [.column(dataset: "outcome-indicators", field: "followed")]))
        links.append(FigureLink(left: [.column(dataset: "zakat-by-asnaf", field: "mustahik")], right: [.column(dataset: "zakat-by-program", field: "mustahik")]))
        return links
    }()
}
