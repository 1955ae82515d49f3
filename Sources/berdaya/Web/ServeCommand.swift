import ArgumentParser
import BerdayaKit
import BerdayaReports
import BerdayaWeb
import Foundation
import Hummingbird

/// `berdaya serve`: the web app for officers and treasurers, on this machine or the office network.
struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "serve",
                             abstract: L("Menjalankan aplikasi web (tanpa internet) untuk pendamping dan bendahara.",
                                         "Run the web app (no internet needed) for officers and treasurers."),
                             discussion: L("Buat admin pertama dulu: berdaya user add --username admin --role admin. Lalu buka http://127.0.0.1:8080. Untuk jaringan kantor: --host 0.0.0.0.",
                                           "Create the first admin first: berdaya user add --username admin --role admin. Then open http://127.0.0.1:8080. For the office network: --host 0.0.0.0."))
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(L("Alamat yang didengar.", "Address to listen on."))) var host = "127.0.0.1"
    @Option(help: ArgumentHelp(L("Port.", "Port."))) var port = 8080
    @Option(help: ArgumentHelp(L("Folder templat laporan.", "Report templates folder."))) var templates: String?
    @Flag(name: .customLong("secure-cookies"), help: ArgumentHelp(L("Cookie hanya lewat HTTPS (di balik proxy HTTPS).", "Cookies over HTTPS only (behind an HTTPS proxy)."))) var secureCookies = false

    func run() async throws {
        try await runReportingErrorsAsync {
            let database = try AppDatabase.open(at: global.resolvedDatabasePath)
            if try Users.count(in: database) == 0 {
                throw ServeError.noUsers(database: global.resolvedDatabasePath)
            }
            let vault = Workspace.loadVault(for: database, keyPath: global.resolvedKeyPath, environment: global.environment)
            let env = try await WebEnvironment(database: database, vault: vault, templatesFolder: TemplateCatalog.locate(asked: templates),
                                               secureCookies: secureCookies)
            print(L("Berdaya berjalan di http://\(host):\(port) (Ctrl-C untuk berhenti).", "Berdaya is running at http://\(host):\(port) (Ctrl-C to stop)."))
            try await WebApp.application(env, host: host, port: port).runService()
        }
    }
}

enum ServeError: UserFacingError {
    case noUsers(database: String)

    var message: Localized {
        switch self {
        case let .noUsers(database):
            Localized(id: "Belum ada pengguna di \(database).", en: "There are no users in \(database) yet.")
        }
    }

    var hint: Localized? {
        Localized(id: "Buat admin pertama: berdaya user add --username admin --role admin", en: "Create the first admin: berdaya user add --username admin --role admin")
    }
}

/// `berdaya user ...`: web accounts.
struct UserCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "user", abstract: L("Pengguna aplikasi web dan perannya.", "Web app users and their roles."),
                             subcommands: [Add.self, List.self, LimitSites.self], defaultSubcommand: List.self)
    }

    struct Add: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menambah pengguna (yang pertama harus admin). Kata sandi ditanyakan, atau dari BERDAYA_PASSWORD.",
                                             "Add a user (the first must be an admin). The password is asked for, or read from BERDAYA_PASSWORD."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Nama pengguna.", "Username."))) var username: String
        @Option(help: ArgumentHelp(L("Peran: admin, officer, treasurer, viewer.", "Role: admin, officer, treasurer, viewer."))) var role: String

        func execute(_ context: CommandContext) throws {
            let role = try Role(parsing: role, field: "--role")
            let password: String
            if let given = global.environment["BERDAYA_PASSWORD"], !given.isEmpty {
                password = given
            } else {
                guard let typed = getpass(L("Kata sandi (paling sedikit 10 karakter): ", "Password (at least 10 characters): ")) else {
                    throw UsersError.weakPassword
                }
                password = String(cString: typed)
            }
            let user = try Users.add(username: username, password: password, role: role, in: context.workspace)
            if context.json { return try context.printJSON(["username": user.username, "role": user.role.rawValue]) }
            context.say(L("Pengguna \(user.username) (\(user.role.text)) ditambahkan.", "User \(user.username) (\(user.role.text)) added."))
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar pengguna.", "The users."))
        }

        @OptionGroup var global: GlobalOptions

        func execute(_ context: CommandContext) throws {
            let users = try Users.list(in: context.workspace)
            let limits = try Users.siteLimits(in: context.workspace)
            if context.json {
                struct Row: Encodable { var username: String; var role: String; var sites: [String]? }
                return try context.printJSON(users.map { Row(username: $0.username, role: $0.role.rawValue, sites: limits[$0.username]?.sorted) })
            }
            var table = Table(headers: [L("Pengguna", "User"), L("Peran", "Role"), L("Situs", "Sites"), L("Dibuat", "Created")])
            for user in users {
                let sites = limits[user.username].map { $0.sorted.joined(separator: ", ") } ?? (user.role == .officer ? L("semua", "all") : "–")
                table.add([user.username, user.role.text, sites, user.createdOn.description])
            }
            context.say(table.render())
        }
    }

    struct LimitSites: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(commandName: "sites",
                                 abstract: L("Membatasi pendamping ke situs tertentu di aplikasi web (atau mencabut batasnya dengan --all).",
                                             "Limit a program officer to some sites in the web app (or lift the limit with --all)."),
                                 discussion: L("Pendamping yang dibatasi hanya melihat dan mencatat penyintas, profil, identitas, angkatan, daftar hadir, usaha, kunjungan dan laporan situsnya; yang lain ditolak (403) dan tidak muncul di daftarnya. Tanpa batas ia bekerja di semua situs. Contoh: berdaya user sites sari --site MDN --site KBM",
                                               "A limited officer sees and records only her sites' survivors, profiles, identities, cohorts, attendance, businesses, visits and reports; the others are refused (403) and left out of her lists. Without a limit she works every site. Example: berdaya user sites sari --site MDN --site KBM"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Nama pengguna pendamping.", "The officer's username."))) var username: String
        @Option(name: .customLong("site"), help: ArgumentHelp(L("Situs (kode); ulangi untuk beberapa situs.", "Site (code); repeat for several sites."))) var sites: [String] = []
        @Flag(help: ArgumentHelp(L("Cabut batas: semua situs.", "Lift the limit: every site."))) var all = false

        func validate() throws {
            if all && !sites.isEmpty {
                throw ValidationError(L("Pilih --site atau --all, bukan keduanya.", "Give --site or --all, not both."))
            }
            if !all && sites.isEmpty {
                throw ValidationError(L("Sebutkan --site (boleh berulang) atau --all.", "Give --site (repeatable) or --all."))
            }
        }

        func execute(_ context: CommandContext) throws {
            let limit = try Users.limitSites(username: username, to: all ? [] : sites, in: context.workspace)
            let name = username.lowercased()
            if context.json { return try context.printJSON(["username": name, "sites": limit.isLimited ? limit.sorted.joined(separator: ",") : "all"]) }
            context.say(limit.isLimited
                        ? L("\(name) kini hanya bekerja di situs \(limit.sorted.joined(separator: ", ")).", "\(name) now works only in sites \(limit.sorted.joined(separator: ", ")).")
                        : L("\(name) kini bekerja di semua situs.", "\(name) now works in every site."))
        }
    }
}
