-- index assessment_module
CREATE INDEX assessment_module ON assessment(moduleId);

-- index attendance_correction_session
CREATE INDEX attendance_correction_session ON attendance_correction(sessionId, survivorId);

-- index audit_log_record
CREATE INDEX audit_log_record ON audit_log(record);

-- index business_cost_business
CREATE INDEX business_cost_business ON business_cost(businessId, date);

-- index business_owner_survivor
CREATE INDEX business_owner_survivor ON business_owner(survivorId);

-- index business_status_change_business
CREATE INDEX business_status_change_business ON business_status_change(businessId, date);

-- index cohort_site
CREATE INDEX cohort_site ON cohort(siteId);

-- index consent_one_open
CREATE UNIQUE INDEX consent_one_open ON consent(survivorId, kind) WHERE withdrawnOn IS NULL;

-- index enrolment_one_open
CREATE UNIQUE INDEX enrolment_one_open ON enrolment(cohortId, survivorId) WHERE exitedOn IS NULL;

-- index enrolment_survivor
CREATE INDEX enrolment_survivor ON enrolment(survivorId);

-- index ledger_entry_budget_line
CREATE INDEX ledger_entry_budget_line ON ledger_entry(budgetLineId) WHERE budgetLineId IS NOT NULL;

-- index ledger_entry_business
CREATE INDEX ledger_entry_business ON ledger_entry(businessId) WHERE businessId IS NOT NULL;

-- index ledger_entry_fund
CREATE INDEX ledger_entry_fund ON ledger_entry(fundId, date);

-- index ledger_entry_loan
CREATE INDEX ledger_entry_loan ON ledger_entry(loanId);

-- index licence_business
CREATE INDEX licence_business ON licence(businessId, kind);

-- index login_attempt_failed_by_address
CREATE INDEX login_attempt_failed_by_address ON login_attempt(address, at) WHERE succeeded = 0;

-- index login_attempt_recent
CREATE INDEX login_attempt_recent ON login_attempt(username, at);

-- index login_attempt_signed_in
CREATE INDEX login_attempt_signed_in ON login_attempt(username, address, at) WHERE succeeded = 1;

-- index monthly_snapshot_one
CREATE UNIQUE INDEX monthly_snapshot_one ON monthly_snapshot(businessId, month) WHERE voidedOn IS NULL;

-- index sale_business
CREATE INDEX sale_business ON sale(businessId, date);

-- index sale_event
CREATE INDEX sale_event ON sale(eventId);

-- index survivor_identity_name
CREATE INDEX survivor_identity_name ON survivor_identity(nameIndex);

-- index survivor_identity_nik
CREATE INDEX survivor_identity_nik ON survivor_identity(nikIndex);

-- index survivor_site
CREATE INDEX survivor_site ON survivor(siteId);

-- index training_session_cohort
CREATE INDEX training_session_cohort ON training_session(cohortId, date);

-- index visit_date
CREATE INDEX visit_date ON visit(date);

-- index visit_one_baseline
CREATE UNIQUE INDEX visit_one_baseline ON visit(survivorId) WHERE kind = 'baseline' AND voidedOn IS NULL;

-- index visit_one_round
CREATE UNIQUE INDEX visit_one_round ON visit(survivorId, cohortId, round) WHERE round IS NOT NULL AND voidedOn IS NULL;

-- table app_user
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

-- table assessment
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

-- table attendance
CREATE TABLE attendance (
    sessionId  INTEGER NOT NULL REFERENCES training_session(id),
    survivorId INTEGER NOT NULL REFERENCES survivor(id),
    mark       TEXT NOT NULL CHECK (mark IN ('present', 'late', 'excused', 'absent')),
    PRIMARY KEY (sessionId, survivorId)
) STRICT, WITHOUT ROWID;

-- table attendance_correction
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

-- table audit_log
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL CHECK (length(actor) > 0),
    action TEXT NOT NULL,
    record TEXT
, chainHash BLOB CHECK (chainHash IS NULL OR length(chainHash) = 32)) STRICT;

-- table budget_line
CREATE TABLE budget_line (
    id     INTEGER PRIMARY KEY,
    fundId INTEGER NOT NULL REFERENCES fund(id),
    code   TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 30 AND code NOT GLOB '*[^a-z0-9_]*'),
    cap    INTEGER CHECK (cap > 0),
    UNIQUE (fundId, code)
) STRICT;

-- table business
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

-- table business_cost
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

