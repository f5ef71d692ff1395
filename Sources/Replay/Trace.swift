/// A request sequence held in flat arrays, ready to replay.
///
/// Optional columns stay empty when a source has none of that information: every request is then
/// cacheable, unassigned to a POP, without a logged result.
public struct Trace: Sendable {
    /// Where the requests came from: a file path or a synthetic spec.
    public var source: String
    /// Each request's object key.
    public private(set) var keys: ContiguousArray<UInt64> = []
    /// Each request's object size in bytes.
    public private(set) var sizes: ContiguousArray<Int> = []
    /// Per request, whether a cache may store the response (POST/PUT, `cacheable=false` and the like are not).
    /// Empty when every request is cacheable.
    public private(set) var cacheable: ContiguousArray<Bool> = []
    /// Per request, an index into ``popNames``. Empty when the source names no POPs.
    public private(set) var pops: ContiguousArray<UInt16> = []
    /// The POPs the source named, in order of first appearance.
    public private(set) var popNames: [String] = []
    /// Per request, the outcome the source logged (CloudFront's `x-edge-result-type`). Empty when none.
    public private(set) var loggedResults: ContiguousArray<LoggedResult> = []

    private var popIndex: [String: UInt16] = [:]

    public init(source: String) {
        self.source = source
    }

    /// The number of requests.
    public var count: Int { keys.count }

    public mutating func reserveCapacity(_ requests: Int) {
        keys.reserveCapacity(requests)
        sizes.reserveCapacity(requests)
    }

    /// Appends one request. Optional values keep their column empty until the first request that has one,
    /// then earlier requests get the defaults (cacheable, POP of the first name, no logged result).
    public mutating func append(key: UInt64, size: Int, cacheable isCacheable: Bool = true, pop: String? = nil, logged: LoggedResult? = nil) {
        let index = keys.count
        keys.append(key)
        sizes.append(max(0, size))
        if !isCacheable || !cacheable.isEmpty {
            if cacheable.isEmpty { cacheable = ContiguousArray(repeating: true, count: index) }
            cacheable.append(isCacheable)
        }
        if let pop {
            let popID = popNumber(pop)
            if pops.isEmpty { pops = ContiguousArray(repeating: popID, count: index) }
            pops.append(popID)
        } else if !pops.isEmpty {
            pops.append(pops[index - 1])
        }
        if let logged {
            if loggedResults.isEmpty { loggedResults = ContiguousArray(repeating: .other, count: index) }
            loggedResults.append(logged)
        } else if !loggedResults.isEmpty {
            loggedResults.append(.other)
        }
    }

    private mutating func popNumber(_ name: String) -> UInt16 {
        if let known = popIndex[name] { return known }
        let number = UInt16(truncatingIfNeeded: popNames.count)
        popIndex[name] = number
        popNames.append(name)
        return number
    }
}
