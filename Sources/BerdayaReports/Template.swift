import BerdayaKit
import Foundation
import XLSX
import Yams

/// Who a workbook is for. Funder and donor workbooks leave the organisation: no identified
/// dataset, and counts of fewer than five people are hidden.
public enum Audience: String, Sendable, CaseIterable, Codable {
    case `internal`, funder, donor

    /// Funder and donor workbooks: disclosure control applies and identified datasets are refused.
    public var leavesOrganisation: Bool { self != .internal }

    public var label: Localized {
        switch self {
        case .internal: Localized(id: "internal (di dalam lembaga)", en: "internal")
        case .funder: Localized(id: "pemberi dana", en: "funder")
        case .donor: Localized(id: "donatur", en: "donor")
        }
    }
}

/// The parameters a template may take.
public enum ParameterName: String, Sendable, CaseIterable, Codable {
    case period, funder, fund, cohort, site, lang
}

/// Whom a report's people figures cover. `reach`: what the filters reach (see Templates/README.md,
/// "What a filter covers"). `mustahik`: only the survivors who received zakat from the funds in
/// scope (every zakat fund when none is named), and their businesses: a zakat agency's report.
public enum Coverage: String, Sendable, CaseIterable, Codable {
    case reach, mustahik
}

/// How a column's values are shown.
public enum ColumnFormat: String, Sendable, CaseIterable, Codable {
    case text, integer, people, rupiah, date, month, percent, decimal
}

/// A total under a column, written as a spreadsheet formula so a reader can audit it.
public enum TotalKind: String, Sendable, CaseIterable, Codable {
    case sum, average, count, none
}

/// One column of a table sheet: the dataset field it shows, its header, format, width and
/// what its total row holds.
public struct ColumnSpec: Sendable, Equatable {
    public var field: String
    public var label: Localized
    /// Defaults to the dataset field's own format.
    public var format: ColumnFormat?
    public var width: Double?
    public var total: TotalKind = .none
    /// A row formula instead of the value, e.g. `={budget}-{spent}`, or with the row above
    /// `={balance@prev}+{in}-{out}`; `{field}` names a column of the same row.
    public var formula: String?
    /// A formula for the total row, e.g. `={spent}/{budget}`, over the total row's cells.
    public var totalFormula: String?
    /// A drop-down of allowed values, for registers filled in by hand.
    public var choices: [String] = []
    public var line: Int?
}

/// A chart of a table sheet: its categories and value series are fields of the sheet's dataset.
public struct ChartSpec: Sendable, Equatable {
    public var kind: ChartKind
    public var title: Localized
    public var categories: String
    public var values: [String]
    /// Only rows where this field has this value (they must stand together).
    public var onlyField: String?
    public var onlyValue: String?
}

/// What a sheet holds.
public enum SheetKind: String, Sendable, CaseIterable, Codable {
    /// Rows of a dataset under a header.
    case table
    /// The title page: program, period, funder, who prepared it and when.
    case cover
    /// Paragraphs of text from the template (definitions, sources).
    case notes
}

/// One sheet of a template as the YAML gives it.
public struct SheetSpec: Sendable, Equatable {
    public var name: Localized
    public var kind: SheetKind = .table
    public var title: Localized?
    public var dataset: String?
    public var columns: [ColumnSpec] = []
    public var sort: [String] = []
    /// The field rows are grouped by: sorted on it first, with a subtotal row per group when `subtotals`.
    public var groupBy: String?
    public var subtotals = false
    public var freezeHeader = true
    public var autofilter = false
    public var chart: ChartSpec?
    public var landscape = false
    /// Prints the header row again on every page.
    public var repeatHeader = false
    /// A blank column for signatures (an attendance register).
    public var signatureColumn: Localized?
    public var paragraphs: [Localized] = []
    public var line: Int?
}

/// A report template as loaded from its file.
public struct ReportTemplate: Sendable, Equatable {
    public var id: String
    public var title: Localized
    public var description: Localized?
    public var audience: Audience
    public var parameters: [ParameterName]
    public var required: [ParameterName]
    public var sheets: [SheetSpec]
    public var file: String
    public var covers: Coverage = .reach
}

