import AWSXML
import NIOCore
import NIOHTTP1

extension BucketEndpoint {
    /// The website endpoint (aws-behaviour §2.1, §2.2): index documents, the folder redirect, error documents and
    /// HTML error pages. Only GET and HEAD are allowed.
    func respondAsWebsite(
        _ website: WebsiteConfiguration,
        method: HTTPMethod,
        path: String,
        headers: HTTPHeaders,
        ids: RequestIdentifiers
    ) async -> S3Response {
        guard method == .GET || method == .HEAD else {
            return .websitePage(.methodNotAllowed(method, resourceType: "OBJECT"), nested: nil, ids: ids, isHead: false)
        }
        let isHead = method == .HEAD
        guard let decoded = ObjectKey.decodedPath(path) else {
            return await websiteError(missingKeyError(""), website: website, isHead: isHead, ids: ids)
        }
        let isFolderRequest = decoded.isEmpty || decoded.hasSuffix("/")
        let keyText = isFolderRequest ? decoded + website.indexDocument : decoded
        let request = ObjectRequest(isHead: isHead, headers: headers, now: ids.now)

        if let key = ObjectKey(keyText) {
            do {
                switch try await bucket.fetch(key, for: request) {
                case .found(let object):
                    return .object(object, ids: ids)
                case .notModified(let metadata):
                    return .notModified(metadata, ids: ids)
                case .failed(let error):
                    var response = await websiteError(error, website: website, isHead: isHead, ids: ids)
                    addContentRange(to: &response, for: error)
                    return response
                case .missing:
                    break
                }
            } catch {
                return await websiteError(.from(error, key: keyText), website: website, isHead: isHead, ids: ids)
            }
        }

        // `x` with no object `x` but an `x/index.html`: S3 redirects to the folder (302, not 301).
        if !isFolderRequest, let folderIndex = ObjectKey(decoded + "/" + website.indexDocument),
            (try? await bucket.metadata(forKey: folderIndex)) != nil
        {
            return .empty(.found, ids: ids, extraHeaders: [("Location", path + "/")])
        }
        return await websiteError(missingKeyError(keyText), website: website, isHead: isHead, ids: ids)
    }

    /// A 4xx is answered with the error document and the original status; a missing error document, or any other
    /// error, with S3's default HTML page (plus the nested section naming the missing error document).
    private func websiteError(_ error: S3Error, website: WebsiteConfiguration, isHead: Bool, ids: RequestIdentifiers) async -> S3Response {
        guard (400..<500).contains(error.status.code), let errorDocument = website.errorDocument else {
            return .websitePage(error, nested: nil, ids: ids, isHead: isHead)
        }
        if let key = ObjectKey(errorDocument),
            let object = try? await bucket.object(forKey: key, read: { _ in isHead ? .metadataOnly : .whole })
        {
            var response = S3Response.object(object, ids: ids)
            response.status = error.status
            return response
        }
        return .websitePage(error, nested: missingKeyError(errorDocument), ids: ids, isHead: isHead)
    }
}

extension S3Response {
    /// S3's default website error page (aws-behaviour §2.2), `text/html; charset=utf-8`; HEAD gets no body.
    static func websitePage(_ error: S3Error, nested: S3Error?, ids: RequestIdentifiers, isHead: Bool) -> S3Response {
        let title = "\(error.status.code) \(error.status.reasonPhrase)"
        var html = "<html>\n<head><title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n<ul>\n"
        html += listItems(error)
        html += "<li>RequestId: " + ids.requestID + "</li>\n<li>HostId: " + ids.hostID + "</li>\n</ul>\n"
        if let nested {
            html += "<h3>An Error Occurred While Attempting to Retrieve a Custom Error Document</h3>\n<ul>\n"
            html += listItems(nested) + "</ul>\n"
        }
        html += "<hr/>\n</body>\n</html>\n"
        return .errorDocument(status: error.status, contentType: "text/html; charset=utf-8", document: html, ids: ids, isHead: isHead)
    }

    private static func listItems(_ error: S3Error) -> String {
        var items = "<li>Code: " + error.code + "</li>\n<li>Message: " + XML.escaped(error.message) + "</li>\n"
        for detail in error.details { items += "<li>" + detail.name + ": " + XML.escaped(detail.value) + "</li>\n" }
        return items
    }
}