-- table business_owner
CREATE TABLE business_owner (
    businessId INTEGER NOT NULL REFERENCES business(id),
    survivorId INTEGER NOT NULL REFERENCES survivor(id),
    PRIMARY KEY (businessId, survivorId)
) STRICT, WITHOUT ROWID;

-- table business_status_change
CREATE TABLE business_status_change (
    id         INTEGER PRIMARY KEY,
    businessId INTEGER NOT NULL REFERENCES business(id),
    date       TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('planned', 'active', 'paused', 'closed')),
    reason     TEXT,
    recordedBy TEXT NOT NULL
) STRICT;

-- table channel_partner
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

-- table cohort
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
    createdOn    TEXT NOT NULL, completionPercent INTEGER NOT NULL DEFAULT 75
    CHECK (completionPercent BETWEEN 0 AND 100), completionNeedsPost INTEGER NOT NULL DEFAULT 1
    CHECK (completionNeedsPost IN (0, 1)),
    CHECK (endDate >= startDate)
) STRICT;

-- table consent
CREATE TABLE consent (
    id          INTEGER PRIMARY KEY,
    survivorId  INTEGER NOT NULL REFERENCES survivor(id),
    kind        TEXT NOT NULL CHECK (kind IN ('data_processing', 'media_sharing')),
    givenOn     TEXT NOT NULL,
    withdrawnOn TEXT,
    CHECK (withdrawnOn IS NULL OR withdrawnOn >= givenOn)
) STRICT;

-- table enrolment
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

-- table event_participant
CREATE TABLE event_participant (
    eventId    INTEGER NOT NULL REFERENCES market_event(id),
    businessId INTEGER NOT NULL REFERENCES business(id),
    PRIMARY KEY (eventId, businessId)
) STRICT, WITHOUT ROWID;

-- table follow_up_schedule
CREATE TABLE follow_up_schedule (
    program TEXT PRIMARY KEY COLLATE NOCASE CHECK (length(trim(program)) > 0),
    months  TEXT NOT NULL CHECK (json_valid(months))
) STRICT;

-- table form_submission
CREATE TABLE form_submission (
    token  TEXT PRIMARY KEY,
    userId INTEGER NOT NULL REFERENCES app_user(id),
    at     INTEGER NOT NULL,
    result TEXT
) STRICT, WITHOUT ROWID;

-- table fund
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

-- table funder
CREATE TABLE funder (
    id        INTEGER PRIMARY KEY,
    code      TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 2 AND 20 AND code NOT GLOB '*[^A-Z0-9-]*'),
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    kind      TEXT NOT NULL CHECK (kind IN ('baznas', 'laz', 'government', 'bank', 'csr', 'international', 'individual')),
    createdOn TEXT NOT NULL
) STRICT;

-- table grdb_migrations
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);

-- table ledger_entry
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
    bookedAt        TEXT NOT NULL, businessId INTEGER REFERENCES business(id), chainHash BLOB CHECK (chainHash IS NULL OR length(chainHash) = 32),
    CHECK ((kind = 'write_off') = (amount = 0)),
    CHECK ((kind = 'write_off') = (writtenOff IS NOT NULL)),
    CHECK (kind NOT IN ('receipt', 'transfer_in', 'loan_repayment') OR amount > 0),
    CHECK (kind NOT IN ('disbursement', 'expense', 'transfer_out', 'loan_out') OR amount < 0),
    CHECK ((kind = 'reversal') = (reversesId IS NOT NULL)),
    CHECK ((foreignCurrency IS NULL) = (foreignAmount IS NULL) AND (foreignCurrency IS NULL) = (rate IS NULL))
) STRICT;

-- table licence
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

-- table loan
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

-- table loan_instalment
CREATE TABLE loan_instalment (
    loanId  INTEGER NOT NULL REFERENCES loan(id),
    number  INTEGER NOT NULL CHECK (number >= 1),
    dueDate TEXT NOT NULL,
    amount  INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (loanId, number)
) STRICT, WITHOUT ROWID;

-- table login_attempt
CREATE TABLE login_attempt (
    id        INTEGER PRIMARY KEY,
    username  TEXT NOT NULL COLLATE NOCASE,
    address   TEXT NOT NULL,
    at        INTEGER NOT NULL,
    succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
) STRICT;

-- table market_event
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

-- table meta
CREATE TABLE meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;

-- table monthly_snapshot
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

