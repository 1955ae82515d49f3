import ArgumentParser
import BerdayaKit
import Foundation

/// A leaf command that works on an existing database. Commands stay thin: parse, call a
/// BerdayaKit service, print. Every refusal is printed in the user's language and exits 1.
protocol BerdayaCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute(_ context: CommandContext) throws
}

extension BerdayaCommand {
    func run() throws {
        try runReportingErrors {
            let database = try AppDatabase.open(at: global.resolvedDatabasePath)
            defer { try? database.close() }
            let vault = Workspace.loadVault(for: database, keyPath: global.resolvedKeyPath,
                                            environment: global.environment)
            let workspace = try Workspace(database: database, vault: vault, actor: global.resolvedActor)
            try execute(CommandContext(workspace: workspace, json: global.json))
        }
    }
}

/// Prints a user-facing error with its hint on standard error and exits 1.
func runReportingErrors(_ work: () throws -> Void) throws {
    do {
        try work()
    } catch let error as any UserFacingError {
        throw refuse(error)
    }
}

/// Writes a refusal with its hint to standard error; the exit code to end with.
func refuse(_ error: any UserFacingError) -> ExitCode {
    // ArgumentParser runs a command's validate() before it answers --help; then the help is
    // all the user asked for, not a refusal of options they have not given yet.
    if CommandLine.arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) { return ExitCode(1) }
    var text = L("Galat: ", "Error: ") + error.message(cliLanguage)
    if let hint = error.hint { text += "\n" + L("Saran: ", "Hint: ") + hint(cliLanguage) }
    FileHandle.standardError.write(Data((text + "\n").utf8))
    return ExitCode(1)
}

/// The same for async commands (the web server).
func runReportingErrorsAsync(_ work: () async throws -> Void) async throws {
    do {
        try await work()
    } catch let error as any UserFacingError {
        throw refuse(error)
    }
}

/// What a command has at hand while it runs.
struct CommandContext {
    let workspace: Workspace
    let json: Bool
    var language: Language { cliLanguage }

    func date(_ text: String, field: String) throws -> DayDate {
        try DayDate(validating: text, field: field)
    }

    func date(_ text: String?, field: String) throws -> DayDate? {
        try text.map { try DayDate(validating: $0, field: field) }
    }

    func choice<C: Choice>(_ text: String?, field: String) throws -> C? {
        try text.map { try C(parsing: $0, field: field) }
    }

    func say(_ line: String) {
        print(line)
    }

    func printJSON<T: Encodable>(_ value: T) throws {
        try BerdayaCLI.printJSON(value)
    }
}

/// Output shared by commands that run with or without an open database.
enum BerdayaCLI {
    /// Stable, readable JSON for scripts: sorted keys, no escaped slashes.
    static func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

extension Localized {
    var text: String { self(cliLanguage) }
}

extension Labelled {
    var text: String { label(cliLanguage) }
}

/// How numbers read in tables: rupiah, one-decimal values and percentages in the user's language.
extension CommandContext {
    func rupiah(_ text: String, field: String) throws -> Rupiah { try Rupiah(parsing: text, field: field) }
    func money(_ value: Rupiah?) -> String { value?.formatted(language) ?? "–" }
    /// One decimal, with a decimal comma in Indonesian (32,4) and a point in English (32.4).
    func decimal(_ value: Double?) -> String {
        value.map { text in
            let formatted = String(format: "%.1f", text)
            return language == .id ? formatted.replacingOccurrences(of: ".", with: ",") : formatted
        } ?? "–"
    }
    func percent(_ value: Double?) -> String { value == nil ? "–" : decimal(value) + "%" }
    /// `--period` as typed, or the one default every layer shares (`Period.given`).
    func period(_ text: String?) throws -> Period { try Period.given(text, today: workspace.today) }
}

