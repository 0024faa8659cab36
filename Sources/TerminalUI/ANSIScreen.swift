/// Grids as the ANSI escape sequences a terminal (or a terminal recording) replays.
///
/// Like the live terminal, it sends only what changed since the last frame: the cursor moves to
/// each run of changed cells, and a style is selected only when it differs from the one in force.
/// The same frames always give the same bytes.
public struct ANSIScreen: Sendable {
    private var previous: Grid?

    /// A screen that has drawn nothing yet: the first frame clears it and draws every cell.
    public init() {}

    /// The bytes that turn the last frame drawn into `grid`.
    public mutating func update(to grid: Grid) -> String {
        var out = ""
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { out += "\u{1B}[0m\u{1B}[?25l\u{1B}[2J" }
        var current: Style?
        for y in 0..<grid.height {
            var cursor: Int?
            for x in 0..<grid.width {
                let cell = grid[x, y]
                // The wide character to its left drew it.
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell { continue }
                if cursor != x { out += "\u{1B}[\(y + 1);\(x + 1)H" }
                if current != cell.style {
                    out += cell.style.selectGraphicRendition
                    current = cell.style
                }
                out.unicodeScalars.append(cell.scalar)
                cursor = x + (x + 1 < grid.width && grid[x + 1, y].isContinuation ? 2 : 1)
            }
        }
        if current != nil && current != .plain { out += "\u{1B}[0m" }
        previous = grid
        return out
    }
}

extension Style {
    /// The SGR sequence that selects this style from any other (it resets first).
    public var selectGraphicRendition: String {
        var parameters = ["0"]
        if bold { parameters.append("1") }
        if dim { parameters.append("2") }
        if reverse { parameters.append("7") }
        if let code = foreground.sgrForeground { parameters.append(code) }
        if let code = background.sgrBackground { parameters.append(code) }
        return "\u{1B}[" + parameters.joined(separator: ";") + "m"
    }
}

extension Color {
    /// The SGR parameter of this colour as the foreground (`nil` for the terminal's default): 30–37
    /// for the basic colours, `38;5;N` for the 256-colour palette.
    var sgrForeground: String? {
        guard index >= 0 else { return nil }
        return isBasic ? String(30 + index) : "38;5;\(index)"
    }

    /// The SGR parameter of this colour as the background (`nil` for the terminal's default): 40–47
    /// for the basic colours, `48;5;N` for the 256-colour palette.
    var sgrBackground: String? {
        guard index >= 0 else { return nil }
        return isBasic ? String(40 + index) : "48;5;\(index)"
    }
}
