import Foundation
import JWTKit
import NIOConcurrencyHelpers
import NIOHTTP1
import Testing

@testable import Gateway

@Suite("JWT authorizers and the local identity provider (aws-behaviour §3.7)")
struct JWTAuthorizerTests {
    static let issuer = "https://auth.edgesim.test"
    static let audience = "edgesim-spa"

    /// A gateway whose `POST /api/shows` needs `shows:write` and whose `GET /api/me` echoes the proxy event.
    struct Fixture {
        let state: TemporaryDirectory
        let provider: LocalIdentityProvider
        let clock: ManualClock
        let gateway: Gateway

        init(jwksUri: String? = nil, issuer: String = JWTAuthorizerTests.issuer) async throws {
            state = try TemporaryDirectory()
            provider = try LocalIdentityProvider.loadOrCreate(stateDirectory: state.path, issuer: issuer)
            let jwksFile = try state.file("jwks.json", provider.jwksDocument)
            clock = ManualClock()
            let echo = try state.script("echo.sh", "#!/bin/sh\ncat\n")
            let authorizer = Config.Authorizer(
                name: "local",
                jwtConfiguration: .init(issuer: issuer, audience: [JWTAuthorizerTests.audience], jwksUri: jwksUri ?? jwksFile)
            )
            let routes = [
                Config.Route(
                    routeKey: "POST /api/shows",
                    integration: .mock(.init(statusCode: 201, body: "created")),
                    authorizerName: "local",
                    authorizationScopes: ["shows:write", "shows:admin"]
                ),
                Config.Route(routeKey: "GET /api/me", integration: .command(.init(command: ["/bin/sh", echo])), authorizerName: "local"),
            ]
            gateway = try Gateway(
                configuration: Config(apis: [showsAPI(.http, routes: routes, authorizers: [authorizer])]),
                clock: clock.gatewayClock
            )
        }

        func token(
            scopes: [String] = ["shows:write"],
            audience: [String] = [JWTAuthorizerTests.audience],
            ttl: Int = 300,
            at: Double? = nil
        )
            async throws -> String
        {
            try await provider.signToken(subject: "alice", scopes: scopes, audience: audience, ttl: ttl, now: at ?? clock.now)
        }

        func post(authorization: String?) async -> APIResponse {
            await gateway.handle(.to(.POST, "/api/shows", headers: authorization.map { [("Authorization", $0)] } ?? []))
        }
    }

    static func expectUnauthorized(_ response: APIResponse, _ description: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(response.status == .unauthorized, sourceLocation: sourceLocation)
        #expect(response.bodyText == #"{"message":"Unauthorized"}"#, sourceLocation: sourceLocation)
        #expect(
            response.headers["www-authenticate"] == [#"Bearer scope="" error="invalid_token" error_description="\#(description)""#],
            sourceLocation: sourceLocation
        )
        #expect(response.headers.first(name: "apigw-requestid") != nil, sourceLocation: sourceLocation)
    }

