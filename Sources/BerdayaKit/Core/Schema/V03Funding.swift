import GRDB

// The schema of migration `v3-funding`: funders, funds, budget lines, the append-only ledger, loans and their instalments.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    static let fundingSchema = """
    CREATE TABLE funder (
        id        INTEGER PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 20 AND code NOT GLOB '*[^A-Z0-9-]*'),
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind      TEXT NOT NULL CHECK (kind IN ('baznas', 'laz', 'government', 'bank', 'csr', 'international', 'individual')),
        createdOn TEXT NOT NULL
    ) STRICT;

    -- A pot of money with one owner and one purpose. A restricted grant carries its award.
    CREATE TABLE fund (
        id             INTEGER PRIMARY KEY,
        code           TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 20 AND code NOT GLOB '*[^A-Z0-9-]*'),
        name           TEXT NOT NULL CHECK (length(trim(name)) > 0),
        kind           TEXT NOT NULL CHECK (kind IN ('zakat', 'infaq', 'restricted', 'unrestricted')),
        funderId       INTEGER NOT NULL REFERENCES funder(id),
        openedOn       TEXT NOT NULL,
        awardAmount    INTEGER CHECK (awardAmount > 0),
        awardCurrency  TEXT,
        awardForeign   INTEGER CHECK (awardForeign > 0),
        periodStart    TEXT,
        periodEnd      TEXT,
        createdOn      TEXT NOT NULL,
        CHECK (periodEnd IS NULL OR periodStart IS NULL OR periodEnd >= periodStart),
        CHECK (kind != 'restricted' OR (awardAmount IS NOT NULL AND periodStart IS NOT NULL AND periodEnd IS NOT NULL))
    ) STRICT;

    CREATE TABLE budget_line (
        id     INTEGER PRIMARY KEY,
        fundId INTEGER NOT NULL REFERENCES fund(id),
        code   TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 30 AND code NOT GLOB '*[^a-z0-9_]*'),
        cap    INTEGER CHECK (cap > 0),
        UNIQUE (fundId, code)
    ) STRICT;

    CREATE TABLE loan (
        id             INTEGER PRIMARY KEY,
        code           TEXT NOT NULL UNIQUE,
        fundId         INTEGER NOT NULL REFERENCES fund(id),
        budgetLineId   INTEGER NOT NULL REFERENCES budget_line(id),
        survivorId     INTEGER REFERENCES survivor(id),
        groupName      TEXT,
        siteId         INTEGER REFERENCES site(id),
        principal      INTEGER NOT NULL CHECK (principal > 0),
        startDate      TEXT NOT NULL,
        frequency      TEXT NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
        instalments    INTEGER NOT NULL CHECK (instalments BETWEEN 1 AND 260),
        status         TEXT NOT NULL CHECK (status IN ('active', 'written_off', 'cancelled')),
        closedOn       TEXT,
        closeReason    TEXT,
        CHECK ((survivorId IS NULL) != (groupName IS NULL))
    ) STRICT;

    CREATE TABLE loan_instalment (
        loanId  INTEGER NOT NULL REFERENCES loan(id),
        number  INTEGER NOT NULL CHECK (number >= 1),
        dueDate TEXT NOT NULL,
        amount  INTEGER NOT NULL CHECK (amount > 0),
        PRIMARY KEY (loanId, number)
    ) STRICT, WITHOUT ROWID;
    CREATE TRIGGER loan_instalment_fixed BEFORE UPDATE ON loan_instalment
    BEGIN SELECT RAISE(ABORT, 'a loan schedule is never edited'); END;

    -- Every movement of money: one fund, one date, signed whole rupiah (+ in, - out).
    -- Booked entries are never edited or deleted; a correction is a reversal pointing back.
    CREATE TABLE ledger_entry (
        id              INTEGER PRIMARY KEY,
        fundId          INTEGER NOT NULL REFERENCES fund(id),
        date            TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('receipt', 'disbursement', 'expense', 'transfer_out',
                            'transfer_in', 'loan_out', 'loan_repayment', 'write_off', 'reversal')),
        amount          INTEGER NOT NULL,
        writtenOff      INTEGER CHECK (writtenOff > 0),
        budgetLineId    INTEGER REFERENCES budget_line(id),
        foreignCurrency TEXT,
        foreignAmount   INTEGER,
        rate            TEXT,
        counterpartyKind TEXT CHECK (counterpartyKind IN ('survivor', 'cohort', 'group', 'vendor', 'funder', 'fund')),
        counterparty    TEXT,
        survivorId      INTEGER REFERENCES survivor(id),
        cohortId        INTEGER REFERENCES cohort(id),
        sessionId       INTEGER REFERENCES training_session(id),
        asnaf           TEXT CHECK (asnaf IN ('fakir', 'miskin', 'amil', 'muallaf', 'riqab', 'gharimin',
                            'fisabilillah', 'ibnu_sabil')),
        inKind          INTEGER NOT NULL DEFAULT 0 CHECK (inKind IN (0, 1)),
        document        TEXT NOT NULL CHECK (length(trim(document)) > 0),
        memo            TEXT,
        reversesId      INTEGER UNIQUE REFERENCES ledger_entry(id),
        transferPeerId  INTEGER REFERENCES ledger_entry(id),
        loanId          INTEGER REFERENCES loan(id),
        bookedBy        TEXT NOT NULL,
        bookedAt        TEXT NOT NULL,
        CHECK ((kind = 'write_off') = (amount = 0)),
        CHECK ((kind = 'write_off') = (writtenOff IS NOT NULL)),
        CHECK (kind NOT IN ('receipt', 'transfer_in', 'loan_repayment') OR amount > 0),
        CHECK (kind NOT IN ('disbursement', 'expense', 'transfer_out', 'loan_out') OR amount < 0),
        CHECK ((kind = 'reversal') = (reversesId IS NOT NULL)),
        CHECK ((foreignCurrency IS NULL) = (foreignAmount IS NULL) AND (foreignCurrency IS NULL) = (rate IS NULL))
    ) STRICT;
    CREATE INDEX ledger_entry_fund ON ledger_entry(fundId, date);
    CREATE INDEX ledger_entry_loan ON ledger_entry(loanId);
    CREATE TRIGGER ledger_entry_never_edited BEFORE UPDATE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'booked entries are never edited; book a reversal'); END;
    CREATE TRIGGER ledger_entry_never_deleted BEFORE DELETE ON ledger_entry
    BEGIN SELECT RAISE(ABORT, 'booked entries are never deleted; book a reversal'); END;
    """
}
