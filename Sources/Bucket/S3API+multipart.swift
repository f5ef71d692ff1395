import AWSXML
import Crypto
import NIOCore
import NIOHTTP1

extension S3API {
    /// S3's minimum size of every part but the last.
    static let minimumPartSize = 5 * 1024 * 1024

    /// CreateMultipartUpload (`POST /bucket/key?uploads`).
    func createMultipartUpload(_ request: Request, key: ObjectKey) async -> S3Response {
        guard !key.isFolder else {
            return .error(
                .keyNotStorable(.keyNotStorable(key.rawValue, reason: "a key ending in '/' is a folder here"), key: key.rawValue),
                ids: request.ids,
                isHead: false
            )
        }
        do {
            let uploads = self.uploads
            let bucketName = request.bucket.name
            let id = try await request.bucket.offload { () throws(BucketError) in try uploads.create(bucket: bucketName, key: key) }
            var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            xml += #"<InitiateMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
            xml += "<Bucket>" + request.bucket.name + "</Bucket><Key>" + XML.escaped(key.rawValue) + "</Key><UploadId>" + id + "</UploadId>"
            xml += "</InitiateMultipartUploadResult>"
            return .xml(xml, ids: request.ids)
        } catch {
            return .error(.from(error, key: key.rawValue), ids: request.ids, isHead: false)
        }
    }

    /// UploadPart (`PUT /bucket/key?partNumber=N&uploadId=ID`): the part is staged and its MD5 ETag returned.
    func uploadPart(_ request: Request, key: ObjectKey, uploadID: String) async -> S3Response {
        do throws(S3Error) {
            guard let upload = uploads.upload(uploadID), upload.bucket == request.bucket.name, upload.key == key else {
                throw .noSuchUpload(uploadID)
            }
            if request.headers.contains(name: "x-amz-copy-source") {
                throw .notImplemented(operation: "UploadPartCopy", advice: "copy the object with CopyObject instead")
            }
            let numberText = request.query["partNumber"] ?? ""
            guard let number = Int(numberText), (1...10_000).contains(number) else {
                throw .invalidArgument("Part number must be an integer between 1 and 10000, inclusive", name: "partNumber", value: numberText)
            }
            let (payload, checksums) = try verifiedPayload(request)
            let etag = FolderBucket.etag(payload.digest(Insecure.MD5.self))
            let path = upload.directory + "/part-\(number)"
            do {
                try await request.bucket.offload { () throws(BucketError) in
                    try payload.withUnsafeReadableBytes { bytes throws(BucketError) in try FileSystem.writeFile(path, bytes) }
                }
            } catch {
                throw .from(error, key: key.rawValue)
            }
            guard uploads.add(.init(etag: etag, size: payload.readableBytes, path: path), number: number, to: uploadID) else {
                throw .noSuchUpload(uploadID)
            }
            return .empty(.ok, ids: request.ids, extraHeaders: [("ETag", etag), ("x-amz-server-side-encryption", "AES256")] + checksums)
        } catch {
            return .error(error, ids: request.ids, isHead: false)
        }
    }

    /// CompleteMultipartUpload (`POST /bucket/key?uploadId=ID`): the listed parts, in order, become the object.
    ///
    /// The object's ETag is the MD5 of its content, as the folder bucket serves it afterwards, rather than S3's
    /// `"<md5 of part md5s>-<count>"`: the file is the truth once it is in the folder.
    func completeMultipartUpload(_ request: Request, key: ObjectKey, uploadID: String) async -> S3Response {
        do throws(S3Error) {
            guard let upload = uploads.upload(uploadID), upload.bucket == request.bucket.name, upload.key == key else {
                throw .noSuchUpload(uploadID)
            }
            let (payload, _) = try verifiedPayload(request)
            let paths = try completedPartPaths(payload, upload: upload)
            let metadata: ObjectMetadata
            do {
                metadata = try await request.bucket.putObject(key, concatenating: paths)
            } catch {
                throw .from(error, key: key.rawValue)
            }
            await finish(uploadID, in: request.bucket)
            let host = request.headers.first(name: "Host") ?? "127.0.0.1"
            let location = "http://" + host + "/" + request.bucket.name + "/" + ObjectListing.urlEncoded(key.rawValue)
            var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            xml += #"<CompleteMultipartUploadResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
            xml += "<Location>" + XML.escaped(location) + "</Location><Bucket>" + request.bucket.name + "</Bucket>"
            xml += "<Key>" + XML.escaped(key.rawValue) + "</Key><ETag>" + XML.escaped(metadata.etag) + "</ETag>"
            xml += "</CompleteMultipartUploadResult>"
            var response = S3Response.xml(xml, ids: request.ids)
            response.headers.add(name: "x-amz-server-side-encryption", value: "AES256")
            return response
        } catch {
            return .error(error, ids: request.ids, isHead: false)
        }
    }

    /// The staged files of the parts the completion document lists, after S3's checks on order, ETags and sizes.
    private func completedPartPaths(_ payload: ByteBuffer, upload: MultipartUploads.Upload) throws(S3Error) -> [String] {
        guard let document = try? XML.parse(payload.readableBytesView), document.name == "CompleteMultipartUpload" else {
            throw .malformedXML
        }
        let listed = document.children("Part")
        guard !listed.isEmpty else { throw .malformedXML }
        // S3 checks the order of the whole list first, then each part, then the sizes.
        var numbers: [Int] = []
        for element in listed {
            guard let numberText = element.child("PartNumber")?.text, let number = Int(numberText) else { throw .malformedXML }
            guard number > (numbers.last ?? 0) else { throw .invalidPartOrder }
            numbers.append(number)
        }
        var parts: [MultipartUploads.Part] = []
        for (element, number) in zip(listed, numbers) {
            guard let part = upload.parts[number], let etag = element.child("ETag")?.text,
                Self.unquoted(etag) == Self.unquoted(part.etag)
            else { throw .invalidPart }
            parts.append(part)
        }
        guard parts.dropLast().allSatisfy({ $0.size >= Self.minimumPartSize }) else { throw .entityTooSmall }
        return parts.map(\.path)
    }

    private static func unquoted(_ etag: String) -> Substring {
        var text = etag[...]
        if text.first == "\"" { text.removeFirst() }
        if text.last == "\"" { text.removeLast() }
        return text
    }

    /// AbortMultipartUpload (`DELETE /bucket/key?uploadId=ID`).
    func abortMultipartUpload(_ request: Request, uploadID: String) async -> S3Response {
        guard uploads.upload(uploadID) != nil else { return .error(.noSuchUpload(uploadID), ids: request.ids, isHead: false) }
        await finish(uploadID, in: request.bucket)
        return .empty(.noContent, ids: request.ids)
    }

    /// Ends an upload, deleting its staged parts on the bucket's I/O threads.
    private func finish(_ uploadID: String, in bucket: FolderBucket) async {
        let uploads = self.uploads
        try? await bucket.offload { uploads.finish(uploadID) }
    }
}
