import Bucket
import Edge
import Foundation

extension StackDecoder {
    /// The sections other issues' modules read (ElastiCache, Route 53).
    static let passThroughSections = ["hostedZones"]

    static let topLevelKeys = Keys(
        allowed: [
            "buckets", "edge", "invalidation", "distributions", "cachePolicies", "originRequestPolicies", "responseHeadersPolicies",
        ] + gatewaySections + ["tables", "store", "readCache"] + passThroughSections,
        notes: [
            "Resources": "this is not a CloudFormation template: write the sections (buckets, distributions, ...) at the top level",
            "AWSTemplateFormatVersion": "this is not a CloudFormation template: write the sections (buckets, distributions, ...) at the top level",
        ],
        allowsExtensions: true
    )

    static let bucketKeys = Keys(allowed: ["path", "missingKeyStatus", "autoInvalidate"])
    static let invalidationKeys = Keys(allowed: ["completionDelay"])
    static let edgeKeys = Keys(allowed: ["pops", "cacheCapacity", "evictionPolicy"])

    /// Reads a whole stack file. Buckets and policies come first: distributions refer to them.
    mutating func stack(_ root: StackNode?) -> Stack {
        var stack = Stack(file: file, baseDirectory: baseDirectory)
        guard let root else {
            report("the stack file is empty; describe at least a bucket and a distribution (see the example edgesim.yml)", at: nil, .root)
            return stack
        }
        guard root.pairs != nil else {
            report("must be a mapping of sections (buckets:, edge:, distributions:, ...); got \(root.kindDescription)", at: root, .root)
            return stack
        }
        guard let fields = fields(root, .root, Self.topLevelKeys) else { return stack }
        if let node = fields["buckets"] { stack.buckets = buckets(node, .root.key("buckets")) }
        if let node = fields["edge"] { stack.edge = edgeSettings(node, .root.key("edge")) }
        if let node = fields["cachePolicies"] { stack.cachePolicies = cachePolicies(node, .root.key("cachePolicies")) }
        if let node = fields["originRequestPolicies"] {
            stack.originRequestPolicies = originRequestPolicies(node, .root.key("originRequestPolicies"))
        }
        if let node = fields["responseHeadersPolicies"] {
            stack.responseHeadersPolicies = responseHeadersPolicies(node, .root.key("responseHeadersPolicies"))
        }
        if let node = fields["invalidation"] { stack.invalidation = invalidationSettings(node, .root.key("invalidation")) }
        if let node = fields["distributions"] { stack.distributions = distributions(node, .root.key("distributions")) }
        dataTier(fields, into: &stack)
        if let node = fields["readCache"] { stack.readCache = readCacheSettings(node, .root.key("readCache")) }
        stack.hostedZones = passThrough(fields, "hostedZones")
        return stack
    }

    /// Another module's section: kept as written, only checked to be a mapping or a list.
    private mutating func passThrough(_ fields: Fields, _ key: String) -> StackNode? {
        guard let node = fields[key] else { return nil }
        guard node.pairs != nil || node.elements != nil else {
            report("must be a mapping or a list; got \(node.kindDescription)", at: node, fields.path.key(key))
            return nil
        }
        return node
    }

    // MARK: - buckets

    /// `buckets:` maps names to `{ path, missingKeyStatus }`, or straight to a folder (`site: ./site`).
    mutating func buckets(_ node: StackNode, _ path: FieldPath) -> [String: Stack.BucketDefinition] {
        guard let pairs = node.pairs else {
            report("must be a mapping of bucket names to folders, like site: { path: ./site }; got \(node.kindDescription)", at: node, path)
            return [:]
        }
        var buckets: [String: Stack.BucketDefinition] = [:]
        for pair in pairs {
            guard let name = string(pair.key, path) else { continue }
            let bucketPath = path.key(name)
            checkBucketName(name, at: pair.key, bucketPath)
            bucketNames.append(name)
            var definition = Stack.BucketDefinition(name: name, path: "")
            if case .scalar = pair.value.content, let folder = pair.value.string {
                definition.path = checkedFolder(folder, at: pair.value, bucketPath)
            } else if let fields = fields(pair.value, bucketPath, Self.bucketKeys) {
                if let folder = requiredString(fields, "path", "name the folder to serve, like ./dist") {
                    definition.path = checkedFolder(folder, at: fields["path"], bucketPath.key("path"))
                }
                if let statusNode = fields["missingKeyStatus"], let status = missingKeyStatus(statusNode, bucketPath.key("missingKeyStatus")) {
                    definition.missingKeyStatus = status
                }
                definition.autoInvalidate = bool(fields, "autoInvalidate") ?? definition.autoInvalidate
            }
            buckets[name] = definition
        }
        return buckets
    }

