import BerdayaKit
import Foundation

/// The templates in a folder, by id.
public struct TemplateCatalog: Sendable {
    /// The folder the templates were loaded from.
    public let folder: String
    /// Every template of the folder, in the order of their file names.
    public let templates: [ReportTemplate]

    /// Loads every `.yaml`/`.yml` file in `folder`; a broken one is refused by name and line.
    public init(folder: String) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw ReportError.noTemplatesFolder(folder)
        }
        self.folder = folder
        let files = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
        var loaded: [ReportTemplate] = []
        for file in files {
            let template = try TemplateLoader.load(path: (folder as NSString).appendingPathComponent(file))
            if let twin = loaded.first(where: { $0.id == template.id }) {
                throw ReportError.duplicateTemplateID(template.id, files: [twin.file, template.file])
            }
            loaded.append(template)
        }
        templates = loaded
    }

    /// The template with this id; refuses an unknown one, listing those there are.
    public func template(_ id: String) throws -> ReportTemplate {
        guard let template = templates.first(where: { $0.id == id }) else {
            throw ReportError.unknownTemplate(id, known: templates.map(\.id))
        }
        return template
    }

    /// Where templates are looked for: the folder asked for, `BERDAYA_TEMPLATES`, `./Templates`,
    /// then a `Templates` folder above the program itself (a build inside the repository).
    public static func locate(asked: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let asked { return asked }
        if let configured = environment["BERDAYA_TEMPLATES"], !configured.isEmpty { return configured }
        let local = FileManager.default.currentDirectoryPath + "/Templates"
        if FileManager.default.fileExists(atPath: local + "/donor-report.yaml") { return local }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent("Templates")
            if FileManager.default.fileExists(atPath: candidate.path + "/donor-report.yaml") { return candidate.path }
            folder = folder.deletingLastPathComponent()
        }
        return local
    }
}