-- table partner_link
CREATE TABLE partner_link (
    partnerId  INTEGER NOT NULL REFERENCES channel_partner(id),
    businessId INTEGER NOT NULL REFERENCES business(id),
    since      TEXT NOT NULL,
    eventId    INTEGER REFERENCES market_event(id),
    PRIMARY KEY (partnerId, businessId)
) STRICT, WITHOUT ROWID;

-- table poverty_line
CREATE TABLE poverty_line (
    siteId    INTEGER NOT NULL REFERENCES site(id),
    year      INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    perPerson INTEGER NOT NULL CHECK (perPerson > 0),
    source    TEXT,
    setOn     TEXT NOT NULL,
    PRIMARY KEY (siteId, year)
) STRICT, WITHOUT ROWID;

-- table product
CREATE TABLE product (
    id         INTEGER PRIMARY KEY,
    businessId INTEGER NOT NULL REFERENCES business(id),
    name       TEXT NOT NULL COLLATE NOCASE CHECK (length(trim(name)) > 0),
    unit       TEXT NOT NULL CHECK (length(trim(unit)) > 0),
    usualPrice INTEGER NOT NULL CHECK (usualPrice > 0),
    UNIQUE (businessId, name)
) STRICT;

-- table sale
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

-- table site
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

-- table survivor
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

-- table survivor_exploitation
CREATE TABLE survivor_exploitation (
    survivorId INTEGER NOT NULL REFERENCES survivor(id),
    type       TEXT NOT NULL CHECK (type IN ('forced_labour', 'domestic_servitude', 'online_scam',
                   'sexual_exploitation', 'debt_bondage', 'child_marriage', 'other')),
    PRIMARY KEY (survivorId, type)
) STRICT, WITHOUT ROWID;

-- table survivor_identity
CREATE TABLE survivor_identity (
    survivorId INTEGER PRIMARY KEY REFERENCES survivor(id),
    sealed     BLOB NOT NULL,
    nikIndex   BLOB,
    nameIndex  BLOB NOT NULL
) STRICT;

-- table training_module
CREATE TABLE training_module (
    id       INTEGER PRIMARY KEY,
    cohortId INTEGER NOT NULL REFERENCES cohort(id),
    name     TEXT NOT NULL CHECK (length(trim(name)) > 0),
    category TEXT NOT NULL CHECK (category IN ('craft', 'food_product', 'business_skills',
                 'financial_literacy', 'psychosocial', 'other')),
    isCore   INTEGER NOT NULL DEFAULT 1 CHECK (isCore IN (0, 1)),
    UNIQUE (cohortId, name)
) STRICT;

-- table training_session
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

-- table user_site
CREATE TABLE user_site (
    userId INTEGER NOT NULL REFERENCES app_user(id),
    siteId INTEGER NOT NULL REFERENCES site(id),
    PRIMARY KEY (userId, siteId)
) STRICT, WITHOUT ROWID;

-- table visit
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

-- table visit_income
CREATE TABLE visit_income (
    visitId INTEGER NOT NULL REFERENCES visit(id),
    source  TEXT NOT NULL CHECK (source IN ('business', 'wage', 'farming', 'remittance', 'social_assistance', 'other')),
    amount  INTEGER NOT NULL CHECK (amount > 0),
    PRIMARY KEY (visitId, source)
) STRICT, WITHOUT ROWID;

