import HTTPSemantics
import NIOCore
import NIOHTTP1
import Synchronization

/// What the listener does next with a viewer's request.
public enum EdgeAction: Sendable {
    /// Answered on the spot: a fresh hit, a redirect, or one of CloudFront's own error pages.
    case respond(EdgeResponse)
    /// Needs the origin; run it off the event loop.
    case fetch(OriginFetch)
}

/// A point of presence: the edge logic in front of one cache, shared by all of the POP's listeners.
/// `receive` runs on the event loop and answers hits without suspending; misses return an `OriginFetch`.
public final class EdgeLocation: Sendable {
    /// Like `IAD89-P1`: IATA code, number, `-`, C/P/E and a digit (aws-behaviour §1.1).
    public let code: String
    public let table: DistributionTable
    public let cache: EdgeCache
    /// Keyed by `Distribution.originKey(_:)`, since origin ids are only unique within a distribution.
    let origins: [String: any Origin]
    let clock: EdgeClock
    let requestIDs = RequestIDGenerator()
    /// Origin fetches under way, for request collapsing.
    let fetches = InFlightFetches()
    /// stale-while-revalidate refreshes waiting for ``run()``.
    let revalidations = BackgroundRevalidations()
    /// The unconfirmed details of automatic compression, and its levels.
    let compression: CompressionSettings
    /// `1.1 <32 hex>.cloudfront.net (CloudFront)`.
    let via: String
    /// The fields every ``StoredHit`` of this POP carries.
    let hitFields: HitFields
    /// The HTTPS port viewers are redirected to; 443 is left out of `Location`. Set once the listener is bound,
    /// since port 0 is only known then.
    private let redirectPort: Atomic<Int>
    public var httpsPort: Int {
        get { redirectPort.load(ordering: .relaxed) }
        set { redirectPort.store(newValue, ordering: .relaxed) }
    }

    public init(
        code: String,
        distributions: [Distribution],
        origins: [String: any Origin],
        cache: EdgeCache,
        httpsPort: Int = 443,
        clock: EdgeClock = .system,
        compression: CompressionSettings = .init()
    ) {
        self.code = code
        self.table = DistributionTable(distributions)
        self.origins = origins
        self.cache = cache
        self.redirectPort = Atomic(httpsPort)
        self.clock = clock
        self.compression = compression
        self.via = "1.1 \(Self.viaID(for: code)).cloudfront.net (CloudFront)"
        self.hitFields = HitFields(via: via, pop: code)
    }

    public func receive(_ request: ViewerRequest) -> EdgeAction {
        let requestID = requestIDs.next()
        guard let route = table.route(forHost: request.host) else {
            return .respond(ownPage(status: .forbidden, reason: CloudFrontPages.badRequest, requestID: requestID, distribution: nil))
        }
        // Read through the shared routes, not copied out of them: a copy retains every field (see `DistributionRoute`).
        let path = request.path
        let behaviorRoute = route.behavior(forPath: path)
        if !request.isHTTPS,
            let refusal = protocolPolicyAnswer(request, behavior: behaviorRoute.behavior, requestID: requestID, distribution: route.distribution)
        {
            return .respond(refusal)
        }
        if request.method == .GET, request.hasBody {
            return .respond(ownPage(status: .forbidden, reason: CloudFrontPages.badRequest, requestID: requestID, distribution: route.distribution))
        }
        guard behaviorRoute.behavior.allowedMethods.allows(request.method.rawValue) else {
            return .respond(
                ownPage(status: .forbidden, reason: CloudFrontPages.methodNotAllowed, requestID: requestID, distribution: route.distribution)
            )
        }
        let originPath = Self.rootRewrite(path, distribution: route.distribution)
        var exchange = Exchange(request: request, route: route, behaviorRoute: behaviorRoute, originPath: originPath, requestID: requestID)
        if behaviorRoute.behavior.caches(request.method.rawValue) {
            let key = cacheKey(for: request, behavior: behaviorRoute.behavior, distribution: route.distribution, path: originPath)
            exchange.key = key
            if let object = cache.lookup(key, headers: request.headers) {
                let now = clock.now
                if object.isFresh(at: now) {
                    if object.isError, route.distribution.customErrorResponse(for: Int(object.status.code)) != nil {
                        if let page = cachedErrorPage(for: object, exchange: exchange, now: now) { return .respond(page) }
                        exchange.storedError = object
                        return .fetch(OriginFetch(location: self, exchange: exchange))
                    }
                    return .respond(deliver(object, result: object.isError ? .error : .hit, exchange: exchange, now: now))
                }
                // Expired but still served from the cache, so a hit: the origin failed moments ago (§1.7), or the
                // object is inside its stale-while-revalidate window and is refreshed in the background (§1.5).
                if now < object.staleHeldUntil {
                    return .respond(deliver(object, result: .hit, exchange: exchange, now: now))
                }
                if object.allowsStaleWhileRevalidate(at: now) {
                    revalidateInBackground(exchange, stale: object)
                    return .respond(deliver(object, result: .hit, exchange: exchange, now: now))
                }
                exchange.stale = object
            }
        }
        return .fetch(OriginFetch(location: self, exchange: exchange))
    }

