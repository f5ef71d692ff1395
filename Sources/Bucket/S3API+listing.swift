import AWSXML
import HTTPSemantics
extension S3API {
    /// ListObjects (v1) or ListObjectsV2 over `bucket` (aws-behaviour §2.8). Only the listed objects are hashed.
    static func listObjects(_ request: ListObjectsRequest, in bucket: FolderBucket, ids: RequestIdentifiers) async -> S3Response {
        let page: ListingPage
        let objects: [ObjectMetadata]
        do {
            let files = try await bucket.scan(prefix: request.prefix)
            page = ObjectListing.page(files, prefix: request.prefix, delimiter: request.delimiter, after: request.after, maxKeys: request.maxKeys)
            // A file removed between the scan and its hashing is left out, as a key deleted mid-listing would be.
            objects = try await bucket.metadata(of: page.contents)
        } catch {
            return .error(.from(error, key: request.prefix), ids: ids, isHead: false)
        }
        return .xml(listBucketResult(request, page: page, objects: objects), ids: ids)
    }

    /// The `<ListBucketResult>` document, elements in S3's order.
    static func listBucketResult(_ request: ListObjectsRequest, page: ListingPage, objects: [ObjectMetadata]) -> String {
        func encoded(_ text: some StringProtocol) -> String {
            request.encodeAsURL ? ObjectListing.urlEncoded(text) : XML.escaped(String(text))
        }
        func element(_ name: String, _ value: String) -> String { "<" + name + ">" + value + "</" + name + ">" }

        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        xml += element("Name", request.bucket) + element("Prefix", encoded(request.prefix))
        switch request.version {
        case .v1:
            xml += element("Marker", encoded(request.marker ?? ""))
            xml += element("MaxKeys", String(request.maxKeys))
            if !request.delimiter.isEmpty { xml += element("Delimiter", encoded(request.delimiter)) }
            xml += element("IsTruncated", String(page.isTruncated))
            // v1 names the next marker only with a delimiter; without one the last key is the marker.
            if page.isTruncated, !request.delimiter.isEmpty, let last = page.last { xml += element("NextMarker", encoded(last)) }
            if request.encodeAsURL { xml += element("EncodingType", "url") }
        case .v2:
            if !request.delimiter.isEmpty { xml += element("Delimiter", encoded(request.delimiter)) }
            xml += element("MaxKeys", String(request.maxKeys))
            xml += element("KeyCount", String(objects.count + page.commonPrefixes.count))
            xml += element("IsTruncated", String(page.isTruncated))
            if let token = request.continuationToken { xml += element("ContinuationToken", XML.escaped(token)) }
            if page.isTruncated, let last = page.last { xml += element("NextContinuationToken", ListObjectsRequest.encodeToken(last)) }
            if let startAfter = request.startAfter { xml += element("StartAfter", encoded(startAfter)) }
            if request.encodeAsURL { xml += element("EncodingType", "url") }
        }
        for object in objects {
            xml += "<Contents>" + element("Key", encoded(object.key.rawValue))
            xml += element("LastModified", ISO8601Timestamp.format(epochSeconds: object.lastModified))
            xml += element("ETag", XML.escaped(object.etag)) + element("Size", String(object.size))
            if request.version == .v1 { xml += ownerXML }
            xml += element("StorageClass", "STANDARD")
            if request.version == .v2 && request.fetchOwner { xml += ownerXML }
            xml += "</Contents>"
        }
        for commonPrefix in page.commonPrefixes {
            xml += "<CommonPrefixes>" + element("Prefix", encoded(commonPrefix)) + "</CommonPrefixes>"
        }
        return xml + "</ListBucketResult>"
    }
}
