import NIOCore
import Testing

@testable import Store

/// Calls the wire handler as an SDK would and decodes the JSON answer.
struct WireClient {
    let handler: DynamoDBWireHandler
    var authorization: String?

    struct Answer {
        var status: Int
        var json: JSONValue
        var response: WireResponse

        var type: String? {
            if case .string(let type)? = json["__type"] { return type }
            return nil
        }

        var message: String? {
            if case .string(let message)? = json["message"] ?? json["Message"] { return message }
            return nil
        }
    }

    func call(_ operation: String, _ body: String, contentType: String = "application/x-amz-json-1.0") async throws -> Answer {
        let response = await handler.handle(
            target: "DynamoDB_20120810.\(operation)",
            contentType: contentType,
            authorization: authorization,
            body: ByteBuffer(string: body)
        )
        let bytes = Array(response.body.readableBytesView)
        return Answer(status: response.status, json: try JSONParser.parse(bytes), response: response)
    }
}

func withWireClient(
    signatureCheck: DynamoDB.Configuration.SignatureCheck = .acceptAny,
    _ body: @Sendable (WireClient) async throws -> Void
) async throws {
    try await withStore(.sqlite, tables: [TestTables.shows, TestTables.events], signatureCheck: signatureCheck) { store in
        try await body(WireClient(handler: DynamoDBWireHandler(store: store)))
    }
}

