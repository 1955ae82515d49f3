import GRDB

// The schema of migration `v1-foundation`: sites, survivors with their sealed identity and consent, cohorts and enrolment, the audit log.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    // Enum values are spelled out here, not generated from Swift, so that the migration stays
    // exactly as shipped when an enum grows (a new value gets its own migration).
    static let foundationSchema = """
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY NOT NULL,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE site (
        id         INTEGER PRIMARY KEY,
        code       TEXT NOT NULL UNIQUE
                   CHECK (length(code) BETWEEN 2 AND 5 AND code NOT GLOB '*[^A-Z]*'),
        name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
        province   TEXT,
        regency    TEXT,
        nextSerial INTEGER NOT NULL DEFAULT 1 CHECK (nextSerial >= 1),
        createdOn  TEXT NOT NULL
    ) STRICT;

    CREATE TABLE survivor (
        id                 INTEGER PRIMARY KEY,
        code               TEXT NOT NULL UNIQUE,
        siteId             INTEGER NOT NULL REFERENCES site(id),
        serial             INTEGER NOT NULL CHECK (serial >= 1),
        sex                TEXT NOT NULL CHECK (sex IN ('female', 'male')),
        birthYear          INTEGER CHECK (birthYear BETWEEN 1900 AND 2100),
        education          TEXT CHECK (education IN ('none', 'primary', 'junior_secondary',
                               'senior_secondary', 'diploma', 'university')),
        maritalStatus      TEXT CHECK (maritalStatus IN ('single', 'married', 'divorced', 'widowed')),
        householdSize      INTEGER CHECK (householdSize BETWEEN 1 AND 30),
        dependants         INTEGER CHECK (dependants BETWEEN 0 AND 30),
        originProvince     TEXT,
        originRegency      TEXT,
        destinationCountry TEXT CHECK (destinationCountry IS NULL OR
                               (length(destinationCountry) = 2 AND destinationCountry NOT GLOB '*[^A-Z]*')),
        returnDate         TEXT,
        referralSource     TEXT CHECK (referralSource IN ('women_empowerment_office', 'social_office',
                               'ngo', 'police', 'community', 'self', 'other')),
        occupation         TEXT,
        baselineIncome     INTEGER CHECK (baselineIncome >= 0),
        caseStage          TEXT NOT NULL CHECK (caseStage IN ('engagement', 'assessment', 'planning',
                               'implementation', 'evaluation', 'termination', 'follow_up')),
        registeredOn       TEXT NOT NULL,
        erasedOn           TEXT,
        UNIQUE (siteId, serial)
    ) STRICT;
    CREATE INDEX survivor_site ON survivor(siteId);

    -- History is pseudonymous and kept for ever: a survivor row is never deleted.
    CREATE TRIGGER survivor_never_deleted BEFORE DELETE ON survivor
    BEGIN SELECT RAISE(ABORT, 'survivor records are never deleted; erase the identity instead'); END;
    CREATE TRIGGER survivor_code_fixed BEFORE UPDATE OF code, siteId, serial ON survivor
    WHEN NEW.code IS NOT OLD.code OR NEW.siteId IS NOT OLD.siteId OR NEW.serial IS NOT OLD.serial
    BEGIN SELECT RAISE(ABORT, 'a survivor code never changes'); END;

    CREATE TABLE survivor_exploitation (
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        type       TEXT NOT NULL CHECK (type IN ('forced_labour', 'domestic_servitude', 'online_scam',
                       'sexual_exploitation', 'debt_bondage', 'child_marriage', 'other')),
        PRIMARY KEY (survivorId, type)
    ) STRICT, WITHOUT ROWID;

    -- Identity, sealed with AES-GCM; the blind indexes are keyed hashes for lookups and duplicates.
    CREATE TABLE survivor_identity (
        survivorId INTEGER PRIMARY KEY REFERENCES survivor(id),
        sealed     BLOB NOT NULL,
        nikIndex   BLOB,
        nameIndex  BLOB NOT NULL
    ) STRICT;
    CREATE INDEX survivor_identity_nik ON survivor_identity(nikIndex);
    CREATE INDEX survivor_identity_name ON survivor_identity(nameIndex);

    CREATE TABLE consent (
        id          INTEGER PRIMARY KEY,
        survivorId  INTEGER NOT NULL REFERENCES survivor(id),
        kind        TEXT NOT NULL CHECK (kind IN ('data_processing', 'media_sharing')),
        givenOn     TEXT NOT NULL,
        withdrawnOn TEXT,
        CHECK (withdrawnOn IS NULL OR withdrawnOn >= givenOn)
    ) STRICT;
    CREATE UNIQUE INDEX consent_one_open ON consent(survivorId, kind) WHERE withdrawnOn IS NULL;

    CREATE TABLE cohort (
        id           INTEGER PRIMARY KEY,
        code         TEXT NOT NULL UNIQUE
                     CHECK (length(code) BETWEEN 3 AND 20 AND code NOT GLOB '*[^A-Z0-9-]*'),
        name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
        program      TEXT NOT NULL CHECK (length(trim(program)) > 0),
        siteId       INTEGER NOT NULL REFERENCES site(id),
        startDate    TEXT NOT NULL,
        endDate      TEXT NOT NULL,
        facilitators TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(facilitators)),
        partners     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(partners)),
        status       TEXT NOT NULL CHECK (status IN ('planned', 'active', 'completed')),
        createdOn    TEXT NOT NULL,
        CHECK (endDate >= startDate)
    ) STRICT;
    CREATE INDEX cohort_site ON cohort(siteId);

    CREATE TABLE enrolment (
        id         INTEGER PRIMARY KEY,
        cohortId   INTEGER NOT NULL REFERENCES cohort(id),
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        enrolledOn TEXT NOT NULL,
        exitedOn   TEXT,
        exitReason TEXT CHECK (exitReason IN ('completed', 'dropped_out', 're_migrated', 'moved', 'other')),
        CHECK ((exitedOn IS NULL) = (exitReason IS NULL)),
        CHECK (exitedOn IS NULL OR exitedOn >= enrolledOn)
    ) STRICT;
    CREATE UNIQUE INDEX enrolment_one_open ON enrolment(cohortId, survivorId) WHERE exitedOn IS NULL;
    CREATE INDEX enrolment_survivor ON enrolment(survivorId);

    -- Who did what, append-only, with codes only and never personal data.
    CREATE TABLE audit_log (
        id     INTEGER PRIMARY KEY,
        at     TEXT NOT NULL,
        actor  TEXT NOT NULL CHECK (length(actor) > 0),
        action TEXT NOT NULL,
        record TEXT
    ) STRICT;
    CREATE INDEX audit_log_record ON audit_log(record);
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    """
}
