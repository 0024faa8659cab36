/// About how wide `text` is when set at `size` in a sans-serif font (for layout only; the page never
/// depends on the exact width, it leaves room).
func estimatedWidth(_ text: String, size: Double) -> Double {
    var em = 0.0
    for character in text { em += estimatedEms(character) }
    return em * size
}

/// About how wide one character is, in ems.
private func estimatedEms(_ character: Character) -> Double {
    switch character {
    case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ", "I":
        return 0.32
    case "m", "w", "M", "W", "%", "@":
        return 0.85
    case _ where character.isUppercase:
        return 0.66
    case _ where character.unicodeScalars.first.map(isWide) == true:
        return 1.0
    case _ where character.isNumber:
        // Digits are as wide as each other in most fonts, wider than the average lowercase letter.
        return 0.64
    default:
        // A little over the average lowercase letter of the wider common fonts (DejaVu Sans, which a
        // Linux browser falls back to): a legend entry measured short ran into the next one.
        return 0.6
    }
}

/// East Asian wide and emoji characters, which take about a whole em.
private func isWide(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
        0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD:
        return true
    default:
        return false
    }
}

/// `text` shortened with "…" to fit `width` at `size`, or `nil` when not even one letter fits.
///
/// One pass over the text: the longest beginning that leaves room for the "…" (a 10,000-character name
/// took 103 s when the text was shortened one character at a time and measured again).
func fitted(_ text: String, width: Double, size: Double) -> String? {
    // The same sums, in the same order, as `estimatedWidth` of each candidate would make.
    let ellipsis = estimatedEms("…")
    var used = 0.0
    var end = text.startIndex
    for index in text.indices {
        used += estimatedEms(text[index])
        if (used + ellipsis) * size <= width { end = text.index(after: index) }
    }
    if used * size <= width { return text }
    return end == text.startIndex ? nil : text[..<end] + "…"
}
