import Foundation
import GRDB
import Testing
@testable import BerdayaKit

/// Erasure must leave no copy of the sealed bytes anywhere SQLite keeps pages: the database
/// file, its write-ahead log and its shared-memory index.
@Suite struct ErasureTests {
    /// Every sealed blob of a survivor as stored right now: her identity and her visits' notes.
    static func sealedBlobs(of code: String, in database: AppDatabase) throws -> [Data] {
        try database.read { db in
            let identity = try Data.fetchAll(db, sql: """
                SELECT sealed FROM survivor_identity JOIN survivor ON survivor.id = survivor_identity.survivorId
                WHERE survivor.code = ?
                """, arguments: [code])
            let notes = try Data.fetchAll(db, sql: """
                SELECT sealedNotes FROM visit JOIN survivor ON survivor.id = visit.survivorId
                WHERE survivor.code = ? AND sealedNotes IS NOT NULL
                """, arguments: [code])
            return identity + notes
        }
    }

    /// Which of the three files hold any 16-byte piece of any blob (AES-GCM output is random,
    /// so a 16-byte match is a copy, never chance).
    static func leaks(_ blobs: [Data], path: String) -> [String] {
        var found: [String] = []
        for suffix in ["", "-wal", "-shm"] {
            guard let bytes = FileManager.default.contents(atPath: path + suffix) else { continue }
            for (number, blob) in blobs.enumerated() {
                let pieces = stride(from: 0, to: blob.count - 15, by: 16).map { blob.subdata(in: $0..<($0 + 16)) }
                if pieces.contains(where: { bytes.range(of: $0) != nil }) {
                    found.append("blob \(number) in \((path as NSString).lastPathComponent)\(suffix)")
                }
            }
        }
        return found
    }

    @Test func anErasedIdentityAndItsNotesLeaveNoBytesInTheDatabaseItsWALOrItsSHM() throws {
        var h = try Households()
        let w = h.w
        let siti = h.shop.siti
        // Enough others to fill several pages, so that pages split and move.
        var others: [String] = []
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWX" {
            others.append(try Registry.register(sampleRegistration(name: "Ibu \(letter)ningsih", nik: nil, phone: nil), in: w))
        }
        for (offset, code) in h.members.enumerated() {
            try h.visit(code, .baseline, on: day(2025, 8, 4), income: 1_000_000 + Int64(offset), spirit: 3,
                        notes: "Catatan kunjungan \(code): utang ke sponsor, anak sekolah di Kebumen")
        }
        // Her identity changes twice: each older sealed version is a copy that must go too.
        var blobs = try Self.sealedBlobs(of: siti, in: h.shop.fixture.database)
        try Registry.update(code: siti, in: w, identity: { $0.phone = "081298765432" })
        blobs += try Self.sealedBlobs(of: siti, in: h.shop.fixture.database)
        // Ordinary writes between: others change, and the database is closed and opened again.
        try Registry.update(code: others[3], in: w, identity: { $0.address = "Jalan Pemuda 12" })
        try Registry.giveConsent(code: others[5], kind: .mediaSharing, on: Shop.today, in: w)
        _ = try h.shop.fixture.closedBytes()
        try Registry.update(code: siti, in: h.w, identity: { $0.address = "Desa Tanggeran RT 01" })
        blobs += try Self.sealedBlobs(of: siti, in: h.shop.fixture.database)
        #expect(blobs.count == 6, "three identities and, each time, her visit's notes")
        #expect(!Self.leaks(blobs, path: h.shop.fixture.path).isEmpty, "the test must see the blobs before erasure")

        try Registry.withdrawConsent(code: siti, kind: .dataProcessing, on: Shop.today, in: h.w)
        try Registry.erase(code: siti, in: h.w)
        // While the database is still open, as the web app keeps it:
        #expect(Self.leaks(blobs, path: h.shop.fixture.path) == [])
        // and after more ordinary writes, and after closing:
        for letter in "ABCDEF" {
            try Registry.register(sampleRegistration(name: "Mbak \(letter)wati", nik: nil, phone: nil), in: h.w)
        }
        try Registry.update(code: others[7], in: h.w, identity: { $0.phone = "085600001111" })
        #expect(Self.leaks(blobs, path: h.shop.fixture.path) == [])
        try h.shop.fixture.database.close()
        #expect(Self.leaks(blobs, path: h.shop.fixture.path) == [])
        try h.shop.fixture.reopen()
        // The others are untouched.
        #expect(try Registry.revealIdentity(code: others[3], in: h.w).address == "Jalan Pemuda 12")
        #expect(try Visits.list(survivorCode: h.members[1], in: h.w).first?.hasNotes == true)
    }

    @Test func afterAnErasureTheNextRefusalStillChangesNoByte() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        try Registry.withdrawConsent(code: code, kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        try Registry.erase(code: code, in: fixture.workspace)
        // The sweep leaves a non-empty WAL behind, so opening the file again writes nothing,
        // and no sweep is left pending.
        #expect(try fixture.database.read { try Meta.value(for: Meta.unsweptErasure, in: $0) } == nil)
        let wal = try FileManager.default.attributesOfItem(atPath: fixture.path + "-wal")[.size] as? NSNumber
        #expect((wal?.intValue ?? 0) > 0)
        try fixture.expectRefusalChangesNothing { try Registry.erase(code: code, in: $0) }
        try fixture.expectRefusalChangesNothing { try Registry.revealIdentity(code: "KBM-0099", in: $0) }
    }

    @Test func aSweepAnotherProgramBlocksIsSaidAndDoneAtTheNextOpen() throws {
        var fixture = try Fixture()
        try fixture.addSites()
        let code = try Registry.register(sampleRegistration(), in: fixture.workspace)
        try Registry.update(code: code, in: fixture.workspace, identity: { $0.phone = "081298765432" })
        let blobs = try Self.sealedBlobs(of: code, in: fixture.database)
        try Registry.withdrawConsent(code: code, kind: .dataProcessing, on: Fixture.today, in: fixture.workspace)
        // Another program reads from an older snapshot for longer than the busy timeout.
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: fixture.path, configuration: configuration)
        try other.inDatabase { db in
            try db.execute(sql: "BEGIN")
            _ = try Int.fetchOne(db, sql: "SELECT count(*) FROM survivor")
        }
        #expect(throws: StorageError.erasureNotScrubbed(path: fixture.path)) { try Registry.erase(code: code, in: fixture.workspace) }
        #expect(try Registry.details(code: code, in: fixture.workspace).erasedOn == Fixture.today, "the erasure itself stands")
        try other.inDatabase { try $0.execute(sql: "COMMIT") }
        try other.close()
        try fixture.database.close()
        #expect(!Self.leaks(blobs, path: fixture.path).isEmpty, "blocked, the sweep left the copy: the test can see it")
        try fixture.reopen()
        #expect(Self.leaks(blobs, path: fixture.path) == [])
        #expect(try fixture.database.read { try Meta.value(for: Meta.unsweptErasure, in: $0) } == nil)
    }
}