-- table web_session
CREATE TABLE web_session (
    tokenHash BLOB PRIMARY KEY,
    userId    INTEGER NOT NULL REFERENCES app_user(id),
    csrf      TEXT NOT NULL,
    createdAt INTEGER NOT NULL,
    lastSeen  INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- trigger attendance_correction_append_only
CREATE TRIGGER attendance_correction_append_only BEFORE UPDATE ON attendance_correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

-- trigger attendance_correction_never_deleted
CREATE TRIGGER attendance_correction_never_deleted BEFORE DELETE ON attendance_correction
BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END;

-- trigger attendance_never_deleted
CREATE TRIGGER attendance_never_deleted BEFORE DELETE ON attendance
BEGIN SELECT RAISE(ABORT, 'attendance is corrected, never deleted'); END;

-- trigger audit_log_chained
CREATE TRIGGER audit_log_chained BEFORE INSERT ON audit_log WHEN NEW.chainHash IS NULL
BEGIN SELECT RAISE(ABORT, 'every row of audit_log carries its chain hash: write it through Berdaya'); END;

-- trigger audit_log_no_delete
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- trigger audit_log_no_update
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- trigger budget_line_cap_bounded_insert
CREATE TRIGGER budget_line_cap_bounded_insert BEFORE INSERT ON budget_line WHEN NEW.cap NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: budget_line.cap'); END;

-- trigger budget_line_cap_bounded_update
CREATE TRIGGER budget_line_cap_bounded_update BEFORE UPDATE OF cap ON budget_line WHEN NEW.cap NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: budget_line.cap'); END;

-- trigger business_code_fixed
CREATE TRIGGER business_code_fixed BEFORE UPDATE OF code, siteId, serial ON business
BEGIN SELECT RAISE(ABORT, 'a business code never changes'); END;

-- trigger business_cost_amount_bounded_insert
CREATE TRIGGER business_cost_amount_bounded_insert BEFORE INSERT ON business_cost WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: business_cost.amount'); END;

-- trigger business_cost_amount_bounded_update
CREATE TRIGGER business_cost_amount_bounded_update BEFORE UPDATE OF amount ON business_cost WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: business_cost.amount'); END;

-- trigger business_cost_never_deleted
CREATE TRIGGER business_cost_never_deleted BEFORE DELETE ON business_cost
BEGIN SELECT RAISE(ABORT, 'a cost is never deleted; void it'); END;

-- trigger business_cost_only_voided
CREATE TRIGGER business_cost_only_voided BEFORE UPDATE ON business_cost
WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.date != OLD.date
    OR NEW.category != OLD.category OR NEW.amount != OLD.amount
BEGIN SELECT RAISE(ABORT, 'a cost is never edited; void it and record it again'); END;

-- trigger business_never_deleted
CREATE TRIGGER business_never_deleted BEFORE DELETE ON business
BEGIN SELECT RAISE(ABORT, 'a business is never deleted; close it'); END;

-- trigger business_status_change_append_only
CREATE TRIGGER business_status_change_append_only BEFORE UPDATE ON business_status_change
BEGIN SELECT RAISE(ABORT, 'status history is never edited'); END;

-- trigger business_status_change_never_deleted
CREATE TRIGGER business_status_change_never_deleted BEFORE DELETE ON business_status_change
BEGIN SELECT RAISE(ABORT, 'status history is never deleted'); END;

-- trigger fund_awardAmount_bounded_insert
CREATE TRIGGER fund_awardAmount_bounded_insert BEFORE INSERT ON fund WHEN NEW.awardAmount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: fund.awardAmount'); END;

-- trigger fund_awardAmount_bounded_update
CREATE TRIGGER fund_awardAmount_bounded_update BEFORE UPDATE OF awardAmount ON fund WHEN NEW.awardAmount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: fund.awardAmount'); END;

-- trigger ledger_entry_amount_bounded_insert
CREATE TRIGGER ledger_entry_amount_bounded_insert BEFORE INSERT ON ledger_entry WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: ledger_entry.amount'); END;

-- trigger ledger_entry_amount_bounded_update
CREATE TRIGGER ledger_entry_amount_bounded_update BEFORE UPDATE OF amount ON ledger_entry WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: ledger_entry.amount'); END;

-- trigger ledger_entry_chained
CREATE TRIGGER ledger_entry_chained BEFORE INSERT ON ledger_entry WHEN NEW.chainHash IS NULL
BEGIN SELECT RAISE(ABORT, 'every row of ledger_entry carries its chain hash: write it through Berdaya'); END;

-- trigger ledger_entry_never_deleted
CREATE TRIGGER ledger_entry_never_deleted BEFORE DELETE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'booked entries are never deleted; book a reversal'); END;

-- trigger ledger_entry_never_edited
CREATE TRIGGER ledger_entry_never_edited BEFORE UPDATE ON ledger_entry
BEGIN SELECT RAISE(ABORT, 'booked entries are never edited; book a reversal'); END;

-- trigger ledger_entry_writtenOff_bounded_insert
CREATE TRIGGER ledger_entry_writtenOff_bounded_insert BEFORE INSERT ON ledger_entry WHEN NEW.writtenOff NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: ledger_entry.writtenOff'); END;

-- trigger ledger_entry_writtenOff_bounded_update
CREATE TRIGGER ledger_entry_writtenOff_bounded_update BEFORE UPDATE OF writtenOff ON ledger_entry WHEN NEW.writtenOff NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: ledger_entry.writtenOff'); END;

-- trigger loan_instalment_amount_bounded_insert
CREATE TRIGGER loan_instalment_amount_bounded_insert BEFORE INSERT ON loan_instalment WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: loan_instalment.amount'); END;

