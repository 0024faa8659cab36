import BreakerCore

/// Glyphs and colours of the dashboard, chosen for the terminal at hand.
///
/// Without colour (`NO_COLOR`, or a terminal without colours) the states still differ by glyph: the
/// timeline's bar height says the state (low closed, half-height half-open, full open). Without a
/// UTF-8 locale every glyph has an ASCII fallback. With 256 colours the palette is colour-blind safe
/// (blue closed, orange open, grey half-open; see ``ColorScheme``); with 8 it falls back to the basic
/// colours. A light background (`--theme light`) gets colours that stay visible on white.
public struct Theme: Sendable {
    /// The terminal's background, which decides the colours that stay readable on it.
    public enum Background: String, Sendable, CaseIterable {
        /// Light text on a dark background: most terminals.
        case dark
        /// Dark text on a light background: light terminal themes and white projector screens.
        case light
    }

    /// Whether to draw in colour; without it, states differ by glyph alone.
    public let color: Bool
    /// Whether to draw Unicode glyphs; without it, every glyph has an ASCII fallback.
    public let unicode: Bool
    /// Whether the 256-colour palette is used (the terminal has it); otherwise the eight basic colours.
    public let extendedColors: Bool
    /// The background the colours are chosen for.
    public let background: Background
    /// The colours of every role.
    public let scheme: ColorScheme

    /// A theme with colour, colour depth, Unicode and background as given;
    /// ``detect(environment:terminalColors:utf8Locale:background:)`` chooses them for the terminal at
    /// hand.
    public init(color: Bool, unicode: Bool, extendedColors: Bool = true, background: Background = .dark) {
        self.color = color
        self.unicode = unicode
        self.extendedColors = color && extendedColors
        self.background = background
        scheme = ColorScheme.for(extended: color && extendedColors, background: background)
    }

    /// The theme for an environment and a terminal.
    ///
    /// Colour unless `NO_COLOR` is set (any value) or the terminal has none, the 256-colour palette
    /// when the terminal has at least 256 colours; Unicode when the locale's character set is UTF-8.
    /// The background is the one asked for, else the one `COLORFGBG` names (set by rxvt, Konsole and
    /// others: a background of 7 or 9–15 is light), else dark.
    public static func detect(
        environment: [String: String], terminalColors: Int, utf8Locale: Bool, background: Background? = nil
    ) -> Theme {
        Theme(
            color: terminalColors >= 8 && environment["NO_COLOR"] == nil, unicode: utf8Locale,
            extendedColors: terminalColors >= 256,
            background: background ?? Self.background(colorfgbg: environment["COLORFGBG"]) ?? .dark)
    }

    /// The background a `COLORFGBG` value ("foreground;background", sometimes with a middle field)
    /// names, if it names one.
    public static func background(colorfgbg: String?) -> Background? {
        guard let colorfgbg, let last = colorfgbg.split(separator: ";").last, let number = Int(last) else {
            return nil
        }
        switch number {
        case 7, 9...15: return .light
        case 0...6, 8: return .dark
        default: return nil
        }
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
        case .closed?: scheme.closed
        case .halfOpen?: scheme.halfOpen
        case .open?: scheme.open
        case nil: .default
        }
    }

    /// The look of a timeline cell or heat cell.
    func style(_ state: CircuitState?, probe: TimelineMark.Probe = .none) -> Style {
        guard color else { return Style(bold: state == .open || probe != .none) }
        switch probe {
        case .failed: return scheme.probeFailed
        case .succeeded: return scheme.probeSucceeded
        case .sent: return scheme.probeSent
        case .none: return Style(foreground: stateColor(state), dim: state == nil)
        }
    }

    /// The state badge: text on the state's colour.
    func badgeStyle(_ state: CircuitState) -> Style {
        // Without colour, OPEN is reverse video and HALF-OPEN bold: they differ by look as well as by text.
        guard color else { return Style(bold: state != .closed, reverse: state == .open) }
        switch state {
        case .closed: return scheme.closedBadge
        case .halfOpen: return scheme.halfOpenBadge
        case .open: return scheme.openBadge
        }
    }

    var header: Style { color ? scheme.header : Style(reverse: true) }
    var dim: Style { Style(dim: true) }
    var bold: Style { Style(bold: true) }
    var selected: Style { Style(bold: true, reverse: true) }
    var warning: Style { color ? Style(foreground: scheme.critical, bold: true) : Style(bold: true) }
    var phase: Style { color ? Style(foreground: scheme.phase, bold: true) : Style(bold: true) }
    var healthy: Style { color ? Style(foreground: scheme.closed) : .plain }

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
