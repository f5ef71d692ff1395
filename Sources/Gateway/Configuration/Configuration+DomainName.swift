extension Gateway.Configuration {
    /// A custom domain name serving API stages under base paths (`api.edgesim.test/shows/v1`).
    public struct DomainName: Sendable {
        /// The host name, without port.
        public var domainName: String
        public var basePathMappings: [BasePathMapping]

        public init(domainName: String, basePathMappings: [BasePathMapping]) {
            self.domainName = domainName
            self.basePathMappings = basePathMappings
        }
    }

    /// Maps a base path of a domain name to an API stage. The base path is taken off the request path.
    public struct BasePathMapping: Sendable, Equatable {
        /// `shows/v1`, or empty (AWS's `(none)`) for the whole domain.
        public var basePath: String
        public var apiName: String
        public var stage: String

        public init(basePath: String = "", apiName: String, stage: String) {
            self.basePath = basePath
            self.apiName = apiName
            self.stage = stage
        }
    }
}
