import AsyncHTTPClient
import Foundation
import JWTKit
import Logging
import NIOCore

/// An issuer's signing keys, read from a file or fetched from a URL (found through OpenID discovery when not
/// given), and kept for `jwksCacheSeconds`. An unknown `kid` fetches again, at most every ten seconds.
actor JWKSSource {
    struct Keys: Sendable {
        let collection: JWTKeyCollection
        let keyIDs: Set<String>
        let fetchedAt: Double
    }

    enum Problem: Error, Sendable, Equatable {
        case unreachable(String)
        case invalid(String)
    }

    private let configuration: Gateway.Configuration.JWTConfiguration
    private let httpClient: HTTPClient
    private let logger: Logger
    private var keys: Keys?
    private var lastAttempt: Double = -.infinity
    /// The last failure while no keys are held, answered again for a second rather than fetched again, so that
    /// an unreachable issuer does not cost every request its timeout.
    private var lastFailure: (problem: Problem, at: Double)?

    static let minimumRefreshSeconds = 10.0

    init(configuration: Gateway.Configuration.JWTConfiguration, httpClient: HTTPClient, logger: Logger) {
        self.configuration = configuration
        self.httpClient = httpClient
        self.logger = logger
    }

    /// Keys that hold `keyID` if the issuer has it, fetching when the cache is cold, stale or lacks the key.
    func keys(for keyID: String, now: Double) async throws(Problem) -> Keys {
        if let keys, now - keys.fetchedAt < Double(configuration.jwksCacheSeconds),
            keys.keyIDs.contains(keyID) || now - lastAttempt < Self.minimumRefreshSeconds
        {
            return keys
        }
        if keys == nil, let lastFailure, now - lastFailure.at < 1 { throw lastFailure.problem }
        lastAttempt = now
        do {
            let fresh = try await fetch(now: now)
            keys = fresh
            lastFailure = nil
            return fresh
        } catch {
            lastFailure = (error, now)
            logger.error(
                "gateway JWKS not loaded",
                metadata: ["gateway.jwt.issuer": "\(configuration.issuer)", "gateway.error": "\(error)"]
            )
            // Keys fetched before still verify tokens signed with them while the issuer is unreachable.
            if let keys { return keys }
            throw error
        }
    }

    private func fetch(now: Double) async throws(Problem) -> Keys {
        let location = try await jwksLocation()
        let data = try await read(location)
        let jwks: JWKS
        do {
            jwks = try JSONDecoder().decode(JWKS.self, from: data)
        } catch {
            throw .invalid("\(location) is not a JWKS document: \(error)")
        }
        let collection = JWTKeyCollection()
        var keyIDs: Set<String> = []
        for jwk in jwks.keys {
            guard let keyID = jwk.keyIdentifier?.string else { continue }
            do {
                try await collection.add(jwk: jwk)
                keyIDs.insert(keyID)
            } catch {
                logger.warning("gateway JWKS key skipped", metadata: ["gateway.jwt.kid": "\(keyID)", "gateway.error": "\(error)"])
            }
        }
        return Keys(collection: collection, keyIDs: keyIDs, fetchedAt: now)
    }

    private func jwksLocation() async throws(Problem) -> String {
        if let jwksUri = configuration.jwksUri { return jwksUri }
        var issuer = configuration.issuer
        while issuer.hasSuffix("/") { issuer.removeLast() }
        let discovery = issuer + "/.well-known/openid-configuration"
        let document = try await read(discovery)
        guard let jwksUri = JSONValue(parsing: document)?.objectValue?["jwks_uri"]?.stringValue else {
            throw .invalid("\(discovery) has no jwks_uri")
        }
        return jwksUri
    }

    private func read(_ location: String) async throws(Problem) -> Data {
        if location.hasPrefix("http://") || location.hasPrefix("https://") {
            do {
                let request = HTTPClientRequest(url: location)
                let response = try await httpClient.execute(
                    request,
                    timeout: .milliseconds(Int64(configuration.jwksTimeoutInMillis)),
                    logger: logger
                )
                let body = try await response.body.collect(upTo: 1 << 20)
                guard response.status == .ok else { throw Problem.unreachable("\(location) answered \(response.status.code)") }
                return Data(body.readableBytesView)
            } catch let problem as Problem {
                throw problem
            } catch {
                throw .unreachable("\(location): \(error)")
            }
        }
        let path = location.hasPrefix("file://") ? String(location.dropFirst("file://".count)) : location
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreachable("\(path): \(error)")
        }
    }
}
