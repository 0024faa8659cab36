import BreakerCore
import BreakerSimulation
import Testing

@testable import TerminalUI

/// Colour as a viewer sees it: sRGB to linear light, CIELAB distances, WCAG contrast, and the
/// colour-vision deficiencies of Machado, Oliveira and Fernandes (2009) at full severity.
enum Vision {
    typealias RGB = (red: Int, green: Int, blue: Int)

    /// The red–green confusions most common among viewers (together about 6% of men).
    enum Deficiency: CaseIterable {
        case none, deuteranopia, protanopia
    }

    static func linear(_ channel: Int) -> Double {
        let value = Double(channel) / 255
        return value <= 0.04045 ? value / 12.92 : pow((value + 0.055) / 1.055, 2.4)
    }

    static func linear(_ rgb: RGB) -> [Double] { [linear(rgb.red), linear(rgb.green), linear(rgb.blue)] }

    /// Linear RGB as a viewer with the deficiency sees it.
    static func simulated(_ rgb: RGB, _ deficiency: Deficiency) -> [Double] {
        let matrix: [[Double]]
        switch deficiency {
        case .none: return linear(rgb)
        case .deuteranopia:
            matrix = [
                [0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                [-0.011820, 0.042940, 0.968881],
            ]
        case .protanopia:
            matrix = [
                [0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                [-0.003882, -0.048116, 1.051998],
            ]
        }
        let value = linear(rgb)
        return matrix.map { row in min(1, max(0, zip(row, value).map(*).reduce(0, +))) }
    }

    /// CIELAB (D65) of linear RGB.
    static func lab(_ linear: [Double]) -> [Double] {
        let (r, g, b) = (linear[0], linear[1], linear[2])
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? pow(t, 1.0 / 3) : 7.787 * t + 16.0 / 116 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }

    /// ΔE*76 between two colours as a viewer with the deficiency sees them: about 2 is just noticeable,
    /// 20 and more are two different colours at a glance.
    static func difference(_ a: Color, _ b: Color, _ deficiency: Deficiency) -> Double {
        let (first, second) = (lab(simulated(a.rgb!, deficiency)), lab(simulated(b.rgb!, deficiency)))
        return zip(first, second).map { ($0 - $1) * ($0 - $1) }.reduce(0, +).squareRoot()
    }

    /// Lightness L* as a viewer with the deficiency sees it.
    static func lightness(_ color: Color, _ deficiency: Deficiency) -> Double {
        lab(simulated(color.rgb!, deficiency))[0]
    }

    /// WCAG contrast ratio, 1 (none) to 21 (black on white).
    static func contrast(_ a: RGB, _ b: RGB) -> Double {
        func luminance(_ rgb: RGB) -> Double {
            let value = linear(rgb)
            return 0.2126 * value[0] + 0.7152 * value[1] + 0.0722 * value[2]
        }
        let (low, high) = [luminance(a), luminance(b)].sorted().pairs
        return (high + 0.05) / (low + 0.05)
    }
}

extension Array where Element == Double {
    fileprivate var pairs: (Double, Double) { (self[0], self[1]) }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Colour: a palette that survives projectors and eyes")
struct ColorSchemeTests {
    static let extended: [(name: String, scheme: ColorScheme, background: Vision.RGB)] = [
        ("dark", .extendedDark, (0, 0, 0)), ("light", .extendedLight, (255, 255, 255)),
    ]

    static func pairs<T>(_ items: [T]) -> [(T, T)] {
        items.indices.flatMap { i in items.indices.filter { $0 > i }.map { (items[i], items[$0]) } }
    }

    @Test("no two states look alike, with normal vision, deuteranopia or protanopia")
    func statesStayApartForColourBlindViewers() {
        for (name, scheme, _) in Self.extended {
            let states = [scheme.closed, scheme.halfOpen, scheme.open]
            let badges = [scheme.closedBadge, scheme.halfOpenBadge, scheme.openBadge].map(\.background)
            for deficiency in Vision.Deficiency.allCases {
                for (a, b) in Self.pairs(states) + Self.pairs(badges) {
                    let difference = Vision.difference(a, b, deficiency)
                    #expect(
                        difference >= 40,
                        "\(name) \(deficiency): \(a.index) and \(b.index) differ by ΔE \(difference)")
                }
            }
        }
    }

    @Test("the green CLOSED and red OPEN of the 8 colours are what the 256-colour palette replaces")
    func theBasicPairIsTheProblemItSolves() {
        // The reason for the palette, kept as a check of the simulation: xterm's green and red are far
        // apart for most viewers and close for a deuteranope.
        let normal = Vision.difference(.green, .red, .none)
        let deuteranope = Vision.difference(.green, .red, .deuteranopia)
        #expect(normal > 80)
        #expect(deuteranope < normal / 2)
        #expect(
            Vision.difference(ColorScheme.extendedDark.closed, ColorScheme.extendedDark.open, .deuteranopia)
                > 100)
    }

    /// The calls legend names the colours; the caller bars' requests use the same colour for the
    /// analogous outcome (good as ok, degraded as refused, late as timed out, shed as rejected, failed
    /// as error), so that a bar read with the only legend on screen is read right, in every scheme.
    @Test("a request outcome has the colour of the call outcome it is like, in every scheme")
    func requestColoursFollowTheCallColours() {
        let schemes: [(String, ColorScheme)] = [
            ("extended dark", .extendedDark), ("extended light", .extendedLight), ("basic dark", .basicDark),
            ("basic light", .basicLight),
        ]
        for (name, scheme) in schemes {
            let c = scheme.calls
            #expect(scheme.requests == [c[0], c[3], c[2], c[4], c[1]], "\(name)")
        }
    }

    @Test("the outcomes stacked in a bar differ from each other for every viewer")
    func outcomeColoursStayApart() {
        for (name, scheme, _) in Self.extended {
            for colors in [scheme.calls, scheme.requests] {
                #expect(Set(colors).count == colors.count)
                for deficiency in Vision.Deficiency.allCases {
                    for (a, b) in Self.pairs(colors) {
                        let difference = Vision.difference(a, b, deficiency)
                        #expect(
                            difference >= 20,
                            "\(name) \(deficiency): \(a.index) and \(b.index) differ by ΔE \(difference)")
                    }
                }
            }
        }
    }

