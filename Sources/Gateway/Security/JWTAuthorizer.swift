import Foundation
import JWTKit
import NIOHTTP1

/// An HTTP API JWT authorizer (aws-behaviour §3.7): the token from the identity source, its signature against the
/// issuer's JWKS with a matching `kid`, then `iss`, `aud`/`client_id`, `exp`, `nbf`, `iat`, and the route's scopes.
struct JWTAuthorizer: Sendable {
    /// What a valid token tells the integration (`requestContext.authorizer.jwt`).
    struct Identity: Sendable, Equatable {
        let claims: [String: JSONValue]
        let scopes: [String]
    }

    /// `www-authenticate` descriptions, in API Gateway's words where its documentation shows them.
    enum Failure {
        static let missingToken = "the token is missing"
        static let malformed = "the token is malformed"
        static let unknownKey = "the token was not signed by a key of the issuer"
        static let invalidSignature = "the token signature is invalid"
        static let keysUnavailable = "the issuer's signing keys could not be loaded"
        static let issuer = "the token does not have a valid issuer"
        static let audience = "the token does not have a valid audience"
        static let expired = "the token has expired"
        static let notYetValid = "the token is not valid yet"
    }

    let name: String
    let configuration: Gateway.Configuration.JWTConfiguration
    let identitySource: String
    let keySource: JWKSSource

    /// The identity in a request's token, or the gateway error that refuses it.
    func authorize(
        headers: HTTPHeaders,
        query: [(name: String, value: String)],
        requiredScopes: [String],
        now: Double
    ) async -> Result<Identity, GatewayError> {
        guard let token = token(headers: headers, query: query) else {
            return .failure(.unauthorized(description: Failure.missingToken))
        }
        guard let header = Self.header(of: token) else {
            return .failure(.unauthorized(description: Failure.malformed))
        }
        guard let keyID = header["kid"]?.stringValue else {
            return .failure(.unauthorized(description: Failure.unknownKey))
        }
        let keys: JWKSSource.Keys
        do {
            keys = try await keySource.keys(for: keyID, now: now)
        } catch {
            return .failure(.unauthorized(description: Failure.keysUnavailable))
        }
        guard keys.keyIDs.contains(keyID) else {
            return .failure(.unauthorized(description: Failure.unknownKey))
        }
        let claims: JWTClaims
        do {
            claims = try await keys.collection.verify(token, as: JWTClaims.self)
        } catch {
            return .failure(.unauthorized(description: Failure.invalidSignature))
        }
        if let problem = Self.check(claims, configuration: configuration, now: now) {
            return .failure(.unauthorized(description: problem))
        }
        let scopes = claims.scopes
        if !requiredScopes.isEmpty && !requiredScopes.contains(where: scopes.contains) {
            return .failure(.insufficientScope(status: configuration.insufficientScopeStatus, requiredScopes: requiredScopes))
        }
        return .success(Identity(claims: claims.claims, scopes: scopes))
    }

    /// The first failing claim's description, or nil when all hold. `client_id` counts only without `aud`.
    static func check(_ claims: JWTClaims, configuration: Gateway.Configuration.JWTConfiguration, now: Double) -> String? {
        guard claims.issuer == configuration.issuer else { return Failure.issuer }
        if !configuration.audience.isEmpty {
            let presented = claims.audiences ?? claims.clientID.map { [$0] } ?? []
            guard presented.contains(where: configuration.audience.contains) else { return Failure.audience }
        }
        guard let expiresAt = claims.expiresAt, expiresAt > now else { return Failure.expired }
        if let notBefore = claims.notBefore, notBefore > now { return Failure.notYetValid }
        if let issuedAt = claims.issuedAt, issuedAt > now { return Failure.notYetValid }
        return nil
    }

    /// The token from the identity source, without a `Bearer ` prefix.
    func token(headers: HTTPHeaders, query: [(name: String, value: String)]) -> String? {
        var value: String?
        if identitySource.hasPrefix("$request.header.") {
            value = headers.first(name: String(identitySource.dropFirst("$request.header.".count)))
        } else if identitySource.hasPrefix("$request.querystring.") {
            let name = identitySource.dropFirst("$request.querystring.".count)
            value = query.first { $0.name == name }?.value
        }
        guard var token = value?.trimmingCharacters(in: .whitespaces), !token.isEmpty else { return nil }
        // `Bearer` alone (its trailing space trimmed in transit) carries no token.
        if token.lowercased() == "bearer" { return nil }
        if token.count > 7, token.prefix(7).lowercased() == "bearer " {
            token = token.dropFirst(7).trimmingCharacters(in: .whitespaces)
        }
        return token.isEmpty ? nil : token
    }

    /// The decoded JOSE header of a compact JWS, or nil when the token is not one.
    static func header(of token: String) -> [String: JSONValue]? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = Base64URL.decode(parts[0]) else { return nil }
        return JSONValue(parsing: data)?.objectValue
    }
}
