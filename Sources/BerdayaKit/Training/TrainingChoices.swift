/// What a training module teaches.
public enum ModuleCategory: String, Choice {
    case craft, foodProduct = "food_product", businessSkills = "business_skills"
    case financialLiteracy = "financial_literacy", psychosocial, other

    public var label: Localized {
        switch self {
        case .craft: Localized(id: "kerajinan", en: "craft")
        case .foodProduct: Localized(id: "produk pangan", en: "food product")
        case .businessSkills: Localized(id: "keterampilan usaha", en: "business skills")
        case .financialLiteracy: Localized(id: "literasi keuangan", en: "financial literacy")
        case .psychosocial: Localized(id: "psikososial (FGD)", en: "psychosocial (FGD)")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// A session's state: only held sessions count for attendance and completion.
public enum SessionStatus: String, Choice {
    case planned, held, cancelled

    public var label: Localized {
        switch self {
        case .planned: Localized(id: "direncanakan", en: "planned")
        case .held: Localized(id: "terlaksana", en: "held")
        case .cancelled: Localized(id: "dibatalkan", en: "cancelled")
        }
    }
}

/// One member's attendance at one held session. Present and late count as attended.
public enum AttendanceMark: String, Choice {
    case present, late, excused, absent

    public var label: Localized {
        switch self {
        case .present: Localized(id: "hadir", en: "present")
        case .late: Localized(id: "terlambat", en: "late")
        case .excused: Localized(id: "izin", en: "excused")
        case .absent: Localized(id: "tidak hadir", en: "absent")
        }
    }

    /// Present and late count as attended; excused and absent do not.
    public var attended: Bool { self == .present || self == .late }
}

/// Whether an assessment was taken before a module or after it.
public enum AssessmentPhase: String, Choice {
    case pre, post

    public var label: Localized {
        switch self {
        case .pre: Localized(id: "awal", en: "pre")
        case .post: Localized(id: "akhir", en: "post")
        }
    }
}
