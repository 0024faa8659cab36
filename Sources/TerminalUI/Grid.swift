/// A colour of the dashboard's palette (the eight basic terminal colours, so every terminal has them).
public enum Color: UInt8, Sendable, Hashable, CaseIterable {
    case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell looks.
public struct Style: Sendable, Hashable {
    /// The colour of the character.
    public var foreground: Color
    /// The colour behind the character.
    public var background: Color
    /// Whether the character is drawn bold, as badges and warnings are.
    public var bold: Bool
    /// Whether foreground and background are swapped: how the selection, and headings without colour,
    /// stand out.
    public var reverse: Bool
    /// Whether the character is drawn faint, for what matters less.
    public var dim: Bool

    /// A style; omitted arguments take the terminal's defaults.
    public init(
        foreground: Color = .default, background: Color = .default, bold: Bool = false, reverse: Bool = false,
        dim: Bool = false
    ) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
    }

    /// The terminal's default look.
    public static let plain = Style()
}

/// One character cell of the screen.
public struct Cell: Sendable, Hashable {
    /// A single-width scalar (the dashboard never uses wide characters).
    public var scalar: Unicode.Scalar
    /// How the scalar is drawn.
    public var style: Style

    /// A cell showing `scalar`; the default is a blank in the plain style.
    public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain) {
        self.scalar = scalar
        self.style = style
    }
}

/// A screen's worth of cells.
///
/// It is what the dashboard draws, and what the terminal layer copies to ncurses (changed cells
/// only). Everything visible can be tested here without a terminal.
public struct Grid: Sendable, Equatable {
    /// Columns, at least 0.
    public let width: Int
    /// Rows, at least 0.
    public let height: Int
    /// Every cell, row by row from the top left: cell (x, y) is at `y * width + x`.
    public private(set) var cells: [Cell]

    /// A blank grid; negative sizes count as 0.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// The cell at column `x` of row `y`.
    ///
    /// Reading requires a position inside the grid; writing outside it does nothing, so that drawing
    /// code can clip by writing freely.
    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from column `x` on row `y`, clipped to the grid (and to `maxWidth` if given);
    /// returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil)
        -> Int
    {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var column = x
        for scalar in text.unicodeScalars {
            if column >= limit { break }
            if column >= 0 { cells[y * width + column] = Cell(scalar, style: style) }
            column += 1
        }
        return column
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = Cell()) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { cells[row * width + column] = cell }
        }
    }

    /// The text of row `y`, trailing spaces removed (for tests and recordings).
    public func line(_ y: Int) -> String {
        var text = String(String.UnicodeScalarView(cells[(y * width)..<(y * width + width)].map(\.scalar)))
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row as text.
    public var lines: [String] { (0..<height).map(line) }
}
