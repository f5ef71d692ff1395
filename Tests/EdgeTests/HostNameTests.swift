import Testing

@testable import Edge

/// How `Host` picks a distribution: port, IPv6 brackets and a final dot dropped, case ignored (RFC 9110 §7.2,
/// RFC 3986 §3.2.2), and the lower-case host returned as it came.
@Suite struct HostNameTests {
    @Test(arguments: [
        ("app.edgesim.test", "app.edgesim.test"),
        ("app.edgesim.test:8443", "app.edgesim.test"),
        ("App.EdgeSim.TEST:443", "app.edgesim.test"),
        ("app.edgesim.test.", "app.edgesim.test"),
        ("app.edgesim.test.:80", "app.edgesim.test"),
        ("[::1]:8443", "::1"),
        ("[2001:DB8::1]", "2001:db8::1"),
        ("localhost", "localhost"),
        ("", ""),
        (".", ""),
        ("ÉCOLE.test", "école.test"),
    ])
    func hostNamesAreNormalised(host: String, name: String) {
        #expect(DistributionTable.hostName(Substring(host)) == name)
    }

    @Test func aSubstringOfALargerStringIsReadInPlace() {
        let header = "Host: APP.edgesim.test:8443"
        let host = header[header.index(header.startIndex, offsetBy: 6)...]
        #expect(DistributionTable.hostName(host) == "app.edgesim.test")
    }
}
