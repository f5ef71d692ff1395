import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1

@testable import Gateway

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let seconds: NIOLockedValueBox<Double>

    init(_ start: Double = 1_718_000_000) {
        seconds = NIOLockedValueBox(start)
    }

    var now: Double { seconds.withLockedValue { $0 } }

    func advance(by interval: Double) {
        seconds.withLockedValue { $0 += interval }
    }

    var gatewayClock: Gateway.Clock {
        Gateway.Clock { [self] in now }
    }
}

typealias Config = Gateway.Configuration

extension APIRequest {
    /// A request through a distribution's `/api/*` behaviour to `api` at stage `$default`.
    static func to(
        _ method: HTTPMethod,
        _ target: String,
        api: String = "shows",
        stage: String = "$default",
        headers: [(String, String)] = [],
        body: String? = nil
    ) -> APIRequest {
        let (path, query) = split(target)
        return APIRequest(
            method: method,
            rawPath: path,
            rawQuery: query,
            headers: HTTPHeaders(headers),
            body: body.map { ByteBuffer(string: $0) } ?? ByteBuffer(),
            sourceIP: "203.0.113.7",
            host: "app.edgesim.test",
            arrival: .distribution(apiName: api, stage: stage)
        )
    }

    static func split(_ target: String) -> (String, String) {
        guard let mark = target.firstIndex(of: "?") else { return (target, "") }
        return (String(target[..<mark]), String(target[target.index(after: mark)...]))
    }
}

extension APIResponse {
    var json: JSONValue? { JSONValue(parsing: Array(body.readableBytesView)) }
}

/// A fresh temporary directory, removed when the test drops it.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("gateway-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes an executable script and returns its path.
    func script(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: file)
        return file
    }

    func file(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// An API named `shows` with the given routes, for the pipeline tests.
func showsAPI(
    _ protocolType: Config.ProtocolType = .http,
    routes: [Config.Route],
    cors: Config.CORS? = nil,
    stages: [Config.Stage] = [Config.Stage(stageName: "$default")],
    authorizers: [Config.Authorizer] = [],
    gatewayResponses: [Config.GatewayResponseType: Config.GatewayResponseOverride] = [:]
) -> Config.API {
    Config.API(
        name: "shows",
        protocolType: protocolType,
        routes: routes,
        cors: cors,
        stages: stages,
        authorizers: authorizers,
        gatewayResponses: gatewayResponses
    )
}

func mockRoute(
    _ routeKey: String,
    status: Int = 200,
    body: String = #"{"ok":true}"#,
    headers: [String: String] = ["content-type": "application/json"]
)
    -> Config.Route
{
    Config.Route(routeKey: routeKey, integration: .mock(.init(statusCode: status, headers: headers, body: body)))
}
