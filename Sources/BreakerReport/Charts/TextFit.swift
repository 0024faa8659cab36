/// About how wide `text` is when set at `size` in a sans-serif font (for layout only; the page never
/// depends on the exact width, it leaves room).
func estimatedWidth(_ text: String, size: Double) -> Double {
    var em = 0.0
    for character in text {
        switch character {
        case "i", "l", "j", "t", "f", "r", ".", ",", ":", ";", "'", "|", "!", "(", ")", "[", "]", " ", "I":
            em += 0.32
        case "m", "w", "M", "W", "%", "@":
            em += 0.85
        case _ where character.isUppercase:
            em += 0.66
        default:
            em += 0.56
        }
    }
    return em * size
}

/// `text` shortened with "…" to fit `width` at `size`, or `nil` when not even one letter fits.
func fitted(_ text: String, width: Double, size: Double) -> String? {
    if estimatedWidth(text, size: size) <= width { return text }
    var shortened = text
    while !shortened.isEmpty {
        shortened.removeLast()
        let candidate = shortened + "…"
        if estimatedWidth(candidate, size: size) <= width { return shortened.isEmpty ? nil : candidate }
    }
    return nil
}
