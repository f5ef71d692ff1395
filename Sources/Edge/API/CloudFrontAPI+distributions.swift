import HTTPSemantics

extension CloudFrontAPI {
    /// GetDistribution: the distribution as CloudFront describes a deployed one, with its `ETag`.
    func getDistribution(id: String, requestID: String) -> CloudFrontAPIResponse {
        guard let distribution = ledger.distribution(withID: id) else { return .error(.noSuchDistribution, requestID: requestID) }
        var config = XMLWriter.fragment()
        DistributionView(distribution: distribution).writeConfig(into: &config)
        var writer = XMLWriter(root: "Distribution")
        writer.element("Id", distribution.id)
        writer.element("ARN", arn(distribution))
        writer.element("Status", "Deployed")
        writer.element("LastModifiedTime", ISO8601Timestamp.format(epochSeconds: ledger.deployedAt))
        writer.element("InProgressInvalidationBatches", ledger.inProgressCount(distributionID: distribution.id))
        writer.element("DomainName", distribution.domainName)
        for signers in ["ActiveTrustedSigners", "ActiveTrustedKeyGroups"] {
            writer.group(signers) { writer in
                writer.element("Enabled", false)
                writer.element("Quantity", 0)
            }
        }
        writer.group("DistributionConfig") { $0.append(config) }
        return .xml(
            writer.finished(root: "Distribution"),
            requestID: requestID,
            extraHeaders: [("ETag", DistributionView.etag(ofConfig: config.text))]
        )
    }

    /// ListDistributions: in the stack's order, `MaxItems` a page (100 by default), `Marker` the id the page starts after.
    func listDistributions(_ parameters: [String: String], requestID: String) -> CloudFrontAPIResponse {
        let maxItems: Int
        switch Self.maxItems(parameters) {
        case .success(let value): maxItems = value
        case .failure(let error): return .error(error, requestID: requestID)
        }
        let all = ledger.distributions
        let marker = parameters["Marker"] ?? ""
        var start = 0
        if !marker.isEmpty { start = all.firstIndex { $0.id == marker }.map { $0 + 1 } ?? all.count }
        let page = Array(all[start..<min(all.count, start + maxItems)])
        let isTruncated = start + page.count < all.count
        var writer = XMLWriter(root: "DistributionList")
        writer.element("Marker", marker)
        if isTruncated, let last = page.last { writer.element("NextMarker", last.id) }
        writer.element("MaxItems", maxItems)
        writer.element("IsTruncated", isTruncated)
        writer.quantityAndItems(page) { writer, distribution in
            let view = DistributionView(distribution: distribution)
            var config = XMLWriter.fragment()
            view.writeConfig(into: &config)
            writer.group("DistributionSummary") { writer in
                writer.element("Id", distribution.id)
                writer.element("ARN", arn(distribution))
                writer.element("ETag", DistributionView.etag(ofConfig: config.text))
                writer.element("Status", "Deployed")
                writer.element("LastModifiedTime", ISO8601Timestamp.format(epochSeconds: ledger.deployedAt))
                writer.element("DomainName", distribution.domainName)
                view.writeSummary(into: &writer)
            }
        }
        return .xml(writer.finished(root: "DistributionList"), requestID: requestID)
    }

    func arn(_ distribution: Distribution) -> String {
        "arn:aws:cloudfront::" + configuration.accountID + ":distribution/" + distribution.id
    }
}
