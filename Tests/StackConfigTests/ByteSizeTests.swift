import Testing

@testable import StackConfig

@Suite struct ByteSizeTests {
    @Test(arguments: [
        ("256MiB", 268_435_456),
        ("256MB", 256_000_000),
        ("64KiB", 65_536),
        ("64kib", 65_536),
        ("1GB", 1_000_000_000),
        ("2 GiB", 2_147_483_648),
        ("1.5KiB", 1_536),
        ("0.5MB", 500_000),
        ("1TiB", 1_099_511_627_776),
        ("4096", 4_096),
        ("100B", 100),
    ])
    func sizesAreReadWithTheirUnits(text: String, bytes: Int) {
        #expect(ByteSize.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "1.5XB", "-1MB", "1..5MB", "1.MB", "ten MB", "99999999999TiB", "1e6"])
    func otherTextIsNotASize(text: String) {
        #expect(ByteSize.parse(text) == nil)
    }
}
