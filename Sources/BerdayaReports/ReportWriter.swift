import BerdayaKit
import Foundation
import XLSX

/// What was written.
public struct WrittenReport: Sendable, Equatable, Codable {
    public var template: String
    public var path: String
    public var sheets: Int
    public var rows: Int
    /// Cells hidden: counts below the threshold (`<k`), cells hidden to protect them and
    /// figures derived from a hidden count (`x`).
    public var suppressed: Int
    /// Counts below the threshold, and other cells hidden so that none can be worked back.
    public var primary = 0
    public var complementary = 0
    /// Where each count went and the relations between them, for the auditor; nil for
    /// internal workbooks.
    public var layout: DisclosureLayout?

    enum CodingKeys: String, CodingKey { case template, path, sheets, rows, suppressed, primary, complementary }
}

/// Turns a template and its parameters into a workbook. Every dataset is read and every rule
/// checked before the file is begun; the file appears at its name only when complete.
public enum ReportWriter {

    /// The workbook's file name: template id, period, any funder, fund, cohort and site in lower
    /// case, and the language, joined by underscores; a range's `..` becomes `_` and a `/` a dash.
    public static func fileName(_ template: ReportTemplate, _ p: ReportParameters) -> String {
        let period = p.periodLabel.replacingOccurrences(of: "..", with: "_").replacingOccurrences(of: "/", with: "-")
        let scope = [p.funder, p.fund, p.cohort, p.site].compactMap { $0?.lowercased() }
        return ([template.id, period] + scope + [p.language.rawValue]).joined(separator: "_") + ".xlsx"
    }

    /// Checks a template against the datasets and its audience: names the file and line of a
    /// field that does not exist, and refuses identity for a funder or donor.
    public static func validate(_ template: ReportTemplate) throws {
        for sheet in template.sheets where sheet.kind == .table {
            guard let name = sheet.dataset, let dataset = Datasets.named(name) else {
                throw TemplateError(file: template.file, line: sheet.line, field: "dataset",
                                    problem: Localized(id: "dataset '\(sheet.dataset ?? "")' tidak ada; yang ada: \(Datasets.all.map(\.name).joined(separator: ", "))",
                                                       en: "no dataset '\(sheet.dataset ?? "")'; there are: \(Datasets.all.map(\.name).joined(separator: ", "))"))
            }
            if template.audience.leavesOrganisation && dataset.privacy == .identified {
                throw ReportError.identifiedForAudience(template: template.id, dataset: dataset.name, audience: template.audience)
            }
            let known = Set(dataset.fields)
            let columns = Set(sheet.columns.map(\.field))
            for column in sheet.columns {
                guard known.contains(column.field) else {
                    throw TemplateError(file: template.file, line: column.line, field: "field",
                                        problem: Localized(id: "dataset '\(name)' tidak punya kolom '\(column.field)'; yang ada: \(dataset.fields.joined(separator: ", "))",
                                                           en: "dataset '\(name)' has no field '\(column.field)'; it has: \(dataset.fields.joined(separator: ", "))"))
                }
                for formula in [column.formula, column.totalFormula].compactMap({ $0 }) {
                    for reference in references(in: formula) where !columns.contains(reference.field) {
                        throw TemplateError(file: template.file, line: column.line, field: "formula",
                                            problem: Localized(id: "rumus menyebut '{\(reference.field)}' yang bukan kolom lembar ini",
                                                               en: "the formula names '{\(reference.field)}', which is not a column of this sheet"))
                    }
                    // Berdaya stores every formula's value, so it must be able to compute it.
                    var sample = formula
                    for reference in references(in: formula) { sample = sample.replacingOccurrences(of: reference.token, with: "A1") }
                    do { try FormulaEvaluator.check(sample) } catch {
                        throw TemplateError(file: template.file, line: column.line, field: column.formula == formula ? "formula" : "total_formula",
                                            problem: Localized(id: "rumus \(formula) tidak dapat dihitung (\(error))",
                                                               en: "the formula \(formula) cannot be computed (\(error))"))
                    }
                }
            }
            for field in sheet.sort.map({ $0.hasPrefix("-") ? String($0.dropFirst()) : $0 }) + [sheet.groupBy].compactMap({ $0 })
            where !known.contains(field) {
                throw TemplateError(file: template.file, line: sheet.line, field: "sort/group_by",
                                    problem: Localized(id: "dataset '\(name)' tidak punya kolom '\(field)'", en: "dataset '\(name)' has no field '\(field)'"))
            }
            if let chart = sheet.chart {
                for field in [chart.categories] + chart.values + [chart.onlyField].compactMap({ $0 }) where !columns.contains(field) && !(field == chart.onlyField && known.contains(field)) {
                    throw TemplateError(file: template.file, line: sheet.line, field: "chart",
                                        problem: Localized(id: "grafik menyebut '\(field)' yang bukan kolom lembar ini",
                                                           en: "the chart names '\(field)', which is not a column of this sheet"))
                }
            }
        }
        for needed in template.sheets.compactMap({ $0.dataset.flatMap(Datasets.named) }).flatMap(\.needs)
        where !template.parameters.contains(needed) {
            throw TemplateError(file: template.file, line: nil, field: "parameters",
                                problem: Localized(id: "dataset memerlukan parameter '\(needed.rawValue)'", en: "a dataset needs the parameter '\(needed.rawValue)'"))
        }
    }

