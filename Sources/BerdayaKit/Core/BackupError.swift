/// Why a backup, a restore, a recovery sheet or a key rotation was refused. Every refusal
/// leaves the database, its key file and the target file as they were.
public enum BackupError: UserFacingError, Equatable {
    case cannotWrite(path: String, reason: String)
    case fileExists(path: String)
    case wouldReplaceOwnFile(path: String)
    case databaseExists(path: String)
    case notReadable(path: String)
    case notBerdayaBackup
    case integrityFailed(detail: String)
    case newerVersion
    case backupKeyMismatch
    case noKeyForBackup(keyPath: String)
    case keyDoesNotMatchBackup(source: String)
    case differentKeyInstalled(path: String)
    case databaseInUse(path: String)
    case keyFromEnvironment
    case passphraseMismatch
    case noPassphrase
    case passphraseFileUnreadable(path: String)
    case sheetMalformed(problem: Localized)
    case sheetLineMistyped(line: Int)
    case sheetCheckMismatch
    case keyDoesNotMatchDatabase

    public var message: Localized {
        switch self {
        case let .cannotWrite(path, reason):
            Localized(id: "Berkas \(path) tidak dapat ditulis: \(reason). Tidak ada yang diubah.",
                      en: "Cannot write the file \(path): \(reason). Nothing was changed.")
        case let .fileExists(path):
            Localized(id: "Berkas \(path) sudah ada. Tidak ada yang ditulis.",
                      en: "The file \(path) already exists. Nothing was written.")
        case let .wouldReplaceOwnFile(path):
            Localized(id: "\(path) adalah basis data atau kuncinya sendiri; Berdaya tidak menulis di atasnya. Tidak ada yang ditulis.",
                      en: "\(path) is the database or its key itself; Berdaya will not write over it. Nothing was written.")
        case let .databaseExists(path):
            Localized(id: "Basis data \(path) sudah ada; memulihkan akan menggantinya. Tidak ada yang diubah.",
                      en: "A database already exists at \(path); restoring would replace it. Nothing was changed.")
        case let .notReadable(path):
            Localized(id: "Berkas \(path) tidak dapat dibaca.", en: "Cannot read the file \(path).")
        case .notBerdayaBackup:
            Localized(id: "Isi cadangan ini bukan basis data Berdaya. Tidak ada yang diubah.",
                      en: "This backup does not hold a Berdaya database. Nothing was changed.")
        case let .integrityFailed(detail):
            Localized(id: "Basis data di dalam cadangan ini rusak (integrity_check: \(detail)). Tidak ada yang diubah.",
                      en: "The database inside this backup is damaged (integrity_check: \(detail)). Nothing was changed.")
        case .newerVersion:
            Localized(id: "Cadangan ini dibuat oleh versi Berdaya yang lebih baru. Tidak ada yang diubah.",
                      en: "This backup was made by a newer version of Berdaya. Nothing was changed.")
        case .backupKeyMismatch:
            Localized(id: "Kunci di dalam cadangan ini bukan kunci basis datanya. Tidak ada yang diubah.",
                      en: "The key inside this backup is not its database's key. Nothing was changed.")
        case let .noKeyForBackup(keyPath):
            Localized(id: "Cadangan ini tidak berisi kunci, dan tidak ada kunci untuk memeriksanya (\(keyPath) tidak ada, BERDAYA_KEY kosong). Tidak ada yang diubah.",
                      en: "This backup holds no key, and there is no key to check it with (\(keyPath) is missing, BERDAYA_KEY is empty). Nothing was changed.")
        case let .keyDoesNotMatchBackup(source):
            Localized(id: "Kunci dari \(source) bukan kunci basis data di dalam cadangan ini. Tidak ada yang diubah.",
                      en: "The key from \(source) is not the key of the database inside this backup. Nothing was changed.")
        case let .differentKeyInstalled(path):
            Localized(id: "Cadangan ini membawa kuncinya sendiri, tetapi kunci lain sudah ada di \(path); Berdaya tidak menimpa kunci. Tidak ada yang diubah.",
                      en: "This backup carries its own key, but a different key is already at \(path); Berdaya never overwrites a key. Nothing was changed.")
        case let .databaseInUse(path):
            Localized(id: "Basis data \(path) sedang dipakai program lain. Tidak ada yang diubah.",
                      en: "The database \(path) is in use by another program. Nothing was changed.")
        case .keyFromEnvironment:
            Localized(id: "Kunci diambil dari BERDAYA_KEY; rotasi menulis kunci baru ke berkas kunci. Tidak ada yang diubah.",
                      en: "The key comes from BERDAYA_KEY; rotation writes the new key to a key file. Nothing was changed.")
        case .passphraseMismatch:
            Localized(id: "Kedua frasa sandi tidak sama. Tidak ada yang ditulis.",
                      en: "The two passphrases differ. Nothing was written.")
        case .noPassphrase:
            Localized(id: "Frasa sandi tidak dapat ditanyakan: masukan bukan terminal.",
                      en: "Cannot ask for the passphrase: the input is not a terminal.")
        case let .passphraseFileUnreadable(path):
            Localized(id: "Berkas frasa sandi \(path) tidak dapat dibaca atau kosong.",
                      en: "The passphrase file \(path) cannot be read or is empty.")
        case let .sheetMalformed(problem):
            Localized(id: "Lembar pemulihan tidak dapat dibaca: \(problem.id). Tidak ada yang ditulis.",
                      en: "The recovery sheet cannot be read: \(problem.en). Nothing was written.")
        case let .sheetLineMistyped(line):
            Localized(id: "Baris \(line) lembar pemulihan salah ketik (dua huruf periksa di akhir barisnya tidak cocok). Tidak ada yang ditulis.",
                      en: "Line \(line) of the recovery sheet is mistyped (the two check letters at its end do not match). Nothing was written.")
        case .sheetCheckMismatch:
            Localized(id: "Nilai periksa lembar pemulihan tidak cocok dengan isinya. Tidak ada yang ditulis.",
                      en: "The recovery sheet's check value does not match its contents. Nothing was written.")
        case .keyDoesNotMatchDatabase:
            Localized(id: "Kunci ini bukan milik basis data ini. Tidak ada yang ditulis.",
                      en: "This key does not belong to this database. Nothing was written.")
        }
    }

