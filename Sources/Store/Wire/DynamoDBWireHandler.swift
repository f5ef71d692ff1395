import NIOCore

/// A response of the DynamoDB JSON protocol, ready to be written by whichever HTTP server mounts the handler.
public struct WireResponse: Sendable {
    /// HTTP status: 200, 400 for the client's mistakes, 404 for a body that is not DynamoDB JSON, 500.
    public var status: Int
    /// `Content-Type`, `x-amzn-RequestId`, `x-amz-crc32` (CRC32 of the body bytes, which SDKs verify);
    /// the HTTP server adds `Content-Length`.
    public var headers: [(name: String, value: String)]
    public var body: ByteBuffer

    /// The first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// The DynamoDB wire protocol (`POST /` with `X-Amz-Target: DynamoDB_20120810.<Operation>` and a JSON
/// body) over a ``DynamoDB`` store. Mount it on the control port for `POST /` requests carrying an
/// `X-Amz-Target` that starts with `DynamoDB_`.
public struct DynamoDBWireHandler: Sendable {
    /// The operations served, by `X-Amz-Target` suffix.
    public static let operations: Set<String> = [
        "BatchGetItem", "BatchWriteItem", "CreateTable", "DeleteItem", "DeleteTable", "DescribeTable", "DescribeTimeToLive", "GetItem",
        "ListTables", "PutItem", "Query", "Scan", "TransactGetItems", "TransactWriteItems", "UpdateItem", "UpdateTimeToLive",
    ]

    public let store: DynamoDB

    public init(store: DynamoDB) {
        self.store = store
    }

    /// Answers one request. Never throws: every failure becomes the error response DynamoDB would send.
    ///
    /// - Parameters:
    ///   - target: the `X-Amz-Target` header.
    ///   - contentType: the `Content-Type` header (`application/x-amz-json-1.0`; `application/json` is accepted too).
    ///   - authorization: the `Authorization` header, checked only when the store is configured to.
    ///   - body: the request body.
    public func handle(target: String?, contentType: String?, authorization: String? = nil, body: ByteBuffer) async -> WireResponse {
        let requestID = Identifiers.requestID()
        let mediaType = contentType?.split(separator: ";").first.map { $0.trimmingCharacters(in: " \t") } ?? ""
        let bytes = Array(body.readableBytesView)
        if !bytes.isEmpty && mediaType != "application/json" && mediaType != "application/x-amz-json-1.0" {
            return Self.response(
                status: 404,
                body: Array("<UnknownOperationException/>\n".utf8),
                contentType: "application/x-amz-json-1.0",
                requestID: requestID
            )
        }
        let responseType = mediaType == "application/json" ? "application/json" : "application/x-amz-json-1.0"
        do throws(DynamoDBError) {
            let json: JSONValue
            do {
                json = bytes.isEmpty ? .null : try JSONParser.parse(bytes)
            } catch {
                throw DynamoDBError.serialization(nil)
            }
            let parts = (target ?? "").split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == "DynamoDB_20120810", Self.operations.contains(String(parts[1])) else {
                throw DynamoDBError.unknownOperation
            }
            try checkSignature(authorization)
            guard case .object = json else { throw DynamoDBError.serialization(nil) }
            let output = try await perform(String(parts[1]), json)
            return Self.response(status: 200, body: output, contentType: responseType, requestID: requestID)
        } catch {
            return Self.response(status: error.statusCode, body: WireResponses.error(error), contentType: responseType, requestID: requestID)
        }
    }

    private static func response(status: Int, body: [UInt8], contentType: String, requestID: String) -> WireResponse {
        WireResponse(
            status: status,
            headers: [
                ("Content-Type", contentType), ("x-amzn-RequestId", requestID), ("x-amz-crc32", String(CRC32.checksum(body))),
            ],
            body: ByteBuffer(bytes: body)
        )
    }