-- trigger loan_instalment_amount_bounded_update
CREATE TRIGGER loan_instalment_amount_bounded_update BEFORE UPDATE OF amount ON loan_instalment WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: loan_instalment.amount'); END;

-- trigger loan_instalment_fixed
CREATE TRIGGER loan_instalment_fixed BEFORE UPDATE ON loan_instalment
BEGIN SELECT RAISE(ABORT, 'a loan schedule is never edited'); END;

-- trigger loan_principal_bounded_insert
CREATE TRIGGER loan_principal_bounded_insert BEFORE INSERT ON loan WHEN NEW.principal NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: loan.principal'); END;

-- trigger loan_principal_bounded_update
CREATE TRIGGER loan_principal_bounded_update BEFORE UPDATE OF principal ON loan WHEN NEW.principal NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: loan.principal'); END;

-- trigger market_event_cost_bounded_insert
CREATE TRIGGER market_event_cost_bounded_insert BEFORE INSERT ON market_event WHEN NEW.cost NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: market_event.cost'); END;

-- trigger market_event_cost_bounded_update
CREATE TRIGGER market_event_cost_bounded_update BEFORE UPDATE OF cost ON market_event WHEN NEW.cost NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: market_event.cost'); END;

-- trigger monthly_snapshot_costs_bounded_insert
CREATE TRIGGER monthly_snapshot_costs_bounded_insert BEFORE INSERT ON monthly_snapshot WHEN NEW.costs NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: monthly_snapshot.costs'); END;

-- trigger monthly_snapshot_costs_bounded_update
CREATE TRIGGER monthly_snapshot_costs_bounded_update BEFORE UPDATE OF costs ON monthly_snapshot WHEN NEW.costs NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: monthly_snapshot.costs'); END;

-- trigger monthly_snapshot_never_deleted
CREATE TRIGGER monthly_snapshot_never_deleted BEFORE DELETE ON monthly_snapshot
BEGIN SELECT RAISE(ABORT, 'a snapshot is never deleted; void it'); END;

-- trigger monthly_snapshot_omzet_bounded_insert
CREATE TRIGGER monthly_snapshot_omzet_bounded_insert BEFORE INSERT ON monthly_snapshot WHEN NEW.omzet NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: monthly_snapshot.omzet'); END;

-- trigger monthly_snapshot_omzet_bounded_update
CREATE TRIGGER monthly_snapshot_omzet_bounded_update BEFORE UPDATE OF omzet ON monthly_snapshot WHEN NEW.omzet NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: monthly_snapshot.omzet'); END;

-- trigger monthly_snapshot_only_voided
CREATE TRIGGER monthly_snapshot_only_voided BEFORE UPDATE ON monthly_snapshot
WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.month != OLD.month
    OR NEW.omzet != OLD.omzet OR NEW.costs != OLD.costs
BEGIN SELECT RAISE(ABORT, 'a snapshot is never edited; void it and record it again'); END;

-- trigger poverty_line_perPerson_bounded_insert
CREATE TRIGGER poverty_line_perPerson_bounded_insert BEFORE INSERT ON poverty_line WHEN NEW.perPerson NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: poverty_line.perPerson'); END;

-- trigger poverty_line_perPerson_bounded_update
CREATE TRIGGER poverty_line_perPerson_bounded_update BEFORE UPDATE OF perPerson ON poverty_line WHEN NEW.perPerson NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: poverty_line.perPerson'); END;

-- trigger product_usualPrice_bounded_insert
CREATE TRIGGER product_usualPrice_bounded_insert BEFORE INSERT ON product WHEN NEW.usualPrice NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: product.usualPrice'); END;

-- trigger product_usualPrice_bounded_update
CREATE TRIGGER product_usualPrice_bounded_update BEFORE UPDATE OF usualPrice ON product WHEN NEW.usualPrice NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: product.usualPrice'); END;

-- trigger sale_amount_bounded_insert
CREATE TRIGGER sale_amount_bounded_insert BEFORE INSERT ON sale WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: sale.amount'); END;

-- trigger sale_amount_bounded_update
CREATE TRIGGER sale_amount_bounded_update BEFORE UPDATE OF amount ON sale WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: sale.amount'); END;

-- trigger sale_never_deleted
CREATE TRIGGER sale_never_deleted BEFORE DELETE ON sale
BEGIN SELECT RAISE(ABORT, 'a sale is never deleted; void it'); END;

