import Edge
import Foundation

extension Stack {
    /// The names the canonical SPA stack answers for.
    public static let canonicalAliases = ["app.edgesim.test", "localhost"]

    /// What `edgesim serve [FOLDER]` runs without a stack file: the folder as bucket `site` (a missing key
    /// answers 403, as S3 behind origin access control does), one distribution for `app.edgesim.test` and
    /// `localhost` with `index.html` as root object, CachingOptimized, compression, redirect-to-https, the SPA
    /// fallback (403 and 404 → `/index.html` with 200, cached 10 s), and `/api/*` to the gateway's HTTP API
    /// `spa` with CachingDisabled, AllViewerExceptHostHeader and every method. The API (shows, tickets, info)
    /// serves the tables `shows` (seeded) and `tickets`, and answers on `api.edgesim.test` too, with CORS for
    /// the app's origins and credentials. `edgesim.yml` in the repository is this stack written out.
    ///
    /// - Parameters:
    ///   - folder: the built app; a relative path starts at the working directory.
    ///   - httpsPort: the viewer HTTPS port, part of the app's origins that the API's CORS allows.
    /// - Throws: when the folder does not exist.
    public static func canonicalSPA(folder: String, httpsPort: Int = 8443) throws(StackConfigError) -> Stack {
        let path = StackLoader.absolutePath(folder)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            let problem = StackConfigError.Problem(
                file: folder,
                message: "no such folder; build the app first, or name the folder that holds its index.html (or a stack file with --config)"
            )
            throw StackConfigError(problems: [problem])
        }
        return canonicalSPA(bucketPath: path, httpsPort: httpsPort)
    }

    static func canonicalSPA(bucketPath: String, httpsPort: Int = 8443) -> Stack {
        let spaFallback = [403, 404].map {
            CustomErrorResponse(errorCode: $0, responsePagePath: "/index.html", responseCode: 200, errorCachingMinTTL: 10)
        }
        let api = CacheBehavior(
            pathPattern: try! PathPattern("/api/*"),  // A literal that is a valid pattern.
            targetOriginId: "api",
            viewerProtocolPolicy: .redirectToHTTPS,
            allowedMethods: .all,
            cachePolicy: .cachingDisabled,
            originRequestPolicy: .allViewerExceptHostHeader,
            compress: false
        )
        let distribution = Distribution(
            id: DistributionID.generate(from: canonicalAliases[0]),
            aliases: canonicalAliases,
            origins: [
                OriginDefinition(id: "site", target: .bucket("site")),
                OriginDefinition(id: "api", target: .gateway(CanonicalAPI.name)),
            ],
            cacheBehaviors: [api],
            defaultCacheBehavior: CacheBehavior(
                targetOriginId: "site",
                viewerProtocolPolicy: .redirectToHTTPS,
                allowedMethods: .getHead,
                cachePolicy: .cachingOptimized,
                compress: true
            ),
            defaultRootObject: "index.html",
            customErrorResponses: spaFallback
        )
        return Stack(
            baseDirectory: FileManager.default.currentDirectoryPath,
            buckets: ["site": BucketDefinition(name: "site", path: bucketPath, missingKeyStatus: .accessDenied)],
            distributions: [distribution],
            gateway: CanonicalAPI.configuration(httpsPort: httpsPort),
            store: CanonicalAPI.store
        )
    }
}
