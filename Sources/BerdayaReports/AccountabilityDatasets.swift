import BerdayaKit
import Foundation

/// What each reader of a funder's workbook looks for and the database already holds: budget
/// against time, foreign tranches, the unspent balance to return, loan ageing, the cash book's
/// months and voucher sequence, the signatures, the zakat fund's flow and its PSAK 109
/// statement, the poverty lines CIBEST used. Every figure is computed in a BerdayaKit service.
extension Datasets {
    static let accountability: [DatasetDefinition] = [
        grantBurn, grantSummary, budgetVariance, foreignTranches, lpjLines, spendingVouchers, povertyLines, loanAgeing,
        loanRepayment, loanBook, cashMonths, voucherCheck, signatories, zakatFlow, zakatStatement,
    ]

    /// Figures are as of the period's end, or today if sooner.
    private static func asOf(_ p: ReportParameters, _ w: Workspace) -> DayDate { min(p.period.end, w.today) }

    private static func flag(_ flag: BurnFlag, _ p: ReportParameters) -> Cell { .text(flag.label(p.language)) }

    /// The funds the report's scope reached (nil: every fund the funder and fund parameters
    /// leave). Grant figures are each fund's whole: a site's report shows the grants that
    /// served it, not a share of them.
    private static func inScope(_ fund: String, _ p: ReportParameters, _ w: Workspace) throws -> Bool {
        try scope(p, w).funds.map { $0.contains(fund) } ?? true
    }

    // MARK: Grants

    static let grantBurn = DatasetDefinition(
        name: "grant-burn", privacy: .aggregate,
        summary: Localized(id: "Per hibah: nilai (juga dalam valuta asing), diterima, selisih kurs, terpakai, waktu berlalu, sisa yang harus dikembalikan.",
                           en: "Per grant: award (also in its currency), received, exchange difference, spent, time gone, unspent to return."),
        fields: ["fund", "name", "funder", "start", "end", "currency", "award_foreign", "award_rate", "award", "received",
                 "exchange_difference", "spent", "balance", "spent_share", "elapsed", "to_return", "flag"], needs: [.period]
    ) { p, w in
        try GrantAccountability.grants(asOf: asOf(p, w), funderCode: p.funder, fundCode: p.fund, in: w).filter { try inScope($0.fund, p, w) }.map { g in
            ["fund": .text(g.fund), "name": .text(g.name), "funder": .text(g.funder),
             "start": g.periodStart.map(Cell.date) ?? .empty, "end": g.periodEnd.map(Cell.date) ?? .empty,
             "currency": .text(g.awardCurrency ?? "IDR"),
             "award_foreign": g.awardForeignAmount.map { .decimal($0) } ?? .empty,
             "award_rate": g.awardRate.map { .decimal($0) } ?? .empty,
             "award": .money(g.award), "received": .money(g.received),
             "exchange_difference": (try g.exchangeDifference).map(Cell.money) ?? .empty,
             "spent": .money(g.spent), "balance": .money(g.balance), "spent_share": .percent(g.spentPercent),
             "elapsed": .percent(g.elapsedPercent), "to_return": .money(g.toReturn), "flag": flag(g.flag, p)]
        }
    }