-- trigger sale_only_voided
CREATE TRIGGER sale_only_voided BEFORE UPDATE ON sale
WHEN OLD.voidedOn IS NOT NULL OR NEW.businessId != OLD.businessId OR NEW.date != OLD.date
    OR NEW.productId != OLD.productId OR NEW.quantity != OLD.quantity OR NEW.unitPrice != OLD.unitPrice
    OR NEW.amount != OLD.amount OR NEW.channel != OLD.channel
BEGIN SELECT RAISE(ABORT, 'a sale is never edited; void it and record it again'); END;

-- trigger sale_unitPrice_bounded_insert
CREATE TRIGGER sale_unitPrice_bounded_insert BEFORE INSERT ON sale WHEN NEW.unitPrice NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: sale.unitPrice'); END;

-- trigger sale_unitPrice_bounded_update
CREATE TRIGGER sale_unitPrice_bounded_update BEFORE UPDATE OF unitPrice ON sale WHEN NEW.unitPrice NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: sale.unitPrice'); END;

-- trigger survivor_baselineIncome_bounded_insert
CREATE TRIGGER survivor_baselineIncome_bounded_insert BEFORE INSERT ON survivor WHEN NEW.baselineIncome NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: survivor.baselineIncome'); END;

-- trigger survivor_baselineIncome_bounded_update
CREATE TRIGGER survivor_baselineIncome_bounded_update BEFORE UPDATE OF baselineIncome ON survivor WHEN NEW.baselineIncome NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: survivor.baselineIncome'); END;

-- trigger survivor_code_fixed
CREATE TRIGGER survivor_code_fixed BEFORE UPDATE OF code, siteId, serial ON survivor
WHEN NEW.code IS NOT OLD.code OR NEW.siteId IS NOT OLD.siteId OR NEW.serial IS NOT OLD.serial
BEGIN SELECT RAISE(ABORT, 'a survivor code never changes'); END;

-- trigger survivor_never_deleted
CREATE TRIGGER survivor_never_deleted BEFORE DELETE ON survivor
BEGIN SELECT RAISE(ABORT, 'survivor records are never deleted; erase the identity instead'); END;

-- trigger visit_income_amount_bounded_insert
CREATE TRIGGER visit_income_amount_bounded_insert BEFORE INSERT ON visit_income WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit_income.amount'); END;

-- trigger visit_income_amount_bounded_update
CREATE TRIGGER visit_income_amount_bounded_update BEFORE UPDATE OF amount ON visit_income WHEN NEW.amount NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit_income.amount'); END;

-- trigger visit_income_bounded_insert
CREATE TRIGGER visit_income_bounded_insert BEFORE INSERT ON visit WHEN NEW.income NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.income'); END;

-- trigger visit_income_bounded_update
CREATE TRIGGER visit_income_bounded_update BEFORE UPDATE OF income ON visit WHEN NEW.income NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.income'); END;

-- trigger visit_income_never_changed
CREATE TRIGGER visit_income_never_changed BEFORE UPDATE ON visit_income
BEGIN SELECT RAISE(ABORT, 'a visit is never edited; void it and record it again'); END;

-- trigger visit_income_never_deleted
CREATE TRIGGER visit_income_never_deleted BEFORE DELETE ON visit_income
BEGIN SELECT RAISE(ABORT, 'a visit is never deleted; void it'); END;

-- trigger visit_needs_bounded_insert
CREATE TRIGGER visit_needs_bounded_insert BEFORE INSERT ON visit WHEN NEW.needs NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.needs'); END;

-- trigger visit_needs_bounded_update
CREATE TRIGGER visit_needs_bounded_update BEFORE UPDATE OF needs ON visit WHEN NEW.needs NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.needs'); END;

-- trigger visit_never_deleted
CREATE TRIGGER visit_never_deleted BEFORE DELETE ON visit
BEGIN SELECT RAISE(ABORT, 'a visit is never deleted; void it'); END;

-- trigger visit_only_voided
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

-- trigger visit_savings_bounded_insert
CREATE TRIGGER visit_savings_bounded_insert BEFORE INSERT ON visit WHEN NEW.savings NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.savings'); END;

-- trigger visit_savings_bounded_update
CREATE TRIGGER visit_savings_bounded_update BEFORE UPDATE OF savings ON visit WHEN NEW.savings NOT BETWEEN -1000000000000 AND 1000000000000 BEGIN SELECT RAISE(ABORT, 'amount out of bounds: visit.savings'); END;
