import Crypto
import Foundation
import GRDB
import HummingbirdBcrypt

/// What a web user may do. Every page checks the role on the server.
public enum Role: String, Choice {
    case admin, officer, treasurer, viewer

    public var label: Localized {
        switch self {
        case .admin: Localized(id: "admin", en: "admin")
        case .officer: Localized(id: "pendamping", en: "program officer")
        case .treasurer: Localized(id: "bendahara", en: "treasurer")
        case .viewer: Localized(id: "peninjau", en: "viewer")
        }
    }

    /// Survivors' identity fields: officers and admins only, each reveal audited.
    public var mayRevealIdentity: Bool { self == .admin || self == .officer }
    /// Survivors, cohorts, trainings, attendance, businesses and visits.
    public var mayWorkProgram: Bool { self == .admin || self == .officer }
    /// The ledger, funds and loans.
    public var mayWorkMoney: Bool { self == .admin || self == .treasurer }
    public var mayManageUsers: Bool { self == .admin }
}

public struct AppUser: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "app_user"
    public var id: Int64?
    public var username: String
    public var passwordHash: String
    public var role: Role
    public var language: Language
    public var createdOn: DayDate
    public var createdBy: String
    public var disabledOn: DayDate?

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension AppUser {
    /// The table's columns, for requests that filter and sort AppUser records.
    public enum Columns {
        static let id = Column(CodingKeys.id)
        static let username = Column(CodingKeys.username)
        static let passwordHash = Column(CodingKeys.passwordHash)
        static let role = Column(CodingKeys.role)
        static let language = Column(CodingKeys.language)
        static let createdOn = Column(CodingKeys.createdOn)
        static let createdBy = Column(CodingKeys.createdBy)
        static let disabledOn = Column(CodingKeys.disabledOn)
    }
}

extension Language: DatabaseValueConvertible {}

public enum UsersError: UserFacingError, Equatable {
    case usernameTaken(String)
    case badUsername(String)
    case weakPassword
    case wrongLogin
    /// Too many failed sign-ins from one address: it waits until the oldest leaves the window.
    case throttled(minutes: Int)
    /// Failed sign-ins for one username: the next try must wait (a capped backoff, never a lock).
    case slowedDown(seconds: Int)
    case unknownUser(String)
    case firstUserMustBeAdmin
    case formAlreadySent
    /// Only officers are limited to sites: the others' work is not kept per site.
    case sitesOnlyForOfficers(username: String, role: Role)

    public var message: Localized {
        switch self {
        case let .usernameTaken(name):
            Localized(id: "Nama pengguna '\(name)' sudah dipakai.", en: "The username '\(name)' is taken.")
        case let .badUsername(name):
            Localized(id: "Nama pengguna '\(name)' tidak sah: 3-40 huruf kecil, angka, titik, - atau _.",
                      en: "The username '\(name)' is not valid: 3-40 lower-case letters, digits, dots, - or _.")
        case .weakPassword:
            Localized(id: "Kata sandi terlalu pendek: paling sedikit 10 karakter.", en: "The password is too short: at least 10 characters.")
        case .wrongLogin:
            Localized(id: "Nama pengguna atau kata sandi salah.", en: "Wrong username or password.")
        case let .throttled(minutes):
            Localized(id: "Terlalu banyak percobaan masuk yang gagal dari alamat ini. Coba lagi dalam \(minutes) menit.",
                      en: "Too many failed sign-ins from this address. Try again in \(minutes) minutes.")
        case let .slowedDown(seconds):
            Localized(id: "Terlalu banyak percobaan masuk yang gagal untuk nama pengguna ini. Tunggu \(seconds) detik lalu coba lagi.",
                      en: "Too many failed sign-ins for this username. Wait \(seconds) seconds and try again.")
        case let .unknownUser(name):
            Localized(id: "Pengguna '\(name)' tidak ada.", en: "There is no user '\(name)'.")
        case .firstUserMustBeAdmin:
            Localized(id: "Pengguna pertama harus admin.", en: "The first user must be an admin.")
        case .formAlreadySent:
            Localized(id: "Formulir ini sudah dikirim sebelumnya; tidak dicatat dua kali.", en: "This form was already sent; nothing was recorded twice.")
        case let .sitesOnlyForOfficers(name, role):
            Localized(id: "\(name) berperan \(role.label.id); hanya pendamping yang dapat dibatasi ke situs tertentu.",
                      en: "\(name) has the role \(role.label.en); only program officers can be limited to some sites.")
        }
    }
}

