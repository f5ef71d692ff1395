import Store

extension StackDecoder {
    static let tableKeys = Keys(
        allowed: [
            "tableName", "keySchema", "attributeDefinitions", "globalSecondaryIndexes", "localSecondaryIndexes", "billingMode",
            "provisionedThroughput", "timeToLiveSpecification", "seedFile",
        ],
        notes: [
            "name": "write the table's name as tableName",
            "streamSpecification": "DynamoDB Streams are not simulated; remove it",
            "sseSpecification": "encryption at rest is not simulated; remove it",
            "pointInTimeRecoverySpecification": "backups are not simulated; remove it",
            "deletionProtectionEnabled": "tables of the stack file are never deleted by EdgeSim; remove it",
            "tableClass": "table classes are not simulated; remove it",
            "tags": "tags are not simulated; remove them",
        ]
    )
    static let keySchemaElementKeys = Keys(allowed: ["attributeName", "keyType"])
    static let attributeDefinitionKeys = Keys(allowed: ["attributeName", "attributeType"])
    static let indexKeys = Keys(
        allowed: ["indexName", "keySchema", "projection"],
        notes: ["provisionedThroughput": "an index's throughput is not simulated; remove it"]
    )
    static let projectionKeys = Keys(allowed: ["projectionType", "nonKeyAttributes"])
    static let throughputKeys = Keys(allowed: ["readCapacityUnits", "writeCapacityUnits"])
    static let timeToLiveKeys = Keys(allowed: ["attributeName", "enabled"])

    enum KeyType: String, CaseIterable {
        case hash = "HASH"
        case range = "RANGE"
    }

    enum BillingModeName: String, CaseIterable {
        case payPerRequest = "PAY_PER_REQUEST"
        case provisioned = "PROVISIONED"
    }

    enum ProjectionType: String, CaseIterable {
        case all = "ALL"
        case keysOnly = "KEYS_ONLY"
        case include = "INCLUDE"
    }

    /// Reads `tables:` as CreateTable takes them, checked by DynamoDB's rules; seed files are read and their
    /// items checked against the table's key schema, keyed by table name in `seedItems`.
    mutating func tables(_ node: StackNode, _ path: FieldPath, seedItems: inout [String: [Item]]) -> [TableDefinition] {
        guard let elements = list(node, path) else { return [] }
        var tables: [TableDefinition] = []
        var names: [String: Int] = [:]
        for (index, element) in elements.enumerated() {
            let tablePath = path.index(index)
            guard let fields = fields(element, tablePath, Self.tableKeys) else { continue }
            let name = requiredString(fields, "tableName", "routes' table integrations and the DynamoDB API name the table by it")
            if let name {
                if !Self.isTableName(name) {
                    report(
                        "a table name is 3 to 255 letters, digits, underscores, hyphens and dots; got \"\(name)\"",
                        at: fields["tableName"],
                        tablePath.key("tableName")
                    )
                } else if let earlier = names[name] {
                    report(
                        "tables[\(earlier)] is named \"\(name)\" too; table names must be unique",
                        at: fields["tableName"],
                        tablePath.key("tableName")
                    )
                } else {
                    names[name] = index
                }
            }
            let attributes = attributeDefinitions(fields)
            let keySchema = required(fields, "keySchema", "list the key, like [{ attributeName: id, keyType: HASH }]").flatMap {
                self.keySchema($0, tablePath.key("keySchema"), attributes: attributes)
            }
            let globalIndexes = indexes(fields, "globalSecondaryIndexes", attributes: attributes, local: false, tableKey: keySchema)
            let localIndexes = indexes(fields, "localSecondaryIndexes", attributes: attributes, local: true, tableKey: keySchema)
            checkIndexNames(fields)
            if let attributes, let keySchema {
                checkUnused(
                    attributes,
                    fields,
                    used: (keySchema.attributes + (globalIndexes + localIndexes).flatMap(\.keySchema.attributes)).map(\.name)
                )
            }
            let billingMode = billingMode(fields)
            let timeToLive = timeToLiveAttribute(fields)
            guard let name, let keySchema, let attributes else { continue }
            let definition = TableDefinition(
                name: name,
                keySchema: keySchema,
                attributeDefinitions: attributes.map(\.attribute),
                globalSecondaryIndexes: globalIndexes,
                localSecondaryIndexes: localIndexes,
                billingMode: billingMode,
                timeToLiveAttribute: timeToLive
            )
            tables.append(definition)
            if let seed = seedFile(fields, table: definition) { seedItems[name] = seed }
        }
        return tables
    }

