/// What can go wrong with the database file itself.
public enum StorageError: UserFacingError, Equatable {
    case notFound(path: String)
    case alreadyExists(path: String)
    case folderMissing(path: String)
    case notBerdaya(path: String)
    case newerVersion(path: String)
    case cannotOpen(path: String, reason: String)
    case sqlite(path: String, reason: String)
    /// An erasure committed, but another program held the database open, so the old pages
    /// could not yet be cleared from its -wal file.
    case erasureNotScrubbed(path: String)

    public var message: Localized {
        switch self {
        case let .notFound(path):
            Localized(id: "Basis data tidak ditemukan: \(path).", en: "Database not found: \(path).")
        case let .alreadyExists(path):
            Localized(id: "Basis data sudah ada: \(path). Berdaya tidak menimpanya.",
                      en: "A database already exists at \(path). Berdaya will not overwrite it.")
        case let .folderMissing(path):
            Localized(id: "Folder \(path) tidak ada.", en: "The folder \(path) does not exist.")
        case let .notBerdaya(path):
            Localized(id: "\(path) bukan basis data Berdaya.", en: "\(path) is not a Berdaya database.")
        case let .newerVersion(path):
            Localized(id: "\(path) dibuat oleh versi Berdaya yang lebih baru.",
                      en: "\(path) was written by a newer version of Berdaya.")
        case let .cannotOpen(path, reason):
            Localized(id: "Basis data \(path) tidak dapat dibuka: \(reason).",
                      en: "Cannot open the database \(path): \(reason).")
        case let .sqlite(path, reason):
            Localized(id: "Basis data \(path) menolak perubahan: \(reason). Tidak ada yang disimpan.",
                      en: "The database \(path) refused the change: \(reason). Nothing was saved.")
        case let .erasureNotScrubbed(path):
            Localized(id: "Identitas sudah dihapus, tetapi salinan lama yang terenkripsi masih ada di \(path)-wal karena program lain sedang membaca basis data.",
                      en: "The identity is erased, but an old encrypted copy is still in \(path)-wal because another program is reading the database.")
        }
    }

    public var hint: Localized? {
        switch self {
        case let .notFound(path):
            Localized(id: "Buat basis data baru dengan `berdaya init --db \(path)`, atau coba data contoh dengan `berdaya demo`.",
                      en: "Create one with `berdaya init --db \(path)`, or try the demo data with `berdaya demo`.")
        case .alreadyExists:
            Localized(id: "Pilih berkas lain dengan --db, atau pakai basis data yang ada.",
                      en: "Choose another file with --db, or use the existing database.")
        case .folderMissing:
            Localized(id: "Buat folder itu dulu, atau pilih path lain dengan --db.",
                      en: "Create the folder first, or choose another path with --db.")
        case .notBerdaya:
            Localized(id: "Periksa path --db atau BERDAYA_DB.", en: "Check the --db path or BERDAYA_DB.")
        case .newerVersion:
            Localized(id: "Perbarui Berdaya ke versi terbaru sebelum membuka berkas ini.",
                      en: "Update Berdaya to the latest version before opening this file.")
        case .erasureNotScrubbed:
            Localized(id: "Salinan itu disapu otomatis saat Berdaya berikutnya membuka basis data tanpa program lain: tutup program lain (mis. `berdaya serve`), lalu jalankan perintah apa saja, mis. `berdaya survivor list`.",
                      en: "The copy is swept automatically the next time Berdaya opens the database with no other program using it: close the others (e.g. `berdaya serve`), then run any command, e.g. `berdaya survivor list`.")
        case .cannotOpen, .sqlite:
            nil
        }
    }
}
