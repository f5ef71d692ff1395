import Crypto
import Foundation
import JWTKit

/// A local OpenID provider, so that JWT authorizers can be tried without Cognito: an ES256 signing key created
/// once under the state directory (mode 0600), its JWKS and OpenID configuration documents (the control port
/// serves them at `/.well-known/jwks.json` and `/.well-known/openid-configuration`), and token signing for
/// `edgesim token`.
public struct LocalIdentityProvider: Sendable {
    /// The `iss` of the tokens it signs, and the base of its documents' URLs (the control port's origin).
    public let issuer: String
    /// The key's RFC 7638 thumbprint, the `kid` of its tokens.
    public let keyID: String
    private let privateKey: ES256PrivateKey
    private let publicParameters: (x: String, y: String)

    /// Where the key lives, relative to the state directory.
    public static let keyPath = "identity/es256-signing-key.pem"

    /// Loads the signing key under `stateDirectory`, creating it on first use.
    public static func loadOrCreate(stateDirectory: String, issuer: String) throws(GatewayStateError) -> LocalIdentityProvider {
        let keyURL = URL(fileURLWithPath: stateDirectory).appendingPathComponent(keyPath)
        let fileManager = FileManager.default
        if !fileManager.fileExists(atPath: keyURL.path) {
            try create(at: keyURL)
        }
        do {
            let pem = try String(contentsOf: keyURL, encoding: .utf8)
            return try LocalIdentityProvider(issuer: issuer, privateKey: ES256PrivateKey(pem: pem))
        } catch let error as GatewayStateError {
            throw error
        } catch {
            throw GatewayStateError(path: keyURL.path, reason: .invalidKey(String(describing: error)))
        }
    }

    init(issuer: String, privateKey: ES256PrivateKey) throws(GatewayStateError) {
        guard let parameters = privateKey.parameters else {
            throw GatewayStateError(path: Self.keyPath, reason: .invalidKey("the key has no public point"))
        }
        self.issuer = issuer
        self.privateKey = privateKey
        self.publicParameters = parameters
        // RFC 7638: the SHA-256 of the required members in lexicographic order, no whitespace.
        let canonical = #"{"crv":"P-256","kty":"EC","x":"\#(parameters.x)","y":"\#(parameters.y)"}"#
        self.keyID = Base64URL.encode(Data(SHA256.hash(data: Data(canonical.utf8))))
    }

    /// The issuer with no trailing slash, for building URLs.
    private var issuerBase: String {
        var base = issuer
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// The JWKS document: the one public key.
    public var jwksDocument: String {
        let key: JSONValue = [
            "kty": "EC", "crv": "P-256", "alg": "ES256", "use": "sig", "kid": .string(keyID),
            "x": .string(publicParameters.x), "y": .string(publicParameters.y),
        ]
        return JSONValue.object(["keys": [key]]).jsonText
    }

    /// The OpenID configuration document, whose `jwks_uri` an authorizer without one discovers.
    public var openIDConfigurationDocument: String {
        let document: JSONValue = [
            "issuer": .string(issuer),
            "jwks_uri": .string(issuerBase + "/.well-known/jwks.json"),
            "id_token_signing_alg_values_supported": ["ES256"],
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
            "scopes_supported": ["openid"],
            "claims_supported": ["sub", "iss", "aud", "exp", "iat", "nbf", "scope"],
        ]
        return document.jsonText
    }

    /// Signs a token for `subject` with `scope` set to `scopes` joined by spaces, valid from `now` for `ttl` seconds.
    public func signToken(
        subject: String,
        scopes: [String] = [],
        audience: [String] = [],
        ttl: Int = 3600,
        now: Double = Date().timeIntervalSince1970,
        additionalClaims: [String: JSONValue] = [:]
    ) async throws -> String {
        let issuedAt = now.rounded(.down)
        var claims = additionalClaims
        claims["iss"] = .string(issuer)
        claims["sub"] = .string(subject)
        claims["iat"] = .number(issuedAt)
        claims["nbf"] = .number(issuedAt)
        claims["exp"] = .number(issuedAt + Double(ttl))
        claims["jti"] = .string(UUID().uuidString.lowercased())
        if !scopes.isEmpty { claims["scope"] = .string(scopes.joined(separator: " ")) }
        switch audience.count {
        case 0: break
        case 1: claims["aud"] = .string(audience[0])
        default: claims["aud"] = .array(audience.map(JSONValue.string))
        }
        let keys = JWTKeyCollection()
        await keys.add(ecdsa: privateKey, kid: JWKIdentifier(string: keyID))
        var header = JWTHeader()
        header.typ = "JWT"
        return try await keys.sign(JWTClaims(claims: claims), kid: JWKIdentifier(string: keyID), header: header)
    }

    private static func create(at keyURL: URL) throws(GatewayStateError) {
        let fileManager = FileManager.default
        let directory = keyURL.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(keyURL.lastPathComponent).\(UUID().uuidString)")
        do {
            try fileManager.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let pem = ES256PrivateKey().pemRepresentation
            guard fileManager.createFile(atPath: temporary.path, contents: Data(pem.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw GatewayStateError(path: temporary.path, reason: .unwritable("the file could not be created"))
            }
            defer { try? fileManager.removeItem(at: temporary) }
            // A hard link fails when the key exists, so two processes starting at once agree on one key.
            do {
                try fileManager.linkItem(at: temporary, to: keyURL)
            } catch  where fileManager.fileExists(atPath: keyURL.path) {
                return
            }
        } catch let error as GatewayStateError {
            throw error
        } catch {
            throw GatewayStateError(path: keyURL.path, reason: .unwritable(String(describing: error)))
        }
    }
}
