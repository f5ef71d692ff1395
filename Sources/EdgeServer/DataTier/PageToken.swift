import Foundation
import Gateway
import Store

/// The `nextToken` a table page hands out: the store's `LastEvaluatedKey` in DynamoDB's typed JSON
/// (`{"id":{"S":"42"}}`), base64url-encoded so that it travels in a query string untouched.
enum PageToken {
    static func token(_ key: Item) -> String {
        var members: [String: JSONValue] = [:]
        for (name, value) in key {
            switch value {
            case .string(let text): members[name] = .object(["S": .string(text)])
            case .number(let number): members[name] = .object(["N": .string(number.description)])
            case .binary(let bytes): members[name] = .object(["B": .string(Data(bytes).base64EncodedString())])
            default: continue  // key attributes are S, N or B
            }
        }
        return Data(JSONValue.object(members).jsonText.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func key(_ token: String) throws(TableBackendError) -> Item {
        var base64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let members = JSONValue(parsing: data)?.objectValue, !members.isEmpty else {
            throw .invalidNextToken
        }
        var key: Item = [:]
        for (name, typed) in members {
            guard let typed = typed.objectValue, typed.count == 1, let (type, raw) = typed.first, let text = raw.stringValue else {
                throw .invalidNextToken
            }
            switch type {
            case "S": key[name] = .string(text)
            case "N":
                guard let number = try? DynamoNumber(parsing: text) else { throw .invalidNextToken }
                key[name] = .number(number)
            case "B":
                guard let bytes = Data(base64Encoded: text) else { throw .invalidNextToken }
                key[name] = .binary(Array(bytes))
            default: throw .invalidNextToken
            }
        }
        return key
    }
}