    /// Writes the report into `folder` and returns where.
    public static func write(_ template: ReportTemplate, parameters p: ReportParameters, folder: String, in workspace: Workspace,
                             constantMemory: Bool? = nil, progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> WrittenReport {
        try validate(template)
        for (name, value) in [(ParameterName.funder, p.funder), (.fund, p.fund), (.cohort, p.cohort), (.site, p.site)] where value != nil {
            guard template.parameters.contains(name) else {
                throw ReportError.parameterNotTaken(template: template.id, parameter: name, accepted: template.parameters)
            }
        }
        let given: [ParameterName: Bool] = [.period: true, .lang: true, .funder: p.funder != nil, .fund: p.fund != nil,
                                            .cohort: p.cohort != nil, .site: p.site != nil]
        let needed = template.required + template.sheets.compactMap { $0.dataset.flatMap(Datasets.named) }.flatMap(\.needs)
        if let missing = needed.first(where: { given[$0] != true }) {
            throw ReportError.parameterNeeded(template: template.id, parameter: missing)
        }
        // Codes that name nothing are refused, not answered with an empty workbook.
        if let funder = p.funder, try !Funds.funders(in: workspace).contains(where: { $0.code == funder }) {
            throw FundingError.unknownFunder(funder)
        }
        if let fund = p.fund { _ = try Funds.budget(fundCode: fund, asOf: p.period.end, in: workspace) }
        if let cohort = p.cohort { _ = try Cohorts.details(code: cohort, in: workspace) }
        if let site = p.site { _ = try Registry.list(in: workspace, siteCode: site) }
        // Read everything first: a refusal leaves no file at all. The scope is resolved once.
        var data: [Int: [DataRow]] = [:]
        var p = p
        p.covers = template.covers
        try Datasets.$audience.withValue(template.audience) { try Datasets.$cache.withValue(Datasets.ProgressCache()) {
            for (index, sheet) in template.sheets.enumerated() where sheet.kind == .table {
                var rows = try Datasets.named(sheet.dataset!)!.rows(p, in: workspace)
                rows = sorted(rows, by: (sheet.groupBy.map { [$0] } ?? []) + sheet.sort)
                data[index] = rows
            }
        } }
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
                throw ReportError.outputNotWritable(folder)
            }
        } else if !isFolder.boolValue {
            throw ReportError.outputNotWritable(folder)
        }
        guard access(folder, W_OK) == 0 else { throw ReportError.outputNotWritable(folder) }

