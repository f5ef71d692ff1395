extension Gateway.Configuration {
    /// API Gateway's longest integration timeout in milliseconds (aws-behaviour §3.8): 30 s HTTP API, 29 s REST.
    public static func maximumIntegrationTimeout(_ protocolType: ProtocolType) -> Int {
        protocolType == .http ? 30_000 : 29_000
    }

    /// What answers a route. Targets may use `${stageVariables.name}`.
    public enum Integration: Sendable {
        /// A fixed response (`MOCK`).
        case mock(Mock)
        /// A proxy to an HTTP URL (`HTTP_PROXY`).
        case http(HTTPProxy)
        /// A Lambda-proxy function run as a local executable (`AWS_PROXY` without Docker).
        case command(Command)
        /// CRUD over a table in plain JSON.
        case table(Table)
    }

    /// A `MOCK` integration's fixed response.
    public struct Mock: Sendable, Equatable {
        public var statusCode: Int
        public var headers: [String: String]
        public var body: String

        public init(statusCode: Int = 200, headers: [String: String] = [:], body: String = "") {
            self.statusCode = statusCode
            self.headers = headers
            self.body = body
        }
    }

    /// An `HTTP_PROXY` integration.
    public struct HTTPProxy: Sendable, Equatable {
        /// `http://127.0.0.1:9000` (the request path is appended) or a URL naming path parameters,
        /// `http://${stageVariables.host}/items/{proxy}` (they are substituted and nothing is appended).
        /// The query string is always carried over.
        public var integrationUri: String
        /// The method sent upstream; nil keeps the client's.
        public var integrationMethod: String?
        /// How long the upstream may take; nil is API Gateway's maximum (aws-behaviour §3.8): 30 s for an HTTP API,
        /// 29 s for a REST API.
        public var timeoutInMillis: Int?

        public init(integrationUri: String, integrationMethod: String? = nil, timeoutInMillis: Int? = nil) {
            self.integrationUri = integrationUri
            self.integrationMethod = integrationMethod
            self.timeoutInMillis = timeoutInMillis
        }
    }

    /// A Lambda-proxy function without Docker: an executable run once a request, the event on stdin, the
    /// response object on stdout (aws-behaviour §3.8).
    public struct Command: Sendable, Equatable {
        public enum PayloadFormatVersion: String, Sendable, CaseIterable {
            case v1 = "1.0"
            case v2 = "2.0"
        }

        /// The executable and its arguments; the first element is a path or a name looked up in `PATH`.
        public var command: [String]
        public var payloadFormatVersion: PayloadFormatVersion
        /// How long the function may run; nil is API Gateway's maximum: 30 s for an HTTP API, 29 s for REST.
        public var timeoutInMillis: Int?
        /// Added to the gateway's environment.
        public var environment: [String: String]
        public var workingDirectory: String?

        public init(
            command: [String],
            payloadFormatVersion: PayloadFormatVersion = .v2,
            timeoutInMillis: Int? = nil,
            environment: [String: String] = [:],
            workingDirectory: String? = nil
        ) {
            self.command = command
            self.payloadFormatVersion = payloadFormatVersion
            self.timeoutInMillis = timeoutInMillis
            self.environment = environment
            self.workingDirectory = workingDirectory
        }
    }

    /// REST over a table: `GET /shows` pages, `GET|PUT|PATCH|DELETE /shows/{id}`, `POST /shows` creates.
    public struct Table: Sendable, Equatable {
        public var tableName: String
        /// The item attribute holding the key.
        public var partitionKey: String
        /// The route's path parameter naming the item; nil uses the route's only parameter, if any.
        public var pathParameter: String?
        /// Items in a page when the client sends no `limit`.
        public var defaultPageSize: Int
        /// The largest `limit` a client may ask for.
        public var maxPageSize: Int

        public init(
            tableName: String,
            partitionKey: String = "id",
            pathParameter: String? = nil,
            defaultPageSize: Int = 25,
            maxPageSize: Int = 1000
        ) {
            self.tableName = tableName
            self.partitionKey = partitionKey
            self.pathParameter = pathParameter
            self.defaultPageSize = defaultPageSize
            self.maxPageSize = maxPageSize
        }
    }
}
