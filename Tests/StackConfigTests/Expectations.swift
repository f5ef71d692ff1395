import Edge
import Testing

/// Field-by-field equality for the Edge configuration types that are not `Equatable` themselves.
func expectSame(_ actual: Distribution, _ expected: Distribution, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.id == expected.id, sourceLocation: sourceLocation)
    #expect(actual.domainName == expected.domainName, sourceLocation: sourceLocation)
    #expect(actual.aliases == expected.aliases, sourceLocation: sourceLocation)
    #expect(actual.origins == expected.origins, sourceLocation: sourceLocation)
    #expect(actual.defaultRootObject == expected.defaultRootObject, sourceLocation: sourceLocation)
    #expect(actual.customErrorResponses == expected.customErrorResponses, sourceLocation: sourceLocation)
    expectSame(actual.defaultCacheBehavior, expected.defaultCacheBehavior, sourceLocation: sourceLocation)
    #expect(actual.cacheBehaviors.count == expected.cacheBehaviors.count, sourceLocation: sourceLocation)
    for (behavior, expectedBehavior) in zip(actual.cacheBehaviors, expected.cacheBehaviors) {
        expectSame(behavior, expectedBehavior, sourceLocation: sourceLocation)
    }
}

func expectSame(_ actual: CacheBehavior, _ expected: CacheBehavior, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.pathPattern == expected.pathPattern, sourceLocation: sourceLocation)
    #expect(actual.targetOriginId == expected.targetOriginId, sourceLocation: sourceLocation)
    #expect(actual.viewerProtocolPolicy == expected.viewerProtocolPolicy, sourceLocation: sourceLocation)
    #expect(actual.allowedMethods == expected.allowedMethods, sourceLocation: sourceLocation)
    #expect(actual.cacheOptions == expected.cacheOptions, sourceLocation: sourceLocation)
    #expect(actual.cachePolicy == expected.cachePolicy, sourceLocation: sourceLocation)
    #expect(actual.originRequestPolicy == expected.originRequestPolicy, sourceLocation: sourceLocation)
    #expect(actual.compress == expected.compress, sourceLocation: sourceLocation)
}
