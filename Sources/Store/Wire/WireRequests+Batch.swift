/// Decoding of BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems.
extension WireRequests {
    static func batchGetItem(_ json: JSONValue) throws(DynamoDBError) -> BatchGetRequest {
        var reader = try RequestReader(json)
        let requestItems = try reader.required("RequestItems") { reader throws(DynamoDBError) in try reader.object("RequestItems") }
        try readIgnored(&reader)
        if let requestItems {
            if requestItems.isEmpty {
                reader.violation("RequestItems", value: "{}", "Member must have length greater than or equal to 1")
            }
            for name in requestItems.keys.sorted() { reader.checkName("RequestItems", name) }
        }
        try reader.finish()
        var tables: [(name: String, keys: BatchGetRequest.TableKeys)] = []
        for (name, entryJSON) in (requestItems ?? [:]).sorted(by: { $0.key < $1.key }) {
            var entry = try RequestReader(entryJSON, path: "requestItems.\(name).member")
            let keys = try entry.required("Keys") { reader throws(DynamoDBError) in try reader.array("Keys") } ?? []
            _ = try entry.bool("ConsistentRead")
            if keys.isEmpty && entry.has("Keys") { entry.violation("Keys", value: "[]", "Member must have length greater than or equal to 1") }
            try entry.finish()
            var expressions = try ExpressionParameters(entry, expressions: ["ProjectionExpression"], legacy: ["AttributesToGet"])
            let legacy = try LegacyParameters.attributesToGet(entry)
            let projection = try expressions.projection()
            try expressions.finish()
            let items = try keys.map { key throws(DynamoDBError) in try ItemJSON.decode(key) }
            tables.append((name, BatchGetRequest.TableKeys(keys: items, projection: projection ?? legacy)))
        }
        return BatchGetRequest(tables: tables)
    }

    static func batchWriteItem(_ json: JSONValue) throws(DynamoDBError) -> BatchWriteRequest {
        var reader = try RequestReader(json)
        let requestItems = try reader.required("RequestItems") { reader throws(DynamoDBError) in try reader.object("RequestItems") }
        try readIgnored(&reader)
        var tables: [(name: String, writes: [BatchWriteRequest.Write])] = []
        if let requestItems {
            if requestItems.isEmpty {
                reader.violation("RequestItems", value: "{}", "Member must have length greater than or equal to 1")
            }
            let total = requestItems.values.reduce(0) { $0 + (($1.arrayCount) ?? 0) }
            if requestItems.values.contains(where: { ($0.arrayCount ?? 0) > 25 || $0.arrayCount == 0 }) || total > 25 {
                reader.violation(
                    "RequestItems",
                    value: nil,
                    "Map value must satisfy constraint: [Member must have length less than or equal to 25, Member must have length greater than or equal to 1]"
                )
            }
            for name in requestItems.keys.sorted() { reader.checkName("RequestItems", name) }
        }
        try reader.finish()
        for (name, listJSON) in (requestItems ?? [:]).sorted(by: { $0.key < $1.key }) {
            var writes: [BatchWriteRequest.Write] = []
            for element in try JSONShape.array(listJSON) {
                let entry = try RequestReader(element)
                let put = try entry.object("PutRequest")
                let delete = try entry.object("DeleteRequest")
                switch (put, delete) {
                case (let put?, nil):
                    guard let item = put["Item"], item != .null else {
                        throw .validation(
                            "1 validation error detected: Value null at 'requestItems.\(name).member.putRequest.item' failed to satisfy constraint: Member must not be null"
                        )
                    }
                    writes.append(.put(try ItemJSON.decode(item)))
                case (nil, let delete?):
                    guard let key = delete["Key"], key != .null else {
                        throw .validation(
                            "1 validation error detected: Value null at 'requestItems.\(name).member.deleteRequest.key' failed to satisfy constraint: Member must not be null"
                        )
                    }
                    writes.append(.delete(try ItemJSON.decode(key)))
                default:
                    throw .validation("A WriteRequest in RequestItems.\(name) must contain exactly one of PutRequest or DeleteRequest")
                }
            }
            tables.append((name, writes))
        }
        return BatchWriteRequest(tables: tables)
    }