    /// The same figures as a column of items, one block per grant: the first page of an LPJ.
    static let grantSummary = DatasetDefinition(
        name: "grant-summary", privacy: .aggregate,
        summary: Localized(id: "Ringkasan satu hibah sebagai daftar: nilai, masa, diterima, direalisasikan, sisa dana dan yang dikembalikan.",
                           en: "One grant summarised as a list: award, period, received, spent, balance and what is to be returned."),
        fields: ["fund", "item", "value"], needs: [.period]
    ) { p, w in
        let l = p.language
        return try GrantAccountability.grants(asOf: asOf(p, w), funderCode: p.funder, fundCode: p.fund, in: w).filter { try inScope($0.fund, p, w) }
            .flatMap { g -> [DataRow] in
            var rows: [DataRow] = []
            func add(_ item: Localized, _ value: Cell, _ key: String) {
                rows.append(["fund": .text(g.fund), "item": .text(item(l)), "value": value, "key": .text("\(g.fund)|\(key)")])
            }
            add(Localized(id: "Nama hibah", en: "Grant"), .text(g.name), "name")
            add(Localized(id: "Pemberi hibah", en: "Funder"), .text(g.funder), "funder")
            if let start = g.periodStart { add(Localized(id: "Masa hibah mulai", en: "Period starts"), .date(start), "start") }
            if let end = g.periodEnd { add(Localized(id: "Masa hibah berakhir", en: "Period ends"), .date(end), "end") }
            add(Localized(id: "Laporan per tanggal", en: "As of"), .date(asOf(p, w)), "as_of")
            if let currency = g.awardCurrency, let foreign = g.awardForeign {
                add(Localized(id: "Nilai hibah dalam valuta asing", en: "Award in its currency"),
                    .text(ForeignAmount.format(currency: currency, minorUnits: foreign)), "award_foreign")
            }
            add(Localized(id: "Nilai hibah (rupiah)", en: "Award (rupiah)"), .money(g.award), "award")
            add(Localized(id: "Dana diterima", en: "Received"), .money(g.received), "received")
            if let difference = try g.exchangeDifference {
                add(Localized(id: "Selisih kurs terhadap kurs hibah", en: "Exchange difference against the award's rate"), .money(difference), "fx")
            }
            add(Localized(id: "Realisasi belanja", en: "Spent"), .money(g.spent), "spent")
            add(Localized(id: "Realisasi terhadap nilai hibah", en: "Spent of the award"), .percent(g.spentPercent), "spent_share")
            add(Localized(id: "Waktu berlalu dari masa hibah", en: "Time gone of the period"), .percent(g.elapsedPercent), "elapsed")
            add(Localized(id: "Sisa dana (saldo)", en: "Unspent balance"), .money(g.balance), "balance")
            add(Localized(id: "Sisa dana yang harus dikembalikan", en: "Unspent balance to be returned"), .money(g.toReturn), "to_return")
            add(Localized(id: "Keterangan", en: "Status"), flag(g.flag, p), "flag")
            return rows
        }
    }

    static let budgetVariance = DatasetDefinition(
        name: "budget-variance", privacy: .aggregate,
        summary: Localized(id: "Anggaran dan realisasi per dana dan pos, dengan selisih, serapan dan waktu berlalu.",
                           en: "Budget and actual per fund and line, with variance, burn and time gone."),
        fields: ["fund", "line", "budget", "actual", "variance", "used", "elapsed", "flag"], needs: [.period]
    ) { p, w in
        try GrantAccountability.lines(asOf: asOf(p, w), funderCode: p.funder, fundCode: p.fund, in: w).filter { try inScope($0.fund, p, w) }.map { l in
            ["fund": .text(l.fund), "line": .text(l.line), "budget": l.budget.map(Cell.money) ?? .empty, "actual": .money(l.actual),
             "variance": (try l.variance).map(Cell.money) ?? .empty, "used": .percent(l.usedPercent), "elapsed": .percent(l.elapsedPercent),
             "flag": flag(l.flag, p)]
        }
    }

    static let foreignTranches = DatasetDefinition(
        name: "foreign-tranches", privacy: .aggregate,
        summary: Localized(id: "Setiap tahap hibah valuta asing: tanggal, jumlah asing, kurs, rupiah diterima, selisih kurs terhadap kurs hibah.",
                           en: "Every foreign-currency tranche: date, foreign amount, rate, rupiah received, exchange difference against the award's rate."),
        fields: ["fund", "date", "document", "tranche", "currency", "foreign", "rate", "rupiah", "at_award_rate", "difference"], needs: [.period]
    ) { p, w in
        try GrantAccountability.foreignTranches(period: p.period, funderCode: p.funder, fundCode: p.fund, in: w).filter { try inScope($0.fund, p, w) }.map { t in
            ["fund": .text(t.fund), "date": .date(t.date), "document": .text(t.document), "tranche": .text(t.memo ?? ""),
             "currency": .text(t.currency), "foreign": .decimal(t.foreignAmount), "rate": .decimal(Double(t.rate)),
             "rupiah": .money(t.rupiah), "at_award_rate": t.atAwardRate.map(Cell.money) ?? .empty,
             "difference": (try t.difference).map(Cell.money) ?? .empty]
        }
    }

