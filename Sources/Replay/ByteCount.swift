/// Human-readable byte counts and numbers for reports.
enum ByteCount {
    /// `1536` → `1.5 KiB`; exact multiples print without decimals (`100 MB` stays `100 MB`).
    static func format(_ bytes: Int) -> String {
        let decimal: [(String, Double)] = [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)]
        let binary: [(String, Double)] = [("TiB", 1_099_511_627_776), ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024)]
        let value = Double(bytes)
        for (unit, size) in decimal + binary where value >= size && value.truncatingRemainder(dividingBy: size) == 0 {
            return "\(Int(value / size)) \(unit)"
        }
        for (unit, size) in binary where value >= size {
            return "\(decimals(value / size, 1)) \(unit)"
        }
        return "\(bytes) B"
    }

    /// `value` with exactly `places` decimals.
    static func decimals(_ value: Double, _ places: Int) -> String {
        guard value.isFinite else { return "-" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int(scaled / scale)
        let fraction = Int(scaled) - whole * Int(scale)
        let sign = value < 0 && scaled != 0 ? "-" : ""
        guard places > 0 else { return sign + "\(whole)" }
        let digits = String(fraction)
        return sign + "\(whole)." + String(repeating: "0", count: places - digits.count) + digits
    }

    /// `1234567` → `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }
}