    @Test("every colour drawn on the screen's background stands out from it, light or dark")
    func textContrastsWithItsBackground() {
        for (name, scheme, background) in Self.extended {
            let text = [
                scheme.closed, scheme.halfOpen, scheme.open, scheme.phase, scheme.warning, scheme.critical,
            ]
            for color in text {
                let contrast = Vision.contrast(color.rgb!, background)
                #expect(
                    contrast >= 3, "\(name): colour \(color.index) on the background has contrast \(contrast)"
                )
            }
            // Bar segments are blocks, not letters: a lower bar suffices, but none may vanish.
            for color in scheme.calls + scheme.requests {
                let contrast = Vision.contrast(color.rgb!, background)
                #expect(contrast >= 2.5, "\(name): bar colour \(color.index) has contrast \(contrast)")
            }
        }
    }

    @Test("text on a colour (badges, probes, the heading, the map) is readable, and dark text is never bold")
    func textOnColourIsReadable() {
        for (name, scheme, _) in Self.extended {
            let styles =
                [
                    scheme.closedBadge, scheme.halfOpenBadge, scheme.openBadge, scheme.probeSent,
                    scheme.probeSucceeded,
                    scheme.probeFailed, scheme.header,
                ] + scheme.heat
            for style in styles {
                let contrast = Vision.contrast(style.foreground.rgb!, style.background.rgb!)
                #expect(
                    contrast >= 4.5,
                    "\(name): \(style.foreground.index) on \(style.background.index): \(contrast)")
                let darkText = Vision.contrast(style.foreground.rgb!, (0, 0, 0)) < 2
                #expect(!(darkText && style.bold), "\(name): bold dark text on \(style.background.index)")
            }
        }
    }

    @Test("the sweep map's shades get lighter from worst to best for every viewer (viridis)")
    func heatShadesAreOrderedByLightness() {
        for (name, scheme, _) in Self.extended {
            for deficiency in Vision.Deficiency.allCases {
                let lightness = scheme.heat.map { Vision.lightness($0.background, deficiency) }
                for (darker, lighter) in zip(lightness, lightness.dropFirst()) {
                    #expect(lighter > darker + 8, "\(name) \(deficiency): shades \(lightness)")
                }
            }
        }
    }

    @Test(
        "eight colours: only the basic ones; on a light background no yellow or cyan, which vanish on white")
    func basicSchemes() {
        for scheme in [ColorScheme.basicDark, .basicLight] {
            let styles =
                [
                    scheme.closedBadge, scheme.halfOpenBadge, scheme.openBadge, scheme.probeSent,
                    scheme.probeSucceeded,
                    scheme.probeFailed, scheme.header,
                ] + scheme.heat
            let colors =
                [scheme.closed, scheme.halfOpen, scheme.open, scheme.phase, scheme.warning, scheme.critical]
                + scheme.calls + scheme.requests + styles.flatMap { [$0.foreground, $0.background] }
            #expect(colors.allSatisfy { $0.isBasic })
            for style in styles where style.foreground == .black { #expect(!style.bold) }
        }
        let light = ColorScheme.basicLight
        let onWhite =
            [light.closed, light.halfOpen, light.open, light.phase, light.warning, light.critical]
            + light.calls
            + light.requests
        #expect(!onWhite.contains(.yellow) && !onWhite.contains(.cyan) && !onWhite.contains(.white))
    }

    @Test("the theme follows the terminal: 256 colours when it has them, 8 otherwise, none with NO_COLOR")
    func detection() {
        let xterm = Theme.detect(environment: [:], terminalColors: 256, utf8Locale: true)
        #expect(xterm.color && xterm.extendedColors && xterm.background == .dark)
        #expect(xterm.stateColor(.closed) == .xterm(39))
        let basic = Theme.detect(environment: [:], terminalColors: 8, utf8Locale: true)
        #expect(basic.color && !basic.extendedColors && basic.stateColor(.closed) == .green)
        #expect(!Theme.detect(environment: ["NO_COLOR": ""], terminalColors: 256, utf8Locale: true).color)
        #expect(!Theme.detect(environment: [:], terminalColors: 0, utf8Locale: true).color)
        // COLORFGBG ("foreground;background") names a light background as 7 or 15.
        #expect(
            Theme.detect(environment: ["COLORFGBG": "0;15"], terminalColors: 256, utf8Locale: true).background
                == .light)
        #expect(
            Theme.detect(environment: ["COLORFGBG": "15;default;0"], terminalColors: 256, utf8Locale: true)
                .background == .dark)
        #expect(
            Theme.detect(environment: ["COLORFGBG": "junk"], terminalColors: 256, utf8Locale: true).background
                == .dark)
        // What is asked for wins.
        let asked = Theme.detect(
            environment: ["COLORFGBG": "15;0"], terminalColors: 256, utf8Locale: true, background: .light)
        #expect(asked.background == .light && asked.stateColor(.closed) == .xterm(25))
    }

    @Test("a frame drawn for an 8-colour terminal uses only the basic colours; one for 256 uses the palette")
    func framesUseTheDepthTheTerminalHas() {
        // In the outage: closed, open and half-open breakers, probes, errors.
        let state = DashboardRenderingTests.state(after: 75)
        for background in Theme.Background.allCases {
            let basic = DashboardRenderer.render(
                state,
                theme: Theme(color: true, unicode: true, extendedColors: false, background: background),
                width: 120, height: 40)
            #expect(basic.cells.allSatisfy { $0.style.foreground.isBasic && $0.style.background.isBasic })
            let extended = DashboardRenderer.render(
                state, theme: Theme(color: true, unicode: true, background: background), width: 120,
                height: 40)
            let closed = ColorScheme.for(extended: true, background: background).closed
            #expect(extended.cells.contains { $0.style.foreground == closed })
            #expect(!extended.cells.contains { $0.style.foreground == .green || $0.style.foreground == .red })
        }
    }

    @Test("ANSI output selects 256 colours with 38;5 and 48;5, the basic ones with 30–37 and 40–47")
    func selectGraphicRendition() {
        #expect(
            Style(foreground: .xterm(39), background: .xterm(25)).selectGraphicRendition
                == "\u{1B}[0;38;5;39;48;5;25m")
        #expect(
            Style(foreground: .red, background: .white, bold: true).selectGraphicRendition
                == "\u{1B}[0;1;31;47m")
        #expect(Style(foreground: .xterm(3)).selectGraphicRendition == "\u{1B}[0;33m")
        #expect(Style.plain.selectGraphicRendition == "\u{1B}[0m")
    }

    @Test("xterm's palette: the cube and the greys as xterm draws them")
    func xtermRGB() {
        #expect(Color.xterm(16).rgb! == (0, 0, 0))
        #expect(Color.xterm(39).rgb! == (0, 175, 255))
        #expect(Color.xterm(208).rgb! == (255, 135, 0))
        #expect(Color.xterm(231).rgb! == (255, 255, 255))
        #expect(Color.xterm(232).rgb! == (8, 8, 8))
        #expect(Color.xterm(255).rgb! == (238, 238, 238))
        #expect(Color.default.rgb == nil)
    }
}
