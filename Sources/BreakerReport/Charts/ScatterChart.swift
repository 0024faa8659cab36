import BreakerSimulation

/// A trade-off plot: one marker per combination (shape and colour by category, a tag beside it), and
/// the combinations that matter marked and named in the legend.
struct ScatterChart {
    struct Dot {
        var x: Double
        var y: Double
        var category: Int
        /// A short tag beside the marker (the allowed_fails value).
        var tag: String
        var tooltip: String
    }

    /// A marked point with a label: the best combination, the scenario's own, no breaker at all.
    struct Highlight {
        enum Kind: String {
            case best
            case own = "scenario-own"
            case baseline = "no-breaker"
        }
        var kind: Kind
        var x: Double
        var y: Double
        var label: String
    }

    enum Axis {
        case quantity
        case share
    }

    var title: String
    var xTitle: String
    var yTitle: String
    var yAxis: Axis
    /// The corner where better combinations lie, said in words.
    var hint: String
    var categories: [String]
    /// Per category, in order (labels go on all of them, or on the first and last when they are many).
    var dots: [Dot]
    var highlights: [Highlight]
    /// Points joined by a line under the markers (the Pareto front), in order; empty for none.
    var front: [(x: Double, y: Double)] = []
    /// The front's name in the legend.
    var frontLabel = "Pareto front"

