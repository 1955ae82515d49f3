import BerdayaKit
import Foundation
import Hummingbird

extension Pages {
    // MARK: Funds and the ledger (treasurers and admins)

    func funds(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let w = try env.workspace(context)
        let balances = try Funds.balances(asOf: w.today, in: w)
        return table(context, title: context.text("Dana", "Funds"), path: "/funds",
                     headers: [context.text("Dana", "Fund"), context.text("Nama", "Name"), context.text("Pemberi", "Funder"), context.text("Saldo", "Balance")],
                     rows: balances.map { [TableCell(text: $0.code, href: "/funds/\($0.code)"), TableCell(text: $0.name), TableCell(text: $0.funder),
                                           TableCell(text: money($0.balance, context), number: true)] },
                     actions: [("/ledger/disburse", context.text("Salurkan dana", "Pay out a grant"))])
    }

    func cashBook(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let code = try context.parameters.require("code")
        let w = try env.workspace(context)
        let period = try Period.given(request.uri.queryParameters.get("period"), today: w.today)
        let book = try Ledger.cashBook(fundCode: code, period: period, in: w)
        var rows: [[TableCell]] = [[TableCell(text: period.start.description), TableCell(text: ""), TableCell(text: ""), TableCell(text: context.text("Saldo awal", "Opening balance")),
                               TableCell(text: ""), TableCell(text: money(book.opening, context), number: true)]]
        for row in book.rows {
            let e = row.entry
            rows.append([TableCell(text: e.date.description), TableCell(text: e.document), TableCell(text: e.counterparty ?? ""),
                         TableCell(text: e.description(context.language)),
                         TableCell(text: money(e.amount, context), number: true), TableCell(text: money(row.balance, context), number: true)])
        }
        // Periods one tap away: the shared default (the last 12 months), this and last year, this half-year and month.
        let year = w.today.year, half = w.today.month <= 6 ? "H1" : "H2"
        let periods: [(String, String)] = [
            ("/funds/\(book.fund)", context.text("12 bulan terakhir", "Last 12 months")), ("/funds/\(book.fund)?period=\(year)", "\(year)"),
            ("/funds/\(book.fund)?period=\(year - 1)", "\(year - 1)"), ("/funds/\(book.fund)?period=\(year)-\(half)", "\(year)-\(half)"),
            ("/funds/\(book.fund)?period=\(Month(w.today))", "\(Month(w.today))"),
        ]
        return table(context, title: context.text("Buku kas \(book.fund)", "Cash book \(book.fund)"), path: "/funds",
                     headers: [context.text("Tanggal", "Date"), context.text("Bukti", "Voucher"), context.text("Pihak", "Counterparty"),
                               context.text("Uraian", "Description"), context.text("Jumlah", "Amount"), context.text("Saldo", "Balance")], rows: rows,
                     intro: "\(book.name) · \(period.start) – \(period.end)", actions: periods)
    }

    /// Each fund with its balance; when a stored amount makes balances impossible to add up,
    /// the funds without them, so every other fund can still be paid from (the broken one is
    /// refused with the entry named when it is chosen).
    private func fundOptions(_ w: Workspace, _ context: WebContext) throws -> [(String, String)] {
        do {
            return try Funds.balances(asOf: w.today, in: w).map { ($0.code, "\($0.code) · \(money($0.balance, context))") }
        } catch is StoredAmountError {
            return try Funds.list(in: w).map { ($0.code, $0.code) }
        }
    }

    private func disburseFields(_ context: WebContext, _ posted: FormValues?) throws -> [Field] {
        let w = try env.workspace(context)
        func value(_ name: String, _ fallback: String = "") -> String { posted?[name] ?? fallback }
        return [
            Field(name: "fund", label: context.text("Dana", "Fund"), kind: .select, value: value("fund"), required: true,
                  options: try fundOptions(w, context)),
            Field(name: "survivor", label: context.text("Kode penerima", "Recipient code"), value: value("survivor"), required: true),
            Field(name: "amount", label: context.text("Jumlah (rupiah)", "Amount (rupiah)"), kind: .number, value: value("amount"), required: true),
            Field(name: "line", label: context.text("Pos anggaran", "Budget line"), kind: .select, value: value("line"), required: true,
                  hint: context.text("Pos anggaran dana yang dipilih; dana yang tidak memilikinya menolak.", "A budget line of the chosen fund; a fund without it refuses."),
                  options: [("", context.text("— pilih —", "— choose —"))] + Set(try Funds.budgetLines(in: w).values.joined()).sorted()
                    .map { ($0, BudgetLineLabels.label($0, context.language)) }),
            Field(name: "asnaf", label: context.text("Asnaf (dana zakat)", "Asnaf (zakat funds)"), kind: .select, value: value("asnaf"),
                  options: [("", "–")] + Asnaf.allCases.map { ($0.rawValue, $0.label(context.language)) }),
            Field(name: "date", label: context.text("Tanggal", "Date"), kind: .date, value: value("date", w.today.description), required: true),
            Field(name: "document", label: context.text("Nomor bukti", "Voucher number"), value: value("document"), required: true),
            Field(name: "memo", label: context.text("Keterangan", "Memo"), value: value("memo")),
        ]
    }

