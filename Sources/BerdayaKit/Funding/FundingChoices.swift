/// Who gives the money.
public enum FunderKind: String, Choice {
    case baznas, laz, government, bank, csr, international, individual

    public var label: Localized {
        switch self {
        case .baznas: Localized(id: "BAZNAS", en: "BAZNAS")
        case .laz: Localized(id: "LAZ", en: "private zakat institution (LAZ)")
        case .government: Localized(id: "instansi pemerintah", en: "government office")
        case .bank: Localized(id: "program bank", en: "bank program")
        case .csr: Localized(id: "CSR perusahaan", en: "corporate CSR")
        case .international: Localized(id: "donor internasional", en: "international donor")
        case .individual: Localized(id: "perorangan", en: "individual")
        }
    }
}

/// What a fund's money may be used for.
public enum FundKind: String, Choice {
    case zakat, infaq, restricted, unrestricted

    public var label: Localized {
        switch self {
        case .zakat: Localized(id: "zakat", en: "zakat")
        case .infaq: Localized(id: "infaq/sedekah", en: "infaq/sadaqah")
        case .restricted: Localized(id: "hibah terikat", en: "restricted grant")
        case .unrestricted: Localized(id: "dana tidak terikat", en: "unrestricted")
        }
    }
}

/// What a ledger entry is; the schema ties each kind to the sign of its amount.
public enum EntryKind: String, Choice {
    case receipt, disbursement, expense, transferOut = "transfer_out", transferIn = "transfer_in"
    case loanOut = "loan_out", loanRepayment = "loan_repayment", writeOff = "write_off", reversal

    public var label: Localized {
        switch self {
        case .receipt: Localized(id: "penerimaan", en: "receipt")
        case .disbursement: Localized(id: "penyaluran", en: "disbursement")
        case .expense: Localized(id: "belanja", en: "expense")
        case .transferOut: Localized(id: "pindah buku keluar", en: "transfer out")
        case .transferIn: Localized(id: "pindah buku masuk", en: "transfer in")
        case .loanOut: Localized(id: "pinjaman keluar", en: "loan out")
        case .loanRepayment: Localized(id: "angsuran", en: "loan repayment")
        case .writeOff: Localized(id: "penghapusan pinjaman", en: "loan write-off")
        case .reversal: Localized(id: "pembalikan", en: "reversal")
        }
    }
}

/// The eight groups who may receive zakat.
public enum Asnaf: String, Choice {
    case fakir, miskin, amil, muallaf, riqab, gharimin, fisabilillah, ibnuSabil = "ibnu_sabil"

    public var label: Localized {
        switch self {
        case .fakir: Localized(id: "fakir", en: "fakir (destitute)")
        case .miskin: Localized(id: "miskin", en: "miskin (poor)")
        case .amil: Localized(id: "amil", en: "amil (zakat administrators)")
        case .muallaf: Localized(id: "muallaf", en: "muallaf (new Muslims)")
        case .riqab: Localized(id: "riqab", en: "riqab (those in bondage)")
        case .gharimin: Localized(id: "gharimin", en: "gharimin (in debt)")
        case .fisabilillah: Localized(id: "fisabilillah", en: "fisabilillah")
        case .ibnuSabil: Localized(id: "ibnu sabil", en: "ibnu sabil (stranded travellers)")
        }
    }
}

/// How often a loan's instalments fall due.
public enum LoanFrequency: String, Choice {
    case weekly, monthly

    public var label: Localized {
        switch self {
        case .weekly: Localized(id: "mingguan", en: "weekly")
        case .monthly: Localized(id: "bulanan", en: "monthly")
        }
    }
}

/// A loan's state as booked: active, written off or cancelled. How late it is, is its `LoanStanding`.
public enum LoanStatus: String, Choice {
    case active, writtenOff = "written_off", cancelled

    public var label: Localized {
        switch self {
        case .active: Localized(id: "berjalan", en: "active")
        case .writtenOff: Localized(id: "dihapus", en: "written off")
        case .cancelled: Localized(id: "dibatalkan", en: "cancelled")
        }
    }
}
