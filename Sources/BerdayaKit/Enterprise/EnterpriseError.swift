/// Refusals of the business, sales and market-access records: each says what is wrong,
/// and nothing is written.
public enum EnterpriseError: UserFacingError, Equatable {
    case unknownBusiness(String)
    case unknownEvent(String)
    case unknownPartner(String)
    case unknownProduct(business: String, product: String, known: [String])
    case productExists(business: String, product: String)
    case ownersNeeded(Ownership, count: Int)
    case ownerAtOtherSite(survivor: String, site: String)
    case cohortWithoutOwners(cohort: String, business: String)
    case statusMove(business: String, from: BusinessStatus, to: BusinessStatus)
    case changeBeforeLast(business: String, last: DayDate)
    case reasonNeeded
    case notStarted(business: String)
    case beforeStart(business: String, started: DayDate, date: DayDate)
    case afterClose(business: String, closed: DayDate, date: DayDate)
    case recordsAfterClose(business: String, last: DayDate)
    case amountTooLarge
    case snapshotExists(business: String, month: Month)
    case monthInFuture(Month)
    case notJoined(business: String, event: String)
    case alreadyJoined(business: String, event: String)
    case outsideEvent(event: String, start: DayDate, end: DayDate)
    case notLinked(partner: String, business: String)
    case alreadyLinked(partner: String, business: String)
    case beforePartnerLink(partner: String, since: DayDate)
    case expiryNeeded(LicenceKind)
    case licenceTaken(kind: LicenceKind, number: String, business: String)
    case unknownRecord(String)
    case alreadyVoided(String)
    case moneyLink(business: String, reason: Localized)

    public var message: Localized {
        switch self {
        case let .unknownBusiness(code):
            Localized(id: "Usaha '\(code)' tidak dikenal.", en: "Unknown business '\(code)'.")
        case let .unknownEvent(code):
            Localized(id: "Kegiatan pemasaran '\(code)' tidak dikenal.", en: "Unknown market event '\(code)'.")
        case let .unknownPartner(code):
            Localized(id: "Mitra pemasaran '\(code)' tidak dikenal.", en: "Unknown channel partner '\(code)'.")
        case let .unknownProduct(business, product, known):
            Localized(id: "Usaha \(business) tidak punya produk '\(product)'. Produknya: \(known.isEmpty ? "belum ada" : known.joined(separator: ", ")).",
                      en: "The business \(business) has no product '\(product)'. Its products: \(known.isEmpty ? "none yet" : known.joined(separator: ", ")).")
        case let .productExists(business, product):
            Localized(id: "Usaha \(business) sudah punya produk '\(product)'.", en: "The business \(business) already has a product '\(product)'.")
        case let .ownersNeeded(ownership, count):
            ownership == .individual
                ? Localized(id: "Usaha perorangan dimiliki tepat satu penyintas (diberikan \(count)).",
                            en: "An individual business has exactly one owner (\(count) given).")
                : Localized(id: "KUBE dimiliki paling sedikit dua penyintas (diberikan \(count)).",
                            en: "A KUBE is owned by at least two survivors (\(count) given).")
        case let .ownerAtOtherSite(survivor, site):
            Localized(id: "\(survivor) terdaftar di lokasi lain, bukan \(site).", en: "\(survivor) is registered at another site, not \(site).")
        case let .cohortWithoutOwners(cohort, business):
            Localized(id: "Tidak ada pemilik \(business) yang pernah menjadi peserta angkatan \(cohort).",
                      en: "None of the owners of \(business) was ever a member of the cohort \(cohort).")
        case let .statusMove(business, from, to):
            Localized(id: "Status \(business) tidak bisa berubah dari '\(from.label.id)' ke '\(to.label.id)'.",
                      en: "The status of \(business) cannot move from '\(from.label.en)' to '\(to.label.en)'.")
        case let .changeBeforeLast(business, last):
            Localized(id: "Perubahan status \(business) tidak boleh sebelum perubahan terakhir (\(last)).",
                      en: "A status change of \(business) cannot be dated before its last change (\(last)).")
        case .reasonNeeded:
            Localized(id: "Setiap perubahan status perlu alasan (--reason).", en: "Every status change needs a reason (--reason).")
        case let .notStarted(business):
            Localized(id: "Usaha \(business) masih direncanakan dan belum mulai berjalan.",
                      en: "The business \(business) is still planned and has not started.")
        case let .beforeStart(business, started, date):
            Localized(id: "\(date) lebih awal dari tanggal mulai usaha \(business) (\(started)).",
                      en: "\(date) is before the business \(business) started (\(started)).")
        case let .afterClose(business, closed, date):
            Localized(id: "\(date) sesudah usaha \(business) tutup (\(closed)).",
                      en: "\(date) is after the business \(business) closed (\(closed)).")
        case let .recordsAfterClose(business, last):
            Localized(id: "Usaha \(business) punya penjualan atau biaya tercatat sampai \(last); tanggal tutup tidak boleh lebih awal.",
                      en: "The business \(business) has sales or costs recorded up to \(last); it cannot close before that.")
        case .amountTooLarge:
            Localized(id: "Jumlah × harga terlalu besar: satu penjualan paling banyak \(Rupiah.maximum.formatted(.id)).",
                      en: "Quantity × price is too large: one sale is at most \(Rupiah.maximum.formatted(.en)).")
        case let .snapshotExists(business, month):
            Localized(id: "Usaha \(business) sudah punya ringkasan bulan \(month).",
                      en: "The business \(business) already has a snapshot for \(month).")
        case let .monthInFuture(month):
            Localized(id: "Bulan \(month) belum dimulai.", en: "The month \(month) has not begun.")
        case let .notJoined(business, event):
            Localized(id: "Usaha \(business) tidak tercatat ikut kegiatan \(event).",
                      en: "The business \(business) is not recorded as taking part in \(event).")
        case let .alreadyJoined(business, event):
            Localized(id: "Usaha \(business) sudah tercatat ikut \(event).", en: "The business \(business) already takes part in \(event).")
        case let .outsideEvent(event, start, end):
            Localized(id: "Penjualan di \(event) harus bertanggal \(start) sampai \(end).",
                      en: "Sales at \(event) must be dated \(start) to \(end).")
        case let .notLinked(partner, business):
            Localized(id: "Mitra \(partner) belum tercatat menerima produk \(business).",
                      en: "The partner \(partner) is not recorded as taking products of \(business).")
        case let .alreadyLinked(partner, business):
            Localized(id: "Mitra \(partner) sudah terhubung dengan \(business).", en: "The partner \(partner) is already linked to \(business).")
        case let .beforePartnerLink(partner, since):
            Localized(id: "Penjualan lewat \(partner) baru tercatat sejak \(since).",
                      en: "Sales through \(partner) are recorded only from \(since).")
        case let .expiryNeeded(kind):
            Localized(id: "\(kind.label.id) perlu tanggal berakhir (--expires).", en: "A \(kind.label.en) needs its expiry date (--expires).")
        case let .licenceTaken(kind, number, business):
            Localized(id: "\(kind.label.id) nomor \(number) sudah tercatat untuk \(business).",
                      en: "The \(kind.label.en) number \(number) is already recorded for \(business).")
        case let .unknownRecord(what):
            Localized(id: "Catatan \(what) tidak ditemukan.", en: "No record \(what).")
        case let .alreadyVoided(what):
            Localized(id: "Catatan \(what) sudah dibatalkan.", en: "The record \(what) is already void.")
        case let .moneyLink(business, reason):
            Localized(id: "Dana tidak bisa dikaitkan dengan usaha \(business): \(reason.id)",
                      en: "The money cannot be linked to the business \(business): \(reason.en)")
        }
    }

