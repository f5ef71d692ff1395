import Testing

@testable import StackConfig

@Suite struct SuggestionTests {
    @Test func closeSpellingsFindTheirKey() {
        let keys = ["pathPattern", "targetOriginId", "viewerProtocolPolicy"]
        #expect(Suggestion.closest(to: "pathPatern", among: keys) == "pathPattern")
        #expect(Suggestion.closest(to: "pathPatetrn", among: keys) == "pathPattern")
        #expect(Suggestion.closest(to: "TargetOriginID", among: keys) == "targetOriginId")
        #expect(Suggestion.closest(to: "viewerProtocol", among: keys) == "viewerProtocolPolicy")
        #expect(Suggestion.closest(to: "origin", among: keys) == nil)
        #expect(Suggestion.closest(to: "pp", among: keys) == nil)
    }

    @Test func editDistanceCountsASwapAsOneEdit() {
        func distance(_ a: String, _ b: String) -> Int {
            Suggestion.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
        }
        #expect(distance("kitten", "sitting") == 3)
        #expect(distance("ab", "ba") == 1)
        #expect(distance("", "abc") == 3)
        #expect(distance("same", "same") == 0)
    }
}
