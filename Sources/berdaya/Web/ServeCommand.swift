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
