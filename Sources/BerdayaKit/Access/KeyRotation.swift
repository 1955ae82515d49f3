import Crypto
import Foundation
import GRDB

/// Replacing the identity key (`berdaya key rotate`), for a key that may have been seen by
/// someone who should not have it. Every sealed identity and visit note is opened with the old
/// key and sealed with the new one, every blind index is recomputed, and the key check is
/// replaced, in one transaction: afterwards the old key is refused. Funders' codes stay the
/// same (`IdentityVault.rotated`).
///
/// A kill at any moment leaves a pair that opens: the new key is first written, flushed, to
/// `NAME.key.new`; the transaction commits; then it is renamed onto `NAME.key`. A kill before
/// the commit leaves the old pair (the stale `.key.new` is removed on the next open); a kill
/// after it leaves the new database with the new key waiting, and the next open installs it
/// (`KeyFile.settlePending`).
public enum KeyRotation {
    /// What a rotation changed.
    public struct Summary: Sendable, Equatable {
        public var identities: Int
        public var notes: Int
        public var keyPath: String
    }

    /// Rotates the key of `workspace.database`, whose current key is the key file at `keyPath`.
    /// `BERDAYA_KEY` is refused by the caller: the new key has to land in a file.
    public static func rotate(_ workspace: Workspace, keyPath: String) throws -> Summary {
        let old = try workspace.vault()
        let newKey = SymmetricKey(size: .bits256)
        let (new, wrapped) = try old.rotated(to: newKey)
        try KeyFile.writePending(newKey, for: keyPath)
        let counts: (Int, Int)
        do {
            counts = try workspace.database.write { db in
                let identities = try reseal(from: old, to: new, in: db)
                let notes = try resealNotes(from: old, to: new, in: db)
                try Meta.set(new.keyCheck, for: Meta.keyCheck, in: db)
                try Meta.set(wrapped.base64EncodedString(), for: Meta.funderPseudonymKey, in: db)
                try AuditLog.append(db, workspace, action: "key.rotate", record: "\(identities) \(notes)")
                return (identities, notes)
            }
        } catch {
            unlink(KeyFile.pendingPath(for: keyPath))
            throw error
        }
        try KeyFile.settlePending(keyPath: keyPath, keyCheck: new.keyCheck)
        return Summary(identities: counts.0, notes: counts.1, keyPath: keyPath)
    }

    /// Survivors' identities and their NIK and name indexes.
    private static func reseal(from old: IdentityVault, to new: IdentityVault, in db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT i.survivorId, i.sealed, s.code, s.birthYear
            FROM survivor_identity i JOIN survivor s ON s.id = i.survivorId
            """)
        for row in rows {
            let code: String = row["code"]
            let identity = try old.open(row["sealed"], code: code)
            let nikIndex = identity.nik.map { new.nikIndex(digits: $0) }
            let nameIndex = new.nameIndex(fullName: identity.fullName, birthYear: row["birthYear"])
            try db.execute(sql: "UPDATE survivor_identity SET sealed = ?, nikIndex = ?, nameIndex = ? WHERE survivorId = ?",
                           arguments: [try new.seal(identity, code: code), nikIndex, nameIndex, row["survivorId"] as Int64])
        }
        return rows.count
    }

    /// Visit notes. The trigger that keeps a visit from ever being edited also refuses a new
    /// seal of its notes; it is dropped and made again, word for word, inside this transaction,
    /// so no other write ever sees the table without it.
    private static func resealNotes(from old: IdentityVault, to new: IdentityVault, in db: Database) throws -> Int {
        let rows = try Row.fetchAll(db, sql: """
            SELECT v.id, v.number, v.sealedNotes, s.code
            FROM visit v JOIN survivor s ON s.id = v.survivorId WHERE v.sealedNotes IS NOT NULL
            """)
        guard !rows.isEmpty else { return 0 }
        let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'visit_only_voided'")
        if trigger != nil { try db.execute(sql: "DROP TRIGGER visit_only_voided") }
        for row in rows {
            let context = VisitRef(survivor: row["code"], number: row["number"]).description
            let text = try old.openNote(row["sealedNotes"], context: context)
            try db.execute(sql: "UPDATE visit SET sealedNotes = ? WHERE id = ?",
                           arguments: [try new.sealNote(text, context: context), row["id"] as Int64])
        }
        if let trigger { try db.execute(sql: trigger) }
        return rows.count
    }
}
