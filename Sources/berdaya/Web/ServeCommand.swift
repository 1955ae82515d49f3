import ArgumentParser
import BerdayaKit
import BerdayaReports
import BerdayaWeb
import Foundation
import Hummingbird
import NIOCore

/// `berdaya serve`: the web app for officers and treasurers, on this machine or the office network.
struct ServeCommand: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "serve",
                             abstract: L("Menjalankan aplikasi web (tanpa internet) untuk pendamping dan bendahara.",
                                         "Run the web app (no internet needed) for officers and treasurers."),
                             discussion: L("Buat admin pertama dulu: berdaya user add --username admin --role admin. Lalu buka http://127.0.0.1:8080. Untuk jaringan kantor: --host 0.0.0.0. Bila berkas basis data dihapus atau diganti selagi server berjalan, server menolak setiap permintaan (503) sampai dijalankan ulang. Formulir di atas 256 KB ditolak (413); pemeriksaan kata sandi berjalan paling banyak sejumlah setengah inti prosesor sekaligus (satu pada 2 inti), dan bila lebih dari 16 menunggu, orang diminta mencoba lagi (503).",
                                           "Create the first admin first: berdaya user add --username admin --role admin. Then open http://127.0.0.1:8080. For the office network: --host 0.0.0.0. If the database file is deleted or replaced while the server runs, it refuses every request (503) until restarted. Forms over 256 KB are refused (413); password checks run at most half as many at once as the machine has cores (one on 2 cores), and when more than 16 are waiting, people are asked to try again (503)."))
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp(L("Alamat yang didengar.", "Address to listen on."))) var host = "127.0.0.1"
    @Option(help: ArgumentHelp(L("Port (1-65535).", "Port (1-65535)."))) var port = 8080
    @Option(help: ArgumentHelp(L("Folder templat laporan.", "Report templates folder."))) var templates: String?
    @Flag(name: .customLong("secure-cookies"), help: ArgumentHelp(L("Cookie hanya lewat HTTPS (di balik proxy HTTPS).", "Cookies over HTTPS only (behind an HTTPS proxy)."))) var secureCookies = false

    func validate() throws {
        guard (1...65535).contains(port) else {
            throw ValidationError(L("--port \(port) tidak sah: port harus antara 1 dan 65535 (bawaan 8080).",
                                    "--port \(port) is not valid: a port is between 1 and 65535 (default 8080)."))
        }
    }

    func run() async throws {
        try await runReportingErrorsAsync {
            let path = global.resolvedDatabasePath
            // Refused before the ordinary open, which may migrate or change the journal: a refusal changes no byte.
            if Users.count(readingOnly: path) == 0 { throw ServeError.noUsers(database: path) }
            let database = try AppDatabase.open(at: path)
            if try Users.count(in: database) == 0 {
                throw ServeError.noUsers(database: path)
            }
            let vault = Workspace.loadVault(for: database, keyPath: global.resolvedKeyPath, environment: global.environment)
            let env = try await WebEnvironment(database: database, vault: vault, templatesFolder: TemplateCatalog.locate(asked: templates),
                                               secureCookies: secureCookies)
            let host = host
            do {
                // "Running" only once the socket is bound: a port in use is said plainly instead.
                try await WebApp.application(env, host: host, port: port) { bound in
                    // Written at once, not buffered: a script waits for this line.
                    let line = L("Berdaya berjalan di http://\(host):\(bound) (Ctrl-C untuk berhenti).", "Berdaya is running at http://\(host):\(bound) (Ctrl-C to stop).")
                    FileHandle.standardOutput.write(Data((line + "\n").utf8))
                }.runService()
            } catch let error as IOError {
                throw error.errnoCode == EADDRINUSE ? ServeError.portInUse(host: host, port: port)
                    : ServeError.cannotListen(host: host, port: port, reason: String(cString: strerror(error.errnoCode)))
            } catch let error as SocketAddressError {
                throw ServeError.cannotListen(host: host, port: port, reason: String(describing: error))
            }
        }
    }
}

enum ServeError: UserFacingError {
    case noUsers(database: String)
    case portInUse(host: String, port: Int)
    case cannotListen(host: String, port: Int, reason: String)

    var message: Localized {
        switch self {
        case let .noUsers(database):
            Localized(id: "Belum ada pengguna di \(database).", en: "There are no users in \(database) yet.")
        case let .portInUse(host, port):
            Localized(id: "Port \(port) di \(host) sudah dipakai program lain (mungkin berdaya serve yang lain).",
                      en: "Port \(port) on \(host) is already in use by another program (perhaps another berdaya serve).")
        case let .cannotListen(host, port, reason):
            Localized(id: "Tidak dapat mendengarkan di \(host):\(port): \(reason).", en: "Cannot listen on \(host):\(port): \(reason).")
        }
    }

    var hint: Localized? {
        switch self {
        case .noUsers:
            Localized(id: "Buat admin pertama: berdaya user add --username admin --role admin", en: "Create the first admin: berdaya user add --username admin --role admin")
        case let .portInUse(_, port):
            Localized(id: "Pilih port lain, misalnya --port \(port < 65535 ? port + 1 : port - 1), atau hentikan program yang memakainya.",
                      en: "Choose another port, for example --port \(port < 65535 ? port + 1 : port - 1), or stop the program using it.")
        case .cannotListen:
            Localized(id: "Periksa --host dan --port (port di bawah 1024 butuh hak root).",
                      en: "Check --host and --port (ports below 1024 need root).")
        }
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
