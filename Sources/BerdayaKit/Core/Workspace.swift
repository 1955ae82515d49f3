import Foundation

/// What a service works with: the database, the identity key if there is one, who is acting
/// and what day it is. The command line and the web app each build one per request.
public struct Workspace: Sendable {
    public private(set) var database: AppDatabase
    public let actor: String
    public let today: DayDate
    private let vaultResult: Result<IdentityVault, AccessError>
    private let clock: @Sendable () -> Date

    /// Refuses an empty `actor`, since every write is audited under her name. `today` and `clock`
    /// are the program's date and time, fixed by tests.
    public init(database: AppDatabase, vault: Result<IdentityVault, AccessError>, actor: String,
                today: DayDate = .today(), clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let trimmed = actor.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AccessError.noActor }
        self.database = database
        self.vaultResult = vault
        self.actor = trimmed
        self.today = today
        self.clock = clock
    }

    /// The vault, or the reason identity cannot be read (no key, wrong key).
    public func vault() throws -> IdentityVault {
        try vaultResult.get()
    }

    func now() -> Date { clock() }

    /// The same workspace, whose database runs `claim` in its next write transaction
    /// (`AppDatabase.claiming(_:)`): how the web app spends a form's one-time token in the
    /// booking the form asks for.
    public func claiming(_ claim: AppDatabase.WriteClaim) -> Workspace {
        var claimed = self
        claimed.database = database.claiming(claim)
        return claimed
    }
}

extension Workspace {
    /// Opens the vault for `database`: the key from the environment or key file, checked
    /// against the value stored at `init` so a wrong key is named as such.
    public static func loadVault(for database: AppDatabase, keyPath: String,
                                 environment: [String: String]) -> Result<IdentityVault, AccessError> {
        do {
            let (stored, wrapped) = try database.read { db in
                (try Meta.value(for: Meta.keyCheck, in: db), try Meta.value(for: Meta.funderPseudonymKey, in: db))
            }
            let fromEnvironment = !(environment["BERDAYA_KEY"] ?? "").isEmpty
            if let stored, !fromEnvironment {
                try KeyFile.settlePending(keyPath: keyPath, keyCheck: stored)
            }
            let key = try KeyFile.load(path: keyPath, environment: environment)
            let plain = IdentityVault(masterKey: key)
            if let stored, stored != plain.keyCheck { return .failure(.wrongKey) }
            return .success(try IdentityVault(masterKey: key, wrappedPseudonymKey: wrapped.flatMap { Data(base64Encoded: $0) }))
        } catch let error as AccessError {
            return .failure(error)
        } catch {
            return .failure(.keyFileUnreadable(path: keyPath))
        }
    }
}
