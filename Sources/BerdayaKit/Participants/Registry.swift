import Foundation
import GRDB

/// What an officer fills in to register a survivor.
public struct Registration: Sendable {
    public var siteCode: String
    public var profile: SurvivorProfile
    public var exploitationTypes: Set<ExploitationType>
    public var identity: SurvivorIdentity
    /// The day she consented to her data being processed; registration needs it.
    public var dataConsentOn: DayDate
    /// The day she consented to photos and stories being shared with donors, if she did.
    public var mediaConsentOn: DayDate?
    /// Codes of existing survivors the officer has checked are different people.
    public var confirmedDifferentFrom: Set<String>

    /// Takes the registration as typed; `Registry.register` checks it.
    public init(siteCode: String, profile: SurvivorProfile, exploitationTypes: Set<ExploitationType> = [],
                identity: SurvivorIdentity, dataConsentOn: DayDate, mediaConsentOn: DayDate? = nil,
                confirmedDifferentFrom: Set<String> = []) {
        self.siteCode = siteCode
        self.profile = profile
        self.exploitationTypes = exploitationTypes
        self.identity = identity
        self.dataConsentOn = dataConsentOn
        self.mediaConsentOn = mediaConsentOn
        self.confirmedDifferentFrom = confirmedDifferentFrom
    }
}

/// The survivor registry: registration with duplicate detection, profiles, sealed identity,
/// consent and erasure. The only code that reads or writes survivors.
public enum Registry {
    /// Registers a survivor and returns her new code. Refuses a likely duplicate (same NIK,
    /// or same name and birth year) unless the officer confirmed it is a different person.
    @discardableResult
    public static func register(_ registration: Registration, in workspace: Workspace) throws -> String {
        let vault = try workspace.vault()
        let today = workspace.today
        var profile = try registration.profile.validated(today: today)
        let (identity, nik) = try registration.identity.validated(sex: profile.sex, birthYear: profile.birthYear,
                                                                 today: today)
        if profile.birthYear == nil, let nik { profile.birthYear = nik.likelyBirthYear(today: today) }
        try registration.dataConsentOn.requireNotAfter(today, field: "tanggal persetujuan / consent date")
        try registration.mediaConsentOn?.requireNotAfter(today, field: "tanggal persetujuan foto / media consent date")
        let nikIndex = nik.map(vault.nikIndex)
        let nameIndex = vault.nameIndex(fullName: identity.fullName, birthYear: profile.birthYear)
        let confirmed = Set(registration.confirmedDifferentFrom.map { $0.uppercased() })

        return try workspace.database.write { db in
            try vault.requireCurrent(in: db)
            var site = try Site.require(code: registration.siteCode, in: db)
            let matches = try duplicates(nikIndex: nikIndex, nameIndex: nameIndex, excluding: nil, in: db)
                .filter { !confirmed.contains($0.code) }
            if !matches.isEmpty { throw ParticipantsError.duplicate(matches) }

            let code = Survivor.code(site: site.code, serial: site.nextSerial)
            var survivor = Survivor(code: code, siteId: site.id!, serial: site.nextSerial, profile: profile,
                                    registeredOn: today)
            site.nextSerial += 1
            try site.update(db)
            try survivor.insert(db)
            try saveExploitation(registration.exploitationTypes, for: survivor.id!, in: db)
            try SealedIdentity(survivorId: survivor.id!, sealed: vault.seal(identity, code: code),
                               nikIndex: nikIndex, nameIndex: nameIndex).insert(db)
            var consent = Consent(survivorId: survivor.id!, kind: .dataProcessing, givenOn: registration.dataConsentOn)
            try consent.insert(db)
            if let mediaOn = registration.mediaConsentOn {
                var media = Consent(survivorId: survivor.id!, kind: .mediaSharing, givenOn: mediaOn)
                try media.insert(db)
            }
            try AuditLog.append(db, workspace, action: "survivor.register", record: code)
            return code
        }
    }