    /// Only the exact `/` becomes the default root object (aws-behaviour §1.9).
    static func rootRewrite(_ path: Substring, distribution: Distribution) -> Substring {
        guard path == "/", let root = distribution.defaultRootObject, !root.isEmpty else { return path }
        return Substring("/" + root)
    }

    func cacheKey(for request: ViewerRequest, behavior: CacheBehavior, distribution: Distribution, path: Substring) -> CacheKey {
        let policy = behavior.cachePolicy
        let encoding = Self.viewerEncoding(of: request, policy: policy)?.cacheKeyValue
        return CacheKey(
            distributionID: distribution.id,
            domainName: distribution.domainName,
            method: request.method.rawValue,
            path: path,
            query: request.query,
            headers: request.headers,
            policy: policy,
            encoding: encoding
        )
    }

    /// HTTP on a behaviour that wants HTTPS: 301 for GET/HEAD, 307 otherwise, 403 on HTTP/1.0 (aws-behaviour §1.10).
    private func protocolPolicyAnswer(
        _ request: ViewerRequest,
        behavior: CacheBehavior,
        requestID: String,
        distribution: Distribution
    ) -> EdgeResponse? {
        switch behavior.viewerProtocolPolicy {
        case .allowAll:
            return nil
        case .httpsOnly:
            return ownPage(status: .forbidden, reason: CloudFrontPages.badRequest, requestID: requestID, distribution: distribution)
        case .redirectToHTTPS:
            let status: HTTPResponseStatus
            if request.method == .GET || request.method == .HEAD {
                status = .movedPermanently
            } else if request.version.major == 1, request.version.minor == 0 {
                return ownPage(status: .forbidden, reason: CloudFrontPages.badRequest, requestID: requestID, distribution: distribution)
            } else {
                status = .temporaryRedirect
            }
            let host = DistributionTable.hostName(request.host)
            let authority = httpsPort == 443 ? host : "\(host):\(httpsPort)"
            let body = CloudFrontPages.redirect(status: Int(status.code), phrase: status.reasonPhrase)
            var response = ownResponse(
                status: status,
                contentType: "text/html",
                body: body,
                result: .redirect,
                requestID: requestID,
                distribution: distribution
            )
            response.headers.add(name: "Location", value: "https://\(authority)\(request.target)")
            if request.method == .HEAD { response.body = nil }
            return response
        }
    }
}

/// Everything known about one request on its way through the edge.
struct Exchange: Sendable {
    var request: ViewerRequest
    let route: DistributionRoute
    let behaviorRoute: BehaviorRoute
    var originPath: Substring
    var requestID: String
    var key: CacheKey?
    /// An expired copy to revalidate, or to serve if the origin fails.
    var stale: CachedObject?
    /// A fresh cached error whose custom error page was not in the cache.
    var storedError: CachedObject?

    // Read accessors lend the shared structs rather than returning copies: a copy of either retains and releases
    // every field, and the hit path reads a few of them per request.
    var distribution: Distribution {
        _read { yield route.distribution }
    }
    var behavior: CacheBehavior {
        _read { yield behaviorRoute.behavior }
    }
}

extension EdgeLocation {
    /// A stable per-POP id for `Via`, so logs from one POP agree.
    static func viaID(for code: String) -> String {
        var hash: UInt64 = 0x8422_2325_cbf2_9ce4
        var hex = ""
        for round in 0..<2 {
            for byte in code.utf8 { hash = (hash ^ UInt64(byte) ^ UInt64(round)) &* 0x100_0000_01b3 }
            let part = String(hash, radix: 16)
            hex += String(repeating: "0", count: 16 - part.count) + part
        }
        return hex
    }
}