    func disburseForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkMoney }
        return form(context, title: context.text("Salurkan dana", "Pay out a grant"), path: "/funds", action: "/ledger/disburse",
                    fields: try disburseFields(context, nil), submit: context.text("Bukukan", "Book it"))
    }

    func disburse(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let posted = try await postedForm(request, context)
        var fields = try disburseFields(context, posted)
        return try once(posted, context, alreadyDone: "/funds/\(posted["fund"].urlPathEscaped)") { w in
            do {
                try requireListedChoices(["fund", "asnaf", "line"], in: fields)
                let entry = try Ledger.disburse(fundCode: posted["fund"], to: .survivor(posted["survivor"]),
                                        amount: Rupiah(parsing: posted["amount"], field: "amount"), line: posted["line"],
                                        asnaf: try posted.optional("asnaf").map { try Asnaf(parsing: $0, field: "asnaf") },
                                        voucher: Voucher(date: try DayDate(validating: posted["date"], field: "date"),
                                                         document: posted["document"], memo: posted.optional("memo")), in: w)
                let paid = entry.amount.amount < 0 ? ((try? entry.amount.negated()) ?? entry.amount) : entry.amount
                return redirect("/funds/\(posted["fund"].uppercased().urlPathEscaped)",
                                notice: context.text("Dibukukan: entri \(entry.id ?? 0), \(money(paid, context)) kepada \(posted["survivor"].uppercased()), bukti \(entry.document).",
                                          "Booked: entry \(entry.id ?? 0), \(money(paid, context)) to \(posted["survivor"].uppercased()), document \(entry.document)."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: form(context, title: context.text("Salurkan dana", "Pay out a grant"), path: "/funds",
                                                 action: "/ledger/disburse", fields: fields, submit: context.text("Bukukan", "Book it"),
                                                 errors: errors, once: posted["_once"], status: .unprocessableContent))
            }
        }
    }

    func loans(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let w = try env.workspace(context)
        let portfolio = try Loans.portfolio(asOf: w.today, in: w)
        return table(context, title: context.text("Pinjaman bergulir", "Revolving loans"), path: "/loans",
                     headers: [context.text("Pinjaman", "Loan"), context.text("Peminjam", "Borrower"), context.text("Sisa", "Outstanding"),
                               context.text("Tunggakan", "Arrears"), context.text("Hari terlambat", "Days late"), ""],
                     rows: portfolio.loans.filter { $0.outstanding.amount > 0 }.map { l in
                         [TableCell(text: l.code), TableCell(text: l.borrower), TableCell(text: money(l.outstanding, context), number: true),
                          TableCell(text: money(l.arrears, context), number: true), TableCell(text: String(l.daysLate), number: true),
                          TableCell(text: context.text("Catat angsuran", "Record a repayment"), href: "/loans/\(l.code)/repay")]
                     })
    }

    private func repayFields(_ context: WebContext, _ posted: FormValues?) throws -> [Field] {
        let today = env.today()
        return [
            Field(name: "amount", label: context.text("Jumlah (rupiah)", "Amount (rupiah)"), kind: .number, value: posted?["amount"] ?? "", required: true),
            Field(name: "date", label: context.text("Tanggal", "Date"), kind: .date, value: posted?["date"] ?? today.description, required: true),
            Field(name: "document", label: context.text("Nomor bukti", "Voucher number"), value: posted?["document"] ?? "", required: true),
        ]
    }

    func repayForm(_ request: Request, _ context: WebContext) throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let code = try context.parameters.require("code")
        let statement = try Loans.statement(loanCode: code, asOf: env.today(), in: env.workspace(context))
        return form(context, title: context.text("Angsuran \(statement.code)", "Repayment \(statement.code)"), path: "/loans",
                    action: "/loans/\(statement.code)/repay", fields: try repayFields(context, nil), submit: context.text("Bukukan", "Book it"),
                    intro: context.text("Peminjam \(statement.borrower) · sisa \(money(statement.outstanding, context)) · tunggakan \(money(statement.arrears, context))",
                             "Borrower \(statement.borrower) · outstanding \(money(statement.outstanding, context)) · arrears \(money(statement.arrears, context))"))
    }

    func repay(_ request: Request, _ context: WebContext) async throws -> Response {
        try require(context) { $0.mayWorkMoney }
        let code = try context.parameters.require("code")
        let posted = try await postedForm(request, context)
        var fields = try repayFields(context, posted)
        return try once(posted, context, alreadyDone: "/loans") { w in
            do {
                let entry = try Loans.repay(loanCode: code, amount: Rupiah(parsing: posted["amount"], field: "amount"),
                                    voucher: Voucher(date: try DayDate(validating: posted["date"], field: "date"), document: posted["document"], memo: nil),
                                    in: w)
                return redirect("/loans", notice: context.text("Angsuran \(money(entry.amount, context)) untuk \(code.uppercased()) dibukukan (entri \(entry.id ?? 0)).",
                                                    "Repayment of \(money(entry.amount, context)) for \(code.uppercased()) booked (entry \(entry.id ?? 0))."))
            } catch let error as any UserFacingError {
                let errors = attach(error, to: &fields, context)
                throw FormRefusal(response: form(context, title: context.text("Angsuran \(code)", "Repayment \(code)"), path: "/loans",
                                                 action: "/loans/\(code)/repay", fields: fields, submit: context.text("Bukukan", "Book it"),
                                                 errors: errors, once: posted["_once"], status: .unprocessableContent))
            }
        }
    }
}
