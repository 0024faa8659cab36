/// The colour of every role the dashboard and the sweep map draw: one scheme per colour depth and
/// background.
///
/// With 256 colours the schemes are colour-blind safe: closed is blue, open orange and half-open grey,
/// which differ in hue *and* lightness, so they stay apart under deuteranopia and protanopia (the
/// red–green confusions that turn the classic green/red into one olive) and on a washed-out projector.
/// The outcome colours follow the same rule: blue good, red failed, yellow degraded or refused, grey
/// never served, and no answer (timed out, late) white on dark, purple on light. The sweep map is a
/// viridis ramp (dark purple worst, yellow best, its lightness rising all the way); the heading bar is
/// neutral grey, so that colour always means something. Dark text is never bold on colour: terminals
/// that brighten bold turn it grey. Tests check every pair of state and outcome colours under
/// simulated deuteranopia and protanopia, and every text colour's contrast with what is behind it.
///
/// With only the eight basic colours the familiar green/yellow/red stays (what those terminals can
/// show); on a light background nothing is yellow or cyan, which vanish on white.
public struct ColorScheme: Sendable {
    /// Timeline glyphs and text of each state.
    public var closed: Color, halfOpen: Color, open: Color
    /// The state badges.
    public var closedBadge: Style, halfOpenBadge: Style, openBadge: Style
    /// The timeline cell of a probe: sent, then closed the breaker, or reopened it.
    public var probeSent: Style, probeSucceeded: Style, probeFailed: Style
    /// The heading bar.
    public var header: Style
    /// Phase labels.
    public var phase: Color
    /// Text that warns, and text that alarms.
    public var warning: Color, critical: Color
    /// One colour per ``CallOutcomeKind``, in its order.
    public var calls: [Color]
    /// One colour per ``RequestOutcomeKind``, in its order.
    public var requests: [Color]
    /// The sweep map's five shades from worst to best (text on the shade).
    public var heat: [Style]

    /// The scheme for a colour depth and a background.
    public static func `for`(extended: Bool, background: Theme.Background) -> ColorScheme {
        switch (extended, background) {
        case (true, .dark): extendedDark
        case (true, .light): extendedLight
        case (false, .dark): basicDark
        case (false, .light): basicLight
        }
    }

    private static func on(_ background: Color, _ text: Color, bold: Bool = false) -> Style {
        Style(foreground: text, background: background, bold: bold)
    }

    /// Viridis from 0 to 1, each shade the nearest colour of the xterm cube, spaced so that every step
    /// is lighter for every viewer.
    private static let viridis: [Style] = [
        on(.xterm(53), .xterm(231)), on(.xterm(60), .xterm(231)), on(.xterm(36), .xterm(16)),
        on(.xterm(77), .xterm(16)), on(.xterm(226), .xterm(16)),
    ]

    /// 256 colours on a dark background.
    public static let extendedDark = ColorScheme(
        closed: .xterm(39), halfOpen: .xterm(250), open: .xterm(208),
        closedBadge: on(.xterm(25), .xterm(231), bold: true), halfOpenBadge: on(.xterm(250), .xterm(16)),
        openBadge: on(.xterm(208), .xterm(16)),
        probeSent: on(.xterm(250), .xterm(16)), probeSucceeded: on(.xterm(25), .xterm(231), bold: true),
        probeFailed: on(.xterm(208), .xterm(16)),
        header: on(.xterm(239), .xterm(231), bold: true), phase: .xterm(141),
        warning: .xterm(220), critical: .xterm(203),
        calls: [.xterm(39), .xterm(202), .xterm(255), .xterm(220), .xterm(244)],
        requests: [.xterm(39), .xterm(220), .xterm(255), .xterm(244), .xterm(202)],
        heat: viridis)

    /// 256 colours on a light background: darker blue, orange and grey, and no yellow text.
    public static let extendedLight = ColorScheme(
        closed: .xterm(25), halfOpen: .xterm(244), open: .xterm(166),
        closedBadge: on(.xterm(25), .xterm(231), bold: true), halfOpenBadge: on(.xterm(247), .xterm(16)),
        openBadge: on(.xterm(208), .xterm(16)),
        probeSent: on(.xterm(247), .xterm(16)), probeSucceeded: on(.xterm(25), .xterm(231), bold: true),
        probeFailed: on(.xterm(208), .xterm(16)),
        header: on(.xterm(240), .xterm(231), bold: true), phase: .xterm(91),
        warning: .xterm(130), critical: .xterm(160),
        calls: [.xterm(25), .xterm(88), .xterm(93), .xterm(136), .xterm(247)],
        requests: [.xterm(25), .xterm(136), .xterm(93), .xterm(247), .xterm(88)],
        heat: viridis)

    /// The eight basic colours in the shape viridis takes there (magenta, blue, cyan, green, yellow).
    private static let basicHeat: [Style] = [
        on(.magenta, .white), on(.blue, .white), on(.cyan, .black), on(.green, .black), on(.yellow, .black),
    ]

    /// Eight colours on a dark background: the classic green, yellow and red.
    public static let basicDark = ColorScheme(
        closed: .green, halfOpen: .yellow, open: .red,
        closedBadge: on(.green, .white, bold: true), halfOpenBadge: on(.yellow, .black),
        openBadge: on(.red, .white, bold: true),
        probeSent: on(.yellow, .black), probeSucceeded: on(.green, .black),
        probeFailed: on(.red, .white, bold: true),
        header: on(.blue, .white, bold: true), phase: .magenta, warning: .yellow, critical: .red,
        calls: [.green, .red, .magenta, .yellow, .cyan], requests: [.green, .yellow, .magenta, .cyan, .red],
        heat: basicHeat)

    /// Eight colours on a light background: blue where yellow was, black where cyan was.
    public static let basicLight = ColorScheme(
        closed: .green, halfOpen: .blue, open: .red,
        closedBadge: on(.green, .white, bold: true), halfOpenBadge: on(.blue, .white, bold: true),
        openBadge: on(.red, .white, bold: true),
        probeSent: on(.blue, .white, bold: true), probeSucceeded: on(.green, .black),
        probeFailed: on(.red, .white, bold: true),
        header: on(.black, .white, bold: true), phase: .magenta, warning: .magenta, critical: .red,
        calls: [.green, .red, .magenta, .blue, .black], requests: [.green, .blue, .magenta, .black, .red],
        heat: basicHeat)
}
