import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// An `HTTP_PROXY` integration: the request goes to the integration URI with its path and query, and the
/// upstream's response comes back as it is. Past `timeoutInMillis` the client gets 504 `Endpoint request timed out`.
struct HTTPIntegration: IntegrationHandler {
    let configuration: Gateway.Configuration.HTTPProxy
    /// The configured timeout, or the flavour's maximum.
    let timeoutInMillis: Int
    let httpClient: HTTPClient
    let payloadLimit: Int
    let logger: Logger

    var isProxy: Bool { true }

    func respond(to context: IntegrationContext) async -> Result<APIResponse, GatewayError> {
        let url = Self.targetURL(
            template: StageVariables.substitute(configuration.integrationUri, context.stageVariables),
            path: context.path,
            rawQuery: context.request.rawQuery,
            pathParameters: context.pathParameters
        )
        var request = HTTPClientRequest(url: url)
        request.method = configuration.integrationMethod.map { HTTPMethod(rawValue: $0.uppercased()) } ?? context.request.method
        request.headers = HopByHopHeaders.removing(from: context.request.headers)
        request.headers.add(name: "x-forwarded-for", value: context.request.sourceIP)
        if context.request.body.readableBytes > 0 {
            request.body = .bytes(context.request.body)
        }
        let outcome = await Self.withTimeout(milliseconds: timeoutInMillis) { [httpClient, payloadLimit, logger, request] in
            do {
                let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeoutInMillis)), logger: logger)
                let body = try await response.body.collect(upTo: payloadLimit)
                return Result<APIResponse, any Error>.success(
                    APIResponse(status: response.status, headers: HopByHopHeaders.removing(from: response.headers), body: body)
                )
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case nil:
            return .failure(.integrationTimeout)
        case .success(let response)?:
            return .success(response)
        case .failure(let error as HTTPClientError)? where error == .deadlineExceeded || error == .readTimeout:
            return .failure(.integrationTimeout)
        case .failure(let error)?:
            logger.warning("gateway HTTP integration failed", metadata: ["gateway.integration.url": "\(url)", "gateway.error": "\(error)"])
            return .failure(.integrationFailure)
        }
    }

    /// The operation's result, or nil when `milliseconds` pass first; the operation is then cancelled (which
    /// cancels its request) and not waited for, so the client is answered on time even by an upstream that
    /// ignores cancellation. AsyncHTTPClient's own deadline does not cover a response that is slow to start.
    static func withTimeout<T: Sendable>(milliseconds: Int, _ operation: @escaping @Sendable () async -> T) async -> T? {
        let first = FirstAnswer<T?>()
        let work = Task { first.answer(await operation()) }
        let timer = Task {
            try? await Task.sleep(for: .milliseconds(milliseconds))
            first.answer(nil)
        }
        let result = await withTaskCancellationHandler {
            await first.value
        } onCancel: {
            first.answer(nil)
        }
        work.cancel()
        timer.cancel()
        return result
    }

    /// The upstream URL: path parameters substituted where the URI names them (`{proxy}`, `{id}`), otherwise the
    /// request path appended; the query string carried over either way.
    static func targetURL(template: String, path: String, rawQuery: String, pathParameters: [String: String]) -> String {
        var base = template
        var query = ""
        if let mark = base.firstIndex(of: "?") {
            query = String(base[base.index(after: mark)...])
            base = String(base[..<mark])
        }
        var substituted = false
        for (name, value) in pathParameters {
            for placeholder in ["{\(name)}", "{\(name)+}"] where base.contains(placeholder) {
                base = base.replacingOccurrences(of: placeholder, with: value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value)
                substituted = true
            }
        }
        if !substituted {
            while base.hasSuffix("/") { base.removeLast() }
            // An authority with no path still needs the request path's leading slash.
            base += path.isEmpty ? "/" : path
        }
        if !rawQuery.isEmpty {
            query = query.isEmpty ? rawQuery : query + "&" + rawQuery
        }
        return query.isEmpty ? base : base + "?" + query
    }
}
