import Foundation
import NIOCore
import NIOHTTP1

/// The Lambda-proxy event for a request, payload format 2.0 or 1.0 (aws-behaviour §3.8).
enum LambdaProxyEvent {
    /// The account ID events carry: AWS's documentation example account, as no real account is involved.
    static let accountID = "123456789012"

    static func make(_ context: IntegrationContext, format: Gateway.Configuration.Command.PayloadFormatVersion) -> JSONValue {
        switch format {
        case .v2: version2(context)
        case .v1: version1(context)
        }
    }

    /// Format 2.0: lower-cased headers and query parameters with duplicates joined by commas, cookies split out,
    /// absent fields left out.
    static func version2(_ context: IntegrationContext) -> JSONValue {
        let request = context.request
        var headers: [String: JSONValue] = [:]
        var cookies: [JSONValue] = []
        for (name, value) in request.headers {
            let lowered = name.lowercased()
            if lowered == "cookie" {
                cookies += value.split(separator: ";").map { .string($0.trimmingCharacters(in: .whitespaces)) }
                continue
            }
            if case .string(let existing) = headers[lowered] {
                headers[lowered] = .string(existing + "," + value)
            } else {
                headers[lowered] = .string(value)
            }
        }
        var query: [String: JSONValue] = [:]
        for (name, value) in context.query {
            if case .string(let existing) = query[name] {
                query[name] = .string(existing + "," + value)
            } else {
                query[name] = .string(value)
            }
        }
        let (body, isBase64Encoded) = encodedBody(request.body)
        var http: [String: JSONValue] = [
            "method": .string(request.method.rawValue),
            "path": .string(request.rawPath),
            "protocol": "HTTP/1.1",
            "sourceIp": .string(request.sourceIP),
        ]
        http["userAgent"] = .string(request.headers.first(name: "user-agent") ?? "")
        var requestContext: [String: JSONValue] = [
            "accountId": .string(accountID),
            "apiId": .string(context.apiID),
            "domainName": .string(request.host),
            "domainPrefix": .string(domainPrefix(request.host)),
            "http": .object(http),
            "requestId": .string(context.requestID),
            "routeKey": .string(context.routeKey),
            "stage": .string(context.stage),
            "time": .string(requestTime(context.receivedAt)),
            "timeEpoch": .number((context.receivedAt * 1000).rounded(.down)),
        ]
        if let identity = context.identity {
            requestContext["authorizer"] = [
                "jwt": [
                    "claims": .object(identity.claims.mapValues { .string(claimText($0)) }),
                    "scopes": identity.scopes.isEmpty ? .null : .array(identity.scopes.map(JSONValue.string)),
                ]
            ]
        }
        var event: [String: JSONValue] = [
            "version": "2.0",
            "routeKey": .string(context.routeKey),
            "rawPath": .string(request.rawPath),
            "rawQueryString": .string(request.rawQuery),
            "headers": .object(headers),
            "requestContext": .object(requestContext),
            "isBase64Encoded": .bool(isBase64Encoded),
        ]
        if !cookies.isEmpty { event["cookies"] = .array(cookies) }
        if !query.isEmpty { event["queryStringParameters"] = .object(query) }
        if let body { event["body"] = .string(body) }
        if !context.pathParameters.isEmpty { event["pathParameters"] = .object(context.pathParameters.mapValues(JSONValue.string)) }
        if !context.stageVariables.isEmpty { event["stageVariables"] = .object(context.stageVariables.mapValues(JSONValue.string)) }
        return .object(event)
    }