    /// Changes a survivor's profile and, with the key, her identity. Sex and birth year are
    /// checked again against her NIK, and a changed NIK or name against duplicates.
    public static func update(code: String, in workspace: Workspace,
                              profile changeProfile: (inout SurvivorProfile) throws -> Void = { _ in },
                              exploitationTypes: Set<ExploitationType>? = nil,
                              identity changeIdentity: ((inout SurvivorIdentity) throws -> Void)? = nil,
                              confirmedDifferentFrom: Set<String> = []) throws {
        let today = workspace.today
        try workspace.database.write { db in
            var survivor = try Survivor.require(code: code, in: db)
            guard survivor.erasedOn == nil else { throw ParticipantsError.identityErased(code: survivor.code) }
            var profile = survivor.profile
            try changeProfile(&profile)
            profile = try profile.validated(today: today)
            let identityTouched = changeIdentity != nil || profile.sex != survivor.profile.sex
                || profile.birthYear != survivor.profile.birthYear
            if identityTouched, let stored = try SealedIdentity.fetchOne(db, key: survivor.id) {
                let vault = try workspace.vault()
                try vault.requireCurrent(in: db)
                var identity = try vault.open(stored.sealed, code: survivor.code)
                try changeIdentity?(&identity)
                let (clean, nik) = try identity.validated(sex: profile.sex, birthYear: profile.birthYear, today: today)
                let nikIndex = nik.map(vault.nikIndex)
                let nameIndex = vault.nameIndex(fullName: clean.fullName, birthYear: profile.birthYear)
                let confirmed = Set(confirmedDifferentFrom.map { $0.uppercased() })
                let matches = try duplicates(nikIndex: nikIndex, nameIndex: nameIndex, excluding: survivor.id, in: db)
                    .filter { !confirmed.contains($0.code) }
                if !matches.isEmpty { throw ParticipantsError.duplicate(matches) }
                if clean != identity || changeIdentity != nil {
                    try SealedIdentity(survivorId: survivor.id!, sealed: vault.seal(clean, code: survivor.code),
                                       nikIndex: nikIndex, nameIndex: nameIndex).update(db)
                    try AuditLog.append(db, workspace, action: "identity.update", record: survivor.code)
                }
            }
            if profile != survivor.profile {
                survivor.profile = profile
                try survivor.update(db)
            }
            if let exploitationTypes {
                try db.execute(sql: "DELETE FROM survivor_exploitation WHERE survivorId = ?", arguments: [survivor.id])
                try saveExploitation(exploitationTypes, for: survivor.id!, in: db)
            }
            try AuditLog.append(db, workspace, action: "survivor.update", record: survivor.code)
        }
    }

    /// Opens a survivor's identity. Every reveal is written to the audit log.
    public static func revealIdentity(code: String, in workspace: Workspace) throws -> SurvivorIdentity {
        let vault = try workspace.vault()
        return try workspace.database.write { db in
            let survivor = try Survivor.require(code: code, in: db)
            guard let stored = try SealedIdentity.fetchOne(db, key: survivor.id) else {
                throw ParticipantsError.identityErased(code: survivor.code)
            }
            let identity = try vault.open(stored.sealed, code: survivor.code)
            try AuditLog.append(db, workspace, action: "identity.read", record: survivor.code)
            return identity
        }
    }

