/// The directives of `Cache-Control` fields (RFC 9111 §5.2) that EdgeSim's caches act on.
///
/// Numbers are `delta-seconds`; a directive that is absent, or whose argument is not a valid number, is nil.
/// Unknown directives are ignored.
public struct CacheControl: Sendable, Equatable {
    /// `max-age`: freshness lifetime for any cache.
    public var maxAge: Int?
    /// `s-maxage`: freshness lifetime for shared caches, overriding `max-age` and `Expires` there.
    public var sMaxAge: Int?
    /// `no-cache`, with or without field names: the qualified form is treated as unqualified, which
    /// RFC 9111 §5.2.2.4 allows and which never serves what the origin meant to keep fresh.
    public var noCache: Bool
    /// `no-store`
    public var noStore: Bool
    /// `private`, with or without field names (treated alike, for the same reason as ``noCache``).
    public var isPrivate: Bool
    /// `public`
    public var isPublic: Bool
    /// `must-revalidate`
    public var mustRevalidate: Bool
    /// `proxy-revalidate`
    public var proxyRevalidate: Bool
    /// `no-transform`
    public var noTransform: Bool
    /// `stale-while-revalidate` (RFC 5861 §3)
    public var staleWhileRevalidate: Int?
    /// `stale-if-error` (RFC 5861 §4)
    public var staleIfError: Int?

    /// Directives set one by one; everything else absent.
    public init(
        maxAge: Int? = nil,
        sMaxAge: Int? = nil,
        noCache: Bool = false,
        noStore: Bool = false,
        isPrivate: Bool = false,
        isPublic: Bool = false,
        mustRevalidate: Bool = false,
        proxyRevalidate: Bool = false,
        noTransform: Bool = false,
        staleWhileRevalidate: Int? = nil,
        staleIfError: Int? = nil
    ) {
        self.maxAge = maxAge
        self.sMaxAge = sMaxAge
        self.noCache = noCache
        self.noStore = noStore
        self.isPrivate = isPrivate
        self.isPublic = isPublic
        self.mustRevalidate = mustRevalidate
        self.proxyRevalidate = proxyRevalidate
        self.noTransform = noTransform
        self.staleWhileRevalidate = staleWhileRevalidate
        self.staleIfError = staleIfError
    }

    /// Reads every `Cache-Control` field line of a message, in order (none gives no directives).
    ///
    /// - Directive names are matched without regard to case; arguments may be tokens or quoted strings
    ///   (`max-age="60"`), as RFC 9111 §5.2 asks recipients to accept. Optional whitespace around `=` is
    ///   tolerated.
    /// - The lines form one comma-separated list; commas inside quoted strings do not split.
    /// - A number that is not `1*DIGIT` (negative, fractional, empty, missing) is ignored, as if the
    ///   directive were absent; of several valid occurrences the first wins (RFC 9111 §4.2.1).
    /// - A number beyond 2^31 is taken as 2^31 (RFC 9111 §1.2.2).
    @inlinable
    public init(_ headerValues: some Sequence<some StringProtocol>) {
        self.init()
        for value in headerValues {
            withUTF8Bytes(value) { apply(fieldValue: $0) }
        }
    }
}
