/// A colour as a terminal numbers it: the terminal's default, one of the eight basic colours every
/// colour terminal has (0–7), or one of the xterm 256-colour palette (16–231 a 6×6×6 cube, 232–255
/// greys) that a terminal with 256 colours has.
///
/// A ``Theme`` uses the 256-colour palette only when the terminal has it; the eight basic colours are
/// its fallback.
public struct Color: Sendable, Hashable {
    /// The colour's number: -1 for the terminal's default, otherwise 0–255.
    public let index: Int16

    private init(index: Int16) { self.index = index }

    /// The terminal's own foreground or background.
    public static let `default` = Color(index: -1)
    /// Basic colour 0.
    public static let black = Color(index: 0)
    /// Basic colour 1.
    public static let red = Color(index: 1)
    /// Basic colour 2.
    public static let green = Color(index: 2)
    /// Basic colour 3.
    public static let yellow = Color(index: 3)
    /// Basic colour 4.
    public static let blue = Color(index: 4)
    /// Basic colour 5.
    public static let magenta = Color(index: 5)
    /// Basic colour 6.
    public static let cyan = Color(index: 6)
    /// Basic colour 7.
    public static let white = Color(index: 7)

    /// The colour numbered `index` in the xterm 256-colour palette.
    public static func xterm(_ index: UInt8) -> Color { Color(index: Int16(index)) }

    /// Whether this is the default or one of the eight basic colours, which every colour terminal has.
    public var isBasic: Bool { index < 8 }

    /// How xterm draws this colour, red, green and blue from 0 to 255 (the basic colours at xterm's
    /// defaults, which terminals vary); `nil` for the default, which depends on the terminal.
    public var rgb: (red: Int, green: Int, blue: Int)? {
        switch index {
        case ..<0: return nil
        case 0..<16:
            let basic = [
                (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
                (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
                (255, 0, 255), (0, 255, 255), (255, 255, 255),
            ]
            return basic[Int(index)]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = Int(index) - 16
            return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (Int(index) - 232)
            return (grey, grey, grey)
        }
    }
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
