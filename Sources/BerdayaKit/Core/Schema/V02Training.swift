import GRDB

// The schema of migration `v2-training`: modules, sessions, attendance and its corrections, assessments, the completion rule.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    static let trainingSchema = """
    -- The cohort's completion rule: share of held sessions attended, and whether every core
    -- module needs a post assessment.
    ALTER TABLE cohort ADD COLUMN completionPercent INTEGER NOT NULL DEFAULT 75
        CHECK (completionPercent BETWEEN 0 AND 100);
    ALTER TABLE cohort ADD COLUMN completionNeedsPost INTEGER NOT NULL DEFAULT 1
        CHECK (completionNeedsPost IN (0, 1));

    CREATE TABLE training_module (
        id       INTEGER PRIMARY KEY,
        cohortId INTEGER NOT NULL REFERENCES cohort(id),
        name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
        category TEXT NOT NULL CHECK (category IN ('craft', 'food_product', 'business_skills',
                     'financial_literacy', 'psychosocial', 'other')),
        isCore   INTEGER NOT NULL DEFAULT 1 CHECK (isCore IN (0, 1)),
        UNIQUE (cohortId, name)
    ) STRICT;

    CREATE TABLE training_session (
        id              INTEGER PRIMARY KEY,
        cohortId        INTEGER NOT NULL REFERENCES cohort(id),
        number          INTEGER NOT NULL CHECK (number >= 1),
        moduleId        INTEGER NOT NULL REFERENCES training_module(id),
        date            TEXT NOT NULL,
        startTime       TEXT CHECK (startTime IS NULL OR startTime GLOB '[0-2][0-9]:[0-5][0-9]'),
        durationMinutes INTEGER CHECK (durationMinutes BETWEEN 1 AND 720),
        facilitators    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(facilitators)),
        location        TEXT,
        materials       TEXT,
        notes           TEXT,
        status          TEXT NOT NULL CHECK (status IN ('planned', 'held', 'cancelled')),
        changeReason    TEXT,
        previousDate    TEXT,
        UNIQUE (cohortId, number),
        CHECK (status != 'cancelled' OR changeReason IS NOT NULL)
    ) STRICT;
    CREATE INDEX training_session_cohort ON training_session(cohortId, date);

    CREATE TABLE attendance (
        sessionId  INTEGER NOT NULL REFERENCES training_session(id),
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        mark       TEXT NOT NULL CHECK (mark IN ('present', 'late', 'excused', 'absent')),
        PRIMARY KEY (sessionId, survivorId)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER attendance_never_deleted BEFORE DELETE ON attendance
    BEGIN SELECT RAISE(ABORT, 'attendance is corrected, never deleted'); END;

    -- Every change to a mark already recorded: the old and new mark, why, who and when.
    CREATE TABLE attendance_correction (
        id         INTEGER PRIMARY KEY,
        sessionId  INTEGER NOT NULL REFERENCES training_session(id),
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        fromMark   TEXT NOT NULL,
        toMark     TEXT NOT NULL,
        reason     TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        actor      TEXT NOT NULL,
        at         TEXT NOT NULL
    ) STRICT;
    CREATE TRIGGER attendance_correction_append_only BEFORE UPDATE ON attendance_correction
    BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;
    CREATE TRIGGER attendance_correction_never_deleted BEFORE DELETE ON attendance_correction
    BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

    CREATE TABLE assessment (
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        moduleId   INTEGER NOT NULL REFERENCES training_module(id),
        phase      TEXT NOT NULL CHECK (phase IN ('pre', 'post')),
        score      INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
        rubricLevel INTEGER,
        rubricMax   INTEGER,
        assessedOn TEXT NOT NULL,
        PRIMARY KEY (survivorId, moduleId, phase),
        CHECK ((rubricLevel IS NULL) = (rubricMax IS NULL)),
        CHECK (rubricMax IS NULL OR (rubricMax BETWEEN 2 AND 10 AND rubricLevel BETWEEN 1 AND rubricMax))
    ) STRICT, WITHOUT ROWID;
    """
}
