import GRDB

// The schema of migration `v8-correction-index`. Shipped: kept verbatim, never edited.
extension AppDatabase {
    static let correctionIndexSchema = "CREATE INDEX attendance_correction_session ON attendance_correction(sessionId, survivorId)"
}
