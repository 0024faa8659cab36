/// A drawing, rendered as an inline `<svg>` element: typed shapes in, well-formed XML out.
///
/// Numbers are written with at most one decimal and text is escaped, so the same drawing always
/// gives the same bytes and an XML parser accepts them.
struct SVGDocument: Sendable, Equatable {
    var width: Double
    var height: Double
    /// The accessible name of the drawing (also its tooltip).
    var title: String
    /// Prepended to pattern ids, so that several drawings can share one HTML page (ids must be unique
    /// there) and each still carries its own patterns when copied out alone.
    var idPrefix = ""
    var patterns: [HatchPattern] = []
    var shapes: [SVGShape] = []

    /// The `<svg>` element.
    func render() -> String {
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(svgNumber(width)) \(svgNumber(height))\""
        out += " width=\"\(svgNumber(width))\" height=\"\(svgNumber(height))\" role=\"img\""
        out += " aria-label=\"\(escapeXML(title))\"><title>\(escapeXML(title))</title>"
        if !patterns.isEmpty {
            out += "<defs>"
            for pattern in patterns { render(pattern, into: &out) }
            out += "</defs>"
        }
        for shape in shapes { render(shape, into: &out) }
        out += "</svg>"
        return out
    }

    private func render(_ pattern: HatchPattern, into out: inout String) {
        let size = svgNumber(pattern.spacing)
        out +=
            "<pattern id=\"\(escapeXML(idPrefix + pattern.id))\" patternUnits=\"userSpaceOnUse\" width=\"\(size)\""
        out += " height=\"\(size)\" patternTransform=\"rotate(\(svgNumber(pattern.angle)))\">"
        if let background = pattern.background {
            out += "<rect width=\"\(size)\" height=\"\(size)\" fill=\"\(escapeXML(background))\"/>"
        }
        out += "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"\(size)\" stroke=\"\(escapeXML(pattern.color))\""
        out += " stroke-width=\"\(svgNumber(pattern.lineWidth))\"/></pattern>"
    }

    private func render(_ shape: SVGShape, into out: inout String) {
        switch shape {
        case .rect(let x, let y, let width, let height, let fill, let stroke):
            out += "<rect x=\"\(svgNumber(x))\" y=\"\(svgNumber(y))\" width=\"\(svgNumber(max(0, width)))\""
            out += " height=\"\(svgNumber(max(0, height)))\"" + paint(fill, stroke) + "/>"
        case .line(let from, let to, let stroke):
            out += "<line x1=\"\(svgNumber(from.x))\" y1=\"\(svgNumber(from.y))\""
            out += " x2=\"\(svgNumber(to.x))\" y2=\"\(svgNumber(to.y))\"" + paint(.none, stroke) + "/>"
        case .polyline(let points, let stroke):
            out += "<polyline points=\"" + pointList(points) + "\"" + paint(.none, stroke)
            out += " stroke-linejoin=\"round\"/>"
        case .polygon(let points, let fill, let stroke):
            out += "<polygon points=\"" + pointList(points) + "\"" + paint(fill, stroke) + "/>"
        case .circle(let center, let radius, let fill, let stroke):
            out +=
                "<circle cx=\"\(svgNumber(center.x))\" cy=\"\(svgNumber(center.y))\" r=\"\(svgNumber(radius))\""
            out += paint(fill, stroke) + "/>"
        case .text(let text, let at, let style):
            out +=
                "<text x=\"\(svgNumber(at.x))\" y=\"\(svgNumber(at.y))\" font-size=\"\(svgNumber(style.size))\""
            if style.anchor != .start { out += " text-anchor=\"\(style.anchor.rawValue)\"" }
            if style.bold { out += " font-weight=\"bold\"" }
            out += " fill=\"\(escapeXML(style.color))\""
            if style.halo {
                out +=
                    " stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\""
            }
            if style.rotation != 0 {
                out +=
                    " transform=\"rotate(\(svgNumber(style.rotation)) \(svgNumber(at.x)) \(svgNumber(at.y)))\""
            }
            out += ">" + escapeXML(text) + "</text>"
        case .group(let shapes, let label):
            out += "<g"
            if let series = label.series { out += " data-series=\"\(escapeXML(series))\"" }
            out += ">"
            if let tooltip = label.tooltip { out += "<title>\(escapeXML(tooltip))</title>" }
            for shape in shapes { render(shape, into: &out) }
            out += "</g>"
        }
    }

    private func paint(_ fill: Fill, _ stroke: Stroke?) -> String {
        var out = ""
        switch fill {
        case .none: out += " fill=\"none\""
        case .color(let color): out += " fill=\"\(escapeXML(color))\""
        case .pattern(let id): out += " fill=\"url(#\(escapeXML(idPrefix + id)))\""
        }
        if let stroke {
            out += " stroke=\"\(escapeXML(stroke.color))\" stroke-width=\"\(svgNumber(stroke.width))\""
            if !stroke.dash.isEmpty {
                out += " stroke-dasharray=\"\(stroke.dash.map(svgNumber).joined(separator: " "))\""
            }
        }
        return out
    }

    private func pointList(_ points: [Point]) -> String {
        var out = ""
        out.reserveCapacity(points.count * 12)
        for (index, point) in points.enumerated() {
            if index > 0 { out += " " }
            out += svgNumber(point.x) + "," + svgNumber(point.y)
        }
        return out
    }
}

/// A coordinate with at most one decimal: `12.34` → `"12.3"`, `5.0` → `"5"`.
///
/// Locale-free and exact for the same input, so drawings are byte-identical from run to run.
func svgNumber(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let tenths = Int((value * 10).rounded())
    let sign = tenths < 0 ? "-" : ""
    let magnitude = tenths.magnitude
    return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
}