    public var hint: Localized? {
        switch self {
        case .fileExists:
            Localized(id: "Pilih nama lain, atau tambahkan --force untuk menggantinya.",
                      en: "Choose another name, or add --force to replace it.")
        case .wouldReplaceOwnFile:
            Localized(id: "Pilih nama berkas lain, sebaiknya di media lain (mis. USB).",
                      en: "Choose another file name, preferably on another medium (e.g. a USB stick).")
        case .databaseExists:
            Localized(id: "Tambahkan --force untuk menggantinya (buat dulu cadangannya dengan `berdaya backup`), atau pulihkan ke berkas lain dengan --db.",
                      en: "Add --force to replace it (back it up first with `berdaya backup`), or restore to another file with --db.")
        case .noKeyForBackup, .keyDoesNotMatchBackup:
            Localized(id: "Beri kunci basis data yang dicadangkan dengan --key-file atau BERDAYA_KEY; cadangan lama butuh kunci lama (sebelum `key rotate`).",
                      en: "Give the backed-up database's key with --key-file or BERDAYA_KEY; old backups need the old key (from before `key rotate`).")
        case .differentKeyInstalled:
            Localized(id: "Pindahkan kunci itu ke tempat aman jika memang tidak dipakai lagi, atau pulihkan ke folder lain dengan --db dan --key-file.",
                      en: "Move that key somewhere safe if it is truly unused, or restore into another folder with --db and --key-file.")
        case .databaseInUse:
            Localized(id: "Hentikan `berdaya serve` dan perintah lain yang memakai basis data ini, lalu ulangi.",
                      en: "Stop `berdaya serve` and other commands using this database, then try again.")
        case .keyFromEnvironment:
            Localized(id: "Kosongkan BERDAYA_KEY dan tunjuk berkas kunci dengan --key-file; sesudah rotasi, isi BERDAYA_KEY dengan kunci baru.",
                      en: "Unset BERDAYA_KEY and point to a key file with --key-file; after the rotation, set BERDAYA_KEY to the new key.")
        case .noPassphrase, .passphraseFileUnreadable:
            Localized(id: "Jalankan di terminal, atau tulis frasa sandi di berkas ber-izin 0600 dan beri --passphrase-file BERKAS.",
                      en: "Run it in a terminal, or write the passphrase in a file with mode 0600 and give --passphrase-file FILE.")
        case .sheetMalformed, .sheetLineMistyped, .sheetCheckMismatch:
            Localized(id: "Bandingkan ketikan dengan lembar kertasnya huruf demi huruf; 0/O dan 1/I/L dianggap sama.",
                      en: "Compare the typing with the paper sheet letter by letter; 0/O and 1/I/L count as the same.")
        case .keyDoesNotMatchDatabase:
            Localized(id: "Pakai lembar pemulihan yang dibuat untuk basis data ini, sesudah rotasi kunci terakhirnya.",
                      en: "Use the recovery sheet made for this database, after its last key rotation.")
        default: nil
        }
    }
}
