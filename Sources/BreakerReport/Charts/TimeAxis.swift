import BreakerSimulation

/// The horizontal layout every chart over time shares, so that charts stacked on a page line up and a
/// reader can follow one moment down the page.
struct TimeAxis: Sendable {
    /// Width of every drawing.
    static let width = 1000.0
    /// Room for row labels and the y axis.
    static let left = 128.0
    static let right = 24.0

    /// The simulated time the axis spans.
    let span: Nanoseconds
    /// Bounds of each column in simulated time.
    let columns: [(start: Nanoseconds, end: Nanoseconds)]

    init(_ history: RunHistory) {
        span = max(1, history.scenario.duration)
        columns = (0..<history.columnCount).map { (history.columnStart($0), history.columnEnd($0)) }
    }

    var plotLeft: Double { Self.left }
    var plotRight: Double { Self.width - Self.right }

    /// The x of a moment.
    func x(_ time: Nanoseconds) -> Double {
        LinearScale(d0: 0, d1: Double(span), r0: plotLeft, r1: plotRight)(Double(min(max(0, time), span)))
    }

    /// The x of a column's middle.
    func x(column: Int) -> Double {
        (x(columns[column].start) + x(columns[column].end)) / 2
    }

    /// Ticks, tick labels and the axis title below a plot whose bottom edge is at `y`.
    func shapes(below y: Double, top: Double, palette: Palette) -> [SVGShape] {
        var shapes: [SVGShape] = [
            .line(from: Point(x: plotLeft, y: y), to: Point(x: plotRight, y: y), stroke: palette.axis)
        ]
        let ticks = timeTicks(span: span)
        for tick in ticks {
            let tx = x(tick)
            if tick > 0 {
                shapes.append(
                    .line(from: Point(x: tx, y: top), to: Point(x: tx, y: y), stroke: palette.gridLine))
            }
            shapes.append(.line(from: Point(x: tx, y: y), to: Point(x: tx, y: y + 5), stroke: palette.axis))
            shapes.append(
                .text(
                    formatDuration(tick), at: Point(x: tx, y: y + 18),
                    style: TextStyle(size: 12, anchor: .middle, color: palette.text)))
        }
        shapes.append(
            .text(
                "simulated time", at: Point(x: (plotLeft + plotRight) / 2, y: y + 36),
                style: TextStyle(size: 12, anchor: .middle, color: palette.mutedText)))
        return shapes
    }

    /// Height the shapes below a plot take.
    static let heightBelow = 44.0
}
