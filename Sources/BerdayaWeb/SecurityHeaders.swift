import Hummingbird

/// Puts the browser's protections on every response, pages, errors and the stylesheet alike:
/// a Content-Security-Policy that allows only this server's own stylesheet, images and forms
/// (no inline or external script or style, no framing, no `<base>`, no plugins), no framing
/// for older browsers, no content-type sniffing, and no address sent to other sites.
struct SecurityHeaders: RouterMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    static let fields: HTTPFields = [
        .init("Content-Security-Policy")!: contentSecurityPolicy,
        .init("X-Frame-Options")!: "DENY",
        .init("X-Content-Type-Options")!: "nosniff",
        .init("Referrer-Policy")!: "same-origin",
    ]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            // ErrorPages turns every failure into a page; this is for anything thrown before it.
            response = try error.response(from: request, context: context)
        } catch {
            response = Response(status: .internalServerError)
        }
        for field in Self.fields { response.headers[field.name] = field.value }
        return response
    }
}