    func document(palette: Palette) -> SVGDocument {
        let left = TimeAxis.left
        let right = TimeAxis.width - TimeAxis.right

        // Highlights far beyond the combinations would squash them into a corner: those are drawn at the
        // right edge, and the legend gives their value.
        let xs = dots.map(\.x)
        let dataMaxX = xs.max() ?? 1
        var xMax = dataMaxX
        var offScale: Set<Int> = []
        for (index, highlight) in highlights.enumerated() {
            if highlight.x > max(1, dataMaxX) * 1.6 {
                offScale.insert(index)
            } else {
                xMax = max(xMax, highlight.x)
            }
        }

        var entries = categories.enumerated().map { index, name in
            Legend.Entry(swatch: .marker(palette.marker(index)), label: name)
        }
        for (index, highlight) in highlights.enumerated() {
            entries.append(
                Legend.Entry(
                    swatch: .drawing { self.mark(highlight.kind, at: $0, size: 0.8) },
                    label: highlight.label
                        + (offScale.contains(index) ? ", off the scale (at the right edge)" : "")))
        }
        if front.count > 1 {
            entries.append(
                Legend.Entry(
                    swatch: .drawing {
                        [
                            .line(
                                from: Point(x: $0.x - 9, y: $0.y), to: Point(x: $0.x + 9, y: $0.y),
                                stroke: Stroke(color: "#000000", width: 2, dash: [6, 3]))
                        ]
                    }, label: frontLabel))
        }
        let legend = Legend(entries: entries).layout(
            at: Point(x: left, y: 4), width: right - left, palette: palette)
        let top = 4 + legend.height + 14
        let plotHeight = 300.0
        let bottom = top + plotHeight
        var shapes = legend.shapes

        let yValues = dots.map(\.y) + highlights.map(\.y)
        let xTicks = NiceTicks(upTo: xMax * 1.04, count: 6)
        let yTicks: NiceTicks
        switch yAxis {
        case .quantity: yTicks = NiceTicks(upTo: (yValues.max() ?? 1) * 1.04, count: 5)
        case .share:
            let low = yValues.min() ?? 0
            let high = yValues.max() ?? 1
            let padding = max(0.01, (high - low) * 0.08)
            yTicks = NiceTicks(from: max(0, low - padding), to: min(1, high + padding), count: 5)
        }
        let sx = LinearScale(d0: 0, d1: xTicks.top, r0: left, r1: right)
        let sy = LinearScale(d0: yTicks.bottom, d1: yTicks.top, r0: bottom, r1: top)

        for value in yTicks.values {
            let y = sy(value)
            if value > yTicks.bottom {
                shapes.append(
                    .line(from: Point(x: left, y: y), to: Point(x: right, y: y), stroke: palette.gridLine))
            }
            shapes.append(
                .text(
                    yAxis == .share ? formatShareTick(value, step: yTicks.step) : yTicks.label(value),
                    at: Point(x: left - 8, y: y + 4),
                    style: TextStyle(size: 12, anchor: .end, color: palette.text)))
        }
        for value in xTicks.values {
            let x = sx(value)
            if value > 0 {
                shapes.append(
                    .line(from: Point(x: x, y: top), to: Point(x: x, y: bottom), stroke: palette.gridLine))
            }
            shapes.append(
                .line(from: Point(x: x, y: bottom), to: Point(x: x, y: bottom + 5), stroke: palette.axis))
            shapes.append(
                .text(
                    xTicks.label(value), at: Point(x: x, y: bottom + 18),
                    style: TextStyle(size: 12, anchor: .middle, color: palette.text)))
        }
        shapes.append(
            .line(from: Point(x: left, y: bottom), to: Point(x: right, y: bottom), stroke: palette.axis))
        shapes.append(
            .line(from: Point(x: left, y: top), to: Point(x: left, y: bottom), stroke: palette.axis))
        shapes.append(
            .text(
                xTitle, at: Point(x: (left + right) / 2, y: bottom + 38),
                style: TextStyle(size: 12, anchor: .middle, color: palette.mutedText)))
        shapes.append(
            .text(
                yTitle, at: Point(x: 18, y: (top + bottom) / 2),
                style: TextStyle(size: 12, anchor: .middle, color: palette.mutedText, rotation: -90)))
        shapes.append(
            .text(
                hint, at: Point(x: right - 6, y: top + 14),
                style: TextStyle(size: 12, anchor: .end, color: palette.mutedText, halo: true)))

        if front.count > 1 {
            shapes.append(
                .group(
                    [
                        .polyline(
                            front.map { Point(x: sx($0.x), y: sy($0.y)) },
                            stroke: Stroke(color: "#000000", width: 2, dash: [6, 3]))
                    ], label: GroupLabel(series: "pareto-front", tooltip: frontLabel)))
        }

        // Each category's markers, each labelled with its place in the order (allowed_fails) when there is
        // room for that many labels.
        let labelEvery = dots.count <= 60
        // A label that would overlap one already placed is left out (its marker's tooltip still names it).
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        func fits(_ text: String, x: Double, y: Double) -> Bool {
            let box = (x0: x, y0: y - 10, x1: x + estimatedWidth(text, size: 10), y1: y + 2)
            guard
                !placed.contains(where: {
                    $0.x0 < box.x1 && box.x0 < $0.x1 && $0.y0 < box.y1 && box.y0 < $0.y1
                })
            else { return false }
            placed.append(box)
            return true
        }
        for (category, name) in categories.enumerated() {
            let members = dots.filter { $0.category == category }
            guard !members.isEmpty else { continue }
            var parts: [SVGShape] = []
            for dot in members {
                parts.append(
                    .group(
                        palette.marker(category).shapes(at: Point(x: sx(dot.x), y: sy(dot.y)), size: 9),
                        label: GroupLabel(tooltip: dot.tooltip)))
            }
            for (position, dot) in members.enumerated()
            where (labelEvery || position == 0 || position == members.count - 1)
                && fits(dot.tag, x: sx(dot.x) + 6, y: sy(dot.y) - 6)
            {
                parts.append(
                    .text(
                        dot.tag, at: Point(x: sx(dot.x) + 6, y: sy(dot.y) - 6),
                        style: TextStyle(size: 10, color: palette.mutedText, halo: true)))
            }
            shapes.append(.group(parts, label: GroupLabel(series: "category:\(name)")))
        }

        // Highlights last, on top.
        for (index, highlight) in highlights.enumerated() {
            let x = offScale.contains(index) ? right : sx(highlight.x)
            shapes.append(
                .group(
                    mark(highlight.kind, at: Point(x: x, y: sy(highlight.y)), size: 1),
                    label: GroupLabel(series: highlight.kind.rawValue, tooltip: highlight.label)))
        }
        return SVGDocument(width: TimeAxis.width, height: bottom + 50, title: title, shapes: shapes)
    }

    /// The mark of a highlight: a star for the best, a ring for the scenario's own, a cross for none.
    private func mark(_ kind: Highlight.Kind, at center: Point, size: Double) -> [SVGShape] {
        switch kind {
        case .best:
            [
                .polygon(
                    starPolygon(center: center, radius: 12 * size), fill: .none,
                    stroke: Stroke(color: "#000000", width: 2))
            ]
        case .own:
            [
                .circle(
                    center: center, radius: 10 * size, fill: .none, stroke: Stroke(color: "#000000", width: 2)
                )
            ]
        case .baseline:
            Marker(shape: .cross, fill: "#000000", stroke: "#000000").shapes(at: center, size: 14 * size)
        }
    }
}
