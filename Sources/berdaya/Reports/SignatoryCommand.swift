import ArgumentParser
import BerdayaKit
import Foundation

extension ReportCommand {
    /// `berdaya report signatory [treasurer|chair] [NAME]`: who signs the financial reports.
    struct Signatory: BerdayaCommand {
        static var configuration: CommandConfiguration {
            CommandConfiguration(abstract: L("Nama bendahara dan ketua yang menandatangani laporan keuangan (kosong: baris untuk tanda tangan).",
                                             "The treasurer's and chair's names that sign financial reports (unset: a line to sign on)."),
                                 discussion: L("Contoh: berdaya report signatory bendahara \"Siti Aminah\"; --clear menghapus nama.",
                                               "Example: berdaya report signatory treasurer \"Siti Aminah\"; --clear removes the name."))
        }

        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp(L("treasurer/bendahara atau chair/ketua.", "treasurer/bendahara or chair/ketua."))) var role: String?
        @Argument(help: ArgumentHelp(L("Nama yang menandatangani.", "The name that signs."))) var name: String?
        @Flag(help: ArgumentHelp(L("Hapus nama untuk peran ini.", "Remove the name for this role."))) var clear = false

        func execute(_ context: CommandContext) throws {
            if let role {
                let roles: [String: Signatories.Role] = ["treasurer": .treasurer, "bendahara": .treasurer, "chair": .chair, "ketua": .chair]
                guard let chosen = roles[role.lowercased()] else {
                    throw ValidationError(L("Peran '\(role)' tidak dikenal: treasurer/bendahara atau chair/ketua.",
                                            "Unknown role '\(role)': treasurer/bendahara or chair/ketua."))
                }
                if clear { try Signatories.set(chosen, name: nil, in: context.workspace) }
                else if let name { try Signatories.set(chosen, name: name, in: context.workspace) }
            }
            let names = try Signatories.names(in: context.workspace)
            if context.json { return try context.printJSON(Dictionary(uniqueKeysWithValues: names.map { ($0.key.rawValue, $0.value) })) }
            for role in Signatories.Role.allCases {
                context.say("\(role.label(context.language)): \(names[role] ?? L("(belum diisi: baris kosong untuk tanda tangan)", "(not set: a blank line to sign)"))")
            }
        }
    }
}
