// "Did you mean" for keys, names and choices: the nearest candidate, when it is close enough to be a
// plausible typo.

/// The candidate closest to `input`, if one is close enough to be a plausible typo.
///
/// Case, `_` and `-` are ignored first (`allowedFails` → `allowed_fails`); otherwise the
/// optimal-string-alignment distance (insertions, deletions, substitutions, transpositions) must be
/// small relative to the candidate's length.
func suggestion(for input: String, among candidates: [String]) -> String? {
    func normalized(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" && $0 != " " })
    }
    guard !input.isEmpty, input.utf8.count <= 256 else { return nil }
    let normalizedInput = normalized(input)
    if let exact = candidates.first(where: { normalized($0) == normalizedInput }) {
        return exact
    }
    let a = Array(input.lowercased().unicodeScalars)
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
        let b = Array(candidate.lowercased().unicodeScalars)
        let limit = max(1, min(3, b.count / 3))
        guard abs(a.count - b.count) <= limit else { continue }
        let distance = editDistance(a, b)
        if distance <= limit, distance < (best?.distance ?? Int.max) {
            best = (candidate, distance)
        }
    }
    return best?.candidate
}

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previousPrevious = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                value = min(value, previousPrevious[j - 2] + 1)
            }
            current[j] = value
        }
        (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[b.count]
}