    /// The full names of `codes`, for a list a person works from (an attendance register read
    /// aloud in a village hall). Only the name is opened, never the NIK, phone or address; an
    /// erased survivor has none. The audit log records, once a day per user and list, whose names
    /// were shown and why: the first showing of the day writes the entry, later ones read only,
    /// so a register opened twenty times on a training day is one line in the log, not twenty
    /// writes that would each wait for the disk.
    public static func revealNames(codes: [String], purpose: String, in workspace: Workspace) throws -> [String: String] {
        let vault = try workspace.vault()
        guard !codes.isEmpty else { return [:] }
        let record = ([purpose] + codes.map { $0.uppercased() }.sorted()).joined(separator: " ")
        let today = String(AuditLog.timestamp(workspace.now()).prefix(10))
        let wanted = Set(codes.map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
        // One cached statement for the whole list: a register is shown all day long.
        func open(_ db: Database) throws -> [String: String] {
            var names: [String: String] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT s.code, i.sealed FROM survivor s LEFT JOIN survivor_identity i ON i.survivorId = s.id
                WHERE s.code IN (SELECT value FROM json_each(?))
                """), arguments: [String(decoding: try JSONEncoder().encode(wanted.sorted()), as: UTF8.self)])
            var found = Set<String>()
            while let row = try rows.next() {
                let code: String = row["code"]
                found.insert(code)
                if let sealed: Data = row["sealed"] { names[code] = try vault.open(sealed, code: code).fullName }
            }
            if let missing = wanted.subtracting(found).sorted().first { throw ParticipantsError.unknownSurvivor(code: missing) }
            return names
        }
        let shownToday = try workspace.database.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: """
                SELECT EXISTS (SELECT 1 FROM audit_log WHERE record = ? AND action = 'identity.names' AND actor = ? AND at >= ?)
                """), arguments: [record, workspace.actor, today]) ?? false
        }
        if shownToday { return try workspace.database.read(open) }
        return try workspace.database.write { db in
            let names = try open(db)
            try AuditLog.append(db, workspace, action: "identity.names", record: record)
            return names
        }
    }

    /// Finds survivors by NIK, or by name and birth year, through the blind indexes. Each
    /// lookup is audited, with the codes it found.
    public static func find(nik: String?, fullName: String?, birthYear: Int?,
                            in workspace: Workspace) throws -> [DuplicateMatch] {
        let vault = try workspace.vault()
        let nikIndex = try Text.optional(nik, field: "NIK", limit: 40)
            .map { try NIK(validating: $0, birthYear: birthYear, today: workspace.today) }
            .map(vault.nikIndex)
        let name = try Text.optional(fullName, field: "nama lengkap / full name", limit: 120)
        // The name index is keyed on the name and the birth year together. Without a birth
        // year every year a registered survivor can have been born in is tried (and "none"),
        // so a name alone finds her; a birth year narrows the search to that year.
        let years: [Int?] = birthYear.map { [$0] } ?? [nil] + ((workspace.today.year - 110)...workspace.today.year).map { $0 }
        let nameIndexes = name.map { name in years.map { vault.nameIndex(fullName: name, birthYear: $0) } } ?? []
        guard nikIndex != nil || !nameIndexes.isEmpty else { throw InputError.empty(field: "--nik / --name") }
        return try workspace.database.write { db in
            let matches = try duplicates(nikIndex: nikIndex, nameIndexes: nameIndexes, excluding: nil, in: db)
            if matches.isEmpty { try AuditLog.append(db, workspace, action: "identity.lookup", record: nil) }
            for match in matches {
                try AuditLog.append(db, workspace, action: "identity.lookup", record: match.code)
            }
            return matches
        }
    }

    /// Records a consent given on `date`.
    public static func giveConsent(code: String, kind: ConsentKind, on date: DayDate, in workspace: Workspace) throws {
        try date.requireNotAfter(workspace.today, field: "tanggal persetujuan / consent date")
        try workspace.database.write { db in
            let survivor = try Survivor.require(code: code, in: db)
            guard survivor.erasedOn == nil else { throw ParticipantsError.identityErased(code: survivor.code) }
            if try openConsent(kind, of: survivor.id!, in: db) != nil {
                throw ParticipantsError.consentAlreadyGiven(code: survivor.code, kind: kind)
            }
            var consent = Consent(survivorId: survivor.id!, kind: kind, givenOn: date)
            try consent.insert(db)
            try AuditLog.append(db, workspace, action: "consent.give.\(kind.rawValue)", record: survivor.code)
        }
    }

    /// Records the withdrawal of a consent on `date`. Withdrawing consent to data processing
    /// also ends consent to sharing photos and stories.
    public static func withdrawConsent(code: String, kind: ConsentKind, on date: DayDate, in workspace: Workspace) throws {
        try date.requireNotAfter(workspace.today, field: "tanggal penarikan / withdrawal date")
        try workspace.database.write { db in
            let survivor = try Survivor.require(code: code, in: db)
            guard var consent = try openConsent(kind, of: survivor.id!, in: db) else {
                throw ParticipantsError.noConsentToWithdraw(code: survivor.code, kind: kind)
            }
            guard date >= consent.givenOn else {
                throw InputError.datesOutOfOrder(first: "tanggal persetujuan / consent date", firstValue: consent.givenOn,
                                                 second: "tanggal penarikan / withdrawal date", secondValue: date)
            }
            consent.withdrawnOn = date
            try consent.update(db)
            if kind == .dataProcessing, var media = try openConsent(.mediaSharing, of: survivor.id!, in: db) {
                media.withdrawnOn = max(date, media.givenOn)
                try media.update(db)
            }
            try AuditLog.append(db, workspace, action: "consent.withdraw.\(kind.rawValue)", record: survivor.code)
        }
    }

    /// Removes a survivor's identity after she withdrew consent to data processing. Her code,
    /// profile, enrolments and every other record stay, so totals remain true. No copy of the
    /// sealed bytes (identity or visit notes) stays in the database file, its -wal or its -shm.
    public static func erase(code: String, in workspace: Workspace) throws {
        try workspace.database.write { db in
            var survivor = try Survivor.require(code: code, in: db)
            guard survivor.erasedOn == nil else { throw ParticipantsError.identityErased(code: survivor.code) }
            if try openConsent(.dataProcessing, of: survivor.id!, in: db) != nil {
                throw ParticipantsError.consentNotWithdrawn(code: survivor.code)
            }
            _ = try SealedIdentity.deleteOne(db, key: survivor.id)
            // Visit notes are identity data too: they go with her identity; the figures stay.
            try db.execute(sql: "UPDATE visit SET sealedNotes = NULL WHERE survivorId = ? AND sealedNotes IS NOT NULL",
                           arguments: [survivor.id])
            survivor.erasedOn = workspace.today
            try survivor.update(db)
            try Meta.set("1", for: Meta.unsweptErasure, in: db)
            try AuditLog.append(db, workspace, action: "survivor.erase", record: survivor.code)
        }
        try workspace.database.scrubErasedPages()
    }

    /// Survivors by code, optionally of one site, one case stage, or enrolled in one cohort.
    public static func list(in workspace: Workspace, siteCode: String? = nil, cohortCode: String? = nil,
                            stage: CaseStage? = nil) throws -> [SurvivorSummary] {
        try workspace.database.read { db in
            var conditions: [String] = []
            var arguments: StatementArguments = []
            if let siteCode {
                let site = try Site.require(code: siteCode, in: db)
                conditions.append("survivor.siteId = ?")
                _ = arguments.append(contentsOf: [site.id])
            }
            if let cohortCode {
                let cohort = try Cohort.require(code: cohortCode, in: db)
                conditions.append("survivor.id IN (SELECT survivorId FROM enrolment WHERE cohortId = ?)")
                _ = arguments.append(contentsOf: [cohort.id])
            }
            if let stage {
                conditions.append("survivor.caseStage = ?")
                _ = arguments.append(contentsOf: [stage.rawValue])
            }
            let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            return try SurvivorSummary.fetchAll(db, sql: """
                SELECT survivor.code, site.code AS site, survivor.sex, survivor.birthYear, survivor.caseStage,
                       survivor.registeredOn, survivor.erasedOn IS NOT NULL AS erased,
                       (SELECT group_concat(code, ' ') FROM (SELECT DISTINCT cohort.code FROM enrolment
                          JOIN cohort ON cohort.id = enrolment.cohortId
                         WHERE enrolment.survivorId = survivor.id ORDER BY cohort.startDate)) AS cohorts
                FROM survivor JOIN site ON site.id = survivor.siteId
                \(filter)
                ORDER BY site.code, survivor.serial
                """, arguments: arguments)
        }
    }

    /// Everything known about a survivor without her identity.
    public static func details(code: String, in workspace: Workspace) throws -> SurvivorDetails {
        try workspace.database.read { db in
            let survivor = try Survivor.require(code: code, in: db)
            let site = try Site.fetchOne(db, key: survivor.siteId)!
            let types = try String.fetchAll(db, sql: "SELECT type FROM survivor_exploitation WHERE survivorId = ? ORDER BY type",
                                            arguments: [survivor.id]).compactMap(ExploitationType.init(rawValue:))
            let consents = try Consent.filter { $0.survivorId == survivor.id }.order { $0.id }.fetchAll(db)
            let enrolments = try EnrolmentLine.fetchAll(db, sql: """
                SELECT cohort.code AS cohort, cohort.name AS cohortName, enrolment.enrolledOn,
                       enrolment.exitedOn, enrolment.exitReason
                FROM enrolment JOIN cohort ON cohort.id = enrolment.cohortId
                WHERE enrolment.survivorId = ? ORDER BY enrolment.enrolledOn, enrolment.id
                """, arguments: [survivor.id])
            return SurvivorDetails(code: survivor.code, site: site.code, registeredOn: survivor.registeredOn,
                                   erasedOn: survivor.erasedOn, profile: survivor.profile, exploitationTypes: types,
                                   consents: consents.map { ConsentLine(kind: $0.kind, givenOn: $0.givenOn, withdrawnOn: $0.withdrawnOn) },
                                   enrolments: enrolments)
        }
    }

    static func openConsent(_ kind: ConsentKind, of survivorId: Int64, in db: Database) throws -> Consent? {
        try Consent.filter { $0.survivorId == survivorId && $0.kind == kind.rawValue
            && $0.withdrawnOn == nil }.fetchOne(db)
    }

    private static func saveExploitation(_ types: Set<ExploitationType>, for survivorId: Int64, in db: Database) throws {
        for type in types.sorted(by: { $0.rawValue < $1.rawValue }) {
            try db.execute(sql: "INSERT INTO survivor_exploitation(survivorId, type) VALUES (?, ?)",
                           arguments: [survivorId, type.rawValue])
        }
    }

    private static func duplicates(nikIndex: Data?, nameIndex: Data?, excluding survivorId: Int64?,
                                   in db: Database) throws -> [DuplicateMatch] {
        try duplicates(nikIndex: nikIndex, nameIndexes: nameIndex.map { [$0] } ?? [], excluding: survivorId, in: db)
    }

    private static func duplicates(nikIndex: Data?, nameIndexes: [Data], excluding survivorId: Int64?,
                                   in db: Database) throws -> [DuplicateMatch] {
        func codes(where column: String, in indexes: [Data]) throws -> [String] {
            guard !indexes.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: indexes.count).joined(separator: ", ")
            return try String.fetchAll(db, sql: """
                SELECT survivor.code FROM survivor_identity JOIN survivor ON survivor.id = survivor_identity.survivorId
                WHERE \(column) IN (\(marks)) AND survivor.id IS NOT ? ORDER BY survivor.code
                """, arguments: StatementArguments(indexes.map { $0 as (any DatabaseValueConvertible)? } + [survivorId]))
        }
        let byNIK = try codes(where: "nikIndex", in: nikIndex.map { [$0] } ?? []).map { DuplicateMatch(code: $0, basis: .nik) }
        let byName = try codes(where: "nameIndex", in: nameIndexes).filter { code in !byNIK.contains { $0.code == code } }
            .map { DuplicateMatch(code: $0, basis: .nameAndBirthYear) }
        return byNIK + byName
    }
}

/// A survivor as listed: code, site and profile essentials, never identity.
public struct SurvivorSummary: Codable, Sendable, Equatable, FetchableRecord {
    public var code: String
    public var site: String
    public var sex: Sex
    public var birthYear: Int?
    public var caseStage: CaseStage
    public var registeredOn: DayDate
    /// Whether her identity was erased; her coded record stays.
    public var erased: Bool
    /// Codes of every cohort she was ever enrolled in, oldest first, space-separated.
    public var cohorts: String?
}

/// A survivor's pseudonymous record in full.
public struct SurvivorDetails: Codable, Sendable, Equatable {
    public var code: String
    public var site: String
    public var registeredOn: DayDate
    public var erasedOn: DayDate?
    public var profile: SurvivorProfile
    public var exploitationTypes: [ExploitationType]
    public var consents: [ConsentLine]
    public var enrolments: [EnrolmentLine]
}

/// One consent she gave, and when she withdrew it if she did.
public struct ConsentLine: Codable, Sendable, Equatable {
    public var kind: ConsentKind
    public var givenOn: DayDate
    public var withdrawnOn: DayDate?
}

/// One enrolment of a survivor in a cohort.
public struct EnrolmentLine: Codable, Sendable, Equatable, FetchableRecord {
    public var cohort: String
    public var cohortName: String
    public var enrolledOn: DayDate
    public var exitedOn: DayDate?
    public var exitReason: ExitReason?
}
