import GRDB

// The schema of migration `v6-web-access`: web users, sessions, sign-in attempts and one-time form tokens.
// Shipped: kept verbatim, never edited (AppDatabase.migrator registers it).
extension AppDatabase {
    static let webAccessSchema = """
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
