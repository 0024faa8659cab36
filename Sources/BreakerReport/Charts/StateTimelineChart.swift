import BreakerCore
import BreakerSimulation

/// One band per breaker, coloured (or patterned) by state over time, with its half-open probes
/// marked; breakers grouped by client, each group under a strip of its service's phases.
struct StateTimelineChart {
    struct Row {
        var label: String
        /// The state held for most of each column; `nil` where the run did not get to.
        var states: [CircuitState?]
        var probes: [RunHistory.ProbeMarks]
    }

    struct Group {
        var title: String
        var service: String
        var phases: [TimeChart.Band]
        var rows: [Row]
    }

    var title: String
    var axis: TimeAxis
    var groups: [Group]

    static let rowHeight = 14.0
    static let rowPitch = 18.0

    static func probeMarker(_ mark: RunHistory.ProbeMarks, palette: Palette) -> Marker {
        if mark.contains(.failed) { return Marker(shape: .cross, fill: "#000000", stroke: "#000000") }
        if mark.contains(.succeeded) {
            return Marker(
                shape: .circle, fill: palette.style == .mono ? "#ffffff" : "#0072B2",
                stroke: palette.style == .mono ? "#000000" : "#ffffff")
        }
        return Marker(shape: .diamond, fill: "#ffffff", stroke: "#000000")
    }

    func document(palette: Palette) -> SVGDocument {
        let legend = Legend(entries: [
            Legend.Entry(swatch: .area(palette.stateFill(.closed)), label: "closed"),
            Legend.Entry(swatch: .area(palette.stateFill(.open)), label: "open"),
            Legend.Entry(swatch: .area(palette.stateFill(.halfOpen)), label: "half-open"),
            Legend.Entry(swatch: .area(palette.phaseFill), label: "service degraded"),
            Legend.Entry(swatch: .marker(Self.probeMarker(.sent, palette: palette)), label: "probe sent"),
            Legend.Entry(
                swatch: .marker(Self.probeMarker(.succeeded, palette: palette)), label: "probe succeeded"),
            Legend.Entry(swatch: .marker(Self.probeMarker(.failed, palette: palette)), label: "probe failed"),
        ]).layout(at: Point(x: axis.plotLeft, y: 4), width: axis.plotRight - axis.plotLeft, palette: palette)
        var y = 4 + legend.height + 8
        let top = y
        var shapes = legend.shapes
        for group in groups {
            // The group's title, then its service's phases as a labelled strip.
            shapes.append(
                .text(
                    group.title, at: Point(x: 4, y: y + 13),
                    style: TextStyle(size: 12, bold: true, color: palette.text)))
            y += 20
            var strip: [SVGShape] = [
                .rect(
                    x: axis.plotLeft, y: y, width: axis.plotRight - axis.plotLeft, height: 14, fill: .none,
                    stroke: Stroke(color: "#bbbbbb", width: 0.6))
            ]
            for phase in group.phases {
                let x0 = axis.x(phase.start)
                let x1 = axis.x(phase.end)
                strip.append(.rect(x: x0, y: y, width: x1 - x0, height: 14, fill: palette.phaseFill))
                if let label = fitted(phase.label, width: x1 - x0 - 4, size: 10) {
                    strip.append(
                        .text(
                            label, at: Point(x: (x0 + x1) / 2, y: y + 11),
                            style: TextStyle(size: 10, anchor: .middle, color: palette.text)))
                }
            }
            shapes.append(
                .group(
                    strip,
                    label: GroupLabel(series: "phases:\(group.service)", tooltip: "\(group.service) phases")))
            shapes.append(
                .text(
                    fitted(group.service, width: axis.plotLeft - 16, size: 10) ?? "",
                    at: Point(x: axis.plotLeft - 8, y: y + 11),
                    style: TextStyle(size: 10, anchor: .end, color: palette.mutedText)))
            y += 18
            for row in group.rows {
                shapes.append(rowShapes(row, y: y, palette: palette))
                y += Self.rowPitch
            }
            y += 6
        }
        let bottom = y
        shapes += axis.shapes(below: bottom, top: top, palette: palette)
        return SVGDocument(
            width: TimeAxis.width, height: bottom + TimeAxis.heightBelow, title: title,
            patterns: palette.patterns,
            shapes: shapes)
    }

    private func rowShapes(_ row: Row, y: Double, palette: Palette) -> SVGShape {
        var shapes: [SVGShape] = [
            .text(
                fitted(row.label, width: axis.plotLeft - 16, size: 11) ?? "",
                at: Point(x: axis.plotLeft - 8, y: y + 11),
                style: TextStyle(size: 11, anchor: .end, color: palette.text))
        ]
        // Runs of equal state become one rectangle each.
        var column = 0
        let count = min(row.states.count, axis.columns.count)
        while column < count {
            guard let state = row.states[column] else {
                column += 1
                continue
            }
            var end = column + 1
            while end < count && row.states[end] == state { end += 1 }
            let x0 = axis.x(axis.columns[column].start)
            let x1 = axis.x(axis.columns[end - 1].end)
            shapes.append(
                .rect(
                    x: x0, y: y, width: x1 - x0, height: Self.rowHeight, fill: palette.stateFill(state),
                    stroke: state == .halfOpen ? Stroke(color: "#777777", width: 0.4) : nil))
            column = end
        }
        for (column, mark) in row.probes.enumerated() where column < count && !mark.isEmpty {
            shapes += Self.probeMarker(mark, palette: palette).shapes(
                at: Point(x: axis.x(column: column), y: y + Self.rowHeight / 2), size: 8)
        }
        return .group(shapes, label: GroupLabel(series: "breaker:\(row.label)", tooltip: row.label))
    }
}
