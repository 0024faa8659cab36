import BreakerCore

/// Glyphs and colours of the dashboard, chosen for the terminal at hand.
///
/// Without colour (`NO_COLOR`, or a terminal without colours) the states still differ by glyph: the
/// timeline's bar height says the state (low closed, half-height half-open, full open). Without a
/// UTF-8 locale every glyph has an ASCII fallback.
public struct Theme: Sendable {
    /// Whether to draw in colour; without it, states differ by glyph alone.
    public let color: Bool
    /// Whether to draw Unicode glyphs; without it, every glyph has an ASCII fallback.
    public let unicode: Bool

    /// A theme with colour and Unicode as given; ``detect(environment:terminalHasColors:utf8Locale:)``
    /// chooses them for the terminal at hand.
    public init(color: Bool, unicode: Bool) {
        self.color = color
        self.unicode = unicode
    }

    /// The theme for an environment: colour unless `NO_COLOR` is set (any value) or the terminal has
    /// none; Unicode when the locale's character set is UTF-8.
    public static func detect(environment: [String: String], terminalHasColors: Bool, utf8Locale: Bool)
        -> Theme
    {
        Theme(color: terminalHasColors && environment["NO_COLOR"] == nil, unicode: utf8Locale)
    }

    func glyph(_ state: CircuitState?) -> Unicode.Scalar {
        switch state {
        case .closed?: unicode ? "▁" : "_"
        case .halfOpen?: unicode ? "▄" : "o"
        case .open?: unicode ? "█" : "#"
        case nil: unicode ? "·" : "."
        }
    }

    func glyph(_ probe: TimelineMark.Probe) -> Unicode.Scalar? {
        switch probe {
        case .none: nil
        case .sent: unicode ? "◆" : "?"
        case .succeeded: unicode ? "✓" : "+"
        case .failed: unicode ? "✗" : "x"
        }
    }

    func stateColor(_ state: CircuitState?) -> Color {
        switch state {
        case .closed?: .green
        case .halfOpen?: .yellow
        case .open?: .red
        case nil: .default
        }
    }

    /// The look of a timeline cell or heat cell.
    func style(_ state: CircuitState?, probe: TimelineMark.Probe = .none) -> Style {
        guard color else { return Style(bold: state == .open || probe != .none) }
        switch probe {
        case .failed: return Style(foreground: .white, background: .red, bold: true)
        // Black on colour is never bold: terminals that brighten bold turn it dark grey.
        case .succeeded: return Style(foreground: .black, background: .green)
        case .sent: return Style(foreground: .black, background: .yellow)
        case .none: return Style(foreground: stateColor(state), dim: state == nil)
        }
    }

    /// The state badge: white on the state's colour (black, not bold, on half-open's yellow).
    func badgeStyle(_ state: CircuitState) -> Style {
        // Without colour, OPEN is reverse video and HALF-OPEN bold: they differ by look as well as by text.
        guard color else { return Style(bold: state != .closed, reverse: state == .open) }
        let background: Color = stateColor(state)
        return state == .halfOpen
            ? Style(foreground: .black, background: background)
            : Style(foreground: .white, background: background, bold: true)
    }

    var header: Style {
        color ? Style(foreground: .white, background: .blue, bold: true) : Style(reverse: true)
    }
    var dim: Style { Style(dim: true) }
    var bold: Style { Style(bold: true) }
    var selected: Style { Style(bold: true, reverse: true) }
    var warning: Style { color ? Style(foreground: .red, bold: true) : Style(bold: true) }
    var phase: Style { color ? Style(foreground: .magenta, bold: true) : Style(bold: true) }
    var healthy: Style { color ? Style(foreground: .green) : .plain }

    var vertical: String { unicode ? "│" : "|" }
    var horizontal: Unicode.Scalar { unicode ? "─" : "-" }
    var arrow: String { unicode ? "→" : "->" }
    var ellipsis: String { unicode ? "…" : "..." }
    var gaugeFull: Unicode.Scalar { unicode ? "■" : "*" }
    var gaugeEmpty: Unicode.Scalar { unicode ? "□" : "." }
    var sparkLevels: [Unicode.Scalar] {
        unicode
            ? [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : [" ", ".", ".", ":", ":", "|", "|", "#", "#"]
    }
}