    /// S3's naming rule: 3 to 63 lower-case letters, digits, dots and hyphens, a letter or digit at each end.
    private mutating func checkBucketName(_ name: String, at node: StackNode, _ path: FieldPath) {
        let allowed = name.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "." || $0 == "-") }
        let ends = [name.first, name.last].allSatisfy { $0.map { $0.isASCII && ($0.isLowercase || $0.isNumber) } ?? false }
        if !(3...63).contains(name.count) || !allowed || !ends {
            report(
                "a bucket name is 3 to 63 lower-case letters, digits, dots or hyphens, starting and ending with a letter or digit",
                at: node,
                path
            )
        }
    }

    /// The folder as an absolute path (relative ones start at the stack file's folder), reported when missing.
    private mutating func checkedFolder(_ folder: String, at node: StackNode?, _ path: FieldPath) -> String {
        let resolved = StackLoader.absolutePath(folder, relativeTo: baseDirectory)
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            report(
                "folder \"\(resolved)\" does not exist; build the app first or fix the path (a relative path starts at the stack file's folder)",
                at: node,
                path
            )
        } else if !isDirectory.boolValue {
            report("\"\(resolved)\" is a file; a bucket serves a folder", at: node, path)
        }
        return resolved
    }

    private mutating func missingKeyStatus(_ node: StackNode, _ path: FieldPath) -> MissingKeyStatus? {
        switch node.int {
        case 403: return .accessDenied
        case 404: return .noSuchKey
        default:
            report(
                "must be 403 (AccessDenied: S3 behind origin access control without s3:ListBucket) or 404 (NoSuchKey); got \(node.kindDescription)",
                at: node,
                path
            )
            return nil
        }
    }

    // MARK: - invalidation

    /// `invalidation: { completionDelay: 2 }`: seconds an invalidation stays InProgress.
    mutating func invalidationSettings(_ node: StackNode, _ path: FieldPath) -> InvalidationLedger.Configuration {
        var settings = InvalidationLedger.Configuration()
        guard let fields = fields(node, path, Self.invalidationKeys), let delayNode = fields["completionDelay"] else { return settings }
        if let text = delayNode.string, let seconds = Double(text), seconds >= 0, seconds <= 3_600 {
            settings.completionDelay = seconds
        } else {
            report(
                "must be a number of seconds from 0 to 3600 (how long an invalidation stays InProgress); got \(delayNode.kindDescription)",
                at: delayNode,
                path.key("completionDelay")
            )
        }
        return settings
    }

    // MARK: - edge

    mutating func edgeSettings(_ node: StackNode, _ path: FieldPath) -> Stack.EdgeSettings {
        var settings = Stack.EdgeSettings()
        guard let fields = fields(node, path, Self.edgeKeys) else { return settings }
        if let pops = strings(fields, "pops") {
            if pops.isEmpty {
                report("needs at least one POP code, like IAD89-P1", at: fields["pops"], path.key("pops"))
            }
            var seen: Set<String> = []
            for (index, pop) in pops.enumerated() {
                if !Self.isPOPCode(pop.value) {
                    report(
                        "\"\(pop.value)\" is not a POP code: an IATA airport code, a number, \"-\", C, P or E and a digit, like IAD89-P1",
                        at: pop.node,
                        path.key("pops").index(index)
                    )
                } else if !seen.insert(pop.value).inserted {
                    report("POP \(pop.value) is listed twice", at: pop.node, path.key("pops").index(index))
                }
            }
            if !pops.isEmpty { settings.pops = pops.map(\.value) }
        }
        if let capacityNode = fields["cacheCapacity"] {
            if let bytes = capacityNode.int ?? capacityNode.string.flatMap(ByteSize.parse), bytes > 0 {
                settings.cacheCapacity = bytes
            } else {
                report("must be \(ByteSize.expected), above 0; got \(capacityNode.kindDescription)", at: capacityNode, path.key("cacheCapacity"))
            }
        }
        if let policy = choice(fields, "evictionPolicy", Stack.EvictionPolicyName.self) {
            settings.evictionPolicy = policy
        }
        return settings
    }

    /// `IAD89-P1`: three upper-case letters, a number, `-`, C, P or E, and a digit.
    static func isPOPCode(_ code: String) -> Bool {
        let bytes = Array(code.utf8)
        guard let dash = bytes.firstIndex(of: UInt8(ascii: "-")), dash > 3, bytes.count == dash + 3 else { return false }
        let isUpper = { (byte: UInt8) in (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) }
        let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
        return bytes[0..<3].allSatisfy(isUpper) && bytes[3..<dash].allSatisfy(isDigit)
            && [UInt8(ascii: "C"), UInt8(ascii: "P"), UInt8(ascii: "E")].contains(bytes[dash + 1]) && isDigit(bytes[dash + 2])
    }
}
