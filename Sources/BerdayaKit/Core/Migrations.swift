import GRDB

extension AppDatabase {
    /// The schema, one named migration per step. A shipped migration is never edited:
    /// later modules append their own.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-foundation") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(sql: foundationSchema)
        }
        migrator.registerMigration("v2-training") { db in
            try db.execute(sql: trainingSchema)
        }
        migrator.registerMigration("v3-funding") { db in
            try db.execute(sql: fundingSchema)
        }
        migrator.registerMigration("v4-enterprise") { db in
            try db.execute(sql: enterpriseSchema)
        }
        migrator.registerMigration("v5-outcomes") { db in
            try db.execute(sql: outcomesSchema)
        }
        migrator.registerMigration("v6-web-access") { db in
            try db.execute(sql: webAccessSchema)
        }
        // Found by profiling the donor report over a million sales: budget lines and cohort
        // progress scanned whole tables once per line and per cohort.
        migrator.registerMigration("v7-report-indexes") { db in
            try db.execute(sql: """
                CREATE INDEX ledger_entry_budget_line ON ledger_entry(budgetLineId) WHERE budgetLineId IS NOT NULL;
                CREATE INDEX assessment_module ON assessment(moduleId);
                """)
        }
        // Found by the web benchmark: every register counted each member's corrections by
        // scanning all corrections, so the page slowed as corrections accumulated.
        migrator.registerMigration("v8-correction-index") { db in
            try db.execute(sql: "CREATE INDEX attendance_correction_session ON attendance_correction(sessionId, survivorId)")
        }
        // An officer can be limited to some sites: she sees and works only their survivors,
        // cohorts, attendance, businesses and visits. No row: every site.
        migrator.registerMigration("v9-user-sites") { db in
            try db.execute(sql: """
                CREATE TABLE user_site (
                    userId INTEGER NOT NULL REFERENCES app_user(id),
                    siteId INTEGER NOT NULL REFERENCES site(id),
                    PRIMARY KEY (userId, siteId)
                ) STRICT, WITHOUT ROWID;
                """)
        }
        // Every money column is bounded by Rupiah.maximum, in the schema as well as in Swift, so
        // that no sum over fewer than Rupiah.summable rows can overflow a read (issue 16). Rows
        // written before stay as they are (the ledger's triggers forbid edits); reads that meet one
        // name it (StoredMoney.requireSummable).
        migrator.registerMigration("v10-money-bounds") { db in
            try db.execute(sql: moneyBoundsSchema)
        }
        // The ledger and the audit log become hash chains (HashChain), so that a row inserted,
        // deleted or changed by hand is found by `berdaya check` (issue 16). Rows already there
        // are chained in id order; from now on a row without its hash is refused.
        migrator.registerMigration("v11-hash-chains") { db in
            for (table, noUpdate) in [("ledger_entry", "ledger_entry_never_edited"), ("audit_log", "audit_log_no_update")] {
                try db.execute(sql: """
                    ALTER TABLE \(table) ADD COLUMN chainHash BLOB CHECK (chainHash IS NULL OR length(chainHash) = 32);
                    CREATE TRIGGER \(table)_chained BEFORE INSERT ON \(table) WHEN NEW.chainHash IS NULL
                    BEGIN SELECT RAISE(ABORT, 'every row of \(table) carries its chain hash: write it through Berdaya'); END;
                    """)
                try HashChain.backFill(table: table, noUpdateTrigger: noUpdate, in: db)
            }
        }
        return migrator
    }

    /// The money columns, each refused beyond ±Rupiah.maximum on insert and on update.
    static let moneyColumns: [(table: String, column: String)] = [
        ("ledger_entry", "amount"), ("ledger_entry", "writtenOff"), ("fund", "awardAmount"), ("budget_line", "cap"),
        ("loan", "principal"), ("loan_instalment", "amount"), ("product", "usualPrice"), ("sale", "unitPrice"),
        ("sale", "amount"), ("business_cost", "amount"), ("monthly_snapshot", "omzet"), ("monthly_snapshot", "costs"),
        ("market_event", "cost"), ("visit", "income"), ("visit", "needs"), ("visit", "savings"), ("visit_income", "amount"),
        ("poverty_line", "perPerson"), ("survivor", "baselineIncome"),
    ]

    static var moneyBoundsSchema: String {
        let bound = Rupiah.maximum.amount
        return moneyColumns.map { table, column in
            let check = "WHEN NEW.\(column) NOT BETWEEN -\(bound) AND \(bound) BEGIN SELECT RAISE(ABORT, 'amount out of bounds: \(table).\(column)'); END;"
            return """
                CREATE TRIGGER \(table)_\(column)_bounded_insert BEFORE INSERT ON \(table) \(check)
                CREATE TRIGGER \(table)_\(column)_bounded_update BEFORE UPDATE OF \(column) ON \(table) \(check)
                """
        }.joined(separator: "\n")
    }

    private static let trainingSchema = """
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

    // Enum values are spelled out here, not generated from Swift, so that the migration stays
    // exactly as shipped when an enum grows (a new value gets its own migration).
    private static let foundationSchema = """
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

    private static let fundingSchema = """
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

    private static let enterpriseSchema = """
    -- A survivor's micro-business (UMKM), or a group's (KUBE). Its status lives in
    -- business_status_change; startedOn is set when it first becomes active.
    CREATE TABLE business (
        id        INTEGER PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE,
        siteId    INTEGER NOT NULL REFERENCES site(id),
        serial    INTEGER NOT NULL CHECK (serial >= 1),
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        sector    TEXT NOT NULL CHECK (sector IN ('craft', 'food', 'services', 'trade', 'other')),
        ownership TEXT NOT NULL CHECK (ownership IN ('individual', 'kube')),
        cohortId  INTEGER REFERENCES cohort(id),
        startedOn TEXT,
        createdOn TEXT NOT NULL,
        UNIQUE (siteId, serial)
    ) STRICT;
    CREATE TRIGGER business_never_deleted BEFORE DELETE ON business
    BEGIN SELECT RAISE(ABORT, 'a business is never deleted; close it'); END;
    CREATE TRIGGER business_code_fixed BEFORE UPDATE OF code, siteId, serial ON business
    BEGIN SELECT RAISE(ABORT, 'a business code never changes'); END;

    CREATE TABLE business_owner (
        businessId INTEGER NOT NULL REFERENCES business(id),
        survivorId INTEGER NOT NULL REFERENCES survivor(id),
        PRIMARY KEY (businessId, survivorId)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX business_owner_survivor ON business_owner(survivorId);

    CREATE TABLE business_status_change (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        date       TEXT NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'closed')),
        reason     TEXT,
        recordedBy TEXT NOT NULL
    ) STRICT;
    CREATE INDEX business_status_change_business ON business_status_change(businessId, date);
    CREATE TRIGGER business_status_change_append_only BEFORE UPDATE ON business_status_change
    BEGIN SELECT RAISE(ABORT, 'status history is never edited'); END;
    CREATE TRIGGER business_status_change_never_deleted BEFORE DELETE ON business_status_change
    BEGIN SELECT RAISE(ABORT, 'status history is never deleted'); END;

    CREATE TABLE product (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        name       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
        unit       TEXT NOT NULL CHECK (length(trim(unit)) > 0),
        usualPrice INTEGER NOT NULL CHECK (usualPrice > 0),
        UNIQUE (businessId, name)
    ) STRICT;

    CREATE TABLE licence (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        kind       TEXT NOT NULL CHECK (kind IN ('nib', 'pirt', 'halal')),
        number     TEXT NOT NULL CHECK (length(trim(number)) > 0),
        issuedOn   TEXT NOT NULL,
        expiresOn  TEXT CHECK (expiresOn IS NULL OR expiresOn > issuedOn),
        CHECK (kind = 'nib' OR expiresOn IS NOT NULL),
        UNIQUE (kind, number)
    ) STRICT;
    CREATE INDEX licence_business ON licence(businessId, kind);

    -- Market access: exhibitions, bazaars, campaigns, buyer meetings, Dinas programs.
    CREATE TABLE market_event (
        id        INTEGER PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE,
        kind      TEXT NOT NULL CHECK (kind IN ('exhibition', 'bazaar', 'trade_fair', 'online_campaign',
                      'buyer_meeting', 'dinas_program')),
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        startDate TEXT NOT NULL,
        endDate   TEXT NOT NULL CHECK (endDate >= startDate),
        place     TEXT NOT NULL CHECK (length(trim(place)) > 0),
        organiser TEXT NOT NULL CHECK (length(trim(organiser)) > 0),
        cost      INTEGER NOT NULL CHECK (cost >= 0),
        siteId    INTEGER REFERENCES site(id),
        createdOn TEXT NOT NULL
    ) STRICT;

    CREATE TABLE event_participant (
        eventId    INTEGER NOT NULL REFERENCES market_event(id),
        businessId INTEGER NOT NULL REFERENCES business(id),
        PRIMARY KEY (eventId, businessId)
    ) STRICT, WITHOUT ROWID;

    -- A shop, cooperative, outlet or online store that takes a business's products.
    CREATE TABLE channel_partner (
        id        INTEGER PRIMARY KEY,
        code      TEXT NOT NULL UNIQUE,
        kind      TEXT NOT NULL CHECK (kind IN ('shop', 'cooperative', 'government_outlet', 'online_store',
                      'entrepreneur', 'other')),
        name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
        place     TEXT,
        siteId    INTEGER REFERENCES site(id),
        createdOn TEXT NOT NULL
    ) STRICT;

    -- A partner taking a business's products since a date, and the event that opened it, if any.
    CREATE TABLE partner_link (
        partnerId  INTEGER NOT NULL REFERENCES channel_partner(id),
        businessId INTEGER NOT NULL REFERENCES business(id),
        since      TEXT NOT NULL,
        eventId    INTEGER REFERENCES market_event(id),
        PRIMARY KEY (partnerId, businessId)
    ) STRICT, WITHOUT ROWID;

    -- Itemised sales. A mistake is voided with a reason, never deleted.
    CREATE TABLE sale (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        date       TEXT NOT NULL,
        productId  INTEGER NOT NULL REFERENCES product(id),
        quantity   INTEGER NOT NULL CHECK (quantity > 0),
        unitPrice  INTEGER NOT NULL CHECK (unitPrice > 0),
        amount     INTEGER NOT NULL CHECK (amount = quantity * unitPrice),
        channel    TEXT NOT NULL CHECK (channel IN ('direct', 'exhibition', 'consignment', 'cooperative', 'marketplace',
                       'social_media', 'abroad', 'other')),
        buyerType  TEXT CHECK (buyerType IN ('individual', 'reseller', 'shop', 'institution', 'abroad', 'other')),
        eventId    INTEGER REFERENCES market_event(id),
        partnerId  INTEGER REFERENCES channel_partner(id),
        recordedBy TEXT NOT NULL,
        voidedOn   TEXT,
        voidReason TEXT,
        CHECK ((voidedOn IS NULL) = (voidReason IS NULL))
    ) STRICT;
    CREATE INDEX sale_business ON sale(businessId, date);
    CREATE INDEX sale_event ON sale(eventId);
    CREATE TRIGGER sale_only_voided BEFORE UPDATE ON sale
    WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.date != OLD.date
        OR NEW.productId != OLD.productId OR NEW.quantity != OLD.quantity OR NEW.unitPrice != OLD.unitPrice
        OR NEW.amount != OLD.amount OR NEW.channel != OLD.channel
    BEGIN SELECT RAISE(ABORT, 'a sale is never edited; void it and record it again'); END;
    CREATE TRIGGER sale_never_deleted BEFORE DELETE ON sale
    BEGIN SELECT RAISE(ABORT, 'a sale is never deleted; void it'); END;

    CREATE TABLE business_cost (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        date       TEXT NOT NULL,
        category   TEXT NOT NULL CHECK (category IN ('raw_materials', 'packaging', 'transport', 'stall_fee', 'other')),
        amount     INTEGER NOT NULL CHECK (amount > 0),
        note       TEXT,
        recordedBy TEXT NOT NULL,
        voidedOn   TEXT,
        voidReason TEXT,
        CHECK ((voidedOn IS NULL) = (voidReason IS NULL))
    ) STRICT;
    CREATE INDEX business_cost_business ON business_cost(businessId, date);
    CREATE TRIGGER business_cost_only_voided BEFORE UPDATE ON business_cost
    WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.date != OLD.date
        OR NEW.category != OLD.category OR NEW.amount != OLD.amount
    BEGIN SELECT RAISE(ABORT, 'a cost is never edited; void it and record it again'); END;
    CREATE TRIGGER business_cost_never_deleted BEFORE DELETE ON business_cost
    BEGIN SELECT RAISE(ABORT, 'a cost is never deleted; void it'); END;

    -- What a survivor reported for a whole month at a visit: stands in for a month with no
    -- itemised sales, never adds to one.
    CREATE TABLE monthly_snapshot (
        id         INTEGER PRIMARY KEY,
        businessId INTEGER NOT NULL REFERENCES business(id),
        month      TEXT NOT NULL CHECK (month GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
        omzet      INTEGER NOT NULL CHECK (omzet >= 0),
        costs      INTEGER NOT NULL CHECK (costs >= 0),
        reportedOn TEXT NOT NULL,
        recordedBy TEXT NOT NULL,
        voidedOn   TEXT,
        voidReason TEXT,
        CHECK ((voidedOn IS NULL) = (voidReason IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX monthly_snapshot_one ON monthly_snapshot(businessId, month) WHERE voidedOn IS NULL;
    CREATE TRIGGER monthly_snapshot_only_voided BEFORE UPDATE ON monthly_snapshot
    WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.month != OLD.month
        OR NEW.omzet != OLD.omzet OR NEW.costs != OLD.costs
    BEGIN SELECT RAISE(ABORT, 'a snapshot is never edited; void it and record it again'); END;
    CREATE TRIGGER monthly_snapshot_never_deleted BEFORE DELETE ON monthly_snapshot
    BEGIN SELECT RAISE(ABORT, 'a snapshot is never deleted; void it'); END;

    -- Money that went to a business: a micro-grant, productive zakat or a loan.
    ALTER TABLE ledger_entry ADD COLUMN businessId INTEGER REFERENCES business(id);
    CREATE INDEX ledger_entry_business ON ledger_entry(businessId) WHERE businessId IS NOT NULL;
    """

    private static let outcomesSchema = """
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

    private static let webAccessSchema = """
    -- People who sign in to the web app, with a bcrypt hash of their password and one role.
    CREATE TABLE app_user (
        id           INTEGER PRIMARY KEY,
        username     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(username)) >= 3),
        passwordHash TEXT NOT NULL,
        role         TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'treasurer', 'viewer')),
        language     TEXT NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
        createdOn    TEXT NOT NULL,
        createdBy    TEXT NOT NULL,
        disabledOn   TEXT
    ) STRICT;

    -- A signed-in browser: the SHA-256 of its cookie's token (the token itself is never
    -- stored), its CSRF token, and when it was last seen (it expires after inactivity).
    CREATE TABLE web_session (
        tokenHash BLOB PRIMARY KEY,
        userId    INTEGER NOT NULL REFERENCES app_user(id),
        csrf      TEXT NOT NULL,
        createdAt INTEGER NOT NULL,
        lastSeen  INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;

    -- Every sign-in attempt, for throttling.
    CREATE TABLE login_attempt (
        id        INTEGER PRIMARY KEY,
        username  TEXT NOT NULL COLLATE NOCASE,
        address   TEXT NOT NULL,
        at        INTEGER NOT NULL,
        succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
    ) STRICT;
    CREATE INDEX login_attempt_recent ON login_attempt(username, at);

    -- One-time tokens of forms already submitted: a second tap books nothing twice.
    CREATE TABLE form_submission (
        token  TEXT PRIMARY KEY,
        userId INTEGER NOT NULL REFERENCES app_user(id),
        at     INTEGER NOT NULL,
        result TEXT
    ) STRICT, WITHOUT ROWID;
    """
}
