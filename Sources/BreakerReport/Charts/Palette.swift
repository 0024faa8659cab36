import BreakerCore

/// The colours, dashes and patterns of one ``ReportStyle``.
///
/// Colour uses the Okabe–Ito palette (distinguishable with every common colour-vision deficiency) and
/// a viridis ramp for heat maps; series that must be told apart in a greyscale print also differ by
/// dash. Mono uses black, greys, hatching and dashes only.
struct Palette: Sendable {
    let style: ReportStyle

    init(_ style: ReportStyle) { self.style = style }

    /// Okabe–Ito, in the order categories take them (yellow last: it is faint as a thin line).
    static let okabeIto = [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442",
    ]

    var text: String { "#222222" }
    var mutedText: String { "#555555" }
    var axis: Stroke { Stroke(color: "#444444", width: 1) }
    var gridLine: Stroke { Stroke(color: "#d4d4d4", width: 0.8, dash: style == .mono ? [2, 3] : []) }

    // MARK: Breaker states

    /// Patterns the state bands and phase shading refer to.
    var patterns: [HatchPattern] {
        switch style {
        case .color:
            []
        case .mono:
            [
                HatchPattern(
                    id: "half-open", angle: 45, spacing: 5, lineWidth: 1.6, color: "#000000",
                    background: "#ffffff"),
                HatchPattern(
                    id: "phase", angle: -45, spacing: 7, lineWidth: 1, color: "#b0b0b0", background: nil),
            ]
        }
    }

    func stateFill(_ state: CircuitState) -> Fill {
        switch (style, state) {
        case (.color, .closed): .color("#009E73")
        case (.color, .open): .color("#D55E00")
        case (.color, .halfOpen): .color("#F0E442")
        case (.mono, .closed): .color("#d9d9d9")
        case (.mono, .open): .color("#1a1a1a")
        case (.mono, .halfOpen): .pattern(id: "half-open")
        }
    }

    /// An outline for legend swatches and half-open bands (pale yellow and hatching need an edge).
    var swatchEdge: Stroke { Stroke(color: "#555555", width: 0.6) }

    /// Shading of a degraded phase behind a chart.
    var phaseFill: Fill { style == .mono ? .pattern(id: "phase") : .color("#f6e6da") }

    // MARK: Series

    var offered: Stroke {
        style == .mono ? Stroke(color: "#000000", width: 1.2) : Stroke(color: "#000000", width: 1.4)
    }
    var succeeded: Stroke {
        style == .mono ? Stroke(color: "#000000", width: 2.6) : Stroke(color: "#009E73", width: 2)
    }
    var failed: Stroke {
        style == .mono
            ? Stroke(color: "#000000", width: 1.6, dash: [2, 2]) : Stroke(color: "#D55E00", width: 1.6)
    }
    var rejected: Stroke {
        style == .mono
            ? Stroke(color: "#555555", width: 1.6, dash: [8, 3]) : Stroke(color: "#0072B2", width: 1.6)
    }
    /// Good calls of the run without breakers, overlaid for comparison.
    var succeededWithoutBreakers: Stroke {
        style == .mono
            ? Stroke(color: "#000000", width: 1.6, dash: [10, 3, 2, 3])
            : Stroke(color: "#CC79A7", width: 2, dash: [7, 3])
    }
    /// A service measure in the run with breakers.
    var withBreakers: Stroke {
        style == .mono ? Stroke(color: "#000000", width: 2) : Stroke(color: "#0072B2", width: 2)
    }
    /// The same measure without breakers (dashed in both styles, so print keeps them apart).
    var withoutBreakers: Stroke {
        style == .mono
            ? Stroke(color: "#555555", width: 1.6, dash: [6, 3])
            : Stroke(color: "#D55E00", width: 1.8, dash: [6, 3])
    }

    /// The stroke of the `index`-th category (a client, a retry timer).
    func category(_ index: Int) -> Stroke {
        let dashes: [[Double]] = [[], [7, 3], [2, 2], [10, 3, 2, 3], [1, 3], [12, 4]]
        switch style {
        case .color:
            let colors = Self.okabeIto
            return Stroke(
                color: colors[index % colors.count], width: 2,
                dash: dashes[(index / colors.count) % dashes.count])
        case .mono:
            let greys = ["#000000", "#555555"]
            return Stroke(
                color: greys[(index / dashes.count) % greys.count], width: 1.8,
                dash: dashes[index % dashes.count])
        }
    }

    /// The marker of the `index`-th category in scatter plots: a shape, and a fill that differs in both
    /// styles (hollow or solid in mono).
    func marker(_ index: Int) -> Marker {
        let shapes = Marker.Shape.allCases
        let shape = shapes[index % shapes.count]
        switch style {
        case .color:
            let colors = Self.okabeIto
            let color = colors[index % colors.count]
            return Marker(shape: shape, fill: color, stroke: color == "#F0E442" ? "#555555" : color)
        case .mono:
            let hollow = (index / shapes.count) % 2 == 1
            return Marker(shape: shape, fill: hollow ? "#ffffff" : "#000000", stroke: "#000000")
        }
    }

    // MARK: Heat map

    /// The fill of a heat-map cell whose score sits at `t` (0 = worst, 1 = best shown).
    func heat(_ t: Double) -> String {
        let t = min(1, max(0, t.isFinite ? t : 0))
        switch style {
        case .color:
            // Viridis: perceptually even, readable in greyscale and with colour-vision deficiencies.
            let stops: [(Int, Int, Int)] = [
                (0x44, 0x01, 0x54), (0x48, 0x28, 0x78), (0x3E, 0x4A, 0x89), (0x31, 0x68, 0x8E),
                (0x26, 0x82, 0x8E), (0x1F, 0x9E, 0x89), (0x35, 0xB7, 0x79), (0x6D, 0xCD, 0x59),
                (0xB4, 0xDE, 0x2C), (0xFD, 0xE7, 0x25),
            ]
            let position = t * Double(stops.count - 1)
            let lower = min(stops.count - 2, Int(position))
            let f = position - Double(lower)
            let (a, b) = (stops[lower], stops[lower + 1])
            func mix(_ x: Int, _ y: Int) -> Int { Int((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
            return hexColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
        case .mono:
            let level = Int((242 - t * 204).rounded())
            return hexColor(level, level, level)
        }
    }

    /// Text over a heat-map cell: white on the dark end, black on the light end.
    func heatText(_ t: Double) -> String {
        switch style {
        case .color: t < 0.62 ? "#ffffff" : "#000000"
        case .mono: t > 0.45 ? "#ffffff" : "#000000"
        }
    }
}
