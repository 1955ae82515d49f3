import Foundation

/// What a save said, carried across its redirect in a cookie and shown once on the next page:
/// "Attendance JBR-2026-1/3 saved: 9 of 10 present". Base64url, so any text survives the cookie;
/// Mustache escapes it when shown, and a cookie that does not decode is ignored.
enum SavedNotice {
    static let cookie = "berdaya_notice"

    static func encode(_ text: String) -> String {
        Data(String(text.prefix(300)).utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ value: String) -> String? {
        guard !value.isEmpty, value.count <= 420 else { return nil }
        var base64 = value.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
    }
}
