import BerdayaKit

/// Refusals of the report engine. Nothing is written when one is raised.
public enum ReportError: UserFacingError, Equatable {
    case templateUnreadable(String)
    /// A file given as a template that has neither `id:` nor `sheets:`; none of it is shown.
    case notATemplate(String)
    case unknownTemplate(String, known: [String])
    case noTemplatesFolder(String)
    case identifiedForAudience(template: String, dataset: String, audience: Audience)
    case parameterNeeded(template: String, parameter: ParameterName)
    case parameterNotTaken(template: String, parameter: ParameterName, accepted: [ParameterName])
    case outputNotWritable(String)
    case duplicateTemplateID(String, files: [String])
    /// A template's formula gives another figure than the dataset's own for the same cell.
    case formulaDisagrees(sheet: String, cell: String, formula: String, computed: String, dataset: String)
    /// A formula Berdaya cannot compute, so it would be written without its value.
    case formulaNotComputable(sheet: String, cell: String, formula: String, why: String)
    /// A dataset that is a whole fund's (the cash book) asked for with a site or cohort.
    case wholeFundOnly(dataset: String)
    /// A fund asked for that is not the funder's.
    case fundNotInScope(fund: String, funder: String)

    public var message: Localized {
        switch self {
        case let .templateUnreadable(path):
            Localized(id: "Templat \(path) tidak dapat dibaca.", en: "The template \(path) cannot be read.")
        case let .notATemplate(file):
            Localized(id: "Berkas \(file) bukan templat laporan Berdaya: tidak ada `id:` dan `sheets:` di tingkat teratas. Isinya tidak ditampilkan.",
                      en: "The file \(file) is not a Berdaya report template: it has no top-level `id:` and `sheets:`. Its content is not shown.")
        case let .unknownTemplate(name, known):
            Localized(id: "Templat '\(name)' tidak ada. Yang ada: \(known.joined(separator: ", ")).",
                      en: "There is no template '\(name)'. There are: \(known.joined(separator: ", ")).")
        case let .noTemplatesFolder(path):
            Localized(id: "Folder templat \(path) tidak ditemukan.", en: "The templates folder \(path) was not found.")
        case let .identifiedForAudience(template, dataset, audience):
            Localized(id: "Templat \(template) untuk \(audience.label.id) meminta dataset '\(dataset)' yang memuat identitas; laporan yang keluar dari lembaga tidak boleh memuatnya.",
                      en: "Template \(template) for a \(audience.label.en) asks for dataset '\(dataset)', which holds identity; a report that leaves the organisation may not.")
        case let .parameterNeeded(template, parameter):
            Localized(id: "Laporan \(template) perlu --\(parameter.rawValue).", en: "Report \(template) needs --\(parameter.rawValue).")
        case let .parameterNotTaken(template, parameter, accepted):
            Localized(id: "Laporan \(template) tidak memakai --\(parameter.rawValue); yang dipakai: \(accepted.map { "--" + $0.rawValue }.joined(separator: ", ")).",
                      en: "Report \(template) does not take --\(parameter.rawValue); it takes: \(accepted.map { "--" + $0.rawValue }.joined(separator: ", ")).")
        case let .outputNotWritable(path):
            Localized(id: "Folder keluaran \(path) tidak dapat ditulisi.", en: "The output folder \(path) cannot be written to.")
        case let .formulaDisagrees(sheet, cell, formula, computed, dataset):
            Localized(id: "Rumus \(formula) di \(sheet)!\(cell) menghasilkan \(computed), padahal angka dataset \(dataset); salah satunya keliru.",
                      en: "The formula \(formula) in \(sheet)!\(cell) gives \(computed), but the dataset's figure is \(dataset); one of them is wrong.")
        case let .formulaNotComputable(sheet, cell, formula, why):
            Localized(id: "Rumus \(formula) di \(sheet)!\(cell) tidak dapat dihitung (\(why)); buku kerja tidak ditulis.",
                      en: "The formula \(formula) in \(sheet)!\(cell) cannot be computed (\(why)); no workbook was written.")
        case let .duplicateTemplateID(id, files):
            Localized(id: "Dua templat memakai id '\(id)': \(files.joined(separator: ", ")).", en: "Two templates use the id '\(id)': \(files.joined(separator: ", ")).")
        case let .wholeFundOnly(dataset):
            Localized(id: "Dataset '\(dataset)' adalah buku satu dana utuh; saldo berjalannya tidak berlaku untuk satu situs atau angkatan saja.",
                      en: "Dataset '\(dataset)' is a whole fund's book; its running balance means nothing for one site or cohort alone.")
        case let .fundNotInScope(fund, funder):
            Localized(id: "Dana \(fund) bukan dana pemberi dana \(funder).", en: "Fund \(fund) is not a fund of funder \(funder).")
        }
    }

    public var hint: Localized? {
        switch self {
        case .notATemplate:
            Localized(id: "Beri --template berkas templat .yaml (lihat Templates/README.md), atau pilih templat bawaan dengan namanya (berdaya report list).",
                      en: "Give --template a .yaml template file (see Templates/README.md), or pick a shipped template by name (berdaya report list).")
        case .unknownTemplate, .noTemplatesFolder:
            Localized(id: "Lihat 'berdaya report list', atau beri --templates FOLDER atau --template BERKAS.",
                      en: "See 'berdaya report list', or give --templates FOLDER or --template FILE.")
        case .identifiedForAudience:
            Localized(id: "Pakai dataset agregat atau berkode (pseudonim), atau ubah audience menjadi internal.",
                      en: "Use an aggregate or pseudonymous dataset, or make the audience internal.")
        case .outputNotWritable:
            Localized(id: "Pilih folder lain dengan --out.", en: "Choose another folder with --out.")
        case .formulaDisagrees, .formulaNotComputable:
            Localized(id: "Rumus templat memakai angka, + - * /, perbandingan, IF, SUM, AVERAGE, COUNTA, MIN, MAX, ROUND, ABS dan SUBTOTAL; lihat Templates/README.md.",
                      en: "Template formulas use numbers, + - * /, comparisons, IF, SUM, AVERAGE, COUNTA, MIN, MAX, ROUND, ABS and SUBTOTAL; see Templates/README.md.")
        case .wholeFundOnly:
            Localized(id: "Jalankan tanpa --site dan --cohort.", en: "Run it without --site and --cohort.")
        case .fundNotInScope:
            Localized(id: "Lihat 'berdaya fund list' untuk dana setiap pemberi dana.", en: "See 'berdaya fund list' for each funder's funds.")
        default: nil
        }
    }
}