    static func transactWriteItems(_ json: JSONValue) throws(DynamoDBError) -> TransactWriteRequest {
        var reader = try RequestReader(json)
        let items = try reader.required("TransactItems") { reader throws(DynamoDBError) in try reader.array("TransactItems") } ?? []
        _ = try reader.string("ClientRequestToken")
        try readIgnored(&reader)
        if reader.has("TransactItems") {
            if items.isEmpty { reader.violation("TransactItems", value: "[]", "Member must have length greater than or equal to 1") }
            if items.count > 100 { reader.violation("TransactItems", value: nil, "Member must have length less than or equal to 100") }
        }
        try reader.finish()
        var actions: [TransactWriteRequest.Action] = []
        for (position, element) in items.enumerated() {
            let entry = try RequestReader(element)
            let kinds = ["ConditionCheck", "Put", "Update", "Delete"].filter(entry.has)
            guard kinds.count == 1, let kind = kinds.first, let body = entry.members[kind] else {
                throw .validation("TransactItems can only contain one of Check, Put, Update or Delete")
            }
            let path = "transactItems.\(position + 1).member.\(kind.prefix(1).lowercased() + kind.dropFirst())"
            switch kind {
            case "Put":
                actions.append(.put(try putItem(body)))
            case "Update":
                actions.append(.update(try updateItem(body)))
            case "Delete":
                actions.append(.delete(try deleteItem(body)))
            default:
                var check = try RequestReader(body, path: path)
                let tableName = try check.tableName()
                let key = try check.required("Key") { reader throws(DynamoDBError) in try reader.item("Key") }
                _ = try check.required("ConditionExpression") { reader throws(DynamoDBError) in try reader.string("ConditionExpression") }
                let onFailure = try writeCondition(&check, condition: nil)
                try check.finish()
                var expressions = try ExpressionParameters(check, expressions: ["ConditionExpression"], legacy: [])
                let condition = try expressions.condition("ConditionExpression")
                try expressions.finish()
                actions.append(
                    .conditionCheck(
                        tableName: tableName ?? "",
                        key: key ?? [:],
                        condition: WriteCondition(condition: condition, returnOldItemOnFailure: onFailure.returnOldItemOnFailure)
                    )
                )
            }
        }
        return TransactWriteRequest(actions: actions)
    }

    static func transactGetItems(_ json: JSONValue) throws(DynamoDBError) -> TransactGetRequest {
        var reader = try RequestReader(json)
        let items = try reader.required("TransactItems") { reader throws(DynamoDBError) in try reader.array("TransactItems") } ?? []
        try readIgnored(&reader)
        if reader.has("TransactItems") {
            if items.isEmpty { reader.violation("TransactItems", value: "[]", "Member must have length greater than or equal to 1") }
            if items.count > 100 { reader.violation("TransactItems", value: nil, "Member must have length less than or equal to 100") }
        }
        try reader.finish()
        var gets: [GetItemRequest] = []
        for (position, element) in items.enumerated() {
            let entry = try RequestReader(element)
            guard let body = entry.members["Get"] else {
                throw .validation(
                    "1 validation error detected: Value null at 'transactItems.\(position + 1).member.get' failed to satisfy constraint: Member must not be null"
                )
            }
            var get = try RequestReader(body, path: "transactItems.\(position + 1).member.get")
            let finish = try getItem(&get)
            try get.finish()
            gets.append(try finish())
        }
        return TransactGetRequest(gets: gets)
    }
}

extension JSONValue {
    fileprivate var arrayCount: Int? {
        if case .array(let elements) = self { return elements.count }
        return nil
    }
}
