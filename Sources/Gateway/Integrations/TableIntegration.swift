import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// REST over a table in plain JSON: on a route without the item parameter `GET` pages (`?limit=&nextToken=`) and
/// `POST` creates (201, an `id` generated when absent); on a route with it `GET`, `PUT` (replace), `PATCH`
/// (merge) and `DELETE` (204). Reads say `X-EdgeSim-Read-Cache: hit|miss` when the backend reports it.
struct TableIntegration: IntegrationHandler {
    let configuration: Gateway.Configuration.Table
    let backend: any TableBackend
    /// The route parameter naming the item, resolved against the route key; nil on collection routes.
    let itemParameter: String?
    let logger: Logger

    static let readCacheHeader = "X-EdgeSim-Read-Cache"

    var isProxy: Bool { false }

    func respond(to context: IntegrationContext) async -> Result<APIResponse, GatewayError> {
        let table = StageVariables.substitute(configuration.tableName, context.stageVariables)
        do {
            if let itemParameter, let id = context.pathParameters[itemParameter] {
                return .success(try await item(table: table, key: key(id), context: context))
            }
            return .success(try await collection(table: table, context: context))
        } catch let error as TableBackendError where error == .invalidNextToken {
            return .success(Self.json(.badRequest, message: "nextToken is not one this API returned; start again without it"))
        } catch {
            logger.error("gateway table integration failed", metadata: ["gateway.table": "\(table)", "gateway.error": "\(error)"])
            return .failure(.apiConfigurationError)
        }
    }

    private func key(_ value: String) -> TableKey {
        TableKey(attributeName: configuration.partitionKey, value: value)
    }

    private func collection(table: String, context: IntegrationContext) async throws -> APIResponse {
        switch context.request.method {
        case .GET, .HEAD:
            var limit = configuration.defaultPageSize
            if let text = context.query.last(where: { $0.name == "limit" })?.value {
                guard let requested = Int(text), requested > 0 else {
                    return Self.json(.badRequest, message: "limit must be a positive whole number")
                }
                limit = min(requested, configuration.maxPageSize)
            }
            let token = context.query.last(where: { $0.name == "nextToken" })?.value
            let page = try await backend.scan(table: table, limit: limit, nextToken: token?.isEmpty == false ? token : nil)
            var body: [String: JSONValue] = ["items": .array(page.items.map(JSONValue.object))]
            if let next = page.nextToken { body["nextToken"] = .string(next) }
            return Self.json(.ok, .object(body), cacheStatus: page.cacheStatus)
        case .POST:
            guard case .object(var item) = Self.body(context.request.body) else {
                return Self.json(.badRequest, message: "the body must be a JSON object")
            }
            let id: String
            if let given = item[configuration.partitionKey] {
                guard let text = Self.keyText(given) else {
                    return Self.json(.badRequest, message: "\(configuration.partitionKey) must be a string or a number")
                }
                id = text
            } else {
                id = UUID().uuidString.lowercased()
                item[configuration.partitionKey] = .string(id)
            }
            guard try await backend.createItem(table: table, key: key(id), item: item) else {
                return Self.json(.conflict, message: "an item with \(configuration.partitionKey) \(id) exists; use PUT to replace it")
            }
            var response = Self.json(.created, .object(item))
            let base = context.request.rawPath.hasSuffix("/") ? String(context.request.rawPath.dropLast()) : context.request.rawPath
            response.headers.add(name: "location", value: base + "/" + (id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? id))
            return response
        default:
            return Self.methodNotAllowed(allow: "GET, HEAD, POST")
        }
    }

    private func item(table: String, key: TableKey, context: IntegrationContext) async throws -> APIResponse {
        switch context.request.method {
        case .GET, .HEAD:
            let read = try await backend.getItem(table: table, key: key)
            guard let item = read.item else { return Self.json(.notFound, message: "Not Found", cacheStatus: read.cacheStatus) }
            return Self.json(.ok, .object(item), cacheStatus: read.cacheStatus)
        case .PUT:
            guard case .object(var item) = Self.body(context.request.body) else {
                return Self.json(.badRequest, message: "the body must be a JSON object")
            }
            // The path names the item; a different key in the body does not move it.
            item[configuration.partitionKey] = .string(key.value)
            try await backend.putItem(table: table, key: key, item: item)
            return Self.json(.ok, .object(item))
        case .PATCH:
            guard case .object(var attributes) = Self.body(context.request.body) else {
                return Self.json(.badRequest, message: "the body must be a JSON object")
            }
            attributes.removeValue(forKey: configuration.partitionKey)
            guard let merged = try await backend.updateItem(table: table, key: key, merging: attributes) else {
                return Self.json(.notFound, message: "Not Found")
            }
            return Self.json(.ok, .object(merged))
        case .DELETE:
            guard try await backend.deleteItem(table: table, key: key) else { return Self.json(.notFound, message: "Not Found") }
            return APIResponse(status: .noContent)
        default:
            return Self.methodNotAllowed(allow: "DELETE, GET, HEAD, PATCH, PUT")
        }
    }

    /// A key attribute as text: strings as they are, whole numbers without a fraction.
    static func keyText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let text) where !text.isEmpty: text
        case .number(let number) where number.isFinite:
            number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default: nil
        }
    }

    private static func body(_ buffer: ByteBuffer) -> JSONValue? {
        JSONValue(parsing: Array(buffer.readableBytesView))
    }

    static func json(_ status: HTTPResponseStatus, message: String, cacheStatus: ReadCacheStatus? = nil) -> APIResponse {
        json(status, ["message": .string(message)], cacheStatus: cacheStatus)
    }

    static func json(_ status: HTTPResponseStatus, _ value: JSONValue, cacheStatus: ReadCacheStatus? = nil) -> APIResponse {
        var headers = HTTPHeaders()
        headers.add(name: "content-type", value: "application/json")
        if let cacheStatus { headers.add(name: readCacheHeader, value: cacheStatus.rawValue) }
        return APIResponse(status: status, headers: headers, body: ByteBuffer(bytes: value.jsonBytes))
    }

    private static func methodNotAllowed(allow: String) -> APIResponse {
        var response = json(.methodNotAllowed, message: "Method Not Allowed")
        response.headers.add(name: "allow", value: allow)
        return response
    }
}