/// A template with a mistake: which file, which line, which field, what is wrong.
public struct TemplateError: UserFacingError, Equatable {
    public var file: String
    public var line: Int?
    public var field: String
    /// What is wrong, in both languages.
    public var problem: Localized

    public var message: Localized {
        let place = line.map { ":\($0)" } ?? ""
        return Localized(id: "Templat \(file)\(place), bagian '\(field)': \(problem.id)",
                         en: "Template \(file)\(place), field '\(field)': \(problem.en)")
    }

    public var hint: Localized? {
        Localized(id: "Bandingkan dengan contoh lengkap di Templates/README.md.",
                  en: "Compare with the complete example in Templates/README.md.")
    }
}

/// Reads templates (YAML) with a line number for every mistake.
public enum TemplateLoader {
    /// Reads and parses the template at `path`; refuses a file that cannot be read as UTF-8 text.
    public static func load(path: String) throws -> ReportTemplate {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ReportError.templateUnreadable(path)
        }
        return try parse(text, file: name)
    }

    /// Parses a template's YAML; any mistake is refused with `file`, the line and the field, and a
    /// file that is no template at all is refused without repeating any of its content.
    public static func parse(_ text: String, file: String) throws -> ReportTemplate {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw TemplateError(file: file, line: nil, field: "", problem: Localized(id: "berkas kosong", en: "the file is empty"))
            }
            root = node
        } catch let error as TemplateError {
            throw error
        } catch let error as YamlError {
            throw TemplateError(file: file, line: yamlLine(error), field: "",
                                problem: Localized(id: "YAML tidak sah: \(yamlProblem(error))", en: "invalid YAML: \(yamlProblem(error))"))
        }
        // A file that is no template at all (a password file, a letter) is named as such, and
        // nothing of it is repeated: it may hold what its reader must not see.
        let topKeys = Set(root.mapping?.compactMap { $0.key.string } ?? [])
        guard topKeys.contains("id") || topKeys.contains("sheets") else { throw ReportError.notATemplate(file) }
        let reader = NodeReader(file: file)
        let top = try reader.mapping(root, field: "", allowed: ["id", "title", "description", "audience", "parameters", "required", "covers", "sheets"])
        let id = try reader.string(top, "id")
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), !id.isEmpty else {
            throw reader.error(top["id"], "id", Localized(id: "hanya huruf, angka, - dan _", en: "only letters, digits, - and _"))
        }
        let audience: Audience = try reader.choice(top, "audience")
        let parameters: [ParameterName] = try reader.choices(top, "parameters")
        let required: [ParameterName] = try reader.choices(top, "required")
        if let stray = required.first(where: { !parameters.contains($0) }) {
            throw reader.error(top["required"], "required", Localized(id: "'\(stray.rawValue)' tidak ada di parameters",
                                                                        en: "'\(stray.rawValue)' is not among the parameters"))
        }
        guard let sheetsNode = top["sheets"], let sheetNodes = sheetsNode.sequence, !sheetNodes.isEmpty else {
            throw reader.error(top["sheets"] ?? root, "sheets", Localized(id: "perlu daftar lembar", en: "a list of sheets is needed"))
        }
        var sheets: [SheetSpec] = []
        for (index, node) in sheetNodes.enumerated() {
            sheets.append(try reader.sheet(node, path: "sheets[\(index + 1)]"))
        }
        return ReportTemplate(id: id, title: try reader.localized(top, "title"),
                              description: try reader.optionalLocalized(top, "description"), audience: audience,
                              parameters: parameters, required: required, sheets: sheets, file: file,
                              covers: top["covers"] == nil ? .reach : try reader.choice(top, "covers"))
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _): mark.line
        default: nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _): problem
        default: "\(error)"
        }
    }
}

/// Typed access to YAML nodes that names the line and field of any mistake.
struct NodeReader {
    let file: String

    func error(_ node: Node?, _ field: String, _ problem: Localized) -> TemplateError {
        TemplateError(file: file, line: node?.mark?.line, field: field, problem: problem)
    }

    struct Map {
        let node: Node
        let entries: [(String, Node)]
        let path: String
        subscript(key: String) -> Node? { entries.first { $0.0 == key }?.1 }
        func field(_ key: String) -> String { path.isEmpty ? key : path + "." + key }
    }

