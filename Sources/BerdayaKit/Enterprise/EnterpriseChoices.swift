/// What a survivor's business does.
public enum Sector: String, Choice {
    case craft, food, services, trade, other

    public var label: Localized {
        switch self {
        case .craft: Localized(id: "kerajinan", en: "craft")
        case .food: Localized(id: "pangan", en: "food")
        case .services: Localized(id: "jasa", en: "services")
        case .trade: Localized(id: "dagang", en: "trade")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// Who owns a business: one survivor, or a group of survivors (KUBE, kelompok usaha bersama).
public enum Ownership: String, Choice {
    case individual, kube

    public var label: Localized {
        switch self {
        case .individual: Localized(id: "perorangan", en: "individual")
        case .kube: Localized(id: "KUBE", en: "joint business group (KUBE)")
        }
    }
}

/// Where a business stands. Planned, then active; active and paused alternate; closed is final.
public enum BusinessStatus: String, Choice {
    case planned, active, paused, closed

    public var label: Localized {
        switch self {
        case .planned: Localized(id: "direncanakan", en: "planned")
        case .active: Localized(id: "berjalan", en: "active")
        case .paused: Localized(id: "berhenti sementara", en: "paused")
        case .closed: Localized(id: "tutup", en: "closed")
        }
    }

    func canMove(to next: BusinessStatus) -> Bool {
        switch (self, next) {
        case (.planned, .active), (.planned, .closed), (.active, .paused), (.active, .closed),
             (.paused, .active), (.paused, .closed): true
        default: false
        }
    }
}

/// The licences that open markets: business ID, home food production permit, halal certificate.
public enum LicenceKind: String, Choice {
    case nib, pirt, halal

    public var label: Localized {
        switch self {
        case .nib: Localized(id: "NIB", en: "NIB (business ID)")
        case .pirt: Localized(id: "P-IRT", en: "P-IRT (home food permit)")
        case .halal: Localized(id: "sertifikat halal", en: "halal certificate")
        }
    }
}

/// How a sale reached its buyer.
public enum SalesChannel: String, Choice {
    case direct, exhibition, consignment, cooperative, marketplace, socialMedia = "social_media", abroad, other

    public var label: Localized {
        switch self {
        case .direct: Localized(id: "langsung/tetangga", en: "direct/neighbourhood")
        case .exhibition: Localized(id: "pameran/bazar", en: "exhibition/bazaar")
        case .consignment: Localized(id: "titip jual di toko", en: "consignment in a shop")
        case .cooperative: Localized(id: "koperasi/gerai pemerintah", en: "cooperative/government outlet")
        case .marketplace: Localized(id: "marketplace", en: "marketplace")
        case .socialMedia: Localized(id: "media sosial/WhatsApp", en: "social media/WhatsApp")
        case .abroad: Localized(id: "pesanan luar negeri", en: "orders from abroad")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// Who bought, when the officer knows.
public enum BuyerType: String, Choice {
    case individual, reseller, shop, institution, abroad, other

    public var label: Localized {
        switch self {
        case .individual: Localized(id: "perorangan", en: "individual")
        case .reseller: Localized(id: "pengecer", en: "reseller")
        case .shop: Localized(id: "toko", en: "shop")
        case .institution: Localized(id: "lembaga/kantor", en: "institution/office")
        case .abroad: Localized(id: "pembeli luar negeri", en: "buyer abroad")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// What a business spent to make and sell.
public enum CostCategory: String, Choice {
    case rawMaterials = "raw_materials", packaging, transport, stallFee = "stall_fee", other

    public var label: Localized {
        switch self {
        case .rawMaterials: Localized(id: "bahan baku", en: "raw materials")
        case .packaging: Localized(id: "kemasan", en: "packaging")
        case .transport: Localized(id: "transportasi", en: "transport")
        case .stallFee: Localized(id: "sewa stan", en: "stall fee")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}

/// A market-access activity.
public enum EventKind: String, Choice {
    case exhibition, bazaar, tradeFair = "trade_fair", onlineCampaign = "online_campaign", buyerMeeting = "buyer_meeting"
    case dinasProgram = "dinas_program"

    public var label: Localized {
        switch self {
        case .exhibition: Localized(id: "pameran", en: "exhibition")
        case .bazaar: Localized(id: "bazar", en: "bazaar")
        case .tradeFair: Localized(id: "pameran dagang", en: "trade fair")
        case .onlineCampaign: Localized(id: "kampanye daring", en: "online campaign")
        case .buyerMeeting: Localized(id: "temu pembeli/pengusaha", en: "meeting with a buyer or entrepreneur")
        case .dinasProgram: Localized(id: "program Dinas Koperasi UKM", en: "Dinas Koperasi UKM program")
        }
    }
}

/// A lasting outlet for a business's products.
public enum PartnerKind: String, Choice {
    case shop, cooperative, governmentOutlet = "government_outlet", onlineStore = "online_store", entrepreneur, other

    public var label: Localized {
        switch self {
        case .shop: Localized(id: "toko", en: "shop")
        case .cooperative: Localized(id: "koperasi", en: "cooperative")
        case .governmentOutlet: Localized(id: "gerai pemerintah", en: "government outlet")
        case .onlineStore: Localized(id: "toko daring", en: "online store")
        case .entrepreneur: Localized(id: "pengusaha mapan", en: "established entrepreneur")
        case .other: Localized(id: "lainnya", en: "other")
        }
    }
}
