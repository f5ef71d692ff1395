/// Evaluation of request preconditions against a selected representation.
public enum Conditional {
    /// RFC 9110 §13.2.2 order with S3's observed rules (aws-behaviour §2.5).
    ///
    /// 1. `If-Match` present: it must match `etag` by strong comparison (or be `*` with an `etag`), else
    ///    412 `If-Match`. When present, `If-Unmodified-Since` is not looked at, so `If-Match` true with
    ///    `If-Unmodified-Since` false proceeds (S3's first precedence rule).
    /// 2. Otherwise `If-Unmodified-Since`: the representation must not be newer than the date, else 412
    ///    `If-Unmodified-Since`. Ignored when the date is invalid or `lastModified` is unknown.
    /// 3. `If-None-Match` present: when it matches `etag` by weak comparison (or is `*` with an `etag`), GET
    ///    and HEAD get 304 and other methods 412 `If-None-Match`. When present, `If-Modified-Since` is not
    ///    looked at, so a matching `If-None-Match` gives 304 even if the object was modified since the date
    ///    (S3's second precedence rule).
    /// 4. Otherwise, for GET and HEAD only, `If-Modified-Since`: 304 when the representation is not newer
    ///    than the date. Ignored when the date is invalid, later than `now`, or `lastModified` is unknown.
    ///
    /// List members may be unquoted (`abc` matches `"abc"`), as S3 accepts. Call this only when the response
    /// would otherwise be a 2xx, as §13.2.1 says.
    ///
    /// - Parameters:
    ///   - etag: the representation's `ETag` field value (`"x"` or `W/"x"`), nil when it has none.
    ///   - lastModified: the representation's modification time in epoch seconds, nil when unknown.
    ///   - now: the current time in epoch seconds.
    public static func evaluate(
        _ headers: ConditionalHeaders,
        isGetOrHead: Bool,
        etag: String?,
        lastModified: Int?,
        now: Int
    ) -> ConditionalOutcome {
        if let ifMatch = ConditionalHeaders.present(headers.ifMatch) {
            if !listMatches(ifMatch, etag: etag, weakComparison: false) {
                return .preconditionFailed(condition: "If-Match")
            }
        } else if let ifUnmodifiedSince = ConditionalHeaders.present(headers.ifUnmodifiedSince),
            let date = HTTPDate.parse(ifUnmodifiedSince, now: now), let lastModified, lastModified > date
        {
            return .preconditionFailed(condition: "If-Unmodified-Since")
        }

        if let ifNoneMatch = ConditionalHeaders.present(headers.ifNoneMatch) {
            if listMatches(ifNoneMatch, etag: etag, weakComparison: true) {
                return isGetOrHead ? .notModified : .preconditionFailed(condition: "If-None-Match")
            }
        } else if isGetOrHead, let ifModifiedSince = ConditionalHeaders.present(headers.ifModifiedSince),
            let date = HTTPDate.parse(ifModifiedSince, now: now), date <= now, let lastModified, lastModified <= date
        {
            return .notModified
        }
        return .proceed
    }

    /// Whether an `If-Match` / `If-None-Match` value (`*` or a list of entity tags) matches `etag`.
    static func listMatches(_ field: String, etag: String?, weakComparison: Bool) -> Bool {
        guard let etag else {
            // No current representation: nothing matches, not even `*` (RFC 9110 §13.1.1, §13.1.2).
            return false
        }
        return withUTF8Bytes(field) { fieldBytes in
            withUTF8Bytes(etag) { etagBytes in
                let current = EntityTagSyntax(lenient: etagBytes, etagBytes.trimmingWhitespace(0..<etagBytes.count))
                for element in FieldListElements(fieldBytes) {
                    if element.count == 1 && fieldBytes[element.lowerBound] == ASCII.asterisk {
                        return true
                    }
                    guard let current, let candidate = EntityTagSyntax(lenient: fieldBytes, element) else { continue }
                    if !weakComparison && (candidate.isWeak || current.isWeak) { continue }
                    if fieldBytes.equals(candidate.opaque, etagBytes, current.opaque) {
                        return true
                    }
                }
                return false
            }
        }
    }
}
