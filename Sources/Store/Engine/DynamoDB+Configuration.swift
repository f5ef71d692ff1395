extension DynamoDB {
    /// How the store is set up: where items live, which tables exist from the start, and who may call.
    public struct Configuration: Sendable {
        /// Where tables and items are kept.
        public enum Backend: Sendable, Hashable {
            /// An SQLite file (created when missing), durable across crashes. One process per file.
            case sqlite(path: String)
            /// A PostgreSQL database shared by several processes, e.g. `postgres://user:password@127.0.0.1:5432/edgesim`.
            case postgres(url: String)
        }

        /// Which requests the wire handler accepts.
        public enum SignatureCheck: Sendable, Hashable {
            /// Any request, signed or not, with any signature (the default: local SDKs just work).
            case acceptAny
            /// Only SigV4-signed requests whose access key id is one of these; others get
            /// `MissingAuthenticationTokenException` or `UnrecognizedClientException`.
            case accessKeyIDs(Set<String>)
        }

        public var backend: Backend
        /// Tables created at start when they do not exist yet (an existing table is left as it is, except
        /// that its TTL attribute is brought in line with the definition).
        public var tables: [TableDefinition]
        /// JSON files loaded into tables created at this start, in the `aws dynamodb batch-write-item
        /// --request-items` format (`{"Table": [{"PutRequest": {"Item": {…}}}]}`); a table name mapped to a
        /// plain array of items is accepted too.
        public var seedFiles: [String]
        public var signatureCheck: SignatureCheck
        /// Region and account shown in ARNs.
        public var region: String
        public var accountID: String
        /// How often expired items are deleted. Expired items are never returned, whether swept or not.
        public var timeToLiveSweepInterval: Duration
        /// The wall clock, in seconds since 1970; replaceable for tests of TTL.
        public var clock: @Sendable () -> Double

        public init(
            backend: Backend,
            tables: [TableDefinition] = [],
            seedFiles: [String] = [],
            signatureCheck: SignatureCheck = .acceptAny,
            region: String = "us-east-1",
            accountID: String = "000000000000",
            timeToLiveSweepInterval: Duration = .seconds(30),
            clock: @escaping @Sendable () -> Double = WallClock.now
        ) {
            self.backend = backend
            self.tables = tables
            self.seedFiles = seedFiles
            self.signatureCheck = signatureCheck
            self.region = region
            self.accountID = accountID
            self.timeToLiveSweepInterval = timeToLiveSweepInterval
            self.clock = clock
        }

        /// The embedded default: `<stateDirectory>/dynamodb.sqlite`.
        public static func sqlite(stateDirectory: String) -> Configuration {
            Configuration(backend: .sqlite(path: stateDirectory + "/dynamodb.sqlite"))
        }
    }
}
