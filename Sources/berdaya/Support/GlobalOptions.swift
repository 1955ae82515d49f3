import ArgumentParser
import BerdayaKit
import Foundation

/// Options every command that opens the database takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("db"),
            help: ArgumentHelp(L("Berkas basis data (bawaan: BERDAYA_DB, lalu ./berdaya.sqlite).",
                                 "Database file (default: BERDAYA_DB, then ./berdaya.sqlite)."), valueName: "path"))
    var databasePath: String?

    @Option(name: .customLong("key-file"),
            help: ArgumentHelp(L("Berkas kunci identitas (bawaan: di samping basis data, NAMA.key; atau BERDAYA_KEY).",
                                 "Identity key file (default: beside the database, NAME.key; or BERDAYA_KEY)."), valueName: "path"))
    var keyFile: String?

    @Option(name: .customLong("as"),
            help: ArgumentHelp(L("Nama yang dicatat di log audit (bawaan: nama login).",
                                 "Name written to the audit log (default: the login name)."), valueName: "name"))
    var actor: String?

    @Option(help: ArgumentHelp(L("Bahasa: id (bawaan) atau en. Juga BERDAYA_LANG.",
                                 "Language: id (default) or en. Also BERDAYA_LANG."), valueName: "id|en"))
    var lang: String?

    @Flag(help: ArgumentHelp(L("Keluaran JSON untuk skrip.", "JSON output for scripts.")))
    var json = false

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    var resolvedDatabasePath: String {
        if let databasePath, !databasePath.isEmpty { return databasePath }
        if let fromEnvironment = environment["BERDAYA_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "berdaya.sqlite"
    }

    var resolvedKeyPath: String {
        keyFile ?? KeyFile.defaultPath(forDatabase: resolvedDatabasePath)
    }

    var resolvedActor: String {
        if let actor { return actor }
        let login = ProcessInfo.processInfo.userName
        return login.isEmpty ? (environment["USER"] ?? "unknown") : login
    }
}
