import BreakerSimulation

/// A line chart over simulated time: one value per column per series, degraded phases shaded and
/// labelled behind the lines.
struct TimeChart {
    struct Series {
        /// Machine name (`data-series`), for example `offered` or `error-rate:payments:without-breakers`.
        var id: String
        /// What the legend says.
        var label: String
        /// One value per column; `nil` where nothing was measured (the line breaks there).
        var values: [Double?]
        var stroke: Stroke
    }

    /// A shaded stretch of time: a service's phase.
    struct Band {
        var start: Nanoseconds
        var end: Nanoseconds
        var label: String
    }

    enum Scale {
        /// From 0 to a round number above the largest value.
        case quantity
        /// From 0% to 100%.
        case share
    }

    var title: String
    var axis: TimeAxis
    var yTitle: String
    var scale: Scale
    var series: [Series]
    var bands: [Band] = []
    var plotHeight = 180.0

    func document(palette: Palette) -> SVGDocument {
        let width = TimeAxis.width
        var entries = series.map { Legend.Entry(swatch: .line($0.stroke), label: $0.label) }
        if !bands.isEmpty {
            entries.append(Legend.Entry(swatch: .area(palette.phaseFill), label: "degraded phase"))
        }
        let legend = Legend(entries: entries).layout(
            at: Point(x: axis.plotLeft, y: 4), width: axis.plotRight - axis.plotLeft, palette: palette)
        let top = 4 + legend.height + 10
        let bottom = top + plotHeight
        var shapes = legend.shapes

        // Phases first, so that grid and lines stay on top of them.
        var bandShapes: [SVGShape] = []
        for band in bands {
            let x0 = axis.x(band.start)
            let x1 = axis.x(band.end)
            var shapesOfBand: [SVGShape] = [
                .rect(x: x0, y: top, width: x1 - x0, height: plotHeight, fill: palette.phaseFill)
            ]
            if let label = fitted(band.label, width: x1 - x0 - 6, size: 11) {
                shapesOfBand.append(
                    .text(
                        label, at: Point(x: (x0 + x1) / 2, y: top + 13),
                        style: TextStyle(size: 11, anchor: .middle, color: palette.text, halo: true)))
            }
            bandShapes.append(
                .group(
                    shapesOfBand,
                    label: GroupLabel(
                        tooltip: "\(band.label): \(formatDuration(band.start))–\(formatDuration(band.end))")))
        }
        if !bandShapes.isEmpty { shapes.append(.group(bandShapes, label: GroupLabel(series: "phases"))) }

        // The y axis.
        let largest = series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0
        let ticks: NiceTicks
        switch scale {
        case .quantity: ticks = NiceTicks(upTo: largest, count: 4)
        case .share: ticks = NiceTicks(upTo: 1, count: 4)
        }
        let y = LinearScale(d0: 0, d1: ticks.top, r0: bottom, r1: top)
        for value in ticks.values {
            let ty = y(value)
            if value > 0 {
                shapes.append(
                    .line(
                        from: Point(x: axis.plotLeft, y: ty), to: Point(x: axis.plotRight, y: ty),
                        stroke: palette.gridLine))
            }
            let label = scale == .share ? formatPercentTick(value) : ticks.label(value)
            shapes.append(
                .text(
                    label, at: Point(x: axis.plotLeft - 8, y: ty + 4),
                    style: TextStyle(size: 12, anchor: .end, color: palette.text)))
        }
        shapes.append(
            .line(
                from: Point(x: axis.plotLeft, y: top), to: Point(x: axis.plotLeft, y: bottom),
                stroke: palette.axis))
        shapes.append(
            .text(
                yTitle, at: Point(x: 18, y: (top + bottom) / 2),
                style: TextStyle(size: 12, anchor: .middle, color: palette.mutedText, rotation: -90)))
        shapes += axis.shapes(below: bottom, top: top, palette: palette)

        // The lines, broken where a column has no value.
        for entry in series {
            var lines: [SVGShape] = []
            var run: [Point] = []
            func flush() {
                if run.count == 1, let only = run.first {
                    run = [Point(x: only.x - 1.5, y: only.y), Point(x: only.x + 1.5, y: only.y)]
                }
                if !run.isEmpty { lines.append(.polyline(run, stroke: entry.stroke)) }
                run = []
            }
            for (column, value) in entry.values.enumerated() where column < axis.columns.count {
                guard let value else {
                    flush()
                    continue
                }
                run.append(Point(x: axis.x(column: column), y: y(min(value, ticks.top))))
            }
            flush()
            shapes.append(.group(lines, label: GroupLabel(series: entry.id, tooltip: entry.label)))
        }
        if largest == 0 && series.allSatisfy({ $0.values.allSatisfy { $0 == nil } }) {
            shapes.append(
                .text(
                    "no samples", at: Point(x: (axis.plotLeft + axis.plotRight) / 2, y: (top + bottom) / 2),
                    style: TextStyle(size: 14, anchor: .middle, color: palette.mutedText)))
        }
        return SVGDocument(
            width: width, height: bottom + TimeAxis.heightBelow, title: title, patterns: palette.patterns,
            shapes: shapes)
    }
}
