import GRDB

// The schema of migration `v5-outcomes`: household visits, incomes, poverty lines and follow-up schedules.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    static let outcomesSchema = """
    -- The regional poverty line per person per month, per site and year (BPS figures):
    -- times the household size, it is the household's needs when none are stated.
    CREATE TABLE poverty_line (
        siteId    INTEGER NOT NULL REFERENCES site(id),
        year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        perPerson INTEGER NOT NULL CHECK (perPerson > 0),
        source    TEXT,
        setOn     TEXT NOT NULL,
        PRIMARY KEY (siteId, year)
    ) STRICT, WITHOUT ROWID;

    -- Months after a cohort ends at which its members are visited again, per program.
    CREATE TABLE follow_up_schedule (
        program TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(program)) > 0),
        months  TEXT NOT NULL CHECK (json_valid(months))
    ) STRICT;

    -- A baseline or follow-up visit to a survivor's household. Needs are stored as used
    -- when the visit was recorded, so a later change to a poverty line never reclassifies it.
    -- Notes are sealed like identity data. A mistake is voided, never edited.
    CREATE TABLE visit (
        id             INTEGER PRIMARY KEY,
        survivorId     INTEGER NOT NULL REFERENCES survivor(id),
        number         INTEGER NOT NULL CHECK (number >= 1),
        kind           TEXT NOT NULL CHECK (kind IN ('baseline', 'follow_up')),
        date           TEXT NOT NULL,
        cohortId       INTEGER REFERENCES cohort(id),
        round          INTEGER CHECK (round IS NULL OR round > 0),
        officer        TEXT NOT NULL CHECK (length(trim(officer)) > 0),
        householdSize  INTEGER NOT NULL CHECK (householdSize BETWEEN 1 AND 30),
        income         INTEGER NOT NULL CHECK (income >= 0),
        needs          INTEGER NOT NULL CHECK (needs > 0),
        needsBasis     TEXT NOT NULL CHECK (needsBasis IN ('stated', 'poverty_line')),
        savings        INTEGER NOT NULL CHECK (savings >= 0),
        businessStatus TEXT NOT NULL CHECK (businessStatus IN ('none', 'planned', 'active', 'paused', 'closed')),
        migration      TEXT NOT NULL CHECK (migration IN ('none', 'considering', 'planning')),
        confidence     INTEGER NOT NULL CHECK (confidence BETWEEN 1 AND 5),
        prayer         INTEGER NOT NULL CHECK (prayer BETWEEN 1 AND 5),
        fasting        INTEGER NOT NULL CHECK (fasting BETWEEN 1 AND 5),
        giving         INTEGER NOT NULL CHECK (giving BETWEEN 1 AND 5),
        environment    INTEGER NOT NULL CHECK (environment BETWEEN 1 AND 5),
        fifth          INTEGER NOT NULL CHECK (fifth BETWEEN 1 AND 5),
        sealedNotes    BLOB,
        recordedBy     TEXT NOT NULL,
        recordedOn     TEXT NOT NULL,
        voidedOn       TEXT,
        voidReason     TEXT,
        CHECK ((voidedOn IS NULL) = (voidReason IS NULL)),
        CHECK (kind = 'follow_up' OR round IS NULL),
        UNIQUE (survivorId, number)
    ) STRICT;
    CREATE UNIQUE INDEX visit_one_baseline ON visit(survivorId) WHERE kind = 'baseline' AND voidedOn IS NULL;
    CREATE UNIQUE INDEX visit_one_round ON visit(survivorId, cohortId, round) WHERE round IS NOT NULL AND voidedOn IS NULL;
    CREATE INDEX visit_date ON visit(date);
    -- Only the void and the erasure of notes (when a survivor's data is erased) change a visit.
    CREATE TRIGGER visit_only_voided BEFORE UPDATE ON visit
    WHEN (OLD.voidedOn IS NOT NULL AND NEW.voidedOn IS NOT OLD.voidedOn)
        OR NEW.survivorId != OLD.survivorId OR NEW.kind != OLD.kind OR NEW.date != OLD.date
        OR NEW.cohortId IS NOT OLD.cohortId OR NEW.round IS NOT OLD.round OR NEW.officer != OLD.officer
        OR NEW.householdSize != OLD.householdSize
        OR NEW.income != OLD.income OR NEW.needs != OLD.needs OR NEW.savings != OLD.savings
        OR NEW.businessStatus != OLD.businessStatus OR NEW.migration != OLD.migration
        OR NEW.confidence != OLD.confidence OR NEW.prayer != OLD.prayer OR NEW.fasting != OLD.fasting
        OR NEW.giving != OLD.giving OR NEW.environment != OLD.environment OR NEW.fifth != OLD.fifth
        OR (NEW.sealedNotes IS NOT NULL AND NEW.sealedNotes IS NOT OLD.sealedNotes)
    BEGIN SELECT RAISE(ABORT, 'a visit is never edited; void it and record it again'); END;
    CREATE TRIGGER visit_never_deleted BEFORE DELETE ON visit
    BEGIN SELECT RAISE(ABORT, 'a visit is never deleted; void it'); END;

    -- Where the household's monthly income comes from; the amounts add up to visit.income.
    CREATE TABLE visit_income (
        visitId INTEGER NOT NULL REFERENCES visit(id),
        source  TEXT NOT NULL CHECK (source IN ('business', 'wage', 'farming', 'remittance', 'social_assistance', 'other')),
        amount  INTEGER NOT NULL CHECK (amount > 0),
        PRIMARY KEY (visitId, source)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER visit_income_never_changed BEFORE UPDATE ON visit_income
    BEGIN SELECT RAISE(ABORT, 'a visit is never edited; void it and record it again'); END;
    CREATE TRIGGER visit_income_never_deleted BEFORE DELETE ON visit_income
    BEGIN SELECT RAISE(ABORT, 'a visit is never deleted; void it'); END;
    """
}
