import AWSXML
import HTTPSemantics
import NIOCore
import NIOHTTP1

extension S3API {
    /// The upload's bytes, `aws-chunked` decoded and checked; also the checksum headers S3 echoes.
    func verifiedPayload(_ request: Request) throws(S3Error) -> (payload: ByteBuffer, checksums: [(String, String)]) {
        var payload = request.body
        var trailers: [(name: String, value: String)] = []
        if AWSChunkedPayload.isChunked(request.headers) {
            (payload, trailers) = try AWSChunkedPayload.decode(request.body)
            if let declared = request.headers.first(name: "x-amz-decoded-content-length"), Int(declared) != payload.readableBytes {
                throw .incompleteBody
            }
        }
        let checksums = try PayloadIntegrity.verify(payload, headers: request.headers, trailers: trailers)
        return (payload, checksums)
    }

    /// PutObject: stores the body as the key's file, atomically.
    func putObject(_ request: Request, key: ObjectKey) async -> S3Response {
        do throws(S3Error) {
            let (payload, checksums) = try verifiedPayload(request)
            let metadata = try await store(payload, at: key, in: request.bucket)
            var headers = [("ETag", metadata.etag), ("x-amz-server-side-encryption", "AES256")]
            headers += checksums
            return .empty(.ok, ids: request.ids, extraHeaders: headers)
        } catch {
            return .error(error, ids: request.ids, isHead: false)
        }
    }

    func store(_ payload: ByteBuffer, at key: ObjectKey, in bucket: FolderBucket) async throws(S3Error) -> ObjectMetadata {
        do {
            return try await bucket.putObject(key, body: payload)
        } catch {
            throw .from(error, key: key.rawValue)
        }
    }

    /// CopyObject: `x-amz-copy-source: /bucket/key` (percent-encoded) copied to `key`.
    func copyObject(_ request: Request, key: ObjectKey) async -> S3Response {
        do throws(S3Error) {
            let (sourceBucket, sourceKey) = try copySource(request.headers.first(name: "x-amz-copy-source") ?? "")
            let source: BucketObject?
            do {
                source = try await sourceBucket.object(forKey: sourceKey) { _ in .whole }
            } catch {
                throw .from(error, key: sourceKey.rawValue)
            }
            guard let source, let body = source.body else { throw .noSuchKey(sourceKey.rawValue) }
            let metadata = try await store(body, at: key, in: request.bucket)
            var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            xml += #"<CopyObjectResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
            xml += "<LastModified>" + ISO8601Timestamp.format(epochSeconds: metadata.lastModified) + "</LastModified>"
            xml += "<ETag>" + XML.escaped(metadata.etag) + "</ETag></CopyObjectResult>"
            var response = S3Response.xml(xml, ids: request.ids)
            response.headers.add(name: "x-amz-server-side-encryption", value: "AES256")
            return response
        } catch {
            return .error(error, ids: request.ids, isHead: false)
        }
    }

    private func copySource(_ header: String) throws(S3Error) -> (FolderBucket, ObjectKey) {
        let withoutVersion = header.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let decoded = ObjectKey.decodedPath(withoutVersion), let slash = decoded.firstIndex(of: "/") else {
            throw .invalidArgument(
                "Copy Source must mention the source bucket and key: sourcebucket/sourcekey",
                name: "x-amz-copy-source",
                value: header
            )
        }
        let bucketName = String(decoded[..<slash])
        guard let bucket = buckets[bucketName] else { throw .noSuchBucket(bucketName) }
        let keyText = String(decoded[decoded.index(after: slash)...])
        guard let key = ObjectKey(keyText) else { throw .noSuchKey(keyText) }
        return (bucket, key)
    }

    /// DeleteObject: 204 whether or not the key existed, as S3 answers without versioning.
    func deleteObject(_ request: Request, key: ObjectKey) async -> S3Response {
        do {
            try await request.bucket.deleteObject(key)
            return .empty(.noContent, ids: request.ids)
        } catch {
            return .error(.from(error, key: key.rawValue), ids: request.ids, isHead: false)
        }
    }

    /// DeleteObjects: `<Delete><Quiet/><Object><Key/></Object>…</Delete>`, up to 1,000 keys.
    func deleteObjects(_ request: Request) async -> S3Response {
        let keys: [String]
        let quiet: Bool
        do throws(S3Error) {
            let (payload, _) = try verifiedPayload(request)
            guard let document = try? XML.parse(payload.readableBytesView), document.name == "Delete" else { throw .malformedXML }
            let objects = document.children("Object")
            guard (1...1000).contains(objects.count) else { throw .malformedXML }
            keys = try objects.map { object throws(S3Error) in
                guard let key = object.child("Key") else { throw .malformedXML }
                return key.text
            }
            quiet = document.child("Quiet")?.text.lowercased() == "true"
        } catch {
            return .error(error, ids: request.ids, isHead: false)
        }

        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        for keyText in keys {
            do {
                // A key no file can hold does not exist, and deleting what does not exist succeeds.
                if let key = ObjectKey(keyText) { try await request.bucket.deleteObject(key) }
                if !quiet { xml += "<Deleted><Key>" + XML.escaped(keyText) + "</Key></Deleted>" }
            } catch {
                let failure = S3Error.from(error, key: keyText)
                xml += "<Error><Key>" + XML.escaped(keyText) + "</Key><Code>" + failure.code + "</Code><Message>"
                xml += XML.escaped(failure.message) + "</Message></Error>"
            }
        }
        return .xml(xml + "</DeleteResult>", ids: request.ids)
    }
}
