/// Keys, identity access and the people acting.
public enum AccessError: UserFacingError, Equatable {
    case keyMissing(path: String)
    case keyFileExists(path: String)
    case keyFileUnwritable(path: String)
    case keyFileUnreadable(path: String)
    case keyFileTooOpen(path: String, mode: String)
    case keyMalformed(source: String)
    case wrongKey
    /// A rotation or restore was cut short, and neither its pending key nor the key in use
    /// matches the database.
    case pendingKeyUnresolved(path: String)
    case sealingFailed
    case identityUnreadable(code: String)
    case noActor

    public var message: Localized {
        switch self {
        case let .keyMissing(path):
            Localized(id: "Berkas kunci tidak ditemukan (\(path)); data identitas tidak dapat dibuka atau disimpan.",
                      en: "The key file is missing (\(path)); identity data cannot be read or written.")
        case let .keyFileExists(path):
            Localized(id: "Berkas kunci sudah ada: \(path). Berdaya tidak menimpanya.",
                      en: "A key file already exists at \(path). Berdaya will not overwrite it.")
        case let .keyFileUnwritable(path):
            Localized(id: "Berkas kunci tidak dapat ditulis: \(path).", en: "Cannot write the key file \(path).")
        case let .keyFileUnreadable(path):
            Localized(id: "Berkas kunci tidak dapat dibaca: \(path).", en: "Cannot read the key file \(path).")
        case let .keyFileTooOpen(path, mode):
            Localized(id: "Berkas kunci \(path) dapat dibaca orang lain (izin \(mode)).",
                      en: "The key file \(path) can be read by others (mode \(mode)).")
        case let .keyMalformed(source):
            Localized(id: "Kunci dari \(source) tidak sah: harus base64 dari 32 bita.",
                      en: "The key from \(source) is malformed: it must be base64 of 32 bytes.")
        case .wrongKey:
            Localized(id: "Kunci ini bukan milik basis data ini.", en: "This key does not belong to this database.")
        case let .pendingKeyUnresolved(path):
            Localized(id: "Ada kunci yang belum selesai dipasang (\(path)), dan baik kunci itu maupun kunci yang dipakai tidak cocok dengan basis data.",
                      en: "There is a key not yet installed (\(path)), and neither it nor the key in use matches the database.")
        case .sealingFailed:
            Localized(id: "Data identitas gagal dienkripsi. Tidak ada yang disimpan.",
                      en: "Identity data could not be encrypted. Nothing was saved.")
        case let .identityUnreadable(code):
            Localized(id: "Data identitas \(code) tidak dapat didekripsi dengan kunci ini.",
                      en: "The identity of \(code) cannot be decrypted with this key.")
        case .noActor:
            Localized(id: "Tidak diketahui siapa yang bertindak.", en: "It is not known who is acting.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .keyMissing:
            Localized(id: "Salin berkas kunci yang dibuat `berdaya init` ke samping basis data, tunjuk dengan --key-file, atau isi BERDAYA_KEY.",
                      en: "Copy the key file made by `berdaya init` next to the database, point to it with --key-file, or set BERDAYA_KEY.")
        case .keyFileExists:
            Localized(id: "Pindahkan berkas kunci lama jika memang tidak dipakai lagi, atau pilih --key-file lain.",
                      en: "Move the old key file away if it is truly unused, or choose another --key-file.")
        case let .keyFileTooOpen(path, _):
            Localized(id: "Jalankan `chmod 600 \(path)`.", en: "Run `chmod 600 \(path)`.")
        case .wrongKey, .identityUnreadable:
            Localized(id: "Gunakan berkas kunci yang dibuat bersama basis data ini.",
                      en: "Use the key file that was created with this database.")
        case let .pendingKeyUnresolved(path):
            Localized(id: "Jangan hapus \(path). Cari kunci yang cocok (lembar pemulihan: `berdaya key import`), atau pulihkan cadangan.",
                      en: "Do not delete \(path). Find the matching key (a recovery sheet: `berdaya key import`), or restore a backup.")
        case .noActor:
            Localized(id: "Sebutkan nama Anda dengan --as NAMA.", en: "Give your name with --as NAME.")
        default: nil
        }
    }
}
