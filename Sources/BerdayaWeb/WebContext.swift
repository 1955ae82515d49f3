import BerdayaKit
import Foundation
import Hummingbird
import NIOCore

/// What a request carries through the app: who is signed in (if anyone) and from where.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: WebSession?
    public var sessionToken: String?
    /// The client's address, as the socket says (tests set it to play several clients).
    public internal(set) var address: String
    /// The language switched to before sign-in (a cookie); a signed-in user's own comes first.
    public var chosenLanguage: Language?
    /// What the last save said (`Pages.redirect(_:notice:)`), shown once on the page it led to.
    var savedNotice: String?
    /// The path and query of this request, so the language switch comes back to this page.
    var pageAddress = "/"

    /// A request with nobody signed in yet; `ErrorPages` loads the session from its cookie.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        address = source.channel.remoteAddress?.ipAddress ?? "local"
    }

    public var maxUploadSize: Int { 256 * 1024 }
    var language: Language { session?.user.language ?? chosenLanguage ?? .id }
    /// A text in this request's language: `context.text("Simpan", "Save")`. (The command line's
    /// `L(_:_:)` answers in the language of the whole run; a page answers in its reader's.)
    func text(_ id: String, _ en: String) -> String { language == .id ? id : en }
    /// The sites the signed-in user may work in.
    var sites: SiteLimit { session?.sites ?? .everySite }
}

/// Outcomes a handler can throw that become proper pages, never a stack trace.
enum WebError: Error {
    case notFound
    case forbidden
    /// Refused, with the reason the page says (a report the role may not run, a site not hers).
    case refused(Localized)
    case signInNeeded
    case badCSRF
    /// Too many sign-ins waiting for a password check: try again shortly (503).
    case busy
    /// The database file was deleted or replaced under the running server (503).
    case databaseFileGone
}

/// A form as posted: every value of every field, decoded.
struct FormValues: Sendable {
    private var values: [String: [String]] = [:]

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(text)
            }
            let key = decode(parts[0])
            values[key, default: []].append(parts.count > 1 ? decode(parts[1]) : "")
        }
    }

    static func read(_ request: Request, context: WebContext) async throws -> FormValues {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        return FormValues(body: String(buffer: buffer))
    }

    subscript(_ name: String) -> String { values[name]?.first?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
    func all(_ name: String) -> [String] { values[name] ?? [] }
    func optional(_ name: String) -> String? { self[name].isEmpty ? nil : self[name] }
    var keys: [String] { Array(values.keys) }
}

/// HTML escaping is Mustache's; this is for attribute-free places we build by hand.
extension String {
    var urlPathEscaped: String { addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? self }
}
