import BerdayaKit

/// The shape of the demo: three sites and cohorts like the ones in the field papers.
/// Everything here is synthetic; no name or number belongs to a real person.
struct DemoScenario: Sendable {
    struct SiteShape: Sendable {
        var code: String
        var name: String
        var province: String
        var regency: String
        /// The first four NIK digits of the regency (province + regency), and how many districts it has.
        var regionCode: String
        var districts: Int
        var firstNames: [String]
        var lastNames: [String]
        var streets: [String]
        var villages: [String]
        var cohort: CohortShape
    }

    struct CohortShape: Sendable {
        var name: String
        var program: String
        var start: DayDate
        var end: DayDate
        var status: CohortStatus
        var facilitators: [String]
        var partners: [String]
        var members: Int
        /// Registered and reached but not (yet) enrolled.
        var reachedOnly: Int
        var ageRange: ClosedRange<Int>
        var education: [EducationLevel]
        var occupations: [String]
        var exploitation: [[ExploitationType]]
        var destinations: [String]
        var referrals: [ReferralSource]
        var incomeRange: ClosedRange<Int>
        /// The curriculum after the opening FGD: (name, category), each taught over a block of weeks.
        var modules: [(String, ModuleCategory)]
        var location: String
    }

    static let fgd = ("FGD bersama psikolog", ModuleCategory.psychosocial)

    /// The day the demo world stands on: registrations, consents and exits are dated up to it.
    static let today = DayDate(year: 2026, month: 11, day: 20)!
    static let program = "Pemberdayaan Ekonomi Penyintas TPPO"

