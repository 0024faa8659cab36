import BreakerSimulation
import Testing

@testable import TerminalUI

#if canImport(Glibc)
    import Glibc
#endif

/// User text laid out in cells: wide characters take two columns, control and formatting characters
/// never reach the terminal, and the dashboard's columns stay aligned whatever the names hold.
@Suite struct GridTextTests {
    @Test("a wide character takes two cells, and the text after it starts two columns on")
    func wideCharactersTakeTwoColumns() {
        var grid = Grid(width: 12, height: 1)
        let end = grid.put("支付x", x: 1, y: 0)
        #expect(end == 6)
        #expect(grid[1, 0].scalar == "支" && grid[2, 0].isContinuation)
        #expect(grid[3, 0].scalar == "付" && grid[4, 0].isContinuation)
        #expect(grid[5, 0].scalar == "x")
        #expect(grid.line(0) == " 支付x")
        #expect(displayWidth("支付x") == 5)
        #expect(displayWidth("e\u{301}") == 1, "a combining mark takes no column")
        #expect(displayWidth("🔥ok") == 4)
    }

    #if canImport(Glibc)
        /// The C library's `wcwidth`, which the tests read in a UTF-8 locale (the Glibc module leaves it
        /// out of its declarations).
        @_silgen_name("wcwidth") static func libcWidth(_ character: Int32) -> Int32

