import GRDB

// The schema of migration `v12-sign-in-throttle`: sign-in throttling counts failures per address
// and looks up where a username signed in before (issue 18). Shipped: kept verbatim, never edited.
extension AppDatabase {
    static let signInThrottleSchema = """
    -- Failed sign-ins from one address within the window, whatever the usernames.
    CREATE INDEX login_attempt_failed_by_address ON login_attempt(address, at) WHERE succeeded = 0;
    -- Whether a username signed in from an address before (its owner's usual place).
    CREATE INDEX login_attempt_signed_in ON login_attempt(username, address, at) WHERE succeeded = 1;
    """
}