    static let lpjLines = DatasetDefinition(
        name: "lpj-lines", privacy: .aggregate,
        summary: Localized(id: "Realisasi keuangan dan fisik per pos anggaran satu dana (LPJ).",
                           en: "Financial and physical realisation per budget line of one fund (accountability report)."),
        fields: ["line", "budget", "actual", "variance", "used", "vouchers", "sessions", "recipients", "groups", "in_kind", "output"],
        needs: [.period, .fund]
    ) { p, w in
        let l = p.language
        return try GrantAccountability.realisation(fundCode: p.fund!, asOf: asOf(p, w), in: w).map { r in
            var output: [String] = []
            if r.sessions > 0 { output.append(Localized(id: "\(r.sessions) sesi pelatihan", en: "\(r.sessions) training sessions")(l)) }
            if r.recipients > 0 { output.append(Localized(id: "penerima perorangan (lihat kolom)", en: "individual recipients (see column)")(l)) }
            if r.groups > 0 { output.append(Localized(id: "\(r.groups) kelompok", en: "\(r.groups) groups")(l)) }
            if r.inKind > 0 { output.append(Localized(id: "\(r.inKind) penyaluran barang", en: "\(r.inKind) in kind")(l)) }
            output.append(Localized(id: "\(r.vouchers) bukti", en: "\(r.vouchers) vouchers")(l))
            return ["line": .text(r.line), "budget": r.budget.map(Cell.money) ?? .empty, "actual": .money(r.actual),
                    "variance": (try r.variance).map(Cell.money) ?? .empty, "used": .percent(r.usedPercent),
                    "vouchers": .integer(Int64(r.vouchers)), "sessions": .integer(Int64(r.sessions)), "recipients": .people(r.recipients),
                    "groups": .integer(Int64(r.groups)), "in_kind": .integer(Int64(r.inKind)), "output": .text(output.joined(separator: "; "))]
        }
    }

    static let spendingVouchers = DatasetDefinition(
        name: "spending-vouchers", privacy: .pseudonymous,
        summary: Localized(id: "Daftar bukti pengeluaran satu dana per pos anggaran (penerima dengan kode).",
                           en: "A fund's spending vouchers per budget line (recipients by code)."),
        fields: ["date", "document", "line", "kind", "counterparty", "description", "amount"], needs: [.period, .fund]
    ) { p, w in
        let codes = OutgoingCodes(w)
        return try GrantAccountability.spendingVouchers(fundCode: p.fund!, period: p.period, in: w).map { v in
            ["date": .date(v.date), "document": .text(v.document), "line": .text(v.line), "kind": .text(v.kind.label(p.language)),
             "counterparty": .text(try v.counterpartyKind == "survivor" ? codes.code(v.counterparty ?? "", fund: p.fund!) : v.counterparty ?? ""), "description": .text(v.memo ?? ""), "amount": .money(v.amount)]
        }
    }

    // MARK: Outcomes

    static let povertyLines = DatasetDefinition(
        name: "poverty-lines", privacy: .aggregate,
        summary: Localized(id: "Garis kemiskinan per kapita per situs dan tahun: yang ditetapkan dan yang dipakai kunjungan.",
                           en: "Poverty line per person per site and year: the one set and the one visits used."),
        fields: ["site", "year", "per_person", "source", "used_low", "used_high", "households_line", "households_stated", "check"], needs: []
    ) { p, w in
        try Visits.povertyLineUse(asOf: asOf(p, w), siteCode: p.site, survivorCodes: scope(p, w).survivors, in: w).map { u in
            let check: Localized = u.usedLowest == nil ? Localized(id: "tidak dipakai kunjungan", en: "not used by a visit")
                : u.differs ? Localized(id: "kunjungan memakai garis lain (dikoreksi setelahnya)", en: "visits used another line (corrected later)")
                : Localized(id: "sama", en: "same")
            return ["site": .text(u.site), "year": .integer(Int64(u.year)), "per_person": u.perPerson.map(Cell.money) ?? .empty,
                    "source": .text(u.source ?? ""), "used_low": u.usedLowest.map(Cell.money) ?? .empty,
                    "used_high": u.usedHighest.map(Cell.money) ?? .empty, "households_line": .people(u.householdsOnLine),
                    "households_stated": .people(u.householdsStated), "check": .text(check(p.language))]
        }
    }

    // MARK: Loans

    /// The loans of the report's scope, as the `loans` dataset reads them.
    private static func positions(_ p: ReportParameters, _ w: Workspace) throws -> [LoanPosition] {
        try LoanAgeing.positions(of: portfolio(p, w), in: w)
    }

