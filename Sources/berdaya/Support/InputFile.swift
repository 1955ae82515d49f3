import Foundation

/// The bytes of a file named on the command line, where `-` means standard input (identity
/// files, visit notes, passphrases: whatever must not be typed as an option's value). Nil when
/// the file cannot be read.
func contentsOfFileOrStandardInput(_ path: String) -> Data? {
    path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: path)
}
