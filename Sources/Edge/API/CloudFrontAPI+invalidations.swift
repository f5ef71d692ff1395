import AWSXML
import HTTPSemantics
import NIOCore
import NIOHTTP1

extension CloudFrontAPI {
    /// CreateInvalidation: 201 with the invalidation and its `Location`; a repeated request gets the same answer.
    func createInvalidation(distributionID: String, body: ByteBuffer?, host: String?, requestID: String) -> CloudFrontAPIResponse {
        guard ledger.distribution(withID: distributionID) != nil else { return .error(.noSuchDistribution, requestID: requestID) }
        guard let body, body.readableBytes > 0 else {
            return .error(
                code: "MissingBody",
                message: "This operation requires a body. Ensure that the body is present and the Content-Type header is set.",
                status: 400,
                requestID: requestID
            )
        }
        let batch: InvalidationBatch
        switch Self.invalidationBatch(from: body) {
        case .success(let parsed): batch = parsed
        case .failure(let problem): return .error(code: problem.code, message: problem.message, status: 400, requestID: requestID)
        }
        do {
            let invalidation = try ledger.create(batch, distributionID: distributionID).invalidation
            let location =
                "\(host.map { "http://" + $0 } ?? "https://cloudfront.amazonaws.com")/\(Self.version)/distribution/\(distributionID)/invalidation/\(invalidation.id)"
            return .xml(invalidationDocument(invalidation), status: .created, requestID: requestID, extraHeaders: [("Location", location)])
        } catch {
            return .error(error, requestID: requestID)
        }
    }

    func getInvalidation(id: String, distributionID: String, requestID: String) -> CloudFrontAPIResponse {
        do {
            return .xml(invalidationDocument(try ledger.invalidation(id: id, distributionID: distributionID)), requestID: requestID)
        } catch {
            return .error(error, requestID: requestID)
        }
    }

    /// ListInvalidations: newest first, `MaxItems` a page (100 by default), `Marker` the id the page starts after.
    func listInvalidations(distributionID: String, _ parameters: [String: String], requestID: String) -> CloudFrontAPIResponse {
        do {
            let all = try ledger.invalidations(distributionID: distributionID)
            let maxItems = try Self.maxItems(parameters).get()
            let marker = parameters["Marker"] ?? ""
            var start = 0
            if !marker.isEmpty { start = all.firstIndex { $0.id == marker }.map { $0 + 1 } ?? all.count }
            let page = Array(all[start..<min(all.count, start + maxItems)])
            let isTruncated = start + page.count < all.count
            let now = ledger.clock.now
            var writer = XMLWriter(root: "InvalidationList")
            writer.element("Marker", marker)
            if isTruncated, let last = page.last { writer.element("NextMarker", last.id) }
            writer.element("MaxItems", maxItems)
            writer.element("IsTruncated", isTruncated)
            writer.quantityAndItems(page) { writer, invalidation in
                writer.group("InvalidationSummary") { writer in
                    writer.element("Id", invalidation.id)
                    writer.element("CreateTime", ISO8601Timestamp.format(epochSeconds: invalidation.createTime))
                    writer.element("Status", invalidation.status(at: now).rawValue)
                }
            }
            return .xml(writer.finished(root: "InvalidationList"), requestID: requestID)
        } catch {
            return .error(error, requestID: requestID)
        }
    }

    /// The `<Invalidation>` document of CreateInvalidation and GetInvalidation.
    func invalidationDocument(_ invalidation: Invalidation) -> String {
        var writer = XMLWriter(root: "Invalidation")
        writer.element("Id", invalidation.id)
        writer.element("Status", invalidation.status(at: ledger.clock.now).rawValue)
        writer.element("CreateTime", ISO8601Timestamp.format(epochSeconds: invalidation.createTime))
        writer.group("InvalidationBatch") { writer in
            writer.list("Paths", item: "Path", invalidation.batch.paths)
            writer.element("CallerReference", invalidation.batch.callerReference)
        }
        return writer.finished(root: "Invalidation")
    }

    /// A request document CloudFront would not read: its code and message.
    struct DocumentProblem: Error {
        var code: String
        var message: String

        static let malformed = DocumentProblem(
            code: "MalformedXML",
            message: "The XML you provided was not well-formed or did not validate against the published schema: "
                + "an InvalidationBatch needs Paths (Quantity and Items of Path) and CallerReference."
        )
    }

    /// Reads `<InvalidationBatch><Paths><Quantity/><Items><Path/>…</Items></Paths><CallerReference/></InvalidationBatch>`.
    static func invalidationBatch(from body: ByteBuffer) -> Result<InvalidationBatch, DocumentProblem> {
        guard let root = try? XML.parse(body.readableBytesView), root.name == "InvalidationBatch",
            let pathsElement = root.child("Paths"), let quantityText = pathsElement.child("Quantity")?.text,
            let quantity = Int(quantityText.trimmingWhitespace), let reference = root.child("CallerReference")
        else { return .failure(.malformed) }
        let paths = pathsElement.child("Items")?.children("Path").map(\.text) ?? []
        guard paths.count == quantity else {
            return .failure(DocumentProblem(code: "InconsistentQuantities", message: "The value of Quantity and the size of Items don't match."))
        }
        return .success(InvalidationBatch(paths: paths, callerReference: reference.text))
    }
}

extension String {
    var trimmingWhitespace: Substring {
        var text = self[...]
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return text
    }
}
