import Store

extension Stack {
    /// Which database keeps the tables. SQLite's file lives under the server's state directory, which is known
    /// only when it starts, so the choice stays abstract until ``StoreSettings/configuration(stateDirectory:)``.
    public enum StoreBackendChoice: Sendable, Equatable {
        /// `<state directory>/dynamodb.sqlite`: embedded and durable, one process per file (the default).
        case sqlite
        /// A PostgreSQL database several edge processes share, `postgres://user:password@host:5432/database`.
        case postgres(url: String)
    }

    /// The DynamoDB-style store: `store:` and `tables:` of the stack file.
    public struct StoreSettings: Sendable, Equatable {
        public var backend: StoreBackendChoice
        /// Created at start when they do not exist yet, in the order written.
        public var tables: [TableDefinition]
        /// Items put into a table when this start creates it (a table that exists keeps its items), by table
        /// name: read from each table's `seedFile`, or given by the canonical stack.
        public var seedItems: [String: [Item]]
        public var signatureCheck: DynamoDB.Configuration.SignatureCheck
        /// Shown in ARNs.
        public var region: String
        public var accountID: String

        public init(
            backend: StoreBackendChoice = .sqlite,
            tables: [TableDefinition] = [],
            seedItems: [String: [Item]] = [:],
            signatureCheck: DynamoDB.Configuration.SignatureCheck = .acceptAny,
            region: String = "us-east-1",
            accountID: String = "000000000000"
        ) {
            self.backend = backend
            self.tables = tables
            self.seedItems = seedItems
            self.signatureCheck = signatureCheck
            self.region = region
            self.accountID = accountID
        }

        /// The store's configuration once the state directory is known; open it with
        /// `DynamoDB.open(configuration:seedItems:logger:)` so that ``seedItems`` go into the tables it creates.
        public func configuration(stateDirectory: String) -> DynamoDB.Configuration {
            let backend: DynamoDB.Configuration.Backend
            switch self.backend {
            case .sqlite: backend = DynamoDB.Configuration.sqlite(stateDirectory: stateDirectory).backend
            case .postgres(let url): backend = .postgres(url: url)
            }
            return DynamoDB.Configuration(backend: backend, tables: tables, signatureCheck: signatureCheck, region: region, accountID: accountID)
        }
    }
}
