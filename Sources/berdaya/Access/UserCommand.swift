import ArgumentParser
import BerdayaKit
import Foundation

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
        @Option(help: ArgumentHelp(L("Peran", "Role", choices: Role.self))) var role: String

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
