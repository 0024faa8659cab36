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
    /// The scalar shown: one column wide, or the left half of a wide one (a CJK character, an emoji),
    /// whose right half is a ``continuation`` cell.
    public var scalar: Unicode.Scalar
    /// How the scalar is drawn.
    public var style: Style

    /// A cell showing `scalar`; the default is a blank in the plain style.
    public init(_ scalar: Unicode.Scalar = " ", style: Style = .plain) {
        self.scalar = scalar
        self.style = style
    }
}

extension Cell {
    /// The right half of a wide character, drawn by the cell to its left: renderers skip it.
    public static func continuation(style: Style) -> Cell { Cell("\u{0}", style: style) }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { scalar == "\u{0}" }
}

/// How many columns a terminal gives a scalar.
///
/// 2 for East Asian wide and full-width characters and emoji shown as emoji by default, 0 for
/// combining marks, joiners and Hangul's medial and final jamo, 1 for the rest (control characters
/// are never drawn as they are; see ``Grid/put(_:x:y:style:maxWidth:)``). A test holds it to glibc's
/// `wcwidth` for every assigned scalar.
///
/// A table of the ranges rather than `wcwidth`, which answers -1 for anything past ASCII unless the
/// process has a UTF-8 locale, and whose answers vary between C libraries.
public func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    switch scalar.value {
    case 0x1160...0x11FF, 0xD7B0...0xD7FF:
        // Hangul jamo vowels and final consonants join the syllable's initial: no column of their own.
        return 0
    case 0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F7E0...0x1F7F0, 0x1F90C...0x1F9FF, 0x1FA70...0x1FAFF:
        // The emoji blocks also hold symbols shown as text by default (🖥 U+1F5A5, 🌡 U+1F321, 🛠
        // U+1F6E0): one column, as terminals' wcwidth counts them (East Asian Width "neutral").
        return scalar.properties.isEmojiPresentation ? 2 : 1
    case 0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x23E9...0x23EC, 0x23F0, 0x23F3, 0x25FD...0x25FE,
        0x2614...0x2615, 0x2648...0x2653, 0x267F, 0x2693, 0x26A1, 0x26AA...0x26AB, 0x26BD...0x26BE,
        0x26C4...0x26C5, 0x26CE, 0x26D4, 0x26EA, 0x26F2...0x26F3, 0x26F5, 0x26FA, 0x26FD, 0x2705,
        0x270A...0x270B, 0x2728, 0x274C, 0x274E, 0x2753...0x2755, 0x2757, 0x2795...0x2797, 0x27B0, 0x27BF,
        0x2B1B...0x2B1C, 0x2B50, 0x2B55, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
        0x4DC0...0x4DFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
        0xFE30...0xFE6F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1, 0x17000...0x18CFF,
        0x18D00...0x18D08, 0x1AFF0...0x1B2FF, 0x1F004, 0x1F0CF, 0x1F18E, 0x1F191...0x1F19A,
        0x1F200...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// How many columns `text` takes when ``Grid/put(_:x:y:style:maxWidth:)`` writes it.
public func displayWidth(_ text: some StringProtocol) -> Int {
    text.unicodeScalars.reduce(0) { $0 + displayWidth(Grid.shown($1)) }
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
            store(newValue, x: x, y: y)
        }
    }

    /// Writes one cell; overwriting either half of a wide character blanks its other half, so that no
    /// half is left alone on screen.
    private mutating func store(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation && x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
        }
        if x + 1 < width && cells[index + 1].isContinuation {
            cells[index + 1] = Cell(" ", style: cells[index + 1].style)
        }
        cells[index] = cell
    }

    /// What a scalar of user text is drawn as: control characters (a scenario's description may hold
    /// newlines, escapes, bells) and invisible formatting ones (bidirectional overrides) would move the
    /// cursor or reorder the line, so line breaks and tabs show as a space and the rest as "?".
    static func shown(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return " "
        case 0..<0x20, 0x7F..<0xA0: return "?"
        case 0x200C, 0x200D: return scalar
        default: return scalar.properties.generalCategory == .format ? "?" : scalar
        }
    }

    /// Writes `text` from column `x` on row `y`, clipped to the grid (and to `maxWidth` if given);
    /// returns the column after the last character written.
    ///
    /// Each scalar takes its ``displayWidth(_:)-(Unicode.Scalar)``: a wide one two cells (or none, if
    /// only one is left), a combining mark none (it is left out: a cell holds one scalar). Control
    /// and formatting characters are drawn as ``shown(_:)`` says.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil)
        -> Int
    {
        guard y >= 0, y < height else { return x }
        let limit = min(width, maxWidth.map { x + $0 } ?? width)
        var column = x
        for original in text.unicodeScalars {
            let scalar = Self.shown(original)
            let columns = displayWidth(scalar)
            if columns == 0 { continue }
            if column + columns > limit { break }
            if columns == 2 && column == -1 {
                store(Cell(" ", style: style), x: 0, y: y)
            } else if column >= 0 {
                store(Cell(scalar, style: style), x: column, y: y)
                if columns == 2 { store(.continuation(style: style), x: column + 1, y: y) }
            }
            column += columns
        }
        return column
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, with cell: Cell = Cell()) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { store(cell, x: column, y: row) }
        }
    }

    /// The text of row `y`, trailing spaces removed (for tests and recordings): a wide character once.
    public func line(_ y: Int) -> String {
        let row = cells[(y * width)..<(y * width + width)].lazy.filter { !$0.isContinuation }.map(\.scalar)
        var text = String(String.UnicodeScalarView(row))
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row as text.
    public var lines: [String] { (0..<height).map(line) }
}
