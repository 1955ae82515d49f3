import ArgumentParser
import BerdayaKit

/// `berdaya survivor ...`: the survivor registry.
struct SurvivorCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "survivor",
            abstract: L("Register penyintas: kode samaran, profil, identitas terenkripsi, persetujuan.",
                        "The survivor registry: pseudonymous codes, profiles, encrypted identity, consent."),
            subcommands: [Register.self, List.self, Show.self, Update.self, Find.self, Consent.self, Erase.self],
            defaultSubcommand: List.self)
    }

    struct Register: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mendaftarkan penyintas dan memberinya kode (MDN-0001).",
                            "Register a survivor and give her a code (MDN-0001)."),
                discussion: L("""
                    Nama, NIK, KK, telepon, alamat dan catatan dienkripsi. Identitas tidak pernah diberikan sebagai \
                    opsi baris perintah (pengguna lain dapat membacanya dari daftar proses, dan shell menyimpannya): \
                    ketik di prompt dengan --ask, atau baca dari berkas JSON atau CSV dengan --identity-file BERKAS \
                    (- untuk masukan standar). Kunci JSON, atau baris judul CSV: name, nik, kk, phone, address, notes. \
                    Opsi lama --name --nik --kk --phone --address --notes ditolak. Pendaftaran ditolak bila NIK, atau \
                    nama dan tahun lahir, sama dengan penyintas yang sudah ada; bila memang orang lain, ulangi dengan \
                    --confirm-different KODE.
                    Contoh: berdaya survivor register --site MDN --sex female --birth-year 1988 --consent-date 2025-02-03 --ask
                            berdaya survivor register --site MDN --sex female --consent-date 2025-02-03 --identity-file siti.json
                    """, """
                    Name, NIK, KK, phone, address and notes are encrypted. Identity is never given as a command-line \
                    option (other users can read those from the process list, and the shell keeps them): type it at \
                    a prompt with --ask, or read it from a JSON or CSV file with --identity-file FILE (- for standard \
                    input). The JSON keys, or the CSV header: name, nik, kk, phone, address, notes. The old options \
                    --name --nik --kk --phone --address --notes are refused. Registration is refused when the NIK, or \
                    the name and birth year, match an existing survivor; if she truly is someone else, repeat with \
                    --confirm-different CODE.
                    Example: berdaya survivor register --site MDN --sex female --birth-year 1988 --consent-date 2025-02-03 --ask
                             berdaya survivor register --site MDN --sex female --consent-date 2025-02-03 --identity-file siti.json
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Kode situs.", "Site code."))) var site: String
        @OptionGroup var identity: IdentityOptions
        @OptionGroup var profile: ProfileOptions
        @Option(help: ArgumentHelp(L("Tanggal ia menyetujui pemrosesan datanya (wajib).",
                                     "Date she consented to her data being processed (required).")))
        var consentDate: String
        @Option(help: ArgumentHelp(L("Tanggal ia menyetujui foto dan ceritanya dibagikan ke donor.",
                                     "Date she consented to photos and stories being shared with donors.")))
        var mediaConsentDate: String?
        @Option(help: ArgumentHelp(L("Kode penyintas yang sudah diperiksa dan memang orang lain.",
                                     "Code of an existing survivor checked to be a different person.")))
        var confirmDifferent: [String] = []

        func execute(_ context: CommandContext) throws {
            guard let sexText = profile.sex else { throw InputError.empty(field: "--sex") }
            var survivorProfile = SurvivorProfile(sex: try Sex(parsing: sexText, field: "--sex"))
            try profile.apply(to: &survivorProfile, context)
            var survivorIdentity = SurvivorIdentity(fullName: "")
            _ = try context.workspace.vault()
            let given = identity.isEmpty ? [:] : try identity.read()
            guard !given.isEmpty else { throw IdentityInputError.missing }
            IdentityKey.apply(given, to: &survivorIdentity)
            let registration = Registration(
                siteCode: site, profile: survivorProfile, exploitationTypes: try profile.exploitationTypes() ?? [],
                identity: survivorIdentity, dataConsentOn: try context.date(consentDate, field: "--consent-date"),
                mediaConsentOn: try context.date(mediaConsentDate, field: "--media-consent-date"),
                confirmedDifferentFrom: Set(confirmDifferent))
            let code = try Registry.register(registration, in: context.workspace)
            if context.json { try context.printJSON(["code": code]) } else {
                context.say(L("Terdaftar dengan kode \(code).", "Registered as \(code)."))
            }
        }
    }

    struct List: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Daftar penyintas menurut kode (tanpa identitas).",
                                             "List survivors by code (no identity)."))
        }

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp(L("Hanya satu situs.", "Only one site."))) var site: String?
        @Option(help: ArgumentHelp(L("Hanya anggota satu kelompok.", "Only members of one cohort."))) var cohort: String?
        @Option(help: ArgumentHelp(L("Hanya satu tahap kasus.", "Only one case stage."))) var stage: String?

        func execute(_ context: CommandContext) throws {
            let survivors = try Registry.list(in: context.workspace, siteCode: site, cohortCode: cohort,
                                              stage: context.choice(stage, field: "--stage"))
            if context.json { return try context.printJSON(survivors) }
            var table = Table(headers: [L("Kode", "Code"), L("Situs", "Site"), L("Jenis kelamin", "Sex"),
                                        L("Lahir", "Born"), L("Tahap", "Stage"), L("Terdaftar", "Registered"),
                                        L("Kelompok", "Cohorts")])
            for s in survivors {
                table.add([s.code + (s.erased ? L(" (dihapus)", " (erased)") : ""), s.site, s.sex.text,
                           s.birthYear.map(String.init) ?? "–", s.caseStage.text, s.registeredOn.description,
                           s.cohorts ?? "–"])
            }
            context.say(table.render())
            context.say(L("\(survivors.count) penyintas", "\(survivors.count) survivors"))
        }
    }

    struct Show: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Menampilkan satu penyintas; identitas hanya dengan --identity (tercatat di audit).",
                                             "Show one survivor; identity only with --identity (audited)."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode penyintas, mis. MDN-0001.", "Survivor code, e.g. MDN-0001."))) var code: String
        @Flag(help: ArgumentHelp(L("Buka juga identitasnya (perlu kunci; dicatat di log audit).",
                                   "Also reveal her identity (needs the key; written to the audit log).")))
        var identity = false

        struct Output: Encodable {
            var survivor: SurvivorDetails
            var identity: SurvivorIdentity?
        }

        func execute(_ context: CommandContext) throws {
            let details = try Registry.details(code: code, in: context.workspace)
            let revealed = identity ? try Registry.revealIdentity(code: code, in: context.workspace) : nil
            if context.json { return try context.printJSON(Output(survivor: details, identity: revealed)) }
            let p = details.profile
            var fields = Fields()
            fields.add(L("Kode", "Code"), details.code + (details.erasedOn.map { L(" (identitas dihapus \($0))", " (identity erased \($0))") } ?? ""))
            fields.add(L("Situs", "Site"), details.site)
            fields.add(L("Terdaftar", "Registered"), details.registeredOn.description)
            if let revealed {
                fields.add(L("Nama lengkap", "Full name"), revealed.fullName)
                fields.add("NIK", revealed.nik)
                fields.add(L("Nomor KK", "KK number"), revealed.kkNumber)
                fields.add(L("Telepon", "Phone"), revealed.phone)
                fields.add(L("Alamat", "Address"), revealed.address)
                fields.add(L("Catatan kasus", "Case notes"), revealed.caseNotes)
            }
            fields.add(L("Jenis kelamin", "Sex"), p.sex.text)
            fields.add(L("Tahun lahir", "Birth year"), p.birthYear.map(String.init))
            fields.add(L("Pendidikan", "Education"), p.education?.text)
            fields.add(L("Status perkawinan", "Marital status"), p.maritalStatus?.text)
            fields.add(L("Anggota rumah tangga", "Household size"), p.householdSize.map(String.init))
            fields.add(L("Tanggungan", "Dependants"), p.dependants.map(String.init))
            let origin = [p.originRegency, p.originProvince].compactMap { $0 }.joined(separator: ", ")
            fields.add(L("Asal", "Origin"), origin.isEmpty ? nil : origin)
            fields.add(L("Eksploitasi", "Exploitation"), details.exploitationTypes.isEmpty ? nil
                       : details.exploitationTypes.map(\.text).joined(separator: ", "))
            fields.add(L("Negara tujuan", "Destination"), p.destinationCountry)
            fields.add(L("Tanggal pulang", "Return date"), p.returnDate?.description)
            fields.add(L("Rujukan", "Referral"), p.referralSource?.text)
            fields.add(L("Pekerjaan", "Occupation"), p.occupation)
            fields.add(L("Pendapatan awal/bulan", "Baseline income/month"), p.baselineIncome?.formatted(context.language))
            fields.add(L("Tahap kasus", "Case stage"), p.caseStage.text)
            for consent in details.consents {
                fields.add(L("Persetujuan ", "Consent ") + consent.kind.text,
                           consent.givenOn.description + (consent.withdrawnOn.map { L(", ditarik \($0)", ", withdrawn \($0)") } ?? ""))
            }
            for e in details.enrolments {
                fields.add(L("Kelompok ", "Cohort ") + e.cohort,
                           "\(e.enrolledOn) – " + (e.exitedOn.map { "\($0) (\(e.exitReason?.text ?? ""))" } ?? L("sekarang", "now")))
            }
            context.say(fields.render())
        }
    }

    struct Update: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mengubah profil atau identitas penyintas; yang tidak disebut tetap.",
                                             "Change a survivor's profile or identity; what is not named stays."),
                                 discussion: L("""
                                    Identitas hanya dari prompt (--ask; baris kosong membiarkan isian lama) atau dari berkas \
                                    JSON/CSV (--identity-file BERKAS, - untuk masukan standar; kunci yang tidak ada atau kosong \
                                    tetap). Opsi lama --name --nik --kk --phone --address --notes ditolak.
                                    Contoh: berdaya survivor update MDN-0001 --identity-file - < telepon-baru.json
                                    """, """
                                    Identity only at a prompt (--ask; an empty line keeps the old value) or from a JSON/CSV \
                                    file (--identity-file FILE, - for standard input; keys left out or empty stay). The old \
                                    options --name --nik --kk --phone --address --notes are refused.
                                    Example: berdaya survivor update MDN-0001 --identity-file - < new-phone.json
                                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor code."))) var code: String
        @OptionGroup var identity: IdentityOptions
        @OptionGroup var profile: ProfileOptions
        @Option(help: ArgumentHelp(L("Kode penyintas yang sudah diperiksa dan memang orang lain.",
                                     "Code of an existing survivor checked to be a different person.")))
        var confirmDifferent: [String] = []

        func execute(_ context: CommandContext) throws {
            // Read before the write: no prompt waits inside a transaction.
            let given = identity.isEmpty ? nil : try identity.read()
            try Registry.update(
                code: code, in: context.workspace,
                profile: { try profile.apply(to: &$0, context) },
                exploitationTypes: try profile.exploitationTypes(),
                identity: given.map { given in { IdentityKey.apply(given, to: &$0) } },
                confirmedDifferentFrom: Set(confirmDifferent))
            if context.json { try context.printJSON(["code": code.uppercased()]) } else {
                context.say(L("\(code.uppercased()) diperbarui.", "\(code.uppercased()) updated."))
            }
        }
    }

    struct Find: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Mencari penyintas menurut NIK, atau nama (dengan atau tanpa tahun lahir), atau kode pemberi dana (tercatat di audit).",
                            "Find survivors by NIK, or by name (with or without a birth year), or by a funder's code (audited)."),
                discussion: L("""
                    NIK dan nama hanya dari prompt (--ask) atau dari berkas JSON/CSV dengan kunci nik dan name \
                    (--identity-file BERKAS, - untuk masukan standar), tidak pernah sebagai opsi; --nik dan --name ditolak. \
                    --funder-code mencari kode internal di balik kode penyintas di buku kerja seorang pemberi dana \
                    (kode itu bukan identitas).
                    Contoh: berdaya survivor find --ask
                            berdaya survivor find --identity-file - < cari.json
                            berdaya survivor find --funder-code BZ-7K3QX9MD
                    """, """
                    NIK and name only at a prompt (--ask) or from a JSON/CSV file with the keys nik and name \
                    (--identity-file FILE, - for standard input), never as options; --nik and --name are refused. \
                    --funder-code finds the internal code behind a survivor's code in a funder's workbook (that code \
                    is not identity).
                    Example: berdaya survivor find --ask
                             berdaya survivor find --identity-file - < search.json
                             berdaya survivor find --funder-code BZ-7K3QX9MD
                    """))
        }

        @OptionGroup var global: GlobalOptions
        @Flag(help: ArgumentHelp(L("Tanyakan NIK atau nama di prompt.", "Ask for the NIK or name at a prompt."))) var ask = false
        @Option(help: ArgumentHelp(L("Baca NIK atau nama dari berkas JSON atau CSV (kunci nik, name); - untuk masukan standar.",
                                     "Read the NIK or name from a JSON or CSV file (keys nik, name); - for standard input."),
                                   valueName: "path"))
        var identityFile: String?
        @Option(help: .hidden) var nik: String?
        @Option(help: .hidden) var name: String?
        @Option(help: ArgumentHelp(L("Tahun lahir: mempersempit pencarian dengan nama ke tahun itu; tanpa ini nama dicari di semua tahun lahir.",
                                     "Birth year: narrows a search by name to that year; without it the name is searched in every birth year."))) var birthYear: Int?
        @Option(help: ArgumentHelp(L("Kode penyintas di buku kerja pemberi dana, mis. BZ-7K3QX9MD.",
                                     "A survivor's code in a funder's workbook, e.g. BZ-7K3QX9MD."), valueName: "code"))
        var funderCode: String?

        func validate() throws {
            let given = [("--nik", nik), ("--name", name)].filter { $0.1 != nil }.map(\.0)
            if !given.isEmpty { throw refuse(IdentityInputError.onCommandLine(flags: given)) }
            if ask, identityFile == "-" { throw refuse(IdentityInputError.askWithStandardInput) }
            if funderCode != nil, ask || identityFile != nil { throw refuse(IdentityInputError.funderCodeWithIdentity) }
            if funderCode == nil, !ask, identityFile == nil { throw refuse(IdentityInputError.nothingToFind) }
        }

        func execute(_ context: CommandContext) throws {
            if let funderCode {
                let matches = try FunderCode.lookup(funderCode, in: context.workspace)
                if context.json { return try context.printJSON(matches) }
                var table = Table(headers: [L("Kode pemberi dana", "Funder's code"), L("Pemberi dana", "Funder"),
                                            L("Kode internal", "Internal code")])
                for match in matches { table.add([match.funderCode, match.funder, match.code]) }
                return context.say(table.render())
            }
            let given = try IdentityOptions.collect(ask: ask, file: identityFile, keys: [.nik, .name])
            guard given[.nik] != nil || given[.name] != nil else { throw IdentityInputError.nothingToFind }
            let matches = try Registry.find(nik: given[.nik], fullName: given[.name], birthYear: birthYear, in: context.workspace)
            if context.json { return try context.printJSON(matches) }
            if matches.isEmpty { return context.say(L("Tidak ditemukan.", "Not found.")) }
            var table = Table(headers: [L("Kode", "Code"), L("Cocok pada", "Matched on")])
            for match in matches { table.add([match.code, match.basis.label.text]) }
            context.say(table.render())
        }
    }

    struct Consent: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Mencatat persetujuan atau penarikannya.", "Record a consent or its withdrawal."),
                                 discussion: L("Contoh: berdaya survivor consent MDN-0003 --kind media_sharing --withdraw --date 2025-06-01",
                                               "Example: berdaya survivor consent MDN-0003 --kind media_sharing --withdraw --date 2025-06-01"))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor code."))) var code: String
        @Option(help: ArgumentHelp(L("data_processing (pemrosesan data) atau media_sharing (foto dan cerita untuk donor).",
                                     "data_processing or media_sharing (photos and stories for donors)."))) var kind: String
        @Flag(help: ArgumentHelp(L("Catat penarikan, bukan pemberian.", "Record a withdrawal, not a consent."))) var withdraw = false
        @Option(help: ArgumentHelp(L("Tanggal (TTTT-BB-HH).", "Date (YYYY-MM-DD)."))) var date: String

        func execute(_ context: CommandContext) throws {
            let kind = try ConsentKind(parsing: kind, field: "--kind")
            let day = try context.date(date, field: "--date")
            if withdraw {
                try Registry.withdrawConsent(code: code, kind: kind, on: day, in: context.workspace)
            } else {
                try Registry.giveConsent(code: code, kind: kind, on: day, in: context.workspace)
            }
            if context.json { return try context.printJSON(["code": code.uppercased(), "kind": kind.rawValue]) }
            context.say(withdraw ? L("Penarikan persetujuan \(kind.text) dicatat.", "Withdrawal of consent to \(kind.text) recorded.")
                                 : L("Persetujuan \(kind.text) dicatat.", "Consent to \(kind.text) recorded."))
            if withdraw, kind == .dataProcessing {
                context.say(L("Hapus identitasnya dengan `berdaya survivor erase \(code.uppercased())`.",
                              "Erase her identity with `berdaya survivor erase \(code.uppercased())`."))
            }
        }
    }

    struct Erase: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(
                abstract: L("Menghapus identitas penyintas yang menarik persetujuannya; riwayat samaran tetap.",
                            "Erase the identity of a survivor who withdrew consent; the pseudonymous history stays."),
                discussion: L("Tidak bisa dibatalkan. Catat dulu penarikan persetujuan pemrosesan data.",
                              "Cannot be undone. Record the withdrawal of data-processing consent first."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("Kode penyintas.", "Survivor code."))) var code: String

        func execute(_ context: CommandContext) throws {
            try Registry.erase(code: code, in: context.workspace)
            if context.json { return try context.printJSON(["code": code.uppercased(), "erased": "true"]) }
            context.say(L("Identitas \(code.uppercased()) dihapus. Kode dan riwayatnya tetap untuk angka laporan.",
                          "The identity of \(code.uppercased()) is erased. Her code and history stay for report totals."))
        }
    }
}
