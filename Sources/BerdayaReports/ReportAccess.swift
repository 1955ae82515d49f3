import BerdayaKit
import Foundation

/// Who may run which report: the one rule the web app (and the command line's list) follow.
///
/// - A dataset with names (identified) is for admins and program officers only; each name it
///   reads is audited as an identity read by the dataset itself.
/// - A money dataset (funds, budget lines, zakat, the cash book, loans) is for treasurers,
///   admins and viewers: officers work without the ledger, as on the Funds page.
/// - Viewers take only what leaves the organisation (funder and donor workbooks).
/// - Someone limited to some sites runs only reports she can scope to them (a cohort or a site
///   of hers), and only so scoped.
public enum ReportAccess {
    /// Datasets about money: the ledger, funds and their budget lines, zakat, loans.
    public static let moneyDatasets: Set<String> = [
        "funds", "budget-lines", "zakat-by-asnaf", "zakat-by-program", "zakat-mustahik", "cash-book", "loans", "loan-groups",
        "grant-burn", "grant-summary", "budget-variance", "foreign-tranches", "lpj-lines", "spending-vouchers", "loan-ageing",
        "loan-repayment", "loan-book", "cash-months", "voucher-check", "signatories", "zakat-flow", "zakat-statement",
    ]
    /// Datasets about the program: survivors, cohorts, training, businesses, outcomes.
    public static let programDatasets: Set<String> = [
        "key-figures", "cohorts", "training-modules", "sales-by-month", "sales-by-channel", "outcome-indicators", "cibest",
        "cibest-transitions", "attendance-register", "cohort-progress", "poverty-lines",
    ]

    /// Someone asking for a report: her role and the sites she may work in.
    public struct Reader: Sendable, Equatable {
        public var role: Role
        public var sites: SiteLimit

        /// A reader of `role`, of every site unless `sites` limits her.
        public init(role: Role, sites: SiteLimit = .everySite) {
            self.role = role
            self.sites = sites
        }
    }

    /// Refuses `template` for `reader` with the reason, or returns. With `parameters` nil it
    /// answers whether she may run the template at all (the report form lists only those);
    /// with them, whether she may run it so (a cohort or site she is limited away from is
    /// refused). Reads nothing but the site of a cohort; writes nothing.
    public static func check(_ template: ReportTemplate, for reader: Reader, parameters: ReportParameters? = nil,
                             in workspace: Workspace? = nil) throws {
        let role = reader.role
        if role == .viewer && !template.audience.leavesOrganisation {
            throw ReportAccessError.internalNotForViewers(template: template.id)
        }
        for name in datasets(of: template) {
            let privacy = Datasets.named(name)?.privacy
            if privacy == .identified && !(role == .admin || role == .officer) {
                throw ReportAccessError.namesOnlyForOfficers(template: template.id)
            }
            if moneyDatasets.contains(name) {
                guard role == .admin || role == .treasurer || role == .viewer else {
                    throw ReportAccessError.moneyOnlyForTreasurers(template: template.id)
                }
            } else if !programDatasets.contains(name) && role != .admin {
                // A dataset nobody classified yet: only an admin, until it is.
                throw ReportAccessError.unclassified(template: template.id, dataset: name)
            }
        }
        guard reader.sites.isLimited else { return }
        let scopable = template.parameters.contains(.cohort) || template.parameters.contains(.site)
        guard scopable else { throw ReportAccessError.needsOwnSite(template: template.id, sites: reader.sites.sorted) }
        guard let parameters else { return }
        if let site = parameters.site, !reader.sites.allows(site) {
            throw ReportAccessError.siteNotHers(site: site, sites: reader.sites.sorted)
        }
        if let cohort = parameters.cohort {
            guard let workspace else { throw ReportAccessError.needsOwnSite(template: template.id, sites: reader.sites.sorted) }
            // A cohort that does not exist is left for the report engine to name.
            if let site = try SiteLimit.site(ofCohort: cohort, in: workspace), !reader.sites.allows(site) {
                throw ReportAccessError.cohortNotHers(cohort: cohort, sites: reader.sites.sorted)
            }
        }
        if parameters.site == nil && parameters.cohort == nil {
            throw ReportAccessError.needsOwnSite(template: template.id, sites: reader.sites.sorted)
        }
    }

