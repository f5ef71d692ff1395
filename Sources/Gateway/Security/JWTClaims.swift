import JWTKit

/// Every claim of a token, kept whole for `requestContext.authorizer.jwt.claims`.
///
/// jwt-kit checks the signature; the claims are checked by ``JWTAuthorizer`` against the gateway's clock, so that
/// tests can move time and every failure gets API Gateway's own description.
struct JWTClaims: JWTPayload, Equatable {
    var claims: [String: JSONValue]

    init(claims: [String: JSONValue]) {
        self.claims = claims
    }

    init(from decoder: any Decoder) throws {
        claims = try [String: JSONValue](from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try claims.encode(to: encoder)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}

    var issuer: String? { claims["iss"]?.stringValue }

    /// `aud` as a list: a single string or an array of strings.
    var audiences: [String]? {
        switch claims["aud"] {
        case .string(let value): [value]
        case .array(let values): values.compactMap(\.stringValue)
        default: nil
        }
    }

    var clientID: String? { claims["client_id"]?.stringValue }
    var expiresAt: Double? { claims["exp"]?.numberValue }
    var notBefore: Double? { claims["nbf"]?.numberValue }
    var issuedAt: Double? { claims["iat"]?.numberValue }

    /// The scopes in `scope` (space-separated) or `scp` (an array, or a space-separated string).
    var scopes: [String] {
        var scopes: [String] = []
        for name in ["scope", "scp"] {
            switch claims[name] {
            case .string(let text): scopes += text.split(separator: " ").map(String.init)
            case .array(let values): scopes += values.compactMap(\.stringValue)
            default: continue
            }
        }
        return scopes
    }
}
