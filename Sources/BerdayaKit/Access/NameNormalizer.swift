import Foundation

/// Brings a name to the form used for duplicate detection: `  Siti  AMINAH ` and `siti aminah`
/// are one name; so are `Sri Wahyuni` and `Sri Wahyuní`. Punctuation is dropped (a title such as
/// "Hj." stays, as the word "hj").
public enum NameNormalizer {
    /// Folds case, accents and character width, turns every non-letter into a space and collapses
    /// runs of spaces, so two spellings of one name compare equal.
    public static func normalise(_ name: String) -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive],
                                  locale: Locale(identifier: "id_ID")).lowercased()
        let lettersOnly = String(folded.map { $0.isLetter ? $0 : " " })
        return lettersOnly.split(separator: " ").joined(separator: " ")
    }
}
