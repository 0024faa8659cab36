/// How a report draws its charts.
public enum ReportStyle: String, Sendable, CaseIterable {
    /// The Okabe–Ito palette, safe for colour-blind readers.
    case color
    /// Black, greys, hatching and dashes only: for greyscale printers and `NO_COLOR` readers.
    case mono
}
