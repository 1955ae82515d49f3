import ArgumentParser
import BerdayaKit
import Foundation

/// How a passphrase reaches a command: typed at the terminal without echo, or read from the
/// first line of a file (`--passphrase-file PATH`); never as an option's value, which other
/// users read from the process list and the shell keeps in its history.
struct PassphraseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L("Baca frasa sandi dari baris pertama berkas ini (izin 0600; - untuk masukan standar) alih-alih menanyakannya di terminal.",
                                 "Read the passphrase from the first line of this file (mode 0600; - for standard input) instead of asking at the terminal."),
                               valueName: "path"))
    var passphraseFile: String?

    /// The passphrase. When it seals something new (`confirm`), it is asked twice and checked
    /// for length before anything else happens.
    func read(confirm: Bool) throws -> String {
        if let passphraseFile {
            guard let data = contentsOfFileOrStandardInput(passphraseFile),
                  let text = String(data: data, encoding: .utf8),
                  let line = text.split(separator: "\n", omittingEmptySubsequences: false).first.map({ String($0) })?
                      .trimmingCharacters(in: CharacterSet(charactersIn: "\r")),
                  !line.isEmpty
            else { throw BackupError.passphraseFileUnreadable(path: passphraseFile) }
            if confirm { try SealedFile.checkStrength(line) }
            return line
        }
        guard isatty(STDIN_FILENO) == 1 else { throw BackupError.noPassphrase }
        let first = try Self.ask(L("Frasa sandi: ", "Passphrase: "))
        guard confirm else { return first }
        try SealedFile.checkStrength(first)
        let second = try Self.ask(L("Ulangi frasa sandi: ", "Repeat the passphrase: "))
        guard first == second else { throw BackupError.passphraseMismatch }
        return first
    }

    /// One line from the terminal with echo turned off (and back on, whatever happens).
    private static func ask(_ prompt: String) throws -> String {
        FileHandle.standardError.write(Data(prompt.utf8))
        var saved = termios()
        let canHide = tcgetattr(STDIN_FILENO, &saved) == 0
        if canHide {
            var hidden = saved
            hidden.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden)
        }
        defer {
            if canHide { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let line = readLine(strippingNewline: true), !line.isEmpty else { throw BackupError.noPassphrase }
        return line
    }
}
