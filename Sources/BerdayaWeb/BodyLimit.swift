import Hummingbird

/// Reads the whole body of every request that may have one before any handler runs, refusing
/// one over `maxUploadSize` with a 413 (ErrorPages makes it a page). So the limit holds on
/// every route, signed in or not, whatever the handler checks first; a Content-Length over
/// the limit is refused without reading the body.
struct BodyLimit: RouterMiddleware {
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > context.maxUploadSize {
            throw HTTPError(.contentTooLarge)
        }
        var request = request
        _ = try await request.collectBody(upTo: context.maxUploadSize)
        return try await next(request, context)
    }
}
