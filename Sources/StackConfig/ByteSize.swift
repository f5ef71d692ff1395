/// Byte counts as people write them in the stack file: `256MiB`, `64KiB`, `1.5GB`, `500 MB` or plain bytes.
/// `KB`, `MB`, `GB`, `TB` are powers of 1000 and `KiB`, `MiB`, `GiB`, `TiB` powers of 1024 (IEC 80000-13);
/// units are read in any case.
public enum ByteSize {
    static let units: [(suffix: String, multiplier: Int)] = [
        ("kib", 1 << 10), ("mib", 1 << 20), ("gib", 1 << 30), ("tib", 1 << 40),
        ("kb", 1_000), ("mb", 1_000_000), ("gb", 1_000_000_000), ("tb", 1_000_000_000_000),
        ("b", 1),
    ]

    /// How a message shows what is accepted.
    static let expected = "a size like 256MiB, 64KiB, 1GB or a number of bytes"

    /// The number of bytes `text` names; nil for anything else, negative sizes and overflow included.
    public static func parse(_ text: some StringProtocol) -> Int? {
        var characters = Substring(text)
        while characters.first == " " { characters = characters.dropFirst() }
        while characters.last == " " { characters = characters.dropLast() }
        let trimmed = characters.lowercased()
        var number = Substring(trimmed)
        var multiplier = 1
        if let unit = units.first(where: { trimmed.hasSuffix($0.suffix) }) {
            number = trimmed.dropLast(unit.suffix.count)
            multiplier = unit.multiplier
            while number.last == " " { number = number.dropLast() }
        }
        let parts = number.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy(\.isASCIIDigit), let wholeValue = Int(whole) else {
            return nil
        }
        let (scaled, overflow) = wholeValue.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        guard parts.count == 2 else { return scaled }
        // A fraction of the unit, rounded down to whole bytes: `1.5KiB` is 1536.
        let fraction = parts[1]
        guard !fraction.isEmpty, fraction.count <= 9, fraction.allSatisfy(\.isASCIIDigit), let fractionValue = Int(fraction) else {
            return nil
        }
        var denominator = 1
        for _ in 0..<fraction.count { denominator *= 10 }
        let (fractionBytes, fractionOverflow) = fractionValue.multipliedReportingOverflow(by: multiplier)
        guard !fractionOverflow else { return nil }
        let (total, totalOverflow) = scaled.addingReportingOverflow(fractionBytes / denominator)
        return totalOverflow ? nil : total
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