        @Test("every scalar takes the columns the C library's wcwidth gives it in a UTF-8 locale")
        func widthsAgreeWithTheCLibrary() throws {
            // Only this thread's locale: tests in parallel keep theirs.
            let utf8 = try #require(newlocale(LC_CTYPE_MASK, "C.UTF-8", nil))
            let previous = uselocale(utf8)
            defer {
                uselocale(previous)
                freelocale(utf8)
            }
            var differences: [String] = []
            for value in UInt32(0xA0)...0x3_FFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                switch scalar.properties.generalCategory {
                // Format characters never reach the screen as they are (see `Grid.shown`); scalars the
                // C library does not know yet (it answers -1) have nothing to agree with.
                case .unassigned, .privateUse, .format: continue
                default: break
                }
                let expected = Int(Self.libcWidth(Int32(bitPattern: value)))
                // U+1171E, an Ahom consonant sign, is a combining mark to the C library and a spacing
                // one to Swift's Unicode tables.
                if expected >= 0 && expected != displayWidth(scalar) && value != 0x1171E {
                    differences.append("U+\(String(value, radix: 16, uppercase: true)) \(expected)")
                }
            }
            // Among them the emoji shown as text by default, which the table once counted as two
            // columns: 🖥 U+1F5A5, 🌡 U+1F321, 🛠 U+1F6E0.
            #expect(differences.isEmpty, "\(differences.count): \(differences.prefix(20))")
            #expect(displayWidth("🖥🌡🛠") == 3)
            #expect(displayWidth("\u{1B000}\u{17000}") == 4, "kana supplement and Tangut are wide")
            #expect(displayWidth("\u{1100}\u{1161}\u{11A8}") == 2, "a syllable of jamo is one wide character")
        }
    #endif

    @Test("a wide character that does not fit is left out, and overwriting half of one blanks the other")
    func wideCharactersAreNeverCut() {
        var grid = Grid(width: 6, height: 1)
        #expect(grid.put("ab支付", x: 0, y: 0, maxWidth: 5) == 4)
        #expect(grid.line(0) == "ab支")
        grid[3, 0] = Cell("z")
        #expect(grid.line(0) == "ab z", "the left half is blanked")
        grid.put("支", x: 0, y: 0)
        grid[0, 0] = Cell("q")
        #expect(!grid[1, 0].isContinuation && grid.line(0) == "q  z")
        // Starting one column left of the grid, a wide character's visible half is a blank.
        grid.put("支a", x: -1, y: 0)
        #expect(grid[0, 0].scalar == " " && grid[1, 0].scalar == "a")
    }

    @Test("control and bidirectional characters are drawn as a space or ?, never sent raw")
    func controlsAreNeverDrawn() {
        var grid = Grid(width: 20, height: 1)
        grid.put("a\nb\u{1B}[31mc\u{7}\u{202E}d", x: 0, y: 0)
        #expect(grid.line(0) == "a b?[31mc??d")
        var screen = ANSIScreen()
        let bytes = screen.update(to: grid)
        // Only the screen's own sequences: reset, hide the cursor, clear, position, and one style.
        let escapes = bytes.unicodeScalars.filter { $0 == "\u{1B}" }.count
        #expect(escapes == 5, "\(bytes.debugDescription)")
        #expect(!bytes.unicodeScalars.contains("\u{7}") && !bytes.unicodeScalars.contains("\u{202E}"))
    }

    @Test("the ANSI screen writes a wide character once and moves on two columns")
    func ansiScreenSkipsContinuations() {
        var grid = Grid(width: 6, height: 1)
        grid.put("支z", x: 0, y: 0)
        var screen = ANSIScreen()
        let first = screen.update(to: grid)
        #expect(first.hasSuffix("\u{1B}[1;1H支z    ") || first.contains("支z"))
        #expect(!first.unicodeScalars.contains("\u{0}"))
        grid.put("y", x: 2, y: 0)
        let second = screen.update(to: grid)
        #expect(second == "\u{1B}[1;3H\u{1B}[0my", "\(second.debugDescription)")
    }

    @Test("a client named in CJK or emoji keeps the dashboard's columns aligned")
    func wideNamesKeepColumnsAligned() {
        let names = ["web", "支付服务客户端", "🔥🔥🔥 hot path"]
        let scenario = Scenario(
            name: "Wide names", description: "Line one\nline two\u{1B}[2J", seed: 1,
            duration: 60_000_000_000, sampleEvery: 1_000_000_000,
            services: [ServiceProfile(name: "db", latency: .constant(5_000_000), errorRate: 0.5)],
            clients: names.map {
                ClientProfile(
                    name: $0, instances: 1, calls: "db", rate: 10,
                    breaker: BreakerSettings(allowedFails: 3, retryTimer: 5_000_000_000))
            })
        var run = ScenarioRun(scenario: scenario)
        var state = DashboardState(simulation: run.simulation)
        run.advance(to: 30_000_000_000, observer: &state)
        let grid = DashboardRenderer.render(
            state, theme: Theme(color: false, unicode: true), width: 100, height: 30)
        #expect(
            !grid.lines.joined().unicodeScalars.contains("\u{1B}"), "the description's escape is not drawn")
        // On a terminal (which gives a wide character two columns), the column after a client's name
        // starts at the same place on every row that names one: "busy" in the callers' rows, the state in
        // the breakers' rows.
        func column(of word: String, inRowNaming name: String, after skip: Int) -> Int? {
            let rows = (0..<grid.height).filter { grid.line($0).contains(name) }
            guard rows.count > skip else { return nil }
            let cells = (0..<grid.width).map { grid[$0, rows[skip]].scalar }
            let target = Array(word.unicodeScalars)
            guard
                let x = (0...(grid.width - target.count)).first(where: {
                    Array(cells[$0..<($0 + target.count)]) == target
                })
            else { return nil }
            // Where a terminal shows it: the columns the scalars sent before it take.
            return cells[..<x].filter { $0 != "\u{0}" }.reduce(0) { $0 + displayWidth($1) }
        }
        let starts = names.map { column(of: "busy", inRowNaming: $0, after: 0) }
        let states = names.map {
            column(of: "CLOSED", inRowNaming: $0, after: 1) ?? column(of: "OPEN", inRowNaming: $0, after: 1)
        }
        #expect(!starts.contains(nil) && !states.contains(nil))
        #expect(Set(states).count == 1, "the breakers' state column starts at \(states)")
        #expect(Set(starts).count == 1, "the callers' busy column starts at \(starts)")
    }
}
