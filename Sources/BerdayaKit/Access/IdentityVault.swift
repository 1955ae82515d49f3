import Crypto
import Foundation
import GRDB

/// Seals survivors' identity with AES-GCM and makes blind indexes (keyed hashes) for lookups.
/// Holds keys derived from the program's master key; the master key itself is never stored
/// in the database, only a check value that tells a wrong key from the right one.
// Unchecked: the keys are immutable after init, and swift-crypto 3 does not mark SymmetricKey Sendable.
public struct IdentityVault: @unchecked Sendable {
    private let sealingKey: SymmetricKey
    private let indexKey: SymmetricKey
    private let checkKey: SymmetricKey
    private var pseudonymKey: SymmetricKey

    /// A vault whose funder pseudonyms derive from `masterKey`: the key a database was
    /// created with, until its first rotation.
    public init(masterKey: SymmetricKey) {
        sealingKey = Self.derive(masterKey, "identity-sealing v1")
        indexKey = Self.derive(masterKey, "blind-index v1")
        checkKey = Self.derive(masterKey, "key-check v1")
        pseudonymKey = Self.derive(masterKey, "funder-pseudonym v1")
    }

    /// A vault for a database whose key was rotated: funders' codes must stay the same for
    /// years (a funder compares workbooks), so the pseudonym key of the first master key is
    /// kept in `meta`, sealed under the current one (`wrappedPseudonymKey`), and opened here.
    /// Nil `wrapped` is a database never rotated.
    public init(masterKey: SymmetricKey, wrappedPseudonymKey wrapped: Data?) throws {
        self.init(masterKey: masterKey)
        if let wrapped {
            do {
                let box = try AES.GCM.SealedBox(combined: wrapped)
                let bytes = try AES.GCM.open(box, using: Self.derive(masterKey, "pseudonym-wrap v1"),
                                             authenticating: Data("funder-pseudonym".utf8))
                guard bytes.count == 32 else { throw AccessError.wrongKey }
                pseudonymKey = SymmetricKey(data: bytes)
            } catch {
                throw AccessError.wrongKey
            }
        }
    }

    /// A vault for `newMasterKey` that keeps this vault's funder pseudonyms, and the sealed
    /// pseudonym key to store in `meta` beside the new key check.
    func rotated(to newMasterKey: SymmetricKey) throws -> (vault: IdentityVault, wrappedPseudonymKey: Data) {
        let bytes = pseudonymKey.withUnsafeBytes { Data($0) }
        let box = try AES.GCM.seal(bytes, using: Self.derive(newMasterKey, "pseudonym-wrap v1"),
                                   authenticating: Data("funder-pseudonym".utf8))
        guard let combined = box.combined else { throw AccessError.sealingFailed }
        return (try IdentityVault(masterKey: newMasterKey, wrappedPseudonymKey: combined), combined)
    }

    private static func derive(_ masterKey: SymmetricKey, _ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: masterKey, salt: Data("berdaya".utf8),
                               info: Data(purpose.utf8), outputByteCount: 32)
    }

    /// The key of one funder's pseudonyms, bound to the funder's code: codes made with two
    /// funders' keys have nothing in common, and without the master key none can be made.
    func funderPseudonymKey(funderCode: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: pseudonymKey, salt: Data("berdaya".utf8),
                               info: Data(("funder:" + funderCode).utf8), outputByteCount: 32)
    }

    /// Encrypts `identity`, bound to the survivor's code so a sealed row cannot be swapped
    /// onto another survivor.
    public func seal(_ identity: SurvivorIdentity, code: String) throws -> Data {
        let plain = try JSONEncoder().encode(identity)
        let box = try AES.GCM.seal(plain, using: sealingKey, authenticating: Data(code.utf8))
        guard let combined = box.combined else { throw AccessError.sealingFailed }
        return combined
    }

    /// Decrypts an identity sealed for the survivor with `code`. A row sealed for another survivor,
    /// a wrong key or a damaged row is refused as unreadable, never returned garbled.
    public func open(_ sealed: Data, code: String) throws -> SurvivorIdentity {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let plain = try AES.GCM.open(box, using: sealingKey, authenticating: Data(code.utf8))
            return try JSONDecoder().decode(SurvivorIdentity.self, from: plain)
        } catch {
            throw AccessError.identityUnreadable(code: code)
        }
    }

    /// Encrypts free-text notes about a survivor (a visit's notes), bound to the record they
    /// belong to, with the same care as her identity.
    public func sealNote(_ text: String, context: String) throws -> Data {
        let box = try AES.GCM.seal(Data(text.utf8), using: sealingKey, authenticating: Data(("note:" + context).utf8))
        guard let combined = box.combined else { throw AccessError.sealingFailed }
        return combined
    }

    /// Decrypts a note sealed by `sealNote` for the same `context`; any other context, a wrong key
    /// or a damaged note is refused as unreadable.
    public func openNote(_ sealed: Data, context: String) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return String(decoding: try AES.GCM.open(box, using: sealingKey, authenticating: Data(("note:" + context).utf8)),
                          as: UTF8.self)
        } catch {
            throw AccessError.identityUnreadable(code: context)
        }
    }

    /// Keyed hash of a NIK: equal NIKs give equal indexes, and without the key the index
    /// reveals nothing (a NIK's 16 digits are too few to hide behind a plain hash).
    public func nikIndex(_ nik: NIK) -> Data {
        nikIndex(digits: nik.digits)
    }

    /// The same, from the digits as stored in a sealed identity (key rotation recomputes it).
    func nikIndex(digits: String) -> Data {
        index("nik:" + digits)
    }

    /// Keyed hash of a normalised name and birth year, for finding the same person typed twice.
    public func nameIndex(fullName: String, birthYear: Int?) -> Data {
        index("name:" + NameNormalizer.normalise(fullName) + "|" + (birthYear.map(String.init) ?? "?"))
    }

    /// A value stored in the database at `init`: a different key gives a different value.
    public var keyCheck: String {
        Data(HMAC<SHA256>.authenticationCode(for: Data("berdaya key check".utf8), using: checkKey))
            .base64EncodedString()
    }

    /// Refuses to seal with a key the database no longer has: a process that loaded its vault
    /// before `key rotate` (a running `berdaya serve`) would otherwise seal new identities and
    /// notes that the new key cannot open. Called inside the sealing write's transaction.
    func requireCurrent(in db: Database) throws {
        if let stored = try Meta.value(for: Meta.keyCheck, in: db), stored != keyCheck { throw AccessError.wrongKey }
    }

    private func index(_ text: String) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: indexKey))
    }
}
