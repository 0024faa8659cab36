import CNCursesW
import Synchronization
public import TerminalUI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The only code that touches ncurses: draws grids (changed cells only), reads keys, follows resizes,
/// and restores the terminal on every way out — `stop()`, SIGINT/SIGTERM/SIGHUP (turned into a
/// pending signal the caller polls), and a crash signal (restored from the handler, then re-raised).
public final class Terminal {
    /// Whether the terminal can show colours (and the theme may use them).
    public let hasColors: Bool
    /// How many colours it has: 8 on a basic colour terminal, 256 on most today, 0 without colour.
    public let colorCount: Int
    /// Colour pairs made so far, by foreground and background; pairs are made on first use.
    private var pairs: [Int32: Int16] = [:]
    private let maximumPairs: Int
    /// Whether the locale's character set is UTF-8.
    public let utf8: Bool
    private var previous: Grid?
    private var stopped = false

    /// Starts full-screen mode.
    ///
    /// Call ``stop()`` on every way out.
    public init() {
        setlocale(LC_ALL, "")
        utf8 = String(cString: nl_langinfo(nl_item(CODESET))).uppercased().replacingDashes == "UTF8"
        TerminalGuard.install()
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(cnc_stdscr(), true)
        intrflush(cnc_stdscr(), false)
        curs_set(0)
        // Escape sequences for arrow keys arrive within a few milliseconds.
        set_escdelay(25)
        hasColors = has_colors()
        if hasColors {
            start_color()
            use_default_colors()
        }
        colorCount = hasColors ? Int(cnc_colors()) : 0
        // Pair numbers are shorts; pair 0 is the terminal's default and cannot be changed.
        maximumPairs = hasColors ? min(Int(cnc_color_pairs()), Int(Int16.max)) - 1 : 0
        TerminalGuard.active.store(true, ordering: .sequentiallyConsistent)
    }

    deinit { stop() }

    /// Why this process's terminal cannot show the dashboard, or `nil` when it can: `TERM` must name
    /// a terminal that ncurses knows and that can move the cursor (`TERM=dumb` cannot).
    public static func unusableReason(environment: [String: String]) -> String? {
        let name = environment["TERM"] ?? ""
        if name.isEmpty { return "TERM is not set" }
        switch cnc_can_address_cursor() {
        case 1: return nil
        case 0: return "TERM=\(name) cannot move the cursor"
        default: return "TERM=\(name) is not a terminal this system knows"
        }
    }

    /// The screen size now.
    public var size: (width: Int, height: Int) { (Int(cnc_width()), Int(cnc_height())) }

    /// SIGINT, SIGTERM or SIGHUP received since start, if any.
    public var pendingSignal: Int32? {
        let signal = TerminalGuard.pending.load(ordering: .relaxed)
        return signal == 0 ? nil : signal
    }

    /// Draws `grid`, sending only the cells that differ from the last frame.
    public func draw(_ grid: Grid) {
        let full = previous.map { $0.width != grid.width || $0.height != grid.height } ?? true
        if full { erase() }
        for y in 0..<grid.height {
            for x in 0..<grid.width {
                let cell = grid[x, y]
                // The wide character to its left drew it.
                if cell.isContinuation { continue }
                if !full, let previous, previous[x, y] == cell { continue }
                var attributes = cnc_normal()
                if cell.style.bold { attributes |= cnc_bold() }
                if cell.style.reverse { attributes |= cnc_reverse() }
                if cell.style.dim { attributes |= cnc_dim() }
                let pair = hasColors ? pair(cell.style.foreground, cell.style.background) : 0
                // The bottom-right cell reports an error (the cursor cannot move past it) but is drawn.
                _ = cnc_put(Int32(y), Int32(x), wchar_t(cell.scalar.value), attributes, pair)
            }
        }
        refresh()
        previous = grid
    }

    /// Forgets what is on screen, so the next `draw` repaints everything (after a resize).
    public func invalidate() {
        previous = nil
        clearok(cnc_stdscr(), true)
    }

    /// Waits up to `milliseconds` for a key.
    public func readKey(timeoutMilliseconds milliseconds: Int32) -> Key? {
        timeout(milliseconds)
        var code: Int32 = 0
        var isFunctionKey: Int32 = 0
        guard cnc_read(&code, &isFunctionKey) != cnc_err() else { return nil }
        if isFunctionKey != 0 {
            switch code {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_RESIZE: return .resize
            default: return nil
            }
        }
        switch code {
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(code)) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Leaves full-screen mode and restores the terminal; safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        TerminalGuard.active.store(false, ordering: .sequentiallyConsistent)
        curs_set(1)
        endwin()
        // The modes saved at start, before ncurses: after Ctrl-Z and `fg` in some shells (dash), the
        // modes ncurses saved again on resuming lack output processing, and what is printed next (the
        // sweep's report) would be a staircase of lines without carriage returns.
        TerminalGuard.restoreSavedModes()
    }

    /// The colour pair of a foreground and background, made on first use.
    ///
    /// A colour the terminal lacks (the theme asks for 256 only when it has them) or a pair beyond the
    /// terminal's limit gets the default pair.
    private func pair(_ foreground: Color, _ background: Color) -> Int16 {
        if foreground == .default && background == .default { return 0 }
        let key = Int32(foreground.index + 1) << 16 | Int32(background.index + 1)
        if let pair = pairs[key] { return pair }
        guard Int(foreground.index) < colorCount, Int(background.index) < colorCount,
            pairs.count < maximumPairs
        else { return 0 }
        let pair = Int16(pairs.count + 1)
        guard init_pair(pair, foreground.index, background.index) != cnc_err() else { return 0 }
        pairs[key] = pair
        return pair
    }

    /// How many colours the terminal that `TERM` names has, from its description, without starting
    /// full-screen mode (for colouring printed output); 0 when it has none or is unknown.
    public static func colorCount(environment: [String: String]) -> Int {
        guard let name = environment["TERM"], !name.isEmpty else { return 0 }
        return max(0, Int(cnc_terminal_colors()))
    }
}

extension String {
    fileprivate var replacingDashes: String { String(filter { $0 != "-" && $0 != "_" }) }
}
