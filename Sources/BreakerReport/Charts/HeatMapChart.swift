import BreakerSimulation

/// A grid of cells shaded by score, the best cell outlined and starred.
struct HeatMapChart {
    struct Cell {
        var score: Double
        var text: String
        var tooltip: String
    }

    var title: String
    var rowTitle: String
    var columnTitle: String
    var rowLabels: [String]
    var columnLabels: [String]
    /// Row by row; `nil` for combinations that did not run.
    var cells: [Cell?]
    var best: Int?
    /// The scenario's own settings, when they are in the grid.
    var own: Int?
    /// Cells within the noise of the best, marked ≈.
    var tied: Set<Int> = []

    func document(palette: Palette) -> SVGDocument {
        let left = 150.0
        let top = 52.0
        let columns = max(1, columnLabels.count)
        let rows = max(1, rowLabels.count)
        let cellWidth = min(130, (TimeAxis.width - left - 24) / Double(columns))
        let cellHeight = max(14, min(34, 560 / Double(rows)))
        let gridWidth = cellWidth * Double(columns)
        let gridHeight = cellHeight * Double(rows)
        let scores = cells.compactMap { $0?.score }
        let low = scores.min() ?? 0
        let high = scores.max() ?? 1
        func t(_ score: Double) -> Double { high > low ? (score - low) / (high - low) : 1 }
        var shapes: [SVGShape] = []

        shapes.append(
            .text(
                columnTitle, at: Point(x: left + gridWidth / 2, y: 16),
                style: TextStyle(size: 13, anchor: .middle, bold: true, color: palette.text)))
        let labelSize = min(12, cellHeight * 0.7)
        for (column, label) in columnLabels.enumerated() {
            shapes.append(
                .text(
                    fitted(label, width: cellWidth - 4, size: 12) ?? "",
                    at: Point(x: left + (Double(column) + 0.5) * cellWidth, y: top - 8),
                    style: TextStyle(size: 12, anchor: .middle, color: palette.text)))
        }
        shapes.append(
            .text(
                rowTitle, at: Point(x: 22, y: top + gridHeight / 2),
                style: TextStyle(size: 13, anchor: .middle, bold: true, color: palette.text, rotation: -90)))
        for (row, label) in rowLabels.enumerated() {
            // Between the rotated row title and the grid: a long trip rule is cut with an ellipsis.
            shapes.append(
                .text(
                    fitted(label, width: left - 44, size: labelSize) ?? "",
                    at: Point(x: left - 10, y: top + (Double(row) + 0.5) * cellHeight + labelSize * 0.35),
                    style: TextStyle(size: labelSize, anchor: .end, color: palette.text)))
        }

        let textSize = min(13, cellHeight * 0.5)
        let showText = cellWidth >= 44 && cellHeight >= 16
        var cellShapes: [SVGShape] = []
        for (index, cell) in cells.enumerated() {
            let x = left + Double(index % columns) * cellWidth
            let y = top + Double(index / columns) * cellHeight
            guard let cell else {
                cellShapes.append(
                    .rect(
                        x: x, y: y, width: cellWidth, height: cellHeight, fill: .color("#ffffff"),
                        stroke: Stroke(color: "#bbbbbb", width: 0.6, dash: [3, 2])))
                continue
            }
            var parts: [SVGShape] = [
                .rect(
                    x: x, y: y, width: cellWidth, height: cellHeight,
                    fill: .color(palette.heat(t(cell.score))),
                    stroke: Stroke(color: "#ffffff", width: 1))
            ]
            if showText {
                parts.append(
                    .text(
                        cell.text, at: Point(x: x + cellWidth / 2, y: y + cellHeight / 2 + textSize * 0.36),
                        style: TextStyle(
                            size: textSize, anchor: .middle, color: palette.heatText(t(cell.score)))))
            }
            cellShapes.append(.group(parts, label: GroupLabel(tooltip: cell.tooltip)))
        }
        shapes.append(.group(cellShapes, label: GroupLabel(series: "heat-map")))

        func outline(_ index: Int, dash: [Double]) -> [SVGShape] {
            let x = left + Double(index % columns) * cellWidth
            let y = top + Double(index / columns) * cellHeight
            return [
                .rect(
                    x: x + 1.5, y: y + 1.5, width: cellWidth - 3, height: cellHeight - 3, fill: .none,
                    stroke: Stroke(color: "#000000", width: 3, dash: dash)),
                .rect(
                    x: x + 3.5, y: y + 3.5, width: cellWidth - 7, height: cellHeight - 7, fill: .none,
                    stroke: Stroke(color: "#ffffff", width: 1.2, dash: dash)),
            ]
        }
        if let own, own != best {
            shapes.append(.group(outline(own, dash: [5, 3]), label: GroupLabel(series: "scenario-own")))
        }
        if let best {
            let x = left + Double(best % columns) * cellWidth
            let y = top + Double(best / columns) * cellHeight
            let star = starPolygon(
                center: Point(x: x + min(12, cellHeight / 2), y: y + cellHeight / 2),
                radius: min(8, cellHeight / 2 - 2))
            shapes.append(
                .group(
                    outline(best, dash: []) + [
                        .polygon(star, fill: .color("#ffffff"), stroke: Stroke(color: "#000000", width: 1.2))
                    ],
                    label: GroupLabel(series: "best", tooltip: "best")))
        }

        if !tied.isEmpty {
            var marks: [SVGShape] = []
            for index in tied.sorted() {
                guard let cell = cells[index] else { continue }
                let x = left + Double(index % columns) * cellWidth
                let y = top + Double(index / columns) * cellHeight
                marks.append(
                    .text(
                        "≈", at: Point(x: x + cellWidth - 5, y: y + min(14, cellHeight - 2)),
                        style: TextStyle(
                            size: min(14, cellHeight * 0.6), anchor: .end, bold: true,
                            color: palette.heatText(t(cell.score)))))
            }
            shapes.append(
                .group(
                    marks,
                    label: GroupLabel(series: "indistinguishable", tooltip: "within the noise of the best")))
        }

        // Legend: the scale from worst to best, and what the outlines mean.
        let legendTop = top + gridHeight + 22
        let steps = 10
        let stepWidth = 26.0
        var legend: [SVGShape] = [
            .text(
                "score", at: Point(x: left - 10, y: legendTop + 12),
                style: TextStyle(size: 12, anchor: .end, color: palette.text))
        ]
        for step in 0..<steps {
            let value = Double(step) / Double(steps - 1)
            legend.append(
                .rect(
                    x: left + Double(step) * stepWidth, y: legendTop, width: stepWidth, height: 16,
                    fill: .color(palette.heat(value))))
        }
        legend.append(
            .text(
                formatScore(low) + " (worst shown)", at: Point(x: left, y: legendTop + 32),
                style: TextStyle(size: 12, color: palette.text)))
        legend.append(
            .text(
                formatScore(high) + " (best)",
                at: Point(x: left + Double(steps) * stepWidth, y: legendTop + 32),
                style: TextStyle(size: 12, anchor: .end, color: palette.text)))
        var x = left + Double(steps) * stepWidth + 40
        let bestSwatch = starPolygon(center: Point(x: x + 11, y: legendTop + 8), radius: 7)
        legend.append(
            .rect(
                x: x, y: legendTop - 2, width: 22, height: 20, fill: .color(palette.heat(1)),
                stroke: Stroke(color: "#000000", width: 3)))
        legend.append(
            .polygon(bestSwatch, fill: .color("#ffffff"), stroke: Stroke(color: "#000000", width: 1.2)))
        legend.append(
            .text(
                "best", at: Point(x: x + 30, y: legendTop + 13),
                style: TextStyle(size: 12, color: palette.text)))
        x += 80
        if own != nil && own != best {
            legend.append(
                .rect(
                    x: x, y: legendTop - 2, width: 22, height: 20, fill: .color(palette.heat(0.5)),
                    stroke: Stroke(color: "#000000", width: 3, dash: [5, 3])))
            legend.append(
                .text(
                    "the scenario's own settings", at: Point(x: x + 30, y: legendTop + 13),
                    style: TextStyle(size: 12, color: palette.text)))
        }
        if cells.contains(where: { $0 == nil }) {
            x += own != nil && own != best ? 210 : 0
            legend.append(
                .rect(
                    x: x, y: legendTop - 2, width: 22, height: 20, fill: .color("#ffffff"),
                    stroke: Stroke(color: "#bbbbbb", width: 0.6, dash: [3, 2])))
            legend.append(
                .text(
                    "did not run", at: Point(x: x + 30, y: legendTop + 13),
                    style: TextStyle(size: 12, color: palette.text)))
        }
        if !tied.isEmpty {
            legend.append(
                .text(
                    "≈ within the noise of the best: less than two standard errors of the per-seed differences",
                    at: Point(x: left, y: legendTop + 52), style: TextStyle(size: 12, color: palette.text)))
        }
        shapes.append(.group(legend, label: GroupLabel(series: "legend")))
        return SVGDocument(
            width: TimeAxis.width, height: legendTop + (tied.isEmpty ? 44 : 64), title: title, shapes: shapes)
    }
}
