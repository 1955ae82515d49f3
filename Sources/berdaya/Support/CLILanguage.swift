import BerdayaKit
import Foundation

/// The language of this run, known before arguments are parsed so that `--help` texts can be
/// shown in it: `--lang en` on the command line, else `BERDAYA_LANG`, else Indonesian.
let cliLanguage: Language = {
    let arguments = CommandLine.arguments
    for (index, argument) in arguments.enumerated() {
        if argument.hasPrefix("--lang="), let language = Language(setting: String(argument.dropFirst(7))) {
            return language
        }
        if argument == "--lang", index + 1 < arguments.count, let language = Language(setting: arguments[index + 1]) {
            return language
        }
    }
    if let setting = ProcessInfo.processInfo.environment["BERDAYA_LANG"], let language = Language(setting: setting) {
        return language
    }
    return .id
}()

/// A text for help and output in this run's language.
func L(_ id: String, _ en: String) -> String {
    cliLanguage == .id ? id : en
}

/// Help for an option that takes a period: what it is, then the default every layer shares.
func periodHelp(_ id: String, _ en: String) -> String {
    L("\(id) (\(Period.defaultHelp.id))", "\(en) (\(Period.defaultHelp.en))")
}

/// Help for an option that takes rupiah: what it is, then the format and the bound every
/// amount shares (`Rupiah.maximum`, checked where the amount is parsed).
func moneyHelp(_ id: String, _ en: String) -> String {
    L("\(id) Rupiah utuh (1.250.000), paling banyak \(Rupiah.maximum.formatted(.id)).",
      "\(en) Whole rupiah (1250000), at most \(Rupiah.maximum.formatted(.en)).")
}

/// A help text that ends with every value of a choice, listed from its type so the help can
/// never drift from what the command accepts: `L("Asnaf untuk zakat", "Asnaf for zakat", choices: Asnaf.self)`.
/// A value whose label in this run's language says more than its name shows it beside it
/// (`primary (SD)`); either may be typed.
func L<C: Choice>(_ id: String, _ en: String, choices type: C.Type) -> String {
    L("\(id): \(choiceList(C.self)).", "\(en): \(choiceList(C.self)).")
}

/// Every value of a choice, in the order of its type, as `--help` lists it.
func choiceList<C: Choice>(_ type: C.Type) -> String {
    C.allCases.map { value in
        let label = value.label(cliLanguage)
        let plain = value.rawValue.replacingOccurrences(of: "_", with: " ")
        return label.lowercased() == plain.lowercased() ? value.rawValue : "\(value.rawValue) (\(label))"
    }.joined(separator: ", ")
}