    static let loanAgeing = DatasetDefinition(
        name: "loan-ageing", privacy: .aggregate,
        summary: Localized(id: "Umur tunggakan per dana: lancar, 1–30, 31–90, lebih dari 90 hari terlambat.",
                           en: "Ageing per fund: current, 1–30, 31–90, over 90 days late."),
        fields: ["fund", "bucket", "loans", "outstanding", "arrears", "share"], needs: []
    ) { p, w in
        try LoanAgeing.ageing(try positions(p, w)).map { a in
            ["fund": .text(a.fund), "bucket": .text(a.bucket.label(p.language)), "loans": .integer(Int64(a.loans)),
             "outstanding": .money(a.outstanding), "arrears": .money(a.arrears), "share": .percent(a.sharePercent)]
        }
    }

    static let loanRepayment = DatasetDefinition(
        name: "loan-repayment", privacy: .aggregate,
        summary: Localized(id: "Per dana: jatuh tempo, terbayar, tingkat pengembalian, hapus buku.",
                           en: "Per fund: due, repaid, repayment rate, write-offs."),
        fields: ["fund", "loans", "principal", "due", "repaid", "rate", "written_off_loans", "written_off", "outstanding"], needs: []
    ) { p, w in
        try LoanAgeing.repayment(try positions(p, w)).map { r in
            ["fund": .text(r.fund), "loans": .integer(Int64(r.loans)), "principal": .money(r.principal), "due": .money(r.due),
             "repaid": .money(r.repaid), "rate": .percent(r.repaymentPercent), "written_off_loans": .integer(Int64(r.writtenOffLoans)),
             "written_off": .money(r.writtenOff), "outstanding": .money(r.outstanding)]
        }
    }

    static let loanBook = DatasetDefinition(
        name: "loan-book", privacy: .pseudonymous,
        summary: Localized(id: "Setiap pinjaman dengan jatuh tempo akhir, tingkat pengembalian, hapus buku, umur tunggakan dan kolektibilitas.",
                           en: "Every loan with maturity, repayment rate, write-off, ageing and standing."),
        fields: ["loan", "fund", "site", "borrower", "start", "maturity", "principal", "due", "repaid", "rate", "written_off",
                 "outstanding", "arrears", "days_late", "ageing", "standing"], needs: []
    ) { p, w in
        let codes = OutgoingCodes(w)
        return try positions(p, w).map { l in
            ["loan": .text(l.code), "fund": .text(l.fund), "site": .text(l.site ?? "–"), "borrower": .text(try codes.code(l.borrower, fund: l.fund)),
             "start": .date(l.start), "maturity": .date(l.maturity), "principal": .money(l.principal), "due": .money(l.due),
             "repaid": .money(l.repaid), "rate": .percent(l.repaymentPercent), "written_off": .money(l.writtenOff),
             "outstanding": .money(l.outstanding), "arrears": .money(l.arrears), "days_late": .integer(Int64(l.daysLate)),
             "ageing": .text(l.bucket?.label(p.language) ?? "–"), "standing": .text(l.standing.label(p.language))]
        }
    }

    // MARK: Cash book

    static let cashMonths = DatasetDefinition(
        name: "cash-months", privacy: .aggregate,
        summary: Localized(id: "Buku kas satu dana per bulan: saldo awal, masuk, keluar, saldo akhir.",
                           en: "A fund's cash book per month: opening, in, out, closing."),
        fields: ["month", "opening", "in", "out", "closing", "entries"], needs: [.period, .fund]
    ) { p, w in
        try CashChecks.months(fundCode: p.fund!, period: p.period, asOf: w.today, in: w).map { m in
            ["month": .month(m.month), "opening": .money(m.opening), "in": .money(m.moneyIn), "out": .money(m.moneyOut),
             "closing": .money(m.closing), "entries": .integer(Int64(m.entries))]
        }
    }

