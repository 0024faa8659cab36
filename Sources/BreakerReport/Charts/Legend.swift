/// A row of legend entries that wraps to the drawing's width.
struct Legend {
    enum Swatch {
        case line(Stroke)
        case area(Fill)
        case marker(Marker)
        /// Any drawing, centred on the point given.
        case drawing((Point) -> [SVGShape])
    }

    struct Entry {
        var swatch: Swatch
        var label: String
    }

    var entries: [Entry]

    /// The legend's shapes from `origin` (top left) and the height it takes.
    func layout(at origin: Point, width: Double, palette: Palette) -> (shapes: [SVGShape], height: Double) {
        guard !entries.isEmpty else { return ([], 0) }
        let rowHeight = 20.0
        var shapes: [SVGShape] = []
        var x = origin.x
        var y = origin.y
        for entry in entries {
            let labelWidth = estimatedWidth(entry.label, size: 12)
            let needed = 28 + labelWidth
            if x > origin.x && x + needed > origin.x + width {
                x = origin.x
                y += rowHeight
            }
            let middle = y + rowHeight / 2
            switch entry.swatch {
            case .line(let stroke):
                shapes.append(
                    .line(from: Point(x: x, y: middle), to: Point(x: x + 22, y: middle), stroke: stroke))
            case .area(let fill):
                shapes.append(
                    .rect(x: x, y: middle - 6, width: 22, height: 12, fill: fill, stroke: palette.swatchEdge))
            case .marker(let marker):
                shapes += marker.shapes(at: Point(x: x + 11, y: middle), size: 9)
            case .drawing(let draw):
                shapes += draw(Point(x: x + 11, y: middle))
            }
            shapes.append(
                .text(
                    entry.label, at: Point(x: x + 28, y: middle + 4),
                    style: TextStyle(size: 12, color: palette.text)))
            x += needed + 18
        }
        return (shapes, y + rowHeight - origin.y)
    }
}
