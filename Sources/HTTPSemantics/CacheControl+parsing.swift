extension CacheControl {
    /// Applies every directive of one field line.
    @usableFromInline
    mutating func apply(fieldValue bytes: UnsafeBufferPointer<UInt8>) {
        for element in FieldListElements(bytes) {
            apply(bytes, element)
        }
    }

    /// Applies one directive, `name[=argument]`, found at `element` of `bytes`.
    mutating func apply(_ bytes: UnsafeBufferPointer<UInt8>, _ element: Range<Int>) {
        var nameEnd = element.lowerBound
        while nameEnd < element.upperBound, bytes[nameEnd].isTokenCharacter { nameEnd += 1 }
        let name = element.lowerBound..<nameEnd
        guard let argument = Self.argument(bytes, after: nameEnd, in: element) else { return }

        if bytes.equalsIgnoringCase(name, "max-age") {
            maxAge = maxAge ?? argument.flatMap { bytes.deltaSeconds($0) }
        } else if bytes.equalsIgnoringCase(name, "s-maxage") {
            sMaxAge = sMaxAge ?? argument.flatMap { bytes.deltaSeconds($0) }
        } else if bytes.equalsIgnoringCase(name, "no-cache") {
            noCache = true
        } else if bytes.equalsIgnoringCase(name, "no-store") {
            noStore = true
        } else if bytes.equalsIgnoringCase(name, "private") {
            isPrivate = true
        } else if bytes.equalsIgnoringCase(name, "public") {
            isPublic = true
        } else if bytes.equalsIgnoringCase(name, "must-revalidate") {
            mustRevalidate = true
        } else if bytes.equalsIgnoringCase(name, "proxy-revalidate") {
            proxyRevalidate = true
        } else if bytes.equalsIgnoringCase(name, "no-transform") {
            noTransform = true
        } else if bytes.equalsIgnoringCase(name, "stale-while-revalidate") {
            staleWhileRevalidate = staleWhileRevalidate ?? argument.flatMap { bytes.deltaSeconds($0) }
        } else if bytes.equalsIgnoringCase(name, "stale-if-error") {
            staleIfError = staleIfError ?? argument.flatMap { bytes.deltaSeconds($0) }
        }
    }

    /// The argument after a directive name: `.some(nil)` when there is none, `.some(range)` for a token or
    /// the inside of a quoted string, nil when the element is malformed (and so ignored whole).
    private static func argument(_ bytes: UnsafeBufferPointer<UInt8>, after nameEnd: Int, in element: Range<Int>) -> Range<Int>?? {
        guard nameEnd > element.lowerBound else { return nil }
        var index = nameEnd
        while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
        if index == element.upperBound {
            return .some(nil)
        }
        guard bytes[index] == ASCII.equals else { return nil }
        index += 1
        while index < element.upperBound, bytes[index].isOptionalWhitespace { index += 1 }
        let value = index..<element.upperBound
        if value.count >= 2, bytes[value.lowerBound] == ASCII.quote, bytes[value.upperBound - 1] == ASCII.quote {
            return .some((value.lowerBound + 1)..<(value.upperBound - 1))
        }
        for position in value where !bytes[position].isTokenCharacter {
            return nil
        }
        return .some(value)
    }
}