    /// Format 1.0: headers keep the client's casing (`Authorization` and `User-Agent` canonicalised,
    /// `Content-Length` dropped), single and multi-value maps, absent collections `null`.
    static func version1(_ context: IntegrationContext) -> JSONValue {
        let request = context.request
        var headers: [String: JSONValue] = [:]
        var multiValueHeaders: [String: [JSONValue]] = [:]
        for (name, value) in request.headers {
            let canonical: String
            switch name.lowercased() {
            case "content-length": continue
            case "authorization": canonical = "Authorization"
            case "user-agent": canonical = "User-Agent"
            default: canonical = name
            }
            headers[canonical] = .string(value)
            multiValueHeaders[canonical, default: []].append(.string(value))
        }
        var query: [String: JSONValue] = [:]
        var multiValueQuery: [String: [JSONValue]] = [:]
        for (name, value) in context.query {
            query[name] = .string(value)
            multiValueQuery[name, default: []].append(.string(value))
        }
        let (body, isBase64Encoded) = encodedBody(request.body)
        let restPath = context.protocolType == .rest && context.stage != "$default" ? "/\(context.stage)\(context.path)" : context.path
        var authorizer: JSONValue = .null
        if let identity = context.identity {
            authorizer = [
                "claims": .object(identity.claims.mapValues { .string(claimText($0)) }),
                "scopes": identity.scopes.isEmpty ? .null : .array(identity.scopes.map(JSONValue.string)),
            ]
        }
        let identity: JSONValue = [
            "accessKey": nil, "accountId": nil, "caller": nil, "cognitoAuthenticationProvider": nil,
            "cognitoAuthenticationType": nil, "cognitoIdentityId": nil, "cognitoIdentityPoolId": nil,
            "principalOrgId": nil, "sourceIp": .string(request.sourceIP), "user": nil,
            "userAgent": request.headers.first(name: "user-agent").map(JSONValue.string) ?? .null, "userArn": nil,
            "clientCert": nil,
        ]
        let requestContext: JSONValue = [
            "accountId": .string(accountID),
            "apiId": .string(context.apiID),
            "authorizer": authorizer,
            "domainName": .string(request.host),
            "domainPrefix": .string(domainPrefix(request.host)),
            "extendedRequestId": .string(context.requestID),
            "httpMethod": .string(request.method.rawValue),
            "identity": identity,
            "path": .string(restPath),
            "protocol": "HTTP/1.1",
            "requestId": .string(context.requestID),
            "requestTime": .string(requestTime(context.receivedAt)),
            "requestTimeEpoch": .number((context.receivedAt * 1000).rounded(.down)),
            "resourceId": .string(resourceID(context.resourcePath)),
            "resourcePath": .string(context.resourcePath),
            "stage": .string(context.stage),
        ]
        var event: [String: JSONValue] = [
            "resource": .string(context.resourcePath),
            "path": .string(context.path),
            "httpMethod": .string(request.method.rawValue),
            "headers": headers.isEmpty ? .null : .object(headers),
            "multiValueHeaders": multiValueHeaders.isEmpty ? .null : .object(multiValueHeaders.mapValues(JSONValue.array)),
            "queryStringParameters": query.isEmpty ? .null : .object(query),
            "multiValueQueryStringParameters": multiValueQuery.isEmpty ? .null : .object(multiValueQuery.mapValues(JSONValue.array)),
            "pathParameters": context.pathParameters.isEmpty ? .null : .object(context.pathParameters.mapValues(JSONValue.string)),
            "stageVariables": context.stageVariables.isEmpty ? .null : .object(context.stageVariables.mapValues(JSONValue.string)),
            "requestContext": requestContext,
            "body": body.map(JSONValue.string) ?? .null,
            "isBase64Encoded": .bool(isBase64Encoded),
        ]
        if context.protocolType == .http { event["version"] = "1.0" }
        return .object(event)
    }

    /// UTF-8 text as it is; anything else base64-encoded. nil for an empty body.
    static func encodedBody(_ body: ByteBuffer) -> (String?, Bool) {
        guard body.readableBytes > 0 else { return (nil, false) }
        let bytes = body.readableBytesView
        if let text = String(validating: bytes, as: UTF8.self) { return (text, false) }
        return (Data(bytes).base64EncodedString(), true)
    }

    /// `04/Mar/2020:19:15:17 +0000`.
    static func requestTime(_ epochSeconds: Double) -> String {
        let seconds = Int(epochSeconds.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = QuotaPeriod.civilDate(daysSinceEpoch: days)
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(two(day))/\(months[month - 1])/\(year):\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)) +0000"
    }

    private static func domainPrefix(_ host: String) -> String {
        String(host.split(separator: ".").first ?? Substring(host))
    }

    /// A claim as API Gateway passes it in v2 events: strings as they are, arrays as `[a b]`, numbers without `.0`.
    static func claimText(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let bool): bool ? "true" : "false"
        case .null: ""
        case .array(let values): "[" + values.map(claimText).joined(separator: " ") + "]"
        case .object: value.jsonText
        }
    }

    /// A stable six-character resource ID derived from the resource path, as real IDs are per resource.
    static func resourceID(_ resourcePath: String) -> String {
        StableID.make(resourcePath, length: 6)
    }
}
