/// Sex as recorded on the NIK (the only two it encodes).
public enum Sex: String, Choice {
    case female, male

    public var label: Localized {
        switch self {
        case .female: Localized(id: "perempuan", en: "female")
        case .male: Localized(id: "laki-laki", en: "male")
        }
    }
}

/// Highest education completed.
public enum EducationLevel: String, Choice {
    case none, primary, juniorSecondary = "junior_secondary", seniorSecondary = "senior_secondary"
    case diploma, university

    public var label: Localized {
        switch self {
        case .none: Localized(id: "tidak sekolah", en: "no schooling")
        case .primary: Localized(id: "SD", en: "primary")
        case .juniorSecondary: Localized(id: "SMP", en: "junior secondary")
        case .seniorSecondary: Localized(id: "SMA/SMK", en: "senior secondary")
        case .diploma: Localized(id: "diploma", en: "diploma")
        case .university: Localized(id: "sarjana", en: "university")
        }
    }
}

/// Marital status, in the four categories Indonesian civil records use.
public enum MaritalStatus: String, Choice {
    case single, married, divorced, widowed

    public var label: Localized {
        switch self {
        case .single: Localized(id: "belum kawin", en: "single")
        case .married: Localized(id: "kawin", en: "married")
        case .divorced: Localized(id: "cerai hidup", en: "divorced")
        case .widowed: Localized(id: "cerai mati", en: "widowed")
        }
    }
}

/// The forms of exploitation a survivor went through; one survivor may have several.
public enum ExploitationType: String, Choice {
    case forcedLabour = "forced_labour", domesticServitude = "domestic_servitude"
    case onlineScam = "online_scam", sexualExploitation = "sexual_exploitation"
    case debtBondage = "debt_bondage", childMarriage = "child_marriage", other

    public var label: Localized {
        switch self {
        case .forcedLabour: Localized(id: "kerja paksa", en: "forced labour")
        case .domesticServitude: Localized(id: "perbudakan rumah tangga", en: "domestic servitude")
        case .onlineScam: Localized(id: "penipuan daring", en: "online-scam compound")
        case .sexualExploitation: Localized(id: "eksploitasi seksual", en: "sexual exploitation")
        case .debtBondage: Localized(id: "jeratan utang", en: "debt bondage")
        case .childMarriage: Localized(id: "perkawinan anak", en: "child marriage")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// Where a case stands in the generalist intervention model.
public enum CaseStage: String, Choice {
    case engagement, assessment, planning, implementation, evaluation, termination
    case followUp = "follow_up"

    public var label: Localized {
        switch self {
        case .engagement: Localized(id: "keterlibatan", en: "engagement")
        case .assessment: Localized(id: "asesmen", en: "assessment")
        case .planning: Localized(id: "perencanaan", en: "planning")
        case .implementation: Localized(id: "pelaksanaan", en: "implementation")
        case .evaluation: Localized(id: "evaluasi", en: "evaluation")
        case .termination: Localized(id: "terminasi", en: "termination")
        case .followUp: Localized(id: "tindak lanjut", en: "follow-up")
        }
    }
}

/// Who referred the survivor to the program.
public enum ReferralSource: String, Choice {
    case womenEmpowermentOffice = "women_empowerment_office", socialOffice = "social_office"
    case ngo, police, community, `self`, other

    public var label: Localized {
        switch self {
        case .womenEmpowermentOffice: Localized(id: "Dinas PPPA", en: "women's empowerment office")
        case .socialOffice: Localized(id: "Dinas Sosial", en: "social affairs office")
        case .ngo: Localized(id: "LSM", en: "NGO")
        case .police: Localized(id: "polisi", en: "police")
        case .community: Localized(id: "keluarga/masyarakat", en: "family or community")
        case .self: Localized(id: "datang sendiri", en: "self-referral")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// What a survivor consented to.
public enum ConsentKind: String, Choice {
    case dataProcessing = "data_processing", mediaSharing = "media_sharing"

    public var label: Localized {
        switch self {
        case .dataProcessing: Localized(id: "pemrosesan data", en: "data processing")
        case .mediaSharing: Localized(id: "foto dan cerita untuk donor", en: "photos and stories for donors")
        }
    }
}
