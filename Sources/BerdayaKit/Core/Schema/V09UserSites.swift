import GRDB

// The schema of migration `v9-user-sites`. Shipped: kept verbatim, never edited.
extension AppDatabase {
    static let userSitesSchema = """
    CREATE TABLE user_site (
        userId INTEGER NOT NULL REFERENCES app_user(id),
        siteId INTEGER NOT NULL REFERENCES site(id),
        PRIMARY KEY (userId, siteId)
    ) STRICT, WITHOUT ROWID;
    """
}
