/// "Did you mean" for misspelt keys and names (`pathPatern`, `CachingOptimised`), by edit distance.
enum Suggestion {
    /// The candidate closest to `word`, if it is close enough to be what was meant. Case is ignored, so a
    /// CloudFormation spelling (`PathPattern`) finds its lowerCamelCase key; failing that, a candidate the word
    /// begins (`AllViewerExceptHost` for `AllViewerExceptHostHeader`).
    static func closest(to word: String, among candidates: some Collection<String>) -> String? {
        let lowered = word.lowercased()
        let target = Array(lowered.unicodeScalars)
        let allowed = max(1, min(3, target.count / 3))
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased().unicodeScalars))
            if distance <= allowed, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        if let best { return best.candidate }
        guard target.count >= 4 else { return nil }
        return candidates.filter { $0.lowercased().hasPrefix(lowered) }.min { $0.count < $1.count }
    }

    /// Levenshtein distance, with a swap of two neighbours counting as one edit (`pathPatetrn`).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousRow = [Int](repeating: 0, count: b.count + 1)
        var row = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = row[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(row[j] + 1, current[j - 1] + 1, substitution)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previousRow[j - 2] + 1)
                }
            }
            previousRow = row
            row = current
        }
        return row[b.count]
    }
}