    func mapping(_ node: Node, field: String, allowed: Set<String>) throws -> Map {
        guard let mapping = node.mapping else {
            throw error(node, field, Localized(id: "perlu pasangan kunci: nilai", en: "key: value pairs are needed"))
        }
        var entries: [(String, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else { throw error(key, field, Localized(id: "kunci bukan teks", en: "a key is not text")) }
            guard allowed.contains(name) else {
                // Only a key that could be a misspelt field name is repeated.
                let shown = name.count <= 40 && name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") })
                    ? name : "…"
                throw error(key, field.isEmpty ? shown : field + "." + shown,
                            Localized(id: "kunci tidak dikenal; yang dikenal: \(allowed.sorted().joined(separator: ", "))",
                                      en: "unknown key; known keys: \(allowed.sorted().joined(separator: ", "))"))
            }
            entries.append((name, value))
        }
        return Map(node: node, entries: entries, path: field)
    }

    func string(_ map: Map, _ key: String) throws -> String {
        guard let node = map[key] else {
            throw error(map.node, map.field(key), Localized(id: "wajib diisi", en: "is required"))
        }
        guard let text = node.scalar?.string, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error(node, map.field(key), Localized(id: "perlu teks", en: "text is needed"))
        }
        return text
    }

    func optionalString(_ map: Map, _ key: String) throws -> String? {
        guard map[key] != nil else { return nil }
        return try string(map, key)
    }

    func bool(_ map: Map, _ key: String, default value: Bool) throws -> Bool {
        guard let node = map[key] else { return value }
        guard let flag = node.bool else { throw error(node, map.field(key), Localized(id: "perlu true atau false", en: "true or false is needed")) }
        return flag
    }

    func number(_ map: Map, _ key: String) throws -> Double? {
        guard let node = map[key] else { return nil }
        guard let value = node.float, value > 0, value <= 255 else {
            throw error(node, map.field(key), Localized(id: "perlu angka 1-255", en: "a number from 1 to 255 is needed"))
        }
        return value
    }

    /// `{id: ..., en: ...}`, or one text for both languages.
    func localized(_ map: Map, _ key: String) throws -> Localized {
        guard let node = map[key] else { throw error(map.node, map.field(key), Localized(id: "wajib diisi", en: "is required")) }
        return try localized(node, field: map.field(key))
    }

    func optionalLocalized(_ map: Map, _ key: String) throws -> Localized? {
        guard map[key] != nil else { return nil }
        return try localized(map, key)
    }

    func localized(_ node: Node, field: String) throws -> Localized {
        if let text = node.scalar?.string { return Localized(id: text, en: text) }
        let pair = try mapping(node, field: field, allowed: ["id", "en"])
        return Localized(id: try string(pair, "id"), en: try string(pair, "en"))
    }

    func choice<C: RawRepresentable & CaseIterable>(_ map: Map, _ key: String) throws -> C where C.RawValue == String {
        try known(try string(map, key), map, key)
    }

    func choices<C: RawRepresentable & CaseIterable>(_ map: Map, _ key: String) throws -> [C] where C.RawValue == String {
        try strings(map, key).map { try known($0, map, key) }
    }

    private func known<C: RawRepresentable & CaseIterable>(_ text: String, _ map: Map, _ key: String) throws -> C where C.RawValue == String {
        guard let value = C(rawValue: text) else {
            let choices = C.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(map[key], map.field(key), Localized(id: "'\(text)' tidak dikenal; pilih: \(choices)", en: "'\(text)' is not known; choose: \(choices)"))
        }
        return value
    }

    func strings(_ map: Map, _ key: String) throws -> [String] {
        guard let node = map[key] else { return [] }
        if let text = node.scalar?.string { return [text] }
        guard let items = node.sequence else { throw error(node, map.field(key), Localized(id: "perlu daftar", en: "a list is needed")) }
        return try items.map { item in
            guard let text = item.scalar?.string else { throw error(item, map.field(key), Localized(id: "perlu teks", en: "text is needed")) }
            return text
        }
    }

