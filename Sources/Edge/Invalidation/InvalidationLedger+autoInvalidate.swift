extension InvalidationLedger {
    /// Invalidates, in every distribution with an origin on bucket `bucketName`, the paths under which the changed
    /// object keys are served (the bucket option `autoInvalidate`). Each distribution gets one batch that
    /// `ListInvalidations` shows, with caller reference `edgesim-autoInvalidate-…`; each changed file loses all its
    /// cached variants, query strings included. More changed files than may be in progress at once become one `/*`
    /// path, as a deploy script would send.
    ///
    /// A key maps to a viewer path through each origin's `originPath`: with `/v1`, key `v1/app.js` is `/app.js` and
    /// keys outside `v1/` are not served by that origin. When CloudFront's in-progress limits would refuse the batch,
    /// the paths are still purged from the caches, unrecorded: the files did change.
    ///
    /// - Parameter keys: object keys as the bucket names them (`assets/app.js`, no leading `/`).
    /// - Returns: the recorded invalidations, one per distribution that serves the bucket and had a path to invalidate.
    @discardableResult
    public func invalidateChangedKeys(_ keys: [String], inBucket bucketName: String) -> [Invalidation] {
        var recorded: [Invalidation] = []
        for distribution in distributions {
            var paths: [String] = []
            var seen: Set<String> = []
            for origin in distribution.origins where origin.target == .bucket(bucketName) {
                for key in keys {
                    if let path = Self.viewerPath(forKey: key, originPath: origin.originPath), seen.insert(path).inserted {
                        paths.append(path)
                    }
                }
            }
            guard !paths.isEmpty else { continue }
            if paths.count > configuration.maximumFilePathsInProgress { paths = ["/*"] }
            let compiled = paths.compactMap(InvalidationPath.init)
            let matcher = InvalidationMatcher(distributionID: distribution.id, paths: compiled, ignoresQuery: true)
            let batch = InvalidationBatch(paths: paths, callerReference: Self.autoCallerReference(bucket: bucketName))
            do {
                recorded.append(try record(batch, distributionID: distribution.id, paths: compiled, matcher: matcher).invalidation)
            } catch {
                purge(matcher)
            }
        }
        return recorded
    }

    /// `/` and the key, with the origin path's folder taken off; nil when the origin does not serve the key.
    /// `%`, `?`, `*` and `#` are escaped so the key stays one literal path.
    static func viewerPath(forKey key: String, originPath: String) -> String? {
        var relative = key[...]
        if !originPath.isEmpty {
            let folder = originPath.drop { $0 == "/" } + "/"
            guard relative.hasPrefix(folder) else { return nil }
            relative = relative.dropFirst(folder.count)
        }
        var path = "/"
        for character in relative.unicodeScalars {
            switch character {
            case "%": path += "%25"
            case "?": path += "%3F"
            case "*": path += "%2A"
            case "#": path += "%23"
            default: path.unicodeScalars.append(character)
            }
        }
        return path
    }

    private static func autoCallerReference(bucket: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return "edgesim-autoInvalidate-\(bucket)-\(generator.next())"
    }
}