    static let sites: [SiteShape] = [
        SiteShape(
            code: "MDN", name: "Medan", province: "Sumatera Utara", regency: "Kota Medan",
            regionCode: "1271", districts: 21,
            firstNames: ["Rosdiana", "Tiurma", "Lamria", "Nurhayati", "Rosmawati", "Juliana", "Erna", "Melati",
                         "Ratna", "Hotmaida", "Sarma", "Nurul", "Fitri", "Dewi", "Yusnita", "Masniari"],
            lastNames: ["br. Sitorus", "br. Siregar", "br. Nasution", "br. Lubis", "br. Harahap", "br. Simanjuntak",
                        "br. Pardede", "br. Hutapea", "br. Sinaga", "br. Tarigan", "br. Ginting", "Aini", "Handayani"],
            streets: ["Jl. Sei Batang Hari", "Jl. Bilal", "Jl. Pancing", "Jl. Menteng Raya", "Jl. Sisingamangaraja",
                      "Jl. Brigjend Katamso", "Jl. Marelan Raya"],
            villages: ["Kel. Sei Sikambing B", "Kel. Pulo Brayan", "Kel. Kota Matsum", "Kel. Tegal Sari", "Kel. Rengas Pulau"],
            cohort: CohortShape(
                name: "Kerajinan Bunga dan Hiasan Dinding Medan", program: program,
                start: DayDate(year: 2025, month: 3, day: 3)!, end: DayDate(year: 2025, month: 6, day: 27)!,
                status: .completed, facilitators: ["Rina Siregar, M.Psi.", "Fitri Lubis"],
                partners: ["KKSP Medan", "Dinas PPPA Kota Medan"], members: 10, reachedOnly: 2,
                ageRange: 24...52, education: [.primary, .primary, .primary, .juniorSecondary, .none],
                occupations: ["pembantu rumah tangga", "pengasuh anak", "buruh cuci", "tidak bekerja"],
                exploitation: [[.domesticServitude], [.domesticServitude, .debtBondage], [.childMarriage], [.forcedLabour]],
                destinations: ["ID", "ID", "MY", "MY"], referrals: [.womenEmpowermentOffice, .ngo, .police],
                incomeRange: 8...25,
                modules: [("Merangkai bunga", .craft), ("Hiasan dinding dari botol bekas", .craft),
                          ("Seserahan pengantin", .craft), ("Pengemasan dan label", .businessSkills),
                          ("Pemasaran online", .businessSkills), ("Literasi keuangan", .financialLiteracy)],
                location: "Sekretariat KKSP, Jl. Stasiun Kereta Api, Medan")),
        SiteShape(
            code: "KBM", name: "Kebumen", province: "Jawa Tengah", regency: "Kabupaten Kebumen",
            regionCode: "3305", districts: 26,
            firstNames: ["Siti", "Sri", "Sumiati", "Suparmi", "Tuminah", "Rukmini", "Endang", "Wartini", "Sulastri",
                         "Parsini", "Dwi", "Umi", "Nur", "Lilis", "Yayuk", "Ratmini"],
            lastNames: ["Aminah", "Wahyuni", "Rahayu", "Mulyani", "Astuti", "Khasanah", "Maesaroh", "Kulsum",
                        "Sulistyowati", "Lestari", "Suryani", "Rohmah", "Khotimah"],
            streets: ["Dusun Krajan", "Dusun Karangsari", "Dusun Sidomulyo", "Dusun Kedungwringin", "Dusun Tegalsari"],
            villages: ["Desa Kenoyojayan", "Desa Tanggeran", "Desa Karanggedang", "Desa Wonosari", "Desa Sruweng"],
            cohort: CohortShape(
                name: "Olahan Pangan dan Kue Kering Purna PMI Kebumen", program: program,
                start: DayDate(year: 2025, month: 8, day: 4)!, end: DayDate(year: 2025, month: 11, day: 28)!,
                status: .completed, facilitators: ["Endah Prasetyowati", "Agus Santoso"],
                partners: ["Migrant CARE", "DESBUMI Kebumen", "Dinas Koperasi UKM Kebumen"], members: 12, reachedOnly: 2,
                ageRange: 27...48, education: [.primary, .juniorSecondary, .juniorSecondary, .seniorSecondary],
                occupations: ["buruh tani", "pedagang kecil", "tidak bekerja", "ibu rumah tangga"],
                exploitation: [[.forcedLabour, .debtBondage], [.debtBondage], [.domesticServitude, .debtBondage], [.forcedLabour]],
                destinations: ["MY", "SA", "HK", "TW", "SG", "MY"], referrals: [.ngo, .community, .socialOffice],
                incomeRange: 10...30,
                modules: [("Kue kering", .foodProduct), ("Olahan pangan lokal", .foodProduct),
                          ("Keamanan pangan dan P-IRT", .foodProduct), ("Pengemasan dan label", .businessSkills),
                          ("Pencatatan keuangan usaha", .financialLiteracy), ("Waspada investasi bodong", .financialLiteracy)],
                location: "Balai Desa Kenoyojayan")),
        SiteShape(
            code: "JBR", name: "Jember", province: "Jawa Timur", regency: "Kabupaten Jember",
            regionCode: "3509", districts: 31,
            firstNames: ["Siti", "Hosnia", "Mistiyah", "Saniyah", "Mariyam", "Ayu", "Novi", "Indah", "Riska",
                         "Fatimatus", "Nurul", "Dian", "Anis", "Wulan", "Putri", "Eka"],
            lastNames: ["Fatimah", "Zahro", "Hasanah", "Sholihah", "Safitri", "Kurniawati", "Anggraini", "Maulida",
                        "Rahmawati", "Puspitasari", "Wardani", "Zuhro"],
            streets: ["Dusun Krajan", "Dusun Sumberan", "Dusun Tegalrejo", "Jl. Kalimantan", "Jl. Mastrip"],
            villages: ["Desa Ambulu", "Desa Wuluhan", "Desa Balung Lor", "Desa Sukowono", "Kel. Sumbersari"],
            cohort: CohortShape(
                name: "Jualan Daring Perempuan Purna Migran Jember", program: program,
                start: DayDate(year: 2026, month: 9, day: 7)!, end: DayDate(year: 2026, month: 12, day: 18)!,
                status: .active, facilitators: ["Dewi Anggraeni", "Yusuf Hidayat"],
                partners: ["Migrant CARE", "DESBUMI Jember"], members: 10, reachedOnly: 3,
                ageRange: 19...34, education: [.juniorSecondary, .seniorSecondary, .seniorSecondary, .diploma],
                occupations: ["penjaga toko", "tidak bekerja", "buruh pabrik", "penjual daring"],
                exploitation: [[.onlineScam, .forcedLabour], [.onlineScam], [.onlineScam, .debtBondage], [.sexualExploitation]],
                destinations: ["KH", "KH", "MM", "LA", "PH"], referrals: [.ngo, .police, .self],
                incomeRange: 6...20,
                modules: [("Foto produk dengan ponsel", .businessSkills), ("Berjualan di marketplace", .businessSkills),
                          ("WhatsApp Business dan media sosial", .businessSkills), ("Harga pokok dan harga jual", .businessSkills),
                          ("Literasi keuangan", .financialLiteracy)],
                location: "Rumah Belajar DESBUMI, Ambulu")),
    ]
}