    public var hint: Localized? {
        switch self {
        case .unknownBusiness:
            Localized(id: "Lihat kode usaha dengan 'berdaya business list'.", en: "See business codes with 'berdaya business list'.")
        case .unknownEvent:
            Localized(id: "Lihat kode kegiatan dengan 'berdaya event list'.", en: "See event codes with 'berdaya event list'.")
        case .unknownPartner:
            Localized(id: "Lihat kode mitra dengan 'berdaya event partner list'.",
                      en: "See partner codes with 'berdaya event partner list'.")
        case .unknownProduct:
            Localized(id: "Tambahkan produk dengan 'berdaya business product'.", en: "Add the product with 'berdaya business product'.")
        case .statusMove:
            Localized(id: "Urutan: direncanakan → berjalan ⇄ berhenti sementara → tutup. Usaha yang tutup didaftarkan ulang sebagai usaha baru.",
                      en: "The order is planned → active ⇄ paused → closed. A closed business that reopens is registered as a new one.")
        case .snapshotExists:
            Localized(id: "Jika ringkasan lama salah, batalkan dulu dengan 'berdaya sale void --snapshot'.",
                      en: "If the earlier snapshot is wrong, void it first with 'berdaya sale void --snapshot'.")
        case .notJoined:
            Localized(id: "Catat keikutsertaannya dulu dengan 'berdaya event join'.", en: "Record its participation first with 'berdaya event join'.")
        case .notLinked:
            Localized(id: "Hubungkan dulu dengan 'berdaya event partner link'.", en: "Link them first with 'berdaya event partner link'.")
        case .notStarted:
            Localized(id: "Ubah statusnya ke berjalan dengan 'berdaya business status'.",
                      en: "Set it to active with 'berdaya business status'.")
        default: nil
        }
    }
}