@Suite("DynamoDB wire protocol")
struct WireHandlerTests {
    @Test("CRC32 is zlib's")
    func crc() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("responses carry the headers SDKs check")
    func headers() async throws {
        try await withWireClient { client in
            let answer = try await client.call("PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"}}}"#)
            #expect(answer.status == 200)
            #expect(answer.json == .object([:]))
            #expect(answer.response.header("Content-Type") == "application/x-amz-json-1.0")
            #expect(answer.response.header("x-amzn-RequestId")?.count == 52)
            #expect(answer.response.header("x-amz-crc32") == String(CRC32.checksum(answer.response.body.readableBytesView)))
            let json = try await client.call("GetItem", #"{"TableName":"shows","Key":{"id":{"S":"1"}}}"#, contentType: "application/json")
            #expect(json.response.header("Content-Type") == "application/json")
            #expect(String(buffer: json.response.body) == #"{"Item":{"id":{"S":"1"}}}"#)
        }
    }

    @Test("item operations round-trip DynamoDB JSON")
    func items() async throws {
        try await withWireClient { client in
            let item = #"{"id":{"S":"7"},"n":{"N":"1.50"},"b":{"B":"AAE="},"l":{"L":[{"BOOL":true},{"NULL":true}]},"ss":{"SS":["a","b"]}}"#
            _ = try await client.call("PutItem", #"{"TableName":"shows","Item":\#(item)}"#)
            let got = try await client.call("GetItem", #"{"TableName":"shows","Key":{"id":{"S":"7"}},"ConsistentRead":true}"#)
            #expect(
                String(buffer: got.response.body)
                    == #"{"Item":{"b":{"B":"AAE="},"id":{"S":"7"},"l":{"L":[{"BOOL":true},{"NULL":true}]},"n":{"N":"1.5"},"ss":{"SS":["a","b"]}}}"#
            )
            let updated = try await client.call(
                "UpdateItem",
                ##"{"TableName":"shows","Key":{"id":{"S":"7"}},"UpdateExpression":"SET #n = #n + :d","ExpressionAttributeNames":{"#n":"n"},"ExpressionAttributeValues":{":d":{"N":"1"}},"ReturnValues":"UPDATED_NEW"}"##
            )
            #expect(String(buffer: updated.response.body) == #"{"Attributes":{"n":{"N":"2.5"}}}"#)
            let deleted = try await client.call("DeleteItem", #"{"TableName":"shows","Key":{"id":{"S":"7"}},"ReturnValues":"ALL_OLD"}"#)
            #expect(deleted.json["Attributes"]?["id"] == .object(["S": .string("7")]))
            let missing = try await client.call("GetItem", #"{"TableName":"shows","Key":{"id":{"S":"7"}}}"#)
            #expect(missing.json == .object([:]))
        }
    }

    @Test(
        "errors have DynamoDB's status, type and message",
        arguments: [
            (
                "PutItem", #"{"Item":{"id":{"S":"1"}}}"#, "com.amazon.coral.validate#ValidationException",
                "1 validation error detected: Value null at 'tableName' failed to satisfy constraint: Member must not be null"
            ),
            (
                "PutItem", #"{"TableName":"x","Item":{"id":{"S":"1"}}}"#, "com.amazon.coral.validate#ValidationException",
                "1 validation error detected: Value 'x' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"
            ),
            (
                "PutItem", #"{"TableName":"nope","Item":{"id":{"S":"1"}}}"#, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "Requested resource not found"
            ),
            (
                "DescribeTable", #"{"TableName":"nope"}"#, "com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",
                "Requested resource not found: Table: nope not found"
            ),
            (
                "PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ReturnValues":"ALL_NEW"}"#,
                "com.amazon.coral.validate#ValidationException", "ReturnValues can only be ALL_OLD or NONE"
            ),
            (
                "PutItem", #"{"TableName":"shows","Item":{"id":{"S":1}}}"#, "com.amazon.coral.service#SerializationException",
                "NUMBER_VALUE cannot be converted to String"
            ),
            (
                "PutItem",
                #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ConditionExpression":"a = :a","ExpressionAttributeValues":{":a":{"S":"x"},":b":{"S":"y"}}}"#,
                "com.amazon.coral.validate#ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}"
            ),
            (
                "PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ConditionExpression":"a = :a"}"#,
                "com.amazon.coral.validate#ValidationException",
                "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :a"
            ),
            (
                "PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ExpressionAttributeValues":{":a":{"S":"x"}}}"#,
                "com.amazon.coral.validate#ValidationException",
                "ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null"
            ),
            (
                "PutItem",
                #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ConditionExpression":"a = :a","ExpressionAttributeValues":{":a":{"N":"x"}}}"#,
                "com.amazon.coral.validate#ValidationException",
                "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: x for key :a"
            ),
            (
                "PutItem",
                #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ConditionExpression":"a = :a","Expected":{"a":{"Exists":false}},"ExpressionAttributeValues":{":a":{"S":"x"}}}"#,
                "com.amazon.coral.validate#ValidationException",
                "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}"
            ),
            (
                "UpdateItem",
                #"{"TableName":"shows","Key":{"id":{"S":"1"}},"UpdateExpression":"SET a = :a","ExpressionAttributeValues":{":a":{"S":"x"}},"ReturnValues":"SOME"}"#,
                "com.amazon.coral.validate#ValidationException",
                "1 validation error detected: Value 'SOME' at 'returnValues' failed to satisfy constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"
            ),
            (
                "Query", #"{"TableName":"events"}"#, "com.amazon.coral.validate#ValidationException",
                "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
            ),
            (
                "Query", #"{"TableName":"events","KeyConditionExpression":"venue = :v","ExpressionAttributeValues":{":v":{"S":"x"}},"Limit":0}"#,
                "com.amazon.coral.validate#ValidationException",
                "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"
            ),
            (
                "Scan", #"{"TableName":"shows","Segment":3,"TotalSegments":2}"#, "com.amazon.coral.validate#ValidationException",
                "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 2"
            ),
            (
                "Scan", #"{"TableName":"shows","Segment":1}"#, "com.amazon.coral.validate#ValidationException",
                "The TotalSegments parameter is required but was not present in the request when Segment parameter is present"
            ),
            (
                "CreateTable",
                #"{"TableName":"shows","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#,
                "com.amazonaws.dynamodb.v20120810#ResourceInUseException", "Table already exists: shows"
            ),
            (
                "CreateTable",
                #"{"TableName":"other","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST","ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}"#,
                "com.amazon.coral.validate#ValidationException",
                "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
            ),
            (
                "CreateTable",
                #"{"TableName":"other","KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],"AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"},{"AttributeName":"x","AttributeType":"S"}],"BillingMode":"PAY_PER_REQUEST"}"#,
                "com.amazon.coral.validate#ValidationException",
                "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
            ),
            (
                "BatchWriteItem",
                #"{"RequestItems":{"shows":[{"PutRequest":{"Item":{"id":{"S":"1"}}}},{"DeleteRequest":{"Key":{"id":{"S":"1"}}}}]}}"#,
                "com.amazon.coral.validate#ValidationException", "Provided list of item keys contains duplicates"
            ),
        ]
    )
    func errors(operation: String, body: String, type: String, message: String) async throws {
        try await withWireClient { client in
            let answer = try await client.call(operation, body)
            #expect(answer.status == 400)
            #expect(answer.type == type)
            #expect(answer.message == message)
            #expect(answer.response.header("x-amz-crc32") == String(CRC32.checksum(answer.response.body.readableBytesView)))
        }
    }

    @Test("protocol-level refusals")
    func protocolErrors() async throws {
        try await withWireClient { client in
            let unknown = await client.handler.handle(
                target: "DynamoDB_20120810.Frobnicate",
                contentType: "application/x-amz-json-1.0",
                body: ByteBuffer(string: "{}")
            )
            #expect(unknown.status == 400)
            #expect(String(buffer: unknown.body) == #"{"__type":"com.amazon.coral.service#UnknownOperationException"}"#)
            let notJSON = await client.handler.handle(
                target: "DynamoDB_20120810.GetItem",
                contentType: "application/x-amz-json-1.0",
                body: ByteBuffer(string: "{nope")
            )
            #expect(notJSON.status == 400)
            #expect(String(buffer: notJSON.body) == #"{"__type":"com.amazon.coral.service#SerializationException"}"#)
            let wrongType = await client.handler.handle(
                target: "DynamoDB_20120810.GetItem",
                contentType: "text/plain",
                body: ByteBuffer(string: "{}")
            )
            #expect(wrongType.status == 404)
            #expect(String(buffer: wrongType.body) == "<UnknownOperationException/>\n")
        }
    }

    @Test("a failed condition can return the old item; a cancelled transaction gives reasons")
    func conditionFailures() async throws {
        try await withWireClient { client in
            _ = try await client.call("PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"},"v":{"N":"1"}}}"#)
            let failed = try await client.call(
                "PutItem",
                #"{"TableName":"shows","Item":{"id":{"S":"1"}},"ConditionExpression":"attribute_not_exists(id)","ReturnValuesOnConditionCheckFailure":"ALL_OLD"}"#
            )
            #expect(failed.status == 400)
            #expect(
                String(buffer: failed.response.body)
                    == #"{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"id":{"S":"1"},"v":{"N":"1"}}}"#
            )
            let cancelled = try await client.call(
                "TransactWriteItems",
                #"{"TransactItems":[{"ConditionCheck":{"TableName":"shows","Key":{"id":{"S":"1"}},"ConditionExpression":"v = :two","ExpressionAttributeValues":{":two":{"N":"2"}},"ReturnValuesOnConditionCheckFailure":"ALL_OLD"}},{"Put":{"TableName":"shows","Item":{"id":{"S":"2"}}}}]}"#
            )
            #expect(cancelled.type == "com.amazonaws.dynamodb.v20120810#TransactionCanceledException")
            #expect(
                cancelled.message == "Transaction cancelled, please refer cancellation reasons for specific reasons [ConditionalCheckFailed, None]"
            )
            #expect(
                cancelled.json["CancellationReasons"]
                    == .array([
                        .object([
                            "Code": .string("ConditionalCheckFailed"), "Message": .string("The conditional request failed"),
                            "Item": .object(["id": .object(["S": .string("1")]), "v": .object(["N": .string("1")])]),
                        ]),
                        .object(["Code": .string("None")]),
                    ])
            )
        }
    }

    @Test("legacy parameters behave as their expressions")
    func legacy() async throws {
        try await withWireClient { client in
            _ = try await client.call("PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"},"v":{"N":"1"}},"Expected":{"id":{"Exists":false}}}"#)
            let refused = try await client.call("PutItem", #"{"TableName":"shows","Item":{"id":{"S":"1"}},"Expected":{"id":{"Exists":false}}}"#)
            #expect(refused.type == "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException")
            let updated = try await client.call(
                "UpdateItem",
                #"{"TableName":"shows","Key":{"id":{"S":"1"}},"AttributeUpdates":{"v":{"Action":"ADD","Value":{"N":"2"}},"l":{"Action":"ADD","Value":{"L":[{"S":"x"}]}},"gone":{"Action":"DELETE"}},"Expected":{"v":{"ComparisonOperator":"EQ","AttributeValueList":[{"N":"1"}]}},"ReturnValues":"ALL_NEW"}"#
            )
            #expect(String(buffer: updated.response.body) == #"{"Attributes":{"id":{"S":"1"},"l":{"L":[{"S":"x"}]},"v":{"N":"3"}}}"#)
            for at in 1...3 {
                _ = try await client.call(
                    "PutItem",
                    #"{"TableName":"events","Item":{"venue":{"S":"v"},"at":{"N":"\#(at)"},"n":{"N":"\#(at * 10)"}}}"#
                )
            }
            let queried = try await client.call(
                "Query",
                #"{"TableName":"events","KeyConditions":{"venue":{"ComparisonOperator":"EQ","AttributeValueList":[{"S":"v"}]},"at":{"ComparisonOperator":"GE","AttributeValueList":[{"N":"2"}]}},"QueryFilter":{"n":{"ComparisonOperator":"LT","AttributeValueList":[{"N":"30"}]}},"AttributesToGet":["n"]}"#
            )
            #expect(String(buffer: queried.response.body) == #"{"Count":1,"Items":[{"n":{"N":"20"}}],"ScannedCount":2}"#)
            let counted = try await client.call(
                "Query",
                ##"{"TableName":"events","KeyConditionExpression":"venue = :v AND #at BETWEEN :a AND :b","ExpressionAttributeNames":{"#at":"at"},"ExpressionAttributeValues":{":v":{"S":"v"},":a":{"N":"1"},":b":{"N":"2"}},"Select":"COUNT"}"##
            )
            #expect(String(buffer: counted.response.body) == #"{"Count":2,"ScannedCount":2}"#)
        }
    }

    @Test("table and TTL operations")
    func tables() async throws {
        try await withWireClient { client in
            let created = try await client.call(
                "CreateTable",
                #"{"TableName":"music","KeySchema":[{"AttributeName":"artist","KeyType":"HASH"},{"AttributeName":"song","KeyType":"RANGE"}],"AttributeDefinitions":[{"AttributeName":"artist","AttributeType":"S"},{"AttributeName":"song","AttributeType":"S"},{"AttributeName":"year","AttributeType":"N"}],"GlobalSecondaryIndexes":[{"IndexName":"byYear","KeySchema":[{"AttributeName":"year","KeyType":"HASH"}],"Projection":{"ProjectionType":"ALL"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}],"ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":5}}"#
            )
            let description = created.json["TableDescription"]
            #expect(description?["TableStatus"] == .string("CREATING"))
            #expect(description?["TableArn"] == .string("arn:aws:dynamodb:us-east-1:000000000000:table/music"))
            #expect(description?["ProvisionedThroughput"]?["ReadCapacityUnits"] == .number("5"))
            #expect(description?["GlobalSecondaryIndexes"] != nil)
            let described = try await client.call("DescribeTable", #"{"TableName":"music"}"#)
            #expect(described.json["Table"]?["TableStatus"] == .string("ACTIVE"))
            let listed = try await client.call("ListTables", #"{"Limit":2}"#)
            #expect(
                listed.json == .object(["TableNames": .array([.string("events"), .string("music")]), "LastEvaluatedTableName": .string("music")])
            )
            let ttl = try await client.call(
                "UpdateTimeToLive",
                #"{"TableName":"music","TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}}"#
            )
            #expect(String(buffer: ttl.response.body) == #"{"TimeToLiveSpecification":{"AttributeName":"expires","Enabled":true}}"#)
            let ttlDescription = try await client.call("DescribeTimeToLive", #"{"TableName":"music"}"#)
            #expect(
                String(buffer: ttlDescription.response.body) == #"{"TimeToLiveDescription":{"AttributeName":"expires","TimeToLiveStatus":"ENABLED"}}"#
            )
            let deleted = try await client.call("DeleteTable", #"{"TableName":"music"}"#)
            #expect(deleted.json["TableDescription"]?["TableStatus"] == .string("DELETING"))
        }
    }

    @Test("access keys are checked when configured")
    func signatures() async throws {
        try await withWireClient(signatureCheck: .accessKeyIDs(["AKIDLOCAL"])) { client in
            let body = #"{"TableName":"shows","Key":{"id":{"S":"1"}}}"#
            let unsigned = try await client.call("GetItem", body)
            #expect(unsigned.type == "com.amazon.coral.service#MissingAuthenticationTokenException")
            #expect(unsigned.message == "Request is missing Authentication Token")
            var stranger = client
            stranger.authorization =
                "AWS4-HMAC-SHA256 Credential=AKIDOTHER/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
            let refused = try await stranger.call("GetItem", body)
            #expect(refused.type == "com.amazon.coral.service#UnrecognizedClientException")
            #expect(refused.message == "The security token included in the request is invalid.")
            var known = client
            known.authorization =
                "AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc"
            #expect(try await known.call("GetItem", body).status == 200)
        }
    }
}
