import Foundation
import GRDB
import Testing
@testable import BerdayaKit

@Suite struct RegistryTests {
    @Test func codesAreIssuedPerSiteInOrderAndNeverReused() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let first = try Registry.register(sampleRegistration(), in: fixture.workspace)
        let second = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil), in: fixture.workspace)
        let medan = try Registry.register(sampleRegistration(name: "Tiurma br. Sinaga", nik: nil, site: "MDN"), in: fixture.workspace)
        #expect([first, second, medan] == ["KBM-0001", "KBM-0002", "MDN-0001"])

        try Registry.withdrawConsent(code: second, kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        try Registry.erase(code: second, in: fixture.workspace)
        try fixture.reopen()
        let third = try Registry.register(sampleRegistration(name: "Sumiati", nik: nil), in: fixture.workspace)
        #expect(third == "KBM-0003")
    }

    @Test func identityIsEncryptedAtRest() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(), in: fixture.workspace)
        try Registry.register(sampleRegistration(name: "Endang Sulistyowati", nik: "3305106107900123", birthYear: 1990,
                                                 phone: "+6285712345678"), in: fixture.workspace)
        _ = try fixture.closedBytes()
        var bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.path))
        if let wal = FileManager.default.contents(atPath: fixture.path + "-wal") { bytes += wal }
        let lowered = Data(String(decoding: bytes, as: UTF8.self).lowercased().utf8)
        for secret in ["siti aminah", "endang", "sulistyowati", "3305105412840001", "3305106107900123", "3305101203150007",
                       "081234567890", "85712345678", "dusun krajan", "paspor", "johor"] {
            #expect(lowered.range(of: Data(secret.utf8)) == nil, "'\(secret)' is readable in the database file")
        }
        // and the key opens it again
        let identity = try Registry.revealIdentity(code: "KBM-0001", in: fixture.workspace)
        #expect(identity.fullName == "Siti Aminah")
        #expect(identity.nik == "3305105412840001")
        #expect(identity.caseNotes == "Paspor ditahan agen di Johor")
    }

    @Test func everyRevealIsAuditedWithoutPersonalData() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        _ = try Registry.revealIdentity(code: code, in: fixture.on(Fixture.today, actor: "bu.rina"))
        let entries = try AuditLog.entries(in: fixture.workspace)
        #expect(entries.first?.action == "identity.read")
        #expect(entries.first?.actor == "bu.rina")
        #expect(entries.first?.record == code)
        let everything = entries.map { "\($0.actor) \($0.action) \($0.record ?? "")" }.joined(separator: " ")
        #expect(!everything.contains("Siti") && !everything.contains("3305105412840001"))
    }

    @Test func theAuditLogCannotBeChanged() throws {
        let fixture = try Fixture()
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "the audit log is append-only") {
            try fixture.database.pool.write { try $0.execute(sql: "UPDATE audit_log SET actor = 'someone else'") }
        }
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "the audit log is append-only") {
            try fixture.database.pool.write { try $0.execute(sql: "DELETE FROM audit_log") }
        }
        #expect(try AuditLog.entries(in: fixture.workspace).map(\.action) == ["database.init"])
    }

    @Test func aSameNIKIsRefusedNamingTheExistingCode() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(), in: fixture.workspace)
        let error = try fixture.expectRefusalChangesNothing { workspace in
            try Registry.register(sampleRegistration(name: "Siti Aminah Binti Karto", site: "MDN"), in: workspace)
        }
        #expect(error as? ParticipantsError == .duplicate([DuplicateMatch(code: "KBM-0001", basis: .nik)]))
        #expect((error as? ParticipantsError)?.hint?(.en).contains("--confirm-different KBM-0001") == true)
    }

    @Test func aSameNameAndBirthYearIsRefusedWhateverTheSpelling() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(nik: nil), in: fixture.workspace)
        let error = try fixture.expectRefusalChangesNothing { workspace in
            try Registry.register(sampleRegistration(name: "  SITI   aminah", nik: nil), in: workspace)
        }
        #expect(error as? ParticipantsError == .duplicate([DuplicateMatch(code: "KBM-0001", basis: .nameAndBirthYear)]))
        // Another birth year is another person.
        #expect(try Registry.register(sampleRegistration(nik: nil, birthYear: 1991), in: fixture.workspace) == "KBM-0002")
    }

    @Test func anOfficerMayConfirmADifferentPerson() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(nik: nil), in: fixture.workspace)
        var again = sampleRegistration(nik: nil)
        again.confirmedDifferentFrom = ["kbm-0001"]
        #expect(try Registry.register(again, in: fixture.workspace) == "KBM-0002")
        let found = try Registry.find(nik: nil, fullName: "siti aminah", birthYear: 1984, in: fixture.workspace)
        #expect(found.map(\.code) == ["KBM-0001", "KBM-0002"])
    }

    @Test func findByNIKIsAuditedPerMatch() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(), in: fixture.workspace)
        let found = try Registry.find(nik: "3305105412840001", fullName: nil, birthYear: nil, in: fixture.workspace)
        #expect(found == [DuplicateMatch(code: "KBM-0001", basis: .nik)])
        #expect(try AuditLog.entries(in: fixture.workspace, limit: 1).first?.action == "identity.lookup")
        #expect(try Registry.find(nik: "3305105412840002", fullName: nil, birthYear: nil, in: fixture.workspace).isEmpty)
    }

    @Test func birthYearIsTakenFromTheNIKWhenNotGiven() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(birthYear: nil), in: fixture.workspace)
        #expect(try Registry.details(code: code, in: fixture.workspace).profile.birthYear == 1984)
    }

    @Test func withoutTheKeyProfilesStillWorkButIdentityIsRefused() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        try FileManager.default.removeItem(atPath: fixture.keyPath)
        let keyless = try Workspace(database: fixture.database,
                                    vault: Workspace.loadVault(for: fixture.database, keyPath: fixture.keyPath, environment: [:]),
                                    actor: "tester", today: Fixture.today)
        #expect(try Registry.details(code: code, in: keyless).profile.baselineIncome == Rupiah(1_200_000))
        #expect(throws: AccessError.keyMissing(path: fixture.keyPath)) { try Registry.revealIdentity(code: code, in: keyless) }
        fixture.workspace = keyless
        try fixture.expectRefusalChangesNothing { workspace in
            _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil), in: keyless)
        }
    }

    @Test func aWrongKeyIsNamedAsSuch() throws {
        let fixture = try Fixture()
        let other = IdentityVault(masterKey: .init(size: .bits256)).keyCheck
        #expect(!other.isEmpty)
        let encoded = Data((0..<32).map { UInt8($0) }).base64EncodedString()
        let result = Workspace.loadVault(for: fixture.database, keyPath: fixture.keyPath, environment: ["BERDAYA_KEY": encoded])
        #expect(throws: AccessError.wrongKey) { try result.get() }
    }

    @Test func aKeyFileOthersCanReadIsRefused() throws {
        let fixture = try Fixture()
        let mode = (try FileManager.default.attributesOfItem(atPath: fixture.keyPath)[.posixPermissions] as? NSNumber)?.intValue
        #expect(mode == 0o600)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: fixture.keyPath)
        #expect(throws: AccessError.keyFileTooOpen(path: fixture.keyPath, mode: "644")) {
            try KeyFile.load(path: fixture.keyPath, environment: [:])
        }
    }

    @Test func erasureRemovesIdentityAndKeepsHistory() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil), in: fixture.workspace)
        let cohort = try Cohorts.create(CohortPlan(name: "Kue kering", program: "P1", siteCode: "KBM",
                                                   startDate: DayDate(year: 2025, month: 7, day: 1)!,
                                                   endDate: DayDate(year: 2025, month: 10, day: 1)!), in: fixture.workspace)
        try Cohorts.enrol(cohortCode: cohort.code, survivorCodes: [code, "KBM-0002"],
                          on: DayDate(year: 2025, month: 7, day: 1)!, in: fixture.workspace)

        // Erasure waits for the withdrawal of consent.
        try fixture.expectRefusalChangesNothing { try Registry.erase(code: code, in: $0) }
        try Registry.withdrawConsent(code: code, kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        try Registry.erase(code: code, in: fixture.workspace)

        #expect(throws: ParticipantsError.identityErased(code: code)) { try Registry.revealIdentity(code: code, in: fixture.workspace) }
        let details = try Registry.details(code: code, in: fixture.workspace)
        #expect(details.erasedOn == Fixture.today)
        #expect(details.profile.birthYear == 1984 && details.enrolments.count == 1)
        #expect(try Registry.list(in: fixture.workspace).count == 2)
        #expect(try Cohorts.list(in: fixture.workspace).first?.enrolled == 2)
        #expect(try fixture.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM survivor_identity") } == 1)
        // Her NIK no longer matches anything: the blind index went with the identity.
        #expect(try Registry.find(nik: "3305105412840001", fullName: nil, birthYear: nil, in: fixture.workspace).isEmpty)
        // and the history cannot be deleted behind the registry's back
        expectConstraint(.SQLITE_CONSTRAINT_TRIGGER, "survivor records are never deleted; erase the identity instead") {
            try fixture.database.pool.write { try $0.execute(sql: "DELETE FROM survivor") }
        }
        try fixture.expectRefusalChangesNothing { try Registry.erase(code: code, in: $0) }
    }

    @Test func withdrawingDataConsentEndsMediaConsentToo() throws {
        let fixture = try Fixture()
        try fixture.addSites()
        var registration = sampleRegistration()
        registration.mediaConsentOn = DayDate(year: 2025, month: 6, day: 2)
        let code = try Registry.register(registration, in: fixture.workspace)
        try Registry.withdrawConsent(code: code, kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        let consents = try Registry.details(code: code, in: fixture.workspace).consents
        #expect(consents.count == 2 && consents.allSatisfy { $0.withdrawnOn == Fixture.today })
    }

    @Test func updatesRecheckTheNIKAgainstSexAndBirthYear() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        let error = try fixture.expectRefusalChangesNothing { workspace in
            try Registry.update(code: code, in: workspace, profile: { $0.birthYear = 1985 })
        }
        #expect(error as? NIKError == .birthYearMismatch(nikYear: 84, recorded: 1985))
        try Registry.update(code: code, in: fixture.workspace, profile: { $0.caseStage = .planning },
                            identity: { $0.phone = "0857 1111 2222" })
        #expect(try Registry.revealIdentity(code: code, in: fixture.workspace).phone == "085711112222")
        #expect(try Registry.details(code: code, in: fixture.workspace).profile.caseStage == .planning)
    }

    @Test func refusalsChangeNothing() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        try Registry.register(sampleRegistration(), in: fixture.workspace)
        let future = DayDate(year: 2026, month: 2, day: 1)!
        let refusals: [(Workspace) throws -> Void] = [
            { _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil, site: "XYZ"), in: $0) },
            { _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: "33051054128"), in: $0) },
            { _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: "3305101412840001"), in: $0) },
            { _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil, consent: future), in: $0) },
            { _ = try Registry.register(sampleRegistration(name: "   ", nik: nil), in: $0) },
            { _ = try Registry.register(sampleRegistration(name: "Sri Wahyuni", nik: nil, phone: "12ab"), in: $0) },
            { var r = sampleRegistration(name: "Sri Wahyuni", nik: nil); r.profile.householdSize = 0
              _ = try Registry.register(r, in: $0) },
            { var r = sampleRegistration(name: "Sri Wahyuni", nik: nil); r.profile.baselineIncome = Rupiah(-1)
              _ = try Registry.register(r, in: $0) },
            { var r = sampleRegistration(name: "Sri Wahyuni", nik: nil); r.profile.returnDate = future
              _ = try Registry.register(r, in: $0) },
            { var r = sampleRegistration(name: "Sri Wahyuni", nik: nil); r.profile.destinationCountry = "Malaysia"
              _ = try Registry.register(r, in: $0) },
            { try Registry.update(code: "KBM-0099", in: $0, profile: { $0.caseStage = .planning }) },
            { try Registry.giveConsent(code: "KBM-0001", kind: .dataProcessing, on: Fixture.today, in: $0) },
            { try Registry.withdrawConsent(code: "KBM-0001", kind: .mediaSharing, on: Fixture.today, in: $0) },
            { try Registry.withdrawConsent(code: "KBM-0001", kind: .dataProcessing, on: DayDate(year: 2025, month: 1, day: 1)!, in: $0) },
            { try Sites.add(code: "MDN", name: "Medan lagi", province: nil, regency: nil, in: $0) },
            { try Sites.add(code: "M1", name: "Bad", province: nil, regency: nil, in: $0) },
        ]
        for refusal in refusals {
            try fixture.expectRefusalChangesNothing(refusal)
        }
    }
}
