/// A household visit: the baseline at enrolment, or a follow-up after the cohort.
public enum VisitKind: String, Choice {
    case baseline, followUp = "follow_up"

    public var label: Localized {
        switch self {
        case .baseline: Localized(id: "awal (baseline)", en: "baseline")
        case .followUp: Localized(id: "tindak lanjut", en: "follow-up")
        }
    }
}

/// Where a household's monthly income comes from.
public enum IncomeSource: String, Choice {
    case business, wage, farming, remittance, socialAssistance = "social_assistance", other

    public var label: Localized {
        switch self {
        case .business: Localized(id: "usaha sendiri", en: "own business")
        case .wage: Localized(id: "upah/gaji", en: "wages")
        case .farming: Localized(id: "tani/ternak/ikan", en: "farming/livestock/fishing")
        case .remittance: Localized(id: "kiriman keluarga", en: "remittances")
        case .socialAssistance: Localized(id: "bantuan sosial", en: "social assistance")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// The survivor's business as the officer found it at the visit.
public enum VisitBusinessStatus: String, Choice {
    case none, planned, active, paused, closed

    public var label: Localized {
        switch self {
        case .none: Localized(id: "tidak ada usaha", en: "no business")
        case .planned: Localized(id: "direncanakan", en: "planned")
        case .active: Localized(id: "berjalan", en: "active")
        case .paused: Localized(id: "berhenti sementara", en: "paused")
        case .closed: Localized(id: "tutup", en: "closed")
        }
    }

    init(_ status: BusinessStatus) {
        switch status {
        case .planned: self = .planned
        case .active: self = .active
        case .paused: self = .paused
        case .closed: self = .closed
        }
    }
}

/// Whether she means to work abroad (or away) again: the risk the program works against.
public enum MigrationIntention: String, Choice {
    case none, considering, planning

    public var label: Localized {
        switch self {
        case .none: Localized(id: "tidak berniat", en: "no intention")
        case .considering: Localized(id: "mempertimbangkan", en: "considering it")
        case .planning: Localized(id: "berencana/sedang mengurus", en: "planning it")
        }
    }

    /// Considering or planning: what a funder reads as "intends to re-migrate".
    public var intends: Bool { self != .none }
}

/// The CIBEST quadrants (Beik and Arsyianti), used by BAZNAS: material line (income against
/// needs) across, spiritual line (average item score of at least 3) down.
public enum CibestQuadrant: Int, Codable, Sendable, CaseIterable, Comparable, Labelled {
    case prosperous = 1, materiallyPoor = 2, spirituallyPoor = 3, absolutelyPoor = 4

    /// Income at or above needs is not materially poor; an item sum of at least 15 over the
    /// five items (an average of at least 3) is not spiritually poor. Whole numbers only.
    public init(income: Rupiah, needs: Rupiah, spiritual: SpiritualScores) {
        let material = income >= needs
        let spirit = spiritual.meetsLine
        switch (material, spirit) {
        case (true, true): self = .prosperous
        case (false, true): self = .materiallyPoor
        case (true, false): self = .spirituallyPoor
        case (false, false): self = .absolutelyPoor
        }
    }

    /// The quadrant's Roman numeral, as CIBEST tables head it.
    public var numeral: String { ["I", "II", "III", "IV"][rawValue - 1] }

    public var label: Localized {
        switch self {
        case .prosperous: Localized(id: "I sejahtera", en: "I prosperous")
        case .materiallyPoor: Localized(id: "II miskin material", en: "II materially poor")
        case .spirituallyPoor: Localized(id: "III miskin spiritual", en: "III spiritually poor")
        case .absolutelyPoor: Localized(id: "IV miskin absolut", en: "IV absolutely poor")
        }
    }

    /// From quadrant I (prosperous) to IV (absolutely poor).
    public static func < (lhs: CibestQuadrant, rhs: CibestQuadrant) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How outcome indicators are grouped.
public enum OutcomeGrouping: String, Choice {
    case cohort, site, program

    public var label: Localized {
        switch self {
        case .cohort: Localized(id: "angkatan", en: "cohort")
        case .site: Localized(id: "situs", en: "site")
        case .program: Localized(id: "program", en: "program")
        }
    }
}

/// Where a follow-up on the calendar stands.
public enum DueStatus: String, Codable, Sendable, Labelled {
    case overdue, due

    public var label: Localized {
        switch self {
        case .overdue: Localized(id: "terlambat", en: "overdue")
        case .due: Localized(id: "jatuh tempo", en: "due")
        }
    }
}