    private func checkSignature(_ authorization: String?) throws(DynamoDBError) {
        guard case .accessKeyIDs(let allowed) = store.configuration.signatureCheck else { return }
        guard let authorization, authorization.trimmingCharacters(in: " ").hasPrefix("AWS4-") else { throw .missingAuthenticationToken }
        var parameters: [String: String] = [:]
        for part in authorization.split(whereSeparator: { $0 == "," || $0 == " " }).dropFirst() {
            let pieces = part.split(separator: "=", maxSplits: 1)
            if pieces.count == 2 { parameters[String(pieces[0])] = String(pieces[1]) }
        }
        let missing = ["Credential", "Signature", "SignedHeaders"].filter { parameters[$0] == nil }
        if !missing.isEmpty {
            let details = missing.map { "Authorization header requires '\($0)' parameter. " }.joined()
            throw .incompleteSignature("\(details)Authorization=\(authorization)")
        }
        let accessKeyID = parameters["Credential"]?.split(separator: "/").first.map(String.init) ?? ""
        guard allowed.contains(accessKeyID) else { throw .unrecognizedClient }
    }

    private func perform(_ operation: String, _ json: JSONValue) async throws(DynamoDBError) -> [UInt8] {
        let configuration = store.configuration
        switch operation {
        case "PutItem":
            return WireResponses.attributes(try await store.putItem(try WireRequests.putItem(json)))
        case "GetItem":
            return WireResponses.attributes(try await store.getItem(try WireRequests.getItem(json)), member: "Item")
        case "UpdateItem":
            return WireResponses.attributes(try await store.updateItem(try WireRequests.updateItem(json)))
        case "DeleteItem":
            return WireResponses.attributes(try await store.deleteItem(try WireRequests.deleteItem(json)))
        case "Query":
            let request = try WireRequests.query(json)
            return WireResponses.page(try await store.query(request), countOnly: request.select == .count)
        case "Scan":
            let request = try WireRequests.scan(json)
            return WireResponses.page(try await store.scan(request), countOnly: request.select == .count)
        case "BatchGetItem":
            return WireResponses.batchGet(try await store.batchGetItem(try WireRequests.batchGetItem(json)))
        case "BatchWriteItem":
            try await store.batchWriteItem(try WireRequests.batchWriteItem(json))
            return Array(#"{"UnprocessedItems":{}}"#.utf8)
        case "TransactWriteItems":
            try await store.transactWriteItems(try WireRequests.transactWriteItems(json))
            return Array("{}".utf8)
        case "TransactGetItems":
            return WireResponses.transactGet(try await store.transactGetItems(try WireRequests.transactGetItems(json)))
        case "CreateTable":
            let description = try await store.createTableDescription(try WireRequests.createTable(json))
            return WireResponses.json(
                .object([
                    "TableDescription": WireResponses.tableDescription(description, region: configuration.region, accountID: configuration.accountID)
                ])
            )
        case "DescribeTable":
            let description = try await store.describeTable(named: try WireRequests.tableName(json))
            return WireResponses.json(
                .object(["Table": WireResponses.tableDescription(description, region: configuration.region, accountID: configuration.accountID)])
            )
        case "DeleteTable":
            let description = try await store.deleteTable(named: try WireRequests.tableName(json))
            return WireResponses.json(
                .object([
                    "TableDescription": WireResponses.tableDescription(description, region: configuration.region, accountID: configuration.accountID)
                ])
            )
        case "ListTables":
            let (start, limit) = try WireRequests.listTables(json)
            let (names, last) = try await store.listTables(exclusiveStart: start, limit: limit)
            var members: [String: JSONValue] = ["TableNames": .array(names.map { .string($0) })]
            if let last { members["LastEvaluatedTableName"] = .string(last) }
            return WireResponses.json(.object(members))
        case "UpdateTimeToLive":
            let (name, attribute, enabled) = try WireRequests.updateTimeToLive(json)
            try await store.updateTimeToLive(tableName: name, attribute: attribute, enabled: enabled)
            return WireResponses.json(
                .object(["TimeToLiveSpecification": .object(["AttributeName": .string(attribute), "Enabled": .bool(enabled)])])
            )
        case "DescribeTimeToLive":
            let attribute = try await store.describeTimeToLive(tableName: try WireRequests.tableName(json))
            let description: JSONValue =
                attribute.map { .object(["AttributeName": .string($0), "TimeToLiveStatus": .string("ENABLED")]) }
                ?? .object(["TimeToLiveStatus": .string("DISABLED")])
            return WireResponses.json(.object(["TimeToLiveDescription": description]))
        default:
            throw .unknownOperation
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, characters.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