    static let voucherCheck = DatasetDefinition(
        name: "voucher-check", privacy: .aggregate,
        summary: Localized(id: "Pemeriksaan urutan nomor bukti: nomor yang hilang dan nomor ganda.",
                           en: "The voucher sequence checked: missing numbers and numbers used twice."),
        fields: ["series", "first", "last", "vouchers", "missing", "duplicates", "result"], needs: [.period]
    ) { p, w in
        let l = p.language
        return try CashChecks.voucherSequence(period: p.period, fundCode: p.fund, in: w).map { s in
            func list(_ items: [String]) -> String { items.prefix(20).joined(separator: ", ") + (items.count > 20 ? " …" : "") }
            var result: [String] = []
            if s.series.isEmpty { result.append(Localized(id: "bukti tanpa nomor urut: tidak bisa diperiksa", en: "vouchers without a sequence number: cannot be checked")(l)) }
            if !s.missing.isEmpty { result.append(Localized(id: "nomor hilang: ", en: "missing: ")(l) + list(s.missing)) }
            if !s.duplicates.isEmpty {
                result.append(Localized(id: "nomor ganda: ", en: "used twice or more: ")(l) + list(s.duplicates.map { "\($0.document) (\($0.bookings)×)" }))
            }
            if result.isEmpty { result.append(Localized(id: "urut, tanpa nomor hilang atau ganda", en: "in sequence: none missing, none used twice")(l)) }
            return ["series": .text(s.series.isEmpty ? "–" : s.series), "first": .text(s.first ?? ""), "last": .text(s.last ?? ""),
                    "vouchers": .integer(Int64(s.vouchers)), "missing": .integer(Int64(s.missing.count)),
                    "duplicates": .integer(Int64(s.duplicates.count)), "result": .text(result.joined(separator: "; "))]
        }
    }

    static let signatories = DatasetDefinition(
        name: "signatories", privacy: .aggregate,
        summary: Localized(id: "Yang menandatangani: bendahara dan ketua (nama dari pengaturan, atau baris kosong).",
                           en: "Who signs: the treasurer and the chair (names from the settings, or a blank line)."),
        fields: ["role", "name"], needs: []
    ) { p, w in
        let names = try Signatories.names(in: w)
        return Signatories.Role.allCases.map { role in
            ["role": .text(role.label(p.language)), "name": .text(names[role] ?? "(.................................)")]
        }
    }

    // MARK: Zakat

    /// The zakat funds a report covers (nil: all of them), or why there are none: a fund that
    /// is not zakat, or a funder without zakat funds, gets a sentence in the workbook, not an
    /// empty table. An unknown fund is left to the service, which names it.
    private static func zakatFundCodes(_ p: ReportParameters, _ w: Workspace) throws -> (codes: [String?], none: Localized?) {
        if p.funder == nil && p.fund == nil { return ([nil], nil) }
        let funds = try Funds.balances(asOf: w.today, in: w)
        if let fund = p.fund {
            guard let found = funds.first(where: { $0.code == fund }) else { return ([fund], nil) }
            if found.kind != .zakat {
                return ([], Localized(id: "Dana \(fund) bukan dana zakat: laporan ini hanya untuk dana zakat.",
                                      en: "The fund \(fund) is not a zakat fund: this report is for zakat funds only."))
            }
        }
        let codes = funds.filter { $0.kind == .zakat && (p.funder == nil || $0.funder == p.funder) && (p.fund == nil || $0.code == p.fund) }
        if codes.isEmpty {
            return ([], Localized(id: "\(p.funder ?? "") tidak memiliki dana zakat.", en: "\(p.funder ?? "") has no zakat fund."))
        }
        return (codes.map(\.code), nil)
    }

    static let zakatFlow = DatasetDefinition(
        name: "zakat-flow", privacy: .aggregate,
        summary: Localized(id: "Per dana zakat: diterima, disalurkan, masih dikelola, dan hari dari penerimaan sampai penyaluran.",
                           en: "Per zakat fund: received, distributed, still held, and days from receipt to distribution."),
        fields: ["fund", "name", "opening", "received", "distributed", "other", "held", "payments", "mean_days", "median_days"], needs: [.period]
    ) { p, w in
        try zakatFundCodes(p, w).codes.flatMap { try ZakatAccountability.flows(period: p.period, fundCode: $0, in: w) }.map { f in
            ["fund": .text(f.fund), "name": .text(f.name), "opening": .money(f.opening), "received": .money(f.received),
             "distributed": .money(f.distributed), "other": .money(f.other), "held": .money(f.held),
             "payments": .integer(Int64(f.payments)), "mean_days": .decimal(f.meanDays), "median_days": .decimal(f.medianDays)]
        }
    }