    /// Whether `reader` may run `template` at all: what the report form lists.
    public static func mayRun(_ template: ReportTemplate, _ reader: Reader) -> Bool {
        (try? check(template, for: reader)) != nil
    }

    /// The roles that may run `template` (with no site limit), for lists.
    public static func roles(for template: ReportTemplate) -> [Role] {
        Role.allCases.filter { mayRun(template, Reader(role: $0)) }
    }

    static func datasets(of template: ReportTemplate) -> [String] {
        template.sheets.compactMap(\.dataset)
    }
}

/// Why a report was refused to someone. Nothing is read or written when one is raised.
public enum ReportAccessError: UserFacingError, Equatable {
    case internalNotForViewers(template: String)
    case namesOnlyForOfficers(template: String)
    case moneyOnlyForTreasurers(template: String)
    case unclassified(template: String, dataset: String)
    case needsOwnSite(template: String, sites: [String])
    case siteNotHers(site: String, sites: [String])
    case cohortNotHers(cohort: String, sites: [String])

    public var message: Localized {
        switch self {
        case let .internalNotForViewers(template):
            Localized(id: "Laporan \(template) hanya untuk di dalam lembaga; peninjau hanya mengunduh laporan untuk pemberi dana dan donatur.",
                      en: "Report \(template) is for inside the organisation; viewers download only funder and donor workbooks.")
        case let .namesOnlyForOfficers(template):
            Localized(id: "Laporan \(template) memuat nama penyintas: hanya admin dan pendamping yang boleh membuatnya.",
                      en: "Report \(template) holds survivors' names: only admins and program officers may run it.")
        case let .moneyOnlyForTreasurers(template):
            Localized(id: "Laporan \(template) memuat keuangan (dana, buku kas, zakat atau pinjaman): hanya bendahara, admin dan peninjau yang boleh membuatnya.",
                      en: "Report \(template) holds money (funds, cash book, zakat or loans): only treasurers, admins and viewers may run it.")
        case let .unclassified(template, dataset):
            Localized(id: "Laporan \(template) memakai data '\(dataset)' yang belum digolongkan; hanya admin yang boleh membuatnya.",
                      en: "Report \(template) uses data '\(dataset)', which is not classified yet; only admins may run it.")
        case let .needsOwnSite(template, sites):
            Localized(id: "Anda dibatasi ke situs \(sites.joined(separator: ", ")): laporan \(template) hanya boleh untuk Angkatan atau Situs Anda.",
                      en: "You are limited to sites \(sites.joined(separator: ", ")): report \(template) only for a Cohort or Site of yours.")
        case let .siteNotHers(site, sites):
            Localized(id: "Situs \(site) bukan situs Anda (\(sites.joined(separator: ", "))).", en: "Site \(site) is not one of your sites (\(sites.joined(separator: ", "))).")
        case let .cohortNotHers(cohort, sites):
            Localized(id: "Angkatan \(cohort) bukan dari situs Anda (\(sites.joined(separator: ", "))).",
                      en: "Cohort \(cohort) is not from your sites (\(sites.joined(separator: ", "))).")
        }
    }

    public var hint: Localized? {
        switch self {
        case .needsOwnSite, .siteNotHers, .cohortNotHers:
            Localized(id: "Admin dapat mengubah situs Anda di halaman Pengguna.", en: "An admin can change your sites on the Users page.")
        default:
            Localized(id: "Minta orang dengan peran yang sesuai, atau admin.", en: "Ask someone with the right role, or an admin.")
        }
    }
}
