import BerdayaTestSupport
import Crypto
import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// A fresh database with its key in a temporary folder, and a workspace on a fixed day. The
/// folder goes when the last copy of the fixture does.
struct Fixture {
    static let today = DayDate(year: 2026, month: 1, day: 15)!

    let temporary: TemporaryFolder
    var folder: String { temporary.path }
    let path: String
    let keyPath: String
    var database: AppDatabase
    var workspace: Workspace

    init(today: DayDate = Fixture.today) throws {
        temporary = try TemporaryFolder("test")
        path = temporary.file("test.sqlite")
        keyPath = temporary.file("test.key")
        try Setup.createDatabase(at: path, keyPath: keyPath, useKeyFromEnvironment: nil, actor: "tester", today: today)
        database = try AppDatabase.open(at: path)
        workspace = try Workspace(database: database,
                                  vault: Workspace.loadVault(for: database, keyPath: keyPath, environment: [:]),
                                  actor: "tester", today: today)
    }

    /// The same database seen on another day or by another person.
    func on(_ day: DayDate, actor: String = "tester") throws -> Workspace {
        try Workspace(database: database, vault: Workspace.loadVault(for: database, keyPath: keyPath, environment: [:]),
                      actor: actor, today: day)
    }

    /// Every byte of the database as it is on disk once closed.
    mutating func closedBytes() throws -> Data {
        try database.close()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        try reopen()
        return bytes
    }

    mutating func reopen() throws {
        database = try AppDatabase.open(at: path)
        workspace = try Workspace(database: database,
                                  vault: Workspace.loadVault(for: database, keyPath: keyPath, environment: [:]),
                                  actor: workspace.actor, today: workspace.today)
    }

    /// Runs `refusal`, expects it to throw, and proves the database file is byte-for-byte unchanged.
    @discardableResult
    mutating func expectRefusalChangesNothing(_ refusal: (Workspace) throws -> Void,
                                              sourceLocation: SourceLocation = #_sourceLocation) throws -> (any Error)? {
        let before = try closedBytes()
        var thrown: (any Error)?
        do { try refusal(workspace) } catch { thrown = error }
        #expect(thrown != nil, "expected a refusal", sourceLocation: sourceLocation)
        #expect(thrown is any UserFacingError, "a refusal is a user-facing error, got \(String(describing: thrown))",
                sourceLocation: sourceLocation)
        let after = try closedBytes()
        #expect(before == after, "the database changed although the change was refused", sourceLocation: sourceLocation)
        return thrown
    }

    func addSites() throws {
        try Sites.add(code: "MDN", name: "Medan", province: "Sumatera Utara", regency: "Kota Medan", in: workspace)
        try Sites.add(code: "KBM", name: "Kebumen", province: "Jawa Tengah", regency: nil, in: workspace)
    }
}

/// A woman born 14 Dec 1984 in Kebumen; her NIK has 54 (14 + 40) as the day.
func sampleRegistration(name: String = "Siti Aminah", nik: String? = "3305105412840001", birthYear: Int? = 1984,
                        site: String = "KBM", phone: String? = "081234567890",
                        consent: DayDate = DayDate(year: 2025, month: 6, day: 2)!) -> Registration {
    Registration(siteCode: site,
                 profile: SurvivorProfile(sex: .female, birthYear: birthYear, education: .primary, householdSize: 4,
                                          dependants: 2, destinationCountry: "MY", baselineIncome: Rupiah(1_200_000)),
                 exploitationTypes: [.forcedLabour, .debtBondage],
                 identity: SurvivorIdentity(fullName: name, nik: nik, kkNumber: "3305101203150007", phone: phone,
                                            address: "Dusun Krajan RT 02/RW 03, Desa Tanggeran",
                                            caseNotes: "Paspor ditahan agen di Johor"),
                 dataConsentOn: consent)
}

/// Expects `work` to be refused by the schema itself: SQLite's constraint error of kind `code`
/// (`.SQLITE_CONSTRAINT_TRIGGER` for a trigger's RAISE, `.SQLITE_CONSTRAINT_CHECK`,
/// `.SQLITE_CONSTRAINT_FOREIGNKEY`…) whose message contains `message` (the trigger's text, the
/// CHECK's expression). Any other error, a syntax error in the test's SQL say, fails.
func expectConstraint(_ code: ResultCode, _ message: String, _ comment: Comment? = nil,
                      sourceLocation: SourceLocation = #_sourceLocation, _ work: () throws -> Void) {
    let error = #expect(throws: DatabaseError.self, comment, sourceLocation: sourceLocation) { try work() }
    guard let error else { return }
    #expect(error.extendedResultCode == code, "\(error)", sourceLocation: sourceLocation)
    #expect(error.message?.contains(message) == true, "\(error)", sourceLocation: sourceLocation)
}
