import Foundation
import NIOCore
import NIOHTTP1

/// Reads a Lambda-proxy function's output into a response by AWS's rules (aws-behaviour §3.8). Anything it
/// cannot read is `nil`, which the gateway answers with 502 `Internal server error`.
enum LambdaProxyResponse {
    private static let version1Keys: Set<String> = ["isBase64Encoded", "statusCode", "headers", "multiValueHeaders", "body"]

    static func parse(_ output: Data, format: Gateway.Configuration.Command.PayloadFormatVersion) -> APIResponse? {
        guard let value = JSONValue(parsing: output) else { return nil }
        switch format {
        case .v1:
            guard let object = value.objectValue, Set(object.keys).isSubset(of: version1Keys) else { return nil }
            return structured(object, allowsMultiValueHeaders: true, allowsCookies: false)
        case .v2:
            if let object = value.objectValue, object["statusCode"] != nil {
                return structured(object, allowsMultiValueHeaders: false, allowsCookies: true)
            }
            // Valid JSON without a status code is the body of a 200: a string as its text, anything else as JSON.
            var headers = HTTPHeaders()
            headers.add(name: "content-type", value: "application/json")
            let body: String
            if case .string(let text) = value {
                body = text
            } else {
                body = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return APIResponse(status: .ok, headers: headers, body: ByteBuffer(string: body))
        }
    }

    private static func structured(_ object: [String: JSONValue], allowsMultiValueHeaders: Bool, allowsCookies: Bool) -> APIResponse? {
        guard let status = statusCode(object["statusCode"]) else { return nil }
        var headers = HTTPHeaders()
        var named: Set<String> = []
        if allowsMultiValueHeaders, let multiValue = object["multiValueHeaders"], !multiValue.isNull {
            guard let members = multiValue.objectValue else { return nil }
            for (name, values) in members.sorted(by: { $0.key < $1.key }) {
                guard let list = values.arrayValue else { return nil }
                for element in list {
                    guard let text = scalarText(element) else { return nil }
                    headers.add(name: name, value: text)
                }
                named.insert(name.lowercased())
            }
        }
        if let single = object["headers"], !single.isNull {
            guard let members = single.objectValue else { return nil }
            // A header given in both maps keeps only its multi-value values.
            for (name, value) in members.sorted(by: { $0.key < $1.key }) where !named.contains(name.lowercased()) {
                guard let text = scalarText(value) else { return nil }
                headers.add(name: name, value: text)
            }
        }
        if allowsCookies, let cookies = object["cookies"], !cookies.isNull {
            guard let list = cookies.arrayValue else { return nil }
            for cookie in list {
                guard let text = cookie.stringValue else { return nil }
                headers.add(name: "set-cookie", value: text)
            }
        }
        var isBase64Encoded = false
        switch object["isBase64Encoded"] {
        case nil, .null?: break
        case .bool(let flag)?: isBase64Encoded = flag
        default: return nil
        }
        var body = ByteBuffer()
        switch object["body"] {
        case nil, .null?: break
        case .string(let text)?:
            if isBase64Encoded {
                guard let data = Data(base64Encoded: text) else { return nil }
                body = ByteBuffer(bytes: data)
            } else {
                body = ByteBuffer(string: text)
            }
        default: return nil
        }
        return APIResponse(status: HTTPResponseStatus(statusCode: status), headers: headers, body: body)
    }

    /// An integral status code from 100 to 599, as a number or a numeric string.
    private static func statusCode(_ value: JSONValue?) -> Int? {
        let code: Int?
        switch value {
        case .number(let number)? where number.rounded() == number && abs(number) < 1_000: code = Int(number)
        case .string(let text)?: code = Int(text)
        default: code = nil
        }
        guard let code, (100...599).contains(code) else { return nil }
        return code
    }

    private static func scalarText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text): text
        case .number(let number): number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        case .bool(let flag): flag ? "true" : "false"
        default: nil
        }
    }
}