/// Hashes of a password nobody has, one per bcrypt cost, made once: an unknown username is
/// checked against one with the cost of the stored hashes, so it takes as long as a known one.
final class DummyHashes: @unchecked Sendable {
    private let lock = NSLock()
    private var byCost: [UInt8: String] = [:]

    /// The cost is the number after the second `$` of a bcrypt hash (`$2b$12$...`); 12 when unknown.
    static func cost(of hash: String?) -> UInt8 {
        let parts = (hash ?? "").split(separator: "$")
        guard parts.count >= 3, let cost = UInt8(parts[1]), (4...31).contains(cost) else { return 12 }
        return cost
    }

    func hash(costOf stored: String?) -> String {
        let cost = Self.cost(of: stored)
        if let known = lock.withLock({ byCost[cost] }) { return known }
        let made = Bcrypt.hash("not a password of anyone", cost: cost)
        return lock.withLock {
            if let raced = byCost[cost] { return raced }
            byCost[cost] = made
            return made
        }
    }
}

/// A signed-in browser as the web app sees it.
public struct WebSession: Sendable, Equatable {
    public var user: AppUser
    public var csrf: String
    /// The sites she may work in (an officer an admin limited), else every site.
    public var sites: SiteLimit = .everySite
}

/// The server's key for sign-in form tokens (kept in the database's meta, made on first use).
public struct LoginFormKey: Sendable {
    let bytes: [UInt8]
    var symmetric: SymmetricKey { SymmetricKey(data: bytes) }
}

/// Web accounts: users with bcrypt-hashed passwords, sessions that expire after inactivity,
/// throttled sign-in, server-issued sign-in form tokens, and one-time form tokens against
/// double submission.
public enum Users {
    /// Failed sign-ins count for throttling while they are younger than this (seconds).
    public static let throttleWindow: Int64 = 15 * 60
    /// Per address: this many failed sign-ins within the window, whatever the usernames (known
    /// or not), and the address is refused, without a password check, until the oldest of them
    /// leaves the window. Refused tries are not recorded, so they do not prolong it.
    public static let maxFailuresPerAddress = 20
    /// Per username, a backoff and never a lock, counted twice: from one address, its failures
    /// for the name; across addresses, how many addresses failed for it (so one address, which
    /// the first count and the per-address limit already brake, cannot hold the name's wait
    /// and win every turn against its owner elsewhere). The first `freeFailures` cost nothing;
    /// at n the next try waits `backoffBase` × 2^(n − freeFailures) seconds from the latest
    /// failure, at most `backoffCap`. Refused tries are not recorded, so nobody can push a
    /// wait past the cap.
    public static let freeFailures = 3
    public static let backoffBase: Int64 = 5
    public static let backoffCap: Int64 = 60
    /// An address from which a username signed in within this many seconds is not slowed by the
    /// name's failures elsewhere, only by its own: attackers cannot slow its owner down there.
    public static let knownAddressAge: Int64 = 90 * 24 * 60 * 60
    /// A sign-in form token is accepted for this long after the server issued it (seconds).
    public static let loginFormLifetime: Int64 = 2 * 60 * 60
    static let loginFormKeyMeta = "login_form_key"
    /// Sessions end after this many seconds without a request.
    public static let idleTimeout: Int64 = 30 * 60
    static let dummyHashes = DummyHashes()