    /// DynamoDB's rule for table and index names.
    static func isTableName(_ name: String) -> Bool {
        (3...255).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }
    }

    /// An attribute definition and where it is written.
    struct DefinedAttribute {
        var attribute: KeyAttribute
        var node: StackNode
        var path: FieldPath
    }

    /// `attributeDefinitions:`, each name once; nil when the list cannot be read.
    private mutating func attributeDefinitions(_ fields: Fields) -> [DefinedAttribute]? {
        guard let node = required(fields, "attributeDefinitions", "give each key attribute's type, like [{ attributeName: id, attributeType: S }]"),
            let elements = list(node, fields.path.key("attributeDefinitions"))
        else { return nil }
        var attributes: [DefinedAttribute] = []
        for (index, element) in elements.enumerated() {
            let path = fields.path.key("attributeDefinitions").index(index)
            guard let definition = self.fields(element, path, Self.attributeDefinitionKeys) else { continue }
            let name = requiredString(definition, "attributeName", "the attribute's name")
            let type = required(definition, "attributeType", "S (string), N (number) or B (binary)").flatMap {
                choice($0, path.key("attributeType"), ScalarAttributeType.self)
            }
            guard let name, let type else { continue }
            if attributes.contains(where: { $0.attribute.name == name }) {
                report("\"\(name)\" is defined above already; define each attribute once", at: definition["attributeName"], path.key("attributeName"))
                continue
            }
            attributes.append(DefinedAttribute(attribute: KeyAttribute(name: name, type: type), node: element, path: path))
        }
        return attributes
    }

    /// A key schema: a HASH key, then at most a RANGE key, each defined in `attributeDefinitions`.
    private mutating func keySchema(_ node: StackNode, _ path: FieldPath, attributes: [DefinedAttribute]?) -> KeySchema? {
        guard let elements = list(node, path) else { return nil }
        guard (1...2).contains(elements.count) else {
            report(
                "a key schema is a HASH key and at most one RANGE key, like [{ attributeName: id, keyType: HASH }]; got \(elements.count) elements",
                at: node,
                path
            )
            return nil
        }
        var keys: [KeyAttribute] = []
        for (index, element) in elements.enumerated() {
            let elementPath = path.index(index)
            guard let fields = fields(element, elementPath, Self.keySchemaElementKeys) else { return nil }
            let name = requiredString(fields, "attributeName", "the key attribute's name")
            let expected: KeyType = index == 0 ? .hash : .range
            let type = required(fields, "keyType", expected.rawValue).flatMap { choice($0, elementPath.key("keyType"), KeyType.self) }
            if let type, type != expected {
                report(
                    index == 0 ? "the first key is the partition key: keyType HASH" : "the second key is the sort key: keyType RANGE",
                    at: fields["keyType"],
                    elementPath.key("keyType")
                )
            }
            guard let name else { return nil }
            if keys.contains(where: { $0.name == name }) {
                report(
                    "\"\(name)\" is the partition key already; the sort key is another attribute",
                    at: fields["attributeName"],
                    elementPath.key("attributeName")
                )
                return nil
            }
            guard let attributes else { return nil }
            guard let defined = attributes.first(where: { $0.attribute.name == name }) else {
                report(
                    "\"\(name)\" is not in attributeDefinitions; add { attributeName: \(name), attributeType: S } (or N or B) there",
                    at: fields["attributeName"],
                    elementPath.key("attributeName")
                )
                return nil
            }
            keys.append(defined.attribute)
        }
        return KeySchema(partitionKey: keys[0], sortKey: keys.count > 1 ? keys[1] : nil)
    }

    /// Global or local secondary indexes; a local one shares the table's partition key (`tableKey`).
    private mutating func indexes(
        _ fields: Fields,
        _ key: String,
        attributes: [DefinedAttribute]?,
        local isLocal: Bool,
        tableKey: KeySchema?
    ) -> [SecondaryIndex] {
        guard let elements = list(fields, key) else { return [] }
        let path = fields.path.key(key)
        let limit = isLocal ? 5 : 20
        if elements.count > limit {
            report("a table has at most \(limit) \(isLocal ? "local" : "global") secondary indexes; got \(elements.count)", at: fields[key], path)
        }
        if isLocal, let schema = tableKey, schema.sortKey == nil, !elements.isEmpty {
            report(
                "local secondary indexes need a table with a sort key (keyType RANGE); add one or use globalSecondaryIndexes",
                at: fields[key],
                path
            )
        }
        var indexes: [SecondaryIndex] = []
        for (position, element) in elements.enumerated() {
            let indexPath = path.index(position)
            guard let indexFields = self.fields(element, indexPath, Self.indexKeys) else { continue }
            let name = requiredString(indexFields, "indexName", "queries name the index by it in IndexName")
            let schema = required(indexFields, "keySchema", "the index's key, like [{ attributeName: venue, keyType: HASH }]").flatMap {
                keySchema($0, indexPath.key("keySchema"), attributes: attributes)
            }
            if isLocal, let table = tableKey, let schema, schema.partitionKey != table.partitionKey || schema.sortKey == nil {
                report(
                    "a local secondary index has the table's partition key \"\(table.partitionKey.name)\" and its own sort key",
                    at: indexFields["keySchema"],
                    indexPath.key("keySchema")
                )
            }
            let projection = indexFields["projection"].flatMap { self.projection($0, indexPath.key("projection")) } ?? .all
            guard let name, let schema else { continue }
            indexes.append(SecondaryIndex(name: name, kind: isLocal ? .local : .global, keySchema: schema, projection: projection))
        }
        return indexes
    }

    private mutating func projection(_ node: StackNode, _ path: FieldPath) -> SecondaryIndex.Projection? {
        guard let fields = fields(node, path, Self.projectionKeys) else { return nil }
        let type = required(fields, "projectionType", "ALL, KEYS_ONLY or INCLUDE").flatMap {
            choice($0, path.key("projectionType"), ProjectionType.self)
        }
        let names = stringList(fields, "nonKeyAttributes")
        switch type {
        case .all?: return .all
        case .keysOnly?: return .keysOnly
        case .include?:
            guard let names, !names.isEmpty else {
                report(
                    "projectionType INCLUDE needs the attributes to copy in nonKeyAttributes: [...]",
                    at: fields["projectionType"],
                    path.key("nonKeyAttributes")
                )
                return nil
            }
            return .include(names)
        case nil: return nil
        }
    }

    /// Index names, global and local together, by DynamoDB's naming rule and each once.
    private mutating func checkIndexNames(_ fields: Fields) {
        var seen: Set<String> = []
        for kind in ["globalSecondaryIndexes", "localSecondaryIndexes"] {
            for (position, element) in (fields[kind]?.elements ?? []).enumerated() {
                guard let node = element["indexName"], let name = node.string else { continue }
                let path = fields.path.key(kind).index(position).key("indexName")
                if !Self.isTableName(name) {
                    report("an index name is 3 to 255 letters, digits, underscores, hyphens and dots; got \"\(name)\"", at: node, path)
                } else if !seen.insert(name).inserted {
                    report("another index of this table is named \"\(name)\"; index names must be unique", at: node, path)
                }
            }
        }
    }

    /// DynamoDB refuses definitions no key uses.
    private mutating func checkUnused(_ attributes: [DefinedAttribute], _ fields: Fields, used: [String]) {
        for attribute in attributes where !used.contains(attribute.attribute.name) {
            report(
                "\"\(attribute.attribute.name)\" is used by no key schema; DynamoDB refuses definitions of attributes that are not keys, so remove it",
                at: attribute.node,
                attribute.path
            )
        }
    }

    private mutating func billingMode(_ fields: Fields) -> TableDefinition.BillingMode {
        let mode = choice(fields, "billingMode", BillingModeName.self) ?? .payPerRequest
        let throughputPath = fields.path.key("provisionedThroughput")
        switch mode {
        case .payPerRequest:
            if fields["provisionedThroughput"] != nil {
                report(
                    "is read only with billingMode PROVISIONED; remove it or set billingMode",
                    at: fields.keyNode("provisionedThroughput"),
                    throughputPath
                )
            }
            return .payPerRequest
        case .provisioned:
            guard
                let node = required(fields, "provisionedThroughput", "billingMode PROVISIONED needs { readCapacityUnits: 5, writeCapacityUnits: 5 }"),
                let throughput = self.fields(node, throughputPath, Self.throughputKeys)
            else { return .payPerRequest }
            let read = required(throughput, "readCapacityUnits", "at least 1").flatMap { _ in int(throughput, "readCapacityUnits", in: 1...Int.max) }
            let write = required(throughput, "writeCapacityUnits", "at least 1").flatMap { _ in int(throughput, "writeCapacityUnits", in: 1...Int.max)
            }
            return .provisioned(readCapacityUnits: read ?? 1, writeCapacityUnits: write ?? 1)
        }
    }

    /// The TTL attribute when `timeToLiveSpecification` enables it.
    private mutating func timeToLiveAttribute(_ fields: Fields) -> String? {
        guard let node = fields["timeToLiveSpecification"],
            let specification = self.fields(node, fields.path.key("timeToLiveSpecification"), Self.timeToLiveKeys)
        else { return nil }
        let enabled = required(specification, "enabled", "true to delete items once the time in attributeName has passed").flatMap { _ in
            bool(specification, "enabled")
        }
        let attribute = string(specification, "attributeName")
        guard enabled == true else { return nil }
        guard let attribute, !attribute.isEmpty else {
            report(
                "is required when enabled: the attribute holding each item's expiry in epoch seconds",
                at: node,
                fields.path.key("timeToLiveSpecification").key("attributeName")
            )
            return nil
        }
        return attribute
    }
}