    func sheet(_ node: Node, path: String) throws -> SheetSpec {
        let map = try mapping(node, field: path, allowed: ["name", "kind", "title", "dataset", "columns", "sort", "group_by", "subtotals",
                                                          "freeze_header", "autofilter", "chart", "landscape", "repeat_header",
                                                          "signature_column", "paragraphs"])
        var sheet = SheetSpec(name: try localized(map, "name"))
        sheet.line = node.mark?.line
        if map["kind"] != nil { sheet.kind = try choice(map, "kind") }
        sheet.title = try optionalLocalized(map, "title")
        sheet.dataset = try optionalString(map, "dataset")
        sheet.sort = try strings(map, "sort")
        sheet.groupBy = try optionalString(map, "group_by")
        sheet.subtotals = try bool(map, "subtotals", default: false)
        sheet.freezeHeader = try bool(map, "freeze_header", default: true)
        sheet.autofilter = try bool(map, "autofilter", default: false)
        sheet.landscape = try bool(map, "landscape", default: false)
        sheet.repeatHeader = try bool(map, "repeat_header", default: false)
        sheet.signatureColumn = try optionalLocalized(map, "signature_column")
        if let paragraphs = map["paragraphs"] {
            guard let items = paragraphs.sequence else { throw error(paragraphs, map.field("paragraphs"), Localized(id: "perlu daftar", en: "a list is needed")) }
            sheet.paragraphs = try items.enumerated().map { try localized($1, field: map.field("paragraphs[\($0 + 1)]")) }
        }
        switch sheet.kind {
        case .table:
            guard sheet.dataset != nil else { throw error(node, map.field("dataset"), Localized(id: "lembar tabel perlu dataset", en: "a table sheet needs a dataset")) }
            guard let columnsNode = map["columns"], let items = columnsNode.sequence, !items.isEmpty else {
                throw error(map["columns"] ?? node, map.field("columns"), Localized(id: "perlu daftar kolom", en: "a list of columns is needed"))
            }
            sheet.columns = try items.enumerated().map { try column($1, path: map.field("columns[\($0 + 1)]")) }
        case .cover, .notes:
            if sheet.dataset != nil { throw error(map["dataset"], map.field("dataset"), Localized(id: "hanya untuk lembar tabel", en: "only for table sheets")) }
        }
        if let chartNode = map["chart"] { sheet.chart = try chart(chartNode, path: map.field("chart")) }
        return sheet
    }

    func column(_ node: Node, path: String) throws -> ColumnSpec {
        let map = try mapping(node, field: path, allowed: ["field", "label", "format", "width", "total", "formula", "total_formula", "choices"])
        var column = ColumnSpec(field: try string(map, "field"), label: try localized(map, "label"))
        column.line = node.mark?.line
        column.choices = try strings(map, "choices")
        if map["format"] != nil { column.format = try choice(map, "format") }
        column.width = try number(map, "width")
        if map["total"] != nil { column.total = try choice(map, "total") }
        column.formula = try optionalString(map, "formula")
        column.totalFormula = try optionalString(map, "total_formula")
        for (key, text) in [("formula", column.formula), ("total_formula", column.totalFormula)] {
            if let text, !text.hasPrefix("=") {
                throw error(map[key], map.field(key), Localized(id: "rumus diawali '='", en: "a formula starts with '='"))
            }
        }
        return column
    }

    func chart(_ node: Node, path: String) throws -> ChartSpec {
        let map = try mapping(node, field: path, allowed: ["type", "title", "categories", "values", "only"])
        let values = try strings(map, "values")
        guard !values.isEmpty else { throw error(map["values"] ?? node, map.field("values"), Localized(id: "perlu paling sedikit satu kolom", en: "at least one column is needed")) }
        var spec = ChartSpec(kind: try choice(map, "type"), title: try localized(map, "title"), categories: try string(map, "categories"),
                             values: values)
        if let only = try optionalString(map, "only") {
            let parts = only.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw error(map["only"], map.field("only"), Localized(id: "tulis kolom=nilai", en: "write field=value")) }
            spec.onlyField = parts[0]
            spec.onlyValue = parts[1]
        }
        return spec
    }
}