    static let zakatStatement = DatasetDefinition(
        name: "zakat-statement", privacy: .aggregate,
        summary: Localized(id: "Laporan perubahan dana zakat (bentuk PSAK 109): saldo awal, penerimaan, penyaluran per asnaf, saldo akhir.",
                           en: "Statement of changes in zakat funds (PSAK 109 shape): opening, receipts, distribution per asnaf, closing."),
        fields: ["section", "item", "amount", "note"], needs: [.period]
    ) { p, w in
        let l = p.language
        let (codes, none) = try zakatFundCodes(p, w)
        if let none { return [["section": .text("–"), "item": .text(none(l)), "amount": .empty, "note": .text(""), "key": .text("none")]] }
        // With a funder named, the statement is over that funder's zakat funds together.
        let statements = try codes.map { try ZakatAccountability.statement(period: p.period, fundCode: $0, in: w) }
        var rows: [DataRow] = []
        func add(_ section: Localized, _ item: String, _ amount: Rupiah, note: String = "", key: String) {
            rows.append(["section": .text(section(l)), "item": .text(item), "amount": .money(amount), "note": .text(note), "key": .text(key)])
        }
        let opening = try statements.reduce(Rupiah.zero) { try $0 + $1.opening }
        let closing = try statements.reduce(Rupiah.zero) { try $0 + $1.closing }
        let receipts = statements.flatMap(\.receipts)
        let received = try receipts.reduce(Rupiah.zero) { try $0 + $1.amount }
        let other = try statements.reduce(Rupiah.zero) { try $0 + $1.other }
        let start = Localized(id: "Saldo awal", en: "Opening balance"), inflow = Localized(id: "Penerimaan", en: "Receipts")
        let outflow = Localized(id: "Penyaluran", en: "Distribution"), end = Localized(id: "Saldo akhir", en: "Closing balance")
        add(start, Localized(id: "Saldo awal dana zakat", en: "Zakat funds at the start")(l), opening, key: "opening")
        for (index, receipt) in receipts.enumerated() {
            let item: String = switch receipt.source {
            case let .funder(code, name): Localized(id: "Penerimaan zakat dari \(name) (\(code))", en: "Zakat received from \(name) (\(code))")(l)
            case let .transferIn(fund): Localized(id: "Pindah buku dari dana zakat \(fund)", en: "Moved in from zakat fund \(fund)")(l)
            case .loanRepayments: Localized(id: "Pengembalian pinjaman qardul hasan", en: "Qard hasan loans repaid")(l)
            }
            add(inflow, item, receipt.amount, key: "receipt_\(index)")
        }
        add(inflow, Localized(id: "Jumlah penerimaan", en: "Total receipts")(l), received, key: "received")
        var distributed = Rupiah.zero
        for asnaf in ZakatAccountability.asnafOrder {
            let amount = try statements.reduce(Rupiah.zero) { total, s in try total + (s.distribution.first { $0.asnaf == asnaf }?.amount ?? .zero) }
            distributed = try distributed + amount
            let note = asnaf == .amil && amount == .zero
                ? Localized(id: "tidak ada bagian amil yang dicatat; biaya pengelolaan tidak diambil dari dana ini",
                            en: "no amil share recorded; no running costs were taken from this fund")(l) : ""
            add(outflow, Localized(id: "Penyaluran kepada asnaf \(asnaf.label.id)", en: "To asnaf \(asnaf.label.en)")(l), amount, note: note,
                key: "asnaf_\(asnaf.rawValue)")
        }
        add(outflow, Localized(id: "Jumlah penyaluran", en: "Total distribution")(l), distributed, key: "distributed")
        add(Localized(id: "Surplus (defisit)", en: "Surplus (deficit)"), Localized(id: "Penerimaan dikurangi penyaluran", en: "Receipts less distribution")(l),
            try received - distributed, key: "surplus")
        if other != .zero {
            add(Localized(id: "Mutasi lain", en: "Other movements"),
                Localized(id: "Pindah buku keluar, koreksi", en: "Transfers out, corrections")(l), other, key: "other")
        }
        add(end, Localized(id: "Saldo akhir dana zakat", en: "Zakat funds at the end")(l), closing,
            note: Localized(id: "= saldo awal + surplus (defisit)", en: "= opening + surplus (deficit)")(l) + (other != .zero
                ? Localized(id: " + mutasi lain", en: " + other movements")(l) : ""), key: "closing")
        return rows
    }
}
