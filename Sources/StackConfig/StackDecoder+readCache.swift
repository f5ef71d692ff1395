import Eviction
import ReadCache

extension StackDecoder {
    static let readCacheKeys = Keys(
        allowed: ["backend", "url", "capacity", "evictionPolicy", "ttl", "ttlJitter", "writeThrough", "notFoundTTL"],
        notes: ["engine": "name the backend with backend: inprocess or backend: redis"]
    )

    enum ReadCacheBackendName: String, CaseIterable {
        case inprocess
        case redis
    }

    /// `readCache:`: lazy loading with a TTL (and write-through on request) in front of the tables.
    mutating func readCacheSettings(_ node: StackNode, _ path: FieldPath) -> Stack.ReadCacheSettings {
        var settings = Stack.ReadCacheSettings()
        guard let fields = fields(node, path, Self.readCacheKeys) else { return settings }
        let backend = choice(fields, "backend", ReadCacheBackendName.self) ?? (fields["backend"] == nil ? .inprocess : nil)
        switch backend {
        case .inprocess?:
            var configuration = InProcessBackend.Configuration()
            for key in ["url"] where fields[key] != nil {
                report("is read only with backend: redis; remove it", at: fields.keyNode(key), path.key(key))
            }
            if let capacityNode = fields["capacity"] {
                if let bytes = capacityNode.int ?? capacityNode.string.flatMap(ByteSize.parse), bytes > 0 {
                    configuration.capacityBytes = bytes
                } else {
                    report("must be \(ByteSize.expected), above 0; got \(capacityNode.kindDescription)", at: capacityNode, path.key("capacity"))
                }
            }
            if let policy = choice(fields, "evictionPolicy", Stack.EvictionPolicyName.self) {
                configuration.policy = EvictionPolicyKind(policy.rawValue) ?? .s3fifo
            }
            settings.backend = .inProcess(configuration)
        case .redis?:
            for key in ["capacity", "evictionPolicy"] where fields[key] != nil {
                report(
                    "is the Redis server's own setting (maxmemory, maxmemory-policy); remove it",
                    at: fields.keyNode(key),
                    path.key(key)
                )
            }
            guard let url = requiredString(fields, "url", "the server, like redis://127.0.0.1:6379/0") else { break }
            do {
                settings.backend = .redis(url: try RedisURL(url))
            } catch {
                report("\(error); write it like redis://[:password@]127.0.0.1:6379/0", at: fields["url"], path.key("url"))
            }
        case nil:
            break  // Reported by choice.
        }
        if let ttl = int(fields, "ttl", in: 1...86_400 * 365, unit: " seconds") { settings.cache.ttl = .seconds(ttl) }
        if let notFound = int(fields, "notFoundTTL", in: 1...86_400, unit: " seconds") { settings.cache.notFoundTTL = .seconds(notFound) }
        if let writeThrough = bool(fields, "writeThrough") { settings.cache.writeThrough = writeThrough }
        if let jitterNode = fields["ttlJitter"] {
            if let jitter = jitterNode.string.flatMap(Double.init), (0...0.5).contains(jitter) {
                settings.cache.ttlJitter = jitter
            } else {
                report(
                    "must be a share of the TTL between 0 and 0.5 (0.1 takes up to 10% off each TTL); got \(jitterNode.kindDescription)",
                    at: jitterNode,
                    path.key("ttlJitter")
                )
            }
        }
        return settings
    }
}