        let path = (folder as NSString).appendingPathComponent(fileName(template, p))
        return try render(template, data: data, parameters: p, path: path, threshold: DisclosureThreshold.value(in: workspace),
                          actor: workspace.actor, workspace: workspace, constantMemory: constantMemory, progress: progress)
    }

    /// Writes rows already read (and sorted) into a workbook at `path`: disclosure control is
    /// planned over all of them first. Without a workspace a cover sheet is left out.
    static func render(_ template: ReportTemplate, data: [Int: [DataRow]], parameters p: ReportParameters, path: String, threshold: Int,
                       actor: String, workspace: Workspace?, constantMemory: Bool? = nil,
                       progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> WrittenReport {
        let totalRows = data.values.map(\.count).reduce(0, +)
        let workbook = try Workbook(path: path, constantMemory: constantMemory ?? (totalRows > 100_000))
        let l = p.language
        try workbook.setProperties(Workbook.Properties(title: template.title(l), subject: p.periodLabel, author: actor,
                                                       company: "Berdaya", comments: template.file, keywords: template.audience.rawValue))
        let style = Styles(workbook: workbook, language: l)
        let disclosure = template.audience.leavesOrganisation ? Disclosure(template: template, rows: data, threshold: threshold) : .none
        let positions = PositionRecorder()
        var suppressed = 0
        for (index, sheet) in template.sheets.enumerated() {
            progress(index + 1, template.sheets.count, sheet.name(l))
            let worksheet = try workbook.addWorksheet(sheet.name(l))
            worksheet.remembersCells = true  // every formula is written with the value it computes from them
            switch sheet.kind {
            case .cover: if let workspace { try writeCover(worksheet, template, p, workspace, style, threshold: threshold) }
            case .notes: try writeNotes(worksheet, sheet, template, style, threshold: threshold)
            case .table:
                suppressed += try TableWriter(sheet: sheet, rows: data[index]!, worksheet: worksheet, style: style, parameters: p,
                                              disclosure: disclosure, index: index, positions: positions,
                                              constantMemory: workbook.constantMemory, today: workspace?.today).write()
            }
        }
        try workbook.close()
        // Names stay with their owner (0600); only a workbook made to leave is for others to read.
        guard chmod(path, template.audience.leavesOrganisation ? 0o644 : 0o600) == 0 else {
            throw ReportError.outputNotWritable((path as NSString).deletingLastPathComponent)
        }
        return WrittenReport(template: template.id, path: path, sheets: template.sheets.count, rows: totalRows, suppressed: suppressed,
                             primary: disclosure.primary.count, complementary: disclosure.complementary.count,
                             layout: template.audience.leavesOrganisation ? disclosure.layout(positions.cells) : nil)
    }

    static func sorted(_ rows: [DataRow], by keys: [String]) -> [DataRow] {
        guard !keys.isEmpty else { return rows }
        return rows.enumerated().sorted { a, b in
            for key in keys {
                let descending = key.hasPrefix("-")
                let field = descending ? String(key.dropFirst()) : key
                let x = a.element[field]?.sortKey ?? "", y = b.element[field]?.sortKey ?? ""
                if x != y { return descending ? x > y : x < y }
            }
            return a.offset < b.offset
        }.map(\.element)
    }

    struct Reference { var field: String; var position: String?; var token: String }

    static func references(in formula: String) -> [Reference] {
        var result: [Reference] = []
        var rest = formula[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let token = String(rest[open...close])
            let inner = rest[rest.index(after: open)..<close].split(separator: "@", maxSplits: 1).map(String.init)
            result.append(Reference(field: inner[0], position: inner.count > 1 ? inner[1] : nil, token: token))
            rest = rest[rest.index(after: close)...]
        }
        return result
    }

    private static func writeCover(_ sheet: Worksheet, _ template: ReportTemplate, _ p: ReportParameters, _ workspace: Workspace,
                                   _ style: Styles, threshold: Int) throws {
        let l = p.language
        try sheet.setColumn(0...0, width: 30)
        try sheet.setColumn(1...1, width: 70)
        sheet.hideGridlines()
        try sheet.write(0, 0, string: template.title(l), style.title)
        if let description = template.description { try sheet.write(1, 0, string: description(l), style.italic) }
        // The programs of the cohorts in scope, and of those its survivors came through (a zakat
        // report's mustahik were trained in a cohort its money did not pay for).
        let scope = try Datasets.scope(p, workspace)
        let through = scope.survivors == nil ? [] : Set(try Registry.list(in: workspace).filter { scope.covers(survivor: $0.code) }
            .flatMap { ($0.cohorts ?? "").split(separator: " ").map(String.init) })
        let cohorts = try Cohorts.list(in: workspace).filter {
            (scope.covers(cohort: $0.code) && (p.site == nil || $0.site == p.site)) || through.contains($0.code)
        }
        let programs = Array(Set(cohorts.map(\.program))).sorted()
        var funderName: String?
        if let funder = p.funder { funderName = try Funds.funders(in: workspace).first { $0.code == funder }.map { "\($0.name) (\($0.code))" } ?? funder }
        let all = Localized(id: "semua", en: "all")(l)
        var lines: [(Localized, String)] = [
            (Localized(id: "Program", en: "Program"), programs.isEmpty ? "–" : programs.joined(separator: "; ")),
            (Localized(id: "Periode", en: "Period"), "\(ReportLayout.period(p.periodLabel)) (\(display(p.period.start, l)) – \(display(p.period.end, l)))"),
            (Localized(id: "Pemberi dana", en: "Funder"), funderName ?? all),
            (Localized(id: "Dana", en: "Fund"), p.fund ?? all),
            (Localized(id: "Situs", en: "Site"), p.site ?? all),
            (Localized(id: "Angkatan", en: "Cohort"), p.cohort ?? all),
            (Localized(id: "Untuk", en: "Audience"), template.audience.label(l)),
            (Localized(id: "Disiapkan oleh", en: "Prepared by"), workspace.actor),
            (Localized(id: "Tanggal", en: "Date"), display(workspace.today, l)),
        ]
        if ReportLayout.dataAsOf(p.period, today: workspace.today, l) != nil {
            let today = display(workspace.today, l)
            lines.append((Localized(id: "Data per", en: "Data as of"),
                          Localized(id: "\(today): periode ini belum selesai; angka sampai tanggal itu",
                                    en: "\(today): the period has not ended; figures up to that day")(l)))
        }
        // Wrapped lines get the height their text needs (column B is 70 characters wide).
        func wrapped(_ row: Int, _ text: String) throws {
            let lines = ReportLayout.lines(text, width: 70)
            if lines > 1 { try sheet.setRow(row, height: ReportLayout.height(lines: lines)) }
            try sheet.write(row, 1, string: text, style.wrap)
        }
        for (offset, line) in lines.enumerated() {
            try sheet.write(3 + offset, 0, string: line.0(l), style.label)
            try wrapped(3 + offset, line.1)
        }
        var row = 4 + lines.count
        try sheet.write(row, 0, string: Localized(id: "Isi buku kerja", en: "Contents")(l), style.label)
        for other in template.sheets.dropFirst() {
            try wrapped(row, other.name(l) + (other.title.map { " – " + $0(l) } ?? ""))
            row += 1
        }
        if template.audience.leavesOrganisation {
            row += 1
            try sheet.write(row, 0, string: Localized(id: "Privasi", en: "Privacy")(l), style.label)
            try wrapped(row, privacyNote(l, threshold: threshold))
        }
        try sheet.setupPrint(landscape: false)
    }

    private static func writeNotes(_ sheet: Worksheet, _ spec: SheetSpec, _ template: ReportTemplate, _ style: Styles, threshold: Int) throws {
        let l = style.language
        // 88 characters fit A4 portrait between the default margins at 100%.
        try sheet.setColumn(0...0, width: 88)
        sheet.hideGridlines()
        try sheet.write(0, 0, string: (spec.title ?? spec.name)(l), style.title)
        var row = 2
        var paragraphs = spec.paragraphs.map { $0(l) }
        if template.audience.leavesOrganisation { paragraphs.append(privacyNote(l, threshold: threshold)) }
        for paragraph in paragraphs {
            try sheet.setRow(row, height: ReportLayout.height(lines: ReportLayout.lines(paragraph, width: 88)))
            try sheet.write(row, 0, string: paragraph, style.wrap)
            row += 2
        }
        try sheet.setupPrint(landscape: false)
    }

    static func privacyNote(_ l: Language, threshold k: Int) -> String {
        Localized(id: "Untuk melindungi penyintas, jumlah orang 1 sampai \(k - 1) ditampilkan sebagai x, begitu pula setiap angka yang dihitung dari jumlah itu (bagian, indeks, tingkat, rerata, median) dan beberapa sel lain yang dipilih agar tidak ada sel tersembunyi yang dapat dihitung kembali dari jumlah, baris lain atau lembar lain buku kerja ini. Angka 0 selalu ditampilkan. Jumlah di bawah kolom yang memuat sel tersembunyi adalah angka, bukan rumus. Laporan ini tidak memuat nama, NIK, nomor KK, telepon, alamat atau catatan siapa pun.",
                  en: "To protect survivors, counts of 1 to \(k - 1) people are shown as x, and so is every figure computed from such a count (share, index, rate, mean, median) and some other cells, chosen so that no hidden cell can be worked back from totals, other rows or other sheets of this workbook. Zero is always shown. A total under a column with hidden cells is a number, not a formula. This report holds no one's name, NIK, family card number, phone, address or notes.")(l)
    }

    static func display(_ date: DayDate, _ l: Language) -> String {
        l == .id ? String(format: "%02d/%02d/%04d", date.day, date.month, date.year) : date.description
    }
}