    @discardableResult
    public static func add(username: String, password: String, role: Role, cost: UInt8 = 12, in workspace: Workspace) throws -> AppUser {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        guard (3...40).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || ".-_".contains($0)) }) else {
            throw UsersError.badUsername(username)
        }
        guard password.count >= 10 else { throw UsersError.weakPassword }
        let hash = Bcrypt.hash(password, cost: cost)
        return try workspace.database.write { db in
            if try AppUser.fetchCount(db) == 0, role != .admin { throw UsersError.firstUserMustBeAdmin }
            guard try AppUser.filter({ $0.username == name }).fetchCount(db) == 0 else { throw UsersError.usernameTaken(name) }
            var user = AppUser(username: name, passwordHash: hash, role: role, language: .id, createdOn: workspace.today,
                               createdBy: workspace.actor)
            try user.insert(db)
            try AuditLog.append(db, workspace, action: "user.add", record: name)
            return user
        }
    }

    public static func list(in workspace: Workspace) throws -> [AppUser] {
        try workspace.database.read { try AppUser.order { $0.username }.fetchAll($0) }
    }

    /// Limits an officer to `sites` (codes of existing sites), replacing any earlier limit; no
    /// sites lifts the limit, so she works every site again. Audited; refused for other roles
    /// and for a site that does not exist, changing nothing.
    @discardableResult
    public static func limitSites(username: String, to sites: [String], in workspace: Workspace) throws -> SiteLimit {
        let name = username.trimmingCharacters(in: .whitespaces).lowercased()
        return try workspace.database.write { db in
            guard let user = try AppUser.filter({ $0.username == name }).fetchOne(db) else { throw UsersError.unknownUser(name) }
            guard user.role == .officer else { throw UsersError.sitesOnlyForOfficers(username: name, role: user.role) }
            let ids = try sites.map { try Site.require(code: $0.trimmingCharacters(in: .whitespaces), in: db).id! }
            try db.execute(sql: "DELETE FROM user_site WHERE userId = ?", arguments: [user.id])
            for id in Set(ids) {
                try db.execute(sql: "INSERT INTO user_site(userId, siteId) VALUES (?, ?)", arguments: [user.id, id])
            }
            let limit = try siteLimit(userId: user.id!, db)
            try AuditLog.append(db, workspace, action: "user.sites", record: name)
            return limit
        }
    }

    /// Each user's site limit, by username; users without a limit are left out.
    public static func siteLimits(in workspace: Workspace) throws -> [String: SiteLimit] {
        try workspace.database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT app_user.username, site.code FROM user_site
                JOIN app_user ON app_user.id = user_site.userId JOIN site ON site.id = user_site.siteId
                """)
            var sites: [String: Set<String>] = [:]
            for row in rows { sites[row["username"], default: []].insert(row["code"]) }
            return sites.mapValues { SiteLimit(sites: $0) }
        }
    }

    static func siteLimit(userId: Int64, _ db: Database) throws -> SiteLimit {
        let codes = try String.fetchAll(db, sql: """
            SELECT site.code FROM user_site JOIN site ON site.id = user_site.siteId WHERE user_site.userId = ?
            """, arguments: [userId])
        return codes.isEmpty ? .everySite : SiteLimit(sites: Set(codes))
    }

    public static func count(in database: AppDatabase) throws -> Int {
        try database.read { try AppUser.fetchCount($0) }
    }

    /// The number of users in the Berdaya database at `path`, read without changing a byte of
    /// it (read-only, no migration, no journal change), or nil when that cannot be told that way
    /// (no such file, not Berdaya's, an older schema): then the ordinary open decides.
    public static func count(readingOnly path: String) -> Int? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        // Without a -wal file no connection has the database open in WAL mode, and a read-only
        // connection would still create an empty -wal and a -shm beside it: read it as immutable
        // instead (a URI filename), which creates nothing. With a -wal, both files are there already.
        var location = path
        if !FileManager.default.fileExists(atPath: path + "-wal"),
           let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) {
            location = "file:\(escaped)?immutable=1"
        }
        guard let queue = try? DatabaseQueue(path: location, configuration: configuration) else { return nil }
        defer { try? queue.close() }
        return try? queue.read { db -> Int? in
            guard try Int32.fetchOne(db, sql: "PRAGMA application_id") == AppDatabase.applicationID,
                  try db.tableExists(AppUser.databaseTableName) else { return nil }
            return try AppUser.fetchCount(db)
        } ?? nil
    }

    /// Refuses a sign-in that must wait, before any password is checked, so a refused try costs
    /// no bcrypt run; records nothing. `throttled` when the address made `maxFailuresPerAddress`
    /// failures within the window; `slowedDown` while the username's backoff runs. A known and
    /// an unknown username are treated alike.
    public static func checkSignInThrottle(username: String, address: String, now: Int64, in database: AppDatabase) throws {
        let name = signInName(username)
        let since = now - throttleWindow
        let (blockingFailure, own, across) = try database.read { db -> (Int64?, Row?, Row?) in
            // The failure that fills the address's allowance: the address waits until it is out of the window.
            let blocking = try Int64.fetchOne(db, sql: """
                SELECT at FROM login_attempt WHERE address = ? AND succeeded = 0 AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?
                """, arguments: [address, since, maxFailuresPerAddress - 1])
            let known = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM login_attempt WHERE username = ? AND address = ? AND succeeded = 1 AND at > ?)
                """, arguments: [name, address, now - knownAddressAge]) ?? false
            let own = try Row.fetchOne(db, sql: """
                SELECT count(*) AS failures, max(at) AS latest FROM login_attempt
                WHERE username = ? AND address = ? AND succeeded = 0 AND at > ?
                """, arguments: [name, address, since])
            let across = known ? nil : try Row.fetchOne(db, sql: """
                SELECT count(DISTINCT address) AS failures, max(at) AS latest FROM login_attempt
                WHERE username = ? AND succeeded = 0 AND at > ?
                """, arguments: [name, since])
            return (blocking, own, across)
        }
        if let blockingFailure {
            throw UsersError.throttled(minutes: max(1, Int((blockingFailure + throttleWindow - now + 59) / 60)))
        }
        func remaining(_ count: Row?) -> Int64 {
            let failures: Int = count?["failures"] ?? 0
            guard failures >= freeFailures, let latest: Int64 = count?["latest"] else { return 0 }
            return latest + min(backoffCap, backoffBase << Int64(min(failures - freeFailures, 20))) - now
        }
        let wait = max(remaining(own), remaining(across))
        if wait > 0 { throw UsersError.slowedDown(seconds: Int(wait)) }
    }

    /// Checks a password; on success starts a session and returns its cookie token. A try the
    /// throttle refuses (`checkSignInThrottle`) is refused whatever the password, and says for
    /// how long; it is not recorded.
    public static func signIn(username: String, password: String, address: String, now: Int64,
                              in database: AppDatabase) throws -> (token: String, session: WebSession) {
        let name = signInName(username)
        // Checked again here, where the password checks queue: tries that passed the web's
        // check together while none had failed yet are held to the same rules.
        try checkSignInThrottle(username: name, address: address, now: now, in: database)
        // The same reads for a known and an unknown name; an unknown one is verified against a
        // hash of the same cost as the stored ones, so timing does not tell which names exist.
        let (user, stored) = try database.read { db in
            (try AppUser.filter { $0.username == name && $0.disabledOn == nil }.fetchOne(db),
             try String.fetchOne(db, sql: "SELECT passwordHash FROM app_user ORDER BY id LIMIT 1"))
        }
        let valid = Bcrypt.verify(password, hash: user?.passwordHash ?? dummyHashes.hash(costOf: stored))
        guard let user, valid else {
            try record(name, address, now, false, database)
            throw UsersError.wrongLogin
        }
        let token = randomToken()
        let csrf = randomToken()
        let sites = try database.write { db in
            try db.execute(sql: "INSERT INTO login_attempt(username, address, at, succeeded) VALUES (?, ?, ?, 1)", arguments: [name, address, now])
            try db.execute(sql: "INSERT INTO web_session(tokenHash, userId, csrf, createdAt, lastSeen) VALUES (?, ?, ?, ?, ?)",
                           arguments: [hash(token), user.id, csrf, now, now])
            try db.execute(sql: "DELETE FROM web_session WHERE lastSeen < ?", arguments: [now - idleTimeout])
            return try siteLimit(userId: user.id!, db)
        }
        return (token, WebSession(user: user, csrf: csrf, sites: sites))
    }

    /// The session a cookie token stands for, if it is live; touching it keeps it alive.
    public static func session(token: String, now: Int64, in database: AppDatabase) throws -> WebSession? {
        // A read on every request; a write only to end a session or, at most every 30 s, to touch it.
        // The site limit is read with the session, so a limit an admin sets holds from the next request.
        let found = try database.read { db -> (AppUser?, String, Int64, SiteLimit)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT userId, csrf, lastSeen FROM web_session WHERE tokenHash = ?",
                                             arguments: [hash(token)]) else { return nil }
            let userId: Int64 = row["userId"]
            return (try AppUser.filter(key: userId).fetchOne(db), row["csrf"], row["lastSeen"], try siteLimit(userId: userId, db))
        }
        guard let (user, csrf, lastSeen, sites) = found else { return nil }
        guard now - lastSeen <= idleTimeout, let user, user.disabledOn == nil else {
            try database.write { try $0.execute(sql: "DELETE FROM web_session WHERE tokenHash = ?", arguments: [hash(token)]) }
            return nil
        }
        if now - lastSeen > 30 {
            try database.write { try $0.execute(sql: "UPDATE web_session SET lastSeen = ? WHERE tokenHash = ?", arguments: [now, hash(token)]) }
        }
        return WebSession(user: user, csrf: csrf, sites: sites)
    }

    public static func signOut(token: String, in database: AppDatabase) throws {
        try database.write { try $0.execute(sql: "DELETE FROM web_session WHERE tokenHash = ?", arguments: [hash(token)]) }
    }

    public static func setLanguage(_ language: Language, userId: Int64, in database: AppDatabase) throws {
        try database.write { try $0.execute(sql: "UPDATE app_user SET language = ? WHERE id = ?", arguments: [language, userId]) }
    }

    /// A claim on a form's one-time token, made inside the booking's own transaction: the
    /// token is spent only if the booking commits, and a second submission of the same form
    /// is refused with `formAlreadySent` and books nothing.
    public static func formClaim(_ token: String, userId: Int64, now: Int64) -> AppDatabase.WriteClaim {
        AppDatabase.WriteClaim { db in
            guard try Int.fetchOne(db, sql: "SELECT 1 FROM form_submission WHERE token = ?", arguments: [token]) == nil else {
                throw UsersError.formAlreadySent
            }
            try db.execute(sql: "INSERT INTO form_submission(token, userId, at) VALUES (?, ?, ?)", arguments: [token, userId, now])
        }
    }

    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func hash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// A username as sign-in stores and counts it; no real one is longer than 40 characters.
    static func signInName(_ username: String) -> String {
        String(username.trimmingCharacters(in: .whitespaces).lowercased().prefix(64))
    }

    // MARK: Sign-in form tokens

    /// The server's key for sign-in form tokens, made and kept in the database's meta on first use.
    public static func loginFormKey(in database: AppDatabase) throws -> LoginFormKey {
        func decoded(_ text: String?) -> [UInt8]? {
            guard let text, let data = Data(base64Encoded: text), data.count == 32 else { return nil }
            return Array(data)
        }
        if let bytes = try database.read({ decoded(try Meta.value(for: loginFormKeyMeta, in: $0)) }) { return LoginFormKey(bytes: bytes) }
        return try database.write { db in
            if let bytes = decoded(try Meta.value(for: loginFormKeyMeta, in: db)) { return LoginFormKey(bytes: bytes) }
            let made = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }
            try Meta.set(Data(made).base64EncodedString(), for: loginFormKeyMeta, in: db)
            return LoginFormKey(bytes: made)
        }
    }

    /// A token for the sign-in form that only this server can make: the time it was issued and
    /// a random nonce, with an HMAC-SHA256 over both under the server's key.
    public static func issueLoginFormToken(now: Int64, key: LoginFormKey) -> String {
        let body = "\(now).\(randomToken())"
        return body + "." + loginFormMAC(body, key)
    }

    /// When `token` was issued, if this server issued it and it is not older than
    /// `loginFormLifetime`; nil for any other string (forged, altered, expired, from the future).
    public static func loginFormTokenIssued(_ token: String, now: Int64, key: LoginFormKey) -> Int64? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 12, let issued = Int64(parts[0]), parts[1].count == 43,
              issued <= now + 60, now - issued <= loginFormLifetime else { return nil }
        let expected = Array(loginFormMAC("\(parts[0]).\(parts[1])", key).utf8), given = Array(parts[2].utf8)
        guard expected.count == given.count, zip(expected, given).reduce(0, { $0 | ($1.0 ^ $1.1) }) == 0 else { return nil }
        return issued
    }

    private static func loginFormMAC(_ body: String, _ key: LoginFormKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(("berdaya-login-form|" + body).utf8), using: key.symmetric)
        return Data(mac).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    private static func record(_ name: String, _ address: String, _ now: Int64, _ ok: Bool, _ database: AppDatabase) throws {
        try database.write { db in
            try db.execute(sql: "INSERT INTO login_attempt(username, address, at, succeeded) VALUES (?, ?, ?, ?)",
                           arguments: [name, address, now, ok])
        }
    }
}
