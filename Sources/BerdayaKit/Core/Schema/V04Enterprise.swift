import GRDB

// The schema of migration `v4-enterprise`: businesses, products, licences, sales, costs, monthly snapshots, market events and partners.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    static let enterpriseSchema = """
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
}