    @Test("A token from the local issuer passes, with or without `Bearer `")
    func validToken() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.token()
        for authorization in ["Bearer \(token)", token, "bearer \(token)"] {
            let response = await fixture.post(authorization: authorization)
            #expect(response.status == .created)
            #expect(response.bodyText == "created")
        }
    }

    @Test("Claims and scopes reach the integration in requestContext.authorizer.jwt")
    func claimsInEvent() async throws {
        let fixture = try await Fixture()
        let token = try await fixture.token(scopes: ["shows:read", "profile"])
        let response = await fixture.gateway.handle(.to(.GET, "/api/me", headers: [("Authorization", "Bearer \(token)")]))
        #expect(response.status == .ok)
        let jwt = response.json?.objectValue?["requestContext"]?.objectValue?["authorizer"]?.objectValue?["jwt"]?.objectValue
        #expect(jwt?["claims"]?.objectValue?["sub"] == "alice")
        #expect(jwt?["claims"]?.objectValue?["iss"] == .string(Self.issuer))
        #expect(jwt?["claims"]?.objectValue?["exp"] == .string(String(Int(fixture.clock.now) + 300)))
        #expect(jwt?["scopes"] == ["shows:read", "profile"])
    }

    @Test("Missing and malformed tokens are 401 with www-authenticate")
    func missingAndMalformed() async throws {
        let fixture = try await Fixture()
        Self.expectUnauthorized(await fixture.post(authorization: nil), JWTAuthorizer.Failure.missingToken)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer "), JWTAuthorizer.Failure.missingToken)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer abc.def"), JWTAuthorizer.Failure.malformed)
    }

    @Test("Expired, not-yet-valid, wrong issuer and wrong audience are 401 with API Gateway's descriptions")
    func claimFailures() async throws {
        let fixture = try await Fixture()
        let expiring = try await fixture.token(ttl: 60)
        fixture.clock.advance(by: 61)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(expiring)"), JWTAuthorizer.Failure.expired)

        let future = try await fixture.token(at: fixture.clock.now + 120)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(future)"), JWTAuthorizer.Failure.notYetValid)

        let otherAudience = try await fixture.token(audience: ["someone-else"])
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(otherAudience)"), JWTAuthorizer.Failure.audience)

        let sameKeyOtherIssuer = try LocalIdentityProvider.loadOrCreate(stateDirectory: fixture.state.path, issuer: "https://elsewhere.test")
        #expect(sameKeyOtherIssuer.keyID == fixture.provider.keyID)
        let wrongIssuer = try await sameKeyOtherIssuer.signToken(subject: "alice", audience: [Self.audience], now: fixture.clock.now)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(wrongIssuer)"), JWTAuthorizer.Failure.issuer)
    }

    @Test("client_id stands in for aud only when aud is absent")
    func clientID() async throws {
        let fixture = try await Fixture()
        let now = fixture.clock.now
        let withClientID = try await fixture.provider.signToken(
            subject: "alice",
            scopes: ["shows:write"],
            now: now,
            additionalClaims: ["client_id": .string(Self.audience)]
        )
        #expect(await fixture.post(authorization: withClientID).status == .created)
        let audWins = try await fixture.provider.signToken(
            subject: "alice",
            scopes: ["shows:write"],
            audience: ["other"],
            now: now,
            additionalClaims: ["client_id": .string(Self.audience)]
        )
        Self.expectUnauthorized(await fixture.post(authorization: audWins), JWTAuthorizer.Failure.audience)
    }

    @Test("A foreign key is refused: unknown kid, or a forged signature under the issuer's kid")
    func foreignKeys() async throws {
        let fixture = try await Fixture()
        let stranger = try TemporaryDirectory()
        let foreign = try LocalIdentityProvider.loadOrCreate(stateDirectory: stranger.path, issuer: Self.issuer)
        let foreignToken = try await foreign.signToken(subject: "mallory", scopes: ["shows:write"], audience: [Self.audience], now: fixture.clock.now)
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(foreignToken)"), JWTAuthorizer.Failure.unknownKey)

        let keys = JWTKeyCollection()
        await keys.add(ecdsa: ES256PrivateKey(), kid: JWKIdentifier(string: fixture.provider.keyID))
        let claims: [String: JSONValue] = [
            "iss": .string(Self.issuer), "aud": .string(Self.audience), "sub": "mallory", "scope": "shows:write",
            "exp": .number(fixture.clock.now + 300),
        ]
        let forged = try await keys.sign(JWTClaims(claims: claims), kid: JWKIdentifier(string: fixture.provider.keyID))
        Self.expectUnauthorized(await fixture.post(authorization: "Bearer \(forged)"), JWTAuthorizer.Failure.invalidSignature)
    }

    @Test("A token without any of the route's scopes is 403 Forbidden; `scp` counts as well as `scope`")
    func scopes() async throws {
        let fixture = try await Fixture()
        let reader = try await fixture.token(scopes: ["shows:read"])
        let response = await fixture.post(authorization: "Bearer \(reader)")
        #expect(response.status == .forbidden)
        #expect(response.bodyText == #"{"message":"Forbidden"}"#)
        #expect(response.headers.first(name: "www-authenticate")?.contains(#"error="insufficient_scope""#) == true)

        let admin = try await fixture.provider.signToken(
            subject: "alice",
            audience: [Self.audience],
            now: fixture.clock.now,
            additionalClaims: ["scp": ["shows:admin"]]
        )
        #expect(await fixture.post(authorization: admin).status == .created)
    }

    @Test("JWKS from a URL, and found through the issuer's OpenID configuration when no URL is given")
    func jwksOverHTTP() async throws {
        let documents = NIOLockedValueBox<[String: String]>([:])
        let server = try await TestHTTPServer.start { request in
            guard let body = documents.withLockedValue({ $0[request.uri] }) else { return (.notFound, [], "") }
            return (.ok, [("content-type", "application/json")], body)
        }
        do {
            let byURL = try await Fixture(jwksUri: server.url + "/keys")
            documents.withLockedValue { $0["/keys"] = byURL.provider.jwksDocument }
            #expect(await byURL.post(authorization: try await byURL.token()).status == .created)
            #expect(await byURL.post(authorization: try await byURL.token()).status == .created)
            #expect(server.log.filter { $0.uri == "/keys" }.count == 1)

            let discovered = try await Fixture(jwksUri: nil, issuer: server.url)
            documents.withLockedValue {
                $0["/.well-known/openid-configuration"] = discovered.provider.openIDConfigurationDocument
                $0["/.well-known/jwks.json"] = discovered.provider.jwksDocument
            }
            #expect(await discovered.post(authorization: try await discovered.token()).status == .created)
        } catch {
            try await server.stop()
            throw error
        }
        try await server.stop()
    }

    @Test("With CORS a preflight is answered before the authorizer; without, it meets `$default` and its authorizer")
    func preflightAndAuthorizer() async throws {
        let state = try TemporaryDirectory()
        let provider = try LocalIdentityProvider.loadOrCreate(stateDirectory: state.path, issuer: Self.issuer)
        let jwks = try state.file("jwks.json", provider.jwksDocument)
        let authorizer = Config.Authorizer(name: "local", jwtConfiguration: .init(issuer: Self.issuer, audience: [Self.audience], jwksUri: jwks))
        let route = Config.Route(routeKey: "$default", integration: .mock(.init()), authorizerName: "local")
        let preflight = APIRequest.to(.OPTIONS, "/api/shows", headers: [("Origin", "https://app.test"), ("Access-Control-Request-Method", "POST")])
        for (cors, status) in [(Config.CORS?.none, HTTPResponseStatus.unauthorized), (Config.CORS(allowOrigins: ["https://app.test"]), .noContent)] {
            let api = showsAPI(routes: [route], cors: cors, authorizers: [authorizer])
            let response = await (try Gateway(configuration: Config(apis: [api]))).handle(preflight)
            #expect(response.status == status)
        }
    }

    @Test("An unreachable JWKS is 401, not a crash")
    func jwksUnreachable() async throws {
        let fixture = try await Fixture(jwksUri: "/nonexistent/jwks.json")
        Self.expectUnauthorized(await fixture.post(authorization: try await fixture.token()), JWTAuthorizer.Failure.keysUnavailable)
    }

    @Test("The local issuer's key is created once, mode 0600, and its documents describe it")
    func localProvider() throws {
        let state = try TemporaryDirectory()
        let first = try LocalIdentityProvider.loadOrCreate(stateDirectory: state.path, issuer: "http://127.0.0.1:4566/")
        let second = try LocalIdentityProvider.loadOrCreate(stateDirectory: state.path, issuer: "http://127.0.0.1:4566/")
        #expect(first.keyID == second.keyID)
        let keyPath = (state.path as NSString).appendingPathComponent(LocalIdentityProvider.keyPath)
        let permissions = try FileManager.default.attributesOfItem(atPath: keyPath)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let key = JSONValue(parsing: Data(first.jwksDocument.utf8))?.objectValue?["keys"]?.arrayValue?.first?.objectValue
        #expect(key?["kty"] == "EC" && key?["crv"] == "P-256" && key?["alg"] == "ES256" && key?["use"] == "sig")
        #expect(key?["kid"] == .string(first.keyID))
        #expect(key?["x"]?.stringValue?.count == 43 && key?["y"]?.stringValue?.count == 43)
        #expect(key?["d"] == nil)
        let openID = JSONValue(parsing: Data(first.openIDConfigurationDocument.utf8))?.objectValue
        #expect(openID?["issuer"] == "http://127.0.0.1:4566/")
        #expect(openID?["jwks_uri"] == "http://127.0.0.1:4566/.well-known/jwks.json")
    }

    @Test("Signed tokens carry sub, scope, aud, iat, nbf and exp = iat + ttl")
    func signedClaims() async throws {
        let state = try TemporaryDirectory()
        let provider = try LocalIdentityProvider.loadOrCreate(stateDirectory: state.path, issuer: Self.issuer)
        let token = try await provider.signToken(
            subject: "alice",
            scopes: ["shows:write", "tickets:read"],
            audience: ["a", "b"],
            ttl: 900,
            now: 1000.5
        )
        let parts = token.split(separator: ".")
        let header = try #require(JWTAuthorizer.header(of: token))
        #expect(header["alg"] == "ES256" && header["kid"] == .string(provider.keyID) && header["typ"] == "JWT")
        let claims = try #require(Base64URL.decode(parts[1]).flatMap { JSONValue(parsing: $0)?.objectValue })
        #expect(claims["sub"] == "alice" && claims["scope"] == "shows:write tickets:read" && claims["aud"] == ["a", "b"])
        #expect(claims["iat"] == 1000 && claims["nbf"] == 1000 && claims["exp"] == 1900)
    }
}
